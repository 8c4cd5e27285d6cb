/**
 * A payout period's closing, for the payout-run workflow and the API alike (pure, deterministic: the caller gives
 * the instant). A run covers a closed period: it is drafted and approved only from the day after the period's last
 * day, in Europe/Stockholm (issue 13 #3).
 */

const STOCKHOLM = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

const PERIOD = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** The business date (YYYY-MM-DD) in Stockholm at `epochMs`. */
export function stockholmDay(epochMs: number): string {
  return STOCKHOLM.format(new Date(epochMs));
}

/** The first day after period `key` (`YYYY-MM` or `YYYY-Qn`), YYYY-MM-DD: the day its run may be made; undefined for a bad key. */
export function periodClosesOn(key: string): string | undefined {
  const m = PERIOD.exec(key);
  if (!m) return undefined;
  const year = Number(m[1]);
  const lastMonth = m[2] ? Number(m[2]) : Number(m[3]) * 3; // 1–12
  return lastMonth === 12 ? `${year + 1}-01-01` : `${year}-${pad(lastMonth + 1)}-01`;
}

/** Whether period `key` has ended at `epochMs` (a bad key never has). */
export function periodHasEnded(key: string, epochMs: number): boolean {
  const closes = periodClosesOn(key);
  return closes !== undefined && stockholmDay(epochMs) >= closes;
}

/** Milliseconds from `epochMs` until midnight in Stockholm at the start of `day` (YYYY-MM-DD); 0 once it has begun. */
export function msUntilStockholmDay(day: string, epochMs: number): number {
  if (stockholmDay(epochMs) >= day) return 0;
  const [y, m, d] = day.split('-').map(Number);
  // Stockholm is UTC+1 or UTC+2: its midnight is 22:00 or 23:00 UTC the day before.
  for (const offsetHours of [2, 1]) {
    const at = Date.UTC(y, m - 1, d) - offsetHours * 3_600_000;
    if (stockholmDay(at) === day && stockholmDay(at - 1) !== day) return Math.max(0, at - epochMs);
  }
  return Math.max(0, Date.UTC(y, m - 1, d) - epochMs);
}

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** Swedish: "1 januari 2027". */
export function swedishDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The Swedish refusal for a run of an open period: from which date it can be made. */
export function periodOpenMessage(key: string): string {
  const closes = periodClosesOn(key);
  return closes
    ? `Perioden ${labelOf(key)} har inte tagit slut. Utbetalningen för perioden kan göras från och med ${swedishDay(closes)}.`
    : 'Perioden är ogiltig.';
}

/** "december 2026", "kvartal 4 2026" (the key itself when it is not a period). */
function labelOf(key: string): string {
  const m = PERIOD.exec(key);
  if (!m) return key;
  return m[2] ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : `kvartal ${m[3]} ${m[1]}`;
}
