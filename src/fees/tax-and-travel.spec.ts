import { computeFees, FeeInput } from './fee-engine';
import { taxFor } from './tax';
import { carParts, ticketPart } from './travel';
import { referenceTable, REFERENCE_TABLES } from './testing/reference-tables';

const kr = (n: number) => Math.round(n * 100);
const tax = referenceTable(2026).tax;

describe('tax withholding (skatteavdrag)', () => {
  it('withholds 30 % on side income by default', () => {
    expect(taxFor(tax, { mode: 'side-income' }, 0, kr(2_131))).toMatchObject({ amountOre: kr(639), rule: 'tax.side-income' }); // 639,30
  });

  it('withholds the tax-table percentage where the payer was told it is main income', () => {
    expect(taxFor(tax, { mode: 'tax-table', rateBp: 3250 }, 0, kr(2_131))).toMatchObject({ amountOre: kr(692), rule: 'tax.tax-table' }); // 692,575
  });

  it('withholds nothing while the year is expected to stay under 1 000 kr', () => {
    expect(taxFor(tax, { mode: 'side-income' }, 0, kr(533))).toMatchObject({ amountOre: 0, rule: 'tax.below-year-threshold' });
    expect(taxFor(tax, { mode: 'side-income' }, kr(400), kr(533))).toMatchObject({ amountOre: 0 });
    // The agreement expects more: withheld from the first payout.
    expect(taxFor(tax, { mode: 'side-income' }, 0, kr(533), kr(6_000))).toMatchObject({ amountOre: kr(159) }); // 159,90
    // Known pay already reaches 1 000 kr.
    expect(taxFor(tax, { mode: 'side-income' }, kr(600), kr(533))).toMatchObject({ amountOre: kr(159) });
  });

  it('withholds nothing on a single payment under 100 kr', () => {
    expect(taxFor(tax, { mode: 'side-income' }, kr(5_000), kr(99.99))).toMatchObject({ amountOre: 0, rule: 'tax.below-min-payment' });
    expect(taxFor(tax, { mode: 'side-income' }, kr(5_000), kr(100))).toMatchObject({ amountOre: kr(30) });
  });
});

describe('travel (§4.5.3)', () => {
  it('reimburses tickets with receipts tax-free, and not without a receipt', () => {
    expect(ticketPart(kr(1_000), true)).toMatchObject({ amountOre: kr(1_000), taxable: false, rule: 'travel.ticket.receipt' });
    expect(ticketPart(kr(1_000), false)).toMatchObject({ amountOre: 0, rule: 'travel.ticket.no-receipt' });
  });

  it('pays own car at the tax-free rate per mil: 25 kr from 2023, 18,50 kr before', () => {
    expect(carParts(referenceTable(2023).mileage, 123)).toEqual([expect.objectContaining({ amountOre: kr(307.5), taxable: false })]);
    expect(carParts(referenceTable(2022).mileage, 100)).toEqual([expect.objectContaining({ amountOre: kr(185), taxable: false })]);
  });

  it('makes a car rate above the tax-free rate taxable pay, with contributions and tax', () => {
    const table = referenceTable(2024, { mileage: { taxFreeOrePerMil: 2500, reimbursedOrePerMil: 3000 } });
    expect(carParts(table.mileage, 200).map((p) => [p.kind, p.amountOre, p.taxable])).toEqual([
      ['travel-car-tax-free', kr(500), false],
      ['travel-car-taxable', kr(100), true],
    ]);
    const input: FeeInput = {
      payerCode: 'vastra',
      paymentDate: '2024-05-25',
      payee: { birthYear: 1975 },
      earlierTaxablePayOre: kr(5_000),
      activities: [{ date: '2024-05-02', kind: 'meeting', durationMinutes: 300, travelMinutes: 120, carKm: 200 }],
    };
    const res = computeFees(input, [table]);
    expect(res.totals).toMatchObject({ feesOre: kr(2_063), taxableTravelOre: kr(100), taxFreeTravelOre: kr(500), taxablePayOre: kr(2_163) });
    expect(res.totals.contributionsOre).toBe(kr(680)); // 2 163 × 31,42 % = 679,61
    expect(res.totals.taxWithheldOre).toBe(kr(648)); // 2 163 × 30 % = 648,90, rounded down
    expect(res.totals.netToPayeeOre).toBe(kr(2_663 - 648));
  });

  it('uses the mileage rate of the travel date’s table', () => {
    const at = (date: string) =>
      computeFees(
        { payerCode: 'SKR', paymentDate: '2023-01-25', payee: { birthYear: 1980 }, activities: [{ date, kind: 'meeting', durationMinutes: 60, carKm: 100 }] },
        REFERENCE_TABLES,
      ).totals.taxFreeTravelOre;
    expect(at('2022-12-20')).toBe(kr(185));
    expect(at('2023-01-10')).toBe(kr(250));
  });
});
