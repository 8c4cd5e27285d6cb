import { Link } from 'react-router';
import { api } from '../api';
import { Deadline } from '../components/Deadline';
import { ErrorMessage, NextStep, Working } from '../components/Feedback';
import { Page } from '../components/Page';
import { useLoad } from '../hooks';
import type { UserTask } from '../types';

/**
 * Where in the app a task is done. A task whose page is not built yet (its API endpoint does not exist) has no
 * link: it is still listed, with its deadline, so nothing is hidden.
 */
export function taskLink(t: UserTask): string | undefined {
  if (t.kind === 'report.submit') return `/uppdrag/${t.subject.id}/rapportera`;
  if (t.kind === 'report.attest') return t.groupId ? `/grupper/${t.groupId}/attestera` : undefined;
  if (t.kind === 'nomination.decide') return t.groupId ? `/grupper/${t.groupId}` : undefined;
  switch (t.subject.type) {
    case 'assignment':
      return `/uppdrag/${t.subject.id}`;
    case 'nomination-request':
      return `/nomineringar/${t.subject.id}`;
    case 'batch':
    case 'payout-batch':
      return `/utbetalningar/${t.subject.id}`;
    case 'group':
      return `/grupper/${t.subject.id}`;
    case 'time-report':
      return `/tidrapporter/${t.subject.id}`;
    case 'document':
      return `/dokument/${t.subject.id}`;
    default:
      return undefined;
  }
}

/** "Att göra nu" (GET /me/tasks): what waits for the user, urgent first, then the nearest deadline. */
export function TasksPage() {
  const [tasks] = useLoad(() => api.get<UserTask[]>('/me/tasks'), []);
  return (
    <Page title="Att göra nu" intro={<p>Här ser du det du behöver göra och när det senast ska vara gjort. Det som är mest bråttom står först.</p>}>
      {tasks.status === 'loading' && <Working>Hämtar dina uppgifter …</Working>}
      {tasks.status === 'error' && <ErrorMessage error={tasks.error} title="Dina uppgifter kunde inte hämtas" />}
      {tasks.status === 'ok' && <TaskList tasks={tasks.data} />}
    </Page>
  );
}

function TaskList({ tasks }: { tasks: UserTask[] }) {
  if (tasks.length === 0)
    return (
      <NextStep>
        <p>Du har inget att göra just nu. När något behöver göras visas det här, och du får ett e-postmeddelande.</p>
      </NextStep>
    );
  return (
    <>
      <p>
        Du har {tasks.length} {tasks.length === 1 ? 'sak' : 'saker'} att göra.
      </p>
      <ul className="task-list">
        {tasks.map((t, i) => {
          const href = taskLink(t);
          return (
            <li key={`${t.kind}:${t.subject.id}:${i}`} className={t.urgent ? 'task task-urgent' : 'task'}>
              <h2 className="task-title">{href ? <Link to={href}>{t.title}</Link> : t.title}</h2>
              {t.urgent && <p className="urgent-note">Brådskande</p>}
              <p>
                <Deadline date={t.deadline} />
              </p>
              {!href && <p className="small">Det här steget görs ännu inte i webbtjänsten. Kontakta samordnaren om du behöver hjälp.</p>}
            </li>
          );
        })}
      </ul>
    </>
  );
}
