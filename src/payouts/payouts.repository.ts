import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PayableLine, PayeeFacts, PersonCalculation, PersonFigures } from './payout-calculation';
import { personFiguresFromRow } from './payout-calculation';
import { chunks, GatheredLine, groupByPerson, PersonInput } from './payout-compute';
import { PayoutBatch, PayoutPerson, SkippedPerson } from './payout.entity';


/** The sums of a year summary (payout_person pp). */
const YEAR_SUMS = `SUM(pp.fees_ore) AS fees, SUM(pp.tax_free_travel_ore) AS tax_free_travel, SUM(pp.taxable_travel_ore) AS taxable_travel,
  SUM(pp.taxable_pay_ore) AS taxable_pay, SUM(pp.contributions_ore) AS contributions, SUM(pp.tax_withheld_ore) AS tax,
  SUM(pp.net_ore) AS net, SUM(pp.cost_ore) AS cost, count(*) AS payouts,
  string_agg(DISTINCT to_char(b.payment_date, 'YYYY-MM'), ',' ORDER BY to_char(b.payment_date, 'YYYY-MM')) AS agi_periods`;

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
 * `LINE_JOINS` (the activity, left-joined: older reports have none). `reported`: the figures as reported instead (a
 * preview of what attesting them as reported pays).
 */
const lineInputs = (figures: 'attested' | 'reported') => {
  const f = (column: string) => (figures === 'attested' ? `tr.attested_${column}` : `tr.${column}`);
  return `tr.id AS time_report_id, tr.person_id, tr.activity_date::text AS activity_date,
       CASE WHEN ga.id IS NULL THEN tr.kind WHEN ga.kind = 'other-work' THEN 'meeting' ELSE ga.kind END AS kind,
       ga.fee_rule, tr.activity_id, tr.activity_per_day,
       ${f('duration_minutes')} AS minutes, ${f('travel_minutes')} AS travel,
       ${f('ticket_cost_ore')} AS ticket, ${f('other_travel_cost_ore')} AS other, ${f('car_km')} AS km,
       EXISTS (SELECT 1 FROM time_report_receipt r WHERE r.time_report_id = tr.id) AS has_receipt,
       a.fee_mode, a.employed_by_organisation AS employed`;
};
const LINE_INPUTS = lineInputs('attested');
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

/** A person's computed figures as stored, with the lines they were computed from. */
export interface ComputedPerson {
  personId: string;
  inputsKey: string;
  calc: PersonCalculation;
  lines: readonly GatheredLine[];
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

/**
 * The payout tables (issue 15 #1: the only SQL of payouts). The payout-run store is set-based: a batch's lines and
 * people are read with one query each and written with a few bulk statements (`unnest` of arrays, in chunks),
 * whatever the batch's size. Methods taking an EntityManager run on it (the caller's transaction and locks); the
 * others run on their own. A Nest provider for the API, built from the DataSource by payout-batches.ts, the payout
 * slips and the worker's activities (and the payout-run benchmark's floor).
 */
@Injectable()
export class PayoutsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  // --- the payout run's lines and people ---------------------------------------------------------------------------

