/**
 * The one rounding function of the fee engine. Every amount a person sees (fee, contributions, tax, travel) is
 * rounded here, by the rule its rate table names, and the rule is written on the line that used it.
 *
 * Source: the routine (Rutin för patientmedverkan §4.5.2) publishes its 2021 amounts "avrundat till hela kronor":
 * 3.6 % of 47 600 = 1 713.60 → 1 714, 0.9 % = 428.40 → 428 — to the nearest krona; a half krona goes up
 * (DOMAIN.md: default to whole kronor, halves up). Regions round differently, so a rate table may name another
 * rule: one region's 2024 table turns 2 062.80 into 2 063 but 286.50 into 286, which is `kronor-half-even`
 * (a half goes to the even krona).
 *
 * Pure and free of Node built-ins: importable from activities and bundles.
 */

/** Integer öre (1 krona = 100 öre). */
export type Ore = number;

export const ROUNDING_RULES = ['kronor-half-up', 'kronor-half-even', 'kronor-down', 'ore'] as const;

/**
 * - `kronor-half-up`: to whole kronor, 0.50 kr and above goes up (the default);
 * - `kronor-half-even`: to whole kronor, exactly 0.50 kr goes to the even krona (286.50 → 286, 287.50 → 288);
 * - `kronor-down`: to whole kronor, öre are dropped;
 * - `ore`: to whole öre, a half öre goes up (for amounts paid exactly, such as mileage).
 */
export type RoundingRule = (typeof ROUNDING_RULES)[number];

/** Swedish wording of each rule, for payout slips and fee lines. */
export const ROUNDING_RULE_TEXT: Record<RoundingRule, string> = {
  'kronor-half-up': 'avrundat till hela kronor, 50 öre uppåt',
  'kronor-half-even': 'avrundat till hela kronor, 50 öre till jämn krona',
  'kronor-down': 'avrundat nedåt till hela kronor',
  ore: 'avrundat till hela öre',
};

/**
 * An exact amount of öre as a fraction `num / den` (integers, `den > 0`), so percentages and part-hours are
 * carried without binary floating-point error until the one rounding.
 */
export interface ExactOre {
  readonly num: bigint;
  readonly den: bigint;
}

/** The exact amount `ore × factorNum / factorDen`. */
export function exactOre(ore: Ore | bigint, factorNum: number | bigint = 1, factorDen: number | bigint = 1): ExactOre {
  const den = toBig(factorDen);
  if (den <= 0n) throw new RangeError('the denominator must be positive');
  return { num: toBig(ore) * toBig(factorNum), den };
}

/** The exact amount `amount × factorNum / factorDen`. */
export function scaleExact(amount: ExactOre, factorNum: number | bigint, factorDen: number | bigint = 1): ExactOre {
  const den = toBig(factorDen);
  if (den <= 0n) throw new RangeError('the denominator must be positive');
  return { num: amount.num * toBig(factorNum), den: amount.den * den };
}

/** `rateBp` basis points (1 bp = 0.01 %) of an amount in öre, exactly. */
export function basisPointsOf(ore: Ore | bigint, rateBp: number): ExactOre {
  return exactOre(ore, rateBp, 10_000);
}

/**
 * Rounds a non-negative amount of öre (an integer or an exact fraction) by `rule` and returns integer öre.
 * Negative amounts are refused: the engine never produces them, and a rule for them would be a guess.
 */
export function roundOre(amount: Ore | ExactOre, rule: RoundingRule): Ore {
  const { num, den } = typeof amount === 'number' ? exactOre(amount) : amount;
  if (num < 0n) throw new RangeError('amounts to round must not be negative');
  const unit = rule === 'ore' ? 1n : 100n;
  const step = den * unit;
  let q = num / step; // floor, since num >= 0
  const twiceRest = (num - q * step) * 2n;
  switch (rule) {
    case 'kronor-half-up':
    case 'ore':
      if (twiceRest >= step) q += 1n;
      break;
    case 'kronor-half-even':
      if (twiceRest > step || (twiceRest === step && q % 2n === 1n)) q += 1n;
      break;
    case 'kronor-down':
      break;
    default: {
      const never: never = rule;
      throw new RangeError(`unknown rounding rule ${String(never)}`);
    }
  }
  const result = q * unit;
  if (result > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount too large');
  return Number(result);
}

/**
 * Exact öre as text, for what a line amounted to before its rounding (`FeeLine.unroundedOre`): JSON-safe and
 * exact, so integer-öre arithmetic never meets a binary float.
 *
 * - a decimal number of öre when the amount has one (every PBB percentage, car allowance, contribution and
 *   tax does): `"213120"` (2 131,20 kr), `"28650"` (286,50 kr), `"23310.5"` (233,105 kr);
 * - otherwise the fraction in lowest terms, `"<num>/<den>"` (only an hourly fee counted in exact minutes can
 *   give one: 296 kr × 37 min = `"54760/3"` öre).
 */
export type ExactOreText = string;

/**
 * What a line amounted to before its one rounding, and the rule that rounded it:
 * `roundOre(parseExactOreText(unroundedOre), rounding) === amountOre`.
 */
export interface BeforeRounding {
  unroundedOre: ExactOreText;
  rounding: RoundingRule;
}

/** Rounds `amount` by `rule` and keeps what it was before (for the line that shows it). */
export function roundWithTrace(amount: ExactOre, rule: RoundingRule): { amountOre: Ore } & BeforeRounding {
  return { amountOre: roundOre(amount, rule), unroundedOre: exactOreText(amount), rounding: rule };
}

/** The text form of an exact amount (see ExactOreText). */
export function exactOreText(amount: Ore | ExactOre): ExactOreText {
  let { num, den } = typeof amount === 'number' ? exactOre(amount) : amount;
  const g = gcd(num < 0n ? -num : num, den);
  num /= g;
  den /= g;
  // A finite decimal exists when the denominator has no prime factors but 2 and 5.
  let rest = den;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos++;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives++;
  }
  if (rest !== 1n) return `${num}/${den}`;
  const places = Math.max(twos, fives);
  const scaled = (num * 10n ** BigInt(places)) / den; // exact: den divides 10^places
  if (places === 0) return scaled.toString();
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** Reads an ExactOreText back into an exact fraction; undefined for text that is not one. */
export function parseExactOreText(text: string): ExactOre | undefined {
  const fraction = /^(-?\d+)\/(\d+)$/.exec(text);
  if (fraction) {
    const den = BigInt(fraction[2]);
    return den > 0n ? { num: BigInt(fraction[1]), den } : undefined;
  }
  const decimal = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!decimal) return undefined;
  const frac = decimal[3] ?? '';
  const num = BigInt(decimal[2] + frac);
  return { num: decimal[1] ? -num : num, den: 10n ** BigInt(frac.length) };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function toBig(v: number | bigint): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isSafeInteger(v)) throw new RangeError(`expected an integer, got ${v}`);
  return BigInt(v);
}

/** "1 714,00 kr" style text for an amount in öre (Swedish digit grouping with a space, decimal comma). */
export function formatKronor(ore: Ore): string {
  const negative = ore < 0;
  const abs = Math.abs(ore);
  const kr = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${negative ? '−' : ''}${kr},${rest} kr`;
}
