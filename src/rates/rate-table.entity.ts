import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContributionReduction, FeeMode, HourlyCounting, HourlyScope, RateTable } from '../fees/rate-table';
import type { RoundingRule } from '../fees/rounding';

/** bigint columns come back from pg as strings: money is converted to integer öre here. */
const bigintOre = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/**
 * One rate table (taxetabell) with its validity period: the row form of the engine's `RateTable`. Immutable once
 * stored (payouts record which table and version they used); a new year or a region's own table is a new row.
 */
@Entity({ name: 'rate_table' })
export class RateTableRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  code: string;

  @Column('int')
  version: number;

  /** Null: the national table for every payer without its own. */
  @Column('text', { name: 'payer_code', nullable: true })
  payerCode: string | null;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  @Column('date', { name: 'valid_to' })
  validTo: string;

  @Column('bigint', { name: 'pbb_ore', transformer: bigintOre })
  pbbOre: number;

  @Column('int', { name: 'fee_full_day_bp' })
  feeFullDayBp: number;

  @Column('int', { name: 'fee_half_day_bp' })
  feeHalfDayBp: number;

  @Column('int', { name: 'fee_short_bp' })
  feeShortBp: number;

  @Column('int', { name: 'fee_hourly_bp' })
  feeHourlyBp: number;

  @Column('bigint', { name: 'fee_full_day_fixed_ore', nullable: true, transformer: bigintOre })
  feeFullDayFixedOre: number | null;

  @Column('bigint', { name: 'fee_half_day_fixed_ore', nullable: true, transformer: bigintOre })
  feeHalfDayFixedOre: number | null;

  @Column('bigint', { name: 'fee_short_fixed_ore', nullable: true, transformer: bigintOre })
  feeShortFixedOre: number | null;

  @Column('bigint', { name: 'fee_hourly_fixed_ore', nullable: true, transformer: bigintOre })
  feeHourlyFixedOre: number | null;

  @Column('int', { name: 'short_max_minutes' })
  shortMaxMinutes: number;

  @Column('int', { name: 'half_day_max_minutes' })
  halfDayMaxMinutes: number;

  @Column('text', { name: 'default_fee_mode' })
  defaultFeeMode: FeeMode;

  @Column('text')
  rounding: RoundingRule;

  @Column('text', { name: 'hourly_counting' })
  hourlyCounting: HourlyCounting;

  @Column('text', { name: 'hourly_scope' })
  hourlyScope: HourlyScope;

  @Column('int', { name: 'contribution_full_bp' })
  contributionFullBp: number;

  @Column('int', { name: 'contribution_pension_only_bp' })
  contributionPensionOnlyBp: number;

  @Column('int', { name: 'contribution_pension_only_from_age' })
  contributionPensionOnlyFromAge: number;

  @Column('int', { name: 'contribution_none_if_born_up_to' })
  contributionNoneIfBornUpTo: number;

  @Column('bigint', { name: 'contribution_year_threshold_ore', transformer: bigintOre })
  contributionYearThresholdOre: number;

  @Column('text', { name: 'contribution_rounding' })
  contributionRounding: RoundingRule;

  /** Reductions for young people (age band, payment dates, rate, monthly cap, source); `[]` when none. */
  @Column('jsonb', { name: 'contribution_reductions', default: () => "'[]'::jsonb" })
  contributionReductions: ContributionReduction[];

  @Column('int', { name: 'tax_side_income_bp' })
  taxSideIncomeBp: number;

  @Column('bigint', { name: 'tax_year_threshold_ore', transformer: bigintOre })
  taxYearThresholdOre: number;

  @Column('bigint', { name: 'tax_min_payment_ore', transformer: bigintOre })
  taxMinPaymentOre: number;

  @Column('text', { name: 'tax_rounding' })
  taxRounding: RoundingRule;

  @Column('int', { name: 'mileage_tax_free_ore_per_mil' })
  mileageTaxFreeOrePerMil: number;

  @Column('int', { name: 'mileage_reimbursed_ore_per_mil' })
  mileageReimbursedOrePerMil: number;

  /** Where the figures come from (SFS, Skatteverket, the region's decision). */
  @Column('text')
  source: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The engine's view of a stored table. */
