import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { FeeInputError, RateTable } from '../fees';
import { listPayers, rateTablesFor } from './payers';
import { sameFigures } from './payout-calculation';
import { calculatePeople, calculationInputsKey, chunks, PersonOutcome, rateTablesKey } from './payout-compute';
import {
  ComputedPerson,
  deletePersons,
  gatherBatchLines,
  gatherCandidateLines,
  insertNewPeople,
  freezePayeeDetails,
  markLinesPaid,
  PERSON_CHUNK,
  personInputs,
  storedPersons,
  updateLineAmounts,
  writePersons,
} from './payout-store';
import { PayoutBatch, SkippedPerson } from './payout.entity';
import { changedDetailsMessage, takeChangedPayeeDetails } from './payee-details';
import { lastEndedPeriod, parsePeriod } from './period';
import { periodOpenMessage } from '../../workflows/payout-period';
import type { PayoutBatchSummary } from '../../workflows/payout-run.messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

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
    public readonly code: 'not-found' | 'not-draft' | 'recomputed' | 'nothing-to-pay' | 'line-not-pending' | 'period-open' | 'details-changed',
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
 *
 * Set-based, whatever the size: one query gathers the lines with the engine's inputs, one each the people and the
 * year's earlier pay; the engine computes everyone in memory; lines and people are written in bulk.
 */
export async function draftBatch(
  ds: DataSource,
  args: { payerCode: string; period: string; workflowId: string; today: string; auditKey: string; supplement?: number },
): Promise<BatchSummary> {
  const period = parsePeriod(args.period);
  if (!period) throw new PayoutRefusal('Perioden är ogiltig.', 'not-found');
  const supplement = args.supplement ?? 0;
  return ds.transaction(async (em) => {
    await lockPayer(em, args.payerCode);
    const existing = await em.getRepository(PayoutBatch).findOneBy({ payerCode: args.payerCode, period: args.period, supplement });
    if (existing) return summarise(em, existing.id);
    // A run covers a closed period (issue 13 #3): the workflow waits for it, the API refuses earlier.
    if (args.today <= period.end) throw new PayoutRefusal(periodOpenMessage(args.period), 'period-open');
    if (supplement > 0) {
      // The period's earlier run must be closed (approved, cancelled or empty); the database checks the same.
      const before: Array<{ state: string }> = await em.query(`SELECT state FROM payout_batch WHERE payer_code = $1 AND period = $2 AND supplement = $3`, [
        args.payerCode,
        args.period,
        supplement - 1,
      ]);
      if (!before[0] || before[0].state === 'draft') {
        throw new PayoutRefusal('Periodens tidigare utbetalningsomgång är inte avslutad: en kompletteringsomgång kan inte göras ännu.', 'not-draft');
      }
    }

    const batchId = randomUUID();
    await em.query(
      `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for, supplement) VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7)`,
      [batchId, args.payerCode, args.period, args.workflowId, period.end, args.today, supplement],
    );
    // The ordinary run takes every unpaid attested line up to the period's end (earlier periods' held and released
    // lines too); a supplementary run exactly the period's own lines that are in no pending or paid line.
    const candidates = await gatherCandidateLines(em, args.payerCode, period.end, supplement > 0 ? period.start : undefined);
    const { inputs, notReady } = await personInputs(em, { payerCode: args.payerCode, paymentDate: args.today, batchId, lines: candidates });
    const skipped: SkippedPerson[] = notReady.map((personId) => ({
      personId,
      reason: 'Personnummer, födelsedatum eller bankkonto saknas: raderna väntar till en senare utbetalning.',
    }));
    const tables = await rateTablesFor(em, args.payerCode);
    const tablesKey = rateTablesKey(tables);
    // PERSON_CHUNK people at a time: while PostgreSQL writes one chunk (one statement), the engine computes the next.
    let lineCount = 0;
    let writing: Promise<number> | undefined;
    for (const people of chunks(inputs, PERSON_CHUNK)) {
      const computed: ComputedPerson[] = [];
      for (const o of calculatePeople({ payerCode: args.payerCode, paymentDate: args.today, tables, tablesKey, people })) {
        if ('error' in o) skipped.push({ personId: o.personId, reason: `Ersättningen kan inte beräknas: ${o.error.message}` });
        else computed.push({ personId: o.personId, inputsKey: o.inputsKey, calc: o.calc, lines: o.input.lines });
      }
      if (writing) {
        const written = await writing;
        lineCount += written;
      }
      writing = insertNewPeople(em, batchId, args.today, computed);
      writing.catch(() => undefined); // awaited below; never an unhandled rejection if the engine throws meanwhile
      await new Promise((resolve) => setImmediate(resolve)); // the statement is sent before the next computation
    }
    if (writing) {
      const written = await writing;
      lineCount += written;
    }
    await refreshTotals(em, batchId);
    await em.query(`UPDATE payout_batch SET skipped = $2::jsonb, state = $3, updated_at = now() WHERE id = $1`, [
      batchId,
      JSON.stringify(skipped),
      lineCount > 0 ? 'draft' : 'empty',
    ]);
    await audit(em, `system:${args.workflowId}`, 'payout.drafted', batchId, args.auditKey, {
      payerCode: args.payerCode,
      period: args.period,
      ...(supplement > 0 ? { supplement } : {}),
      skipped: skipped.length,
    });
    return summarise(em, batchId);
  });
}

