import type { ContributionRates, ContributionReduction } from './rate-table';
import { percentText } from './fee-tiers';
import { basisPointsOf, BeforeRounding, formatKronor, Ore, ROUNDING_RULE_TEXT, roundWithTrace } from './rounding';

export type ContributionCategory = 'full' | 'pension-only' | 'none-born-early' | 'youth-reduced';

export interface ContributionRate {
  category: ContributionCategory;
  /** The rate of the category; for `youth-reduced` the full rate, charged on the month's pay above the cap. */
  rateBp: number;
  rule: string;
  ruleText: string;
  /** A reduction for young people in force on the payment date: its rate up to its monthly cap. */
  reduction?: { code: string; rateBp: number; monthlyCapOre: Ore | null; rule: string; ruleText: string };
}

/** The reduction for young people that applies to a person born `birthYear` on pay given out on `paymentDate`, if any. */
export function youthReductionFor(rates: ContributionRates, birthYear: number, paymentDate: string): ContributionReduction | undefined {
  const age = Number(paymentDate.slice(0, 4)) - 1 - birthYear; // age reached at the start of the year
  return (rates.reductions ?? []).find((r) => r.fromAge <= age && age < r.belowAge && r.validFrom <= paymentDate && paymentDate <= r.validTo);
}

/** "fyllt 18 men inte 23 år vid årets ingång (född 2003–2007)" for `year`. */
const bandText = (r: ContributionReduction, year: number) =>
  `fyllt ${r.fromAge} men inte ${r.belowAge} år vid årets ingång (född ${year - r.belowAge}–${year - 1 - r.fromAge})`;

const swedishDate = (d: string) => {
  const months = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
  return `${Number(d.slice(8, 10))} ${months[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
};

/**
 * The employer contribution rate (arbetsgivaravgift) for a person born in `birthYear`, for pay in `year`.
 *
 * Age counts as reached "vid årets ingång", i.e. by the end of the year before: Skatteverket lists the reduced
 * rate by birth year (2025, age limit 66: born 1938–1958), so the birth year alone decides:
 * only the old-age pension fee when `year − 1 − birthYear ≥ pensionOnlyFromAge`; nothing for persons born
 * `noneIfBornUpTo` (1937) or earlier; the full rate otherwise.
 */
export function contributionRate(rates: ContributionRates, birthYear: number, year: number, paymentDate?: string): ContributionRate {
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
  const reduction = paymentDate === undefined ? undefined : youthReductionFor(rates, birthYear, paymentDate);
  if (reduction) {
    const cap = reduction.monthlyCapOre === null ? '' : ` på ersättning upp till ${formatKronor(reduction.monthlyCapOre)} per kalendermånad från samma betalare,`;
    return {
      category: 'youth-reduced',
      rateBp: rates.fullRateBp,
      rule: 'contributions.youth-reduced',
      ruleText: `Nedsatt arbetsgivaravgift för unga ${percentText(reduction.rateBp)}`,
      reduction: {
        code: reduction.code,
        rateBp: reduction.rateBp,
        monthlyCapOre: reduction.monthlyCapOre,
        rule: `contributions.youth-reduced.${reduction.code}`,
        ruleText:
          `Nedsatt arbetsgivaravgift för unga ${percentText(reduction.rateBp)}: ${bandText(reduction, year)},${cap} ` +
          `utbetald ${swedishDate(reduction.validFrom)}–${swedishDate(reduction.validTo)} (${reduction.source})`,
      },
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
 * year, `thisOre` the taxable pay of this payout, `earlierMonthOre` the part of `earlierOre` paid in this payout's
 * calendar month (it uses up the monthly cap of a reduction for young people first).
 *
 * - While the year's pay (earlier + this) stays under the threshold: none.
 * - On the payout that reaches the threshold: contributions on this payout and, once, a catch-up part on the
 *   year's earlier pay ("avgifter på hela årets belopp").
 * - After that: contributions on this payout.
 * The same rate applies to the whole year (age is fixed on 1 January), so earlier pay is charged at this rate.
 * - A reduction for young people: its rate on this payout's pay up to what is left of the month's cap after
 *   `earlierMonthOre`, the full rate on the rest (two parts). The catch-up part (the year's earlier pay, under
 *   1 000 kr and so under any month's cap) is charged at the reduced rate of this payment date: the contributions
 *   on it are due in this month.
 */
export function contributionsFor(
  rates: ContributionRates,
  rate: ContributionRate,
  earlierOre: Ore,
  thisOre: Ore,
  earlierMonthOre: Ore = 0,
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
  const parts: ContributionPart[] = [];
  const r = rate.reduction;
  if (r) {
    const capLeft = r.monthlyCapOre === null ? thisOre : Math.max(0, r.monthlyCapOre - earlierMonthOre);
    const reducedOre = Math.min(thisOre, capLeft);
    const aboveOre = thisOre - reducedOre;
    if (reducedOre > 0 || aboveOre === 0) {
      parts.push({
        baseOre: reducedOre,
        ...roundWithTrace(basisPointsOf(reducedOre, r.rateBp), rates.rounding),
        rule: r.rule,
        ruleText: `${r.ruleText} på ${formatKronor(reducedOre)}, ${roundText}`,
      });
    }
    if (aboveOre > 0) {
      parts.push({
        baseOre: aboveOre,
        ...roundWithTrace(basisPointsOf(aboveOre, rate.rateBp), rates.rounding),
        rule: 'contributions.full.above-youth-cap',
        ruleText:
          `Full arbetsgivaravgift ${percentText(rate.rateBp)} på ${formatKronor(aboveOre)}: den del av månadens ersättning från betalaren ` +
          `som överstiger ${formatKronor(r.monthlyCapOre ?? 0)} (${formatKronor(earlierMonthOre)} utbetalt tidigare i månaden), ${roundText}`,
      });
    }
  } else {
    parts.push({
      baseOre: thisOre,
      ...roundWithTrace(basisPointsOf(thisOre, rate.rateBp), rates.rounding),
      rule: rate.rule,
      ruleText: `${rate.ruleText} på ${formatKronor(thisOre)}, ${roundText}`,
    });
  }
  if (earlierOre > 0 && earlierOre < rates.yearThresholdOre) {
    const catchUpBp = r ? r.rateBp : rate.rateBp;
    const what = r ? `nedsatt arbetsgivaravgift för unga ${percentText(r.rateBp)}` : rate.ruleText.toLowerCase();
    parts.push({
      baseOre: earlierOre,
      ...roundWithTrace(basisPointsOf(earlierOre, catchUpBp), rates.rounding),
      rule: `${r ? r.rule : rate.rule}.catch-up`,
      ruleText: `Årets ersättning nådde ${formatKronor(rates.yearThresholdOre)} med denna utbetalning: ${what} även på årets tidigare ${formatKronor(earlierOre)}, ${roundText}`,
    });
  }
  return parts;
}
