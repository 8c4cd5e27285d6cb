import { REFERENCE_TABLES } from '../fees/testing/reference-tables';
import { calculatePerson, PayableLine, percentTextToBp, taxModeOf } from './payout-calculation';
import { agiFigures, agiPeriodOf, csvAmount, csvCell, paymentCsv, paymentReference } from './payout-exports';

describe('payment CSV', () => {
  it('writes a header, one row per payee with money, kronor with a decimal comma, CRLF and a BOM', () => {
    const csv = paymentCsv([
      { personalNumber: '198507099805', account: '8327-9,1234567890', netOre: 149_100, reference: paymentReference('2026-09') },
      { personalNumber: '194001011234', account: '6000123456', netOre: 53_350, reference: paymentReference('2026-09') },
      { personalNumber: '195001011234', account: '6000999999', netOre: 0, reference: paymentReference('2026-09') },
    ]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Personnummer;Kontonummer;Belopp;Referens',
      '198507099805;8327-9,1234567890;1491,00;Arvode medverkan 2026-09',
      '194001011234;6000123456;533,50;Arvode medverkan 2026-09',
      '',
    ]);
  });

  it('formats amounts exactly and quotes or neutralises dangerous cells', () => {
    expect(csvAmount(5)).toBe('0,05');
    expect(csvAmount(1_234_567)).toBe('12345,67');
    expect(() => csvAmount(1.5)).toThrow();
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+46701234567')).toBe("'+46701234567");
    expect(csvCell('-12,50')).toBe('-12,50');
  });

  it('keeps the bank reference within 25 characters', () => {
    expect(paymentReference('2026-Q3')).toBe('Arvode medverkan 2026-Q3');
    expect(paymentReference('2026-Q3').length).toBeLessThanOrEqual(25);
    // A supplementary run says so on the statement (K1, K2, …), within the same length.
    expect(paymentReference('2026-11', 1)).toBe('Arvode medv. 2026-11 K1');
    expect(paymentReference('2026-Q4', 12).length).toBeLessThanOrEqual(25);
  });
});

describe('AGI mapping', () => {
  const line = (over: Partial<PayableLine>): PayableLine => ({
    timeReportId: 'r1',
    activityDate: '2026-09-14',
    kind: 'meeting',
    durationMinutes: 300,
    travelMinutes: 0,
    ticketCostOre: 0,
    otherTravelCostOre: 0,
    carKm: 0,
    hasReceipt: false,
    feeMode: 'session',
    employedByOrganisation: false,
    ...over,
  });
  const payee = { birthYear: 1970, taxTableMainIncome: false, taxTablePercent: null };

  it('reports pay over the year threshold in 011 with tax in 001 and ticks box 050 for car allowance', () => {
    // 2026: full day 3.6 % of 59 200 = 2 131.20 → 2 131 kr; car 120 km = 12 mil × 25 kr = 300 kr tax-free.
    const calc = calculatePerson({ payerCode: 'SKR', paymentDate: '2026-11-25', payee, earlierTaxablePayOre: 0, lines: [line({ carKm: 120 })], tables: REFERENCE_TABLES });
    expect(calc.figures).toMatchObject({ feesOre: 213_100, taxFreeCarOre: 30_000, taxWithheldOre: 63_900, contributionsOre: 67_000, agiPayField: '011' });
    expect(agiFigures('197001011234', calc.figures)).toEqual({
      field215: '197001011234',
      field011: 2131,
      field131: null,
      field001: 639,
      field050: true,
      taxFreeCarAllowanceOre: 30_000,
    });
  });

  it('reports pay under the year threshold in 131, without contributions or tax', () => {
    // Short meeting: 0.9 % of 59 200 = 532.80 → 533 kr, the year's first payment from this payer.
    const calc = calculatePerson({ payerCode: 'SKR', paymentDate: '2026-11-25', payee, earlierTaxablePayOre: 0, lines: [line({ durationMinutes: 90 })], tables: REFERENCE_TABLES });
    expect(calc.figures).toMatchObject({ feesOre: 53_300, contributionsOre: 0, taxWithheldOre: 0, netOre: 53_300, agiPayField: '131' });
    const agi = agiFigures('197001011234', calc.figures);
    expect(agi.field131).toBe(533);
    expect(agi.field011).toBeNull();
    expect(agi.field050).toBe(false);
  });

  it('puts the AGI in the month of payment, due the 12th of the next month', () => {
    expect(agiPeriodOf('2026-11-25')).toEqual({ period: '2026-11', dueDate: '2026-12-14' }); // 12 December 2026 is a Saturday
    expect(agiPeriodOf('2026-12-01', 'vat-up-to-40m')).toEqual({ period: '2026-12', dueDate: '2027-01-18' });
    expect(agiPeriodOf('2026-12-01')).toEqual({ period: '2026-12', dueDate: '2027-01-12' });
  });

  it('reads the tax table percentage exactly', () => {
    expect(percentTextToBp('32.5')).toBe(3250);
    expect(percentTextToBp('30')).toBe(3000);
    expect(percentTextToBp('29.75')).toBe(2975);
    expect(taxModeOf({ birthYear: 1970, taxTableMainIncome: true, taxTablePercent: '32.50' })).toEqual({ mode: 'tax-table', rateBp: 3250 });
    expect(taxModeOf({ birthYear: 1970, taxTableMainIncome: false, taxTablePercent: '32.50' })).toEqual({ mode: 'side-income' });
  });

  it('chains agreements with different fee modes so the year threshold sees both', () => {
    // A 90-minute meeting paid per hour (0.5 % × 59 200 = 296 kr/h, 1.5 h = 444 kr) and one per session (533 kr):
    // together 977 kr, still under 1 000 kr, so no contributions; with 100 kr paid earlier the year passes 1 000 kr.
    const lines = [line({ timeReportId: 'a', durationMinutes: 90, feeMode: 'hourly' }), line({ timeReportId: 'b', durationMinutes: 90 })];
    const under = calculatePerson({ payerCode: 'SKR', paymentDate: '2026-11-25', payee, earlierTaxablePayOre: 0, lines, tables: REFERENCE_TABLES });
    expect(under.figures).toMatchObject({ feesOre: 97_700, contributionsOre: 0, agiPayField: '131' });
    expect(under.lines.map((l) => l.feeOre).sort()).toEqual([44_400, 53_300]);
    const over = calculatePerson({ payerCode: 'SKR', paymentDate: '2026-11-25', payee, earlierTaxablePayOre: 10_000, lines, tables: REFERENCE_TABLES });
    expect(over.figures.agiPayField).toBe('011');
    expect(over.figures.contributionsOre).toBeGreaterThan(0);
  });
});
