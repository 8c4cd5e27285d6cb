import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { formatDate } from '../../format';
import { useLoad } from '../../hooks';
import { ASSIGNMENT_STATE_LABELS, label } from '../../labels';
import type { MyAssignment } from '../../types';

const period = (a: MyAssignment) =>
  a.periodStart && a.periodEnd ? `${formatDate(a.periodStart)} – ${formatDate(a.periodEnd)}` : a.periodStart ? `från ${formatDate(a.periodStart)}` : '';

/**
 * Representative: "Mina uppdrag" (GET /me/assignments), each assignment with its group and state, a link to the
 * assignment and, when it is active, the way to report a meeting. (Timeline, documents and deadlines per
 * assignment are not built here yet; they are on the assignment's page.)
 */
export function MyAssignmentsPage() {
  const [list] = useLoad(() => api.get<MyAssignment[]>('/me/assignments'), []);
  return (
    <Page title="Mina uppdrag" intro={<p>Dina uppdrag som patient- eller närståendeföreträdare. Öppna ett uppdrag för att se överenskommelsen, perioderna och vad som händer härnäst.</p>}>
      {list.status === 'loading' && <Working>Hämtar dina uppdrag …</Working>}
      {list.status === 'error' && <ErrorMessage error={list.error} title="Dina uppdrag kunde inte hämtas" />}
      {list.status === 'ok' && list.data.length === 0 && (
        <NextStep>
          <p>Du har inga uppdrag ännu. När en arbetsgrupp erbjuder dig ett uppdrag visas det här och under Att göra nu, och du får ett e-postmeddelande.</p>
        </NextStep>
      )}
      {list.status === 'ok' && list.data.length > 0 && (
        <ul className="task-list">
          {list.data.map((a) => (
            <li key={a.id} className="task">
              <h2 className="task-title">
                <Link to={`/uppdrag/${a.id}`}>{a.groupName}</Link>
              </h2>
              <p>
                {label(ASSIGNMENT_STATE_LABELS, a.state)}
                {period(a) ? `. Uppdragets tid: ${period(a)}.` : '.'}
              </p>
              {a.state === 'active' && (
                <p>
                  <Link className="button" to={`/uppdrag/${a.id}/rapportera`}>
                    Rapportera ett möte<span className="visually-hidden"> i {a.groupName}</span>
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
