import { computeFees, FeeActivity, FeeCalculation, FeeInput, FeeLine } from './fee-engine';
import { FeeInputError } from './fee-errors';
import type { RateTable } from './rate-table';
import { referenceTable, REFERENCE_TABLES } from './testing/reference-tables';

const kr = (n: number) => Math.round(n * 100);
const sumOf = (lines: FeeLine[]) => lines.reduce((s, l) => s + l.amountOre, 0);

/**
 * The routine's worked example (§4.5.6): one year of a working group with two representatives. Each does
 * 4 physical full days, 4 physical half days, 6 short video/telephone check-ins and one extra agreed reading
 * day (a full day). The routine prices them at its rounded 1 700 / 850 / 425 kr and 2020's 31,42 %
 * contributions: 37 980 kr a year incl. contributions, excl. travel; one of them also has 8 return trips of
 * 1 000 kr: 45 980 kr.
 */
describe('the routine’s worked example (§4.5.6), computed from activities', () => {
  // A 2020 table whose per-session amounts are the routine's own (the real 2020 PBB gives 1 702,80 / 851,40 /
  // 425,70 kr); everything else is 2020's, including 31,42 % contributions.
  const routineTable: RateTable = referenceTable(2020, {
    code: 'rutinens-rakneexempel-2020',
    fees: { ...referenceTable(2020).fees, fixedOre: { fullDayOre: kr(1_700), halfDayOre: kr(850), shortOre: kr(425) } },
  });

  const yearOfWork = (withTrips: boolean): FeeActivity[] => {
    const trip = withTrips ? { tickets: [{ amountOre: kr(1_000), receipt: true, description: 'tåg tur och retur' }] } : {};
    const fullDays = [1, 2, 3, 4].map((i) => ({ ref: `heldag-${i}`, date: `2020-0${i + 1}-10`, kind: 'meeting' as const, durationMinutes: 360, travelMinutes: 90, ...trip }));
    const halfDays = [1, 2, 3, 4].map((i) => ({ ref: `halvdag-${i}`, date: `2020-0${i + 5}-10`, kind: 'meeting' as const, durationMinutes: 180, ...trip }));
    const checkIns = [1, 2, 3, 4, 5, 6].map((i) => ({ ref: `video-${i}`, date: `2020-${String(i + 6).padStart(2, '0')}-20`, kind: 'meeting' as const, durationMinutes: 60 }));
    const reading = { ref: 'inlasning', date: '2020-03-01', kind: 'extra-preparation' as const, agreedTier: 'full-day' as const };
    return [...fullDays, ...halfDays, ...checkIns, reading];
  };

  const yearFor = (withTrips: boolean, table: RateTable = routineTable): FeeCalculation =>
    computeFees(
      { payerCode: 'SKR', paymentDate: '2020-12-31', payee: { birthYear: 1970 }, earlierTaxablePayOre: 0, activities: yearOfWork(withTrips) },
      [table],
    );

  it('prices each row of the example as the routine does', () => {
    const both = [yearFor(false), yearFor(false)].flatMap((r) => r.lines);
    const fees = both.filter((l) => l.kind === 'fee');
    const row = (pred: (l: FeeLine) => boolean) => sumOf(fees.filter(pred));
    expect(row((l) => l.tier === 'full-day' && !l.rule.endsWith('.agreed'))).toBe(kr(13_600)); // 1 700 × 2 × 4
    expect(row((l) => l.tier === 'half-day')).toBe(kr(6_800)); // 850 × 2 × 4
    expect(row((l) => l.tier === 'short')).toBe(kr(5_100)); // 425 × 2 × 6
    expect(row((l) => l.rule.endsWith('.agreed'))).toBe(kr(3_400)); // 1 700 × 2
    expect(fees.every((l) => l.table.code === 'rutinens-rakneexempel-2020')).toBe(true);
  });

  it('gives 37 980 kr a year incl. employer contributions, excl. travel, for the two of them', () => {
    const a = yearFor(false);
    const b = yearFor(false);
    expect(a.totals.contributionsOre).toBe(kr(4_540)); // 14 450 × 31,42 % = 4 540,19
    const excludingTravel = (r: FeeCalculation) => r.totals.taxablePayOre + r.totals.contributionsOre;
    expect(excludingTravel(a) + excludingTravel(b)).toBe(kr(37_980));
    expect(a.totals.costToPayerOre + b.totals.costToPayerOre).toBe(kr(37_980));
  });

  it('gives 45 980 kr with 8 return trips of 1 000 kr for one of them (tickets carry no contributions)', () => {
    const traveller = yearFor(true);
    const other = yearFor(false);
    expect(traveller.totals.taxFreeTravelOre).toBe(kr(8_000));
    expect(traveller.totals.contributionsOre).toBe(other.totals.contributionsOre);
    expect(traveller.totals.costToPayerOre + other.totals.costToPayerOre).toBe(kr(45_980));
  });

  it('shows what the real 2020 table gives: 1 703 / 851 / 426 kr, 38 046 kr for the two', () => {
    const real = yearFor(false, referenceTable(2020));
    const amounts = new Set(real.lines.filter((l) => l.kind === 'fee').map((l) => l.amountOre));
    expect([...amounts].sort((x, y) => x - y)).toEqual([kr(426), kr(851), kr(1_703)]);
    // 4 × 1 703 + 4 × 851 + 6 × 426 + 1 703 = 14 475 kr; contributions 4 548,05 → 4 548 kr
    expect(2 * real.totals.costToPayerOre).toBe(kr(38_046));
  });
});

