import { Link, useNavigate } from 'react-router';
import { api, newId } from '../api';
import { ErrorMessage, NextStep } from '../components/Feedback';
import { Checkbox, Form, RadioGroup, SelectField, sendChecked, TextArea, TextField } from '../components/Form';
import { Page } from '../components/Page';
import { useDraft, useLoad } from '../hooks';
import { GROUP_KIND_LABELS, GROUP_KINDS, REGION_LABELS, REGIONS, type GroupKind } from '../labels';
import type { WorkingGroup, WorkingGroupView } from '../types';

interface Draft {
  /** The group's id, made once per draft: sending twice (or after a reload) creates one group. */
  id: string;
  name: string;
  kind: GroupKind | '';
  parentGroupId: string;
  hostRegion: string;
  commission: string;
  standing: 'ja' | 'nej';
  endsOn: string;
  started: boolean;
  workStartedOn: string;
  minRepresentatives: string;
}

const emptyDraft = (): Draft => ({
  id: newId(),
  name: '',
  kind: '',
  parentGroupId: '',
  hostRegion: '',
  commission: '',
  standing: 'ja',
  endsOn: '',
  started: false,
  workStartedOn: '',
  minRepresentatives: '2',
});

const KIND_HINTS: Record<GroupKind, string> = {
  NPO: 'Värdregionen betalar arvoden och resor.',
  NSG: 'SKR betalar arvoden och resor.',
  NAG: 'Hör till en NPO eller en NSG, som också avgör vem som betalar.',
  RPO: 'Regionen betalar enligt sina egna regler.',
  RAG: 'Regionen betalar enligt sina egna regler.',
};

