import { isIsoDate, isUuid } from './checks';
import { iso, toMs, waitMs } from './duration';

describe('workflow policy helpers', () => {
  it('reads policy durations as Temporal does (the ms format)', () => {
    expect(toMs('14 days')).toBe(14 * 86_400_000);
    expect(toMs('36h')).toBe(36 * 3_600_000);
    expect(toMs('1500ms')).toBe(1500);
    expect(toMs('2s')).toBe(2000);
    expect(toMs('1095 days')).toBe(1095 * 86_400_000);
    expect(toMs(250)).toBe(250);
    expect(() => toMs('soon' as never)).toThrow('not a duration: soon');
  });

  it('reads weeks and years (the payout run once read "2 weeks" as 0 ms)', () => {
    expect(toMs('2 weeks')).toBe(14 * 86_400_000);
    expect(toMs('1w')).toBe(7 * 86_400_000);
    expect(toMs('1 year')).toBe(31_557_600_000);
  });

  it('waits at least a millisecond and shows instants as ISO timestamps', () => {
    expect(waitMs(1000, 2000)).toBe(1);
    expect(waitMs(5000, 2000)).toBe(3000);
    expect(iso(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(iso(null)).toBeNull();
  });

  it('accepts real dates and UUIDs only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('26-02-28')).toBe(false);
    expect(isUuid('7d0b8a8e-5b7c-4b0e-9a8a-2c1f0b7d9e11')).toBe(true);
    expect(isUuid('system:assignment:x')).toBe(false);
  });
});
