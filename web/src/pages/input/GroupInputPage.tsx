import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, itemsOf } from '../../api';
import { Confirmation, ErrorMessage, Working } from '../../components/Feedback';
import { Form, requireFields, SelectField, TextArea, TextField } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDate, todayInStockholm } from '../../format';
import { useLoad } from '../../hooks';
import { INPUT_OUTCOME_LABELS } from '../../labels';
import type { ActivityPage, ActivityView, EvaluationAggregate, InputItem, Schemas } from '../../types';
import { InputItemList } from './InputItemList';

type Nomination = Schemas['NominationViewDto'];
const OUTCOMES = Object.entries(INPUT_OUTCOME_LABELS).map(([value, l]) => ({ value, label: l }));

/**
 * "Inspel och utvärdering" of a group (issue 19 #1, coordinators): record what the representatives raised at an
 * activity and what became of it (each outcome is mailed to the representatives), change an outcome, and see the
 * year's answers to "Kom din kunskap till användning?" together, without names.
 */
export function GroupInputPage() {
  const { id = '' } = useParams();
  const g = encodeURIComponent(id);
  const thisYear = Number(todayInStockholm().slice(0, 4));
  const [year, setYear] = useState(String(thisYear));
  const [items, reloadItems] = useLoad(() => api.get<InputItem[]>(`/working-groups/${g}/input-items?year=${year}`), [id, year]);
  const [activities] = useLoad(() => api.get<ActivityPage | ActivityView[]>(`/working-groups/${g}/activities`), [id]);
  const [nominations] = useLoad(() => api.get<Nomination[]>(`/working-groups/${g}/nominations`), [id]);
  const [evaluation] = useLoad(() => api.get<EvaluationAggregate>(`/working-groups/${g}/evaluations/${year}`), [id, year]);
  const [confirmation, setConfirmation] = useState('');
  const meetings = activities.status === 'ok' ? itemsOf(activities.data).filter((a) => !a.agreementActivity) : [];
  const representatives =
    nominations.status === 'ok' ? nominations.data.filter((n) => n.assignmentId && n.state === 'appointed').map((n) => ({ value: n.assignmentId as string, label: n.nominee.fullName })) : [];
  const saved = async (message: string) => {
    await reloadItems();
    setConfirmation(message);
  };

  return (
    <Page
      title="Inspel och utvärdering"
      intro={<p>Skriv in vad patient- och närståendeföreträdarna tog upp på gruppens möten och vad det blev av det. Företrädarna ser det på sina uppdrag och får ett mejl när du skriver in ett utfall.</p>}
    >
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <section aria-labelledby="nytt-inspel">
        <h2 id="nytt-inspel">Skriv in ett inspel</h2>
        {activities.status === 'loading' && <Working>Hämtar aktiviteterna …</Working>}
        {activities.status === 'error' && <ErrorMessage error={activities.error} title="Aktiviteterna kunde inte hämtas" />}
        {activities.status === 'ok' && meetings.length === 0 && <p>Gruppen har inga aktiviteter ännu. Skapa ett möte först.</p>}
        {meetings.length > 0 && <RecordForm groupMeetings={meetings} representatives={representatives} onSaved={saved} />}
      </section>

      <section aria-labelledby="arets-inspel">
        <h2 id="arets-inspel">Inspel under {year}</h2>
        <SelectField
          name="year"
          label="År"
          value={year}
          onChange={setYear}
          options={[thisYear, thisYear - 1].map((y) => ({ value: String(y), label: String(y) }))}
        />
        {items.status === 'loading' && <Working>Hämtar inspelen …</Working>}
        {items.status === 'error' && <ErrorMessage error={items.error} title="Inspelen kunde inte hämtas" />}
        {items.status === 'ok' && items.data.length === 0 && <p>Inga inspel är inskrivna för {year}.</p>}
        {items.status === 'ok' && items.data.length > 0 && <InputItemList items={items.data}>{(i) => <OutcomeForm item={i} onSaved={saved} />}</InputItemList>}
      </section>

      <section aria-labelledby="utvardering">
        <h2 id="utvardering">Kom företrädarnas kunskap till användning? ({year})</h2>
        {evaluation.status === 'loading' && <Working>Hämtar svaren …</Working>}
        {evaluation.status === 'error' && <ErrorMessage error={evaluation.error} title="Svaren kunde inte hämtas" />}
        {evaluation.status === 'ok' && <EvaluationFigures e={evaluation.data} />}
      </section>
      <p>
        <Link to={`/grupper/${id}`}>Tillbaka till gruppen</Link>
      </p>
    </Page>
  );
}

