import { Link } from 'react-router';
import { api } from '../api';
import { ErrorMessage, NextStep, Working } from '../components/Feedback';
import { Page } from '../components/Page';
import { useLoad } from '../hooks';
import { GROUP_KIND_LABELS, label, RECRUITMENT_STATE_LABELS, REGION_LABELS } from '../labels';
import type { WorkingGroup } from '../types';

/** Coordinator/admin: every group and its staffing against the at-least-two rule (§4.2). */
export function GroupsPage() {
  const [groups] = useLoad(() => api.get<WorkingGroup[]>('/working-groups'), []);
  return (
    <Page
      title="Arbetsgrupper"
      intro={<p>Varje arbetsgrupp ska ha minst två patient- eller närståendeföreträdare. Här ser du vilka grupper som har det och vilka som behöver fler.</p>}
    >
      <p>
        <Link className="button" to="/grupper/ny">
          Skapa en ny arbetsgrupp
        </Link>
      </p>
      {groups.status === 'loading' && <Working>Hämtar grupperna …</Working>}
      {groups.status === 'error' && <ErrorMessage error={groups.error} title="Grupperna kunde inte hämtas" />}
      {groups.status === 'ok' && groups.data.length === 0 && <p>Det finns inga arbetsgrupper ännu.</p>}
      {groups.status === 'ok' && groups.data.length > 0 && (
        <>
          <StaffingSummary groups={groups.data} />
          <div className="table-wrap" role="region" aria-labelledby="grupptabell" tabIndex={0}>
            <table>
              <caption id="grupptabell">Alla arbetsgrupper ({groups.data.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Grupp</th>
                  <th scope="col">Typ</th>
                  <th scope="col">Värdregion</th>
                  <th scope="col">Bemanning</th>
                </tr>
              </thead>
              <tbody>
                {groups.data.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">
                      <Link to={`/grupper/${g.id}`}>{g.name}</Link>
                    </th>
                    <td>{GROUP_KIND_LABELS[g.kind] ?? g.kind}</td>
                    <td>{label(REGION_LABELS, g.hostRegion) || '–'}</td>
                    <td>
                      <StaffingBadge state={g.recruitmentState} />
                      <span className="small"> Minst {g.minRepresentatives} företrädare.</span>
                      {g.workStartedOn && g.recruitmentState !== 'staffed' && <span className="small"> Gruppen har redan börjat: rekrytera så snart som möjligt.</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}

export function StaffingBadge({ state }: { state: string }) {
  const kind = state === 'staffed' ? 'ok' : state === 'open' || state === 'recruiting' ? 'warn' : 'neutral';
  return <span className={`badge badge-${kind}`}>{label(RECRUITMENT_STATE_LABELS, state)}</span>;
}

function StaffingSummary({ groups }: { groups: WorkingGroup[] }) {
  const under = groups.filter((g) => g.recruitmentState === 'open' || g.recruitmentState === 'recruiting' || g.recruitmentState === 'not-started');
  return (
    <NextStep title="Det här behöver göras">
      {under.length === 0 ? (
        <p>Alla grupper har minst det antal företrädare de ska ha.</p>
      ) : (
        <>
          <p>
            {under.length === 1 ? 'En grupp' : `${under.length} grupper`} har för få patient- eller närståendeföreträdare. Rekryteringen pågår tills gruppen har
            minst två; öppna gruppen för att se läget.
          </p>
          <ul>
            {under.map((g) => (
              <li key={g.id}>
                <Link to={`/grupper/${g.id}`}>{g.name}</Link>
                {g.workStartedOn ? ' – har redan börjat arbeta, rekrytera så snart som möjligt' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </NextStep>
  );
}
