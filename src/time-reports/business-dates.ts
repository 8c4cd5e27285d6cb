/**
 * Business dates are `YYYY-MM-DD` strings in Europe/Stockholm (docs/CONVENTIONS.md). Pure: the caller gives
 * the instant, so tests and activities decide what "today" is.
 */

/** The business date in Stockholm at an instant: the one Stockholm calendar's (src/common/stockholm-time.ts). */
import { stockholmDate } from '../common/stockholm-time';

export { stockholmDate };

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const isoDate = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

/**
 * `date` plus `months` calendar months; a day the target month lacks becomes its last day
 * (2026-11-30 + 3 months = 2027-02-28), so "three months after the activity" never overshoots a month.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return isoDate(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** `date` plus `days` days (negative goes back). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Swedish long form for messages: "25 november 2026". */
export function swedishDate(date: string): string {
  const [y, m, d] = parts(date);
  const months = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
  return `${d} ${months[m - 1]} ${y}`;
}

/** The last minute (23:59) of a Stockholm business day, as an ISO timestamp (for deadlines in mails). */
export function endOfStockholmDay(date: string): string {
  const [y, m, d] = parts(date);
  for (const offsetHours of [1, 2]) {
    const at = new Date(Date.UTC(y, m - 1, d, 23 - offsetHours, 59));
    if (stockholmDate(at) === date && stockholmHour(at) === 23) return at.toISOString();
  }
  return new Date(Date.UTC(y, m - 1, d, 21, 59)).toISOString();
}

const HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', hourCycle: 'h23' });
const stockholmHour = (at: Date) => Number(HOUR.format(at));

/**
 * The last day of the Stockholm year after the one of instant `at` (2026-12-03 → 2027-12-31): an end date for
 * demo data and test fixtures that stays at least a year ahead whenever they run, instead of a fixed one that
 * passes (a fixed "2027-12-31" is refused as an ended period from 2028 on).
 */
export function endOfNextYear(at: Date): string {
  return `${Number(stockholmDate(at).slice(0, 4)) + 1}-12-31`;
}
