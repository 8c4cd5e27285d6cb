import { condition, continueAsNew, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  defaultRecruitmentPolicy,
  groupEndedSignal,
  RecruitmentInput,
  RecruitmentState,
  RecruitmentStatus,
  recruitmentStatusQuery,
} from './recruitment.messages';
import { groupIdKey, kindKey, payerKey, stateKey } from './search-attributes';

const { recordRecruitmentState } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/**
 * One per working group (ID `recruitment:<groupId>`): keeps the group staffed with at least its minimum
 * number of representatives. Waits for the group to end, with a yearly review deadline; each review
 * continues as new so history stays short. Writes its state to PostgreSQL through an idempotent activity.
 */
export async function recruitmentWorkflow(input: RecruitmentInput): Promise<RecruitmentStatus> {
  const policy = { ...defaultRecruitmentPolicy, ...input.policy };
  let state: RecruitmentState = 'open';
  let ended = false;
  const activeRepresentatives = 0;
  const reviewsDone = 0;

  const status = (): RecruitmentStatus => ({
    groupId: input.groupId,
    state,
    urgent: input.urgent,
    minRepresentatives: input.minRepresentatives,
    activeRepresentatives,
    staffed: activeRepresentatives >= input.minRepresentatives,
    reviewsDone,
  });

  setHandler(recruitmentStatusQuery, status);
  setHandler(groupEndedSignal, () => {
    ended = true;
  });

  const publish = async () => {
    upsertSearchAttributes([
      { key: groupIdKey, value: input.groupId },
      { key: stateKey, value: state },
      { key: kindKey, value: 'recruitment' },
      ...(input.payerCode ? [{ key: payerKey, value: input.payerCode }] : []),
    ]);
    await recordRecruitmentState({
      groupId: input.groupId,
      state,
      idempotencyKey: `${workflowInfo().workflowId}:${workflowInfo().runId}:${state}`,
    });
  };

  await publish();
  const endedInTime = await condition(() => ended, policy.reviewEvery);
  if (!endedInTime) {
    await continueAsNew<typeof recruitmentWorkflow>(input);
  }
  state = 'ended';
  await publish();
  return status();
}