/**
 * Finance holds back one line (with a reason): it leaves this batch and returns to the next run. A line that is
 * not in this batch (or no longer pending) is refused with a Swedish message.
 */
export async function holdLine(
  ds: DataSource,
  args: { batchId: string; lineId: string; reason: string; userId: string; auditKey: string },
): Promise<BatchSummary> {
  return ds.transaction(async (em) => {
    const batch = await lockBatch(em, args.batchId);
    const rows: Array<{ state: string; person_id: string }> = isUuid(args.lineId)
      ? await em.query(`SELECT state, person_id FROM payout_line WHERE id = $1 AND batch_id = $2`, [args.lineId, args.batchId])
      : [];
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
    await recomputePeople(em, batch, [line.person_id], batch.computedFor, await rateTablesFor(em, batch.payerCode));
    await refreshTotals(em, batch.id);
    await audit(em, args.userId, 'payout.line-held', batch.id, args.auditKey, { lineId: args.lineId, reason: args.reason });
    return summarise(em, batch.id);
  });
}

export type ApprovalOutcome = { outcome: 'approved' | 'already-approved'; summary: BatchSummary } | { outcome: 'recomputed'; summary: BatchSummary };

/**
 * Makes a draft batch final. The figures must be those of the payment date (today) and the year's payouts as
 * approved by now: when the draft was computed for another day, or when any person's inputs (their facts, the
 * year's earlier pay from this payer — changed by another approval —, a line's figures, the rate tables) no longer
 * give the key stored with their figures, everyone is computed again and stored; if any money changed, the answer
 * is `recomputed` (finance must look again) and nothing is approved. Otherwise the approval row (one per batch) is
 * written and the lines are marked paid with one statement, from the stored figures, in one transaction.
 * Approving an approved batch answers `already-approved` with the first approval. When someone's payment details
 * changed since the draft (finance never saw them), nothing is approved: the draft is marked (a warning) and the
 * refusal `details-changed` names them; the database refuses to freeze details the draft was not made with.
 */
