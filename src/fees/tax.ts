import type { TaxRates } from './rate-table';
import { percentText } from './fee-tiers';
import { basisPointsOf, BeforeRounding, formatKronor, Ore, ROUNDING_RULE_TEXT, roundWithTrace } from './rounding';

/**
 * How tax is withheld from a person's fees: `side-income` (the usual case: 30 % preliminary tax from the table)
 * or `tax-table`, where the payer was told the fees are the person's main income and withholds by the person's
 * tax table; the caller gives that table's percentage.
 */
export type TaxMode = { mode: 'side-income' } | { mode: 'tax-table'; rateBp: number };

export interface TaxPart extends Partial<BeforeRounding> {
  baseOre: Ore;
  amountOre: Ore;
  rule: string;
  ruleText: string;
}

/**
 * Tax withheld (skatteavdrag) on one payout's taxable pay `thisOre`.
 * None while the year's pay from this payer is expected to stay under the year threshold (1 000 kr): the
 * expectation is the larger of `expectedYearOre` (e.g. from the agreement's time estimate) and what is known
 * (earlier + this). None on a single payment under the minimum (100 kr). Otherwise the rate × this payout.
 */
export function taxFor(rates: TaxRates, mode: TaxMode, earlierOre: Ore, thisOre: Ore, expectedYearOre?: Ore): TaxPart {
  const expected = Math.max(expectedYearOre ?? 0, earlierOre + thisOre);
  if (thisOre === 0) {
    return { baseOre: 0, amountOre: 0, rule: 'tax.nothing-taxable', ruleText: 'Ingen skattepliktig ersättning i utbetalningen' };
  }
  if (expected < rates.yearThresholdOre) {
    return {
      baseOre: thisOre,
      amountOre: 0,
      rule: 'tax.below-year-threshold',
      ruleText: `Ingen skatt dras: årets ersättning väntas bli under ${formatKronor(rates.yearThresholdOre)}`,
    };
  }
  if (thisOre < rates.minPaymentOre) {
    return {
      baseOre: thisOre,
      amountOre: 0,
      rule: 'tax.below-min-payment',
      ruleText: `Ingen skatt dras på en utbetalning under ${formatKronor(rates.minPaymentOre)}`,
    };
  }
  const rateBp = mode.mode === 'tax-table' ? mode.rateBp : rates.sideIncomeRateBp;
  return {
    baseOre: thisOre,
    ...roundWithTrace(basisPointsOf(thisOre, rateBp), rates.rounding),
    rule: mode.mode === 'tax-table' ? 'tax.tax-table' : 'tax.side-income',
    ruleText:
      mode.mode === 'tax-table'
        ? `Skatteavdrag enligt skattetabell (huvudinkomst) ${percentText(rateBp)} på ${formatKronor(thisOre)}, ${ROUNDING_RULE_TEXT[rates.rounding]}`
        : `Skatteavdrag för sidoinkomst ${percentText(rateBp)} på ${formatKronor(thisOre)}, ${ROUNDING_RULE_TEXT[rates.rounding]}`,
  };
}
