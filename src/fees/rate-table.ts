import type { Ore, RoundingRule } from './rounding';

/**
 * A rate table (taxetabell): every number the fee engine uses, with its validity period. Tables are data kept in
 * the database and edited by an administrator (src/rates/); the engine never holds a rate of its own.
 *
 * Percentages are integer basis points (1 bp = 0.01 %: 3.6 % = 360, 31.42 % = 3142), money is integer öre, so
 * nothing is stored or computed as a binary float.
 */
export interface RateTable {
  /** Stable code of the table, e.g. `nationell-2026` or `sodra-2024`; written on every line it gave. */
  code: string;
  version: number;
  /** The paying body the table is for; null = the national table every payer uses unless it has its own. */
  payerCode: string | null;
  /** First and last day in force (`YYYY-MM-DD`, both inclusive, within one calendar year: PBB is set per year). */
  validFrom: string;
  validTo: string;
  /** The year's prisbasbelopp in öre (2026: 59 200 kr = 5 920 000). */
  pbbOre: Ore;
  fees: FeeRates;
  /** Fee (per-session or hourly) used when the agreement does not say. */
  defaultFeeMode: FeeMode;
  /** How fees are rounded (the rule is shown on the payout slip). */
  rounding: RoundingRule;
  hourly: HourlyRules;
  contributions: ContributionRates;
  tax: TaxRates;
  mileage: MileageRates;
}

export const FEE_MODES = ['per-session', 'hourly'] as const;
/** Per session (short/half day/full day) or per hour for shorter efforts, as the agreement says (§4.5.2). */
export type FeeMode = (typeof FEE_MODES)[number];

export interface FeeRates {
  /** Full day, more than `halfDayMaxMinutes` incl. travel: 360 bp = 3.6 % of PBB. */
  fullDayBp: number;
  /** Half day, more than `shortMaxMinutes` up to `halfDayMaxMinutes`: 180 bp = 1.8 %. */
  halfDayBp: number;
  /** Shorter effort, up to `shortMaxMinutes`: 90 bp = 0.9 %. */
  shortBp: number;
  /** Per hour where the agreement says hourly: 50 bp = 0.5 % of PBB an hour. */
  hourlyBp: number;
  /** Upper limit of a short effort in minutes incl. travel (120: exactly 2 h is short). */
  shortMaxMinutes: number;
  /** Upper limit of a half day in minutes incl. travel (240: exactly 4 h is a half day). */
  halfDayMaxMinutes: number;
  /**
   * Fixed amounts that replace the percentage for a tier, for payers whose own table states kronor
   * (e.g. the routine's §4.5.6 example: 1 700 / 850 / 425 kr). Null or absent: the percentage of PBB applies.
   */
  fixedOre?: FixedFees | null;
}

/** Fixed amounts in öre per tier (and per hour); a missing or null amount means the percentage applies. */
export interface FixedFees {
  fullDayOre?: Ore | null;
  halfDayOre?: Ore | null;
  shortOre?: Ore | null;
  hourlyOre?: Ore | null;
}

/** The FixedFees key of a tier. */
export const FIXED_FEE_KEY: Record<FeeTier, keyof FixedFees> = { 'full-day': 'fullDayOre', 'half-day': 'halfDayOre', short: 'shortOre' };

export const FEE_TIERS = ['short', 'half-day', 'full-day'] as const;
export type FeeTier = (typeof FEE_TIERS)[number];

export const HOURLY_COUNTING_RULES = ['started-half-hour', 'started-hour', 'exact-minutes'] as const;
/**
 * How part-hours count when paying per hour: every started half hour (default: 1 h 10 min counts as 1.5 h),
 * every started hour, or the exact minutes.
 */
export type HourlyCounting = (typeof HOURLY_COUNTING_RULES)[number];

export const HOURLY_SCOPES = ['short-only', 'all'] as const;
/**
 * Which activities the hourly fee covers in hourly mode: `short-only` (the routine offers the hourly fee as the
 * alternative for shorter efforts up to 2 h; half and full days keep their session fee) or `all`.
 */
