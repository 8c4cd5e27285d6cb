import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { RecruitmentStepArgs } from '../activities/recruitment.activities';
import { DeadlineTimer } from './deadline-timer';
import { EffectQueue, LOCAL_RECORD_OPTIONS, recordStep } from './effects';
import { iso, toMs, waitMs } from './duration';
import type { MailParams, MailRecipient, MailTemplate } from './notifications';
import {
  defaultRecruitmentPolicy,
  RecruitmentCarriedState,
  RecruitmentInput,
  RecruitmentPolicy,
  RecruitmentStatus,
  recruitmentStatusQuery,
} from './recruitment.messages';
import { setStepHandlers, type RecruitmentSteps } from './recruitment/handlers';
import { setNewsHandlers } from './recruitment/news';
import {
  activeCount as activeOf,
  belowMinimum,
  closeRound,
  deadlines,
  extendRound,
  freshState,
  openRound as openRoundOf,
  remindRound,
  reviewDue as reviewIsDue,
  staffingState,
  type RoundTerms,
} from './recruitment/staffing';
import { groupIdKey, kindKey, payerKey, stateKey } from './search-attributes';
import { PATCH } from './versioning';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
/** Step records as local activities (runs since the 2026-11 patch; see `recordStep` in effects.ts). */
const local = proxyLocalActivities<Activities>(LOCAL_RECORD_OPTIONS);


/** What a request sent carries of the coordinator's terms (issue 16 #1); nothing for rounds without them. */
const requestTerms = (t: { wanted?: number; messageId?: string | null }) => ({
  ...(t.wanted !== undefined ? { wanted: t.wanted } : {}),
  ...(t.messageId ? { messageId: t.messageId } : {}),
});
const wantedDetail = (wanted: number | undefined): Record<string, number> => (wanted !== undefined ? { wanted } : {});

/**
 * One per working group (ID `recruitment:<groupId>`), started when the group is created: keeps the group
 * staffed with at least its minimum number (default 2) of ACTIVE representatives (§4.2).
 *
 * The coordinator starts a nomination round (`startRound`) choosing organisations to ask (and/or direct
 * recruitment): each gets a nomination request with a deadline (`nominationWithin`, or `urgentNominationWithin`
 * when the group has already started its work), a reminder `nominationReminderBefore` the deadline if it has
 * not answered, and counts as "no answer" at the deadline. Organisations nominate (`nominate`) or decline
 * (`declineNominationRequest`); the coordinator appoints (`appoint`) or rejects (`rejectNominee`) each nominee.
 * An appointment starts the assignment workflow `assignment:<id>` as a child with parent close policy ABANDON:
 * it is started in the same workflow task that decided the appointment (no second start is possible, since the
 * assignment ID is in history), and it lives on through this workflow's continue-as-new and even its end.
 *
 * Assignments report back (`assignmentChanged`). When an active representative leaves and the group drops below
 * its minimum, a new round starts on its own (urgent: the group has started), asking the last round's
 * organisations again. The yearly review (`reviewEvery`) and a long history continue as new, carrying the state.
 * Ends on `groupEnded`, ending every assignment. Steps are recorded through idempotent activities.
 */