describe('computeFees', () => {
  const base = (activities: FeeActivity[], extra: Partial<FeeInput> = {}): FeeInput => ({
    payerCode: 'SKR',
    paymentDate: '2021-06-25',
    payee: { birthYear: 1965 },
    earlierTaxablePayOre: kr(10_000),
    activities,
    ...extra,
  });

  it('gives the 2021 amounts from meeting lengths including travel time', () => {
    const res = computeFees(
      base([
        { date: '2021-05-03', kind: 'meeting', durationMinutes: 240, travelMinutes: 60 }, // 5 h: full day
        { date: '2021-05-04', kind: 'meeting', durationMinutes: 180, travelMinutes: 60 }, // exactly 4 h: half day
        { date: '2021-05-05', kind: 'meeting', durationMinutes: 90, travelMinutes: 30 }, // exactly 2 h: short
        { date: '2021-05-06', kind: 'introduction', durationMinutes: 60 },
      ]),
      REFERENCE_TABLES,
    );
    const fees = res.lines.filter((l) => l.kind === 'fee');
    expect(fees.map((l) => [l.tier, l.minutes, l.amountOre])).toEqual([
      ['full-day', 300, kr(1_714)],
      ['half-day', 240, kr(857)],
      ['short', 120, kr(428)],
      ['short', 60, kr(428)],
    ]);
    expect(fees.every((l) => l.table.code === 'nationell-2021' && l.table.version === 1 && l.rule.startsWith('fee.'))).toBe(true);
    expect(res.totals.feesOre).toBe(kr(3_427));
    expect(res.totals.contributionsOre).toBe(kr(1_077)); // 3 427 × 31,42 % = 1 076,76
    expect(res.totals.taxWithheldOre).toBe(kr(1_028)); // 30 % = 1 028,10
    expect(res.totals.netToPayeeOre).toBe(kr(3_427 - 1_028));
    expect(res.notices[0]).toMatch(/Försäkringskassan/);
  });

  it('pays 238 kr an hour in 2021 where the agreement says hourly, half and full days keep their fee', () => {
    const res = computeFees(
      base(
        [
          { date: '2021-05-05', kind: 'meeting', durationMinutes: 60 },
          { date: '2021-05-05', kind: 'meeting', durationMinutes: 100 }, // 2 h started half hours
          { date: '2021-05-06', kind: 'meeting', durationMinutes: 300 },
        ],
        { feeMode: 'hourly' },
      ),
      REFERENCE_TABLES,
    );
    expect(res.lines.filter((l) => l.kind === 'fee').map((l) => [l.tier, l.amountOre])).toEqual([
      ['hourly', kr(238)],
      ['hourly', kr(476)],
      ['full-day', kr(1_714)],
    ]);
  });

  it('keeps each rounded amount exactly as it was before rounding: 2026 full day 2 131,20 kr → 2 131 kr', () => {
    const res = computeFees(
      base(
        [
          { date: '2026-03-02', kind: 'meeting', durationMinutes: 300, carKm: 7 }, // full day; 7 km by car
          { date: '2026-03-03', kind: 'meeting', durationMinutes: 150, tickets: [{ amountOre: kr(640), receipt: true }] }, // half day
          { date: '2026-03-04', kind: 'meeting', durationMinutes: 90 }, // short
        ],
        { paymentDate: '2026-03-25', earlierTaxablePayOre: 0 },
      ),
      REFERENCE_TABLES,
    );
    const traced = (kind: FeeLine['kind']) => res.lines.filter((l) => l.kind === kind).map((l) => [l.unroundedOre, l.rounding, l.amountOre]);
    expect(traced('fee')).toEqual([
      ['213120', 'kronor-half-up', kr(2_131)], // 3,6 % of 59 200
      ['106560', 'kronor-half-up', kr(1_066)], // 1,8 %
      ['53280', 'kronor-half-up', kr(533)], // 0,9 %
    ]);
    expect(traced('travel-car-tax-free')).toEqual([['1750', 'ore', 1_750]]); // 0,7 mil × 25 kr
    // 3 730 kr taxable pay: contributions 31,42 % = 1 171,966 kr, tax 30 % = 1 119 kr.
    expect(traced('contributions')).toEqual([['117196.6', 'kronor-half-up', kr(1_172)]]);
    expect(traced('tax')[0][0]).toBe('111900');
    // A ticket is paid as reported: nothing was rounded.
    expect(res.lines.find((l) => l.kind === 'travel-ticket')).not.toHaveProperty('unroundedOre');
  });

  it('keeps the hourly product before its rounding, and nothing for fixed amounts', () => {
    const region = referenceTable(2024, { code: 'sodra-2024', payerCode: 'sodra', rounding: 'kronor-half-even', hourly: { counting: 'exact-minutes', scope: 'short-only' } });
    const hourly = computeFees(
      base([{ date: '2024-03-01', kind: 'meeting', durationMinutes: 60 }, { date: '2024-03-02', kind: 'meeting', durationMinutes: 37 }], {
        payerCode: 'sodra',
        paymentDate: '2024-03-25',
        feeMode: 'hourly',
      }),
      [region],
    ).lines.filter((l) => l.kind === 'fee');
    // The hourly rate 286,50 → 286 kr (half to even); 37 minutes of 286 kr = 176,366… kr → 176 kr.
    expect(hourly.map((l) => [l.unroundedOre, l.amountOre])).toEqual([
      ['28600', kr(286)],
      ['52910/3', kr(176)],
    ]);
    const fixed = referenceTable(2021, { fees: { ...referenceTable(2021).fees, fixedOre: { fullDayOre: kr(1_700), halfDayOre: kr(850), shortOre: kr(425) } } });
    const line = computeFees(base([{ date: '2021-05-03', kind: 'meeting', durationMinutes: 300 }]), [fixed]).lines[0];
    expect(line).toMatchObject({ amountOre: kr(1_700) });
    expect(line).not.toHaveProperty('unroundedOre');
    expect(line).not.toHaveProperty('rounding');
  });

  it('uses a payer’s own table over the national one', () => {
    const region = referenceTable(2024, { code: 'sodra-2024', payerCode: 'sodra', rounding: 'kronor-half-even' });
    const tables = [...REFERENCE_TABLES, region];
    const act: FeeActivity[] = [{ date: '2024-03-01', kind: 'meeting', durationMinutes: 60 }];
    const hourly = (payerCode: string) => computeFees({ ...base(act, { payerCode, paymentDate: '2024-03-25', feeMode: 'hourly' }) }, tables).lines[0];
    expect(hourly('sodra')).toMatchObject({ amountOre: kr(286), table: { code: 'sodra-2024' } });
    expect(hourly('vastra')).toMatchObject({ amountOre: kr(287), table: { code: 'nationell-2024' } });
  });

  it('pays no fee and no travel for an open information meeting, with the reason on the line', () => {
    const res = computeFees(
      base([
        { date: '2021-05-03', kind: 'open-information-meeting', durationMinutes: 120, tickets: [{ amountOre: kr(300), receipt: true }] },
        { date: '2021-05-04', kind: 'meeting', durationMinutes: 60 },
      ]),
      REFERENCE_TABLES,
    );
    const refused = res.lines.filter((l) => l.activityIndex === 0);
    expect(refused.map((l) => [l.kind, l.amountOre, l.refusal])).toEqual([
      ['fee', 0, 'open-information-meeting'],
      ['travel-ticket', 0, 'open-information-meeting'],
    ]);
    expect(refused[0].ruleText).toMatch(/allmänna öppna möten/);
    expect(res.totals.feesOre).toBe(kr(428));
    expect(res.totals.taxFreeTravelOre).toBe(0);
  });

  it('pays no fee to an employee of a patient organisation whose job includes the assignment', () => {
    const res = computeFees(
      base([{ date: '2021-05-03', kind: 'meeting', durationMinutes: 300 }], { payee: { birthYear: 1965, employedForAssignment: true } }),
      REFERENCE_TABLES,
    );
    expect(res.lines[0]).toMatchObject({ kind: 'fee', amountOre: 0, refusal: 'employed-for-assignment' });
    expect(res.totals).toMatchObject({ feesOre: 0, contributionsOre: 0, taxWithheldOre: 0, costToPayerOre: 0 });
  });

  it('refuses to pay a company (F-skatt or organisation number)', () => {
    const res = computeFees(base([{ date: '2021-05-03', kind: 'meeting', durationMinutes: 300 }], { payee: { birthYear: 1965, isCompany: true } }), REFERENCE_TABLES);
    expect(res.status).toBe('refused');
    expect(res.refusal).toEqual({ code: 'payee-is-company', message: expect.stringMatching(/inte till företag/) });
    expect(res.lines).toEqual([]);
    expect(res.totals.costToPayerOre).toBe(0);
  });

  it('uses the activity date’s table for the fee and the payment date’s table for contributions', () => {
    const res = computeFees(
      base([{ date: '2025-12-15', kind: 'meeting', durationMinutes: 300 }], { paymentDate: '2026-01-25', payee: { birthYear: 1959 } }),
      REFERENCE_TABLES,
    );
    expect(res.lines[0]).toMatchObject({ amountOre: kr(2_117), table: { code: 'nationell-2025' } }); // 3,6 % of 58 800 = 2 116,80
    const contrib = res.lines.find((l) => l.kind === 'contributions');
    // Born 1959: 66 at the start of 2026, under 2026's limit 67: full rate, from the 2026 table.
    expect(contrib).toMatchObject({ rule: 'contributions.full', table: { code: 'nationell-2026' } });
    expect(res.tables.map((t) => t.code)).toEqual(['nationell-2025', 'nationell-2026']);
  });

  it('refuses input it cannot compute from, naming the field', () => {
    const err = (input: FeeInput) => {
      try {
        computeFees(input, REFERENCE_TABLES);
      } catch (e) {
        if (e instanceof FeeInputError) return [e.field, e.message];
        throw e;
      }
      throw new Error('expected a FeeInputError');
    };
    expect(err(base([{ date: '2018-05-03', kind: 'meeting', durationMinutes: 60 }]))).toEqual([
      'activities.0.date',
      'Ingen taxetabell gäller för betalaren SKR den 2018-05-03.',
    ]);
    expect(err(base([{ date: '2021-05-03', kind: 'meeting' }]))[0]).toBe('activities.0.durationMinutes');
    expect(err(base([{ date: '2021-05-03', kind: 'meeting', durationMinutes: 0 }]))[0]).toBe('activities.0.durationMinutes');
    expect(err(base([{ date: '2021-05-03', kind: 'introduction', durationMinutes: 60, agreedTier: 'full-day' }]))[0]).toBe('activities.0.agreedTier');
    expect(err(base([{ date: '2021-02-30', kind: 'meeting', durationMinutes: 60 }]))[0]).toBe('activities.0.date');
    expect(err(base([], {}))[0]).toBe('activities');
    expect(err(base([{ date: '2021-05-03', kind: 'meeting', durationMinutes: 60 }], { paymentDate: '2030-01-01' }))[0]).toBe('paymentDate');
    expect(err(base([{ date: '2021-05-03', kind: 'meeting', durationMinutes: 60 }], { earlierTaxablePayOre: -1 }))[0]).toBe('earlierTaxablePayOre');
  });
});
