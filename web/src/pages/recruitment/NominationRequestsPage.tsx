import { Link } from 'react-router';
import { api } from '../../api';
import { Deadline } from '../../components/Deadline';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { formatDate } from '../../format';
import { useLoad } from '../../hooks';
import { label, REQUEST_STATE_LABELS } from '../../labels';
import type { NominationRequest } from '../../types';

const OPEN = ['sent', 'reminded'];

/** Organisation contact: the requests to nominate a representative, open ones first with their deadline. */
export function NominationRequestsPage() {
  const [requests] = useLoad(() => api.get<NominationRequest[]>('/nomination-requests'), []);
  return (
    <Page title="Förfrågningar om nominering" intro={<p>Arbetsgrupper ber er organisation nominera patient- eller närståendeföreträdare. Nominera en person eller tacka nej före sista dagen.</p>}>
      {requests.status === 'loading' && <Working>Hämtar förfrågningarna …</Working>}
      {requests.status === 'error' && <ErrorMessage error={requests.error} title="Förfrågningarna kunde inte hämtas" />}
      {requests.status === 'ok' && (
        <>
          {requests.data.filter((r) => OPEN.includes(r.state)).length === 0 ? (
            <NextStep>
              <p>Inga förfrågningar väntar på svar. När en grupp ber er nominera visas det här och ni får ett e-postmeddelande.</p>
            </NextStep>
          ) : (
            <ul className="task-list">
              {requests.data
                .filter((r) => OPEN.includes(r.state))
                .map((r) => (
                  <li key={r.id} className={r.urgent ? 'task task-urgent' : 'task'}>
                    <h2 className="task-title">
                      <Link to={`/nomineringar/${r.id}`}>{r.groupName || 'Arbetsgrupp'}</Link>
                    </h2>
                    {r.urgent && <p className="urgent-note">Brådskande: gruppen har redan börjat arbeta</p>}
                    <p>
                      Nominera eller tacka nej <Deadline date={r.deadline} />.
                    </p>
                  </li>
                ))}
            </ul>
          )}
          {requests.data.some((r) => !OPEN.includes(r.state)) && (
            <section aria-labelledby="tidigare">
              <h2 id="tidigare">Tidigare förfrågningar</h2>
              <ul>
                {requests.data
                  .filter((r) => !OPEN.includes(r.state))
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