export function NewGroupPage() {
  const navigate = useNavigate();
  const [draft, update, clearDraft] = useDraft<Draft>('ny-grupp', emptyDraft);
  const [groups] = useLoad(() => api.get<WorkingGroup[]>('/working-groups'), []);
  const parents = groups.status === 'ok' ? groups.data.filter((g) => g.kind === 'NPO' || g.kind === 'NSG') : [];
  const needsRegion = draft.kind === 'NPO' || draft.kind === 'RPO' || draft.kind === 'RAG';

  async function submit() {
    const body = {
      id: draft.id,
      name: draft.name.trim(),
      kind: draft.kind,
      commission: draft.commission,
      standing: draft.standing === 'ja',
      minRepresentatives: Number(draft.minRepresentatives),
      ...(draft.kind === 'NAG' ? { parentGroupId: draft.parentGroupId } : {}),
      ...(draft.hostRegion && draft.kind !== 'NAG' && draft.kind !== 'NSG' ? { hostRegion: draft.hostRegion } : {}),
      ...(draft.standing === 'nej' ? { endsOn: draft.endsOn } : {}),
      ...(draft.started ? { workStartedOn: draft.workStartedOn } : {}),
    };
    const checks = {
      name: !draft.name.trim() && 'Skriv gruppens namn.',
      kind: !draft.kind && 'Välj vilken typ av grupp det är.',
      parentGroupId: draft.kind === 'NAG' && !draft.parentGroupId && 'Välj den NPO eller NSG som gruppen hör till.',
      hostRegion: needsRegion && !draft.hostRegion && 'Välj gruppens värdregion.',
      commission: !draft.commission.trim() && 'Skriv gruppens uppdragsbeskrivning.',
      endsOn: draft.standing === 'nej' && !draft.endsOn && 'Skriv när gruppens arbete slutar.',
      workStartedOn: draft.started && !draft.workStartedOn && 'Skriv när gruppen började arbeta.',
    };
    const created = await sendChecked(checks, (extra) => api.post<WorkingGroupView>('/working-groups', { ...body, ...extra }));
    clearDraft();
    void navigate(`/grupper/${created.group.id}`, {
      state: { confirmation: `Gruppen ${created.group.name} är skapad och rekryteringen av patient- och närståendeföreträdare har startat.` },
    });
  }

  return (
    <Page
      title="Skapa arbetsgrupp"
      intro={
        <p>
          När du sparar gruppen startar rekryteringen av patient- och närståendeföreträdare direkt. Det du skriver sparas i webbläsaren medan du arbetar, så
          inget försvinner om du laddar om sidan.
        </p>
      }
    >
      {groups.status === 'error' && <ErrorMessage error={groups.error} title="Listan över överordnade grupper kunde inte hämtas" />}
      <Form onSubmit={submit} submitLabel="Skapa gruppen" sendingLabel="Skapar gruppen och startar rekryteringen …" secondary={<Link to="/grupper">Avbryt</Link>}>
        <TextField name="name" label="Gruppens namn" hint="Till exempel: NAG Hjärtsvikt" value={draft.name} onChange={(v) => update({ name: v })} required />
        <RadioGroup
          name="kind"
          label="Vilken typ av grupp är det?"
          value={draft.kind}
          onChange={(v) => update({ kind: v as GroupKind })}
          options={GROUP_KINDS.map((k) => ({ value: k, label: GROUP_KIND_LABELS[k], hint: KIND_HINTS[k] }))}
        />
        {draft.kind === 'NAG' && (
          <SelectField
            name="parentGroupId"
            label="Vilken NPO eller NSG hör gruppen till?"
            value={draft.parentGroupId}
            onChange={(v) => update({ parentGroupId: v })}
            placeholder="Välj grupp"
            options={parents.map((p) => ({ value: p.id, label: `${p.name} (${p.kind})` }))}
            hint={parents.length === 0 && groups.status === 'ok' ? 'Det finns ingen NPO eller NSG ännu. Skapa den först.' : undefined}
          />
        )}
        {draft.kind && draft.kind !== 'NAG' && draft.kind !== 'NSG' && (
          <SelectField
            name="hostRegion"
            label="Värdregion"
            hint="Den sjukvårdsregion som är värd för gruppen."
            value={draft.hostRegion}
            onChange={(v) => update({ hostRegion: v })}
            placeholder="Välj sjukvårdsregion"
            options={REGIONS.map((r) => ({ value: r, label: REGION_LABELS[r] }))}
          />
        )}
        <TextArea
          name="commission"
          label="Uppdragsbeskrivning"
          hint="Vad gruppen ska göra. Överenskommelserna med företrädarna bygger på den."
          value={draft.commission}
          onChange={(v) => update({ commission: v })}
          required
        />
        <RadioGroup
          name="standing"
          label="Är gruppen stående eller tidsbegränsad?"
          value={draft.standing}
          onChange={(v) => update({ standing: v as 'ja' | 'nej' })}
          options={[
            { value: 'ja', label: 'Stående grupp' },
            { value: 'nej', label: 'Tidsbegränsad grupp' },
          ]}
        />
        {draft.standing === 'nej' && (
          <TextField name="endsOn" label="Sista dag för gruppens arbete" type="date" width="medium" value={draft.endsOn} onChange={(v) => update({ endsOn: v })} required />
        )}
        <Checkbox
          name="started"
          label="Gruppen har redan börjat arbeta"
          hint="Då ska företrädarna rekryteras så snart som möjligt."
          checked={draft.started}
          onChange={(v) => update({ started: v })}
        />
        {draft.started && (
          <TextField
            name="workStartedOn"
            label="Datum då gruppen började arbeta"
            type="date"
            width="medium"
            value={draft.workStartedOn}
            onChange={(v) => update({ workStartedOn: v })}
            required
          />
        )}
        <TextField
          name="minRepresentatives"
          label="Minsta antal patient- och närståendeföreträdare"
          hint="Minst två enligt rutinen."
          type="number"
          inputMode="numeric"
          width="short"
          value={draft.minRepresentatives}
          onChange={(v) => update({ minRepresentatives: v })}
        />
      </Form>
      <NextStep>
        <p>
          Gruppen sparas och rekryteringen startar. Gruppen räknas som bemannad när minst det antal företrädare du anger har ett aktivt uppdrag. Varje år
          påminns gruppen om sin årliga översyn.
        </p>
      </NextStep>
    </Page>
  );
}
