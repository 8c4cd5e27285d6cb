import { ContributionCategory, contributionRate, contributionsFor } from './contributions';
import { FeeInputError } from './fee-errors';
import { hourlyFee, sessionFee, TIER_TEXT, tierFor } from './fee-tiers';
import { FEE_TIERS, FeeMode, FeeTier, RateTable, selectRateTable, TableRef, tableRef } from './rate-table';
import type { BeforeRounding, Ore } from './rounding';
import { TaxMode, taxFor } from './tax';
import { carParts, ticketPart, TravelPart } from './travel';

export const ACTIVITY_KINDS = ['meeting', 'introduction', 'extra-preparation', 'open-information-meeting'] as const;
/**
 * - `meeting`: a physical, telephone or video meeting of the group (preparation and follow-up included);
 * - `introduction`: the group's introduction (§4.4), paid as a meeting;
 * - `extra-preparation`: extra preparation or follow-up agreed in the agreement (the routine's example: one extra
 *   full day per representative for reading; give `agreedTier: 'full-day'`, or the minutes spent);
 * - `open-information-meeting`: an open public information meeting: no fee and no travel (§4.5.2).
 */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface TicketInput {
  amountOre: Ore;
  /** A receipt was handed in; tickets without one are not reimbursed. */
  receipt: boolean;
  description?: string;
}

export interface FeeActivity {
  /** The caller's reference (time report line id), echoed on the lines. */
  ref?: string;
  /** Business date `YYYY-MM-DD`: chooses the rate table of the fee and travel. */
  date: string;
  kind: ActivityKind;
  /** Length of the meeting or work itself in minutes. */
  durationMinutes?: number;
  /** Travel time in minutes; counted into the length (§4.5.2 "inklusive eventuell färdtid"). */
  travelMinutes?: number;
  /**
   * A fixed tier: for `extra-preparation` the one the agreement fixes (e.g. one extra reading day = `full-day`); for
   * a `meeting` the one the group's activity sets (its fee rule), whatever the minutes.
   */
  agreedTier?: FeeTier;
  tickets?: readonly TicketInput[];
  /** Kilometres driven in the person's own car (both ways). */
  carKm?: number;
}

export interface FeePayee {
  /** Birth year: decides the contribution rate (age at the start of the payment year). */
  birthYear: number;
  /** Has F-skatt or is paid through an organisation number: the routine pays private persons only. */
  isCompany?: boolean;
  /** Employed by a patient organisation whose job includes the assignment: no fee (§4.5.2). */
  employedForAssignment?: boolean;
  /** Default: side income, 30 % from the table. */
  tax?: TaxMode;
  /**
   * The payee's tax status (issue 16 #5), default `none`. With FA-skatt they are paid as a private person with tax
   * withheld, unless they invoked the F-skatt in writing; with F-skatt (or an invoked FA-skatt) the payer neither
   * withholds tax nor pays employer contributions, and what happens then is the payer's policy (`fSkattPolicy`).
   */
  taxStatus?: PayeeTaxStatus;
}

/** F-skatt, FA-skatt (with or without the F-skatt invoked in writing) or neither. */
export type PayeeTaxStatus = { kind: 'none' } | { kind: 'fa-skatt'; fSkattInvoked: boolean } | { kind: 'f-skatt' };

/**
 * What a payer does when the payee is paid on their F-skatt (issue 16 #5): `refuse` (the default: the routine pays
 * private persons, never companies) or `pay-without-deductions` (fees and travel paid, no tax withheld and no
 * employer contributions: the payee accounts for both).
 */
export const F_SKATT_POLICIES = ['refuse', 'pay-without-deductions'] as const;
export type FSkattPolicy = (typeof F_SKATT_POLICIES)[number];

/** Paid on F-skatt: F-skatt, or FA-skatt whose F-skatt the person invoked in writing. */
export function paidOnFSkatt(status: PayeeTaxStatus | undefined): boolean {
  return status?.kind === 'f-skatt' || (status?.kind === 'fa-skatt' && status.fSkattInvoked);
}

export interface FeeInput {
  /** The paying body (after alias resolution: SKL is SKR). */
  payerCode: string;
  /** Date of the payout `YYYY-MM-DD`: its year decides contributions, tax and the year's thresholds. */
  paymentDate: string;
  payee: FeePayee;
  /** The payer's policy for a payee paid on F-skatt (default `refuse`). */
  fSkattPolicy?: FSkattPolicy;
  /** Per session or hourly as the agreement says; default: each table's `defaultFeeMode`. */
  feeMode?: FeeMode;
  /** Taxable pay this payer already paid the person in the payment's calendar year, in öre. */
  earlierTaxablePayOre?: Ore;
  /**
   * The part of `earlierTaxablePayOre` paid in the payment's calendar month (default 0): it uses up the monthly cap
   * of a reduction for young people before this payout does.
   */
  earlierMonthTaxablePayOre?: Ore;
  /** Taxable pay expected from this payer this year (e.g. from the agreement's time estimate), in öre. */
  expectedYearTaxablePayOre?: Ore;
  activities: readonly FeeActivity[];
}

