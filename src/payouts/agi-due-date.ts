import { nextDeadlineDay } from '../common/swedish-holidays';

/**
 * When a payer's employer return (arbetsgivardeklaration) for a month is due (issue 18 #4), by the payer's setting
 * (skatteförfarandelagen 26 kap.):
 * - `municipality-region`: municipalities and regions, the 12th of the month after (26 kap. 34 §);
 * - `vat-up-to-40m`: the main rule (VAT taxable turnover up to 40 million kr, 26 kap. 26 §), the 12th of the month
 *   after, the 17th when that month is January or August;
 * - `no-vat`: not liable to report VAT (26 kap. 32 §), the same dates as the main rule;
 * - `vat-over-40m`: VAT taxable turnover over 40 million kr (26 kap. 30 §), the 26th of the month after (payment is
 *   still due the 12th, 17th in January).
 * A date on a Saturday, Sunday or public holiday moves to the next weekday that is none (lag 1930:173): 12 December
 * 2026 is a Saturday, so November 2026's return is due Monday 14 December.
 */
export const AGI_DUE_RULES = ['municipality-region', 'vat-up-to-40m', 'vat-over-40m', 'no-vat'] as const;
export type AgiDueRule = (typeof AGI_DUE_RULES)[number];

export const AGI_DUE_RULE_TEXT: Record<AgiDueRule, string> = {
  'municipality-region': 'Kommuner och regioner: den 12:e månaden efter redovisningsperioden (26 kap. 34 § SFL)',
  'vat-up-to-40m': 'Momspliktig med beskattningsunderlag högst 40 miljoner kr: den 12:e månaden efter, den 17:e i januari och augusti (26 kap. 26 § SFL)',
  'vat-over-40m': 'Momspliktig med beskattningsunderlag över 40 miljoner kr: den 26:e månaden efter (26 kap. 30 § SFL)',
  'no-vat': 'Inte momspliktig: den 12:e månaden efter, den 17:e i januari och augusti (26 kap. 32 § SFL)',
};

/** The due date (`YYYY-MM-DD`) of the return for `period` (`YYYY-MM`, the month of payment) under `rule`. */
export function agiDueDate(period: string, rule: AgiDueRule): string {
  const [y, m] = period.split('-').map(Number);
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const nominal =
    rule === 'vat-over-40m' ? 26 : rule === 'municipality-region' ? 12 : month === 1 || month === 8 ? 17 : 12;
  return nextDeadlineDay(`${year}-${String(month).padStart(2, '0')}-${String(nominal).padStart(2, '0')}`);
}
