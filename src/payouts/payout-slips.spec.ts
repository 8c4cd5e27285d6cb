import { referenceTable } from '../fees/testing/reference-tables';
import { renderPayoutSlip } from '../../templates';
import { flatText } from '../../test/support/pdf-text';
import { calculatePerson } from './payout-calculation';
import { payoutSlipData } from './payout-slips';
import { samplePayableLine } from './testing/sample-lines';

describe('payout slip data', () => {
  const line = samplePayableLine;

  it('adds up as the slip template demands, with taxable car allowance as cash pay and tickets as travel', async () => {
    // A payer paying 30 kr per mil: 25 kr tax-free, 5 kr taxable (cash pay with contributions and tax).
    const tables = [referenceTable(2026, { mileage: { taxFreeOrePerMil: 2500, reimbursedOrePerMil: 3000 } })];
    const calc = calculatePerson({
      payerCode: 'sodra',
      paymentDate: '2026-11-25',
      payee: { birthYear: 1985, taxTableMainIncome: false, taxTablePercent: null },
      earlierTaxablePayOre: 0,
      lines: [line({}), line({ timeReportId: 'r2', activityDate: '2026-09-24', durationMinutes: 90, travelMinutes: 0, ticketCostOre: 0, carKm: 120 })],
      tables,
    });
    // 2 131 + 533 kr fees, 12 mil × 5 kr = 60 kr taxable car; 640 kr ticket and 12 mil × 25 kr = 300 kr tax-free.
    expect(calc.figures).toMatchObject({ feesOre: 266_400, taxableTravelOre: 6_000, taxablePayOre: 272_400, taxFreeTravelOre: 94_000, taxFreeCarOre: 30_000 });
    const data = payoutSlipData({
      generatedAt: '2026-11-25T10:00:00.000Z',
      reference: 'sodra-2026-09-abcdef12',
      payerName: 'Södra sjukvårdsregionen',
      payeeName: 'Anna Andersson',
      personnummerMasked: '********-9805',
      period: { from: '2026-09-01', to: '2026-09-30' },
      paymentDate: '2026-11-25',
      figures: calc.figures,
      calculations: calc.calculations,
      activities: new Map([
        ['r1', { kind: 'meeting', groupName: 'NPO Akut vård', participation: 'on-site' }],
        ['r2', { kind: 'meeting', groupName: 'NPO Akut vård', participation: 'video' }],
      ]),
    });
    expect(data.grossFeeOre).toBe(272_400);
    expect(data.fees.map((f) => f.amountOre)).toEqual([213_100, 53_300, 6_000]);
    // Before rounding: 3,6 % and 0,9 % of 59 200 kr, and 12 mil × 5 kr (exact, so nothing to round).
    expect(data.fees.map((f) => f.unroundedOre)).toEqual(['213120', '53280', '6000']);
    expect(data.fees[2].activity).toMatch(/^Bilersättning över den skattefria nivån/);
    expect(data.travel.map((t) => t.amountOre)).toEqual([64_000, 30_000]);
    expect(data.reporting).toMatchObject({ period: '2026-11', dueDate: '2026-12-14', cashPayField: '011', cashPayOre: 272_400, taxFreeCarAllowance: true });
    expect(data.netOre).toBe(272_400 - data.taxWithheld.amountOre + 94_000);
    // The template checks every sum and refuses data that does not add up.
    const pdf = await renderPayoutSlip(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The "Före avrundning" column shows the amount before rounding beside the rounded fee: 2 131,20 kr → 2 131 kr.
    const text = flatText(pdf, { layout: true });
    expect(text).toContain('2 131,20 kr 2 131,00 kr');
    expect(text).toContain('532,80 kr 533,00 kr');
    expect(text).toContain('60,00 kr 60,00 kr');
  });

  it('names the payer with its organisation number when the administrator has given it (issue 18 #6)', () => {
    const base = { generatedAt: '2026-11-25T10:00:00.000Z', reference: 'r', payeeName: 'A', personnummerMasked: '********-9805', period: { from: '2026-09-01', to: '2026-09-30' }, paymentDate: '2026-11-25' };
    const figures = { feesOre: 0, taxFreeTravelOre: 0, taxFreeCarOre: 0, taxableTravelOre: 0, taxablePayOre: 0, contributionsOre: 0, taxWithheldOre: 0, netOre: 0, costOre: 0, agiPayField: '131' as const };
    const data = (o: { payerOrganisationNumber?: string | null }) => payoutSlipData({ ...base, payerName: 'SKR', ...o, figures: figures as never, calculations: [], activities: new Map() });
    expect(data({ payerOrganisationNumber: '222000-0315' }).payer).toEqual({ name: 'SKR', organisationNumber: '222000-0315' });
    expect(data({}).payer).toEqual({ name: 'SKR', organisationNumber: null });
  });

  it('names the young-person rule applied and gives the due date of the payer\'s own rule (issue 18 #4, #5)', async () => {
    // Born 2005: 20 at the start of 2026, paid 27 July 2026 — the reduction for 18–22 (20,81 %, from 1 April 2026).
    const calc = calculatePerson({
      payerCode: 'SKR',
      paymentDate: '2026-07-27',
      payee: { birthYear: 2005, taxTableMainIncome: false, taxTablePercent: null },
      earlierTaxablePayOre: 0,
      lines: [line({ activityDate: '2026-06-10' })],
      tables: [referenceTable(2026)],
    });
    const slip = (agiDueRule?: 'vat-up-to-40m') =>
      payoutSlipData({
        generatedAt: '2026-07-27T10:00:00.000Z',
        reference: 'SKR-2026-06-abcdef12',
        payerName: 'Sveriges Kommuner och Regioner (SKR)',
        payerOrganisationNumber: '222000-0315',
        agiDueRule,
        payeeName: 'Ung Företrädare',
        personnummerMasked: '********-1234',
        period: { from: '2026-06-01', to: '2026-06-30' },
        paymentDate: '2026-07-27',
        figures: calc.figures,
        calculations: calc.calculations,
        activities: new Map([['r1', { kind: 'meeting', groupName: 'NSG Unga', participation: 'video' }]]),
      });
    const data = slip('vat-up-to-40m');
    // 2 131 kr fee + 640 kr ticket (tax-free): 20,81 % of 2 131 kr is 443,46 kr, rounded to 443 kr.
    expect(data.employerContributions.amountOre).toBe(44_300);
    expect(data.employerContributions.basis).toMatch(/^Nedsatt arbetsgivaravgift för unga 20,81 %: fyllt 18 men inte 23 år vid årets ingång/);
    // July's return: the 12th of August by the main rule, the 17th for a payer under the rule of 26 kap. 26 § SFL.
    expect(slip().reporting.dueDate).toBe('2026-08-12');
    expect(data.reporting).toMatchObject({ period: '2026-07', dueDate: '2026-08-17', cashPayField: '011', cashPayOre: 213_100 });
    const text = flatText(await renderPayoutSlip(data), { layout: true }).replace(/\s+/g, ' ');
    expect(text).toContain('Nedsatt arbetsgivaravgift för unga 20,81 %');
    expect(text).toContain('2026-08-17');
  });
});
