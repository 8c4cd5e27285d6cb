import { contributionRate, contributionsFor } from './contributions';
import { computeFees, FeeInput } from './fee-engine';
import type { RateTable } from './rate-table';
import { referenceTable, REFERENCE_TABLES } from './testing/reference-tables';

const kr = (n: number) => Math.round(n * 100);

/** A 2027 table as an administrator would add it: the 2026 figures, with the reduction's last nine months. */
const TABLE_2027: RateTable = (() => {
  const t = referenceTable(2026);
  return {
    ...t,
    code: 'test-2027',
    validFrom: '2027-01-01',
    validTo: '2027-12-31',
    contributions: {
      ...t.contributions,
      reductions: [{ ...t.contributions.reductions![0], code: 'ung-18-22-2027', validFrom: '2027-01-01', validTo: '2027-09-30' }],
    },
  };
})();
const TABLES = [...REFERENCE_TABLES, TABLE_2027];

/** One full-day meeting paid on `paymentDate` to a person born `birthYear`, the year's threshold already passed. */
function pay(paymentDate: string, birthYear: number, extra: Partial<FeeInput> = {}) {
  const calc = computeFees(
    {
      payerCode: 'SKR',
      paymentDate,
      payee: { birthYear },
      earlierTaxablePayOre: kr(5_000),
      activities: [{ date: paymentDate, kind: 'meeting', durationMinutes: 300 }],
      ...extra,
    },
    TABLES,
  );
  const parts = calc.lines.filter((l) => l.kind === 'contributions');
  const fee = calc.totals.taxablePayOre;
  return { calc, parts, fee, rules: parts.map((p) => p.rule) };
}

/** The rate (bp) the single contribution part charged, from its base and amount before rounding. */
const rateOf = (paymentDate: string, birthYear: number) => {
  const r = pay(paymentDate, birthYear);
  expect(r.parts).toHaveLength(1);
  return contributionRate(
    TABLES.find((t) => t.validFrom <= paymentDate && paymentDate <= t.validTo)!.contributions,
    birthYear,
    Number(paymentDate.slice(0, 4)),
    paymentDate,
  ).reduction?.rateBp ?? (r.rules[0] === 'contributions.full' ? 3142 : -1);
};