export async function recruitmentWorkflow(input: RecruitmentInput): Promise<RecruitmentStatus> {
  /** Step records as local activities, answers after the record, mails after the answer (effects.ts). */
  const localRecords = patched(PATCH.recruitmentLocalRecords);
  const policy: RecruitmentPolicy = { ...defaultRecruitmentPolicy, ...input.policy };
  const workflowId = workflowInfo().workflowId;
  /** Idempotency keys are `<workflowId>:<chainId>:<step number>:<what>`; the chain survives continue-as-new. */
  const chainId = workflowInfo().firstExecutionRunId;
  const SYSTEM = `system:${workflowId}`;
  const recruitment: RecruitmentCarriedState = input.carried ?? freshState(Date.now(), toMs(policy.reviewEvery), input.payerCode);
  const effects = new EffectQueue(localRecords);
  const timer = new DeadlineTimer();
  let reviewDue = false;

  const activeCount = () => activeOf(recruitment);
  const computeState = () => staffingState(recruitment, input.minRepresentatives);

  const publish = () => {
    const values = [
      { key: groupIdKey, value: input.groupId },
      { key: stateKey, value: recruitment.state },
      { key: kindKey, value: 'recruitment' },
      ...(recruitment.payerCode ? [{ key: payerKey, value: recruitment.payerCode }] : []),
    ];
    if (!localRecords) return upsertSearchAttributes(values);
    // Only what changed (continue-as-new carries the values over; most steps change nothing here).
    const current = workflowInfo().typedSearchAttributes;
    const changed = values.filter((v) => current.get(v.key) !== v.value);
    if (changed.length > 0) upsertSearchAttributes(changed);
  };

  /** Queues the record of a step (audit line + read models); returns the step's number (for mail keys). */
  const record = (action: string, actor: string, extra: Partial<RecruitmentStepArgs> = {}): number => {
    if (recruitment.state !== 'ended') recruitment.state = computeState();
    publish();
    recruitment.transitionNo++;
    const args: RecruitmentStepArgs = {
      groupId: input.groupId,
      workflowId,
      chainId,
      transitionNo: recruitment.transitionNo,
      action,
      actor,
      recruitmentState: recruitment.state,
      details: {},
      ...extra,
    };
    effects.record(localRecords ? () => recordStep(local.recordRecruitmentStep, acts.recordRecruitmentStep, args) : () => acts.recordRecruitmentStep(args));
    return recruitment.transitionNo;
  };

  const coordinators: MailRecipient = { kind: 'coordinators', groupId: input.groupId };
  const mail = (template: MailTemplate, to: MailRecipient, stepNo: number, params: Partial<MailParams> = {}, suffix = '') => {
    const req = { key: `${workflowId}:${chainId}:${stepNo}:${template}${suffix}`, template, to, params: { groupId: input.groupId, ...params } };
    effects.addConcurrent(() => acts.sendMail(req));
  };

  /** Opens a nomination round: requests to each organisation, with a deadline and a reminder before it. */
  const openRound = (
    organisationIds: string[],
    urgent: boolean,
    direct: boolean,
    actor: string,
    action: string,
    extra: Partial<RecruitmentStepArgs> = {},
    terms: RoundTerms & { messageId?: string | null } = {},
  ): number => {
    openRoundOf(recruitment, organisationIds, urgent, Date.now(), policy, uuid4, terms);
    const deadline = iso(recruitment.roundDeadlineAt) as string;
    const no = record(action, actor, {
      details: { round: recruitment.round, urgent, directRecruitment: direct, organisations: organisationIds.length, deadline, ...wantedDetail(terms.wanted) },
      requestsOpened: recruitment.requests.map((r) => ({
        id: r.id,
        organisationId: r.organisationId,
        round: recruitment.round,
        deadline,
        urgent,
        ...requestTerms(terms),
      })),
      ...extra,
    });
    for (const r of recruitment.requests) {
      mail('nomination-request', { kind: 'organisation', organisationId: r.organisationId }, no, { requestId: r.id, deadline, urgent }, `:${r.organisationId}`);
    }
    return no;
  };

  const status = (): RecruitmentStatus => ({
    groupId: input.groupId,
    state: recruitment.state,
    urgent: input.urgent || recruitment.roundUrgent,
    minRepresentatives: input.minRepresentatives,
    activeRepresentatives: activeCount(),
    staffed: activeCount() >= input.minRepresentatives,
    reviewsDone: recruitment.reviewsDone,
    round: recruitment.round,
    roundOpen: recruitment.roundOpen,
    roundDeadline: recruitment.roundOpen ? iso(recruitment.roundDeadlineAt) : null,
    requests: recruitment.requests.map((r) => ({ ...r })),
    pendingNominations: recruitment.nominations.map((n) => ({ id: n.id, organisationId: n.organisationId })),
    assignments: recruitment.assignments.map((a) => ({ assignmentId: a.assignmentId, state: a.state })),
    restarts: recruitment.restarts,
    belowMinimumSince: iso(recruitment.belowMinimumSince ?? null),
  });
  setHandler(recruitmentStatusQuery, status);

  /**
   * Organisations the coordinator adds to the urgent round that runs while the group is below its minimum
   * (issue 13 #10): each gets a request with the round's deadline. Only reachable since the patch
   * `recruitment-2026-12-restart-below-minimum` (before it, `startRound` was refused while a round was open).
   */
  const addToRound = (organisationIds: string[], actor: string, terms: { wanted?: number; messageId?: string | null } = {}): number => {
    const added = extendRound(recruitment, organisationIds, uuid4, terms.wanted);
    const deadline = iso(recruitment.roundDeadlineAt) as string;
    const urgent = recruitment.roundUrgent;
    const no = record('round-extended', actor, {
      details: { round: recruitment.round, urgent, organisations: added.length, deadline, ...wantedDetail(terms.wanted) },
      requestsOpened: added.map((r) => ({ id: r.id, organisationId: r.organisationId, round: recruitment.round, deadline, urgent, ...requestTerms(terms) })),
    });
    for (const r of added) {
      mail('nomination-request', { kind: 'organisation', organisationId: r.organisationId }, no, { requestId: r.id, deadline, urgent }, `:${r.organisationId}`);
    }
    return no;
  };
  /** The open round was started while the group was below its minimum: the coordinator may add organisations. */
  const belowMinimumRoundOpen = () => recruitment.roundOpen && belowMinimum(recruitment);

  const ended = () => recruitment.state === 'ended';
  const steps: RecruitmentSteps = {
    ...{ input, policy, recruitment, workflowId, chainId, system: SYSTEM, localRecords, effects, acts, local, coordinators },
    ...{ activeCount, computeState, publish, record, mail, openRound, addToRound, belowMinimumRoundOpen, status },
  };
  setStepHandlers(steps);
  setNewsHandlers(steps);

  // ---- timers ---------------------------------------------------------------------------------------------------

  const handleTimers = (now: number) => {
    const unanswered = remindRound(recruitment, now);
    if (unanswered) {
      if (unanswered.length > 0) {
        const no = record('nomination-reminders-sent', SYSTEM, {
          details: { round: recruitment.round, reminded: unanswered.length },
          requestStates: unanswered.map((r) => ({ id: r.id, state: 'reminded' as const })),
        });
        const deadline = iso(recruitment.roundDeadlineAt);
        for (const r of unanswered) {
          mail('nomination-reminder', { kind: 'organisation', organisationId: r.organisationId }, no, { requestId: r.id, deadline }, `:${r.organisationId}`);
        }
      }
    }
    const closed = closeRound(recruitment, now);
    if (closed) {
      const { unanswered: noAnswer, counts } = closed;
      const no = record('round-closed', SYSTEM, {
        details: { round: recruitment.round, ...counts },
        requestStates: noAnswer.map((r) => ({ id: r.id, state: 'no-answer' as const })),
      });
      mail('nomination-round-closed', coordinators, no, { counts });
    }
    if (reviewIsDue(recruitment, now, policy)) reviewDue = true;
  };

  const nextTimerAt = () => Math.min(...deadlines(recruitment));

  const shouldContinueAsNew = () => {
    const info = workflowInfo();
    return reviewDue || info.continueAsNewSuggested || info.historyLength > policy.continueAsNewAfterEvents;
  };

  // ---- the main loop ----------------------------------------------------------------------------------------------

  if (!input.carried) {
    if (recruitment.payerCode === null) recruitment.payerCode = (await acts.resolveGroupPayer({ groupId: input.groupId })).payerCode;
    record('opened', SYSTEM, { details: { minRepresentatives: input.minRepresentatives, urgent: input.urgent, payerCode: recruitment.payerCode } });
  }
  publish();

  for (;;) {
    await effects.drain();
    if (ended()) break;
    if (shouldContinueAsNew()) {
      await condition(() => allHandlersFinished() || effects.pending);
      if (!effects.pending) await continueAsNew<typeof recruitmentWorkflow>({ ...input, carried: { ...recruitment, runs: recruitment.runs + 1 } });
      continue;
    }
    const now = Date.now();
    if (localRecords) {
      timer.arm(nextTimerAt(), now);
      await condition(() => effects.pending || ended() || timer.fired);
    } else {
      await condition(() => effects.pending || ended(), waitMs(nextTimerAt(), now));
    }
    handleTimers(Date.now());
  }
  await effects.settle();
  return status();
}
