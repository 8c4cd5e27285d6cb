import { ApplicationFailure, Context } from '@temporalio/activity';
import { FeeInputError } from '../src/fees';
import { Mailer } from '../src/mail/mailer';
import { approveBatch, BatchSummary, cancelBatch, draftBatch, dueRuns, holdLine, PayoutRefusal } from '../src/payouts/payout-batches';
import { ensurePayoutSlip } from '../src/payouts/payout-slips';
import { TemplateDataError } from '../templates/pdf-layout';
import { endOfStockholmDay, stockholmDate, swedishDate } from '../src/time-reports/business-dates';
import { recordClaimReminders } from '../src/time-reports/claim-reminders';
import type { ActivityContext } from './deps';

/** Business refusals are final (no retry); everything else (database down, a deadlock) is retried. */
async function refusalsFinal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof PayoutRefusal) throw ApplicationFailure.nonRetryable(e.message, `PayoutRefusal.${e.code}`);
    if (e instanceof FeeInputError) throw ApplicationFailure.nonRetryable(e.message, 'FeeInputError');
    throw e;
  }
}

export function createPayoutActivities({ dataSource, logger, config, cipher, documents, repositories: { payouts } }: ActivityContext) {
  const mailer = new Mailer(dataSource, config, logger.child({ component: 'mail' }));
  const log = logger.child({ component: 'payout' });
  return {
    /**
     * Gathers the payer's attested, unpaid lines up to the period's end into a draft batch with each person's
     * figures (src/payouts/payout-batches.ts); a supplementary run (`supplement` ≥ 1) gathers the period's own lines
     * only. Idempotent: the batch is unique per payer, period and supplement, and a retry returns the batch the first
     * attempt made.
     */
    async draftPayoutBatch(args: { payerCode: string; period: string; workflowId: string; supplement?: number }): Promise<BatchSummary> {
      const summary = await refusalsFinal(() =>
        draftBatch(dataSource, { ...args, today: stockholmDate(new Date()), auditKey: `${args.workflowId}:drafted` }),
      );
      log.info({ batchId: summary.batchId, payerCode: args.payerCode, period: args.period, state: summary.state, lines: summary.pendingLines }, 'payout batch drafted');
      return summary;
    },

    /** Holds one line back (with finance's reason) and recomputes that person's figures. Idempotent: a held line stays held. */
    async holdPayoutLine(args: { batchId: string; lineId: string; reason: string; userId: string; idempotencyKey: string }): Promise<BatchSummary> {
      return refusalsFinal(() => holdLine(dataSource, { ...args, auditKey: args.idempotencyKey }));
    },

    /**
     * Approves the batch: one approval row per batch and the lines marked paid, in one transaction. If the figures
     * changed since the draft (another batch approved, a new year), they are stored anew and nothing is approved
     * (`recomputed`), so finance can look again. Idempotent: an approved batch answers with its first approval.
     */
    async approvePayoutBatch(args: { batchId: string; userId: string; idempotencyKey: string }): Promise<{ recomputed: boolean; summary: BatchSummary }> {
      const r = await refusalsFinal(() => approveBatch(dataSource, { ...args, today: stockholmDate(new Date()), auditKey: args.idempotencyKey }));
      log.info({ batchId: args.batchId, outcome: r.outcome }, 'payout batch approval');
      return { recomputed: r.outcome === 'recomputed', summary: r.summary };
    },

    /** Cancels a draft batch: its lines return to the next run. Idempotent. */
    async cancelPayoutBatch(args: { batchId: string; reason: string; actor: string; idempotencyKey: string }): Promise<BatchSummary> {
      return refusalsFinal(() => cancelBatch(dataSource, { ...args, auditKey: args.idempotencyKey }));
    },

    /**
     * Makes the payout slips of the people in an approved batch (src/documents, template payout-slip.sv), stored
     * as documents about the people: `limit` people from `offset` in person-id order (the people of an approved
     * batch are final, so the parts never overlap), or all of them when no range is given (histories from before
     * the slips were made in parts). Heartbeats after every slip. Idempotent: one document per batch and person,
     * whatever retries happen; a retry skips the slips made already. Answers how many slips the range holds.
     */
    async generatePayoutSlips(args: { batchId: string; workflowId: string; offset?: number; limit?: number }): Promise<number> {
      const ranged = Number.isInteger(args.offset) && Number.isInteger(args.limit);
      const persons = await payouts.personIdsOfBatch(args.batchId, ranged ? { offset: args.offset!, limit: args.limit! } : undefined);
      let done = 0;
      for (const personId of persons) {
        try {
          await ensurePayoutSlip(dataSource, documents, cipher, args.batchId, personId, `system:${args.workflowId}`);
        } catch (e) {
          if (e instanceof TemplateDataError) throw ApplicationFailure.nonRetryable(e.message, 'TemplateDataError');
          throw e;
        }
        Context.current().heartbeat(++done);
      }
      return persons.length;
    },

    /** The payout runs a scheduled tick at `at` should start (payers with something to pay and no batch for their latest ended period). */
    async planScheduledPayoutRuns(args: { at: string }): Promise<Array<{ payerCode: string; period: string }>> {
      return dueRuns(dataSource, stockholmDate(new Date(args.at)));
    },

    /**
     * Reminds representatives of reports not yet sent in whose claim deadline is near: recorded in claim_reminder
     * and mailed through the lifecycle's outbox (template `report-reminder`). Idempotent per report and deadline.
     */
    async sendClaimReminders(args: { at: string }): Promise<number> {
      const due = await recordClaimReminders(dataSource, stockholmDate(new Date(args.at)));
      for (const r of due) {
        await mailer.send({
          key: `claim-deadline:${r.timeReportId}:${r.claimDeadline}`,
          template: 'report-reminder',
          to: { kind: 'person', personId: r.personId },
          params: {
            groupId: r.groupId,
            assignmentId: r.assignmentId,
            personId: r.personId,
            period: `aktiviteten ${swedishDate(r.activityDate)}`,
            deadline: endOfStockholmDay(r.claimDeadline),
          },
        });
      }
      return due.filter((r) => r.firstTime).length;
    },
  };
}
