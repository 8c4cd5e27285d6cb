import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { FeeInputError, RateTable } from '../fees';
import { listPayers, rateTablesFor } from './payers';
import { calculatePerson, PayableLine, PersonFigures, personFiguresFromRow, sameFigures } from './payout-calculation';
import { PayoutBatch, SkippedPerson } from './payout.entity';
import { lastEndedPeriod, parsePeriod } from './period';
import type { PayoutBatchSummary } from '../../workflows/payout-run.messages';

/**
 * The payout batches in PostgreSQL: drafting, holding a line, approving, cancelling. The payout-run workflow's
 * activities call these; each runs in one transaction under a per-payer advisory lock, and each is idempotent:
 * called again after a crash it finds its own earlier work and answers as the first call would have.
 * The database's unique indexes (payout_line_once, one batch per payer and period, one approval per batch) make
 * "paid at most once" hold even if this code were wrong.
 */

/** What the workflow learns of a batch (defined with the workflow's messages). */
export type BatchSummary = PayoutBatchSummary;

/** A business refusal (Swedish message): the activity turns it into a non-retryable failure. */
export class PayoutRefusal extends Error {
  constructor(
    message: string,
    public readonly code: 'not-found' | 'not-draft' | 'recomputed' | 'nothing-to-pay' | 'line-not-pending',
  ) {
    super(message);
    this.name = 'PayoutRefusal';
  }
}

const lockPayer = (em: EntityManager, payerCode: string) => em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`payout:${payerCode.toLowerCase()}`]);

/**
 * Creates the draft batch of a payer and period: every attested line of the payer up to the period's end that is
 * in no pending or paid line yet (held and released lines of earlier runs included), with each person's figures.
 * People without payment details, or whose figures cannot be computed, wait for a later run (listed in
 * `skipped`). If the batch exists already, it is returned as it is.
 */
export async function draftBatch(
  ds: DataSource,
  args: { payerCode: string; period: string; workflowId: string; today: string; auditKey: string },
): Promise<BatchSummary> {
  const period = parsePeriod(args.period);
  if (!period) throw new PayoutRefusal('Perioden är ogiltig.', 'not-found');
  return ds.transaction(async (em) => {
    await lockPayer(em, args.payerCode);
    const existing = await em.getRepository(PayoutBatch).findOneBy({ payerCode: args.payerCode, period: args.period });
    if (existing) return summarise(em, existing.id);

    const batchId = randomUUID();
    await em.query(
      `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for) VALUES ($1, $2, $3, $4, 'draft', $5, $6)`,
      [batchId, args.payerCode, args.period, args.workflowId, period.end, args.today],
    );
    const candidates: Array<{ id: string; person_id: string; activity_date: string }> = await em.query(
      `SELECT tr.id, tr.person_id, tr.activity_date::text AS activity_date FROM time_report tr
        WHERE tr.payer_code = $1 AND tr.state = 'attested' AND tr.activity_date <= $2
          AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE l.time_report_id = tr.id AND l.state IN ('pending','paid'))
        ORDER BY tr.activity_date, tr.id
        FOR UPDATE OF tr`,
      [args.payerCode, period.end],
    );
    const personIds = [...new Set(candidates.map((c) => c.person_id))];
    const details: Array<{ id: string; ready: boolean }> = await em.query(
      `SELECT id, (birth_date IS NOT NULL AND personal_number_enc IS NOT NULL AND bank_account_enc IS NOT NULL) AS ready
         FROM person WHERE id = ANY($1::uuid[])`,
      [personIds],
    );
    const ready = new Set(details.filter((d) => d.ready).map((d) => d.id));
    const skipped: SkippedPerson[] = personIds
      .filter((p) => !ready.has(p))
      .map((personId) => ({ personId, reason: 'Personnummer, födelsedatum eller bankkonto saknas: raderna väntar till en senare utbetalning.' }));

    for (const c of candidates.filter((c) => ready.has(c.person_id))) {
      await em.query(
        `INSERT INTO payout_line (id, batch_id, time_report_id, person_id, activity_date, state) VALUES ($1, $2, $3, $4, $5, 'pending')
         ON CONFLICT (time_report_id) WHERE state IN ('pending','paid') DO NOTHING`,
        [randomUUID(), batchId, c.id, c.person_id, c.activity_date],
      );
    }
    const tables = await rateTablesFor(em, args.payerCode);
    for (const personId of personIds.filter((p) => ready.has(p))) {
      try {
        await computePerson(em, batchId, args.payerCode, personId, args.today, tables);
      } catch (e) {
        if (!(e instanceof FeeInputError)) throw e;
        await em.query(`DELETE FROM payout_person WHERE batch_id = $1 AND person_id = $2`, [batchId, personId]);
        await em.query(`DELETE FROM payout_line WHERE batch_id = $1 AND person_id = $2`, [batchId, personId]);
        skipped.push({ personId, reason: `Ersättningen kan inte beräknas: ${e.message}` });
      }
    }
    await refreshTotals(em, batchId);
    const lines: Array<{ n: string }> = await em.query(`SELECT count(*) AS n FROM payout_line WHERE batch_id = $1`, [batchId]);
    await em.query(`UPDATE payout_batch SET skipped = $2::jsonb, state = $3, updated_at = now() WHERE id = $1`, [
      batchId,
      JSON.stringify(skipped),
      Number(lines[0].n) > 0 ? 'draft' : 'empty',
    ]);
    await audit(em, `system:${args.workflowId}`, 'payout.drafted', batchId, args.auditKey, { payerCode: args.payerCode, period: args.period, skipped: skipped.length });
    return summarise(em, batchId);
  });
}

