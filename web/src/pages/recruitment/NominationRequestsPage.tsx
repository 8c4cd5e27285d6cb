import { Link } from 'react-router';
import { api } from '../../api';
import { Deadline } from '../../components/Deadline';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { formatDate } from '../../format';
import { useLoad } from '../../hooks';
import { label, REQUEST_STATE_LABELS } from '../../labels';
import type { NominationRequest } from '../../types';

const UNANSWERED = ['sent', 'reminded'];
/** Open: not answered yet, or answered with nominations while the reply time lasts (more may follow, issue 16 #1). */
const isOpen = (r: NominationRequest) => UNANSWERED.includes(r.state) || (r.state === 'nominated' && Date.parse(r.deadline) > Date.now());

/** Organisation contact: the requests to nominate a representative, open ones first with their deadline. */
export function NominationRequestsPage() {
  const [requests] = useLoad(() => api.get<NominationRequest[]>('/nomination-requests'), []);
  return (
    <Page title="Förfrågningar om nominering" intro={<p>Arbetsgrupper ber er organisation nominera patient- eller närståendeföreträdare. Nominera en person eller tacka nej före sista dagen.</p>}>
      {requests.status === 'loading' && <Working>Hämtar förfrågningarna …</Working>}
      {requests.status === 'error' && <ErrorMessage error={requests.error} title="Förfrågningarna kunde inte hämtas" />}
      {requests.status === 'ok' && (
        <>
          {requests.data.filter(isOpen).length === 0 ? (
            <NextStep>
              <p>Inga förfrågningar väntar på svar. När en grupp ber er nominera visas det här och ni får ett e-postmeddelande.</p>
            </NextStep>
          ) : (
            <ul className="task-list">
              {requests.data
                .filter(isOpen)
                .map((r) => (
                  <li key={r.id} className={r.urgent ? 'task task-urgent' : 'task'}>
                    <h2 className="task-title">
                      <Link to={`/nomineringar/${r.id}`}>{r.groupName || 'Arbetsgrupp'}</Link>
                    </h2>
                    {r.urgent && <p className="urgent-note">Brådskande: gruppen har redan börjat arbeta</p>}
                    <p>
                      {UNANSWERED.includes(r.state) ? 'Nominera eller tacka nej' : 'Se samordnarens beslut, eller nominera fler'} <Deadline date={r.deadline} />.
                    </p>
                  </li>
                ))}
            </ul>
          )}
          {requests.data.some((r) => !isOpen(r)) && (
            <section aria-labelledby="tidigare">
              <h2 id="tidigare">Tidigare förfrågningar</h2>
              <ul>
                {requests.data
                  .filter((r) => !isOpen(r))
                  .map((r) => (
                    <li key={r.id}>
                      <Link to={`/nomineringar/${r.id}`}>{r.groupName || 'Arbetsgrupp'}</Link>, {formatDate(r.createdAt)}: {label(REQUEST_STATE_LABELS, r.state).toLowerCase()}
                    </li>
                  ))}
              </ul>
            </section>
          )}
        </>
      )}
    </Page>
  );
}