describe('reductions of employer contributions for young people (issue 18 #5)', () => {
  describe.each([
    // band, [its first or last payment date, the day outside it next to that], birth year in the band, its rate
    ['15–17, only the old-age pension fee: first day 1 August 2019', ['2019-08-01', '2019-07-31'], 2003, 1021],
    ['15–17: last day 31 December 2023', ['2023-12-31', '2024-01-01'], 2007, 1021],
    ['18–22, 19,73 %: first day 1 January 2021', ['2021-01-01', '2020-12-31'], 2000, 1973],
    ['18–22, 19,73 %: last day 31 March 2023', ['2023-03-31', '2023-04-01'], 2002, 1973],
    ['18–22, 20,81 % (prop. 2025/26:66): first day 1 April 2026', ['2026-04-01', '2026-03-31'], 2005, 2081],
    ['18–22, 20,81 %: last day 30 September 2027', ['2027-09-30', '2027-10-01'], 2006, 2081],
  ] as const)('%s', (_name, [inside, outside], birthYear, rateBp) => {
    it('applies on that day and not on the day outside it', () => {
      expect(rateOf(inside, birthYear)).toBe(rateBp);
      expect(rateOf(outside, birthYear)).toBe(3142);
      const { rules, calc } = pay(inside, birthYear);
      expect(rules[0]).toMatch(/^contributions\.youth-reduced\.ung-/);
      expect(calc.contributionCategory).toBe('youth-reduced');
    });
  });

  it.each([
    // the summer months of 2021 and 2022: only the old-age pension fee for 18–22, 19,73 % on either side
    ['2021-05-31', 1973],
    ['2021-06-01', 1021],
    ['2021-08-31', 1021],
    ['2021-09-01', 1973],
    ['2022-05-31', 1973],
    ['2022-06-01', 1021],
    ['2022-08-31', 1021],
    ['2022-09-01', 1973],
  ])('for 18–22 on %s charges %i bp', (date, bp) => {
    expect(rateOf(date, Number(date.slice(0, 4)) - 20)).toBe(bp);
  });

  it.each([
    // year, youngest and oldest birth year in the 18–22 band, one either side
    [2021, 2002, 1998],
    [2026, 2007, 2003],
  ])('in %i covers those born %i (18 at the start of the year) to %i (22), not a year either side', (year, youngest, oldest) => {
    const date = `${year}-10-15`;
    expect(rateOf(date, youngest)).not.toBe(3142);
    expect(rateOf(date, oldest)).not.toBe(3142);
    expect(rateOf(date, oldest - 1)).toBe(3142);
    if (year === 2026) expect(rateOf(date, youngest + 1)).toBe(3142); // 17: no 15–17 reduction after 2023
  });

  it('in 2021 covers 15–17 (born 2003–2005) with only the pension fee', () => {
    expect(rateOf('2021-10-15', 2005)).toBe(1021);
    expect(rateOf('2021-10-15', 2003)).toBe(1021);
    expect(rateOf('2021-10-15', 2006)).toBe(3142); // 14 at the start of the year
  });

  describe('the 25 000 kr monthly cap per payer', () => {
    const rates = referenceTable(2026).contributions;
    const rate = contributionRate(rates, 2005, 2026, '2026-05-15');

    it('charges the reduced rate on exactly 25 000 kr in the month', () => {
      const parts = contributionsFor(rates, rate, kr(5_000), kr(25_000));
      expect(parts.map((p) => [p.rule, p.baseOre, p.amountOre])).toEqual([['contributions.youth-reduced.ung-18-22-2026', kr(25_000), kr(5_202.5) + 50]]);
    });

    it('charges the full rate on the month’s pay above 25 000 kr', () => {
      const parts = contributionsFor(rates, rate, kr(5_000), kr(25_001));
      expect(parts.map((p) => [p.rule, p.baseOre])).toEqual([
        ['contributions.youth-reduced.ung-18-22-2026', kr(25_000)],
        ['contributions.full.above-youth-cap', kr(1)],
      ]);
      expect(parts[1].amountOre).toBe(0); // 31,42 % of 1 kr rounds to 0 kr
      const more = contributionsFor(rates, rate, kr(5_000), kr(30_000));
      expect(more.map((p) => p.amountOre)).toEqual([kr(5_203), kr(1_571)]);
    });

    it('counts the month’s earlier pay from the same payer first (another run in the month)', () => {
      const parts = contributionsFor(rates, rate, kr(20_000), kr(10_000), kr(20_000));
      expect(parts.map((p) => [p.baseOre, p.amountOre])).toEqual([
        [kr(5_000), kr(1_041)], // 20,81 % of 5 000 = 1 040,50 → 1 041
        [kr(5_000), kr(1_571)],
      ]);
      const spent = contributionsFor(rates, rate, kr(26_000), kr(1_000), kr(26_000));
      expect(spent.map((p) => [p.rule, p.baseOre])).toEqual([['contributions.full.above-youth-cap', kr(1_000)]]);
    });

    it('in the engine: 24 000 kr paid earlier in the month leaves 1 000 kr of a full day (2 131 kr) at the reduced rate', () => {
      const { parts } = pay('2026-05-15', 2005, { earlierTaxablePayOre: kr(24_000), earlierMonthTaxablePayOre: kr(24_000) });
      expect(parts.map((p) => [p.rule, p.baseOre, p.amountOre])).toEqual([
        ['contributions.youth-reduced.ung-18-22-2026', kr(1_000), kr(208)],
        ['contributions.full.above-youth-cap', kr(1_131), kr(355)],
      ]);
      // Pay of earlier months does not count against this month's cap.
      const other = pay('2026-05-15', 2005, { earlierTaxablePayOre: kr(24_000), earlierMonthTaxablePayOre: 0 });
      expect(other.parts.map((p) => p.baseOre)).toEqual([kr(2_131)]);
    });

    it('refuses a month’s earlier pay larger than the year’s', () => {
      expect(() => pay('2026-05-15', 2005, { earlierTaxablePayOre: kr(1_000), earlierMonthTaxablePayOre: kr(2_000) })).toThrow(/Månadens/);
    });
  });

  it('names the rule and its source on the line (the slip prints it)', () => {
    const { parts } = pay('2026-05-15', 2005);
    expect(parts[0].ruleText).toMatch(/^Nedsatt arbetsgivaravgift för unga 20,81 %: fyllt 18 men inte 23 år vid årets ingång \(född 2003–2007\)/);
    expect(parts[0].ruleText).toMatch(/1 april 2026–31 december 2026/);
    expect(parts[0].ruleText).toMatch(/upp till 25 000,00 kr per kalendermånad från samma betalare, utbetald 1 april 2026–31 december 2026/);
    expect(parts[0].ruleText).toMatch(/reference ung-18-22-2026/);
  });

  it('charges the catch-up on the year’s earlier pay at the reduced rate when the year reaches 1 000 kr', () => {
    const { parts } = pay('2026-05-15', 2005, { earlierTaxablePayOre: kr(900), earlierMonthTaxablePayOre: 0 });
    expect(parts.map((p) => [p.rule, p.baseOre])).toEqual([
      ['contributions.youth-reduced.ung-18-22-2026', kr(2_131)],
      ['contributions.youth-reduced.ung-18-22-2026.catch-up', kr(900)],
    ]);
    expect(parts[1].amountOre).toBe(kr(187)); // 20,81 % of 900 = 187,29
  });

  it('leaves those outside every band at the rates of before', () => {
    expect(pay('2026-05-15', 1970).rules).toEqual(['contributions.full']);
    expect(pay('2026-05-15', 1950).rules).toEqual(['contributions.pension-only']);
  });
});
