import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { Deadline } from '../components/Deadline';
import { ErrorMessage, NextStep, Working } from '../components/Feedback';
import { Page } from '../components/Page';
import { useLoad } from '../hooks';
import { label, TASK_KIND_LABELS } from '../labels';
import type { UserTask } from '../types';

/**
 * Where in the app a task is done. A task whose page is not built yet (its API endpoint does not exist) has no
 * link: it is still listed, with its deadline, so nothing is hidden.
 */
export function taskLink(t: UserTask): string | undefined {
  if (t.kind === 'report.submit') return `/uppdrag/${t.subject.id}/rapportera`;
  if (t.kind === 'report.attest') return t.groupId ? `/grupper/${t.groupId}/attestera` : undefined;
  if (t.kind === 'nomination.decide') return t.groupId ? `/grupper/${t.groupId}` : undefined;
  if (t.kind === 'rate-table.next-year-missing' || t.kind === 'rate-table.next-year-own-missing') return '/administration/taxetabeller/ny';
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
    case 'group-review':
      return `/grupper/${t.subject.id}/oversyn`;
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

/** Whose case a task is: its group and the person it is about, when it has them. */
function caseOf(t: UserTask): string {
  return [t.groupName, t.personName].filter(Boolean).join(' · ');
}

function TaskList({ tasks }: { tasks: UserTask[] }) {
  const [group, setGroup] = useState('');
  const [kind, setKind] = useState('');
  if (tasks.length === 0)
    return (
      <NextStep>
        <p>Du har inget att göra just nu. När något behöver göras visas det här, och du får ett e-postmeddelande.</p>
      </NextStep>
    );
  const groups = [...new Map(tasks.filter((t) => t.groupId && t.groupName).map((t) => [t.groupId!, t.groupName!])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'sv'));
  const kinds = [...new Set(tasks.map((t) => t.kind))].sort((a, b) => label(TASK_KIND_LABELS, a).localeCompare(label(TASK_KIND_LABELS, b), 'sv'));
  const shown = tasks.filter((t) => (!group || t.groupId === group) && (!kind || t.kind === kind));
  const count = (n: number) => `${n} ${n === 1 ? 'sak' : 'saker'}`;
  return (
    <>
      <p>Du har {count(tasks.length)} att göra.</p>
      <form className="filters" role="search" aria-label="Visa bara vissa uppgifter" onSubmit={(e) => e.preventDefault()}>
        {groups.length > 0 && (
          <div className="field">
            <label htmlFor="filter-grupp">Grupp</label>
            <select id="filter-grupp" className="input input-medium" value={group} onChange={(e) => setGroup(e.target.value)}>
              <option value="">Alla grupper</option>
              {groups.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="filter-slag">Slag av uppgift</label>
          <select id="filter-slag" className="input input-medium" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">Alla slag</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {label(TASK_KIND_LABELS, k)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {(group || kind) && (
        <p role="status">
          Visar {count(shown.length)} av {tasks.length}.
        </p>
      )}
      <ul className="task-list">
        {shown.map((t, i) => {
          const href = taskLink(t);
          const context = caseOf(t);
          return (
            <li key={`${t.kind}:${t.subject.id}:${i}`} className={t.urgent ? 'task task-urgent' : 'task'}>
              <h2 className="task-title">
                {href ? (
                  <Link to={href}>
                    {t.title}
                    {context && <span className="visually-hidden"> – {context}</span>}
                  </Link>
                ) : (
                  t.title
                )}
              </h2>
              {context && <p className="task-context">{context}</p>}
              {t.urgent && <p className="urgent-note">Brådskande</p>}
              <p>{t.deadline ? <Deadline date={t.deadline} /> : 'Ingen sista dag för den här uppgiften.'}</p>
              {!href && <p className="small">Det här steget görs ännu inte i webbtjänsten. Kontakta samordnaren om du behöver hjälp.</p>}
            </li>
          );
        })}
      </ul>
    </>
  );
}
