import { computeFees, FeeActivity, FeeInputError, FeeCalculation, FeeLine, FeeMode, FeeTier, FSkattPolicy, PayeeTaxStatus, RateTable, TaxMode, TicketInput, totalsOf } from '../fees';
import type { ActivityKind } from '../fees';

/**
 * From attested time-report lines to the fee engine's input, and from its result to what a payout stores:
 * amounts per line and per person, and the AGI pay field. Pure (no I/O, no clock).
 */

/** One attested line as a payout uses it (the coordinator's figures). */
export interface PayableLine {
  timeReportId: string;
  activityDate: string;
  kind: ActivityKind;
  durationMinutes: number;
  travelMinutes: number;
  ticketCostOre: number;
  otherTravelCostOre: number;
  carKm: number;
  /** At least one receipt is stored: tickets and other costs are reimbursed only against a receipt. */
  hasReceipt: boolean;
  /** From the agreement (assignment). */
  feeMode: 'session' | 'hourly';
  employedByOrganisation: boolean;
  /**
   * The fee rule of the group activity the report is made against (null: a report from before activities, paid by
   * its length, agreed extra preparation as a full day): `by-length` the tier from the minutes incl. travel under the
   * agreement's fee mode, `hourly` per hour, or a fixed tier.
   */
  feeRule?: FeeRule | null;
}

export type FeeRule = 'by-length' | 'hourly' | 'full-day' | 'half-day' | 'short';
const FIXED_TIERS: readonly FeeRule[] = ['full-day', 'half-day', 'short'];

/** The fixed tier a line is paid at, if any: the activity's, or (a report from before activities) agreed extra preparation's full day. */
export function fixedTierOf(l: Pick<PayableLine, 'kind' | 'feeRule'>): FeeTier | undefined {
  if (l.feeRule != null) return FIXED_TIERS.includes(l.feeRule) ? (l.feeRule as FeeTier) : undefined;
  return l.kind === 'extra-preparation' ? 'full-day' : undefined;
}

/** The fee mode a line is computed in: per hour when its activity says so, else the agreement's. */
export function feeModeOf(l: Pick<PayableLine, 'feeMode' | 'feeRule'>): PayableLine['feeMode'] {
  return l.feeRule === 'hourly' ? 'hourly' : l.feeMode;
}

export interface PayeeFacts {
  birthYear: number;
  taxTableMainIncome: boolean;
  /** The person's tax table percentage as stored (numeric text, e.g. "32.5"). */
  taxTablePercent: string | null;
  /** F-skatt, FA-skatt or neither (issue 16 #5; default none), and whether an FA-skatt holder invoked the F-skatt. */
  taxStatus?: 'none' | 'fa-skatt' | 'f-skatt';
  fSkattInvoked?: boolean;
  /** The payer's policy for a payee on F-skatt (default refuse). */
  fSkattPolicy?: FSkattPolicy;
}

/** The engine's tax status from the person's record. */
export function taxStatusOf(p: PayeeFacts): PayeeTaxStatus {
  if (p.taxStatus === 'fa-skatt') return { kind: 'fa-skatt', fSkattInvoked: p.fSkattInvoked === true };
  return { kind: p.taxStatus ?? 'none' };
}

export interface PersonFigures {
  feesOre: number;
  taxFreeTravelOre: number;
  /** Tax-free car allowance (the AGI's box 050 tells that some was paid). */
  taxFreeCarOre: number;
  taxableTravelOre: number;
  taxablePayOre: number;
  contributionsOre: number;
  taxWithheldOre: number;
  grossOre: number;
  netOre: number;
  costOre: number;
  earlierTaxablePayOre: number;
  contributionCategory: string | null;
  /** 011: cash pay with employer contributions; 131: cash pay without (under the year threshold, born 1937 or earlier). */
  agiPayField: '011' | '131';
}

export interface LineAmounts {
  timeReportId: string;
  feeOre: number;
  travelOre: number;
  feeRule: string | null;
  tableCode: string | null;
  tableVersion: number | null;
}

