import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PayableLine, PayeeFacts, PersonCalculation, PersonFigures } from './payout-calculation';
import { personFiguresFromRow } from './payout-calculation';
import { chunks, GatheredLine, groupByPerson, PersonInput } from './payout-compute';

/**
 * The payout tables, set-based: a batch's lines and people are read with one query each and written with a few
 * bulk statements (`unnest` of arrays, in chunks), whatever the batch's size. Every function runs on the
 * caller's EntityManager (its transaction). Used by payout-batches.ts (and by the payout-run benchmark's floor).
 */

/** Lines per bulk UPDATE (6 arrays of this length); people per statement (with their lines, ≈ 12 a person). */
const LINE_CHUNK = 10_000;
export const PERSON_CHUNK = 1_000;

interface LineRow {
  line_id: string | null;
  time_report_id: string;
  person_id: string;
  activity_date: string;
  kind: PayableLine['kind'];
  minutes: number;
  travel: number;
  ticket: number;
  other: number;
  km: number;
  has_receipt: boolean;
  fee_mode: PayableLine['feeMode'];
  employed: boolean;
  fee_rule: PayableLine['feeRule'];
  activity_id: string | null;
  activity_per_day: boolean;
}

/**
 * The engine's inputs of a time report: the coordinator's attested figures, the agreement's fee terms and — for a
 * report of a group activity — the activity's kind and fee rule (other work is paid as a meeting). Needs
 * `LINE_JOINS` (the activity, left-joined: older reports have none).
 */
const LINE_INPUTS = `tr.id AS time_report_id, tr.person_id, tr.activity_date::text AS activity_date,
       CASE WHEN ga.id IS NULL THEN tr.kind WHEN ga.kind = 'other-work' THEN 'meeting' ELSE ga.kind END AS kind,
       ga.fee_rule, tr.activity_id, tr.activity_per_day,
       tr.attested_duration_minutes AS minutes, tr.attested_travel_minutes AS travel,
       tr.attested_ticket_cost_ore AS ticket, tr.attested_other_travel_cost_ore AS other, tr.attested_car_km AS km,
       EXISTS (SELECT 1 FROM time_report_receipt r WHERE r.time_report_id = tr.id) AS has_receipt,
       a.fee_mode, a.employed_by_organisation AS employed`;
const LINE_JOINS = `JOIN assignment a ON a.id = tr.assignment_id LEFT JOIN group_activity ga ON ga.id = tr.activity_id`;

const toLine = (r: LineRow): GatheredLine => ({
  lineId: r.line_id,
  personId: r.person_id,
  timeReportId: r.time_report_id,
  activityDate: r.activity_date,
  kind: r.kind,
  durationMinutes: r.minutes,
  travelMinutes: r.travel,
  ticketCostOre: r.ticket,
  otherTravelCostOre: r.other,
  carKm: r.km,
  hasReceipt: r.has_receipt,
  feeMode: r.fee_mode,
  employedByOrganisation: r.employed,
  feeRule: r.fee_rule ?? null,
  activityId: r.activity_id,
  activityPerDay: r.activity_per_day,
});

/** The key of "one live line per person and activity" (per day for an agreement's own activity), or null. */
export function activityLineKey(l: { personId: string; activityId?: string | null; activityPerDay?: boolean; activityDate: string }): string | null {
  if (!l.activityId) return null;
  return `${l.personId}|${l.activityId}${l.activityPerDay ? `|${l.activityDate}` : ''}`;
}

/**
 * Every attested line of the payer up to `periodEnd` (and from `periodStart`, when given: a supplementary run) that
 * is in no pending or paid payout line (held and released lines of earlier runs included), locked (FOR UPDATE) until
 * the transaction ends; ordered by activity date and report id.
 */