export type FeeLineKind = 'fee' | TravelPart['kind'] | 'contributions' | 'tax';

export const REFUSAL_TEXT = {
  'payee-is-company':
    'Arvode betalas bara till privatpersoner, inte till företag (F-skatt eller organisationsnummer), enligt rutinen §4.5.1.',
  'payee-has-f-skatt':
    'Arvode betalas enligt rutinen bara till privatpersoner, inte till företag. Med F-skatt (eller åberopad FA-skatt) får betalaren varken dra skatt eller betala arbetsgivaravgifter, och betalaren betalar inte arvode på F-skatt.',
  'open-information-meeting': 'Ingen ersättning vid allmänna öppna möten av informationskaraktär (rutinen §4.5.2).',
  'employed-for-assignment':
    'Ingen ersättning till anställd i en patientorganisation där uppdraget ingår i tjänsten (rutinen §4.5.2).',
} as const;
export type RefusalCode = keyof typeof REFUSAL_TEXT;

export interface FeeLine {
  kind: FeeLineKind;
  /** Index of the activity in the input (fee and travel lines). */
  activityIndex?: number;
  activityRef?: string;
  date?: string;
  /** Fee lines: the tier paid (or `hourly`), and the minutes incl. travel and those paid for. */
  tier?: FeeTier | 'hourly';
  minutes?: number;
  countedMinutes?: number;
  /** Contribution and tax lines: the pay they are computed on. */
  baseOre?: Ore;
  amountOre: Ore;
  /**
   * Where the amount was rounded (fees from a PBB percentage or per hour, car allowance, contributions, tax):
   * the exact amount before rounding, in öre as ExactOreText (`"213120"` for 2 131,20 kr), and the rule that
   * rounded it, so `roundOre(parseExactOreText(unroundedOre), rounding) === amountOre`. Absent where nothing
   * was rounded (fixed amounts, tickets, refusals, amounts that are 0 by a threshold).
   */
  unroundedOre?: BeforeRounding['unroundedOre'];
  rounding?: BeforeRounding['rounding'];
  /** Part of taxable pay (fees, car allowance above the tax-free rate). */
  taxable: boolean;
  /** Machine-readable rule that gave the amount, e.g. `fee.full-day.pbb-percent`. */
  rule: string;
  /** The rule in Swedish with its figures, for the payout slip. */
  ruleText: string;
  table: TableRef;
  /** Set when the line is 0 because the fee is refused. */
  refusal?: RefusalCode;
}

export interface FeeTotals {
  /** Sum of the fee lines. */
  feesOre: Ore;
  /** Tickets and car allowance up to the tax-free rate. */
  taxFreeTravelOre: Ore;
  /** Car allowance above the tax-free rate. */
  taxableTravelOre: Ore;
  /** Fees + taxable travel: the base of contributions and tax. */
  taxablePayOre: Ore;
  contributionsOre: Ore;
  taxWithheldOre: Ore;
  /** Everything paid out before tax: taxable pay + tax-free travel. */
  grossOre: Ore;
  /** What reaches the person's account: gross − tax withheld. */
  netToPayeeOre: Ore;
  /** What the payer pays in all: gross + contributions. */
  costToPayerOre: Ore;
}

export interface FeeCalculation {
  status: 'calculated' | 'refused';
  /** Set when nothing can be paid at all (a company as payee). */
  refusal: { code: RefusalCode; message: string } | null;
  payerCode: string;
  paymentDate: string;
  /** The payment's calendar year. */
  year: number;
  contributionCategory: ContributionCategory | null;
  lines: FeeLine[];
  totals: FeeTotals;
  /** Every table a line was computed from. */
  tables: TableRef[];
  /** Things the person must be told (e.g. about Försäkringskassan). */
  notices: string[];
}

const F_SKATT_TEXT = {
  contributions: 'Inga arbetsgivaravgifter: arvodet betalas på mottagarens F-skatt',
  tax: 'Ingen skatt dras: arvodet betalas på mottagarens F-skatt, som själv betalar skatt och avgifter',
};

