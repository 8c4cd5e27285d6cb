import type { MileageRates } from './rate-table';
import { BeforeRounding, exactOre, formatKronor, Ore, roundWithTrace } from './rounding';

export interface TravelPart extends Partial<BeforeRounding> {
  kind: 'travel-ticket' | 'travel-car-tax-free' | 'travel-car-taxable';
  amountOre: Ore;
  taxable: boolean;
  rule: string;
  ruleText: string;
}

/** A ticket (train, bus, flight) as reported; with a receipt it is reimbursed tax-free. */
export function ticketPart(amountOre: Ore, receipt: boolean, description?: string): TravelPart {
  const what = description ? `Biljett (${description})` : 'Biljett';
  if (!receipt) {
    return {
      kind: 'travel-ticket',
      amountOre: 0,
      taxable: false,
      rule: 'travel.ticket.no-receipt',
      ruleText: `${what}: ersätts inte utan kvitto`,
    };
  }
  return { kind: 'travel-ticket', amountOre, taxable: false, rule: 'travel.ticket.receipt', ruleText: `${what}: enligt kvitto, skattefri` };
}

/**
 * Own car: `km` kilometres at the payer's rate per mil (10 km). Up to Skatteverket's tax-free rate the
 * allowance is tax-free; a payer rate above it makes the excess taxable pay (with contributions and tax).
 * Amounts are exact to the öre.
 */
export function carParts(rates: MileageRates, km: number): TravelPart[] {
  const paidPerMil = rates.reimbursedOrePerMil;
  const taxFreePerMil = Math.min(rates.taxFreeOrePerMil, paidPerMil);
  const parts: TravelPart[] = [
    {
      kind: 'travel-car-tax-free',
      ...roundWithTrace(exactOre(km, taxFreePerMil, 10), 'ore'),
      taxable: false,
      rule: 'travel.car.tax-free',
      ruleText: `Egen bil ${km} km: ${formatKronor(taxFreePerMil)} per mil, skattefri`,
    },
  ];
  if (paidPerMil > taxFreePerMil) {
    const excess = paidPerMil - taxFreePerMil;
    parts.push({
      kind: 'travel-car-taxable',
      ...roundWithTrace(exactOre(km, excess, 10), 'ore'),
      taxable: true,
      rule: 'travel.car.above-tax-free',
      ruleText: `Egen bil ${km} km: ${formatKronor(excess)} per mil över den skattefria ${formatKronor(rates.taxFreeOrePerMil)}, skattepliktig`,
    });
  }
  return parts;
}
