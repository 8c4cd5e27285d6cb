import { Link } from 'react-router';
import { api } from '../../api';
import { Deadline } from '../../components/Deadline';
import { ErrorMessage, NextStep, Working } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { formatDate, formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import { AGREEMENT_STATE_LABELS, ASSIGNMENT_STATE_LABELS, DECLARATION_RECORD_STATE_LABELS, PERIOD_STATE_LABELS, label } from '../../labels';
import type { MyAssignment, MyAssignmentEvent } from '../../types';

const period = (a: MyAssignment) =>
  a.periodStart && a.periodEnd ? `${formatDate(a.periodStart)} – ${formatDate(a.periodEnd)}` : a.periodStart ? `från ${formatDate(a.periodStart)}` : '';

const WHO: Record<MyAssignment['nextStep']['who'], string> = {
  you: 'Din tur',
  coordinator: 'Samordnarens tur',
  workflow: 'Tjänsten arbetar',
  nobody: 'Avslutat',
};

/**
 * Representative: "Mina uppdrag" (issue 17 #1; GET /me/assignments and each one's GET /me/assignments/:id/timeline).
 * Each assignment with its group, state, next step (whose turn, by when), the agreement and declaration, its
 * reporting periods, a timeline of what happened, and — when it is active — the way to report a meeting.
 */
export function MyAssignmentsPage() {
  const [list] = useLoad(() => api.get<MyAssignment[]>('/me/assignments'), []);
  return (
    <Page
      title="Mina uppdrag"
      intro={<p>Dina uppdrag som patient- eller närståendeföreträdare: vad som är nästa steg och när, dina dokument, dina rapportperioder och vad som har hänt.</p>}
    >
      {list.status === 'loading' && <Working>Hämtar dina uppdrag …</Working>}
      {list.status === 'error' && <ErrorMessage error={list.error} title="Dina uppdrag kunde inte hämtas" />}
      {list.status === 'ok' && list.data.length === 0 && (
        <NextStep>
          <p>Du har inga uppdrag ännu. När en arbetsgrupp erbjuder dig ett uppdrag visas det här och under Att göra nu, och du får ett e-postmeddelande.</p>
        </NextStep>
      )}
      {list.status === 'ok' && list.data.map((a) => <AssignmentCase key={a.id} a={a} />)}
    </Page>
  );
}

function AssignmentCase({ a }: { a: MyAssignment }) {
  const headingId = `uppdrag-${a.id}`;
  return (
    <section className="case" aria-labelledby={headingId}>
      <h2 id={headingId} className="task-title">
        <Link to={`/uppdrag/${a.id}`}>{a.groupName}</Link>
      </h2>
      <dl className="facts">
        <div>
          <dt>Läge</dt>
          <dd>{label(ASSIGNMENT_STATE_LABELS, a.state)}</dd>
        </div>
        {period(a) && (
          <div>
            <dt>Uppdragets tid</dt>
            <dd>{period(a)}</dd>
          </div>
        )}
        <div>
          <dt>Nästa steg</dt>
          <dd>
            <strong>{WHO[a.nextStep.who]}:</strong> {a.nextStep.title}.{' '}
            {a.nextStep.who !== 'nobody' && (a.nextStep.deadline ? <Deadline date={a.nextStep.deadline} /> : <span>Steget har ingen sista dag.</span>)}
          </dd>
        </div>
      </dl>
      {a.state === 'active' && (
        <p>
          <Link className="button" to={`/uppdrag/${a.id}/rapportera`}>
            Rapportera ett möte<span className="visually-hidden"> i {a.groupName}</span>
          </Link>
        </p>
      )}
      {a.nextStep.who === 'you' && a.state !== 'active' && (
        <p>
          <Link to={`/uppdrag/${a.id}`}>
            Gör nästa steg<span className="visually-hidden"> i {a.groupName}</span>
          </Link>
        </p>
      )}

      <h3>Dokument</h3>
      {a.documents.length === 0 && !a.declaration && <p>Inga dokument ännu. Överenskommelsen skrivs när du har lämnat dina uppgifter.</p>}
      <ul>
        {a.documents.map((d) => (
          <li key={d.documentId}>
            <Link to={`/dokument/${d.documentId}`}>{d.title}</Link> – {label(AGREEMENT_STATE_LABELS, d.state)}
          </li>
        ))}
        {a.declaration && (
          <li>
            Jävsdeklaration, inskickad {formatDate(a.declaration.submittedAt)} – {label(DECLARATION_RECORD_STATE_LABELS, a.declaration.state)}
            {a.declaration.nextDueAt && <>. Förnyas senast {formatDate(a.declaration.nextDueAt)}</>}.{' '}
            <Link to={`/uppdrag/${a.id}`}>
              Visa<span className="visually-hidden"> jävsdeklarationen för {a.groupName}</span>
            </Link>
          </li>
        )}
      </ul>

      <h3>Rapportperioder</h3>
      {a.reportingPeriods.length === 0 ? (
        <p>Rapportperioderna börjar när uppdraget är aktivt.</p>
      ) : (
        <div className="table-wrap" role="region" aria-label={`Rapportperioder i ${a.groupName}`} tabIndex={0}>
          <table>
            <caption className="visually-hidden">Rapportperioder i {a.groupName}</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Läge</th>
                <th scope="col">Rapportera senast</th>
              </tr>
            </thead>
            <tbody>
              {a.reportingPeriods.map((p) => (
                <tr key={p.key}>
                  <th scope="row">
                    {formatDate(p.startsOn)} – {formatDate(p.endsOn)}
                  </th>
                  <td>{label(PERIOD_STATE_LABELS, p.state)}</td>
                  <td>{p.dueAt ? formatDate(p.dueAt) : 'Sätts när perioden är slut'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Timeline assignmentId={a.id} groupName={a.groupName} />
    </section>
  );
}

function Timeline({ assignmentId, groupName }: { assignmentId: string; groupName: string }) {
  const [events] = useLoad(() => api.get<MyAssignmentEvent[]>(`/me/assignments/${assignmentId}/timeline`), [assignmentId]);
  return (
    <>
      <h3>Vad har hänt?</h3>
      {events.status === 'loading' && <Working>Hämtar händelserna …</Working>}
      {events.status === 'error' && <ErrorMessage error={events.error} title="Händelserna kunde inte hämtas" />}
      {events.status === 'ok' && events.data.length === 0 && <p>Inget har hänt ännu.</p>}
      {events.status === 'ok' && events.data.length > 0 && (
        <ol className="timeline" aria-label={`Händelser i ${groupName}, äldst först`}>
          {events.data.map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>: {e.event}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
