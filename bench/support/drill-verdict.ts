/**
 * The drill's verdict (bench/drill.ts), a pure function of what it measured so that its bar is tested
 * (test/drill-verdict.spec.ts). Two things the earlier inline check did not see:
 *
 * - "Ended" is not "completed": a lifecycle passes only when its own time report is paid by the run — not when
 *   the run happens to pay as many lines as there were completed lifecycles.
 * - Faults after the load prove nothing: a small drill's lifecycles end within seconds (2026-12-04 20:02, every
 *   one within 15 s, before the first fault), and the faults the drill then makes to reach its minimum hit idle
 *   engines. Only a fault that starts before the payout run is approved counts, and the minimum is of those.
 */

export interface DrillFault {
  kind: string;
  /** When the fault started (ms since the epoch) and how long until the engine was back. */
  at: number;
  ms: number;
}

export interface DrillLifecycle {
  index: number;
  completed: boolean;
  step: string;
  timeReportId?: string;
}

export interface DrillChecks {
  stepsLost: number;
  auditTwice: number;
  mailsTwice: number;
  paidTwice: number;
  nominationsTwice: number;
  timeReportsTwice: number;
  readModelMismatch: number;
  /** Workflows whose status no worker answered even after retries (not a mismatch, but not a proof of equality). */
  readModelUnreadable: number;
}

export interface DrillVerdictInput {
  results: DrillLifecycle[];
  /** The time reports the payout run paid (undefined: the run did not complete). */
  paidTimeReportIds: string[] | undefined;
  faults: DrillFault[];
  /** When the load ended: the payout run approved (or given up). */
  loadEndedAt: number;
  minFaults: number;
  checks: DrillChecks;
}

export interface DrillVerdict {
  ok: boolean;
  completed: number;
  /** Completed lifecycles whose own time report the run paid. */
  paid: number;
  /** Completed lifecycles whose time report the run did not pay (index: step). */
  notPaid: number[];
  faultsUnderLoad: number;
  faultsAfterLoad: number;
  reasons: string[];
}

export function drillVerdict(input: DrillVerdictInput): DrillVerdict {
  const reasons: string[] = [];
  const completed = input.results.filter((r) => r.completed);
  const stuck = input.results.length - completed.length;
  if (stuck > 0) reasons.push(`${stuck} of ${input.results.length} lifecycles not completed`);
  const paidIds = new Set(input.paidTimeReportIds ?? []);
  if (!input.paidTimeReportIds) reasons.push('the payout run did not complete');
  const notPaid = completed.filter((r) => !r.timeReportId || !paidIds.has(r.timeReportId)).map((r) => r.index);
  if (input.paidTimeReportIds && notPaid.length > 0) reasons.push(`${notPaid.length} completed lifecycles not paid by the run`);
  const underLoad = input.faults.filter((f) => f.at < input.loadEndedAt).length;
  if (underLoad < input.minFaults) reasons.push(`${underLoad} faults under load, fewer than ${input.minFaults}`);
  const c = input.checks;
  const counts: Array<[number, string]> = [
    [c.stepsLost, 'steps lost'],
    [c.auditTwice, 'audit lines twice'],
    [c.mailsTwice, 'mails twice'],
    [c.paidTwice, 'lines paid twice'],
    [c.nominationsTwice, 'nominations twice'],
    [c.timeReportsTwice, 'time reports twice'],
    [c.readModelMismatch, 'read models unlike their workflow'],
    [c.readModelUnreadable, 'workflows whose status could not be read'],
  ];
  for (const [n, what] of counts) if (n > 0) reasons.push(`${n} ${what}`);
  return {
    ok: reasons.length === 0,
    completed: completed.length,
    paid: completed.length - (input.paidTimeReportIds ? notPaid.length : completed.length),
    notPaid: input.paidTimeReportIds ? notPaid : completed.map((r) => r.index),
    faultsUnderLoad: underLoad,
    faultsAfterLoad: input.faults.length - underLoad,
    reasons,
  };
}
