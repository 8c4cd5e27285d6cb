import {
  ApplicationFailure,
  condition,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  WorkflowIdReusePolicy,
  allHandlersFinished,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { toMs } from './duration';
import { payoutRunWorkflowId } from './ids';
import {
  approveUpdate,
  PayoutBatchSummary,
  cancelRunUpdate,
  heldLinesOf,
  pendingLinesOf,
  SLIP_ACTIVITIES_AT_ONCE,
  SLIPS_PER_ACTIVITY,
  StoredBatchSummary,
  defaultPayoutRunPolicy,
  holdLineUpdate,
  PayoutRunInput,
  PayoutRunPhase,
  PayoutRunStatus,
  payoutRunStatusQuery,
  PayoutScheduleInput,
  PayoutScheduleResult,
  RECOMPUTED_MESSAGE,
} from './payout-run.messages';
import { msUntilStockholmDay, periodClosesOn } from './payout-period';
import { activityRefusal, approveRefusal, cancelRefusal, holdRefusal, refusalMessage, type RunFacts } from './payout-run/refusals';
import { makeSlips } from './payout-run/slips';
import { kindKey, payerKey, stateKey } from './search-attributes';
import { PATCH } from './versioning';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumInterval: '1 minute' },
});

/**
 * One per payer and period (ID `payout-run:<payerCode>:<period>`), and one per supplementary run of a period
 * (`…:komplettering-<n>`, input `supplement`). Once the period has ended (it waits until then when started earlier)
 * it gathers the payer's attested, unpaid lines into a draft batch, waits for finance to hold lines back and approve (Updates with validators: only finance
 * of THIS payer), and makes the batch final. Waits at most `policy.approveWithin`; a draft nobody approves by
 * then is cancelled and its lines go to the next run. Every step is an idempotent activity keyed by the workflow
 * ID; the database enforces that a line is paid at most once, however often this runs.
 */
