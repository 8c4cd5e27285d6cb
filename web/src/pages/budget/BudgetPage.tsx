import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api';
import { hasRole, useUser } from '../../auth';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Form, SelectField, TextArea, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDateTime, formatOre, oreToInput, parseKronor, parseWhole, todayInStockholm } from '../../format';
import { useLoad } from '../../hooks';
import type { BudgetView } from '../../types';

interface TravelDraft {
  representatives: string;
  trips: string;
  cost: string;
}

interface Draft {
  representatives: string;
  fullDays: string;
  halfDays: string;
  shortSessions: string;
  extraPreparationDays: string;
  travel: TravelDraft[];
  note: string;
}

const draftOf = (v: BudgetView): Draft => {
  const p = v.plan;
  return p
    ? {
        representatives: String(p.representatives),
        fullDays: String(p.fullDays),
        halfDays: String(p.halfDays),
        shortSessions: String(p.shortSessions),
        extraPreparationDays: String(p.extraPreparationDays),
        travel: p.travel.map((t) => ({ representatives: String(t.representatives), trips: String(t.tripsPerRepresentative), cost: oreToInput(t.costPerTripOre) })),
        note: p.note ?? '',
      }
    : { representatives: '2', fullDays: '0', halfDays: '0', shortSessions: '0', extraPreparationDays: '0', travel: [], note: '' };
};

/** Numbers the person typed; an unreadable one is sent as null so the API names the field. */
const whole = (s: string) => {
  const n = parseWhole(s);
  return Number.isNaN(n) ? null : n;
};
const ore = (s: string) => {
  const n = parseKronor(s);
  return Number.isNaN(n) ? null : n;
};

/**
 * The group's budget for a year (issue 19 #4): the coordinator plans the year — meetings, extra preparation, trips,
 * representatives — and sees what it costs the payer, computed as a payout would be, and later what was paid.
 */
export function BudgetPage() {
  const { id = '' } = useParams();
  const thisYear = Number(todayInStockholm().slice(0, 4));
  const [year, setYear] = useState(thisYear + 1);
  const [confirmation, setConfirmation] = useState('');
  const [view, reload] = useLoad(() => api.get<BudgetView>(`/working-groups/${encodeURIComponent(id)}/budgets/${year}`), [id, year]);

  const years = Array.from({ length: 8 }, (_, i) => thisYear - 2 + i);
  const title = view.status === 'ok' ? `Budget för ${view.data.groupName}` : 'Budget';
  return (
    <Page
      title={title}
      intro={
        <p>
          Planera gruppens år innan det börjar: möten, överenskommen extra förberedelse och resor. Kostnaden räknas som en utbetalning, med betalarens taxetabell för
          året, arbetsgivaravgifter och resor. När året går jämförs planen med det som har betalats ut.
        </p>
      }
    >
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <SelectField
        name="year"
        label="År"
        value={String(year)}
        onChange={(v) => {
          setConfirmation('');
          setYear(Number(v));
        }}
        options={years.map((y) => ({ value: String(y), label: String(y) }))}
      />
      {view.status === 'loading' && <Working>Hämtar budgeten …</Working>}
      {view.status === 'error' && <ErrorMessage error={view.error} title="Budgeten kunde inte visas" />}
      {view.status === 'ok' && (
        <BudgetContent
          key={`${year}:${view.data.plan?.version ?? 0}`}
          view={view.data}
          onSaved={async (v) => {
            setConfirmation(`Budgeten för ${v.year} är sparad (version ${v.plan?.version}).`);
            await reload();
          }}
        />
      )}
    </Page>
  );
}