export const FORSAKRINGSKASSAN_NOTICE =
  'Får du samtidigt ersättning från Försäkringskassan? Kontakta din handläggare där om vad som gäller för arvodet (rutinen §4.5.2).';

/**
 * Computes one payout to one person from one payer: a fee line per activity (tier, amount, rule, table), travel
 * lines, employer contributions and tax withheld, and totals that are exactly the sums of the lines.
 *
 * `tables` are the candidate rate tables (national and the payer's own); each activity uses the table in force on
 * its date, contributions and tax the table in force on the payment date (a payer's own table overrides the
 * national one). Pure: no I/O, no clock. Throws FeeInputError (with the field) for input it cannot compute from.
 */
export function computeFees(input: FeeInput, tables: readonly RateTable[]): FeeCalculation {
  validateInput(input);
  const year = Number(input.paymentDate.slice(0, 4));
  const onFSkatt = paidOnFSkatt(input.payee.taxStatus);
  const refusedAs: RefusalCode | null = input.payee.isCompany ? 'payee-is-company' : onFSkatt && (input.fSkattPolicy ?? 'refuse') === 'refuse' ? 'payee-has-f-skatt' : null;
  if (refusedAs) {
    return {
      status: 'refused',
      refusal: { code: refusedAs, message: REFUSAL_TEXT[refusedAs] },
      payerCode: input.payerCode,
      paymentDate: input.paymentDate,
      year,
      contributionCategory: null,
      lines: [],
      totals: totalsOf([]),
      tables: [],
      notices: [],
    };
  }

  const lines: FeeLine[] = [];
  input.activities.forEach((activity, i) => {
    const table = selectRateTable(tables, activity.date, input.payerCode);
    if (!table) throw new FeeInputError(noTable(input.payerCode, activity.date), `activities.${i}.date`);
    lines.push(...activityLines(input, activity, i, table));
  });

  const payTable = selectRateTable(tables, input.paymentDate, input.payerCode);
  if (!payTable) throw new FeeInputError(noTable(input.payerCode, input.paymentDate), 'paymentDate');
  const ref = tableRef(payTable);
  const taxableOre = sum(lines.filter((l) => l.taxable));
  const earlierOre = input.earlierTaxablePayOre ?? 0;

  const rate = contributionRate(payTable.contributions, input.payee.birthYear, year, input.paymentDate);
  if (onFSkatt) {
    // Paid on F-skatt (the payer's policy allows it): the payee accounts for tax and contributions themself.
    lines.push({ kind: 'contributions', baseOre: taxableOre, amountOre: 0, taxable: false, rule: 'contributions.f-skatt', ruleText: F_SKATT_TEXT.contributions, table: ref });
    lines.push({ kind: 'tax', baseOre: taxableOre, amountOre: 0, taxable: false, rule: 'tax.f-skatt', ruleText: F_SKATT_TEXT.tax, table: ref });
  } else {
    for (const part of contributionsFor(payTable.contributions, rate, earlierOre, taxableOre, input.earlierMonthTaxablePayOre ?? 0)) {
      lines.push({ kind: 'contributions', baseOre: part.baseOre, amountOre: part.amountOre, ...traceOf(part), taxable: false, rule: part.rule, ruleText: part.ruleText, table: ref });
    }
    const tax = taxFor(payTable.tax, input.payee.tax ?? { mode: 'side-income' }, earlierOre, taxableOre, input.expectedYearTaxablePayOre);
    lines.push({ kind: 'tax', baseOre: tax.baseOre, amountOre: tax.amountOre, ...traceOf(tax), taxable: false, rule: tax.rule, ruleText: tax.ruleText, table: ref });
  }

  const seen = new Map<string, TableRef>();
  for (const l of lines) seen.set(`${l.table.code}@${l.table.version}`, l.table);
  const totals = totalsOf(lines);
  return {
    status: 'calculated',
    refusal: null,
    payerCode: input.payerCode,
    paymentDate: input.paymentDate,
    year,
    contributionCategory: onFSkatt ? null : rate.category,
    lines,
    totals,
    tables: [...seen.values()],
    notices: totals.feesOre > 0 ? [FORSAKRINGSKASSAN_NOTICE] : [],
  };
}