export type HourlyScope = (typeof HOURLY_SCOPES)[number];

export interface HourlyRules {
  counting: HourlyCounting;
  scope: HourlyScope;
}

/** Arbetsgivaravgifter (SAL) on fees and other taxable pay. */
export interface ContributionRates {
  /** Full rate, 3142 bp = 31.42 %. */
  fullRateBp: number;
  /** Only the old-age pension fee, 1021 bp = 10.21 %, from the age limit. */
  pensionOnlyRateBp: number;
  /** Age reached before 1 January of the year from which only the pension fee is due: 65, 66 or 67. */
  pensionOnlyFromAge: number;
  /** Persons born this year or earlier pay no contributions (1937). */
  noneIfBornUpTo: number;
  /** No contributions while one payer's pay to one person stays under this in a calendar year (1 000 kr). */
  yearThresholdOre: Ore;
  rounding: RoundingRule;
  /**
   * Reductions for young people (nedsatta arbetsgivaravgifter för unga) in force some day of the table's year, each
   * with its own age band at the start of the year, the payment dates it applies to and its monthly cap per payer.
   * Absent or empty: none.
   */
  reductions?: readonly ContributionReduction[];
}

/**
 * One reduction of employer contributions for young people: on pay given out (payment date) from `validFrom` to
 * `validTo` to a person who at the start of the year (vid årets ingång) had reached `fromAge` but not `belowAge`,
 * `rateBp` is charged instead of the full rate on the part of the month's pay from this payer up to `monthlyCapOre`
 * (25 000 kr); the part above it gets the full rate.
 */
export interface ContributionReduction {
  /** Stable code, written on the line (`ung-18-22-2026`). */
  code: string;
  fromAge: number;
  belowAge: number;
  /** First and last payment date it applies to (`YYYY-MM-DD`, both inclusive). */
  validFrom: string;
  validTo: string;
  rateBp: number;
  /** The reduced rate covers pay up to this per calendar month and payer; null: no cap. */
  monthlyCapOre: Ore | null;
  /** The law or proposition it comes from (shown on the slip). */
  source: string;
}

/** Skatteavdrag (SFL 10–11 kap.). */
export interface TaxRates {
  /** Preliminary tax on side income, 3000 bp = 30 %. */
  sideIncomeRateBp: number;
  /** No withholding while the year's pay is expected to stay under this (1 000 kr). */
  yearThresholdOre: Ore;
  /** No withholding on a single payment under this (100 kr). */
  minPaymentOre: Ore;
  rounding: RoundingRule;
}

/** Own car (Skatteverket): tax-free 25 kr per mil from 2023, 18.50 kr before. */
export interface MileageRates {
  /** Tax-free allowance per mil (10 km) in öre. */
  taxFreeOrePerMil: Ore;
  /** What the payer pays per mil; anything above the tax-free rate is taxable pay. */
  reimbursedOrePerMil: Ore;
}

/** Where a rate table came from and which one: written on every line. */
export interface TableRef {
  code: string;
  version: number;
}

export const tableRef = (t: RateTable): TableRef => ({ code: t.code, version: t.version });

/**
 * The table in force on `date` for `payerCode`: a table of that payer overrides the national one (payerCode
 * null). Undefined when none is in force. Comparison of `YYYY-MM-DD` strings is chronological. A superseded table
 * (issue 18 #7) stays stored; its newer version, in force from a later date to the same last day, wins where both are
 * in force (the highest version of a code).
 */
export function selectRateTable(tables: readonly RateTable[], date: string, payerCode: string | null): RateTable | undefined {
  const inForce = tables.filter((t) => t.validFrom <= date && date <= t.validTo).sort((a, b) => b.version - a.version);
  return (
    (payerCode === null ? undefined : inForce.find((t) => t.payerCode !== null && sameCode(t.payerCode, payerCode))) ??
    inForce.find((t) => t.payerCode === null)
  );
}

const sameCode = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
