import { FIXED_FEE_KEY, FeeTier, HourlyCounting, RateTable } from './rate-table';
import { basisPointsOf, BeforeRounding, exactOre, formatKronor, Ore, ROUNDING_RULE_TEXT, roundWithTrace } from './rounding';

/**
 * The fee tiers of §4.5.2, time counted including travel time:
 * up to 2 h short (0.9 % of PBB), more than 2 h up to 4 h half day (1.8 %), more than 4 h full day (3.6 %).
 * Exactly 2 h is short and exactly 4 h is a half day ("upp till två timmar", "mer än fyra timmar").
 */
export function tierFor(minutesInclTravel: number, table: RateTable): FeeTier {
  if (minutesInclTravel <= table.fees.shortMaxMinutes) return 'short';
  if (minutesInclTravel <= table.fees.halfDayMaxMinutes) return 'half-day';
  return 'full-day';
}

/** The minutes paid for when paying per hour, by the table's counting rule. */
export function countedMinutes(minutes: number, counting: HourlyCounting): number {
  switch (counting) {
    case 'started-half-hour':
      return Math.ceil(minutes / 30) * 30;
    case 'started-hour':
      return Math.ceil(minutes / 60) * 60;
    case 'exact-minutes':
      return minutes;
    default: {
      const never: never = counting;
      throw new RangeError(`unknown hourly counting rule ${String(never)}`);
    }
  }
}

export const TIER_TEXT: Record<FeeTier | 'hourly', string> = {
  'full-day': 'heldag',
  'half-day': 'halvdag',
  short: 'kortare insats',
  hourly: 'per timme',
};

const tierBp = (table: RateTable, tier: FeeTier): number =>
  tier === 'full-day' ? table.fees.fullDayBp : tier === 'half-day' ? table.fees.halfDayBp : table.fees.shortBp;

export interface Amount extends Partial<BeforeRounding> {
  amountOre: Ore;
  /** Machine-readable rule, e.g. `fee.full-day.pbb-percent`. */
  rule: string;
  /** The same in Swedish, with the figures used. */
  ruleText: string;
}

/** The fee for one session of `tier`: the table's fixed amount, or its percentage of PBB rounded by its rule. */
export function sessionFee(table: RateTable, tier: FeeTier): Amount {
  const fixed = table.fees.fixedOre?.[FIXED_FEE_KEY[tier]];
  if (fixed !== undefined && fixed !== null) {
    return { amountOre: fixed, rule: `fee.${tier}.fixed`, ruleText: `${cap(TIER_TEXT[tier])}: fast belopp ${formatKronor(fixed)} enligt tabellen` };
  }
  const bp = tierBp(table, tier);
  return {
    ...roundWithTrace(basisPointsOf(table.pbbOre, bp), table.rounding),
    rule: `fee.${tier}.pbb-percent`,
    ruleText: `${cap(TIER_TEXT[tier])}: ${percentText(bp)} av prisbasbeloppet ${formatKronor(table.pbbOre)}, ${ROUNDING_RULE_TEXT[table.rounding]}`,
  };
}

/**
 * The hourly rate: the table's fixed amount, or its percentage of PBB rounded by its rule (the routine's
 * published "238 kronor/timme" for 2021 is the rounded rate, so the rate is rounded before hours multiply it).
 */
export function hourlyRate(table: RateTable): Amount {
  const fixed = table.fees.fixedOre?.hourlyOre;
  if (fixed !== undefined && fixed !== null) {
    return { amountOre: fixed, rule: 'fee.hourly.fixed', ruleText: `Timarvode: fast belopp ${formatKronor(fixed)} per timme enligt tabellen` };
  }
  const bp = table.fees.hourlyBp;
  return {
    ...roundWithTrace(basisPointsOf(table.pbbOre, bp), table.rounding),
    rule: 'fee.hourly.pbb-percent',
    ruleText: `Timarvode: ${percentText(bp)} av prisbasbeloppet ${formatKronor(table.pbbOre)} per timme, ${ROUNDING_RULE_TEXT[table.rounding]}`,
  };
}

const COUNTING_TEXT: Record<HourlyCounting, string> = {
  'started-half-hour': 'varje påbörjad halvtimme räknas',
  'started-hour': 'varje påbörjad timme räknas',
  'exact-minutes': 'exakta minuter räknas',
};

/**
 * The hourly fee for `minutes` (incl. travel): the rounded hourly rate × counted hours, rounded again by the
 * table's rule (a half hour of an odd rate can end in 50 öre). Its `unroundedOre` is that product, before the
 * second rounding.
 */
export function hourlyFee(table: RateTable, minutes: number): Amount & { countedMinutes: number } {
  const rate = hourlyRate(table);
  const counted = countedMinutes(minutes, table.hourly.counting);
  return {
    ...roundWithTrace(exactOre(rate.amountOre, counted, 60), table.rounding),
    countedMinutes: counted,
    rule: `${rate.rule}.${table.hourly.counting}`,
    ruleText: `${rate.ruleText}; ${COUNTING_TEXT[table.hourly.counting]}: ${formatHours(counted)} × ${formatKronor(rate.amountOre)}`,
  };
}

/** "3,6 %" for 360 bp. */
export function percentText(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = (bp % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `,${frac}` : ''} %`;
}

function formatHours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