function activityLines(input: FeeInput, a: FeeActivity, index: number, table: RateTable): FeeLine[] {
  const ref = tableRef(table);
  const common = { activityIndex: index, date: a.date, table: ref, ...(a.ref !== undefined ? { activityRef: a.ref } : {}) };
  const minutes = a.durationMinutes === undefined ? undefined : a.durationMinutes + (a.travelMinutes ?? 0);
  const refusal: RefusalCode | undefined =
    a.kind === 'open-information-meeting' ? 'open-information-meeting' : input.payee.employedForAssignment ? 'employed-for-assignment' : undefined;

  if (refusal) {
    const refused = (kind: FeeLineKind, what: string): FeeLine => ({
      ...common,
      kind,
      ...(minutes !== undefined ? { minutes } : {}),
      amountOre: 0,
      taxable: false,
      rule: `${what}.refused.${refusal}`,
      ruleText: REFUSAL_TEXT[refusal],
      refusal,
    });
    const out = [refused('fee', 'fee')];
    if (a.tickets?.length || a.carKm) out.push(refused('travel-ticket', 'travel'));
    return out;
  }

  const out: FeeLine[] = [];
  const mode = input.feeMode ?? table.defaultFeeMode;
  if (a.agreedTier) {
    const fee = sessionFee(table, a.agreedTier);
    out.push({
      ...common,
      kind: 'fee',
      tier: a.agreedTier,
      ...(minutes !== undefined ? { minutes } : {}),
      amountOre: fee.amountOre,
      ...traceOf(fee),
      taxable: true,
      rule: `${fee.rule}.agreed`,
      ruleText:
        a.kind === 'extra-preparation'
          ? `${fee.ruleText} (överenskommen ${TIER_TEXT[a.agreedTier]} enligt överenskommelsen)`
          : `${fee.ruleText} (${TIER_TEXT[a.agreedTier]} enligt gruppens kallelse)`,
    });
  } else {
    const m = minutes as number; // validated: present when no agreed tier
    const tier = tierFor(m, table);
    if (mode === 'hourly' && (table.hourly.scope === 'all' || tier === 'short')) {
      const fee = hourlyFee(table, m);
      out.push({ ...common, kind: 'fee', tier: 'hourly', minutes: m, countedMinutes: fee.countedMinutes, amountOre: fee.amountOre, ...traceOf(fee), taxable: true, rule: fee.rule, ruleText: fee.ruleText });
    } else {
      const fee = sessionFee(table, tier);
      out.push({ ...common, kind: 'fee', tier, minutes: m, amountOre: fee.amountOre, ...traceOf(fee), taxable: true, rule: fee.rule, ruleText: `${fee.ruleText} (${m} min inkl. restid)` });
    }
  }
  for (const t of a.tickets ?? []) {
    const p = ticketPart(t.amountOre, t.receipt, t.description);
    out.push({ ...common, kind: p.kind, amountOre: p.amountOre, taxable: p.taxable, rule: p.rule, ruleText: p.ruleText });
  }
  if (a.carKm) {
    for (const p of carParts(table.mileage, a.carKm)) {
      out.push({ ...common, kind: p.kind, amountOre: p.amountOre, ...traceOf(p), taxable: p.taxable, rule: p.rule, ruleText: p.ruleText });
    }
  }
  return out;
}

/** The amount before rounding and the rule, when the part was rounded (nothing otherwise, so the JSON stays lean). */
const traceOf = (p: Partial<BeforeRounding>): Partial<BeforeRounding> =>
  p.unroundedOre !== undefined && p.rounding !== undefined ? { unroundedOre: p.unroundedOre, rounding: p.rounding } : {};

/** Totals from lines only, so they always equal the sums of the lines. */
export function totalsOf(lines: readonly FeeLine[]): FeeTotals {
  const of = (kind: FeeLineKind) => sum(lines.filter((l) => l.kind === kind));
  const feesOre = of('fee');
  const taxFreeTravelOre = of('travel-ticket') + of('travel-car-tax-free');
  const taxableTravelOre = of('travel-car-taxable');
  const taxablePayOre = feesOre + taxableTravelOre;
  const contributionsOre = of('contributions');
  const taxWithheldOre = of('tax');
  const grossOre = taxablePayOre + taxFreeTravelOre;
  return {
    feesOre,
    taxFreeTravelOre,
    taxableTravelOre,
    taxablePayOre,
    contributionsOre,
    taxWithheldOre,
    grossOre,
    netToPayeeOre: grossOre - taxWithheldOre,
    costToPayerOre: grossOre + contributionsOre,
  };
}

const sum = (lines: readonly FeeLine[]) => lines.reduce((s, l) => s + l.amountOre, 0);

const noTable = (payer: string, date: string) => `Ingen taxetabell gäller för betalaren ${payer} den ${date}.`;