/** Finance holds back one line (with a reason): it leaves this batch and returns to the next run. */
export async function holdLine(
  ds: DataSource,
  args: { batchId: string; lineId: string; reason: string; userId: string; auditKey: string },
): Promise<BatchSummary> {
  return ds.transaction(async (em) => {
    const batch = await lockBatch(em, args.batchId);
    const rows: Array<{ state: string; person_id: string }> = await em.query(`SELECT state, person_id FROM payout_line WHERE id = $1 AND batch_id = $2`, [
      args.lineId,
      args.batchId,
    ]);
    const line = rows[0];
    if (!line) throw new PayoutRefusal('Raden finns inte i denna utbetalning.', 'line-not-pending');
    if (line.state === 'held') return summarise(em, batch.id); // held already (a retried call)
    if (batch.state !== 'draft') throw new PayoutRefusal('Utbetalningen är inte längre ett utkast.', 'not-draft');
    if (line.state !== 'pending') throw new PayoutRefusal('Raden kan inte hållas inne.', 'line-not-pending');
    await em.query(`UPDATE payout_line SET state = 'held', hold_reason = $2, held_by = $3, held_at = now() WHERE id = $1`, [
      args.lineId,
      args.reason,
      args.userId,
    ]);
    await computePerson(em, batch.id, batch.payerCode, line.person_id, batch.computedFor, await rateTablesFor(em, batch.payerCode));
    await refreshTotals(em, batch.id);
    await audit(em, args.userId, 'payout.line-held', batch.id, args.auditKey, { lineId: args.lineId, reason: args.reason });
    return summarise(em, batch.id);
  });
}

export type ApprovalOutcome = { outcome: 'approved' | 'already-approved'; summary: BatchSummary } | { outcome: 'recomputed'; summary: BatchSummary };

/**
 * Makes a draft batch final: recomputes every person's figures with the real payment date and the year's payouts
 * approved meanwhile; if anything changed, stores the new figures and answers `recomputed` (finance must look
 * again). Otherwise writes the approval row (one per batch) and marks the lines paid, in one transaction.
 * Approving an approved batch answers `already-approved` with the first approval.
 */
