import type { TableRef } from '../fees';
import type { RateTable } from '../fees';
import { calculatePerson, FeeRule, PayableLine, PayeeFacts } from '../payouts/payout-calculation';

/**
 * The year's budget of a working group (issue 19 #4): what the coordinator plans before the year — full days, half
 * days, short sessions, agreed extra preparation, expected trips, the number of representatives — and what it will
 * cost the payer, computed as the routine's §4.5.6 example does: every representative attends every meeting; each
 * is paid by the fee engine exactly as a payout pays them (`calculatePerson`, the rate table of that year for the
 * payer, the employer contributions on top, tickets tax-free), and the payer's cost is the sum over representatives.
 * Pure: no I/O, no clock.
 */

/** The bounds of every figure of a plan (also the DTO's and the database's). */
export const BUDGET_LIMITS = {
  representatives: { min: 1, max: 50 },
  fullDays: { min: 0, max: 100 },
  halfDays: { min: 0, max: 100 },
  shortSessions: { min: 0, max: 200 },
  /** Agreed extra preparation per representative, in full days (the routine's reading day). */
  extraPreparationDays: { min: 0, max: 50 },
  travelLines: { max: 20 },
  travelRepresentatives: { min: 1, max: 50 },
  tripsPerRepresentative: { min: 1, max: 400 },
  /** 0–100 000 kr a return trip. */
  costPerTripOre: { min: 0, max: 10_000_000 },
  noteLength: 2000,
  /** How many years ahead a plan may be made. */
  yearsAhead: 5,
} as const;

/** Expected trips: this many representatives each make this many return trips at this cost. */
export interface BudgetTravel {
  representatives: number;
  tripsPerRepresentative: number;
  costPerTripOre: number;
}

export interface BudgetPlanFigures {
  representatives: number;
  fullDays: number;
  halfDays: number;
  shortSessions: number;
  extraPreparationDays: number;
  travel: BudgetTravel[];
}

/** One kind of representative in the plan: how many, their trips, and what one of them costs the payer. */
export interface BudgetRepresentativeCost {
  representatives: number;
  tripsPerRepresentative: number;
  costPerTripOre: number;
  /** One representative of this kind. */
  each: { feesOre: number; travelOre: number; contributionsOre: number; costOre: number };
}

/** What the plan costs its payer in the year (all of them together). */
export interface BudgetCost {
  payerCode: string;
  /** The rate tables the fee engine used. */
  tables: TableRef[];
  /** The date the plan's activities and payment are computed for (the table in force then). */
  computedFor: string;
  feesOre: number;
  contributionsOre: number;
  travelOre: number;
  /** Fees + contributions: the routine's "exklusive reseersättning, inklusive arbetsgivaravgift". */
  costExcludingTravelOre: number;
  /** Everything the payer pays: fees + contributions + travel. */
  costOre: number;
  byRepresentative: BudgetRepresentativeCost[];
}

/**
 * Rules between a plan's fields, in Swedish per field (empty when none is broken): the travellers are among the
 * representatives, and a trip is a return trip to one of the year's meetings.
 */
export function planProblems(plan: BudgetPlanFigures): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  const add = (f: string, m: string) => (fields[f] ??= []).push(m);
  const travellers = plan.travel.reduce((s, t) => s + t.representatives, 0);
  if (travellers > plan.representatives) {
    add('travel', `Resorna gäller ${travellers} företrädare, men planen har ${plan.representatives}. Varje företrädare räknas på högst en rad.`);
  }
  const meetings = meetingCount(plan);
  plan.travel.forEach((t, i) => {
    if (t.tripsPerRepresentative > meetings) {
      add(
        `travel.${i}.tripsPerRepresentative`,
        meetings === 0
          ? 'En resa är tur och retur till ett möte, och planen har inga möten.'
          : `En resa är tur och retur till ett möte: högst ${meetings} resor per företrädare, lika många som årets möten.`,
      );
    }
  });
  if (meetings === 0 && plan.extraPreparationDays === 0) add('fullDays', 'Planen har inga möten och ingen extra förberedelse: ange minst en.');
  return fields;
}

export const meetingCount = (p: Pick<BudgetPlanFigures, 'fullDays' | 'halfDays' | 'shortSessions'>) => p.fullDays + p.halfDays + p.shortSessions;