export async function approveBatch(ds: DataSource, args: { batchId: string; userId: string; today: string; auditKey: string }): Promise<ApprovalOutcome> {
  const r = await ds.transaction(async (em): Promise<ApprovalOutcome | { outcome: 'details-changed'; names: string[] }> => {
    const batch = await lockBatch(em, args.batchId);
    if (batch.state === 'approved') return { outcome: 'already-approved', summary: await summarise(em, batch.id) };
    if (batch.state !== 'draft') throw new PayoutRefusal('Utbetalningen är avbruten och kan inte godkännas.', 'not-draft');
    // Payment details changed since the draft: finance has not seen them (review finding 4). Kept as seen now, shown
    // as a warning on the draft, and refused this time (a new updated_at makes the next click a new approval).
    const changedDetails = await takeChangedPayeeDetails(em, batch.id);
    if (changedDetails.length > 0) {
      await em.query(`UPDATE payout_batch SET updated_at = now() WHERE id = $1`, [batch.id]);
      await audit(em, args.userId, 'payout.payee-details-changed', batch.id, `${args.auditKey}:details-changed:${randomUUID()}`, {
        personIds: changedDetails.map((c) => c.personId),
      });
      return { outcome: 'details-changed', names: changedDetails.map((c) => c.name) };
    }

    const tables = await rateTablesFor(em, batch.payerCode);
    const lines = await gatherBatchLines(em, batch.id);
    if (lines.length === 0) throw new PayoutRefusal('Alla rader är innehållna: det finns inget att betala. Avbryt omgången i stället.', 'nothing-to-pay');
    const { inputs, notReady } = await personInputs(em, { payerCode: batch.payerCode, paymentDate: args.today, batchId: batch.id, lines });
    const stored = await storedPersons(em, batch.id);
    const tablesKey = rateTablesKey(tables);
    const unchanged =
      batch.computedFor === args.today &&
      notReady.length === 0 &&
      stored.size === inputs.length &&
      inputs.every(
        (input) => stored.get(input.personId)?.inputsKey === calculationInputsKey({ payerCode: batch.payerCode, paymentDate: args.today, tablesKey, input }),
      );
    if (!unchanged) {
      // Something the figures depend on may have changed: compute everyone again (the same engine, in memory).
      if (notReady.length > 0) throw new FeeInputError('Personnummer, födelsedatum eller bankkonto saknas för någon i utbetalningen.', 'payee');
      const after = computeOrThrow(calculatePeople({ payerCode: batch.payerCode, paymentDate: args.today, tables, tablesKey, people: inputs }));
      const changed = after.some((p) => {
        const before = stored.get(p.personId);
        return !before || !sameFigures(before.figures, p.calc.figures);
      });
      await storeRecomputed(em, batch.id, args.today, after, [...stored.keys()]);
      if (changed) {
        await em.query(`UPDATE payout_batch SET computed_for = $2, updated_at = now() WHERE id = $1`, [batch.id, args.today]);
        await refreshTotals(em, batch.id);
        return { outcome: 'recomputed', summary: await summarise(em, batch.id) };
      }
    }
    await refreshTotals(em, batch.id);
    await freezePayeeDetails(em, batch.id);
    const totals: Array<{ net_ore: string; line_count: number }> = await em.query(`SELECT net_ore, line_count FROM payout_batch WHERE id = $1`, [batch.id]);
    await em.query(`INSERT INTO payout_approval (batch_id, approved_by, payment_date, net_ore, line_count) VALUES ($1, $2, $3, $4, $5)`, [
      batch.id,
      args.userId,
      args.today,
      totals[0].net_ore,
      totals[0].line_count,
    ]);
    await markLinesPaid(em, batch.id);
    await em.query(
      `UPDATE payout_batch SET state = 'approved', payment_date = $2, computed_for = $2, approved_by = $3, approved_at = now(), updated_at = now() WHERE id = $1`,
      [batch.id, args.today, args.userId],
    );
    await audit(em, args.userId, 'payout.approved', batch.id, args.auditKey, { netOre: Number(totals[0].net_ore), lines: totals[0].line_count });
    return { outcome: 'approved', summary: await summarise(em, batch.id) };
  });
  if (r.outcome === 'details-changed') throw new PayoutRefusal(changedDetailsMessage(r.names), 'details-changed');
  return r;
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
                        AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE l.time_report_id = tr.id AND l.live))`,
      [payer.code, p.key, p.end],
    );
    if (rows.length > 0) out.push({ payerCode: payer.code, period: p.key });
  }
  return out;
}

export async function summarise(em: EntityManager, batchId: string): Promise<BatchSummary> {
  const b = await em.getRepository(PayoutBatch).findOneByOrFail({ id: batchId });
  const counts: Array<{ pending: number; held: number }> = await em.query(
    `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*) FILTER (WHERE state = 'held')::int AS held
       FROM payout_line WHERE batch_id = $1`,
    [batchId],
  );
  return {
    batchId: b.id,
    payerCode: b.payerCode,
    period: b.period,
    state: b.state,
    pendingLines: counts[0].pending,
    heldLines: counts[0].held,
    lineCount: b.lineCount,
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
 * Computes (or recomputes) people's figures in a batch from their pending lines, on `paymentDate`, with the year's
 * earlier taxable pay from approved batches of the same payer, and stores them (figures, line amounts). People
 * without pending lines left leave the batch. Throws FeeInputError when the engine cannot compute someone.
 */
async function recomputePeople(em: EntityManager, batch: PayoutBatch, personIds: readonly string[], paymentDate: string, tables: readonly RateTable[]): Promise<void> {
  const lines = await gatherBatchLines(em, batch.id, personIds);
  const { inputs, notReady } = await personInputs(em, { payerCode: batch.payerCode, paymentDate, batchId: batch.id, lines });
  if (notReady.length > 0) throw new FeeInputError('Personnummer, födelsedatum eller bankkonto saknas för någon i utbetalningen.', 'payee');
  const after = computeOrThrow(calculatePeople({ payerCode: batch.payerCode, paymentDate, tables, people: inputs }));
  await storeRecomputed(em, batch.id, paymentDate, after, personIds);
}

/** The people computed, or the first person's FeeInputError thrown. */
function computeOrThrow(outcomes: PersonOutcome[]): ComputedPerson[] {
  return outcomes.map((o) => {
    if ('error' in o) throw o.error;
    return { personId: o.personId, inputsKey: o.inputsKey, calc: o.calc, lines: o.input.lines };
  });
}

/** Stores recomputed people (figures and line amounts, in bulk); of `among`, those not computed leave the batch. */
async function storeRecomputed(em: EntityManager, batchId: string, paymentDate: string, people: readonly ComputedPerson[], among: readonly string[]): Promise<void> {
  const computed = new Set(people.map((p) => p.personId));
  await deletePersons(
    em,
    batchId,
    among.filter((id) => !computed.has(id)),
  );
  await writePersons(em, batchId, paymentDate, people);
  await updateLineAmounts(em, people);
}

/** The batch's counts and totals from its lines and people (one pass over each). */
async function refreshTotals(em: EntityManager, batchId: string): Promise<void> {
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

async function audit(em: EntityManager, actor: string, action: string, batchId: string, key: string, details: Record<string, unknown>) {
  await em
    .createQueryBuilder()
    .insert()
    .into(AuditEntry)
    .values({ actor, action, subjectType: 'payout_batch', subjectId: batchId, idempotencyKey: key, details } as QueryDeepPartialEntity<AuditEntry>)
    .orIgnore()
    .execute();
}