export async function approveBatch(ds: DataSource, args: { batchId: string; userId: string; today: string; auditKey: string }): Promise<ApprovalOutcome> {
  return ds.transaction(async (em) => {
    const batch = await lockBatch(em, args.batchId);
    if (batch.state === 'approved') return { outcome: 'already-approved', summary: await summarise(em, batch.id) };
    if (batch.state !== 'draft') throw new PayoutRefusal('Utbetalningen är avbruten och kan inte godkännas.', 'not-draft');
    const persons: Array<{ person_id: string }> = await em.query(`SELECT DISTINCT person_id FROM payout_line WHERE batch_id = $1 AND state = 'pending'`, [
      batch.id,
    ]);
    if (persons.length === 0) throw new PayoutRefusal('Alla rader är innehållna: det finns inget att betala. Avbryt omgången i stället.', 'nothing-to-pay');

    const tables = await rateTablesFor(em, batch.payerCode);
    let changed = false;
    for (const { person_id } of persons) {
      const before = await storedFigures(em, batch.id, person_id);
      const after = await computePerson(em, batch.id, batch.payerCode, person_id, args.today, tables);
      if (!before || !after || !sameFigures(before, after)) changed = true;
    }
    if (changed) {
      await em.query(`UPDATE payout_batch SET computed_for = $2, updated_at = now() WHERE id = $1`, [batch.id, args.today]);
      await refreshTotals(em, batch.id);
      return { outcome: 'recomputed', summary: await summarise(em, batch.id) };
    }
    await refreshTotals(em, batch.id);
    const totals: Array<{ net_ore: string; line_count: number }> = await em.query(`SELECT net_ore, line_count FROM payout_batch WHERE id = $1`, [batch.id]);
    await em.query(`INSERT INTO payout_approval (batch_id, approved_by, payment_date, net_ore, line_count) VALUES ($1, $2, $3, $4, $5)`, [
      batch.id,
      args.userId,
      args.today,
      totals[0].net_ore,
      totals[0].line_count,
    ]);
    await em.query(`UPDATE payout_line SET state = 'paid' WHERE batch_id = $1 AND state = 'pending'`, [batch.id]);
    await em.query(
      `UPDATE payout_batch SET state = 'approved', payment_date = $2, computed_for = $2, approved_by = $3, approved_at = now(), updated_at = now() WHERE id = $1`,
      [batch.id, args.today, args.userId],
    );
    await audit(em, args.userId, 'payout.approved', batch.id, args.auditKey, { netOre: Number(totals[0].net_ore), lines: totals[0].line_count });
    return { outcome: 'approved', summary: await summarise(em, batch.id) };
  });
}

/** Finance rejects the whole draft, or its approval deadline passes: the batch is cancelled and its lines go to the next run. */
export async function cancelBatch(ds: DataSource, args: { batchId: string; reason: string; actor: string; auditKey: string }): Promise<BatchSummary> {
  return ds.transaction(async (em) => {
    const batch = await lockBatch(em, args.batchId);
    if (batch.state === 'cancelled' || batch.state === 'empty') return summarise(em, batch.id);
    if (batch.state === 'approved') throw new PayoutRefusal('Utbetalningen är redan godkänd och kan inte avbrytas.', 'not-draft');
    await em.query(`UPDATE payout_line SET state = 'released' WHERE batch_id = $1 AND state = 'pending'`, [batch.id]);
    await em.query(`UPDATE payout_batch SET state = 'cancelled', cancel_reason = $2, updated_at = now() WHERE id = $1`, [batch.id, args.reason]);
    await refreshTotals(em, batch.id);
    await audit(em, args.actor, 'payout.cancelled', batch.id, args.auditKey, { reason: args.reason });
    return summarise(em, batch.id);
  });
}

/**
 * The runs a scheduled tick on `today` should start: for each payer, the latest ended period of its payout
 * frequency, when it has no batch yet and there is something to pay up to its end.
 */
export async function dueRuns(ds: DataSource, today: string): Promise<Array<{ payerCode: string; period: string }>> {
  const out: Array<{ payerCode: string; period: string }> = [];
  for (const payer of await listPayers(ds.manager)) {
    const p = lastEndedPeriod(today, payer.payoutFrequency);
    const rows: unknown[] = await ds.query(
      `SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM payout_batch WHERE payer_code = $1 AND period = $2)
          AND EXISTS (SELECT 1 FROM time_report tr WHERE tr.payer_code = $1 AND tr.state = 'attested' AND tr.activity_date <= $3
                        AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE l.time_report_id = tr.id AND l.state IN ('pending','paid')))`,
      [payer.code, p.key, p.end],
    );
    if (rows.length > 0) out.push({ payerCode: payer.code, period: p.key });
  }
  return out;
}