export function toRateTable(r: RateTableRow): RateTable {
  const fixed = {
    fullDayOre: r.feeFullDayFixedOre,
    halfDayOre: r.feeHalfDayFixedOre,
    shortOre: r.feeShortFixedOre,
    hourlyOre: r.feeHourlyFixedOre,
  };
  const anyFixed = Object.values(fixed).some((v) => v !== null);
  return {
    code: r.code,
    version: r.version,
    payerCode: r.payerCode,
    validFrom: r.validFrom,
    validTo: r.validTo,
    pbbOre: r.pbbOre,
    fees: {
      fullDayBp: r.feeFullDayBp,
      halfDayBp: r.feeHalfDayBp,
      shortBp: r.feeShortBp,
      hourlyBp: r.feeHourlyBp,
      shortMaxMinutes: r.shortMaxMinutes,
      halfDayMaxMinutes: r.halfDayMaxMinutes,
      fixedOre: anyFixed ? fixed : null,
    },
    defaultFeeMode: r.defaultFeeMode,
    rounding: r.rounding,
    hourly: { counting: r.hourlyCounting, scope: r.hourlyScope },
    contributions: {
      fullRateBp: r.contributionFullBp,
      pensionOnlyRateBp: r.contributionPensionOnlyBp,
      pensionOnlyFromAge: r.contributionPensionOnlyFromAge,
      noneIfBornUpTo: r.contributionNoneIfBornUpTo,
      yearThresholdOre: r.contributionYearThresholdOre,
      rounding: r.contributionRounding,
      reductions: r.contributionReductions ?? [],
    },
    tax: {
      sideIncomeRateBp: r.taxSideIncomeBp,
      yearThresholdOre: r.taxYearThresholdOre,
      minPaymentOre: r.taxMinPaymentOre,
      rounding: r.taxRounding,
    },
    mileage: { taxFreeOrePerMil: r.mileageTaxFreeOrePerMil, reimbursedOrePerMil: r.mileageReimbursedOrePerMil },
  };
}

/** The row form of an engine table (for inserts). */
export function fromRateTable(t: RateTable, source: string): Omit<RateTableRow, 'id' | 'createdAt'> {
  const fixed = t.fees.fixedOre ?? {};
  return {
    code: t.code,
    version: t.version,
    payerCode: t.payerCode,
    validFrom: t.validFrom,
    validTo: t.validTo,
    pbbOre: t.pbbOre,
    feeFullDayBp: t.fees.fullDayBp,
    feeHalfDayBp: t.fees.halfDayBp,
    feeShortBp: t.fees.shortBp,
    feeHourlyBp: t.fees.hourlyBp,
    feeFullDayFixedOre: fixed.fullDayOre ?? null,
    feeHalfDayFixedOre: fixed.halfDayOre ?? null,
    feeShortFixedOre: fixed.shortOre ?? null,
    feeHourlyFixedOre: fixed.hourlyOre ?? null,
    shortMaxMinutes: t.fees.shortMaxMinutes,
    halfDayMaxMinutes: t.fees.halfDayMaxMinutes,
    defaultFeeMode: t.defaultFeeMode,
    rounding: t.rounding,
    hourlyCounting: t.hourly.counting,
    hourlyScope: t.hourly.scope,
    contributionFullBp: t.contributions.fullRateBp,
    contributionPensionOnlyBp: t.contributions.pensionOnlyRateBp,
    contributionPensionOnlyFromAge: t.contributions.pensionOnlyFromAge,
    contributionNoneIfBornUpTo: t.contributions.noneIfBornUpTo,
    contributionYearThresholdOre: t.contributions.yearThresholdOre,
    contributionRounding: t.contributions.rounding,
    contributionReductions: [...(t.contributions.reductions ?? [])],
    taxSideIncomeBp: t.tax.sideIncomeRateBp,
    taxYearThresholdOre: t.tax.yearThresholdOre,
    taxMinPaymentOre: t.tax.minPaymentOre,
    taxRounding: t.tax.rounding,
    mileageTaxFreeOrePerMil: t.mileage.taxFreeOrePerMil,
    mileageReimbursedOrePerMil: t.mileage.reimbursedOrePerMil,
    source,
  };
}