export interface PersonCalculation {
  figures: PersonFigures;
  lines: LineAmounts[];
  /** The engine's calculations (one per agreement kind), kept for the payout slip. */
  calculations: FeeCalculation[];
}

/** Tax mode from the person's record: the tax table percentage where the fee is their main income, else side income (30 %). */
export function taxModeOf(p: PayeeFacts): TaxMode {
  if (!p.taxTableMainIncome || p.taxTablePercent === null) return { mode: 'side-income' };
  return { mode: 'tax-table', rateBp: percentTextToBp(p.taxTablePercent) };
}

/** "32.5" → 3250 basis points, exactly (no binary float on the way). */
export function percentTextToBp(text: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?\d*$/.exec(text.trim());
  if (!m) throw new RangeError('not a percentage');
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function toFeeActivity(l: PayableLine): FeeActivity {
  const tier = l.kind === 'open-information-meeting' ? undefined : fixedTierOf(l);
  const tickets: TicketInput[] = [];
  if (l.ticketCostOre > 0) tickets.push({ amountOre: l.ticketCostOre, receipt: l.hasReceipt, description: 'biljetter' });
  if (l.otherTravelCostOre > 0) tickets.push({ amountOre: l.otherTravelCostOre, receipt: l.hasReceipt, description: 'övriga resekostnader' });
  return {
    ref: l.timeReportId,
    date: l.activityDate,
    kind: l.kind,
    durationMinutes: l.durationMinutes,
    travelMinutes: l.travelMinutes,
    // A fixed tier from the activity; a report from before activities: agreed extra preparation is agreed in full
    // days (assignment.extraPreparationDays; the routine's reading day).
    ...(tier ? { agreedTier: tier } : {}),
    ...(tickets.length ? { tickets } : {}),
    ...(l.carKm > 0 ? { carKm: l.carKm } : {}),
  };
}

const engineMode = (m: PayableLine['feeMode']): FeeMode => (m === 'hourly' ? 'hourly' : 'per-session');

/**
 * One person's payout from one payer on `paymentDate`. Lines of agreements with a different fee mode or
 * employment are computed as separate engine calls, each seeing the taxable pay of the calls before it as
 * earlier pay, so the year threshold and contributions come out as for one payout.
 */
export function calculatePerson(args: {
  payerCode: string;
  paymentDate: string;
  payee: PayeeFacts;
  earlierTaxablePayOre: number;
  /** The part of it paid in the payment date's month (the monthly cap of a reduction for young people). */
  earlierMonthTaxablePayOre?: number;
  lines: readonly PayableLine[];
  tables: readonly RateTable[];
}): PersonCalculation {
  const groups = new Map<string, PayableLine[]>();
  for (const l of [...args.lines].sort((a, b) => a.activityDate.localeCompare(b.activityDate) || a.timeReportId.localeCompare(b.timeReportId))) {
    const key = `${feeModeOf(l)}|${l.employedByOrganisation}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  let earlier = args.earlierTaxablePayOre;
  let earlierMonth = args.earlierMonthTaxablePayOre ?? 0;
  const calculations: FeeCalculation[] = [];
  for (const group of groups.values()) {
    const calc = computeFees(
      {
        payerCode: args.payerCode,
        paymentDate: args.paymentDate,
        payee: { birthYear: args.payee.birthYear, employedForAssignment: group[0].employedByOrganisation, tax: taxModeOf(args.payee), taxStatus: taxStatusOf(args.payee) },
        ...(args.payee.fSkattPolicy ? { fSkattPolicy: args.payee.fSkattPolicy } : {}),
        feeMode: engineMode(feeModeOf(group[0])),
        earlierTaxablePayOre: earlier,
        earlierMonthTaxablePayOre: earlierMonth,
        activities: group.map(toFeeActivity),
      },
      args.tables,
    );
    // Refused (a payee on F-skatt where the payer does not pay on F-skatt, issue 16 #5): nothing is paid, and the
    // person's lines are not paid 0 either — they wait, with the reason (the draft skips the person, approval refuses).
    if (calc.status === 'refused') throw new FeeInputError(calc.refusal?.message ?? 'Ersättningen kan inte betalas ut.', 'payee.taxStatus');
    calculations.push(calc);
    earlier += calc.totals.taxablePayOre;
    earlierMonth += calc.totals.taxablePayOre;
  }
  const all: FeeLine[] = calculations.flatMap((c) => c.lines);
  const t = totalsOf(all);
  const contributionLines = all.filter((l) => l.kind === 'contributions');
  const category = calculations.find((c) => c.contributionCategory !== null)?.contributionCategory ?? null;
  const withoutContributions =
    category === 'none-born-early' || (contributionLines.length > 0 && contributionLines.every((l) => l.rule === 'contributions.below-year-threshold'));
  return {
    figures: {
      feesOre: t.feesOre,
      taxFreeTravelOre: t.taxFreeTravelOre,
      taxFreeCarOre: sumOf(all, 'travel-car-tax-free'),
      taxableTravelOre: t.taxableTravelOre,
      taxablePayOre: t.taxablePayOre,
      contributionsOre: t.contributionsOre,
      taxWithheldOre: t.taxWithheldOre,
      grossOre: t.grossOre,
      netOre: t.netToPayeeOre,
      costOre: t.costToPayerOre,
      earlierTaxablePayOre: args.earlierTaxablePayOre,
      contributionCategory: category,
      agiPayField: withoutContributions ? '131' : '011',
    },
    lines: args.lines.map((l) => lineAmounts(l.timeReportId, all)),
    calculations,
  };
}

function lineAmounts(timeReportId: string, all: readonly FeeLine[]): LineAmounts {
  const mine = all.filter((l) => l.activityRef === timeReportId);
  const fee = mine.find((l) => l.kind === 'fee');
  return {
    timeReportId,
    feeOre: sumOf(mine, 'fee'),
    travelOre: sumOf(mine, 'travel-ticket') + sumOf(mine, 'travel-car-tax-free') + sumOf(mine, 'travel-car-taxable'),
    feeRule: fee?.rule ?? null,
    tableCode: fee?.table.code ?? null,
    tableVersion: fee?.table.version ?? null,
  };
}

const sumOf = (lines: readonly FeeLine[], kind: FeeLine['kind']) => lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountOre, 0);

/** A person's figures from a `payout_person` row as pg returns it (bigint columns as text). */
export function personFiguresFromRow(r: Record<string, unknown>): PersonFigures {
  const n = (k: string) => Number(r[k]);
  return {
    feesOre: n('fees_ore'),
    taxFreeTravelOre: n('tax_free_travel_ore'),
    taxFreeCarOre: n('tax_free_car_ore'),
    taxableTravelOre: n('taxable_travel_ore'),
    taxablePayOre: n('taxable_pay_ore'),
    contributionsOre: n('contributions_ore'),
    taxWithheldOre: n('tax_withheld_ore'),
    grossOre: n('gross_ore'),
    netOre: n('net_ore'),
    costOre: n('cost_ore'),
    earlierTaxablePayOre: n('earlier_taxable_pay_ore'),
    contributionCategory: (r.contribution_category as string | null) ?? null,
    agiPayField: r.agi_pay_field as '011' | '131',
  };
}

/** Whether two computations of a person's payout give the same money (used before approval). */
export function sameFigures(a: PersonFigures, b: PersonFigures): boolean {
  const keys: Array<keyof PersonFigures> = [
    'feesOre',
    'taxFreeTravelOre',
    'taxableTravelOre',
    'contributionsOre',
    'taxWithheldOre',
    'netOre',
    'earlierTaxablePayOre',
    'agiPayField',
  ];
  return keys.every((k) => a[k] === b[k]);
}