export async function summarise(em: EntityManager, batchId: string): Promise<BatchSummary> {
  const b = await em.getRepository(PayoutBatch).findOneByOrFail({ id: batchId });
  const lines: Array<{ id: string; state: string }> = await em.query(
    `SELECT id, state FROM payout_line WHERE batch_id = $1 AND state IN ('pending','held') ORDER BY activity_date, id`,
    [batchId],
  );
  return {
    batchId: b.id,
    payerCode: b.payerCode,
    period: b.period,
    state: b.state,
    pendingLineIds: lines.filter((l) => l.state === 'pending').map((l) => l.id),
    heldLineIds: lines.filter((l) => l.state === 'held').map((l) => l.id),
    personCount: b.personCount,
    netOre: b.netOre,
    paymentDate: b.paymentDate,
    approvedBy: b.approvedBy,
    skipped: b.skipped.length,
  };
}

async function lockBatch(em: EntityManager, batchId: string): Promise<PayoutBatch> {
  const found = await em.getRepository(PayoutBatch).findOneBy({ id: batchId });
  if (!found) throw new PayoutRefusal('Utbetalningen finns inte.', 'not-found');
  await lockPayer(em, found.payerCode);
  return em.getRepository(PayoutBatch).findOneOrFail({ where: { id: batchId }, lock: { mode: 'pessimistic_write' } });
}

/**
 * Computes (or recomputes) one person's figures in a batch from their pending lines, on `paymentDate`, with the
 * year's earlier taxable pay from approved batches of the same payer. No pending lines left: the person leaves
 * the batch. Throws FeeInputError when the engine cannot compute (e.g. no rate table in force).
 */
async function computePerson(
  em: EntityManager,
  batchId: string,
  payerCode: string,
  personId: string,
  paymentDate: string,
  tables: readonly RateTable[],
): Promise<PersonFigures | null> {
  const rows: Array<{
    line_id: string;
    id: string;
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
  }> = await em.query(
    `SELECT l.id AS line_id, tr.id, tr.activity_date::text AS activity_date, tr.kind,
            tr.attested_duration_minutes AS minutes, tr.attested_travel_minutes AS travel,
            tr.attested_ticket_cost_ore AS ticket, tr.attested_other_travel_cost_ore AS other, tr.attested_car_km AS km,
            EXISTS (SELECT 1 FROM time_report_receipt r WHERE r.time_report_id = tr.id) AS has_receipt,
            a.fee_mode, a.employed_by_organisation AS employed
       FROM payout_line l JOIN time_report tr ON tr.id = l.time_report_id JOIN assignment a ON a.id = tr.assignment_id
      WHERE l.batch_id = $1 AND l.person_id = $2 AND l.state = 'pending'`,
    [batchId, personId],
  );
  if (rows.length === 0) {
    await em.query(`DELETE FROM payout_person WHERE batch_id = $1 AND person_id = $2`, [batchId, personId]);
    return null;
  }
  const people: Array<{ birth_date: string; tax_table_main_income: boolean; tax_table_percent: string | null }> = await em.query(
    `SELECT birth_date::text AS birth_date, tax_table_main_income, tax_table_percent::text AS tax_table_percent FROM person WHERE id = $1`,
    [personId],
  );
  const year = paymentDate.slice(0, 4);
  const earlier: Array<{ sum: string }> = await em.query(
    `SELECT COALESCE(SUM(pp.taxable_pay_ore), 0) AS sum FROM payout_person pp JOIN payout_batch b ON b.id = pp.batch_id
      WHERE b.payer_code = $1 AND b.state = 'approved' AND pp.person_id = $2 AND b.id <> $3
        AND b.payment_date BETWEEN $4 AND $5`,
    [payerCode, personId, batchId, `${year}-01-01`, `${year}-12-31`],
  );
  const calc = calculatePerson({
    payerCode,
    paymentDate,
    payee: {
      birthYear: Number(people[0].birth_date.slice(0, 4)),
      taxTableMainIncome: people[0].tax_table_main_income,
      taxTablePercent: people[0].tax_table_percent,
    },
    earlierTaxablePayOre: Number(earlier[0].sum),
    lines: rows.map((r) => ({
      timeReportId: r.id,
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
    })),
    tables,
  });
  const f = calc.figures;
  await em.query(
    `INSERT INTO payout_person (batch_id, person_id, fees_ore, tax_free_travel_ore, tax_free_car_ore, taxable_travel_ore, taxable_pay_ore,
        contributions_ore, tax_withheld_ore, gross_ore, net_ore, cost_ore, earlier_taxable_pay_ore, contribution_category, agi_pay_field, calculation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb)
     ON CONFLICT (batch_id, person_id) DO UPDATE SET fees_ore = EXCLUDED.fees_ore, tax_free_travel_ore = EXCLUDED.tax_free_travel_ore,
        tax_free_car_ore = EXCLUDED.tax_free_car_ore, taxable_travel_ore = EXCLUDED.taxable_travel_ore, taxable_pay_ore = EXCLUDED.taxable_pay_ore,
        contributions_ore = EXCLUDED.contributions_ore, tax_withheld_ore = EXCLUDED.tax_withheld_ore, gross_ore = EXCLUDED.gross_ore,
        net_ore = EXCLUDED.net_ore, cost_ore = EXCLUDED.cost_ore, earlier_taxable_pay_ore = EXCLUDED.earlier_taxable_pay_ore,
        contribution_category = EXCLUDED.contribution_category, agi_pay_field = EXCLUDED.agi_pay_field, calculation = EXCLUDED.calculation`,
    [
      batchId,
      personId,
      f.feesOre,
      f.taxFreeTravelOre,
      f.taxFreeCarOre,
      f.taxableTravelOre,
      f.taxablePayOre,
      f.contributionsOre,
      f.taxWithheldOre,
      f.grossOre,
      f.netOre,
      f.costOre,
      f.earlierTaxablePayOre,
      f.contributionCategory,
      f.agiPayField,
      JSON.stringify({ paymentDate, calculations: calc.calculations }),
    ],
  );
  for (const l of calc.lines) {
    const lineId = rows.find((r) => r.id === l.timeReportId)!.line_id;
    await em.query(`UPDATE payout_line SET fee_ore = $2, travel_ore = $3, fee_rule = $4, table_code = $5, table_version = $6 WHERE id = $1`, [
      lineId,
      l.feeOre,
      l.travelOre,
      l.feeRule,
      l.tableCode,
      l.tableVersion,
    ]);
  }
  return f;
}

