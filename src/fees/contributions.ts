import type { ContributionRates } from './rate-table';
import { percentText } from './fee-tiers';
import { basisPointsOf, BeforeRounding, formatKronor, Ore, ROUNDING_RULE_TEXT, roundWithTrace } from './rounding';

export type ContributionCategory = 'full' | 'pension-only' | 'none-born-early';

export interface ContributionRate {
  category: ContributionCategory;
  rateBp: number;
  rule: string;
  ruleText: string;
}

/**
 * The employer contribution rate (arbetsgivaravgift) for a person born in `birthYear`, for pay in `year`.
 *
 * Age counts as reached "vid årets ingång", i.e. by the end of the year before: Skatteverket lists the reduced
 * rate by birth year (2025, age limit 66: born 1938–1958), so the birth year alone decides:
 * only the old-age pension fee when `year − 1 − birthYear ≥ pensionOnlyFromAge`; nothing for persons born
 * `noneIfBornUpTo` (1937) or earlier; the full rate otherwise.
 */
export function contributionRate(rates: ContributionRates, birthYear: number, year: number): ContributionRate {
  if (birthYear <= rates.noneIfBornUpTo) {
    return {
      category: 'none-born-early',
      rateBp: 0,
      rule: 'contributions.none-born-early',
      ruleText: `Inga arbetsgivaravgifter för den som är född ${rates.noneIfBornUpTo} eller tidigare`,
    };
  }
  if (year - 1 - birthYear >= rates.pensionOnlyFromAge) {
    return {
      category: 'pension-only',
      rateBp: rates.pensionOnlyRateBp,
      rule: 'contributions.pension-only',
      ruleText: `Endast ålderspensionsavgift ${percentText(rates.pensionOnlyRateBp)}: fyllt ${rates.pensionOnlyFromAge} år vid årets ingång (född ${year - 1 - rates.pensionOnlyFromAge} eller tidigare)`,
    };
  }
  return {
    category: 'full',
    rateBp: rates.fullRateBp,
    rule: 'contributions.full',
    ruleText: `Arbetsgivaravgifter ${percentText(rates.fullRateBp)}`,
  };
}

export interface ContributionPart extends Partial<BeforeRounding> {
  /** The pay the part is computed on. */
  baseOre: Ore;
  amountOre: Ore;
  rule: string;
  ruleText: string;
}

/**
 * Contributions on one payout. `earlierOre` is the taxable pay this payer already paid the person this calendar
 * year, `thisOre` the taxable pay of this payout.
 *
 * - While the year's pay (earlier + this) stays under the threshold: none.
 * - On the payout that reaches the threshold: contributions on this payout and, once, a catch-up part on the
 *   year's earlier pay ("avgifter på hela årets belopp").
 * - After that: contributions on this payout.
 * The same rate applies to the whole year (age is fixed on 1 January), so earlier pay is charged at this rate.
 */
export function contributionsFor(
  rates: ContributionRates,
  rate: ContributionRate,
  earlierOre: Ore,
  thisOre: Ore,
): ContributionPart[] {
  const yearOre = earlierOre + thisOre;
  const roundText = ROUNDING_RULE_TEXT[rates.rounding];
  if (rate.rateBp === 0) {
    return [{ baseOre: thisOre, amountOre: 0, rule: rate.rule, ruleText: rate.ruleText }];
  }
  if (yearOre < rates.yearThresholdOre) {
    return [
      {
        baseOre: thisOre,
        amountOre: 0,
        rule: 'contributions.below-year-threshold',
        ruleText: `Inga arbetsgivaravgifter: årets ersättning från betalaren (${formatKronor(yearOre)}) är under ${formatKronor(rates.yearThresholdOre)}`,
      },
    ];
  }
  const parts: ContributionPart[] = [
    {
      baseOre: thisOre,
      ...roundWithTrace(basisPointsOf(thisOre, rate.rateBp), rates.rounding),
      rule: rate.rule,
      ruleText: `${rate.ruleText} på ${formatKronor(thisOre)}, ${roundText}`,
    },
  ];
  if (earlierOre > 0 && earlierOre < rates.yearThresholdOre) {
    parts.push({
      baseOre: earlierOre,
      ...roundWithTrace(basisPointsOf(earlierOre, rate.rateBp), rates.rounding),
      rule: `${rate.rule}.catch-up`,
      ruleText: `Årets ersättning nådde ${formatKronor(rates.yearThresholdOre)} med denna utbetalning: ${rate.ruleText.toLowerCase()} även på årets tidigare ${formatKronor(earlierOre)}, ${roundText}`,
    });
  }
  return parts;
}
