import fc from 'fast-check';
import { ACTIVITY_KINDS, computeFees, FeeActivity, FeeInput, FeeLineKind } from './fee-engine';
import { tierFor } from './fee-tiers';
import { FEE_MODES, HOURLY_COUNTING_RULES, HOURLY_SCOPES, RateTable } from './rate-table';
import { parseExactOreText, roundOre, ROUNDING_RULES } from './rounding';
import { referenceTable, REFERENCE_PBB_KRONOR } from './testing/reference-tables';

const years = Object.keys(REFERENCE_PBB_KRONOR).map(Number);

const tableArb: fc.Arbitrary<RateTable> = fc
  .record({
    year: fc.constantFrom(...years),
    rounding: fc.constantFrom(...ROUNDING_RULES),
    counting: fc.constantFrom(...HOURLY_COUNTING_RULES),
    scope: fc.constantFrom(...HOURLY_SCOPES),
    taxRounding: fc.constantFrom(...ROUNDING_RULES),
    reimbursedOrePerMil: fc.integer({ min: 0, max: 6000 }),
  })
  .map(({ year, rounding, counting, scope, taxRounding, reimbursedOrePerMil }) => {
    const t = referenceTable(year);
    return {
      ...t,
      payerCode: null,
      rounding,
      hourly: { counting, scope },
      tax: { ...t.tax, rounding: taxRounding },
      contributions: { ...t.contributions, rounding },
      mileage: { ...t.mileage, reimbursedOrePerMil },
    };
  });

const activityArb = (year: number): fc.Arbitrary<FeeActivity> =>
  fc.record({
    date: fc.integer({ min: 1, max: 28 }).chain((d) => fc.integer({ min: 1, max: 12 }).map((m) => `${year}-${pad(m)}-${pad(d)}`)),
    kind: fc.constantFrom(...ACTIVITY_KINDS),
    durationMinutes: fc.integer({ min: 1, max: 1440 }),
    travelMinutes: fc.integer({ min: 0, max: 600 }),
    tickets: fc.array(fc.record({ amountOre: fc.integer({ min: 0, max: 500_000 }), receipt: fc.boolean() }), { maxLength: 3 }),
    carKm: fc.integer({ min: 0, max: 2000 }),
  });

const inputArb = tableArb.chain((table) =>
  fc
    .record({
      activities: fc.array(activityArb(Number(table.validFrom.slice(0, 4))), { minLength: 1, maxLength: 8 }),
      birthYear: fc.integer({ min: 1900, max: 2008 }),
      earlier: fc.integer({ min: 0, max: 10_000_000 }),
      expected: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
      feeMode: fc.option(fc.constantFrom(...FEE_MODES), { nil: undefined }),
      taxTableBp: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
      employed: fc.boolean(),
    })
    .map(({ activities, birthYear, earlier, expected, feeMode, taxTableBp, employed }) => {
      const input: FeeInput = {
        payerCode: 'SKR',
        paymentDate: table.validTo,
        payee: {
          birthYear,
          employedForAssignment: employed,
          tax: taxTableBp === undefined ? { mode: 'side-income' } : { mode: 'tax-table', rateBp: taxTableBp },
        },
        earlierTaxablePayOre: earlier,
        expectedYearTaxablePayOre: expected,
        feeMode,
        activities,
      };
      return { input, table };
    }),
);

const pad = (n: number) => String(n).padStart(2, '0');

describe('fee engine properties', () => {
  it('never gives a negative or fractional amount, and never pays out more than the gross', () => {
    fc.assert(
      fc.property(inputArb, ({ input, table }) => {
        const res = computeFees(input, [table]);
        for (const l of res.lines) {
          expect(Number.isSafeInteger(l.amountOre)).toBe(true);
          expect(l.amountOre).toBeGreaterThanOrEqual(0);
        }
        for (const v of Object.values(res.totals)) expect(v).toBeGreaterThanOrEqual(0);
        expect(res.totals.taxWithheldOre).toBeLessThanOrEqual(res.totals.taxablePayOre);
      }),
      { numRuns: 300 },
    );
  });

  it('has totals equal to the sums of the lines', () => {
    fc.assert(
      fc.property(inputArb, ({ input, table }) => {
        const res = computeFees(input, [table]);
        const of = (...kinds: FeeLineKind[]) => res.lines.filter((l) => kinds.includes(l.kind)).reduce((s, l) => s + l.amountOre, 0);
        const all = res.lines.reduce((s, l) => s + l.amountOre, 0);
        expect(res.totals.feesOre).toBe(of('fee'));
        expect(res.totals.contributionsOre).toBe(of('contributions'));
        expect(res.totals.taxWithheldOre).toBe(of('tax'));
        expect(res.totals.taxFreeTravelOre).toBe(of('travel-ticket', 'travel-car-tax-free'));
        expect(res.totals.taxablePayOre).toBe(res.lines.filter((l) => l.taxable).reduce((s, l) => s + l.amountOre, 0));
        expect(res.totals.costToPayerOre).toBe(all - of('tax'));
        expect(res.totals.netToPayeeOre).toBe(all - of('tax', 'contributions') - of('tax'));
        // Every line says which table and rule gave it.
        for (const l of res.lines) {
          expect(l.table).toEqual({ code: table.code, version: table.version });
          expect(l.rule).toMatch(/^(fee|travel|contributions|tax)\./);
          expect(l.ruleText.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives every rounded line its exact amount before rounding, which its rule rounds to the line’s amount', () => {
    fc.assert(
      fc.property(inputArb, ({ input, table }) => {
        const res = computeFees(input, [table]);
        for (const l of res.lines) {
          expect(l.unroundedOre === undefined).toBe(l.rounding === undefined);
          if (l.unroundedOre === undefined) continue;
          const exact = parseExactOreText(l.unroundedOre);
          expect(exact).toBeDefined();
          expect(roundOre(exact!, l.rounding!)).toBe(l.amountOre);
        }
        // Every fee from a PBB percentage or per hour says what it was before rounding.
        const computed = res.lines.filter((l) => l.kind === 'fee' && !l.refusal && !l.rule.includes('.fixed'));
        expect(computed.every((l) => l.unroundedOre !== undefined)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never pays less for a longer activity (tiers and hourly fees are monotonic in duration)', () => {
    fc.assert(
      fc.property(
        tableArb,
        fc.constantFrom(...FEE_MODES),
        fc.integer({ min: 1, max: 1440 }),
        fc.integer({ min: 1, max: 1440 }),
        (table, feeMode, a, b) => {
          const [shorter, longer] = a <= b ? [a, b] : [b, a];
          const fee = (minutes: number) =>
            computeFees(
              {
                payerCode: 'SKR',
                paymentDate: table.validTo,
                payee: { birthYear: 1970 },
                feeMode,
                activities: [{ date: table.validFrom, kind: 'meeting', durationMinutes: minutes }],
              },
              [table],
            ).totals.feesOre;
          expect(fee(shorter)).toBeLessThanOrEqual(fee(longer));
          const order = ['short', 'half-day', 'full-day'];
          expect(order.indexOf(tierFor(shorter, table))).toBeLessThanOrEqual(order.indexOf(tierFor(longer, table)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
