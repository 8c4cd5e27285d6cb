import { heldLinesOf, isLineId, pendingLinesOf, StoredBatchSummary } from './payout-run.messages';

describe('payout run summaries, old and new shapes', () => {
  const base = { batchId: 'b', payerCode: 'SKR', period: '2026-09', state: 'draft', personCount: 2, netOre: 100, paymentDate: null, approvedBy: null, skipped: 0 } as const;

  it('counts lines from the counts, or from the id lists histories before 2026-11 hold', () => {
    const now: StoredBatchSummary = { ...base, pendingLines: 3, heldLines: 1, lineCount: 3 };
    const old: StoredBatchSummary = { ...base, pendingLineIds: ['l1', 'l2', 'l3'], heldLineIds: ['l4'] };
    for (const s of [now, old]) {
      expect(pendingLinesOf(s)).toBe(3);
      expect(heldLinesOf(s)).toBe(1);
    }
    expect(pendingLinesOf(undefined)).toBe(0);
    expect(heldLinesOf({ ...base })).toBe(0);
  });

  it('takes only UUID-shaped line ids to the hold activity', () => {
    expect(isLineId('0b6c8f7e-3f1a-4c2e-9d3b-2a1e5f6d7c8b')).toBe(true);
    for (const bad of ['', 'rad-1', "1' OR '1'='1", null, 42, undefined]) expect(isLineId(bad)).toBe(false);
  });
});
