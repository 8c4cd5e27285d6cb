import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api';
import { Deadline } from '../../components/Deadline';
import { Confirmation, ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Form, requireFields } from '../../components/Form';
import { Page } from '../../components/Page';
import { useDraft, useLoad } from '../../hooks';
import { label, REQUEST_STATE_LABELS } from '../../labels';
import type { NominationRequest, NominationView } from '../../types';
import { emptyNominee, nomineeBody, NomineeFields, type NomineeDraft } from './NomineeFields';

/** Organisation contact: one request: the group's commission, nominate a person, or decline this round. */
export function NominationRequestPage() {
  const { id = '' } = useParams();
  const [request, reload] = useLoad(() => api.get<NominationRequest>(`/nomination-requests/${encodeURIComponent(id)}`), [id]);
  const [draft, update, clear] = useDraft<NomineeDraft>(`nominera-${id}`, () => emptyNominee());
  const [confirmation, setConfirmation] = useState('');

  if (request.status !== 'ok')
    return (
      <Page title="Förfrågan om nominering">
        {request.status === 'loading' ? <Working>Hämtar förfrågan …</Working> : <ErrorMessage error={request.error} title="Förfrågan kunde inte visas" />}
      </Page>
    );
  const r = request.data;
  const open = r.state === 'sent' || r.state === 'reminded';
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
      <section aria-labelledby="uppdraget">
        <h2 id="uppdraget">Gruppens uppdrag</h2>
        <div className="prose">{r.commission}</div>
      </section>
      {open && (
        <>
          <section aria-labelledby="nominera">
            <h2 id="nominera">Nominera en person</h2>
            <p>Personen får sedan ett erbjudande från samordnaren, som beslutar om vem som utses.</p>
            <Form
              submitLabel="Skicka nomineringen"
              sendingLabel="Skickar nomineringen …"
              onSubmit={async () => {
                requireFields({
                  fullName: !draft.fullName.trim() && 'Skriv personens namn.',
                  email: !draft.email.trim() && 'Skriv personens e-postadress.',
                  perspective: !draft.perspective && 'Välj patient eller närstående.',
                  representation: !draft.representation && 'Välj hur personen företräder.',
                });
                const n = await api.post<NominationView>(`/nomination-requests/${r.id}/nominations`, nomineeBody(draft));
                clear();
                setConfirmation(`Tack! ${n.nominee.fullName} är nominerad. Samordnaren beslutar och ni får besked.`);
                await reload();
              }}
            >
              <NomineeFields draft={draft} update={update} />
            </Form>
          </section>
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
        </>
      )}
      <NextStep>
        {open ? (
          <p>
            Svara <Deadline date={r.deadline} />. Svarar ni inte i tid går förfrågan vidare utan er.
          </p>
        ) : r.state === 'nominated' ? (
          <p>Samordnaren beslutar om den ni har nominerat. Ni får besked via e-post.</p>
        ) : (
          <p>Förfrågan är avslutad. Inget mer behöver göras.</p>
        )}
      </NextStep>
    </Page>
  );
}
