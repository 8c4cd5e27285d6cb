import { contributionRate, contributionsFor } from './contributions';
import { computeFees, FeeInput } from './fee-engine';
import { referenceTable, REFERENCE_TABLES } from './testing/reference-tables';

const kr = (n: number) => Math.round(n * 100);
const rates = (year: number) => referenceTable(year).contributions;

describe('employer contributions (arbetsgivaravgifter)', () => {
  it('charges the full 31,42 % to a person under the age limit', () => {
    expect(contributionRate(rates(2020), 1970, 2020)).toMatchObject({ category: 'full', rateBp: 3142 });
  });

  it('charges nothing to a person born 1937 or earlier, only the pension fee to one born 1938', () => {
    expect(contributionRate(rates(2024), 1937, 2024)).toMatchObject({ category: 'none-born-early', rateBp: 0 });
    expect(contributionRate(rates(2024), 1920, 2024)).toMatchObject({ rateBp: 0 });
    expect(contributionRate(rates(2024), 1938, 2024)).toMatchObject({ category: 'pension-only', rateBp: 1021 });
  });

  it.each([
    // year, age limit, last birth year with only the pension fee (reached the limit before 1 January)
    [2019, 65, 1953],
    [2022, 65, 1956],
    [2023, 66, 1956],
    [2024, 66, 1957],
    [2025, 66, 1958],
    [2026, 67, 1958],
  ])('in %i (age limit %i) charges only 10,21 %% to those born %i or earlier', (year, limit, lastBorn) => {
    const r = rates(year);
    expect(r.pensionOnlyFromAge).toBe(limit);
    expect(contributionRate(r, lastBorn, year)).toMatchObject({ category: 'pension-only', rateBp: 1021 });
    expect(contributionRate(r, lastBorn + 1, year)).toMatchObject({ category: 'full', rateBp: 3142 });
  });

  it('takes every figure from the table passed in', () => {
    const custom = { ...rates(2026), fullRateBp: 2081, pensionOnlyFromAge: 70, noneIfBornUpTo: 1940 };
    expect(contributionRate(custom, 1960, 2026).rateBp).toBe(2081);
    expect(contributionRate(custom, 1956, 2026).rateBp).toBe(2081); // 69 at the start of 2026: under this table’s 70
    expect(contributionRate(custom, 1955, 2026).rateBp).toBe(1021);
    expect(contributionRate(custom, 1940, 2026).rateBp).toBe(0);
  });

  it('charges nothing while the year stays under 1 000 kr, and on the whole year once it reaches 1 000 kr', () => {
    const r = rates(2026);
    const full = contributionRate(r, 1970, 2026);
    expect(contributionsFor(r, full, 0, kr(999.99))).toEqual([expect.objectContaining({ amountOre: 0, rule: 'contributions.below-year-threshold' })]);
    expect(contributionsFor(r, full, kr(400), kr(599.99))[0].amountOre).toBe(0);
    // Exactly 1 000 kr reached: due on the whole year, the earlier 400 kr caught up once.
    const crossing = contributionsFor(r, full, kr(400), kr(600));
    expect(crossing.map((p) => [p.rule, p.baseOre, p.amountOre])).toEqual([
      ['contributions.full', kr(600), kr(189)], // 188,52
      ['contributions.full.catch-up', kr(400), kr(126)], // 125,68
    ]);
    // Later payouts: only their own amount.
    expect(contributionsFor(r, full, kr(1_000), kr(600))).toEqual([expect.objectContaining({ amountOre: kr(189), rule: 'contributions.full' })]);
  });

  it('catches up once over a year of monthly payouts crossing the threshold mid-year', () => {
    const payouts: number[] = [];
    let earlier = 0;
    for (let month = 1; month <= 12; month++) {
      const input: FeeInput = {
        payerCode: 'SKR',
        paymentDate: `2026-${String(month).padStart(2, '0')}-25`,
        payee: { birthYear: 1980 },
        earlierTaxablePayOre: earlier,
        activities: [{ date: `2026-${String(month).padStart(2, '0')}-10`, kind: 'meeting', durationMinutes: 60 }], // 533 kr
      };
      const res = computeFees(input, REFERENCE_TABLES);
      payouts.push(res.totals.contributionsOre);
      if (month === 2) {
        expect(res.lines.filter((l) => l.kind === 'contributions').map((l) => l.rule)).toEqual(['contributions.full', 'contributions.full.catch-up']);
      }
      earlier += res.totals.taxablePayOre;
    }
    // January (533 kr) under the threshold; February reaches 1 066 kr and pays for both months; then each month its own.
    expect(payouts[0]).toBe(0);
    expect(payouts[1]).toBe(kr(167) * 2); // 533 × 31,42 % = 167,47 → 167, twice
    expect(payouts.slice(2)).toEqual(Array(10).fill(kr(167)));
    expect(payouts.reduce((a, b) => a + b, 0)).toBe(12 * kr(167));
  });
});
