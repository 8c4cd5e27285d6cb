import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Logger } from 'pino';
import { payoutScheduleWorkflow } from '../../workflows/payout-run.workflow';

/** One schedule per task queue (tests run many task queues against one Temporal server). */
export const payoutScheduleId = (taskQueue: string) => `payout-runs:${taskQueue}`;

/**
 * The Temporal Schedule that drives payouts: every day at 06:00 Europe/Stockholm it starts
 * `payoutScheduleWorkflow`, which (1) reminds representatives of claims whose deadline is near and (2) starts
 * `payout-run:<payer>:<period>` for every payer whose latest ended month or quarter has attested, unpaid lines and
 * no batch yet. So a monthly payer's run starts on the 1st, a quarterly payer's on the 1st after the quarter, and a
 * missed tick is caught up the next day. Created at API start, or updated to this definition when it exists
 * (idempotent); `client.schedule.getHandle(id).trigger()` runs a tick at once.
 */
export async function ensurePayoutSchedule(client: Client, taskQueue: string, logger: Logger): Promise<void> {
  const scheduleId = payoutScheduleId(taskQueue);
  const spec = { calendars: [{ hour: 6, minute: 0, comment: 'daily 06:00: claim reminders and due payout runs' }], timezone: 'Europe/Stockholm' };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: payoutScheduleWorkflow,
    workflowId: `payout-schedule:${taskQueue}`,
    taskQueue,
    args: [{}] as [Record<string, never>],
  };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' as const };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies });
    logger.info({ scheduleId }, 'payout schedule created');
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies }));
    logger.info({ scheduleId }, 'payout schedule updated');
  }
}