export async function gatherCandidateLines(em: EntityManager, payerCode: string, periodEnd: string, periodStart?: string): Promise<GatheredLine[]> {
  const rows: LineRow[] = await em.query(
    `SELECT NULL::uuid AS line_id, ${LINE_INPUTS}
       FROM time_report tr ${LINE_JOINS}
      WHERE tr.payer_code = $1 AND tr.state = 'attested' AND tr.activity_date <= $2 AND ($3::date IS NULL OR tr.activity_date >= $3::date)
        AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE l.time_report_id = tr.id AND l.live)
        AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE tr.activity_id IS NOT NULL AND l.person_id = tr.person_id AND l.activity_id = tr.activity_id
                         AND l.live AND (NOT tr.activity_per_day OR l.activity_date = tr.activity_date))
      ORDER BY tr.activity_date, tr.id
        FOR UPDATE OF tr`,
    [payerCode, periodEnd, periodStart ?? null],
  );
  // At most one line per person and activity (the unique indexes payout_line_activity_once and
  // payout_line_agreement_activity_day hold it; this keeps a second report of one activity out of the run
  // instead of failing it): the first by date and id is paid, any other stays unpaid.
  const seen = new Set<string>();
  return rows.map(toLine).filter((l) => {
    const key = activityLineKey(l);
    if (key === null) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The pending lines of a batch (of the given people only, when `personIds` is set), with the engine's inputs. */
export async function gatherBatchLines(em: EntityManager, batchId: string, personIds?: readonly string[]): Promise<GatheredLine[]> {
  const rows: LineRow[] = await em.query(
    `SELECT l.id AS line_id, ${LINE_INPUTS}
       FROM payout_line l JOIN time_report tr ON tr.id = l.time_report_id ${LINE_JOINS}
      WHERE l.batch_id = $1 AND l.state = 'pending' ${personIds ? 'AND l.person_id = ANY($2::uuid[])' : ''}
      ORDER BY l.activity_date, tr.id`,
    personIds ? [batchId, personIds] : [batchId],
  );
  return rows.map(toLine);
}

/** The people's facts the engine needs, and whether their payment details are complete (`ready`). */
export async function payeesOf(em: EntityManager, personIds: readonly string[]): Promise<Map<string, PayeeFacts & { ready: boolean }>> {
  const rows: Array<{ id: string; birth_date: string | null; tax_table_main_income: boolean; tax_table_percent: string | null; ready: boolean }> = await em.query(
    `SELECT id, birth_date::text AS birth_date, tax_table_main_income, tax_table_percent::text AS tax_table_percent,
            (birth_date IS NOT NULL AND personal_number_enc IS NOT NULL AND bank_account_enc IS NOT NULL) AS ready
       FROM person WHERE id = ANY($1::uuid[])`,
    [personIds],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ready: r.ready,
        birthYear: r.birth_date ? Number(r.birth_date.slice(0, 4)) : NaN,
        taxTableMainIncome: r.tax_table_main_income,
        taxTablePercent: r.tax_table_percent,
      },
    ]),
  );
}

/**
 * The year's earlier taxable pay of each person from the payer: approved batches (other than `exceptBatchId`)
 * with a payment date in `paymentDate`'s year. People without any are 0.
 */
export async function earlierTaxablePay(
  em: EntityManager,
  args: { payerCode: string; personIds: readonly string[]; paymentDate: string; exceptBatchId: string },
): Promise<Map<string, number>> {
  const year = args.paymentDate.slice(0, 4);
  const rows: Array<{ person_id: string; sum: string }> = await em.query(
    `SELECT pp.person_id, SUM(pp.taxable_pay_ore) AS sum FROM payout_person pp JOIN payout_batch b ON b.id = pp.batch_id
      WHERE b.payer_code = $1 AND b.state = 'approved' AND pp.person_id = ANY($2::uuid[]) AND b.id <> $3
        AND b.payment_date BETWEEN $4 AND $5
      GROUP BY pp.person_id`,
    [args.payerCode, args.personIds, args.exceptBatchId, `${year}-01-01`, `${year}-12-31`],
  );
  const out = new Map<string, number>(args.personIds.map((id) => [id, 0]));
  for (const r of rows) out.set(r.person_id, Number(r.sum));
  return out;
}

/**
 * The engine's inputs of the given people (their lines as gathered, facts and earlier pay: two queries), in the
 * order of `lines`. People whose payment details are incomplete are left out (`notReady`, in the same order).
 */
export async function personInputs(
  em: EntityManager,
  args: { payerCode: string; paymentDate: string; batchId: string; lines: readonly GatheredLine[] },
): Promise<{ inputs: PersonInput[]; notReady: string[] }> {
  const byPerson = groupByPerson(args.lines);
  const ids = [...byPerson.keys()];
  const payees = await payeesOf(em, ids);
  const ready = ids.filter((id) => payees.get(id)?.ready === true);
  const earlier = await earlierTaxablePay(em, { payerCode: args.payerCode, personIds: ready, paymentDate: args.paymentDate, exceptBatchId: args.batchId });
  return {
    inputs: ready.map((personId) => {
      const p = payees.get(personId)!;
      return {
        personId,
        payee: { birthYear: p.birthYear, taxTableMainIncome: p.taxTableMainIncome, taxTablePercent: p.taxTablePercent },
        earlierTaxablePayOre: earlier.get(personId) ?? 0,
        lines: byPerson.get(personId)!,
      };
    }),
    notReady: ids.filter((id) => payees.get(id)?.ready !== true),
  };
}

