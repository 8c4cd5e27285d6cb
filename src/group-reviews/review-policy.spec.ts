import { stockholmMidnight } from '../common/stockholm-time';
import { DEFAULT_REVIEW_POLICY, isDueInWindow, openReviewWindow, reviewingGroupId, windowOf } from './review-policy';

const at = (date: string) => stockholmMidnight(date) + 12 * 3_600_000;
const group = (createdOn: string, more: Partial<{ ended: boolean; endsOn: string | null; parentGroupId: string | null }> = {}) => ({
  id: 'g',
  parentGroupId: null,
  createdAt: new Date(stockholmMidnight(createdOn) + 3_600_000),
  ended: false,
  endsOn: null,
  ...more,
});

describe('the yearly review policy (§3.2)', () => {
  it('opens the review on the first day of the review month and makes it due by the last', () => {
    const w = windowOf(DEFAULT_REVIEW_POLICY, 2026);
    expect([w.opensOn, w.dueOn]).toEqual(['2026-12-01', '2026-12-31']);
    expect(new Date(w.dueAt).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(windowOf({ reviewMonth: 2, minAgeDays: 0 }, 2028).dueOn).toBe('2028-02-29');
  });

  it("is this year's review once the month has begun, else last year's (still open, overdue)", () => {
    expect(openReviewWindow(DEFAULT_REVIEW_POLICY, at('2026-12-08')).year).toBe(2026);
    expect(openReviewWindow(DEFAULT_REVIEW_POLICY, at('2026-11-30')).year).toBe(2025);
    expect(openReviewWindow({ reviewMonth: 3, minAgeDays: 0 }, at('2026-12-08')).year).toBe(2026);
  });

  it('reviews a group made a year ago, not one made this autumn, not an ended one', () => {
    const w = windowOf(DEFAULT_REVIEW_POLICY, 2026);
    expect(isDueInWindow(group('2025-12-08'), DEFAULT_REVIEW_POLICY, w)).toBe(true);
    expect(isDueInWindow(group('2026-06-04'), DEFAULT_REVIEW_POLICY, w)).toBe(true);
    expect(isDueInWindow(group('2026-06-05'), DEFAULT_REVIEW_POLICY, w)).toBe(false);
    expect(isDueInWindow(group('2025-01-01', { ended: true }), DEFAULT_REVIEW_POLICY, w)).toBe(false);
    expect(isDueInWindow(group('2025-01-01', { endsOn: '2026-11-30' }), DEFAULT_REVIEW_POLICY, w)).toBe(false);
    expect(isDueInWindow(group('2025-01-01', { endsOn: '2026-12-01' }), DEFAULT_REVIEW_POLICY, w)).toBe(true);
  });

  it("makes a NAG the turn of its NPO's coordinators, and a group with nothing above it its own", () => {
    expect(reviewingGroupId({ id: 'nag', parentGroupId: 'npo' })).toBe('npo');
    expect(reviewingGroupId({ id: 'npo', parentGroupId: null })).toBe('npo');
  });
});