function RecordForm({ groupMeetings, representatives, onSaved }: { groupMeetings: ActivityView[]; representatives: Array<{ value: string; label: string }>; onSaved: (m: string) => Promise<void> }) {
  const empty = { activityId: '', raised: '', raisedBy: '', outcome: '', reason: '', section: '' };
  const [d, setD] = useState(empty);
  const set = (patch: Partial<typeof empty>) => setD((x) => ({ ...x, ...patch }));
  return (
    <Form
      idPrefix="nytt-"
      label="Skriv in ett inspel"
      submitLabel="Spara inspelet"
      sendingLabel="Sparar …"
      onSubmit={async () => {
        requireFields({ activityId: !d.activityId && 'Välj aktiviteten.', raised: !d.raised.trim() && 'Skriv vad som togs upp.' });
        await api.post(`/activities/${encodeURIComponent(d.activityId)}/input-items`, {
          raised: d.raised,
          raisedByAssignmentId: d.raisedBy || null,
          outcome: d.outcome || null,
          reason: d.reason.trim() || null,
          guidelineSection: d.section.trim() || null,
        });
        setD(empty);
        await onSaved(d.outcome ? 'Inspelet är sparat. Företrädarna får ett mejl om utfallet.' : 'Inspelet är sparat. Skriv in utfallet när det är klart.');
      }}
    >
      <SelectField
        name="activityId"
        label="Aktivitet"
        value={d.activityId}
        onChange={(v) => set({ activityId: v })}
        placeholder="Välj aktivitet"
        options={groupMeetings.map((a) => ({ value: a.id, label: `${a.title}${a.date ? `, ${formatDate(a.date)}` : ''}` }))}
        required
      />
      <TextArea name="raised" label="Vad togs upp?" hint="Högst 2 000 tecken." value={d.raised} onChange={(v) => set({ raised: v })} rows={4} required />
      <SelectField name="raisedByAssignmentId" label="Vem tog upp det? (frivilligt)" value={d.raisedBy} onChange={(v) => set({ raisedBy: v })} placeholder="Ingen särskild" options={representatives} />
      <SelectField name="outcome" label="Vad blev det av det?" value={d.outcome} onChange={(v) => set({ outcome: v })} placeholder="Inget utfall ännu" options={OUTCOMES} />
      <TextArea name="reason" label="Skäl" hint="Krävs när inspelet inte togs in." value={d.reason} onChange={(v) => set({ reason: v })} rows={3} />
      <TextField name="guidelineSection" label="Avsnitt i kunskapsstödet (frivilligt)" value={d.section} onChange={(v) => set({ section: v })} width="medium" />
    </Form>
  );
}

function OutcomeForm({ item, onSaved }: { item: InputItem; onSaved: (m: string) => Promise<void> }) {
  const [outcome, setOutcome] = useState(item.outcome ?? '');
  const [reason, setReason] = useState(item.reason ?? '');
  return (
    <details className="disclosure">
      <summary>Ändra utfallet</summary>
      <Form
        idPrefix={`utfall-${item.id}-`}
        label="Ändra utfallet"
        submitLabel="Spara utfallet"
        sendingLabel="Sparar …"
        onSubmit={async () => {
          await api.patch(`/input-items/${encodeURIComponent(item.id)}`, { outcome: outcome || null, reason: reason.trim() || null });
          await onSaved('Utfallet är sparat. Företrädarna får ett mejl om det.');
        }}
      >
        <SelectField name="outcome" label="Vad blev det av det?" value={outcome} onChange={setOutcome} placeholder="Inget utfall ännu" options={OUTCOMES} />
        <TextArea name="reason" label="Skäl" hint="Krävs när inspelet inte togs in." value={reason} onChange={setReason} rows={3} />
      </Form>
    </details>
  );
}

function EvaluationFigures({ e }: { e: EvaluationAggregate }) {
  if (!e.shown)
    return (
      <p>
        {e.count} har svarat. {e.hiddenReason}
      </p>
    );
  return (
    <>
      <p>
        {e.count} har svarat. Medelvärde <strong>{e.mean?.toLocaleString('sv-SE')}</strong> på en skala från 1 (inte alls) till 5 (i hög grad).
      </p>
      <div className="table-wrap" role="region" aria-labelledby="fordelning" tabIndex={0}>
        <table>
          <caption id="fordelning">Så svarade företrädarna</caption>
          <thead>
            <tr>
              <th scope="col">Svar</th>
              <th scope="col">Antal</th>
            </tr>
          </thead>
          <tbody>
            {e.distribution.map((d) => (
              <tr key={d.score}>
                <th scope="row">{d.score}</th>
                <td>{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {e.comments.length > 0 && (
        <>
          <h3>Fritexter (utan namn)</h3>
          <ul>
            {e.comments.map((c, n) => (
              <li key={n} className="pre-wrap">
                {c}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