/** A person's computed figures as stored, with the lines they were computed from. */
export interface ComputedPerson {
  personId: string;
  inputsKey: string;
  calc: PersonCalculation;
  lines: readonly GatheredLine[];
}

/**
 * New people of a draft with their pending lines (`calc.lines[i]` for `lines[i]`): one statement per PERSON_CHUNK
 * people writes both their `payout_person` rows and their `payout_line` rows (a data-modifying WITH), so a caller
 * can compute the next people while PostgreSQL writes these. Returns the number of lines written.
 */
export async function insertNewPeople(em: EntityManager, batchId: string, paymentDate: string, people: readonly ComputedPerson[]): Promise<number> {
  let count = 0;
  for (const part of chunks(people, PERSON_CHUNK)) {
    const lines = part.flatMap((p) => p.lines.map((l, i) => ({ l, a: p.calc.lines[i] })));
    await em.query(
      `WITH lines AS (
         INSERT INTO payout_line (id, batch_id, time_report_id, person_id, activity_date, state, fee_ore, travel_ore, fee_rule, table_code, table_version)
         SELECT id, $1, tr, person, day::date, 'pending', fee, travel, rule, code, version
           FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::int[])
                AS t(id, tr, person, day, fee, travel, rule, code, version))
       ${PERSON_INSERT}`,
      [
        batchId,
        personRecords(part, paymentDate),
        lines.map(() => randomUUID()),
        lines.map((r) => r.l.timeReportId),
        lines.map((r) => r.l.personId),
        lines.map((r) => r.l.activityDate),
        lines.map((r) => r.a.feeOre),
        lines.map((r) => r.a.travelOre),
        lines.map((r) => r.a.feeRule),
        lines.map((r) => r.a.tableCode),
        lines.map((r) => r.a.tableVersion),
      ],
    );
    count += lines.length;
  }
  return count;
}

/** New amounts of lines already in a batch (after a recomputation), by line id. */
export async function updateLineAmounts(em: EntityManager, people: readonly ComputedPerson[]): Promise<void> {
  const rows = people.flatMap((p) => p.lines.map((l, i) => ({ id: l.lineId!, a: p.calc.lines[i] })));
  for (const part of chunks(rows, LINE_CHUNK)) {
    await em.query(
      `UPDATE payout_line l SET fee_ore = t.fee, travel_ore = t.travel, fee_rule = t.rule, table_code = t.code, table_version = t.version
         FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::int[]) AS t(id, fee, travel, rule, code, version)
        WHERE l.id = t.id
          AND (l.fee_ore, l.travel_ore, l.fee_rule, l.table_code, l.table_version) IS DISTINCT FROM (t.fee, t.travel, t.rule, t.code, t.version)`,
      [
        part.map((r) => r.id),
        part.map((r) => r.a.feeOre),
        part.map((r) => r.a.travelOre),
        part.map((r) => r.a.feeRule),
        part.map((r) => r.a.tableCode),
        part.map((r) => r.a.tableVersion),
      ],
    );
  }
}

/**
 * `INSERT INTO payout_person` from $1 (batch id) and $2 (a JSON array of personRecords): one JSON document per
 * statement, parsed once — much cheaper than an array of jsonb values for the calculations.
 */
const PERSON_INSERT = `INSERT INTO payout_person (batch_id, person_id, fees_ore, tax_free_travel_ore, tax_free_car_ore, taxable_travel_ore, taxable_pay_ore,
          contributions_ore, tax_withheld_ore, gross_ore, net_ore, cost_ore, earlier_taxable_pay_ore, contribution_category, agi_pay_field,
          calculation, inputs_key)
       SELECT $1, r.* FROM jsonb_to_recordset($2::jsonb) AS r(person_id uuid, fees_ore bigint, tax_free_travel_ore bigint, tax_free_car_ore bigint,
          taxable_travel_ore bigint, taxable_pay_ore bigint, contributions_ore bigint, tax_withheld_ore bigint, gross_ore bigint, net_ore bigint,
          cost_ore bigint, earlier_taxable_pay_ore bigint, contribution_category text, agi_pay_field text, calculation jsonb, inputs_key text)`;

