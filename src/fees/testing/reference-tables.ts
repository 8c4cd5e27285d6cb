import type { ContributionReduction, RateTable } from '../rate-table';

/**
 * The national rate tables 2019–2026 built from DOMAIN.md's reference figures, for tests. The database is
 * seeded with the same figures by migration 1764100000000-rates-and-payers (the integration test checks that
 * the two agree).
 */
export const REFERENCE_PBB_KRONOR: Record<number, number> = {
  2019: 46_500,
  2020: 47_300,
  2021: 47_600,
  2022: 48_300,
  2023: 52_500,
  2024: 57_300,
  2025: 58_800,
  2026: 59_200,
};

/** Age limit for the pension-only contribution rate: 65 (2019–2022), 66 (2023–2025), 67 (from 2026). */
export const referenceAgeLimit = (year: number) => (year <= 2022 ? 65 : year <= 2025 ? 66 : 67);

/**
 * The reductions for young people in force each year (issue 18 #5), written out here independently of the migration
 * that seeds them (1765850000000-contribution-reductions) so a test can compare the two: [code, from age, below age,
 * first and last payment date, rate in bp]. Every one has the 25 000 kr monthly cap.
 */
const YOUTH: Record<number, Array<[string, number, number, string, string, number]>> = {
  2019: [['ung-15-17-2019', 15, 18, '2019-08-01', '2019-12-31', 1021]],
  2020: [['ung-15-17-2020', 15, 18, '2020-01-01', '2020-12-31', 1021]],
  2021: [
    ['ung-15-17-2021', 15, 18, '2021-01-01', '2021-12-31', 1021],
    ['ung-18-22-2021-1', 18, 23, '2021-01-01', '2021-05-31', 1973],
    ['ung-18-22-2021-sommar', 18, 23, '2021-06-01', '2021-08-31', 1021],
    ['ung-18-22-2021-2', 18, 23, '2021-09-01', '2021-12-31', 1973],
  ],
  2022: [
    ['ung-15-17-2022', 15, 18, '2022-01-01', '2022-12-31', 1021],
    ['ung-18-22-2022-1', 18, 23, '2022-01-01', '2022-05-31', 1973],
    ['ung-18-22-2022-sommar', 18, 23, '2022-06-01', '2022-08-31', 1021],
    ['ung-18-22-2022-2', 18, 23, '2022-09-01', '2022-12-31', 1973],
  ],
  2023: [
    ['ung-15-17-2023', 15, 18, '2023-01-01', '2023-12-31', 1021],
    ['ung-18-22-2023', 18, 23, '2023-01-01', '2023-03-31', 1973],
  ],
  2026: [['ung-18-22-2026', 18, 23, '2026-04-01', '2026-12-31', 2081]],
};

/** The reference reductions of `year` (sources are left as the migration writes them; tests compare the figures). */
export function referenceReductions(year: number): ContributionReduction[] {
  return (YOUTH[year] ?? []).map(([code, fromAge, belowAge, validFrom, validTo, rateBp]) => ({
    code,
    fromAge,
    belowAge,
    validFrom,
    validTo,
    rateBp,
    monthlyCapOre: 2_500_000,
    source: `reference ${code}`,
  }));
}

export function referenceTable(year: number, overrides: Partial<RateTable> = {}): RateTable {
  const pbb = REFERENCE_PBB_KRONOR[year];
  if (!pbb) throw new Error(`no reference figures for ${year}`);
  return {
    code: `nationell-${year}`,
    version: 1,
    payerCode: null,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    pbbOre: pbb * 100,
    fees: { fullDayBp: 360, halfDayBp: 180, shortBp: 90, hourlyBp: 50, shortMaxMinutes: 120, halfDayMaxMinutes: 240, fixedOre: null },
    defaultFeeMode: 'per-session',
    rounding: 'kronor-half-up',
    hourly: { counting: 'started-half-hour', scope: 'short-only' },
    contributions: {
      fullRateBp: 3142,
      pensionOnlyRateBp: 1021,
      pensionOnlyFromAge: referenceAgeLimit(year),
      noneIfBornUpTo: 1937,
      yearThresholdOre: 100_000,
      rounding: 'kronor-half-up',
      reductions: referenceReductions(year),
    },
    tax: { sideIncomeRateBp: 3000, yearThresholdOre: 100_000, minPaymentOre: 10_000, rounding: 'kronor-down' },
    mileage: year >= 2023 ? { taxFreeOrePerMil: 2500, reimbursedOrePerMil: 2500 } : { taxFreeOrePerMil: 1850, reimbursedOrePerMil: 1850 },
    ...overrides,
  };
}

export const REFERENCE_TABLES: readonly RateTable[] = Object.keys(REFERENCE_PBB_KRONOR).map((y) => referenceTable(Number(y)));
