import { basisPointsOf, exactOre, exactOreText, formatKronor, parseExactOreText, roundOre, roundWithTrace } from './rounding';

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

  it('writes the exact amount before rounding as öre text: a decimal where one exists, else a fraction', () => {
    expect(exactOreText(basisPointsOf(kr(59_200), 360))).toBe('213120'); // 2026 full day: 2 131,20 kr
    expect(exactOreText(basisPointsOf(kr(57_300), 50))).toBe('28650'); // 286,50 kr
    expect(exactOreText(exactOre(2_331, 1, 10))).toBe('233.1'); // 2,331 kr
    expect(exactOreText(basisPointsOf(1_001, 3_142))).toBe('314.5142');
    expect(exactOreText(exactOre(kr(296), 37, 60))).toBe('54760/3'); // 37 exact minutes at 296 kr/h
    expect(exactOreText(exactOre(0, 7, 3))).toBe('0');
    expect(exactOreText(12_345)).toBe('12345');
    for (const text of ['213120', '28650', '233.1', '314.5142', '54760/3', '0']) expect(exactOreText(parseExactOreText(text)!)).toBe(text);
    expect(parseExactOreText('2 131,20')).toBeUndefined();
    expect(parseExactOreText('1/0')).toBeUndefined();
  });

  it('keeps what an amount was before its rounding, and the rule that rounded it', () => {
    expect(roundWithTrace(basisPointsOf(kr(59_200), 360), 'kronor-half-up')).toEqual({ amountOre: kr(2_131), unroundedOre: '213120', rounding: 'kronor-half-up' });
    expect(roundWithTrace(basisPointsOf(kr(57_300), 50), 'kronor-half-even')).toEqual({ amountOre: kr(286), unroundedOre: '28650', rounding: 'kronor-half-even' });
  });

  it('formats kronor the Swedish way', () => {
    expect(formatKronor(213_120)).toBe('2 131,20 kr');
    expect(formatKronor(3_798_000)).toBe('37 980,00 kr');
    expect(formatKronor(5)).toBe('0,05 kr');
  });
});