/** People's rows for PERSON_INSERT: figures, the engine's calculations (for the payout slip) and the inputs key. */
function personRecords(people: readonly ComputedPerson[], paymentDate: string): string {
  return JSON.stringify(
    people.map(({ personId, inputsKey, calc }) => {
      const f = calc.figures;
      return {
        person_id: personId,
        fees_ore: f.feesOre,
        tax_free_travel_ore: f.taxFreeTravelOre,
        tax_free_car_ore: f.taxFreeCarOre,
        taxable_travel_ore: f.taxableTravelOre,
        taxable_pay_ore: f.taxablePayOre,
        contributions_ore: f.contributionsOre,
        tax_withheld_ore: f.taxWithheldOre,
        gross_ore: f.grossOre,
        net_ore: f.netOre,
        cost_ore: f.costOre,
        earlier_taxable_pay_ore: f.earlierTaxablePayOre,
        contribution_category: f.contributionCategory,
        agi_pay_field: f.agiPayField,
        calculation: { paymentDate, calculations: calc.calculations },
        inputs_key: inputsKey,
      };
    }),
  );
}

/** Replaces people's figures in a batch (after a recomputation; a person without a row gets one). */
export async function writePersons(em: EntityManager, batchId: string, paymentDate: string, people: readonly ComputedPerson[]): Promise<void> {
  for (const part of chunks(people, PERSON_CHUNK)) {
    await em.query(
      `${PERSON_INSERT}
       ON CONFLICT (batch_id, person_id) DO UPDATE SET fees_ore = EXCLUDED.fees_ore, tax_free_travel_ore = EXCLUDED.tax_free_travel_ore,
          tax_free_car_ore = EXCLUDED.tax_free_car_ore, taxable_travel_ore = EXCLUDED.taxable_travel_ore, taxable_pay_ore = EXCLUDED.taxable_pay_ore,
          contributions_ore = EXCLUDED.contributions_ore, tax_withheld_ore = EXCLUDED.tax_withheld_ore, gross_ore = EXCLUDED.gross_ore,
          net_ore = EXCLUDED.net_ore, cost_ore = EXCLUDED.cost_ore, earlier_taxable_pay_ore = EXCLUDED.earlier_taxable_pay_ore,
          contribution_category = EXCLUDED.contribution_category, agi_pay_field = EXCLUDED.agi_pay_field, calculation = EXCLUDED.calculation,
          inputs_key = EXCLUDED.inputs_key`,
      [batchId, personRecords(part, paymentDate)],
    );
  }
}

/** Removes people from a batch (their figures), e.g. once their last pending line is held. */
export async function deletePersons(em: EntityManager, batchId: string, personIds: readonly string[]): Promise<void> {
  if (personIds.length) await em.query(`DELETE FROM payout_person WHERE batch_id = $1 AND person_id = ANY($2::uuid[])`, [batchId, personIds]);
}

/** The stored figures and inputs keys of a batch's people (of the given people only, when `personIds` is set). */
export async function storedPersons(
  em: EntityManager,
  batchId: string,
  personIds?: readonly string[],
): Promise<Map<string, { figures: PersonFigures; inputsKey: string | null }>> {
  const rows: Array<Record<string, unknown>> = await em.query(
    `SELECT person_id, fees_ore, tax_free_travel_ore, tax_free_car_ore, taxable_travel_ore, taxable_pay_ore, contributions_ore, tax_withheld_ore,
            gross_ore, net_ore, cost_ore, earlier_taxable_pay_ore, contribution_category, agi_pay_field, inputs_key
       FROM payout_person WHERE batch_id = $1 ${personIds ? 'AND person_id = ANY($2::uuid[])' : ''}`,
    personIds ? [batchId, personIds] : [batchId],
  );
  return new Map(rows.map((r) => [r.person_id as string, { figures: personFiguresFromRow(r), inputsKey: (r.inputs_key as string | null) ?? null }]));
}

/**
 * Approval freezes what is paid: each person's personnummer and bank account (ciphertext copied as it is, never
 * decrypted here) go into `payout_payee`; the bank file, the AGI and the slip read only these. A later change of
 * details applies to later runs. The database refuses the approval row without them, and any change of them or of an
 * approved batch's people afterwards (migration 1764800000000-payout-snapshot). One statement for the whole batch.
 */
export async function freezePayeeDetails(em: EntityManager, batchId: string): Promise<void> {
  await em.query(
    `INSERT INTO payout_payee (batch_id, person_id, personal_number_enc, bank_account_enc)
     SELECT pp.batch_id, pp.person_id, p.personal_number_enc, p.bank_account_enc
       FROM payout_person pp JOIN person p ON p.id = pp.person_id WHERE pp.batch_id = $1`,
    [batchId],
  );
}

/** Marks every pending line of a batch paid (one statement; the database refuses it unless the approval row exists). */
export async function markLinesPaid(em: EntityManager, batchId: string): Promise<void> {
  await em.query(`UPDATE payout_line SET state = 'paid' WHERE batch_id = $1 AND state = 'pending'`, [batchId]);
}
