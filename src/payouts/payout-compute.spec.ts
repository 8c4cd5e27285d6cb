import { referenceTable } from '../fees/testing/reference-tables';
import { sessionFee } from '../fees';
import { calculatePerson, PayableLine } from './payout-calculation';
import { calculatePeople, calculationInputsKey, chunks, GatheredLine, groupByPerson, payableLine, PersonInput, rateTablesKey } from './payout-compute';
import { samplePayableLine } from './testing/sample-lines';

describe('a batch computed in memory (payout-compute)', () => {
  const tables = [referenceTable(2026)];
  const line = ({ lineId = null, personId = 'p1', ...over }: Partial<GatheredLine>): GatheredLine => ({ lineId, personId, ...samplePayableLine(over) });
  const anna: PersonInput = {
    personId: 'p1',
    payee: { birthYear: 1985, taxTableMainIncome: false, taxTablePercent: null },
    earlierTaxablePayOre: 0,
    lines: [line({ timeReportId: 'r2', activityDate: '2026-09-20', durationMinutes: 90, ticketCostOre: 0 }), line({ timeReportId: 'r1' })],
  };
  const bertil: PersonInput = {
    personId: 'p2',
    payee: { birthYear: 1950, taxTableMainIncome: true, taxTablePercent: '32.5' },
    earlierTaxablePayOre: 53_300,
    lines: [line({ personId: 'p2', timeReportId: 'r3', carKm: 120, ticketCostOre: 0, feeMode: 'hourly' })],
  };
  const keyOf = (input: PersonInput, paymentDate = '2026-10-05') =>
    calculationInputsKey({ payerCode: 'SKR', paymentDate, tablesKey: rateTablesKey(tables), input });

  it('groups lines by person in the order of their first line', () => {
    const lines = [line({ personId: 'b', timeReportId: '1' }), line({ personId: 'a', timeReportId: '2' }), line({ personId: 'b', timeReportId: '3' })];
    const grouped = groupByPerson(lines);
    expect([...grouped.keys()]).toEqual(['b', 'a']);
    expect(grouped.get('b')!.map((l) => l.timeReportId)).toEqual(['1', '3']);
  });

  it('gives every person exactly what calculatePerson gives, line amounts in the order of the lines', () => {
    const out = calculatePeople({ payerCode: 'SKR', paymentDate: '2026-10-05', tables, people: [anna, bertil] });
    expect(out.map((o) => o.personId)).toEqual(['p1', 'p2']);
    for (const [o, input] of [
      [out[0], anna],
      [out[1], bertil],
    ] as const) {
      if ('error' in o) throw o.error;
      const alone = calculatePerson({
        payerCode: 'SKR',
        paymentDate: '2026-10-05',
        payee: input.payee,
        earlierTaxablePayOre: input.earlierTaxablePayOre,
        lines: input.lines.map(payableLine),
        tables,
      });
      expect(o.calc).toEqual(alone);
      expect(o.calc.lines.map((l) => l.timeReportId)).toEqual(input.lines.map((l) => l.timeReportId));
      expect(o.inputsKey).toBe(keyOf(input));
    }
  });

  it('returns the engine’s refusal for the person it cannot compute and computes the others', () => {
    const noTable: PersonInput = { ...bertil, personId: 'p3', lines: [line({ personId: 'p3', timeReportId: 'r9', activityDate: '2019-01-10' })] };
    const out = calculatePeople({ payerCode: 'SKR', paymentDate: '2026-10-05', tables, people: [anna, noTable] });
    expect('calc' in out[0]).toBe(true);
    expect(out[1]).toMatchObject({ personId: 'p3', error: expect.objectContaining({ name: 'FeeInputError' }) });
  });

  it('keys the inputs: the same inputs in any line order give the same key, any change of an input another', () => {
    const key = keyOf(anna);
    expect(keyOf({ ...anna, lines: [...anna.lines].reverse() })).toBe(key);
    expect(keyOf({ ...anna, lines: anna.lines.map((l) => ({ ...l, lineId: 'another-line-row' })) })).toBe(key);
    const changes: PersonInput[] = [
      { ...anna, earlierTaxablePayOre: 1 },
      { ...anna, earlierTaxablePayOre: 1, earlierMonthTaxablePayOre: 1 },
      { ...anna, payee: { ...anna.payee, birthYear: 1984 } },
      { ...anna, payee: { ...anna.payee, taxTableMainIncome: true, taxTablePercent: '30' } },
      { ...anna, lines: anna.lines.slice(1) },
      { ...anna, lines: [{ ...anna.lines[0], durationMinutes: 91 }, anna.lines[1]] },
      { ...anna, lines: [{ ...anna.lines[0], hasReceipt: false }, anna.lines[1]] },
      { ...anna, lines: [{ ...anna.lines[0], feeMode: 'hourly' }, anna.lines[1]] },
    ];
    for (const changed of changes) expect(keyOf(changed)).not.toBe(key);
    expect(keyOf(anna, '2026-10-06')).not.toBe(key);
    expect(calculationInputsKey({ payerCode: 'SKR', paymentDate: '2026-10-05', tablesKey: rateTablesKey([referenceTable(2026, { pbbOre: 5_930_000 })]), input: anna })).not.toBe(
      key,
    );
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("takes the fee tier from the report's activity: a fixed tier whatever the minutes, hourly, or by length", () => {
    const table = tables[0];
    const feeOf = (over: Partial<PayableLine>) => {
      const calc = calculatePerson({
        payerCode: 'SKR',
        paymentDate: '2026-10-05',
        payee: anna.payee,
        earlierTaxablePayOre: 0,
        lines: [samplePayableLine({ durationMinutes: 60, travelMinutes: 0, ticketCostOre: 0, ...over })],
        tables,
      });
      return { fee: calc.lines[0].feeOre, rule: calc.lines[0].feeRule };
    };
    // 60 minutes by length is the short tier; the activity's full day pays a full day (issue 13 §4.5.1).
    expect(feeOf({ feeRule: null })).toEqual({ fee: sessionFee(table, 'short').amountOre, rule: sessionFee(table, 'short').rule });
    expect(feeOf({ feeRule: 'by-length' })).toEqual(feeOf({ feeRule: null }));
    expect(feeOf({ feeRule: 'full-day' })).toEqual({ fee: sessionFee(table, 'full-day').amountOre, rule: `${sessionFee(table, 'full-day').rule}.agreed` });
    expect(feeOf({ feeRule: 'half-day', durationMinutes: 600 }).fee).toBe(sessionFee(table, 'half-day').amountOre);
    expect(feeOf({ feeRule: 'hourly' }).rule).toMatch(/^fee\.hourly/);
    // Extra preparation: reported freely it is the agreement's full day; as an activity it follows the activity.
    expect(feeOf({ kind: 'extra-preparation', feeRule: null }).fee).toBe(sessionFee(table, 'full-day').amountOre);
    expect(feeOf({ kind: 'extra-preparation', feeRule: 'by-length' }).fee).toBe(sessionFee(table, 'short').amountOre);
    // An open information meeting pays nothing whatever its rule.
    expect(feeOf({ kind: 'open-information-meeting', feeRule: 'full-day' }).fee).toBe(0);
    // The rule is part of the inputs key (a line's key changes with it; a line without an activity keeps its key).
    const withRule: PersonInput = { ...anna, lines: [{ ...anna.lines[0], feeRule: 'full-day' }, anna.lines[1]] };
    expect(keyOf(withRule)).not.toBe(keyOf(anna));
    expect(keyOf({ ...anna, lines: anna.lines.map((l) => ({ ...l, feeRule: null })) })).toBe(keyOf(anna));
  });

  it('uses up the monthly cap of a reduction for young people across the engine calls of one person (issue 18 #5)', () => {
    // Born 2005: 20,81 % on pay up to 25 000 kr a month in 2026. 24 000 kr paid earlier this month by another run,
    // then a session-fee line and an hourly line (two engine calls): only 1 000 kr is left at the reduced rate.
    const young: PersonInput = {
      personId: 'y',
      payee: { birthYear: 2005, taxTableMainIncome: false, taxTablePercent: null },
      earlierTaxablePayOre: 2_400_000,
      earlierMonthTaxablePayOre: 2_400_000,
      lines: [line({ personId: 'y', timeReportId: 'a', ticketCostOre: 0 }), line({ personId: 'y', timeReportId: 'b', ticketCostOre: 0, feeMode: 'hourly', durationMinutes: 60 })],
    };
    const [out] = calculatePeople({ payerCode: 'SKR', paymentDate: '2026-10-05', tables, people: [young] });
    if (!('calc' in out)) throw new Error('not computed');
    const parts = out.calc.calculations.flatMap((c) => c.lines.filter((l) => l.kind === 'contributions'));
    const reduced = parts.filter((p) => p.rule.startsWith('contributions.youth-reduced')).reduce((s, p) => s + (p.baseOre ?? 0), 0);
    const full = parts.filter((p) => p.rule === 'contributions.full.above-youth-cap').reduce((s, p) => s + (p.baseOre ?? 0), 0);
    expect(reduced).toBe(100_000);
    expect(reduced + full).toBe(out.calc.figures.taxablePayOre);
    expect(out.calc.figures.contributionCategory).toBe('youth-reduced');
  });

  it('splits lists into chunks for bulk statements', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });
});
