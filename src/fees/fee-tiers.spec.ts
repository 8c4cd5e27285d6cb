import { countedMinutes, hourlyFee, hourlyRate, percentText, sessionFee, tierFor } from './fee-tiers';
import { basisPointsOf, roundOre } from './rounding';
import { referenceTable } from './testing/reference-tables';

const kr = (n: number) => Math.round(n * 100);

describe('fee tiers (§4.5.2)', () => {
  it('gives the routine’s 2021 amounts: 1 714 / 857 / 428 kr, or 238 kr an hour', () => {
    const t = referenceTable(2021);
    expect(sessionFee(t, 'full-day').amountOre).toBe(kr(1_714));
    expect(sessionFee(t, 'half-day').amountOre).toBe(kr(857));
    expect(sessionFee(t, 'short').amountOre).toBe(kr(428));
    expect(hourlyRate(t).amountOre).toBe(kr(238));
    expect(sessionFee(t, 'full-day').ruleText).toBe(
      'Heldag: 3,6 % av prisbasbeloppet 47 600,00 kr, avrundat till hela kronor, 50 öre uppåt',
    );
  });

  it('gives 2026’s 2 131,20 / 1 065,60 / 532,80 / 296 kr before rounding and whole kronor after', () => {
    const t = referenceTable(2026);
    expect([360, 180, 90, 50].map((bp) => roundOre(basisPointsOf(t.pbbOre, bp), 'ore'))).toEqual([213_120, 106_560, 53_280, 29_600]);
    expect(sessionFee(t, 'full-day').amountOre).toBe(kr(2_131));
    expect(sessionFee(t, 'half-day').amountOre).toBe(kr(1_066));
    expect(sessionFee(t, 'short').amountOre).toBe(kr(533));
    expect(hourlyRate(t).amountOre).toBe(kr(296));
  });

  it('counts exactly 2 h as short and exactly 4 h as a half day, travel time included', () => {
    const t = referenceTable(2026);
    expect(tierFor(1, t)).toBe('short');
    expect(tierFor(120, t)).toBe('short');
    expect(tierFor(121, t)).toBe('half-day');
    expect(tierFor(240, t)).toBe('half-day');
    expect(tierFor(241, t)).toBe('full-day');
    expect(tierFor(90 + 30, t)).toBe('short');
    expect(tierFor(90 + 31, t)).toBe('half-day');
  });

  it('counts part-hours by the table’s rule', () => {
    expect([1, 30, 31, 60, 70, 120].map((m) => countedMinutes(m, 'started-half-hour'))).toEqual([30, 30, 60, 60, 90, 120]);
    expect([1, 60, 61].map((m) => countedMinutes(m, 'started-hour'))).toEqual([60, 60, 120]);
    expect(countedMinutes(70, 'exact-minutes')).toBe(70);
  });

  it('pays the rounded hourly rate per counted hour', () => {
    const t = referenceTable(2021);
    const f = hourlyFee(t, 70); // 1 h 10 min → 1,5 h started half hours
    expect(f.countedMinutes).toBe(90);
    expect(f.amountOre).toBe(kr(357));
    expect(f.rule).toBe('fee.hourly.pbb-percent.started-half-hour');
    const exact = hourlyFee(referenceTable(2021, { hourly: { counting: 'exact-minutes', scope: 'short-only' } }), 70);
    expect(exact.amountOre).toBe(kr(278)); // 277,67 kr
    // The region rounding half-even: 286,50 → 286 kr an hour in 2024.
    const region = referenceTable(2024, { rounding: 'kronor-half-even' });
    expect(hourlyFee(region, 60).amountOre).toBe(kr(286));
    expect(sessionFee(region, 'full-day').amountOre).toBe(kr(2_063));
  });

  it('uses a table’s fixed amounts instead of the percentage where it states them', () => {
    const t = referenceTable(2020, { fees: { ...referenceTable(2020).fees, fixedOre: { fullDayOre: kr(1_700) } } });
    expect(sessionFee(t, 'full-day')).toMatchObject({ amountOre: kr(1_700), rule: 'fee.full-day.fixed' });
    expect(sessionFee(t, 'half-day')).toMatchObject({ amountOre: kr(851), rule: 'fee.half-day.pbb-percent' });
  });

  it('writes percentages the Swedish way', () => {
    expect(percentText(360)).toBe('3,6 %');
    expect(percentText(3142)).toBe('31,42 %');
    expect(percentText(3000)).toBe('30 %');
    expect(percentText(50)).toBe('0,5 %');
  });
});
