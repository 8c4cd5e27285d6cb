import type { RateTable } from '../rate-table';

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
    },
    tax: { sideIncomeRateBp: 3000, yearThresholdOre: 100_000, minPaymentOre: 10_000, rounding: 'kronor-down' },
    mileage: year >= 2023 ? { taxFreeOrePerMil: 2500, reimbursedOrePerMil: 2500 } : { taxFreeOrePerMil: 1850, reimbursedOrePerMil: 1850 },
    ...overrides,
  };
}

export const REFERENCE_TABLES: readonly RateTable[] = Object.keys(REFERENCE_PBB_KRONOR).map((y) => referenceTable(Number(y)));