/** The representatives by their trips: one kind per travel line, then those who do not travel. */
export function representativeKinds(plan: BudgetPlanFigures): Array<Omit<BudgetRepresentativeCost, 'each'>> {
  const kinds = plan.travel.map((t) => ({ representatives: t.representatives, tripsPerRepresentative: t.tripsPerRepresentative, costPerTripOre: t.costPerTripOre }));
  const rest = plan.representatives - plan.travel.reduce((s, t) => s + t.representatives, 0);
  if (rest > 0) kinds.push({ representatives: rest, tripsPerRepresentative: 0, costPerTripOre: 0 });
  return kinds;
}

/** The minutes a planned session stands for (shown on the engine's lines; the tier is fixed, so they do not decide it). */
const PLANNED_MINUTES: Record<'full-day' | 'half-day' | 'short', number> = { 'full-day': 420, 'half-day': 180, short: 60 };

/**
 * One representative's year as the lines a payout would pay: a fixed-tier meeting per planned session, the agreed
 * extra preparation as full days, and each trip's ticket (with receipt) on one of the meetings, in order.
 */
export function planLines(plan: BudgetPlanFigures, trips: { count: number; costOre: number }, date: string): PayableLine[] {
  const line = (n: number, kind: PayableLine['kind'], tier: 'full-day' | 'half-day' | 'short'): PayableLine => ({
    timeReportId: `plan-${String(n).padStart(4, '0')}`,
    activityDate: date,
    kind,
    durationMinutes: PLANNED_MINUTES[tier],
    travelMinutes: 0,
    ticketCostOre: 0,
    otherTravelCostOre: 0,
    carKm: 0,
    hasReceipt: true,
    feeMode: 'session',
    employedByOrganisation: false,
    feeRule: tier satisfies FeeRule,
  });
  const meetings: PayableLine[] = [
    ...Array.from({ length: plan.fullDays }, () => 'full-day' as const),
    ...Array.from({ length: plan.halfDays }, () => 'half-day' as const),
    ...Array.from({ length: plan.shortSessions }, () => 'short' as const),
  ].map((tier, i) => line(i, 'meeting', tier));
  for (let j = 0; j < trips.count && trips.costOre > 0 && meetings.length > 0; j++) meetings[j % meetings.length].ticketCostOre += trips.costOre;
  const extra = Array.from({ length: plan.extraPreparationDays }, (_, i) => line(meetings.length + i, 'extra-preparation', 'full-day'));
  return [...meetings, ...extra];
}

/**
 * A representative whose pay carries the full employer contributions (between the young people's reductions and the
 * pension age): the plan knows no one's age, and the routine's example assumes the full rate.
 */
export const plannedPayee = (year: number): PayeeFacts => ({ birthYear: year - 40, taxTableMainIncome: false, taxTablePercent: null });

/**
 * The plan's cost to its payer in `year`, by the payout's own calculation. Each kind of representative is computed
 * once (with no earlier pay that year: the year threshold of contributions applies as it would) and counted as many
 * times as there are such representatives. Throws the engine's FeeInputError (e.g. no rate table in force).
 */
export function calculatePlan(args: { plan: BudgetPlanFigures; year: number; payerCode: string; tables: readonly RateTable[] }): BudgetCost {
  const date = `${args.year}-01-01`;
  const seen = new Map<string, TableRef>();
  const byRepresentative: BudgetRepresentativeCost[] = representativeKinds(args.plan).map((kind) => {
    const calc = calculatePerson({
      payerCode: args.payerCode,
      paymentDate: date,
      payee: plannedPayee(args.year),
      earlierTaxablePayOre: 0,
      lines: planLines(args.plan, { count: kind.tripsPerRepresentative, costOre: kind.costPerTripOre }, date),
      tables: args.tables,
    });
    for (const c of calc.calculations) for (const t of c.tables) seen.set(`${t.code}@${t.version}`, t);
    const f = calc.figures;
    return { ...kind, each: { feesOre: f.feesOre, travelOre: f.taxFreeTravelOre + f.taxableTravelOre, contributionsOre: f.contributionsOre, costOre: f.costOre } };
  });
  const total = (pick: (e: BudgetRepresentativeCost['each']) => number) => byRepresentative.reduce((s, k) => s + k.representatives * pick(k.each), 0);
  const feesOre = total((e) => e.feesOre);
  const contributionsOre = total((e) => e.contributionsOre);
  const travelOre = total((e) => e.travelOre);
  return {
    payerCode: args.payerCode,
    tables: [...seen.values()],
    computedFor: date,
    feesOre,
    contributionsOre,
    travelOre,
    costExcludingTravelOre: feesOre + contributionsOre,
    costOre: total((e) => e.costOre),
    byRepresentative,
  };
}