  /**
   * Every attested line of the payer up to `periodEnd` (and from `periodStart`, when given: a supplementary run) that
   * is in no pending or paid payout line (held and released lines of earlier runs included), locked (FOR UPDATE) until
   * the transaction ends; ordered by activity date and report id.
   */
  async gatherCandidateLines(em: EntityManager, payerCode: string, periodEnd: string, periodStart?: string): Promise<GatheredLine[]> {
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
  async gatherBatchLines(em: EntityManager, batchId: string, personIds?: readonly string[]): Promise<GatheredLine[]> {
    const rows: LineRow[] = await em.query(
      `SELECT l.id AS line_id, ${LINE_INPUTS}
         FROM payout_line l JOIN time_report tr ON tr.id = l.time_report_id ${LINE_JOINS}
        WHERE l.batch_id = $1 AND l.state = 'pending' ${personIds ? 'AND l.person_id = ANY($2::uuid[])' : ''}
        ORDER BY l.activity_date, tr.id`,
      personIds ? [batchId, personIds] : [batchId],
    );
    return rows.map(toLine);
  }

  /**
   * A submitted time report as the engine's line if it were attested as reported (issue 17 #6: the attest card shows
   * what confirming it pays), with its payer, person and the person's name; undefined when there is no such report.
   */
  async reportAsReportedLine(reportId: string): Promise<(GatheredLine & { payerCode: string; personName: string }) | undefined> {
    const rows: Array<LineRow & { payer_code: string; full_name: string }> = await this.ds.query(
      `SELECT NULL AS line_id, ${lineInputs('reported')}, tr.payer_code, p.full_name
         FROM time_report tr ${LINE_JOINS} JOIN person p ON p.id = tr.person_id
        WHERE tr.id = $1`,
      [reportId],
    );
    const r = rows[0];
    return r ? { ...toLine(r), payerCode: r.payer_code, personName: r.full_name } : undefined;
  }

  /**
   * The people's facts the engine needs (with their tax status and the payer's F-skatt policy, issue 16 #5), and
   * whether their payment details are complete (`ready`).
   */
  async payeesOf(em: EntityManager, personIds: readonly string[], payerCode?: string): Promise<Map<string, PayeeFacts & { ready: boolean }>> {
    const rows: Array<{
      id: string;
      birth_date: string | null;
      tax_table_main_income: boolean;
      tax_table_percent: string | null;
      tax_status: 'none' | 'fa-skatt' | 'f-skatt';
      f_skatt_invoked: boolean;
      f_skatt_policy: 'refuse' | 'pay-without-deductions';
      ready: boolean;
    }> = await em.query(
      `SELECT p.id, p.birth_date::text AS birth_date, p.tax_table_main_income, p.tax_table_percent::text AS tax_table_percent,
              p.tax_status, (p.f_skatt_invoked_at IS NOT NULL) AS f_skatt_invoked, COALESCE(pb.f_skatt_policy, 'refuse') AS f_skatt_policy,
              (p.birth_date IS NOT NULL AND p.personal_number_enc IS NOT NULL AND p.bank_account_enc IS NOT NULL) AS ready
         FROM person p
         LEFT JOIN LATERAL (SELECT f_skatt_policy FROM paying_body WHERE code = $2 OR $2 = ANY(aliases) ORDER BY code = $2 DESC LIMIT 1) pb ON true
        WHERE p.id = ANY($1::uuid[])`,
      [personIds, payerCode ?? null],
    );
    return new Map(
      rows.map((r) => {
        return [
          r.id,
          {
            ready: r.ready,
            birthYear: r.birth_date ? Number(r.birth_date.slice(0, 4)) : NaN,
            taxTableMainIncome: r.tax_table_main_income,
            taxTablePercent: r.tax_table_percent,
            taxStatus: r.tax_status,
            fSkattInvoked: r.f_skatt_invoked,
            fSkattPolicy: r.f_skatt_policy,
          },
        ];
      }),
    );
  }

  /**
   * The year's earlier taxable pay of each person from the payer: approved batches (other than `exceptBatchId`)
   * with a payment date in `paymentDate`'s year (`year`), and the part of it in `paymentDate`'s calendar month
   * (`month`: the monthly cap of a reduction for young people is per payer and month, across all runs). People
   * without any are 0.
   */
  async earlierTaxablePay(
    em: EntityManager,
    args: { payerCode: string; personIds: readonly string[]; paymentDate: string; exceptBatchId: string },
  ): Promise<Map<string, { year: number; month: number }>> {
    const year = args.paymentDate.slice(0, 4);
    const month = args.paymentDate.slice(0, 7);
    const rows: Array<{ person_id: string; sum: string; month_sum: string }> = await em.query(
      `SELECT pp.person_id, SUM(pp.taxable_pay_ore) AS sum,
              COALESCE(SUM(pp.taxable_pay_ore) FILTER (WHERE to_char(b.payment_date, 'YYYY-MM') = $6), 0) AS month_sum
         FROM payout_person pp JOIN payout_batch b ON b.id = pp.batch_id
        WHERE b.payer_code = $1 AND b.state = 'approved' AND pp.person_id = ANY($2::uuid[]) AND b.id <> $3
          AND b.payment_date BETWEEN $4 AND $5
        GROUP BY pp.person_id`,
      [args.payerCode, args.personIds, args.exceptBatchId, `${year}-01-01`, `${year}-12-31`, month],
    );
    const out = new Map<string, { year: number; month: number }>(args.personIds.map((id) => [id, { year: 0, month: 0 }]));
    for (const r of rows) out.set(r.person_id, { year: Number(r.sum), month: Number(r.month_sum) });
    return out;
  }

  /**
   * The engine's inputs of the given people (their lines as gathered, facts and earlier pay: two queries), in the
   * order of `lines`. People whose payment details are incomplete are left out (`notReady`, in the same order).
   */
  async personInputs(
    em: EntityManager,
    args: { payerCode: string; paymentDate: string; batchId: string; lines: readonly GatheredLine[] },
  ): Promise<{ inputs: PersonInput[]; notReady: string[] }> {
    const byPerson = groupByPerson(args.lines);
    const ids = [...byPerson.keys()];
    const payees = await this.payeesOf(em, ids, args.payerCode);
    const ready = ids.filter((id) => payees.get(id)?.ready === true);
    const earlier = await this.earlierTaxablePay(em, { payerCode: args.payerCode, personIds: ready, paymentDate: args.paymentDate, exceptBatchId: args.batchId });
    return {
      inputs: ready.map((personId) => {
        const p = payees.get(personId)!;
        return {
          personId,
          payee: {
            birthYear: p.birthYear,
            taxTableMainIncome: p.taxTableMainIncome,
            taxTablePercent: p.taxTablePercent,
            taxStatus: p.taxStatus,
            fSkattInvoked: p.fSkattInvoked,
            fSkattPolicy: p.fSkattPolicy,
          },
          earlierTaxablePayOre: earlier.get(personId)?.year ?? 0,
          earlierMonthTaxablePayOre: earlier.get(personId)?.month ?? 0,
          lines: byPerson.get(personId)!,
        };
      }),
      notReady: ids.filter((id) => payees.get(id)?.ready !== true),
    };
  }

  /**
   * New people of a draft with their pending lines (`calc.lines[i]` for `lines[i]`): one statement per PERSON_CHUNK
   * people writes both their `payout_person` rows and their `payout_line` rows (a data-modifying WITH), so a caller
   * can compute the next people while PostgreSQL writes these. Returns the number of lines written.
   */
  async insertNewPeople(em: EntityManager, batchId: string, paymentDate: string, people: readonly ComputedPerson[]): Promise<number> {
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
  async updateLineAmounts(em: EntityManager, people: readonly ComputedPerson[]): Promise<void> {
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

  /** Replaces people's figures in a batch (after a recomputation; a person without a row gets one). */
  async writePersons(em: EntityManager, batchId: string, paymentDate: string, people: readonly ComputedPerson[]): Promise<void> {
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
  async deletePersons(em: EntityManager, batchId: string, personIds: readonly string[]): Promise<void> {
    if (personIds.length) await em.query(`DELETE FROM payout_person WHERE batch_id = $1 AND person_id = ANY($2::uuid[])`, [batchId, personIds]);
  }

  /** The stored figures and inputs keys of a batch's people (of the given people only, when `personIds` is set). */
  async storedPersons(
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
  async freezePayeeDetails(em: EntityManager, batchId: string): Promise<void> {
    await em.query(
      `INSERT INTO payout_payee (batch_id, person_id, personal_number_enc, bank_account_enc)
       SELECT pp.batch_id, pp.person_id, p.personal_number_enc, p.bank_account_enc
         FROM payout_person pp JOIN person p ON p.id = pp.person_id WHERE pp.batch_id = $1`,
      [batchId],
    );
  }

  /** Marks every pending line of a batch paid (one statement; the database refuses it unless the approval row exists). */
  async markLinesPaid(em: EntityManager, batchId: string): Promise<void> {
    await em.query(`UPDATE payout_line SET state = 'paid' WHERE batch_id = $1 AND state = 'pending'`, [batchId]);
  }
  /**
   * The people of a draft whose payment details (personnummer or bank account ciphertext) are no longer those the
   * draft was made with (`payout_person.details_fingerprint`, migration 1765600100000). Their fingerprint is brought
   * up to date and `details_changed_at` set, so the draft shows the warning and the next approval may go ahead once
   * finance has looked. Returns their ids and names (sorted by name). Never decrypts anything.
   */
  async takeChangedPayeeDetails(em: EntityManager, batchId: string): Promise<Array<{ personId: string; name: string }>> {
    const rows: Array<{ person_id: string; full_name: string }> = await em.query(
      `WITH changed AS (
         UPDATE payout_person pp SET details_fingerprint = payee_details_fingerprint(p.personal_number_enc, p.bank_account_enc), details_changed_at = now()
           FROM person p
          WHERE p.id = pp.person_id AND pp.batch_id = $1
            AND pp.details_fingerprint IS DISTINCT FROM payee_details_fingerprint(p.personal_number_enc, p.bank_account_enc)
         RETURNING pp.person_id, p.full_name)
       SELECT person_id, full_name FROM changed ORDER BY full_name, person_id`,
      [batchId],
    );
    return rows.map((r) => ({ personId: r.person_id, name: r.full_name }));
  }

  // --- the payout run's batches --------------------------------------------------------------------------------------

  /** Serialises every change of one payer's batches until the transaction ends. */
  async lockPayer(em: EntityManager, payerCode: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`payout:${payerCode.toLowerCase()}`]);
  }

  /** The batch of a payer, period and run number (0: the ordinary run). */
  findRun(em: EntityManager, payerCode: string, period: string, supplement: number): Promise<PayoutBatch | null> {
    return em.getRepository(PayoutBatch).findOneBy({ payerCode, period, supplement });
  }

  /** The state of one run of a payer and period, or null when it does not exist. */
  async runState(em: EntityManager, payerCode: string, period: string, supplement: number): Promise<string | null> {
    const rows: Array<{ state: string }> = await em.query(`SELECT state FROM payout_batch WHERE payer_code = $1 AND period = $2 AND supplement = $3`, [
      payerCode,
      period,
      supplement,
    ]);
    return rows[0]?.state ?? null;
  }

  async insertDraftBatch(
    em: EntityManager,
    b: { id: string; payerCode: string; period: string; workflowId: string; periodEnd: string; computedFor: string; supplement: number },
  ): Promise<void> {
    await em.query(
      `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for, supplement) VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7)`,
      [b.id, b.payerCode, b.period, b.workflowId, b.periodEnd, b.computedFor, b.supplement],
    );
  }

  /** The drafted batch's skipped people and its state (`draft`, or `empty` when it took no line). */
  async finishDraft(em: EntityManager, batchId: string, skipped: readonly SkippedPerson[], state: 'draft' | 'empty'): Promise<void> {
    await em.query(`UPDATE payout_batch SET skipped = $2::jsonb, state = $3, updated_at = now() WHERE id = $1`, [batchId, JSON.stringify(skipped), state]);
  }

  findBatchIn(em: EntityManager, batchId: string): Promise<PayoutBatch | null> {
    return em.getRepository(PayoutBatch).findOneBy({ id: batchId });
  }

  /** The batch's row, locked (FOR UPDATE) until the transaction ends. */
  lockBatchRow(em: EntityManager, batchId: string): Promise<PayoutBatch> {
    return em.getRepository(PayoutBatch).findOneOrFail({ where: { id: batchId }, lock: { mode: 'pessimistic_write' } });
  }

  /** A line of the batch (its state and person), or null when the batch has no such line. */
  async lineOf(em: EntityManager, batchId: string, lineId: string): Promise<{ state: string; personId: string } | null> {
    const rows: Array<{ state: string; person_id: string }> = await em.query(`SELECT state, person_id FROM payout_line WHERE id = $1 AND batch_id = $2`, [
      lineId,
      batchId,
    ]);
    return rows[0] ? { state: rows[0].state, personId: rows[0].person_id } : null;
  }

  async holdLine(em: EntityManager, lineId: string, reason: string, userId: string): Promise<void> {
    await em.query(`UPDATE payout_line SET state = 'held', hold_reason = $2, held_by = $3, held_at = now() WHERE id = $1`, [lineId, reason, userId]);
  }

  /** A new updated_at: the next approval click is a new approval (its update ID). */
  async touchBatch(em: EntityManager, batchId: string): Promise<void> {
    await em.query(`UPDATE payout_batch SET updated_at = now() WHERE id = $1`, [batchId]);
  }

  async setComputedFor(em: EntityManager, batchId: string, day: string): Promise<void> {
    await em.query(`UPDATE payout_batch SET computed_for = $2, updated_at = now() WHERE id = $1`, [batchId, day]);
  }

  /** The batch's stored net (öre, as PostgreSQL returns a bigint: a string) and line count. */
  async batchTotals(em: EntityManager, batchId: string): Promise<{ net_ore: string; line_count: number }> {
    const totals: Array<{ net_ore: string; line_count: number }> = await em.query(`SELECT net_ore, line_count FROM payout_batch WHERE id = $1`, [batchId]);
    return totals[0];
  }

  /** The approval row (one per batch; the database refuses a second and an approval without frozen details). */
  async insertApproval(em: EntityManager, a: { batchId: string; approvedBy: string; paymentDate: string; netOre: string; lineCount: number }): Promise<void> {
    await em.query(`INSERT INTO payout_approval (batch_id, approved_by, payment_date, net_ore, line_count) VALUES ($1, $2, $3, $4, $5)`, [
      a.batchId,
      a.approvedBy,
      a.paymentDate,
      a.netOre,
      a.lineCount,
    ]);
  }

  async markApproved(em: EntityManager, batchId: string, paymentDate: string, userId: string): Promise<void> {
    await em.query(
      `UPDATE payout_batch SET state = 'approved', payment_date = $2, computed_for = $2, approved_by = $3, approved_at = now(), updated_at = now() WHERE id = $1`,
      [batchId, paymentDate, userId],
    );
  }

  /** The batch's pending lines return to the next run. */
  async releasePendingLines(em: EntityManager, batchId: string): Promise<void> {
    await em.query(`UPDATE payout_line SET state = 'released' WHERE batch_id = $1 AND state = 'pending'`, [batchId]);
  }

  async markCancelled(em: EntityManager, batchId: string, reason: string): Promise<void> {
    await em.query(`UPDATE payout_batch SET state = 'cancelled', cancel_reason = $2, updated_at = now() WHERE id = $1`, [batchId, reason]);
  }

  /** Whether a payer's period has no batch yet and an attested line up to `periodEnd` is in no pending or paid line. */
  async runIsDue(payerCode: string, period: string, periodEnd: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM payout_batch WHERE payer_code = $1 AND period = $2)
          AND EXISTS (SELECT 1 FROM time_report tr WHERE tr.payer_code = $1 AND tr.state = 'attested' AND tr.activity_date <= $3
                        AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE l.time_report_id = tr.id AND l.live))`,
      [payerCode, period, periodEnd],
    );
    return rows.length > 0;
  }

  findBatchOrFail(em: EntityManager, batchId: string): Promise<PayoutBatch> {
    return em.getRepository(PayoutBatch).findOneByOrFail({ id: batchId });
  }

  /** How many of the batch's lines are pending and held. */
  async lineCounts(em: EntityManager, batchId: string): Promise<{ pending: number; held: number }> {
    const counts: Array<{ pending: number; held: number }> = await em.query(
      `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*) FILTER (WHERE state = 'held')::int AS held
         FROM payout_line WHERE batch_id = $1`,
      [batchId],
    );
    return counts[0];
  }

  /** The batch's counts and totals from its lines and people (one pass over each). */
  async refreshTotals(em: EntityManager, batchId: string): Promise<void> {
    await em.query(
      `UPDATE payout_batch b SET
         person_count = t.persons, line_count = c.live, held_count = c.held,
         fees_ore = t.fees, tax_free_travel_ore = t.tax_free, taxable_travel_ore = t.taxable_travel, contributions_ore = t.contributions,
         tax_withheld_ore = t.tax, gross_ore = t.gross, net_ore = t.net, cost_ore = t.cost, updated_at = now()
       FROM (SELECT count(*) AS persons, COALESCE(SUM(fees_ore),0) AS fees, COALESCE(SUM(tax_free_travel_ore),0) AS tax_free,
                    COALESCE(SUM(taxable_travel_ore),0) AS taxable_travel, COALESCE(SUM(contributions_ore),0) AS contributions,
                    COALESCE(SUM(tax_withheld_ore),0) AS tax, COALESCE(SUM(gross_ore),0) AS gross, COALESCE(SUM(net_ore),0) AS net,
                    COALESCE(SUM(cost_ore),0) AS cost
               FROM payout_person WHERE batch_id = $1) t,
            (SELECT count(*) FILTER (WHERE live) AS live, count(*) FILTER (WHERE state = 'held') AS held
               FROM payout_line WHERE batch_id = $1) c
       WHERE b.id = $1`,
      [batchId],
    );
  }

  // --- payout slips ----------------------------------------------------------------------------------------------------

  /** The ids of an approved batch's people in id order (`limit` from `offset`, or all). */
  async personIdsOfBatch(batchId: string, range?: { offset: number; limit: number }): Promise<string[]> {
    const rows: Array<{ person_id: string }> = await this.ds.query(
      `SELECT person_id FROM payout_person WHERE batch_id = $1 ORDER BY person_id ${range ? 'OFFSET $2 LIMIT $3' : ''}`,
      range ? [batchId, range.offset, range.limit] : [batchId],
    );
    return rows.map((r) => r.person_id);
  }

  findPerson(batchId: string, personId: string): Promise<PayoutPerson | null> {
    return this.ds.getRepository(PayoutPerson).findOneBy({ batchId, personId });
  }

  findPersonOrFail(batchId: string, personId: string): Promise<PayoutPerson> {
    return this.ds.getRepository(PayoutPerson).findOneByOrFail({ batchId, personId });
  }

  /** The person's name and the personnummer ciphertext frozen at the batch's approval (payout_payee), if any. */
  async frozenPayee(batchId: string, personId: string): Promise<{ full_name: string; personal_number_enc: string } | undefined> {
    const people: Array<{ full_name: string; personal_number_enc: string }> = await this.ds.query(
      `SELECT p.full_name, f.personal_number_enc FROM payout_payee f JOIN person p ON p.id = f.person_id WHERE f.batch_id = $1 AND f.person_id = $2`,
      [batchId, personId],
    );
    return people[0];
  }

  /** The payer's name and organisation number (for the slip). */
  async payerIdentity(code: string): Promise<{ name: string; organisationNumber: string | null } | null> {
    const payer: Array<{ name: string; organisation_number: string | null }> = await this.ds.query(
      `SELECT name, organisation_number FROM paying_body WHERE code = $1`,
      [code],
    );
    return payer[0] ? { name: payer[0].name, organisationNumber: payer[0].organisation_number } : null;
  }

  /** The reports paid to the person in the batch: kind, participation, group and day. */
  async paidReports(batchId: string, personId: string): Promise<Array<{ id: string; kind: string; participation: string; group_name: string; activity_date: string }>> {
    return this.ds.query(
      `SELECT tr.id, tr.kind, tr.participation, g.name AS group_name, tr.activity_date::text AS activity_date
         FROM payout_line l JOIN time_report tr ON tr.id = l.time_report_id JOIN working_group g ON g.id = tr.group_id
        WHERE l.batch_id = $1 AND l.person_id = $2 AND l.state = 'paid'`,
      [batchId, personId],
    );
  }

  async setSlipDocument(batchId: string, personId: string, documentId: string): Promise<void> {
    await this.ds.query(`UPDATE payout_person SET slip_document_id = $3 WHERE batch_id = $1 AND person_id = $2`, [batchId, personId, documentId]);
  }

  // --- reads for the API -------------------------------------------------------------------------------------------

  /** The payer of a batch (for the access rule), or null when there is no such batch. */
  async payerCodeOfBatch(batchId: string): Promise<string | null> {
    const rows: Array<{ payer_code: string }> = await this.ds.query(`SELECT payer_code FROM payout_batch WHERE id = $1`, [batchId]);
    return rows[0]?.payer_code ?? null;
  }

  findBatch(batchId: string): Promise<PayoutBatch | null> {
    return this.ds.getRepository(PayoutBatch).findOneBy({ id: batchId });
  }

  findRunOf(payerCode: string, period: string, supplement: number): Promise<PayoutBatch | null> {
    return this.ds.getRepository(PayoutBatch).findOneBy({ payerCode, period, supplement });
  }

  /** A payer's batches, latest period and run first. */
  batchesOfPayer(payerCode: string): Promise<PayoutBatch[]> {
    return this.ds.getRepository(PayoutBatch).find({ where: { payerCode }, order: { period: 'DESC', supplement: 'DESC', createdAt: 'DESC' } });
  }

  /** The latest run (highest number) of a payer's period, or undefined. */
  async latestRun(payerCode: string, period: string): Promise<{ supplement: number; state: string } | undefined> {
    const runs: Array<{ supplement: number; state: string }> = await this.ds.query(
      `SELECT supplement, state FROM payout_batch WHERE payer_code = $1 AND period = $2 ORDER BY supplement DESC LIMIT 1`,
      [payerCode, period],
    );
    return runs[0];
  }

  /**
   * The payer's attested time reports that no live payout line (pending or paid) takes yet — of the report, or of
   * another report of the person and activity (the same rule as supplementCandidates): finance's worklist.
   */
  waitingAttestedReports(payerCode: string): Promise<Array<{ activity_date: string; person_id: string }>> {
    return this.ds.query(
      `SELECT tr.activity_date::text AS activity_date, tr.person_id FROM time_report tr
        WHERE tr.payer_code = $1 AND tr.state = 'attested'
          AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE l.time_report_id = tr.id AND l.live)
          AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE tr.activity_id IS NOT NULL AND l.person_id = tr.person_id AND l.activity_id = tr.activity_id
                           AND l.live AND (NOT tr.activity_per_day OR l.activity_date = tr.activity_date))
        ORDER BY tr.activity_date`,
      [payerCode],
    );
  }

  /**
   * How many attested reports of the payer from `start` to `end` a supplementary run would take: in no pending or
   * paid line, and no other live line of the person and activity (per day for an agreement's own activity).
   */
  async supplementCandidates(payerCode: string, start: string, end: string): Promise<number> {
    const waiting: Array<{ n: number }> = await this.ds.query(
      `SELECT count(*)::int AS n FROM time_report tr
        WHERE tr.payer_code = $1 AND tr.state = 'attested' AND tr.activity_date BETWEEN $2 AND $3
          AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE l.time_report_id = tr.id AND l.live)
          AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE tr.activity_id IS NOT NULL AND l.person_id = tr.person_id AND l.activity_id = tr.activity_id
                           AND l.live AND (NOT tr.activity_per_day OR l.activity_date = tr.activity_date))`,
      [payerCode, start, end],
    );
    return waiting[0].n;
  }

  /**
   * The batch's people with their figures and names, and the payment details this run pays to (frozen at approval,
   * else the person's now: `paid_*_enc`) next to those the payer's latest earlier approved run froze (`prev_*`).
   * Ciphertexts only.
   */
  batchPeopleWithDetails(batchId: string): Promise<Array<Record<string, unknown>>> {
    return this.ds.query(
      `SELECT pp.*, p.full_name,
              COALESCE(f.bank_account_enc, p.bank_account_enc) AS paid_account_enc,
              COALESCE(f.personal_number_enc, p.personal_number_enc) AS paid_pn_enc,
              prev.bank_account_enc AS prev_account_enc, prev.personal_number_enc AS prev_pn_enc, prev.period AS prev_period
         FROM payout_person pp JOIN person p ON p.id = pp.person_id JOIN payout_batch b ON b.id = pp.batch_id
         LEFT JOIN payout_payee f ON f.batch_id = pp.batch_id AND f.person_id = pp.person_id
         LEFT JOIN LATERAL (
           SELECT q.bank_account_enc, q.personal_number_enc, ob.period FROM payout_payee q JOIN payout_batch ob ON ob.id = q.batch_id
            WHERE q.person_id = pp.person_id AND ob.payer_code = b.payer_code AND ob.state = 'approved' AND ob.id <> b.id
              AND ob.approved_at < COALESCE(b.approved_at, 'infinity'::timestamptz)
            ORDER BY ob.approved_at DESC LIMIT 1) prev ON true
        WHERE pp.batch_id = $1 ORDER BY p.full_name, pp.person_id`,
      [batchId],
    );
  }

  /** The batch's lines with the person's name, the group, the report's kind and minutes (meeting and travel). */
  batchLineRows(batchId: string): Promise<Array<Record<string, unknown>>> {
    return this.ds.query(
      `SELECT l.*, l.activity_date::text AS activity_day, p.full_name, g.name AS group_name, tr.kind,
              tr.attested_duration_minutes + tr.attested_travel_minutes AS minutes
         FROM payout_line l JOIN person p ON p.id = l.person_id JOIN time_report tr ON tr.id = l.time_report_id
         JOIN working_group g ON g.id = tr.group_id
        WHERE l.batch_id = $1 ORDER BY l.activity_date, p.full_name, l.id`,
      [batchId],
    );
  }

  /** The people of a batch without personnummer or bank account now (what an approval would freeze), by name. */
  personsLackingPaymentDetails(batchId: string): Promise<Array<{ full_name: string; no_personal_number: boolean; no_account: boolean }>> {
    return this.ds.query(
      `SELECT p.full_name, p.personal_number_enc IS NULL AS no_personal_number, p.bank_account_enc IS NULL AS no_account
         FROM payout_person pp JOIN person p ON p.id = pp.person_id
        WHERE pp.batch_id = $1 AND (p.personal_number_enc IS NULL OR p.bank_account_enc IS NULL)
        ORDER BY p.full_name, p.id`,
      [batchId],
    );
  }

  /**
   * Each person of an approved batch with something to pay: name, net, the account frozen at approval (ciphertext)
   * and the id of the person's first paid line (the payment's end-to-end id), by name.
   */
  painRows(batchId: string): Promise<Array<{ person_id: string; full_name: string; net_ore: string; bank_account_enc: string; first_line_id: string }>> {
    return this.ds.query(
      `SELECT pp.person_id, p.full_name, pp.net_ore, f.bank_account_enc,
              (SELECT min(l.id::text) FROM payout_line l WHERE l.batch_id = pp.batch_id AND l.person_id = pp.person_id AND l.state = 'paid') AS first_line_id
         FROM payout_person pp JOIN person p ON p.id = pp.person_id
         LEFT JOIN payout_payee f ON f.batch_id = pp.batch_id AND f.person_id = pp.person_id
        WHERE pp.batch_id = $1 AND pp.net_ore > 0 ORDER BY p.full_name, pp.person_id`,
      [batchId],
    );
  }

  /** Each person's net and the details frozen at approval (ciphertexts; null when missing), by name. */
  paymentRows(batchId: string): Promise<Array<{ person_id: string; net_ore: string; personal_number_enc: string; bank_account_enc: string }>> {
    return this.ds.query(
      `SELECT pp.person_id, pp.net_ore, f.personal_number_enc, f.bank_account_enc FROM payout_person pp JOIN person p ON p.id = pp.person_id
         LEFT JOIN payout_payee f ON f.batch_id = pp.batch_id AND f.person_id = pp.person_id
        WHERE pp.batch_id = $1 ORDER BY p.full_name, pp.person_id`,
      [batchId],
    );
  }

  /** Each person's figures and calculation with the personnummer frozen at approval (ciphertext), by name. */
  agiRows(batchId: string): Promise<Array<Record<string, string | null>>> {
    return this.ds.query(
      `SELECT pp.*, p.full_name, f.personal_number_enc FROM payout_person pp JOIN person p ON p.id = pp.person_id
         JOIN payout_payee f ON f.batch_id = pp.batch_id AND f.person_id = pp.person_id
        WHERE pp.batch_id = $1 ORDER BY p.full_name, pp.person_id`,
      [batchId],
    );
  }

  /** The months (`YYYY-MM`) of the year in which the payer's other approved batches reported the person's pay in field 131. */
  agiMonthsReportedIn131(a: { personId: string; payerCode: string; exceptBatchId: string; year: number }): Promise<Array<{ period: string }>> {
    return this.ds.query(
      `SELECT DISTINCT to_char(b.payment_date, 'YYYY-MM') AS period FROM payout_person pp JOIN payout_batch b ON b.id = pp.batch_id
        WHERE pp.person_id = $1 AND b.payer_code = $2 AND b.state = 'approved' AND pp.agi_pay_field = '131' AND b.id <> $3
          AND date_part('year', b.payment_date) = $4 ORDER BY 1`,
      [a.personId, a.payerCode, a.exceptBatchId, a.year],
    );
  }

  /** Per person, the sums of the payer's approved batches with payment dates from `from` to `to`, by name. */
  payerYearByPerson(payerCode: string, from: string, to: string): Promise<Array<Record<string, string>>> {
    return this.ds.query(
      `SELECT pp.person_id, p.full_name, ${YEAR_SUMS}
         FROM payout_person pp JOIN payout_batch b ON b.id = pp.batch_id JOIN person p ON p.id = pp.person_id
        WHERE b.payer_code = $1 AND b.state = 'approved' AND b.payment_date BETWEEN $2 AND $3
        GROUP BY pp.person_id, p.full_name ORDER BY p.full_name, pp.person_id`,
      [payerCode, from, to],
    );
  }

  /** Per payer (only `onlyPayer`, any letter case, when given), the sums of the person's approved payouts from `from` to `to`. */
  personYearByPayer(personId: string, from: string, to: string, onlyPayer: string | null): Promise<Array<Record<string, string>>> {
    return this.ds.query(
      `SELECT b.payer_code, (SELECT name FROM paying_body WHERE code = b.payer_code) AS payer_name, pp.person_id, ${YEAR_SUMS}
         FROM payout_person pp JOIN payout_batch b ON b.id = pp.batch_id
        WHERE pp.person_id = $1 AND b.state = 'approved' AND b.payment_date BETWEEN $2 AND $3
          AND ($4::text IS NULL OR upper(b.payer_code) = upper($4))
        GROUP BY b.payer_code, pp.person_id ORDER BY b.payer_code`,
      [personId, from, to, onlyPayer],
    );
  }

  /** The person's approved payouts from `from` to `to` (only `onlyPayer`'s when given), by payment date. */
  personPayouts(personId: string, from: string, to: string, onlyPayer: string | null): Promise<Array<Record<string, string>>> {
    return this.ds.query(
      `SELECT b.id, b.payer_code, (SELECT name FROM paying_body WHERE code = b.payer_code) AS payer_name, b.period,
              b.payment_date::text AS payment_date, pp.net_ore, pp.slip_document_id
         FROM payout_person pp JOIN payout_batch b ON b.id = pp.batch_id
        WHERE pp.person_id = $1 AND b.state = 'approved' AND b.payment_date BETWEEN $2 AND $3
          AND ($4::text IS NULL OR upper(b.payer_code) = upper($4))
        ORDER BY b.payment_date, b.id`,
      [personId, from, to, onlyPayer],
    );
  }
}
