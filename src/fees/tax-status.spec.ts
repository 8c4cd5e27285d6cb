import { computeFees, FeeInput, paidOnFSkatt } from './fee-engine';
import { referenceTable } from './testing/reference-tables';

const kr = (n: number) => Math.round(n * 100);

/** Issue 16 #5: the payee's tax status decides withholding and contributions. */
describe('tax status (F-skatt, FA-skatt, neither)', () => {
  const table = referenceTable(2026);
  const base = (over: Partial<FeeInput> = {}, payee: Partial<FeeInput['payee']> = {}): FeeInput => ({
    payerCode: 'SKR',
    paymentDate: '2026-05-25',
    payee: { birthYear: 1975, ...payee },
    earlierTaxablePayOre: kr(5_000),
    activities: [{ date: '2026-05-02', kind: 'meeting', durationMinutes: 300, tickets: [{ amountOre: kr(400), receipt: true }] }],
    ...over,
  });

  it('withholds tax and pays contributions for a person with neither, or with FA-skatt who did not invoke the F-skatt', () => {
    const none = computeFees(base({}, { taxStatus: { kind: 'none' } }), [table]);
    const fa = computeFees(base({}, { taxStatus: { kind: 'fa-skatt', fSkattInvoked: false } }), [table]);
    const unset = computeFees(base(), [table]);
    for (const r of [none, fa]) {
      expect(r.status).toBe('calculated');
      expect(r.totals).toEqual(unset.totals);
    }
    expect(fa.totals.taxWithheldOre).toBeGreaterThan(0);
    expect(fa.totals.contributionsOre).toBeGreaterThan(0);
  });

  it('refuses by default to pay a person on F-skatt or invoked FA-skatt, with the routine\'s reason', () => {
    for (const taxStatus of [{ kind: 'f-skatt' as const }, { kind: 'fa-skatt' as const, fSkattInvoked: true }]) {
      const r = computeFees(base({}, { taxStatus }), [table]);
      expect(r.status).toBe('refused');
      expect(r.refusal?.code).toBe('payee-has-f-skatt');
      expect(r.refusal?.message).toMatch(/bara till privatpersoner/);
      expect(r.totals.netToPayeeOre).toBe(0);
    }
  });

  it('where the payer\'s policy pays on F-skatt: the fee and travel, with no tax withheld and no employer contributions', () => {
    const calc = computeFees(base({ fSkattPolicy: 'pay-without-deductions' }, { taxStatus: { kind: 'f-skatt' } }), [table]);
    const privately = computeFees(base(), [table]);
    expect(calc.status).toBe('calculated');
    expect(calc.totals.feesOre).toBe(privately.totals.feesOre);
    expect(calc.totals.taxFreeTravelOre).toBe(kr(400));
    expect(calc.totals.taxWithheldOre).toBe(0);
    expect(calc.totals.contributionsOre).toBe(0);
    expect(calc.totals.netToPayeeOre).toBe(calc.totals.grossOre);
    expect(calc.lines.filter((l) => l.kind === 'tax' || l.kind === 'contributions').map((l) => l.rule)).toEqual(['contributions.f-skatt', 'tax.f-skatt']);
    expect(calc.contributionCategory).toBeNull();
  });

  it('says who is paid on F-skatt', () => {
    expect(paidOnFSkatt(undefined)).toBe(false);
    expect(paidOnFSkatt({ kind: 'none' })).toBe(false);
    expect(paidOnFSkatt({ kind: 'fa-skatt', fSkattInvoked: false })).toBe(false);
    expect(paidOnFSkatt({ kind: 'fa-skatt', fSkattInvoked: true })).toBe(true);
    expect(paidOnFSkatt({ kind: 'f-skatt' })).toBe(true);
  });

  it('refuses a tax status or payer policy it does not know', () => {
    expect(() => computeFees(base({}, { taxStatus: { kind: 'company' } as never }), [table])).toThrow(/Skattestatus/);
    expect(() => computeFees(base({ fSkattPolicy: 'maybe' as never }), [table])).toThrow(/F-skatt/);
  });
});
