import { Link, useNavigate, useParams } from 'react-router';
import { api, newId } from '../../api';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { DurationField, Form, RadioGroup, sendChecked, SelectField, TextArea, TextField, toMinutes } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDate } from '../../format';
import { useDraft, useLoad } from '../../hooks';
import { ACTIVITY_MODE_LABELS, FEE_RULE_HINTS, FEE_RULE_LABELS, GROUP_ACTIVITY_KIND_HINTS, GROUP_ACTIVITY_KIND_LABELS, GROUP_ACTIVITY_KINDS } from '../../labels';
import type { ActivityView, WorkingGroupView } from '../../types';

interface Draft {
  /** The activity's id, made once per draft: sending twice (or after a reload) creates one activity. */
  id: string;
  title: string;
  kind: string;
  date: string;
  startTime: string;
  hours: string;
  minutes: string;
  mode: string;
  feeRule: string;
  agenda: string;
  materialSentOn: string;
}

const emptyDraft = (): Draft => ({
  id: newId(),
  title: '',
  kind: 'meeting',
  date: '',
  startTime: '',
  hours: '',
  minutes: '',
  mode: '',
  feeRule: 'by-length',
  agenda: '',
  materialSentOn: '',
});

/** One agenda item per line; empty lines dropped. */
export const agendaItems = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Coordinator: a new activity of the group (a meeting or other work the group calls its representatives to). */
export function NewActivityPage() {
  const { id: groupId = '' } = useParams();
  const navigate = useNavigate();
  const [draft, update, clear] = useDraft<Draft>(`ny-aktivitet-${groupId}`, emptyDraft);
  const [group] = useLoad(() => api.get<WorkingGroupView>(`/working-groups/${encodeURIComponent(groupId)}`), [groupId]);

  async function submit() {
    const minutes = toMinutes(draft.hours, draft.minutes);
    const checks = {
      title: !draft.title.trim() && 'Skriv vad aktiviteten heter.',
      kind: !draft.kind && 'Välj vad det är för aktivitet.',
      date: !draft.date && 'Skriv vilken dag aktiviteten är.',
      durationMinutes: !draft.hours.trim() && !draft.minutes.trim() && 'Skriv hur lång aktiviteten är.',
      mode: !draft.mode && 'Välj hur aktiviteten hålls.',
    };
    const agenda = agendaItems(draft.agenda);
    const body = {
      id: draft.id,
      title: draft.title.trim(),
      kind: draft.kind,
      date: draft.date,
      ...(draft.startTime ? { startTime: draft.startTime.slice(0, 5) } : {}),
      durationMinutes: Number.isNaN(minutes) ? null : minutes,
      mode: draft.mode,
      feeRule: draft.feeRule || 'by-length',
      ...(agenda.length ? { agenda } : {}),
      ...(draft.materialSentOn ? { materialSentOn: draft.materialSentOn } : {}),
    };
    const created = await sendChecked(checks, (extra) => api.post<ActivityView>(`/working-groups/${encodeURIComponent(groupId)}/activities`, { ...body, ...extra }));
    clear();
    void navigate(`/grupper/${groupId}`, {
      state: { confirmation: `Aktiviteten ${created.title} den ${formatDate(created.date)} är sparad. Företrädarna som kallas kan nu rapportera sin tid mot den.` },
    });
  }

  const groupName = group.status === 'ok' ? group.data.group.name : '';
  return (
    <Page
      title="Ny aktivitet"
      intro={
        <p>
          {groupName ? `För ${groupName}. ` : ''}Lägg in varje möte eller annat arbete som gruppen kallar företrädarna till. Företrädarna rapporterar sin tid mot
          aktiviteten. Det du skriver sparas i webbläsaren medan du arbetar.
        </p>
      }
    >
      {group.status === 'loading' && <Working>Hämtar gruppen …</Working>}
      {group.status === 'error' && <ErrorMessage error={group.error} title="Gruppen kunde inte visas" />}
      <Form onSubmit={submit} submitLabel="Spara aktiviteten" sendingLabel="Sparar aktiviteten …" secondary={<Link to={`/grupper/${groupId}`}>Avbryt</Link>}>
        <TextField name="title" label="Vad heter aktiviteten?" hint="Till exempel: Arbetsmöte 3" value={draft.title} onChange={(v) => update({ title: v })} required />
        <RadioGroup
          name="kind"
          label="Vad är det för aktivitet?"
          value={draft.kind}
          onChange={(v) => update({ kind: v })}
          options={GROUP_ACTIVITY_KINDS.map((k) => ({ value: k, label: GROUP_ACTIVITY_KIND_LABELS[k], hint: GROUP_ACTIVITY_KIND_HINTS[k] }))}
        />
        <TextField name="date" label="Datum" type="date" width="medium" value={draft.date} onChange={(v) => update({ date: v })} required />
        <TextField name="startTime" label="Starttid" hint="Timmar och minuter, till exempel 13:00." type="time" width="short" value={draft.startTime} onChange={(v) => update({ startTime: v })} required={false} />
        <DurationField
          name="durationMinutes"
          label="Hur lång är aktiviteten?"
          hint="Utan restid. Var och en rapporterar sin egen tid och restid."
          hours={draft.hours}
          minutes={draft.minutes}
          onChange={(h, m) => update({ hours: h, minutes: m })}
        />
        <RadioGroup
          name="mode"
          label="Hur hålls aktiviteten?"
          value={draft.mode}
          onChange={(v) => update({ mode: v })}
          options={Object.entries(ACTIVITY_MODE_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          name="feeRule"
          label="Hur räknas arvodet?"
          hint={FEE_RULE_HINTS[draft.feeRule]}
          value={draft.feeRule}
          onChange={(v) => update({ feeRule: v })}
          options={Object.entries(FEE_RULE_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextArea
          name="agenda"
          label="Dagordning"
          hint="En punkt per rad."
          rows={4}
          value={draft.agenda}
          onChange={(v) => update({ agenda: v })}
          required={false}
        />
        <TextField
          name="materialSentOn"
          label="Dag då underlaget skickades till företrädarna"
          hint="Lämna tomt om underlaget inte är skickat ännu."
          type="date"
          width="medium"
          value={draft.materialSentOn}
          onChange={(v) => update({ materialSentOn: v })}
          required={false}
        />
      </Form>
      <NextStep>
        <p>
          Alla som har tackat ja till ett uppdrag i gruppen, och inte har avslutat det, kallas. Efter aktiviteten rapporterar var och en sin tid, restid och sina kostnader mot den, och du
          attesterar rapporterna.
        </p>
      </NextStep>
    </Page>
  );
}
