import { daysInMonth, isoDate } from '../time-reports/business-dates';

/**
 * Payout periods: `YYYY-MM` for payers that pay monthly, `YYYY-Qn` for those that pay quarterly (§4.5: payout is
 * monthly or quarterly so administration does not grow with the number of meetings). Pure.
 */
export const PAYOUT_FREQUENCIES = ['monthly', 'quarterly'] as const;
export type PayoutFrequency = (typeof PAYOUT_FREQUENCIES)[number];

export interface Period {
  key: string;
  frequency: PayoutFrequency;
  year: number;
  /** Month 1–12 or quarter 1–4. */
  index: number;
  /** First and last day, `YYYY-MM-DD`, both inclusive. */
  start: string;
  end: string;
}

const PERIOD = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;

/** The period a key names, or undefined when the key is not `YYYY-MM` or `YYYY-Qn`. */
export function parsePeriod(key: string): Period | undefined {
  const m = PERIOD.exec(key);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 2000 || year > 2999) return undefined;
  if (m[2]) return monthPeriod(year, Number(m[2]));
  return quarterPeriod(year, Number(m[3]));
}

function monthPeriod(year: number, month: number): Period {
  return {
    key: `${year}-${String(month).padStart(2, '0')}`,
    frequency: 'monthly',
    year,
    index: month,
    start: isoDate(year, month, 1),
    end: isoDate(year, month, daysInMonth(year, month)),
  };
}

function quarterPeriod(year: number, quarter: number): Period {
  const last = quarter * 3;
  return {
    key: `${year}-Q${quarter}`,
    frequency: 'quarterly',
    year,
    index: quarter,
    start: isoDate(year, last - 2, 1),
    end: isoDate(year, last, daysInMonth(year, last)),
  };
}

/** The period of `frequency` that contains `date`. */
export function periodContaining(date: string, frequency: PayoutFrequency): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return frequency === 'monthly' ? monthPeriod(year, month) : quarterPeriod(year, Math.ceil(month / 3));
}

/** The period before `p` (December before January, Q4 before Q1). */
export function previousPeriod(p: Period): Period {
  if (p.frequency === 'monthly') return p.index === 1 ? monthPeriod(p.year - 1, 12) : monthPeriod(p.year, p.index - 1);
  return p.index === 1 ? quarterPeriod(p.year - 1, 4) : quarterPeriod(p.year, p.index - 1);
}

/** The latest period of `frequency` that has ended by `today` (the one a scheduled run on `today` pays). */
export function lastEndedPeriod(today: string, frequency: PayoutFrequency): Period {
  const current = periodContaining(today, frequency);
  return today === current.end ? current : previousPeriod(current);
}

/** Swedish name of a period for slips and lists: "september 2026", "kvartal 3 2026". */
export function periodLabel(p: Period): string {
  const months = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
  return p.frequency === 'monthly' ? `${months[p.index - 1]} ${p.year}` : `kvartal ${p.index} ${p.year}`;
}

/**
 * Problems with a period a run is asked for (Swedish), given the payer's frequency and today's date; empty when
 * it is fine. A period that has not started is not a period one can ask for (400). One that has started but not
 * ended is refused by the caller with 409 (`periodHasEnded` in workflows/payout-period.ts): a run covers a closed
 * period (issue 13 #3).
 */
export function periodProblems(key: string, frequency: PayoutFrequency, today: string): string[] {
  const p = parsePeriod(key);
  if (!p) return ['Perioden måste anges som ÅÅÅÅ-MM (månad) eller ÅÅÅÅ-Qn (kvartal), till exempel 2026-09 eller 2026-Q3.'];
  if (p.frequency !== frequency) {
    return [
      frequency === 'monthly'
        ? 'Betalaren betalar ut månadsvis: ange perioden som ÅÅÅÅ-MM.'
        : 'Betalaren betalar ut kvartalsvis: ange perioden som ÅÅÅÅ-Qn.',
    ];
  }
  if (p.start > today) return ['Perioden har inte börjat ännu.'];
  return [];
}