/** YYYY-MM-DD and a real calendar day. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

const isNonNegInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const MAX_MINUTES = 24 * 60;
const MAX_ORE = 10_000_000_000; // 100 million kronor: far above any real payout, keeps all arithmetic exact

function validateInput(input: FeeInput): void {
  const fail = (field: string, message: string): never => {
    throw new FeeInputError(message, field);
  };
  if (typeof input.payerCode !== 'string' || input.payerCode.trim() === '') fail('payerCode', 'Ange betalaren.');
  if (!isIsoDate(input.paymentDate)) fail('paymentDate', 'Utbetalningsdagen måste vara ett datum (ÅÅÅÅ-MM-DD).');
  const year = Number(input.paymentDate.slice(0, 4));
  const by = input.payee?.birthYear;
  if (!Number.isInteger(by) || by < 1850 || by > year) fail('payee.birthYear', 'Födelseåret måste vara ett år före utbetalningen.');
  for (const [field, v] of [
    ['earlierTaxablePayOre', input.earlierTaxablePayOre],
    ['earlierMonthTaxablePayOre', input.earlierMonthTaxablePayOre],
    ['expectedYearTaxablePayOre', input.expectedYearTaxablePayOre],
  ] as const) {
    if (v !== undefined && (!isNonNegInt(v) || v > MAX_ORE)) fail(field, 'Beloppet måste vara ett heltal öre, 0 eller mer.');
  }
  if ((input.earlierMonthTaxablePayOre ?? 0) > (input.earlierTaxablePayOre ?? 0)) {
    fail('earlierMonthTaxablePayOre', 'Månadens tidigare ersättning kan inte vara större än årets.');
  }
  const tax = input.payee.tax;
  if (tax?.mode === 'tax-table' && (!isNonNegInt(tax.rateBp) || tax.rateBp > 10_000)) {
    fail('payee.tax.rateBp', 'Skattetabellens procentsats måste vara mellan 0 och 100.');
  }
  const status = input.payee.taxStatus;
  if (status !== undefined && !['none', 'fa-skatt', 'f-skatt'].includes(status?.kind)) fail('payee.taxStatus.kind', 'Skattestatus är none, fa-skatt eller f-skatt.');
  if (status?.kind === 'fa-skatt' && typeof status.fSkattInvoked !== 'boolean') fail('payee.taxStatus.fSkattInvoked', 'Ange om F-skatten åberopas (true eller false).');
  if (input.fSkattPolicy !== undefined && !(F_SKATT_POLICIES as readonly string[]).includes(input.fSkattPolicy)) {
    fail('fSkattPolicy', 'Betalarens regel för F-skatt är refuse eller pay-without-deductions.');
  }
  if (!Array.isArray(input.activities) || input.activities.length === 0) fail('activities', 'Ange minst en aktivitet.');
  input.activities.forEach((a, i) => {
    const f = (name: string) => `activities.${i}.${name}`;
    if (!isIsoDate(a.date)) fail(f('date'), 'Datumet måste vara ett datum (ÅÅÅÅ-MM-DD).');
    if (a.agreedTier !== undefined) {
      if (a.kind !== 'extra-preparation' && a.kind !== 'meeting') {
        fail(f('agreedTier'), 'En fast nivå gäller bara möten (gruppens kallelse) och extra för- eller efterarbete.');
      }
      if (!FEE_TIERS.includes(a.agreedTier)) fail(f('agreedTier'), 'Nivån måste vara short, half-day eller full-day.');
    }
    const needsLength = a.kind !== 'open-information-meeting' && a.agreedTier === undefined;
    if (a.durationMinutes === undefined) {
      if (needsLength) fail(f('durationMinutes'), 'Ange aktivitetens längd i minuter.');
    } else if (!isNonNegInt(a.durationMinutes) || a.durationMinutes < 1 || a.durationMinutes > MAX_MINUTES) {
      fail(f('durationMinutes'), 'Längden måste vara ett heltal minuter, mellan 1 och 1440.');
    }
    if (a.travelMinutes !== undefined && (!isNonNegInt(a.travelMinutes) || a.travelMinutes > MAX_MINUTES)) {
      fail(f('travelMinutes'), 'Restiden måste vara ett heltal minuter, mellan 0 och 1440.');
    }
    (a.tickets ?? []).forEach((t, j) => {
      if (!isNonNegInt(t.amountOre) || t.amountOre > MAX_ORE) fail(f(`tickets.${j}.amountOre`), 'Biljettens belopp måste vara ett heltal öre, 0 eller mer.');
    });
    if (a.carKm !== undefined && (!isNonNegInt(a.carKm) || a.carKm > 100_000)) {
      fail(f('carKm'), 'Körsträckan måste vara ett heltal kilometer, 0 eller mer.');
    }
  });
}
