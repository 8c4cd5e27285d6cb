import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api';
import { Deadline } from '../../components/Deadline';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Form, sendChecked } from '../../components/Form';
import { Page } from '../../components/Page';
import { formatDate } from '../../format';
import { useDraft, useLoad } from '../../hooks';
import { label, NOMINATION_OUTCOME_LABELS, PERSPECTIVE_LABELS, REQUEST_STATE_LABELS } from '../../labels';
import type { NominationRequest, NominationView, RequestNomination } from '../../types';
import { emptyNominee, nomineeBody, NomineeFields, type NomineeDraft } from './NomineeFields';

/** Organisation contact: one request: the group's commission, nominate a person, or decline this round. */
export function NominationRequestPage() {
  const { id = '' } = useParams();
  const [request, reload] = useLoad(
    () =>
      Promise.all([
        api.get<NominationRequest>(`/nomination-requests/${encodeURIComponent(id)}`),
        api.get<RequestNomination[]>(`/nomination-requests/${encodeURIComponent(id)}/nominations`),
      ]),
    [id],
  );
  const [draft, update, clear] = useDraft<NomineeDraft>(`nominera-${id}`, () => emptyNominee());
  const [confirmation, setConfirmation] = useState('');

  if (request.status !== 'ok')
    return (
      <Page title="Förfrågan om nominering">
        {request.status === 'loading' ? <Working>Hämtar förfrågan …</Working> : <ErrorMessage error={request.error} title="Förfrågan kunde inte visas" />}
      </Page>
    );
  const [r, nominations] = request.data;
  const open = r.state === 'sent' || r.state === 'reminded';
  // Issue 16 #1: more than one person, up to what the request asks for, while its reply time lasts; a declined
  // nominee's place is free again.
  const taken = nominations.filter((n) => n.state !== 'rejected').length;
  const placesLeft = r.wanted === null ? null : Math.max(0, r.wanted - taken);
  const canNominate = (open || r.state === 'nominated') && Date.parse(r.deadline) > Date.now() && placesLeft !== 0;
  return (
    <Page title={`Nominera till ${r.groupName ?? 'arbetsgruppen'}`}>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <p>
        <strong>{label(REQUEST_STATE_LABELS, r.state)}</strong>
        {open && (
          <>
            {' '}
            – svara <Deadline date={r.deadline} />.
          </>
        )}
      </p>
      {r.urgent && open && <p className="urgent-note">Brådskande: gruppen har redan börjat arbeta.</p>}
      {r.wanted !== null && (
        <p>
          Förfrågan gäller {r.wanted === 1 ? 'en person' : `upp till ${r.wanted} personer`}.
          {taken > 0 && ` Ni har nominerat ${taken}${placesLeft ? ` och kan nominera ${placesLeft} till` : ''}.`}
        </p>
      )}
      {r.message && (
        <section aria-labelledby="meddelande">
          <h2 id="meddelande">Meddelande från samordnaren</h2>
          <div className="prose">{r.message}</div>
        </section>
      )}
      {nominations.length > 0 && <Outcomes nominations={nominations} />}
      <section aria-labelledby="uppdraget">
        <h2 id="uppdraget">Gruppens uppdrag</h2>
        <div className="prose">{r.commission}</div>
      </section>
      {canNominate && (
        <section aria-labelledby="nominera">
            <h2 id="nominera">{taken > 0 ? 'Nominera en person till' : 'Nominera en person'}</h2>
            <p>Personen får sedan ett erbjudande från samordnaren, som beslutar om vem som utses.</p>
            <Form
              submitLabel="Skicka nomineringen"
              sendingLabel="Skickar nomineringen …"
              onSubmit={async () => {
                const checks = {
                  fullName: !draft.fullName.trim() && 'Skriv personens namn.',
                  email: !draft.email.trim() && 'Skriv personens e-postadress.',
                  perspective: !draft.perspective && 'Välj patient eller närstående.',
                  representation: !draft.representation && 'Välj hur personen företräder.',
                };
                const n = await sendChecked(checks, (extra) => api.post<NominationView>(`/nomination-requests/${r.id}/nominations`, { ...nomineeBody(draft), ...extra }));
                clear();
                setConfirmation(`Tack! ${n.nominee.fullName} är nominerad. Samordnaren beslutar och ni får besked.`);
                await reload();
              }}
            >
              <NomineeFields draft={draft} update={update} />
            </Form>
        </section>
      )}
      {open && (
          <section aria-labelledby="avsta">
            <h2 id="avsta">Tacka nej</h2>
            <Form
              idPrefix="avsta-"
              submitLabel="Vi nominerar ingen den här gången"
              sendingLabel="Skickar …"
              onSubmit={async () => {
                await api.post(`/nomination-requests/${r.id}/decline`);
                setConfirmation('Ni har tackat nej till att nominera i den här omgången. Samordnaren får besked.');
                await reload();
              }}
            >
              <p>Har ni ingen lämplig person just nu kan ni tacka nej. Samordnaren kan då rekrytera på annat sätt.</p>
            </Form>
          </section>
      )}
      <NextStep>
        {open ? (
          <p>
            Svara <Deadline date={r.deadline} />. Svarar ni inte i tid går förfrågan vidare utan er.
          </p>
        ) : r.state === 'nominated' ? (
          <p>Samordnaren beslutar om dem ni har nominerat. Ni får besked via e-post, och besluten syns under ”Era nomineringar”.</p>
        ) : (
          <p>Förfrågan är avslutad. Inget mer behöver göras.</p>
        )}
      </NextStep>
    </Page>
  );
}

/** What became of each person the organisation nominated (issue 17 #4): waiting, appointed, or declined and why. */
function Outcomes({ nominations }: { nominations: RequestNomination[] }) {
  return (
    <section aria-labelledby="era-nomineringar">
      <h2 id="era-nomineringar">Era nomineringar</h2>
      <ul className="outcome-list">
        {nominations.map((n) => (
          <li key={n.id}>
            <strong>{n.fullName}</strong> ({label(PERSPECTIVE_LABELS, n.perspective).toLowerCase() || 'perspektiv ej angivet'}):{' '}
            {label(NOMINATION_OUTCOME_LABELS, n.state)}
            {n.decidedAt && n.state !== 'proposed' ? ` ${formatDate(n.decidedAt)}` : ''}.
            {n.state === 'rejected' && n.declineReason ? (
              <>
                {' '}
                Samordnarens skäl: <q>{n.declineReason}</q>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
