import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { PayoutRunStatus } from '../payout-run.messages';
import { refusalMessage } from './refusals';

/**
 * Payout slips, a few hundred people per activity (SLIPS_PER_ACTIVITY), a few activities at once: each reports
 * progress (heartbeat) after every slip, so a stuck worker is noticed within the heartbeat timeout and a retry
 * skips the slips made already.
 */
const slipActs = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

export /**
 * The payout slips of an approved batch's `persons` people (ordered by person id), `perActivity` per activity,
 * `atOnce` activities at a time (the run's policy). A part that fails for good does not stop the others; the first
 * failure is reported (the slips can be made again on demand).
 */
async function makeSlips(batchId: string, persons: number, workflowId: string, perActivity: number, atOnce: number): Promise<NonNullable<PayoutRunStatus['slips']>> {
  const parts = Math.ceil(persons / perActivity);
  let next = 0;
  let made = 0;
  let failed: string | null = null;
  const run = async () => {
    while (next < parts) {
      const offset = next++ * perActivity;
      try {
        // Read `made` only after the await: `made += await …` would add to the value from before it and lose the
        // parts the other runners finished meanwhile.
        const n = await slipActs.generatePayoutSlips({ batchId, workflowId, offset, limit: perActivity });
        made += n;
      } catch (e) {
        failed ??= refusalMessage(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, parts) }, run));
  return { made, failed };
}
