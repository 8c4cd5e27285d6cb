import { createHash } from 'node:crypto';
import { RateTable, selectRateTable } from '../fees';
import type { UserTask } from '../users/tasks';

/** A name-based UUID (version 5 layout) for a task subject that has no row id of its own (a year, a payer code). */
export function subjectId(name: string): string {
  const h = createHash('sha1').update(`medverkan:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** From this day of the year (1 November) administrators are told about next year's missing tables. */
export const NEXT_YEAR_WARNING_FROM = '11-01';

export interface PayerRef {
  code: string;
  name: string;
}

/**
 * Administrators' tasks for the coming year's rate tables (issue 18 #5), pure: from 1 November (Stockholm), one task
 * when some payer has no table in force on 1 January next year (neither its own nor the national one: the year's
 * prisbasbelopp comes from the government's ordinance, so the national table is added when it is published), and one
 * per payer whose own table of this year has no successor (next year it would fall back to the national table).
 * Urgent in December. Subjects carry name-based UUIDs (tasks' subject ids are UUIDs); the title names the year and payer.
 */
export function nextYearTableTasks(today: string, payers: readonly PayerRef[], tables: readonly RateTable[]): UserTask[] {
  if (today.slice(5) < NEXT_YEAR_WARNING_FROM) return [];
  const year = Number(today.slice(0, 4));
  const next = `${year + 1}-01-01`;
  const deadline = new Date(`${next}T00:00:00+01:00`).toISOString();
  const urgent = today.slice(5, 7) === '12';
  const tasks: UserTask[] = [];
  const lacking = payers.filter((p) => !selectRateTable(tables, next, p.code));
  if (lacking.length) {
    const names = lacking.slice(0, 5).map((p) => p.name).join(', ');
    tasks.push({
      kind: 'rate-table.next-year-missing',
      title:
        `Lägg in taxetabellen för ${year + 1}: ${lacking.length} betalare saknar en tabell som gäller 1 januari ${year + 1} ` +
        `(${names}${lacking.length > 5 ? ' m.fl.' : ''}). Prisbasbeloppet för ${year + 1} står i regeringens förordning; utan tabell kan inga arvoden för ${year + 1} räknas.`,
      subject: { type: 'rate_table_year', id: subjectId(`rate-table-year:${year + 1}`) },
      groupId: null,
      deadline,
      urgent,
    });
  }
  for (const p of payers) {
    const own = (t: RateTable) => t.payerCode !== null && t.payerCode.toLowerCase() === p.code.toLowerCase();
    const hasOwnNow = tables.some((t) => own(t) && t.validTo.slice(0, 4) === String(year));
    const hasOwnNext = tables.some((t) => own(t) && t.validFrom <= next && next <= t.validTo);
    if (hasOwnNow && !hasOwnNext && !lacking.includes(p)) {
      tasks.push({
        kind: 'rate-table.next-year-own-missing',
        title: `${p.name} har en egen taxetabell för ${year} men ingen för ${year + 1}: från 1 januari ${year + 1} gäller den nationella tabellen om ingen ny läggs in.`,
        subject: { type: 'paying_body', id: subjectId(`paying-body:${p.code}`) },
        groupId: null,
        deadline,
        urgent,
      });
    }
  }
  return tasks;
}
