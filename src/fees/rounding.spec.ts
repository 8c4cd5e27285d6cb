import { basisPointsOf, exactOre, formatKronor, roundOre } from './rounding';

const kr = (n: number) => Math.round(n * 100);

describe('roundOre: the one rounding function', () => {
  it('gives the routine’s 2021 figures with the default rule (whole kronor, halves up)', () => {
    const pbb2021 = kr(47_600);
    expect(roundOre(basisPointsOf(pbb2021, 360), 'kronor-half-up')).toBe(kr(1_714)); // 1 713,60
    expect(roundOre(basisPointsOf(pbb2021, 180), 'kronor-half-up')).toBe(kr(857)); // 856,80
    expect(roundOre(basisPointsOf(pbb2021, 90), 'kronor-half-up')).toBe(kr(428)); // 428,40
    expect(roundOre(basisPointsOf(pbb2021, 50), 'kronor-half-up')).toBe(kr(238)); // 238,00
  });

  it('expresses the region whose 2024 table turns 2 062,80 into 2 063 but 286,50 into 286 (half to even)', () => {
    const pbb2024 = kr(57_300);
    const fullDay = basisPointsOf(pbb2024, 360);
    const hourly = basisPointsOf(pbb2024, 50);
    expect(roundOre(fullDay, 'ore')).toBe(206_280);
    expect(roundOre(hourly, 'ore')).toBe(28_650);
    expect(roundOre(fullDay, 'kronor-half-even')).toBe(kr(2_063));
    expect(roundOre(hourly, 'kronor-half-even')).toBe(kr(286));
    // The default rule would give 287: the two rules really differ on a half krona.
    expect(roundOre(hourly, 'kronor-half-up')).toBe(kr(287));
    expect(roundOre(28_750, 'kronor-half-even')).toBe(kr(288));
  });

  it('rounds down and to öre when the table says so', () => {
    expect(roundOre(171_399, 'kronor-down')).toBe(171_300);
    expect(roundOre(171_399, 'kronor-half-up')).toBe(171_400);
    expect(roundOre(171_349, 'kronor-half-up')).toBe(171_300);
    expect(roundOre(exactOre(1, 1, 2), 'ore')).toBe(1); // half an öre goes up
    expect(roundOre(exactOre(1, 1, 3), 'ore')).toBe(0);
    expect(roundOre(0, 'kronor-half-up')).toBe(0);
  });

  it('keeps fractions exact until the one rounding (no binary floating point)', () => {
    // 0,1 + 0,2 style errors cannot happen: 3 × 1/3 öre is exactly 1 öre.
    expect(roundOre(exactOre(1, 3, 3), 'ore')).toBe(1);
    // 50 minutes at 238 kr/h = 198,333… kr
    expect(roundOre(exactOre(kr(238), 50, 60), 'kronor-half-up')).toBe(kr(198));
    expect(roundOre(exactOre(kr(238), 50, 60), 'ore')).toBe(19_833);
  });

  it('refuses negative amounts and bad denominators', () => {
    expect(() => roundOre(-1, 'kronor-half-up')).toThrow(RangeError);
    expect(() => exactOre(1, 1, 0)).toThrow(RangeError);
    expect(() => exactOre(0.5)).toThrow(RangeError);
  });

  it('formats kronor the Swedish way', () => {
    expect(formatKronor(213_120)).toBe('2 131,20 kr');
    expect(formatKronor(3_798_000)).toBe('37 980,00 kr');
    expect(formatKronor(5)).toBe('0,05 kr');
  });
});
