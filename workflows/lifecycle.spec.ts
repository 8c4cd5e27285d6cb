import { isIsoDate, isUuid, toMs } from './lifecycle';

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

  it('accepts real dates and UUIDs only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('26-02-28')).toBe(false);
    expect(isUuid('7d0b8a8e-5b7c-4b0e-9a8a-2c1f0b7d9e11')).toBe(true);
    expect(isUuid('system:assignment:x')).toBe(false);
  });
});
