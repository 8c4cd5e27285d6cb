import { DrillChecks, DrillFault, DrillLifecycle, drillVerdict } from '../bench/support/drill-verdict';

/**
 * The drill's bar (issue 14, bench/support/drill-verdict.ts). The small production-topology drill of 2026-12-04
 * 20:02 "ended every lifecycle within 15 s, before the first fault": its lifecycles completed, and every fault
 * the drill made to reach its minimum came after the load, on idle engines — the old inline check
 * (stuck 0, nothing twice, paid lines == completed) would have called that a pass. And paid lines equal in number
 * to completed lifecycles is not each lifecycle paid.
 */
const NONE: DrillChecks = {
  stepsLost: 0,
  auditTwice: 0,
  mailsTwice: 0,
  paidTwice: 0,
  nominationsTwice: 0,
  timeReportsTwice: 0,
  readModelMismatch: 0,
  readModelUnreadable: 0,
};
const lifecycles = (n: number): DrillLifecycle[] => Array.from({ length: n }, (_, i) => ({ index: i, completed: true, step: 'done', timeReportId: `tr-${i}` }));
const KINDS = ['SIGKILL worker', 'SIGKILL API', 'restart Temporal server', 'restart PostgreSQL'];
const faultsAt = (...at: number[]): DrillFault[] => at.map((t, i) => ({ kind: KINDS[i % 4], at: t, ms: 2_500 }));

describe('the drill verdict', () => {
  it('passes a run whose lifecycles all completed and were paid, with the faults under load and nothing lost or twice', () => {
    const v = drillVerdict({
      results: lifecycles(3),
      paidTimeReportIds: ['tr-0', 'tr-1', 'tr-2'],
      faults: faultsAt(1_000, 2_000, 3_000, 4_000),
      loadEndedAt: 10_000,
      minFaults: 4,
      checks: NONE,
    });
    expect(v).toEqual({ ok: true, completed: 3, paid: 3, notPaid: [], faultsUnderLoad: 4, faultsAfterLoad: 0, reasons: [] });
  });

  it('fails a run whose faults all came after the load ended (the 20:02 run: every lifecycle done before the first fault)', () => {
    const v = drillVerdict({
      results: lifecycles(10),
      paidTimeReportIds: lifecycles(10).map((r) => r.timeReportId!),
      faults: faultsAt(20_000, 26_000, 32_000, 38_000),
      loadEndedAt: 15_000,
      minFaults: 4,
      checks: NONE,
    });
    expect(v.ok).toBe(false);
    expect(v.faultsUnderLoad).toBe(0);
    expect(v.faultsAfterLoad).toBe(4);
    expect(v.reasons).toEqual(['0 faults under load, fewer than 4']);
  });

  it('counts only the faults that started before the load ended', () => {
    const v = drillVerdict({ results: lifecycles(2), paidTimeReportIds: ['tr-0', 'tr-1'], faults: faultsAt(1_000, 9_999, 10_000), loadEndedAt: 10_000, minFaults: 2, checks: NONE });
    expect([v.ok, v.faultsUnderLoad, v.faultsAfterLoad]).toEqual([true, 2, 1]);
  });

  it('fails a completed lifecycle whose own time report was not paid, even when as many lines were paid as lifecycles completed', () => {
    const v = drillVerdict({
      results: lifecycles(3),
      paidTimeReportIds: ['tr-0', 'tr-1', 'someone-elses'],
      faults: faultsAt(1_000),
      loadEndedAt: 10_000,
      minFaults: 1,
      checks: NONE,
    });
    expect(v.ok).toBe(false);
    expect(v.paid).toBe(2);
    expect(v.notPaid).toEqual([2]);
    expect(v.reasons).toEqual(['1 completed lifecycles not paid by the run']);
  });

  it('fails a lifecycle that did not complete, and a run without a payout', () => {
    const results = [...lifecycles(2), { index: 2, completed: false, step: 'signed' }];
    const v = drillVerdict({ results, paidTimeReportIds: undefined, faults: faultsAt(1_000), loadEndedAt: 10_000, minFaults: 1, checks: NONE });
    expect(v.ok).toBe(false);
    expect(v.paid).toBe(0);
    expect(v.notPaid).toEqual([0, 1]);
    expect(v.reasons).toEqual(['1 of 3 lifecycles not completed', 'the payout run did not complete']);
  });

  it.each(Object.keys(NONE) as Array<keyof DrillChecks>)('fails on any %s', (key) => {
    const v = drillVerdict({ results: lifecycles(1), paidTimeReportIds: ['tr-0'], faults: faultsAt(1_000), loadEndedAt: 10_000, minFaults: 1, checks: { ...NONE, [key]: 1 } });
    expect(v.ok).toBe(false);
    expect(v.reasons).toHaveLength(1);
  });
});
