import fs from 'node:fs';
import { BudgetPlanFigures, calculatePlan, planLines, planProblems, representativeKinds } from '../src/budget/budget-plan';
import { FeeInputError } from '../src/fees';
import { referenceTable } from '../src/fees/testing/reference-tables';
import { ROUTINE_EXAMPLE_FILE, routineCostExample, routinePlan } from './support/routine-example';

/**
 * The year's budget (issue 19 #4), the pure calculation: the routine's §4.5.6 example, read from the routine's own
 * text, priced by the payout's calculation with a flat-amount table of the example's amounts and contribution rate.
 */
describe('the budget plan calculation', () => {
  const e = routineCostExample();
  const kr = (n: number) => n * 100;
  // A flat-amount table: the example's 1 700 / 850 / 425 kr and its 31,42 % contributions; the rest is 2026's.
  const flat = referenceTable(2026, {
    code: 'rutinens-rakneexempel-2026',
    fees: { ...referenceTable(2026).fees, fixedOre: { fullDayOre: kr(e.fullDayKr), halfDayOre: kr(e.halfDayKr), shortOre: kr(e.shortKr) } },
    contributions: { ...referenceTable(2026).contributions, fullRateBp: e.contributionBp },
  });
  const plan = (withTrips: boolean): BudgetPlanFigures => routinePlan(e, withTrips);
  const cost = (p: BudgetPlanFigures, tables = [flat]) => calculatePlan({ plan: p, year: 2026, payerCode: 'SKR', tables });

  it('reads the example from the routine: 2 representatives, 4 + 4 + 6 sessions, a reading day, 8 trips of 1 000 kr', () => {
    expect(e).toMatchObject({ representatives: 2, fullDays: 4, halfDays: 4, shortSessions: 6, extraPreparationDays: 1, travellers: 1, trips: 8, tripKr: 1000 });
    expect([e.fullDayKr, e.halfDayKr, e.shortKr, e.contributionBp]).toEqual([1700, 850, 425, 3142]);
  });

  it('gives the routine’s total excluding travel (37 980 kr) for its plan', () => {
    const c = cost(plan(false));
    expect(c.costOre).toBe(kr(e.totalExcludingTravelKr));
    expect(c.costExcludingTravelOre).toBe(kr(e.totalExcludingTravelKr));
    expect(c.travelOre).toBe(0);
    // Each row of the example: (4 × 1 700 + 4 × 850 + 6 × 425 + 1 700) × 2 = 28 900 kr in fees.
    expect(c.feesOre).toBe(kr(2 * (e.fullDays * e.fullDayKr + e.halfDays * e.halfDayKr + e.shortSessions * e.shortKr + e.fullDayKr)));
    expect(c.tables).toEqual([{ code: 'rutinens-rakneexempel-2026', version: 1 }]);
  });

  it('gives the routine’s total including travel (45 980 kr) with one representative’s 8 trips of 1 000 kr', () => {
    const c = cost(plan(true));
    expect(c.costOre).toBe(kr(e.totalIncludingTravelKr));
    expect(c.travelOre).toBe(kr(e.trips * e.tripKr));
    // Tickets carry no contributions: the cost excluding travel is the same as without trips.
    expect(c.costExcludingTravelOre).toBe(kr(e.totalExcludingTravelKr));
    expect(c.byRepresentative.map((k) => [k.representatives, k.tripsPerRepresentative])).toEqual([
      [1, 8],
      [1, 0],
    ]);
  });

  it('uses the table it is given: the national table of 2026 prices by the PBB, not the flat amounts', () => {
    const c = cost(plan(false), [referenceTable(2026)]);
    // 59 200 kr: 2 131 / 1 066 / 533 kr (halves up), contributions 31,42 % per person, rounded per person.
    const perPerson = 4 * 2131 + 4 * 1066 + 6 * 533 + 2131;
    expect(c.feesOre).toBe(kr(2 * perPerson));
    expect(c.contributionsOre).toBe(2 * Math.round(perPerson * 0.3142) * 100);
    expect(c.tables).toEqual([{ code: 'nationell-2026', version: 1 }]);
  });

  it('applies the contributions’ year threshold per representative, as a payout would', () => {
    // One short session (425 kr) a year: under 1 000 kr, so no contributions.
    const c = cost({ representatives: 3, fullDays: 0, halfDays: 0, shortSessions: 1, extraPreparationDays: 0, travel: [] });
    expect(c.feesOre).toBe(kr(3 * e.shortKr));
    expect(c.contributionsOre).toBe(0);
  });

  it('throws the engine’s Swedish error when no rate table is in force in the year', () => {
    expect(() => calculatePlan({ plan: plan(false), year: 2027, payerCode: 'SKR', tables: [flat] })).toThrow(FeeInputError);
    expect(() => calculatePlan({ plan: plan(false), year: 2027, payerCode: 'SKR', tables: [flat] })).toThrow(/Ingen taxetabell gäller för betalaren SKR den 2027-01-01/);
  });

  it('puts each trip on one of the year’s meetings and the reading days after them', () => {
    const lines = planLines(plan(true), { count: 8, costOre: kr(1000) }, '2026-01-01');
    expect(lines).toHaveLength(15);
    expect(lines.filter((l) => l.ticketCostOre > 0)).toHaveLength(8);
    expect(lines.filter((l) => l.kind === 'extra-preparation').map((l) => l.feeRule)).toEqual(['full-day']);
    expect(new Set(lines.map((l) => l.timeReportId)).size).toBe(15);
  });

  it('splits the representatives by their trips', () => {
    expect(representativeKinds({ ...plan(false), representatives: 5, travel: [{ representatives: 2, tripsPerRepresentative: 3, costPerTripOre: 50_000 }] })).toEqual([
      { representatives: 2, tripsPerRepresentative: 3, costPerTripOre: 50_000 },
      { representatives: 3, tripsPerRepresentative: 0, costPerTripOre: 0 },
    ]);
  });

  it('refuses travellers who are not among the representatives, trips beyond the meetings, and an empty year', () => {
    expect(planProblems(plan(true))).toEqual({});
    expect(planProblems({ ...plan(true), travel: [{ representatives: 3, tripsPerRepresentative: 1, costPerTripOre: 0 }] })).toEqual({
      travel: [expect.stringMatching(/gäller 3 företrädare, men planen har 2/)],
    });
    expect(planProblems({ ...plan(true), travel: [{ representatives: 1, tripsPerRepresentative: 15, costPerTripOre: 0 }] })).toEqual({
      'travel.0.tripsPerRepresentative': [expect.stringMatching(/högst 14 resor/)],
    });
    expect(Object.keys(planProblems({ representatives: 2, fullDays: 0, halfDays: 0, shortSessions: 0, extraPreparationDays: 0, travel: [] }))).toEqual(['fullDays']);
  });

  it('fails to read a routine whose example does not add up', () => {
    const text = fs.readFileSync(ROUTINE_EXAMPLE_FILE, 'utf8');
    expect(() => routineCostExample(text.replace('1 700 x 2 x 4 = 13 600', '1 700 x 2 x 4 = 13 700'))).toThrow(/does not add up/);
  });
});
