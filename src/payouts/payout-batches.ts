import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log.repository';
import { FeeInputError, RateTable } from '../fees';
import { listPayers, rateTablesFor } from './payers';
import { sameFigures } from './payout-calculation';
import { calculatePeople, calculationInputsKey, chunks, PersonOutcome, rateTablesKey } from './payout-compute';
import { ComputedPerson, PayoutsRepository, PERSON_CHUNK } from './payouts.repository';
import { PayoutBatch, SkippedPerson } from './payout.entity';
import { changedDetailsMessage } from './payee-details';
import { lastEndedPeriod, parsePeriod } from './period';
import { periodOpenMessage } from '../../workflows/payout-period';
import type { PayoutBatchSummary } from '../../workflows/payout-run.messages';
import { isUuid } from '../common/uuid';


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
  const repo = new PayoutsRepository(ds);
  return ds.transaction(async (em) => {
    await repo.lockPayer(em, args.payerCode);
    const existing = await repo.findRun(em, args.payerCode, args.period, supplement);
    if (existing) return summarise(repo, em, existing.id);
    // A run covers a closed period (issue 13 #3): the workflow waits for it, the API refuses earlier.
    if (args.today <= period.end) throw new PayoutRefusal(periodOpenMessage(args.period), 'period-open');
    if (supplement > 0) {
      // The period's earlier run must be closed (approved, cancelled or empty); the database checks the same.
      const before = await repo.runState(em, args.payerCode, args.period, supplement - 1);
      if (before === null || before === 'draft') {
        throw new PayoutRefusal('Periodens tidigare utbetalningsomgång är inte avslutad: en kompletteringsomgång kan inte göras ännu.', 'not-draft');
      }
    }

    const batchId = randomUUID();
    await repo.insertDraftBatch(em, {
      id: batchId,
      payerCode: args.payerCode,
      period: args.period,
      workflowId: args.workflowId,
      periodEnd: period.end,
      computedFor: args.today,
      supplement,
    });
    // The ordinary run takes every unpaid attested line up to the period's end (earlier periods' held and released
    // lines too); a supplementary run exactly the period's own lines that are in no pending or paid line.
    const candidates = await repo.gatherCandidateLines(em, args.payerCode, period.end, supplement > 0 ? period.start : undefined);
    const { inputs, notReady } = await repo.personInputs(em, { payerCode: args.payerCode, paymentDate: args.today, batchId, lines: candidates });
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
      writing = repo.insertNewPeople(em, batchId, args.today, computed);
      writing.catch(() => undefined); // awaited below; never an unhandled rejection if the engine throws meanwhile
      await new Promise((resolve) => setImmediate(resolve)); // the statement is sent before the next computation
    }
    if (writing) {
      const written = await writing;
      lineCount += written;
    }
    await repo.refreshTotals(em, batchId);
    await repo.finishDraft(em, batchId, skipped, lineCount > 0 ? 'draft' : 'empty');
    await audit(em, `system:${args.workflowId}`, 'payout.drafted', batchId, args.auditKey, {
      payerCode: args.payerCode,
      period: args.period,
      ...(supplement > 0 ? { supplement } : {}),
      skipped: skipped.length,
    });
    return summarise(repo, em, batchId);
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
  const repo = new PayoutsRepository(ds);
  return ds.transaction(async (em) => {
    const batch = await lockBatch(repo, em, args.batchId);
    const line = isUuid(args.lineId) ? await repo.lineOf(em, args.batchId, args.lineId) : null;
    if (!line) throw new PayoutRefusal('Raden finns inte i denna utbetalning.', 'line-not-pending');
    if (line.state === 'held') return summarise(repo, em, batch.id); // held already (a retried call)
    if (batch.state !== 'draft') throw new PayoutRefusal('Utbetalningen är inte längre ett utkast.', 'not-draft');
    if (line.state !== 'pending') throw new PayoutRefusal('Raden kan inte hållas inne.', 'line-not-pending');
    await repo.holdLine(em, args.lineId, args.reason, args.userId);
    await recomputePeople(repo, em, batch, [line.personId], batch.computedFor, await rateTablesFor(em, batch.payerCode));
    await repo.refreshTotals(em, batch.id);
    await audit(em, args.userId, 'payout.line-held', batch.id, args.auditKey, { lineId: args.lineId, reason: args.reason });
    return summarise(repo, em, batch.id);
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
  const repo = new PayoutsRepository(ds);
  const r = await ds.transaction(async (em): Promise<ApprovalOutcome | { outcome: 'details-changed'; names: string[] }> => {
    const batch = await lockBatch(repo, em, args.batchId);
    if (batch.state === 'approved') return { outcome: 'already-approved', summary: await summarise(repo, em, batch.id) };
    if (batch.state !== 'draft') throw new PayoutRefusal('Utbetalningen är avbruten och kan inte godkännas.', 'not-draft');
    // Payment details changed since the draft: finance has not seen them (review finding 4). Kept as seen now, shown
    // as a warning on the draft, and refused this time (a new updated_at makes the next click a new approval).
    const changedDetails = await repo.takeChangedPayeeDetails(em, batch.id);
    if (changedDetails.length > 0) {
      await repo.touchBatch(em, batch.id);
      await audit(em, args.userId, 'payout.payee-details-changed', batch.id, `${args.auditKey}:details-changed:${randomUUID()}`, {
        personIds: changedDetails.map((c) => c.personId),
      });
      return { outcome: 'details-changed', names: changedDetails.map((c) => c.name) };
    }

    const tables = await rateTablesFor(em, batch.payerCode);
    const lines = await repo.gatherBatchLines(em, batch.id);
    if (lines.length === 0) throw new PayoutRefusal('Alla rader är innehållna: det finns inget att betala. Avbryt omgången i stället.', 'nothing-to-pay');
    const { inputs, notReady } = await repo.personInputs(em, { payerCode: batch.payerCode, paymentDate: args.today, batchId: batch.id, lines });
    const stored = await repo.storedPersons(em, batch.id);
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
      await storeRecomputed(repo, em, batch.id, args.today, after, [...stored.keys()]);
      if (changed) {
        await repo.setComputedFor(em, batch.id, args.today);
        await repo.refreshTotals(em, batch.id);
        return { outcome: 'recomputed', summary: await summarise(repo, em, batch.id) };
      }
    }
    await repo.refreshTotals(em, batch.id);
    await repo.freezePayeeDetails(em, batch.id);
    const totals = await repo.batchTotals(em, batch.id);
    await repo.insertApproval(em, { batchId: batch.id, approvedBy: args.userId, paymentDate: args.today, netOre: totals.net_ore, lineCount: totals.line_count });
    await repo.markLinesPaid(em, batch.id);
    await repo.markApproved(em, batch.id, args.today, args.userId);
    await audit(em, args.userId, 'payout.approved', batch.id, args.auditKey, { netOre: Number(totals.net_ore), lines: totals.line_count });
    return { outcome: 'approved', summary: await summarise(repo, em, batch.id) };
  });
  if (r.outcome === 'details-changed') throw new PayoutRefusal(changedDetailsMessage(r.names), 'details-changed');
  return r;
}

/** Finance rejects the whole draft, or its approval deadline passes: the batch is cancelled and its lines go to the next run. */
export async function cancelBatch(ds: DataSource, args: { batchId: string; reason: string; actor: string; auditKey: string }): Promise<BatchSummary> {
  const repo = new PayoutsRepository(ds);
  return ds.transaction(async (em) => {
    const batch = await lockBatch(repo, em, args.batchId);
    if (batch.state === 'cancelled' || batch.state === 'empty') return summarise(repo, em, batch.id);
    if (batch.state === 'approved') throw new PayoutRefusal('Utbetalningen är redan godkänd och kan inte avbrytas.', 'not-draft');
    await repo.releasePendingLines(em, batch.id);
    await repo.markCancelled(em, batch.id, args.reason);
    await repo.refreshTotals(em, batch.id);
    await audit(em, args.actor, 'payout.cancelled', batch.id, args.auditKey, { reason: args.reason });
    return summarise(repo, em, batch.id);
  });
}

/**
 * The runs a scheduled tick on `today` should start: for each payer, the latest ended period of its payout
 * frequency, when it has no batch yet and there is something to pay up to its end.
 */
export async function dueRuns(ds: DataSource, today: string): Promise<Array<{ payerCode: string; period: string }>> {
  const repo = new PayoutsRepository(ds);
  const out: Array<{ payerCode: string; period: string }> = [];
  for (const payer of await listPayers(ds.manager)) {
    const p = lastEndedPeriod(today, payer.payoutFrequency);
    if (await repo.runIsDue(payer.code, p.key, p.end)) out.push({ payerCode: payer.code, period: p.key });
  }
  return out;
}

export async function summarise(repo: PayoutsRepository, em: EntityManager, batchId: string): Promise<BatchSummary> {
  const b = await repo.findBatchOrFail(em, batchId);
  const counts = await repo.lineCounts(em, batchId);
  return {
    batchId: b.id,
    payerCode: b.payerCode,
    period: b.period,
    state: b.state,
    pendingLines: counts.pending,
    heldLines: counts.held,
    lineCount: b.lineCount,
    personCount: b.personCount,
    netOre: b.netOre,
    paymentDate: b.paymentDate,
    approvedBy: b.approvedBy,
    skipped: b.skipped.length,
  };
}

async function lockBatch(repo: PayoutsRepository, em: EntityManager, batchId: string): Promise<PayoutBatch> {
  const found = await repo.findBatchIn(em, batchId);
  if (!found) throw new PayoutRefusal('Utbetalningen finns inte.', 'not-found');
  await repo.lockPayer(em, found.payerCode);
  return repo.lockBatchRow(em, batchId);
}

/**
 * Computes (or recomputes) people's figures in a batch from their pending lines, on `paymentDate`, with the year's
 * earlier taxable pay from approved batches of the same payer, and stores them (figures, line amounts). People
 * without pending lines left leave the batch. Throws FeeInputError when the engine cannot compute someone.
 */
async function recomputePeople(
  repo: PayoutsRepository,
  em: EntityManager,
  batch: PayoutBatch,
  personIds: readonly string[],
  paymentDate: string,
  tables: readonly RateTable[],
): Promise<void> {
  const lines = await repo.gatherBatchLines(em, batch.id, personIds);
  const { inputs, notReady } = await repo.personInputs(em, { payerCode: batch.payerCode, paymentDate, batchId: batch.id, lines });
  if (notReady.length > 0) throw new FeeInputError('Personnummer, födelsedatum eller bankkonto saknas för någon i utbetalningen.', 'payee');
  const after = computeOrThrow(calculatePeople({ payerCode: batch.payerCode, paymentDate, tables, people: inputs }));
  await storeRecomputed(repo, em, batch.id, paymentDate, after, personIds);
}

/** The people computed, or the first person's FeeInputError thrown. */
function computeOrThrow(outcomes: PersonOutcome[]): ComputedPerson[] {
  return outcomes.map((o) => {
    if ('error' in o) throw o.error;
    return { personId: o.personId, inputsKey: o.inputsKey, calc: o.calc, lines: o.input.lines };
  });
}

/** Stores recomputed people (figures and line amounts, in bulk); of `among`, those not computed leave the batch. */
async function storeRecomputed(
  repo: PayoutsRepository,
  em: EntityManager,
  batchId: string,
  paymentDate: string,
  people: readonly ComputedPerson[],
  among: readonly string[],
): Promise<void> {
  const computed = new Set(people.map((p) => p.personId));
  await repo.deletePersons(
    em,
    batchId,
    among.filter((id) => !computed.has(id)),
  );
  await repo.writePersons(em, batchId, paymentDate, people);
  await repo.updateLineAmounts(em, people);
}

async function audit(em: EntityManager, actor: string, action: string, batchId: string, key: string, details: Record<string, unknown>) {
  await appendAudit(em, { actor, action, subjectType: 'payout_batch', subjectId: batchId, idempotencyKey: key, details });
}
