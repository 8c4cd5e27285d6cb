import { Link } from 'react-router';
import { api, itemsOf } from '../../api';
import { ErrorMessage, Working } from '../../components/Feedback';
import { formatDate } from '../../format';
import { useLoad } from '../../hooks';
import { ACTIVITY_MODE_LABELS, GROUP_ACTIVITY_KIND_LABELS, label } from '../../labels';
import type { ActivityPage, ActivityView } from '../../types';
import { lengthText } from './activityText';

/** The group page's "Aktiviteter": what the group has called to (meetings and other work), soonest date first. */
export function ActivitiesSection({ groupId, canCreate }: { groupId: string; canCreate: boolean }) {
  const [list] = useLoad(() => api.get<ActivityPage | ActivityView[]>(`/working-groups/${encodeURIComponent(groupId)}/activities`), [groupId]);
  const all = list.status === 'ok' ? itemsOf(list.data) : [];
  const items = all.filter((a) => !a.agreementActivity);
  const total = list.status === 'ok' && !Array.isArray(list.data) ? list.data.total - (all.length - items.length) : items.length;
  return (
    <section aria-labelledby="aktiviteter">
      <h2 id="aktiviteter">Aktiviteter</h2>
      <p>
        Möten och annat arbete som gruppen kallar företrädarna till. Företrädarna rapporterar sin tid mot en aktivitet, och arvodet räknas ut efter
        aktivitetens regel.
      </p>
      {canCreate && (
        <p>
          <Link className="button" to={`/grupper/${groupId}/aktiviteter/ny`}>
            Ny aktivitet
          </Link>
        </p>
      )}
      {list.status === 'loading' && <Working>Hämtar aktiviteterna …</Working>}
      {list.status === 'error' && <ErrorMessage error={list.error} title="Aktiviteterna kunde inte hämtas" />}
      {list.status === 'ok' && items.length === 0 && <p>Gruppen har inga aktiviteter ännu.</p>}
      {list.status === 'ok' && items.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="aktivitetstabell" tabIndex={0}>
          <table>
            <caption id="aktivitetstabell">
              Gruppens aktiviteter ({total > items.length ? `${items.length} av ${total}` : items.length})
            </caption>
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Aktivitet</th>
                <th scope="col">Slag</th>
                <th scope="col">Hur</th>
                <th scope="col">Underlag skickat</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    {formatDate(a.date)}
                    {a.startTime ? `, kl. ${a.startTime.slice(0, 5)}` : ''}
                  </td>
                  <th scope="row">
                    {a.title}
                    {a.durationMinutes ? <span className="small"> ({lengthText(a.durationMinutes)})</span> : null}
                  </th>
                  <td>{label(GROUP_ACTIVITY_KIND_LABELS, a.kind)}</td>
                  <td>{label(ACTIVITY_MODE_LABELS, a.mode)}</td>
                  <td>{a.materialSentOn ? formatDate(a.materialSentOn) : 'Inte skickat'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