export async function payoutRunWorkflow(input: PayoutRunInput): Promise<PayoutRunStatus> {
  const policy = { ...defaultPayoutRunPolicy, ...input.policy };
  const workflowId = workflowInfo().workflowId;
  let phase: PayoutRunPhase = 'gathering';
  // Read through pendingLinesOf/heldLinesOf: histories from before 2026-11 hold summaries with line id lists.
  let batch: StoredBatchSummary | undefined;
  let busy = 0; // updates whose activity is running
  let approving = false;
  let approveBy: string | null = null;
  let slips: PayoutRunStatus['slips'] = null;

  const status = (): PayoutRunStatus => ({
    payerCode: input.payerCode,
    period: input.period,
    supplement: input.supplement ?? 0,
    phase,
    batchId: batch?.batchId ?? null,
    pendingLines: pendingLinesOf(batch),
    heldLines: heldLinesOf(batch),
    netOre: batch?.netOre ?? null,
    paymentDate: batch?.paymentDate ?? null,
    approvedBy: batch?.approvedBy ?? null,
    approveBy: phase === 'awaiting-approval' ? approveBy : null,
    slips,
  });

  const publish = () =>
    upsertSearchAttributes([
      { key: stateKey, value: phase },
      { key: payerKey, value: input.payerCode },
      { key: kindKey, value: 'payout-run' },
    ]);

  /** What the validators know of the run (workflows/payout-run/refusals.ts decides). */
  const facts = (): RunFacts => ({ payerCode: input.payerCode, period: input.period, phase, approving, pendingLines: pendingLinesOf(batch) });
  /** Throws the refusal, if any: a validator refuses by throwing. */
  const refuse = (refusal: ApplicationFailure | null) => {
    if (refusal) throw refusal;
  };
  /** Runs an activity for an update; business refusals come back to the caller with their Swedish message. */
  const step = async (work: () => Promise<PayoutBatchSummary>) => {
    busy++;
    try {
      batch = await work();
    } catch (e) {
      throw activityRefusal(e);
    } finally {
      busy--;
    }
    if (batch.state === 'approved') phase = 'approved';
    else if (batch.state === 'cancelled') phase = 'cancelled';
    publish();
    return status();
  };

  setHandler(payoutRunStatusQuery, status);
  setHandler(
    holdLineUpdate,
    (req) =>
      step(() =>
        acts.holdPayoutLine({ batchId: batch!.batchId, lineId: req.lineId, reason: req.reason.trim(), userId: req.userId, idempotencyKey: `${workflowId}:hold:${req.lineId}` }),
      ),
    {
      validator: (req) => refuse(holdRefusal(facts(), req)),
    },
  );
  setHandler(
    approveUpdate,
    async (req) => {
      approving = true;
      try {
        await condition(() => busy === 0);
        let recomputed = false;
        const result = await step(async () => {
          const r = await acts.approvePayoutBatch({ batchId: batch!.batchId, userId: req.userId, idempotencyKey: `${workflowId}:approve` });
          recomputed = r.recomputed;
          return r.summary;
        });
        if (recomputed) throw ApplicationFailure.nonRetryable(RECOMPUTED_MESSAGE, 'PayoutRecomputed');
        return result;
      } finally {
        approving = false;
      }
    },
    {
      validator: (req) => refuse(approveRefusal(facts(), req, Date.now())),
    },
  );
  setHandler(
    cancelRunUpdate,
    (req) =>
      step(() =>
        acts.cancelPayoutBatch({ batchId: batch!.batchId, reason: req.reason.trim(), actor: req.userId, idempotencyKey: `${workflowId}:cancel` }),
      ),
    {
      validator: (req) => refuse(cancelRefusal(facts(), req)),
    },
  );

  publish();
  if (patched(PATCH.payoutRunClosedPeriod)) {
    // Started before its period ended (the API and the Schedule never do): gather only once it has.
    const closes = periodClosesOn(input.period);
    const wait = closes ? msUntilStockholmDay(closes, Date.now()) : 0;
    if (wait > 0) await sleep(wait);
  }
  batch = await acts.draftPayoutBatch({
    payerCode: input.payerCode,
    period: input.period,
    workflowId,
    ...(input.supplement ? { supplement: input.supplement } : {}),
  });
  phase = batch.state === 'draft' ? 'awaiting-approval' : batch.state === 'approved' ? 'approved' : batch.state === 'cancelled' ? 'cancelled' : 'empty';
  publish();

  if (phase === 'awaiting-approval') {
    approveBy = new Date(Date.now() + toMs(policy.approveWithin)).toISOString();
    const decided = await condition(() => phase !== 'awaiting-approval', policy.approveWithin);
    if (!decided) {
      // No decision in time: counts as rejected (unless an approval is just finishing).
      await condition(() => busy === 0 && !approving);
      if (phase === 'awaiting-approval') {
        batch = await acts.cancelPayoutBatch({
          batchId: batch.batchId,
          reason: 'Utbetalningen godkändes inte i tid; raderna följer med nästa utbetalning.',
          actor: `system:${workflowId}`,
          idempotencyKey: `${workflowId}:expired`,
        });
        phase = 'cancelled';
        publish();
      }
    }
  }
  if (phase === 'approved' && batch) {
    // The slips are made after the money is final; a slip that cannot be made does not undo the payout
    // (GET /payout-runs/:id/slips/:personId makes it again on demand).
    if (patched(PATCH.payoutRunSlipsInParts)) {
      // Old inputs have no slip settings: the defaults are the values those runs were written with.
      const perActivity = Math.max(1, Math.floor(policy.slipsPerActivity) || SLIPS_PER_ACTIVITY);
      const atOnce = Math.max(1, Math.floor(policy.slipActivitiesAtOnce) || SLIP_ACTIVITIES_AT_ONCE);
      slips = await makeSlips(batch.batchId, batch.personCount, workflowId, perActivity, atOnce);
    } else {
      try {
        slips = { made: await acts.generatePayoutSlips({ batchId: batch.batchId, workflowId }), failed: null };
      } catch (e) {
        slips = { made: 0, failed: refusalMessage(e) };
      }
    }
  }
  await condition(allHandlersFinished);
  return status();
}

/**
 * Started by the Temporal Schedule `payout-runs:<taskQueue>` (daily, see src/payouts/payout-schedule.ts) or by
 * `trigger()`: reminds representatives of claims about to pass their deadline, then starts the payout run of
 * every payer whose latest ended period (month or quarter) has something to pay and no batch yet. A run that
 * exists already (started by hand, or by an earlier tick) is left alone: its ID is deterministic and never reused.
 */
export async function payoutScheduleWorkflow(input: PayoutScheduleInput = {}): Promise<PayoutScheduleResult> {
  const at = workflowInfo().runStartTime.toISOString();
  const reminders = await acts.sendClaimReminders({ at });
  const due = await acts.planScheduledPayoutRuns({ at });
  const started: string[] = [];
  const alreadyStarted: string[] = [];
  for (const run of due) {
    const workflowId = payoutRunWorkflowId(run.payerCode, run.period);
    try {
      await startChild(payoutRunWorkflow, {
        workflowId,
        args: [{ payerCode: run.payerCode, period: run.period, ...(input.policy ? { policy: input.policy } : {}) }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      started.push(workflowId);
    } catch (e) {
      // WorkflowExecutionAlreadyStartedError (not exported by @temporalio/workflow): the run exists already.
      if (!(e instanceof Error && e.name === 'WorkflowExecutionAlreadyStartedError')) throw e;
      alreadyStarted.push(workflowId);
    }
  }
  return { started, alreadyStarted, reminders };
}
