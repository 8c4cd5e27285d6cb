import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import { Deadline } from '../../components/Deadline';
import { Confirmation, ErrorMessage, Working } from '../../components/Feedback';
import { Checkbox, CheckboxGroup, Form, RadioGroup, requireFields, sendChecked, TextArea, TextField } from '../../components/Form';
import { formatDate, parseWhole } from '../../format';
import { useDraft, useLoad } from '../../hooks';
import { label, NOMINATION_STATE_LABELS, ORGANISATION_PERSPECTIVE_LABELS, PERSPECTIVE_LABELS, REPRESENTATION_LABELS, REQUEST_STATE_LABELS } from '../../labels';
import type { InvitationStatus, NominationRequest, NominationView, OrganisationPage, RecruitmentStatus } from '../../types';
import { emptyNominee, nomineeBody, NomineeFields, type NomineeDraft } from './NomineeFields';

/**
 * The coordinator's recruitment work for one group (§4.2, §3.3): ask organisations to nominate, recruit directly,
 * and appoint or reject nominees. Every action answers with a confirmation and reloads the group.
 */
export function RecruitmentSection({ groupId, status, onChanged }: { groupId: string; status: RecruitmentStatus | null; onChanged: () => Promise<void> }) {
  const [data, reload] = useLoad(
    () =>
      Promise.all([
        api.get<NominationRequest[]>(`/working-groups/${groupId}/nomination-requests`),
        api.get<NominationView[]>(`/working-groups/${groupId}/nominations`),
        api.get<OrganisationPage>('/organisations?pageSize=200'),
      ]),
    [groupId],
  );
  const [confirmation, setConfirmation] = useState('');
  const done = async (msg: string) => {
    await Promise.all([reload(), onChanged()]);
    setConfirmation(msg);
  };

  if (data.status === 'loading') return <Working>Hämtar rekryteringen …</Working>;
  if (data.status === 'error') return <ErrorMessage error={data.error} title="Rekryteringen kunde inte hämtas" />;
  const [requests, nominations, orgs] = data.data;
  const orgName = (id: string) =>
    orgs.items.find((o) => o.id === id)?.name ?? nominations.find((n) => n.organisationId === id)?.organisationName ?? `organisation ${id.slice(0, 8)}`;
  const waiting = nominations.filter((n) => n.state === 'submitted' || n.state === 'proposed');
  const appointed = nominations.filter((n) => n.state === 'appointed');

  return (
    <>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}

      <section aria-labelledby="att-utse">
        <h2 id="att-utse">Nominerade att ta ställning till ({waiting.length})</h2>
        {waiting.length === 0 ? <p>Inga nominerade väntar på beslut.</p> : waiting.map((n) => <Decide key={n.id} groupId={groupId} nomination={n} onDone={done} />)}
      </section>

      <section aria-labelledby="foretradare">
        <h2 id="foretradare">Utsedda företrädare</h2>
        {appointed.length === 0 ? (
          <p>Ingen är utsedd ännu.</p>
        ) : (
          <ul>
            {appointed.map((n) => (
              <li key={n.id}>
                {n.assignmentId ? <Link to={`/uppdrag/${n.assignmentId}`}>{n.nominee.fullName}</Link> : n.nominee.fullName}, {label(PERSPECTIVE_LABELS, n.nominee.perspective)?.toLowerCase()},{' '}
                {label(REPRESENTATION_LABELS, n.representation).toLowerCase()}
                {n.organisationName ? ` (${n.organisationName})` : ''}
                {n.invitation && n.assignmentId ? <InvitationLine assignmentId={n.assignmentId} invitation={n.invitation} onDone={done} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="forfragningar">
        <h2 id="forfragningar">Förfrågningar till organisationer</h2>
        {status?.round ? (
          <p>
            Omgång {status.round}.{' '}
            {status.roundOpen && status.roundDeadline ? (
              <>
                Organisationerna svarar <Deadline date={status.roundDeadline} />.
              </>
            ) : (
              'Omgången är avslutad.'
            )}
          </p>
        ) : null}
        {requests.length === 0 ? (
          <p>Inga organisationer har fått en förfrågan ännu.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="forfragningstabell" tabIndex={0}>
            <table>
              <caption id="forfragningstabell">Förfrågningar, senaste omgången först</caption>
              <thead>
                <tr>
                  <th scope="col">Organisation</th>
                  <th scope="col">Omgång</th>
                  <th scope="col">Läge</th>
                  <th scope="col">Antal personer</th>
                  <th scope="col">Svara senast</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{orgName(r.organisationId)}</th>
                    <td>{r.round}</td>
                    <td>{label(REQUEST_STATE_LABELS, r.state)}</td>
                    <td>{r.wanted ?? 'Ingen gräns'}</td>
                    <td>{formatDate(r.deadline)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {/* Open while no organisation has been asked: then it is what needs doing first. */}
        <details className="disclosure" open={requests.length === 0 || undefined}>
          <summary>{requests.length === 0 ? 'Be organisationer nominera' : 'Be fler organisationer nominera (ny omgång)'}</summary>
          <StartRound groupId={groupId} asked={requests.map((r) => r.organisationId)} onDone={done} />
        </details>
      </section>

      <section aria-labelledby="direkt">
        <h2 id="direkt">Rekrytera direkt</h2>
        <p>Där ingen organisation finns, eller som komplement, kan du själv föreslå en person. Personen företräder då sin egen erfarenhet.</p>
        <details className="disclosure">
          <summary>Föreslå en person själv</summary>
          <DirectNomination groupId={groupId} onDone={done} />
        </details>
      </section>
    </>
  );
}

function StartRound({ groupId, asked, onDone }: { groupId: string; asked: string[]; onDone: (msg: string) => Promise<void> }) {
  const [orgs] = useLoad(() => api.get<OrganisationPage>('/organisations?pageSize=200'), []);
  const [draft, update, clear] = useDraft(`omgang-${groupId}`, () => ({ organisationIds: [] as string[], direct: false, wanted: '', replyBy: '', message: '' }));
  if (orgs.status === 'loading') return <Working>Hämtar organisationerna …</Working>;
  if (orgs.status === 'error') return <ErrorMessage error={orgs.error} title="Organisationerna kunde inte hämtas" />;
  return (
    <Form
      idPrefix="omgang-"
      label="Be organisationer nominera"
      submitLabel="Skicka förfrågningar"
      sendingLabel="Skickar förfrågningar …"
      onSubmit={async () => {
        const wanted = draft.wanted.trim() ? parseWhole(draft.wanted) : undefined;
        const checks = {
          organisationIds: draft.organisationIds.length === 0 && !draft.direct && 'Välj minst en organisation, eller att du rekryterar direkt.',
          wanted: wanted !== undefined && (Number.isNaN(wanted) || wanted < 1 || wanted > 20) && 'Skriv ett heltal från 1 till 20.',
        };
        const res = await sendChecked(checks, (extra) => api.post<{ round: number; deadline: string; requests: unknown[] }>(`/working-groups/${groupId}/recruitment/rounds`, {
          organisationIds: draft.organisationIds,
          directRecruitment: draft.direct,
          ...(wanted !== undefined ? { wanted } : {}),
          ...(draft.replyBy ? { replyBy: draft.replyBy } : {}),
          ...(draft.message.trim() ? { message: draft.message } : {}),
          ...extra,
        }));
        update({ organisationIds: [], direct: false, wanted: '', replyBy: '', message: '' });
        clear();
        await onDone(
          `Omgång ${res.round} är startad: ${res.requests.length} ${res.requests.length === 1 ? 'organisation har' : 'organisationer har'} fått en förfrågan och ska svara senast ${formatDate(res.deadline)}.`,
        );
      }}
    >
      <h3>Be organisationer nominera</h3>
      {orgs.data.items.length === 0 ? (
        <p>
          Det finns inga organisationer i tjänsten ännu. <Link to="/organisationer">Lägg till en organisation</Link>.
        </p>
      ) : (
        <CheckboxGroup
          name="organisationIds"
          label="Organisationer"
          hint="Välj de patient- och närståendeorganisationer som ska få en förfrågan."
          values={draft.organisationIds}
          onChange={(v) => update({ organisationIds: v })}
          options={orgs.data.items.map((o) => ({
            value: o.id,
            label: o.name,
            hint: `${label(ORGANISATION_PERSPECTIVE_LABELS, o.perspective)}${asked.includes(o.id) ? '. Har redan fått en förfrågan till gruppen.' : ''}`,
          }))}
        />
      )}
      <TextField
        name="wanted"
        label="Hur många personer får varje organisation nominera?"
        hint="1–20. Lämna tomt för gruppens minsta antal företrädare. Den som du avböjer räknas inte."
        inputMode="numeric"
        width="short"
        value={draft.wanted}
        onChange={(v) => update({ wanted: v })}
        required={false}
      />
      <TextField
        name="replyBy"
        label="Sista svarsdag"
        hint="Organisationerna svarar senast kl. 23.59 den dagen, högst 120 dagar fram. Lämna tomt för 21 dagar (7 dagar när gruppen redan har börjat arbeta)."
        type="date"
        width="medium"
        value={draft.replyBy}
        onChange={(v) => update({ replyBy: v })}
        required={false}
      />
      <TextArea
        name="message"
        label="Meddelande till organisationerna"
        hint="Till exempel vilken erfarenhet gruppen söker. Syns i förfrågan och i brevet (högst 2000 tecken)."
        rows={3}
        value={draft.message}
        onChange={(v) => update({ message: v })}
        required={false}
      />
      <Checkbox name="directRecruitment" label="Jag rekryterar också direkt i den här omgången" checked={draft.direct} onChange={(v) => update({ direct: v })} />
    </Form>
  );
}

function DirectNomination({ groupId, onDone }: { groupId: string; onDone: (msg: string) => Promise<void> }) {
  const [draft, update, clear] = useDraft<NomineeDraft>(`direkt-${groupId}`, () => emptyNominee('own-experience'));
  return (
    <Form
      idPrefix="direkt-"
      label="Rekrytera direkt"
      submitLabel="Föreslå personen"
      sendingLabel="Sparar …"
      onSubmit={async () => {
        const checks = {
          fullName: !draft.fullName.trim() && 'Skriv personens namn.',
          email: !draft.email.trim() && 'Skriv personens e-postadress.',
          perspective: !draft.perspective && 'Välj patient eller närstående.',
        };
        const n = await sendChecked(checks, (extra) => api.post<NominationView>(`/working-groups/${groupId}/nominations`, { ...nomineeBody({ ...draft, representation: 'own-experience' }), ...extra }));
        clear();
        await onDone(`${n.nominee.fullName} är föreslagen och väntar på ditt beslut här ovan.`);
      }}
    >
      <NomineeFields draft={draft} update={update} fixedRepresentation />
    </Form>
  );
}

/** Appoint (with the assignment's terms, the basis of the agreement) or reject one nominee. */
function Decide({ groupId, nomination: n, onDone }: { groupId: string; nomination: NominationView; onDone: (msg: string) => Promise<void> }) {
  const [draft, update, clear] = useDraft(`utse-${n.id}`, () => ({
    periodStart: '',
    periodEnd: '',
    reportingFrequency: 'quarterly',
    feeMode: 'session',
    estimatedMeetingHours: '',
    estimatedOtherHours: '',
    extraPreparationDays: '0',
    employedByOrganisation: false,
  }));
  const [decline, updateDecline, clearDecline] = useDraft(`avboj-${n.id}`, () => ({ reason: '' }));
  const prefix = `${n.id.slice(0, 8)}-`;
  const optionalNumber = (v: string) => (v.trim() ? parseWhole(v) : undefined);
  return (
    <div className="group-box">
      <h3>{n.nominee.fullName}</h3>
      <dl className="facts">
        <div>
          <dt>Nominerad av</dt>
          <dd>{n.organisationName ?? 'Direktrekrytering'}</dd>
        </div>
        <div>
          <dt>Perspektiv</dt>
          <dd>{label(PERSPECTIVE_LABELS, n.nominee.perspective) || '–'}</dd>
        </div>
        <div>
          <dt>Företräder</dt>
          <dd>{label(REPRESENTATION_LABELS, n.representation)}</dd>
        </div>
        <div>
          <dt>E-post</dt>
          <dd>{n.nominee.email}</dd>
        </div>
        <div>
          <dt>Läge</dt>
          <dd>{label(NOMINATION_STATE_LABELS, n.state)}</dd>
        </div>
      </dl>
      <Form
        idPrefix={prefix}
        label={`Utse ${n.nominee.fullName}`}
        submitLabel={`Utse ${n.nominee.fullName}`}
        sendingLabel="Utser och skickar erbjudandet …"
        onSubmit={async () => {
          requireFields({ periodStart: !draft.periodStart && 'Skriv uppdragets första dag.' });
          const num = (v: number | undefined) => (v === undefined ? undefined : Number.isNaN(v) ? null : v);
          await api.post(`/working-groups/${groupId}/nominations/${n.id}/appoint`, {
            periodStart: draft.periodStart,
            ...(draft.periodEnd ? { periodEnd: draft.periodEnd } : {}),
            reportingFrequency: draft.reportingFrequency,
            feeMode: draft.feeMode,
            estimatedMeetingHours: num(optionalNumber(draft.estimatedMeetingHours)),
            estimatedOtherHours: num(optionalNumber(draft.estimatedOtherHours)),
            extraPreparationDays: num(optionalNumber(draft.extraPreparationDays)) ?? 0,
            employedByOrganisation: draft.employedByOrganisation,
          });
          clear();
          await onDone(`${n.nominee.fullName} är utsedd och får nu erbjudandet om uppdraget. Svarstiden syns på uppdragets sida.`);
        }}
      >
        <h4>Villkor för uppdraget</h4>
        <p className="hint">Överenskommelsen tas fram från villkoren och gruppens uppdragsbeskrivning.</p>
        <TextField name="periodStart" label="Uppdragets första dag" type="date" width="medium" value={draft.periodStart} onChange={(v) => update({ periodStart: v })} required />
        <TextField name="periodEnd" label="Uppdragets sista dag" hint="Lämna tomt om uppdraget gäller tills vidare." type="date" width="medium" value={draft.periodEnd} onChange={(v) => update({ periodEnd: v })} required={false} />
        <TextField name="estimatedMeetingHours" label="Beräknad tid i möten, timmar per år" inputMode="numeric" width="short" value={draft.estimatedMeetingHours} onChange={(v) => update({ estimatedMeetingHours: v })} required={false} />
        <TextField name="estimatedOtherHours" label="Beräknad tid utanför möten, timmar per år" inputMode="numeric" width="short" value={draft.estimatedOtherHours} onChange={(v) => update({ estimatedOtherHours: v })} required={false} />
        <TextField name="extraPreparationDays" label="Överenskommen extra förberedelse, heldagar per år" inputMode="numeric" width="short" value={draft.extraPreparationDays} onChange={(v) => update({ extraPreparationDays: v })} />
        <RadioGroup
          name="feeMode"
          label="Arvode"
          value={draft.feeMode}
          onChange={(v) => update({ feeMode: v })}
          options={[
            { value: 'session', label: 'Per möte (heldag, halvdag, kortare insats)' },
            { value: 'hourly', label: 'Per timme' },
          ]}
        />
        <RadioGroup
          name="reportingFrequency"
          label="Hur ofta rapporterar företrädaren tid och kostnader?"
          value={draft.reportingFrequency}
          onChange={(v) => update({ reportingFrequency: v })}
          options={[
            { value: 'quarterly', label: 'Varje kvartal' },
            { value: 'monthly', label: 'Varje månad' },
          ]}
        />
        <Checkbox
          name="employedByOrganisation"
          label="Personen är anställd av organisationen och uppdraget ingår i tjänsten"
          hint="Då betalas inget arvode."
          checked={draft.employedByOrganisation}
          onChange={(v) => update({ employedByOrganisation: v })}
        />
      </Form>
      <Form
        idPrefix={`${prefix}nej-`}
        label={`Avböj ${n.nominee.fullName}`}
        submitLabel="Avböj nomineringen"
        sendingLabel="Avböjer …"
        onSubmit={async () => {
          requireFields({ reason: !decline.reason.trim() && 'Skriv varför personen inte utses.' });
          await api.post(`/working-groups/${groupId}/nominations/${n.id}/reject`, { reason: decline.reason });
          clearDecline();
          await onDone(
            `Nomineringen av ${n.nominee.fullName} är avböjd. ${n.nominee.fullName} får ett brev med skälet${n.organisationName ? `, och ${n.organisationName} får besked` : ''}.`,
          );
        }}
      >
        <p>Passar personen inte för uppdraget? Avböj nomineringen och skriv varför.</p>
        <TextArea
          name="reason"
          label="Skäl"
          hint="Skälet skickas till den nominerade och visas för organisationen. Skriv med ord som personen förstår (högst 1000 tecken)."
          rows={3}
          value={decline.reason}
          onChange={(v) => updateDecline({ reason: v })}
          required
        />
      </Form>
    </div>
  );
}

/** An appointed person's invitation: when it was sent, until when it works, whether it was used; send it again (16 #3). */
function InvitationLine({ assignmentId, invitation, onDone }: { assignmentId: string; invitation: InvitationStatus; onDone: (msg: string) => Promise<void> }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const text =
    invitation.state === 'used'
      ? `Inbjudan använd${invitation.usedAt ? ` ${formatDate(invitation.usedAt)}` : ''}: kontot är aktiverat.`
      : invitation.state === 'not-sent'
        ? 'Ingen inbjudan skickad.'
        : `Inbjudan skickad ${invitation.sentAt ? formatDate(invitation.sentAt) : ''}${
            invitation.state === 'sent' && invitation.validUntil ? `, gäller till ${formatDate(invitation.validUntil)}` : invitation.state === 'expired' ? ', har gått ut' : ', ersatt'
          }, inte använd ännu.`;
  const resend = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/assignments/${assignmentId}/invitation/resend`, {});
      await onDone('En ny inbjudan är skickad. Den gamla länken fungerar inte längre.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {' '}— {text}{' '}
      {invitation.state !== 'used' && (
        <button type="button" className="button button-secondary" onClick={() => void resend()} disabled={busy}>
          Skicka inbjudan igen
        </button>
      )}
      {error ? <ErrorMessage error={error} title="Inbjudan kunde inte skickas" /> : null}
    </>
  );
}
