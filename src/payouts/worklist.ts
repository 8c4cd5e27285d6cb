import { addDays } from '../common/stockholm-time';
import { type PayoutFrequency, periodContaining, periodLabel } from './period';

/** One attested time report of the payer that is in no live payout line yet (waiting to be paid). */
export interface WaitingReport {
  activityDate: string;
  personId: string;
}

/** A run of the payer's, as far as the worklist needs it. */
export interface RunSummary {
  id: string;
  period: string;
  supplement: number;
  state: string;
}

/** What happens next to a period's waiting lines. */
export type WaitingNext =
  /** The period has not ended: its ordinary run takes them on `runDate`. */
  | 'ordinary-run-after-period'
  /** Ended, no run yet: the daily schedule starts the ordinary run on `runDate` (or finance starts it now). */
  | 'ordinary-run-due'
  /** A run of the period waits for approval: it did not take these; after it, a supplementary run does. */
  | 'after-open-draft'
  /** The period's latest run is approved (or cancelled): a supplementary run pays them. */
  | 'supplementary-run';

export interface WaitingPeriod {
  period: string;
  label: string;
  lines: number;
  persons: number;
  next: WaitingNext;
  /** The day the next run that takes them is made (scheduled, or from when finance may start it). */
  runDate: string;
  /** The period's latest run, if any. */
  latestRun: { id: string; supplement: number; state: string } | null;
}

export interface PayoutWorklist {
  frequency: PayoutFrequency;
  /** The next ordinary run: the current period's, made the day after it ends (06:00 Europe/Stockholm). */
  nextRun: { period: string; label: string; date: string };
  waiting: WaitingPeriod[];
}

/**
 * Finance's worklist (issue 17 #3): the payer's attested lines that wait for a run, per period, with what happens
 * to them next and when — so a line attested after its month's run was approved is seen, with the supplementary
 * run that pays it. Oldest period first. `today` is a Stockholm date (YYYY-MM-DD).
 */
export function payoutWorklist(frequency: PayoutFrequency, today: string, reports: readonly WaitingReport[], runs: readonly RunSummary[]): PayoutWorklist {
  const current = periodContaining(today, frequency);
  const byPeriod = new Map<string, WaitingReport[]>();
  for (const r of reports) {
    const key = periodContaining(r.activityDate, frequency).key;
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), r]);
  }
  const waiting = [...byPeriod.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, rs]): WaitingPeriod => {
      const p = periodContaining(rs[0].activityDate, frequency);
      const latest = runs.filter((b) => b.period === key).sort((a, b) => b.supplement - a.supplement)[0];
      const dayAfter = addDays(p.end, 1);
      const tomorrow = addDays(today, 1);
      let next: WaitingNext;
      let runDate: string;
      if (today <= p.end) {
        next = 'ordinary-run-after-period';
        runDate = dayAfter;
      } else if (!latest) {
        next = 'ordinary-run-due';
        runDate = dayAfter > today ? dayAfter : tomorrow;
      } else if (latest.state === 'draft') {
        next = 'after-open-draft';
        runDate = today;
      } else {
        next = 'supplementary-run';
        runDate = today;
      }
      return {
        period: key,
        label: periodLabel(p),
        lines: rs.length,
        persons: new Set(rs.map((r) => r.personId)).size,
        next,
        runDate,
        latestRun: latest ? { id: latest.id, supplement: latest.supplement, state: latest.state } : null,
      };
    });
  return { frequency, nextRun: { period: current.key, label: periodLabel(current), date: addDays(current.end, 1) }, waiting };
}