function BudgetContent({ view, onSaved }: { view: BudgetView; onSaved: (v: BudgetView) => Promise<void> }) {
  const user = useUser();
  const mayEdit = hasRole(user, 'coordinator');
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setTravel = (i: number, patch: Partial<TravelDraft>) => update({ travel: draft.travel.map((t, j) => (j === i ? { ...t, ...patch } : t)) });

  async function save() {
    const body = {
      representatives: whole(draft.representatives),
      fullDays: whole(draft.fullDays),
      halfDays: whole(draft.halfDays),
      shortSessions: whole(draft.shortSessions),
      extraPreparationDays: whole(draft.extraPreparationDays),
      travel: draft.travel.map((t) => ({ representatives: whole(t.representatives), tripsPerRepresentative: whole(t.trips), costPerTripOre: ore(t.cost) })),
      note: draft.note.trim() ? draft.note : null,
      version: view.plan?.version ?? 0,
    };
    const saved = await api.put<BudgetView>(`/working-groups/${encodeURIComponent(view.groupId)}/budgets/${view.year}`, body);
    await onSaved(saved);
  }

  return (
    <>
      {view.payer ? (
        <p>
          Betalare: <strong>{view.payer.name}</strong>
        </p>
      ) : (
        view.payerProblem && <p className="info-box">{view.payerProblem}</p>
      )}
      <CostSection view={view} />
      <ComparisonSection view={view} />

      <section aria-labelledby="planen">
        <h2 id="planen">Planen för {view.year}</h2>
        {!view.editable && <p className="info-box">{view.notEditableReason}</p>}
        {view.editable && !mayEdit && <p>Gruppens samordnare planerar och ändrar budgeten.</p>}
        {view.plan && !mayEdit && <PlanFacts view={view} />}
        {view.editable && mayEdit && (
          <Form onSubmit={save} submitLabel="Spara budgeten" sendingLabel="Sparar …" label={`Budget för ${view.year}`}>
            <TextField name="representatives" label="Antal patient- och närståendeföreträdare" inputMode="numeric" width="short" value={draft.representatives} onChange={(v) => update({ representatives: v })} />
            <TextField name="fullDays" label="Heldagar (mer än 4 timmar)" hint="Varje företrädare deltar i alla möten." inputMode="numeric" width="short" value={draft.fullDays} onChange={(v) => update({ fullDays: v })} />
            <TextField name="halfDays" label="Halvdagar (2–4 timmar)" inputMode="numeric" width="short" value={draft.halfDays} onChange={(v) => update({ halfDays: v })} />
            <TextField name="shortSessions" label="Kortare insatser (högst 2 timmar)" hint="Till exempel avstämningar via video eller telefon." inputMode="numeric" width="short" value={draft.shortSessions} onChange={(v) => update({ shortSessions: v })} />
            <TextField
              name="extraPreparationDays"
              label="Extra förberedelse per företrädare, i heldagar"
              hint="Den extra tid som överenskommelsen ger, till exempel en dag för inläsning."
              inputMode="numeric"
              width="short"
              value={draft.extraPreparationDays}
              onChange={(v) => update({ extraPreparationDays: v })}
            />
            {draft.travel.map((t, i) => (
              <fieldset className="group-box" key={i}>
                <legend>Resor, rad {i + 1}</legend>
                <TextField name={`travel.${i}.representatives`} label="Antal företrädare som reser så här" inputMode="numeric" width="short" value={t.representatives} onChange={(v) => setTravel(i, { representatives: v })} />
                <TextField name={`travel.${i}.tripsPerRepresentative`} label="Resor tur och retur per företrädare" inputMode="numeric" width="short" value={t.trips} onChange={(v) => setTravel(i, { trips: v })} />
                <TextField name={`travel.${i}.costPerTripOre`} label="Kostnad per resa, i kronor" inputMode="decimal" width="short" value={t.cost} onChange={(v) => setTravel(i, { cost: v })} />
                <button type="button" className="button button-secondary" onClick={() => update({ travel: draft.travel.filter((_, j) => j !== i) })}>
                  Ta bort resor, rad {i + 1}
                </button>
              </fieldset>
            ))}
            <p>
              <button type="button" className="button button-secondary" onClick={() => update({ travel: [...draft.travel, { representatives: '1', trips: '', cost: '' }] })}>
                Lägg till resor
              </button>
            </p>
            <TextArea name="note" label="Anteckning" required={false} rows={3} value={draft.note} onChange={(v) => update({ note: v })} />
          </Form>
        )}
      </section>

      {view.versions.length > 0 && (
        <section aria-labelledby="versioner">
          <h2 id="versioner">Sparade versioner</h2>
          <ul>
            {view.versions.map((v) => (
              <li key={v.version}>
                Version {v.version}, {formatDateTime(v.savedAt)}
                {v.savedByName ? `, ${v.savedByName}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function CostSection({ view }: { view: BudgetView }) {
  const cost = view.cost;
  return (
    <section aria-labelledby="kostnad">
      <h2 id="kostnad">Kostnad för {view.year}</h2>
      {!cost && <p>{view.costProblem}</p>}
      {cost && (
        <>
          <p className="big-number">
            {formatOre(cost.costOre)} för {cost.payerName}
          </p>
          <div className="table-wrap" role="region" aria-labelledby="kostnad-tabell" tabIndex={0}>
            <table>
              <caption id="kostnad-tabell">Kostnaden, hela gruppen</caption>
              <tbody>
                <Row label="Arvoden" ore={cost.feesOre} />
                <Row label="Arbetsgivaravgifter" ore={cost.contributionsOre} />
                <Row label="Summa utan resor" ore={cost.costExcludingTravelOre} />
                <Row label="Resor" ore={cost.travelOre} />
                <Row label="Summa med resor" ore={cost.costOre} />
              </tbody>
            </table>
          </div>
          <div className="table-wrap" role="region" aria-labelledby="per-foretradare" tabIndex={0}>
            <table>
              <caption id="per-foretradare">Per företrädare</caption>
              <thead>
                <tr>
                  <th scope="col">Företrädare</th>
                  <th scope="col" className="number">
                    Arvoden
                  </th>
                  <th scope="col" className="number">
                    Arbetsgivaravgifter
                  </th>
                  <th scope="col" className="number">
                    Resor
                  </th>
                  <th scope="col" className="number">
                    Kostnad var
                  </th>
                </tr>
              </thead>
              <tbody>
                {cost.byRepresentative.map((k, i) => (
                  <tr key={i}>
                    <th scope="row">
                      {k.representatives} st, {k.tripsPerRepresentative === 0 ? 'utan resor' : `${k.tripsPerRepresentative} resor à ${formatOre(k.costPerTripOre)}`}
                    </th>
                    <td className="number">{formatOre(k.each.feesOre)}</td>
                    <td className="number">{formatOre(k.each.contributionsOre)}</td>
                    <td className="number">{formatOre(k.each.travelOre)}</td>
                    <td className="number">{formatOre(k.each.costOre)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">{cost.basis}</p>
        </>
      )}
    </section>
  );
}

function Row({ label, ore }: { label: string; ore: number }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="number">{formatOre(ore)}</td>
    </tr>
  );
}

function ComparisonSection({ view }: { view: BudgetView }) {
  if (view.comparison.length === 0) {
    return (
      <NextStep title="Plan mot utfall">
        <p>Inget har betalats ut för gruppens aktiviteter {view.year} ännu. Godkända utbetalningar visas här.</p>
      </NextStep>
    );
  }
  return (
    <section aria-labelledby="utfall">
      <h2 id="utfall">Plan mot utfall</h2>
      <div className="table-wrap" role="region" aria-labelledby="utfall-tabell" tabIndex={0}>
        <table>
          <caption id="utfall-tabell">Planerat och utbetalt per betalare (godkända utbetalningar för årets aktiviteter)</caption>
          <thead>
            <tr>
              <th scope="col">Betalare</th>
              <th scope="col" className="number">
                Planerat
              </th>
              <th scope="col" className="number">
                Utbetalt
              </th>
              <th scope="col" className="number">
                Kvar av budgeten
              </th>
            </tr>
          </thead>
          <tbody>
            {view.comparison.map((c) => (
              <tr key={c.payerCode}>
                <th scope="row">{c.payerName}</th>
                <td className="number">{formatOre(c.plannedOre)}</td>
                <td className="number">{formatOre(c.paidOre)}</td>
                <td className="number">{formatOre(c.differenceOre)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The plan as read by someone who may not change it (finance). */
function PlanFacts({ view }: { view: BudgetView }) {
  const p = view.plan!;
  const facts: Array<[string, string]> = [
    ['Företrädare', String(p.representatives)],
    ['Heldagar', String(p.fullDays)],
    ['Halvdagar', String(p.halfDays)],
    ['Kortare insatser', String(p.shortSessions)],
    ['Extra förberedelse per företrädare', `${p.extraPreparationDays} dagar`],
    ...p.travel.map((t, i): [string, string] => [`Resor, rad ${i + 1}`, `${t.representatives} företrädare, ${t.tripsPerRepresentative} resor var à ${formatOre(t.costPerTripOre)}`]),
  ];
  return (
    <dl className="facts">
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
