/**
 * Calendar arithmetic in Europe/Stockholm for the lifecycle: business dates (`YYYY-MM-DD`) and the reporting
 * periods (calendar months or quarters) an assignment reports by. Pure functions of their arguments.
 */
const TZ = 'Europe/Stockholm';
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function local(ms: number): { date: string; hour: number; minute: number; time: string } {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute), time: `${p.hour}:${p.minute}:${p.second}` };
}

/** The Stockholm local date and time of an instant, `YYYY-MM-DDTHH:MM:SS` without offset (e.g. ISO 20022's CreDtTm). */
export function stockholmDateTime(at: Date | number): string {
  const l = local(typeof at === 'number' ? at : at.getTime());
  return `${l.date}T${l.time}`;
}

/**
 * The Stockholm business date of an instant (a `Date` or epoch milliseconds): the one definition (issue 15 #3);
 * after 23:00 UTC in winter it is already tomorrow there.
 */
export function stockholmDate(at: Date | number): string {
  return local(typeof at === 'number' ? at : at.getTime()).date;
}

/** The instant a Stockholm day begins (00:00 local; Stockholm is UTC+1 or UTC+2). */
export function stockholmMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  for (const offsetHours of [1, 2]) {
    const candidate = Date.UTC(y, m - 1, d) - offsetHours * 3_600_000;
    const l = local(candidate);
    if (l.date === date && l.hour === 0 && l.minute === 0) return candidate;
  }
  throw new Error(`no Stockholm midnight for ${date}`);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface CalendarPeriod {
  /** 2026-03 or 2026-Q1. */
  key: string;
  startsOn: string;
  /** Last day, inclusive. */
  endsOn: string;
  /** The instant the next period begins. */
  endsAt: number;
}

/** The calendar month or quarter (Stockholm time) that contains the instant. */
export function calendarPeriod(ms: number, frequency: 'monthly' | 'quarterly'): CalendarPeriod {
  const [y, m] = stockholmDate(ms).split('-').map(Number);
  const firstMonth = frequency === 'monthly' ? m : Math.floor((m - 1) / 3) * 3 + 1;
  const span = frequency === 'monthly' ? 1 : 3;
  const startsOn = `${y}-${String(firstMonth).padStart(2, '0')}-01`;
  const next = new Date(Date.UTC(y, firstMonth - 1 + span, 1)).toISOString().slice(0, 10);
  const key = frequency === 'monthly' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${(firstMonth + 2) / 3}`;
  return { key, startsOn, endsOn: addDays(next, -1), endsAt: stockholmMidnight(next) };
}

/** "12 mars 2026 kl. 14:00" — how a deadline is written in a mail. */
export function formatStockholm(ms: number): string {
  const d = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(ms));
  const t = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
  return `${d} kl. ${t}`;
}
