import { createHash } from 'node:crypto';
import { FeeInputError, RateTable } from '../fees';
import { calculatePerson, PayableLine, PayeeFacts, PersonCalculation } from './payout-calculation';

/**
 * A whole batch's figures in memory (pure: no I/O, no clock): the lines gathered in one query are grouped by
 * person and each person is computed with the same engine call as always (`calculatePerson`). Also the key of a
 * person's calculation inputs, which lets an approval tell that nothing the figures depend on has changed.
 */

/** One attested line with what the engine needs, its person and (for a line already in a batch) its id. */
export interface GatheredLine extends PayableLine {
  personId: string;
  lineId: string | null;
  /** The group activity of the report (null before activities) and whether it is an agreement's own (one line per day). */
  activityId?: string | null;
  activityPerDay?: boolean;
}

/** Everything one person's figures depend on, besides the payer, the payment date and the rate tables. */
export interface PersonInput {
  personId: string;
  payee: PayeeFacts;
  earlierTaxablePayOre: number;
  /** The part of it paid in the payment date's calendar month (the monthly cap of a reduction for young people). */
  earlierMonthTaxablePayOre?: number;
  lines: GatheredLine[];
}

export type PersonOutcome =
  | { personId: string; input: PersonInput; inputsKey: string; calc: PersonCalculation }
  | { personId: string; input: PersonInput; inputsKey: string; error: FeeInputError };

/** The lines by person, people in the order of their first line (the order the query gave). */
export function groupByPerson<T extends { personId: string }>(lines: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const l of lines) {
    const list = out.get(l.personId);
    if (list) list.push(l);
    else out.set(l.personId, [l]);
  }
  return out;
}

/** A key of the rate tables (computed once per batch and folded into every person's inputs key). */
export function rateTablesKey(tables: readonly RateTable[]): string {
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex');
}

/**
 * The version of what the fee engine computes (src/fees and `calculatePerson`). It is part of every inputs key, so
 * figures drafted by an earlier engine are computed again at approval instead of being paid as stored. Change it
 * with any change to the engine that can change an amount (a rule, a rounding, a threshold's use).
 */
export const CALCULATION_VERSION = '2026-12-04-f-skatt-youth-reductions';

/**
 * A key of everything one person's figures are computed from (and the engine's version): payer, payment date, rate tables, the person's
 * facts, the year's earlier pay and every line's attested figures (in a fixed order). The engine is a pure
 * function of these, so the same key means the same figures. Holds no personal data in clear (a SHA-256).
 */
export function calculationInputsKey(args: { payerCode: string; paymentDate: string; tablesKey: string; input: PersonInput }): string {
  const { payee, earlierTaxablePayOre, earlierMonthTaxablePayOre, lines } = args.input;
  const ordered = [...lines].sort((a, b) => (a.timeReportId < b.timeReportId ? -1 : a.timeReportId > b.timeReportId ? 1 : 0));
  const canonical = JSON.stringify([
    2, // version of this key's layout (2: the month's earlier pay)
    CALCULATION_VERSION,
    args.payerCode,
    args.paymentDate,
    args.tablesKey,
    [payee.birthYear, payee.taxTableMainIncome, payee.taxTablePercent, payee.taxStatus ?? 'none', payee.fSkattInvoked === true, payee.fSkattPolicy ?? 'refuse'],
    earlierTaxablePayOre,
    earlierMonthTaxablePayOre ?? 0,
    ordered.map((l) => [
      l.timeReportId,
      l.activityDate,
      l.kind,
      l.durationMinutes,
      l.travelMinutes,
      l.ticketCostOre,
      l.otherTravelCostOre,
      l.carKm,
      l.hasReceipt,
      l.feeMode,
      l.employedByOrganisation,
      // The activity's fee rule, when the report has an activity (older lines keep their key's layout).
      ...(l.feeRule != null ? [l.feeRule] : []),
    ]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The engine's input for one person (the gathered line minus what only the batch needs). */
export function payableLine(l: GatheredLine): PayableLine {
  return {
    timeReportId: l.timeReportId,
    activityDate: l.activityDate,
    kind: l.kind,
    durationMinutes: l.durationMinutes,
    travelMinutes: l.travelMinutes,
    ticketCostOre: l.ticketCostOre,
    otherTravelCostOre: l.otherTravelCostOre,
    carKm: l.carKm,
    hasReceipt: l.hasReceipt,
    feeMode: l.feeMode,
    employedByOrganisation: l.employedByOrganisation,
    feeRule: l.feeRule ?? null,
  };
}

/**
 * Computes every person of a batch, one engine call per person as `calculatePerson` does it. A person the
 * engine cannot compute (`FeeInputError`, e.g. no rate table in force) comes back with the error, the others with
 * their figures; any other error is thrown. `calc.lines[i]` belongs to `input.lines[i]`.
 */
export function calculatePeople(args: {
  payerCode: string;
  paymentDate: string;
  tables: readonly RateTable[];
  people: readonly PersonInput[];
  /** rateTablesKey(tables), when the caller has it already. */
  tablesKey?: string;
}): PersonOutcome[] {
  const tablesKey = args.tablesKey ?? rateTablesKey(args.tables);
  return args.people.map((input) => {
    const inputsKey = calculationInputsKey({ payerCode: args.payerCode, paymentDate: args.paymentDate, tablesKey, input });
    try {
      const calc = calculatePerson({
        payerCode: args.payerCode,
        paymentDate: args.paymentDate,
        payee: input.payee,
        earlierTaxablePayOre: input.earlierTaxablePayOre,
        earlierMonthTaxablePayOre: input.earlierMonthTaxablePayOre ?? 0,
        lines: input.lines.map(payableLine),
        tables: args.tables,
      });
      return { personId: input.personId, input, inputsKey, calc };
    } catch (e) {
      if (e instanceof FeeInputError) return { personId: input.personId, input, inputsKey, error: e };
      throw e;
    }
  });
}

/** Splits a list into pieces of at most `size` (bulk statements are sent in chunks). */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