async function storedFigures(em: EntityManager, batchId: string, personId: string): Promise<PersonFigures | null> {
  const rows: Array<Record<string, unknown>> = await em.query(`SELECT * FROM payout_person WHERE batch_id = $1 AND person_id = $2`, [batchId, personId]);
  return rows[0] ? personFiguresFromRow(rows[0]) : null;
}

async function refreshTotals(em: EntityManager, batchId: string): Promise<void> {
  await em.query(
    `UPDATE payout_batch b SET
       person_count = (SELECT count(*) FROM payout_person p WHERE p.batch_id = b.id),
       line_count = (SELECT count(*) FROM payout_line l WHERE l.batch_id = b.id AND l.state IN ('pending','paid')),
       held_count = (SELECT count(*) FROM payout_line l WHERE l.batch_id = b.id AND l.state = 'held'),
       fees_ore = t.fees, tax_free_travel_ore = t.tax_free, taxable_travel_ore = t.taxable_travel, contributions_ore = t.contributions,
       tax_withheld_ore = t.tax, gross_ore = t.gross, net_ore = t.net, cost_ore = t.cost, updated_at = now()
     FROM (SELECT COALESCE(SUM(fees_ore),0) AS fees, COALESCE(SUM(tax_free_travel_ore),0) AS tax_free,
                  COALESCE(SUM(taxable_travel_ore),0) AS taxable_travel, COALESCE(SUM(contributions_ore),0) AS contributions,
                  COALESCE(SUM(tax_withheld_ore),0) AS tax, COALESCE(SUM(gross_ore),0) AS gross, COALESCE(SUM(net_ore),0) AS net,
                  COALESCE(SUM(cost_ore),0) AS cost
             FROM payout_person WHERE batch_id = $1) t
     WHERE b.id = $1`,
    [batchId],
  );
}

async function audit(em: EntityManager, actor: string, action: string, batchId: string, key: string, details: Record<string, unknown>) {
  await em
    .createQueryBuilder()
    .insert()
    .into(AuditEntry)
    .values({ actor, action, subjectType: 'payout_batch', subjectId: batchId, idempotencyKey: key, details } as QueryDeepPartialEntity<AuditEntry>)
    .orIgnore()
    .execute();
}
