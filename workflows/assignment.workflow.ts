import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { AssignmentStepArgs } from '../activities/assignment.activities';
import {
  AssignmentCarriedState,
  AssignmentChange,
  AssignmentInput,
  AssignmentPolicy,
  AssignmentResult,
  assignmentStatusQuery,
  defaultAssignmentPolicy,
  EndReason,
  ReportingPeriodState,
} from './assignment.messages';
import { dueAt, nextDeadline } from './assignment/deadlines';
import { onTimer, setStepHandlers, type AssignmentSteps } from './assignment/handlers';
import { entryNotices, freshState, stepOf } from './assignment/onboarding';
import { carriedPeriods, closePeriod, finalReportDue, finished, nextPeriod, openedPeriod, type PeriodEnded } from './assignment/reporting-cycle';
import { statusOf } from './assignment/status';
import { allows, TRANSITIONS, type TransitionId } from './assignment/transitions';
import { busy } from './refusals';
import { DeadlineTimer } from './deadline-timer';
import { iso, toMs, waitMs } from './duration';
import { EffectQueue, LOCAL_RECORD_OPTIONS, LocalResults, recordStep } from './effects';
import { recruitmentWorkflowId } from './ids';
import type { MailParams, MailRecipient, MailTemplate } from './notifications';
import { assignmentChangedSignal } from './recruitment.messages';
import { groupIdKey, kindKey, payerKey, stateKey } from './search-attributes';
import { PATCH } from './versioning';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
/** Step records as local activities (runs since the 2026-11 patch; see `recordStep` in effects.ts). */
const local = proxyLocalActivities<Activities>(LOCAL_RECORD_OPTIONS);

/**
 * One per representative and group (ID `assignment:<assignmentId>`), started by the group's recruitment workflow
 * when the coordinator appoints a nominee, and outliving it (parent close policy ABANDON). This function is the
 * wiring: the decisions are in assignment/ — onboarding.ts (nominated → accepted → details-given →
 * agreement-drafted → signed → countersigned → declaration-submitted → declaration-approved → active, each human
 * step with a deadline and reminders), reporting-cycle.ts (a period at a time while active: report, remind, missed,
 * attested), declaration-renewal.ts, deadlines.ts (the one timer), handlers.ts (the human steps as updates).
 *
 * Ends at the end of its period (`tenure` or the assignment's period end), on withdrawal by the person, on
 * withdrawal of the organisation's mandate, or when the group ends; every end (and activation and decline) is
 * signalled to `recruitment:<groupId>`. After an end it waits for the last periods' reports, then completes.
 * Continues as new after each reporting period (and when the history grows), carrying its state.
 *
 * Every transition is written by idempotent activities (keys: workflow ID, execution chain, step number) to the
 * read model and the audit log; mails go through `sendMail`, keyed the same way. History holds IDs only.
 */
export async function assignmentWorkflow(input: AssignmentInput): Promise<AssignmentResult> {
  /** Step records as local activities, answers after the record, mails after the answer (effects.ts). */
  const localRecords = patched(PATCH.assignmentLocalRecords);
  /** The first reporting period starts at the agreement's first day, not at activation (issue 13 #11b). */
  const periodsFromAgreement = patched(PATCH.assignmentPeriodsFromAgreement);
  /** After an overdue step's notice the policy decides: the coordinator extends or ends, or it ends (issue 16 #9). */
  const overdueDecision = patched(PATCH.signOverdueStepDecision);
  /** An update in the task after a local activity's held-back result waits for it (effects.ts `LocalResults`). */
  const updatesAfterLocalResults = patched(PATCH.assignmentUpdatesAfterLocalResults);
  const policy: AssignmentPolicy = { ...defaultAssignmentPolicy, ...input.policy };
  const workflowId = workflowInfo().workflowId;
  /** Idempotency keys are `<workflowId>:<chainId>:<step number>:<what>`; the chain survives continue-as-new. */
  const chainId = workflowInfo().firstExecutionRunId;
  const SYSTEM = `system:${workflowId}`;
  const assignment: AssignmentCarriedState = input.carried ?? freshState(Date.now());
  const effects = new EffectQueue(localRecords);
  const inFlight = new LocalResults();
  const timer = new DeadlineTimer();
  let closedThisRun = 0;
  /** A short, idempotent activity: local (with a fallback, effects.ts `recordStep`) since the 2026-11 patch. */
  const quick = <A, R>(localFn: (a: A) => Promise<R>, remoteFn: (a: A) => Promise<R>, args: A) => (localRecords ? recordStep(localFn, remoteFn, args, inFlight) : remoteFn(args));

  // ---- recording and notifying ------------------------------------------------------------------------------

  const publish = () => {
    const values = [
      { key: groupIdKey, value: input.groupId },
      { key: stateKey, value: assignment.state },
      { key: kindKey, value: 'assignment' },
      ...(input.payerCode ? [{ key: payerKey, value: input.payerCode }] : []),
    ];
    if (!localRecords) return upsertSearchAttributes(values);
    // Only what changed (continue-as-new carries the values over; most steps change the state alone).
    const current = workflowInfo().typedSearchAttributes;
    const changed = values.filter((v) => current.get(v.key) !== v.value);
    if (changed.length > 0) upsertSearchAttributes(changed);
  };

  /** Queues an audit line + read-model write for a step; returns the step's number (for mail keys). */
  const record = (action: string, actor: string, extra: Partial<AssignmentStepArgs> = {}): number => {
    assignment.transitionNo++;
    const args: AssignmentStepArgs = {
      assignmentId: input.assignmentId,
      workflowId,
      chainId,
      transitionNo: assignment.transitionNo,
      action,
      actor,
      state: assignment.state,
      ...extra,
    };
    effects.record(() => quick(local.recordAssignmentStep, acts.recordAssignmentStep, args));
    return assignment.transitionNo;
  };

  const person: MailRecipient = { kind: 'person', personId: input.personId };
  const coordinators: MailRecipient = { kind: 'coordinators', groupId: input.groupId };
  const mail = (template: MailTemplate, to: MailRecipient, stepNo: number, params: Partial<MailParams> = {}, suffix = '') => {
    const req = {
      key: `${workflowId}:${chainId}:${stepNo}:${template}${suffix}`,
      template,
      to,
      params: {
        groupId: input.groupId,
        assignmentId: input.assignmentId,
        ...(input.organisationId ? { organisationId: input.organisationId } : {}),
        ...(to.kind === 'person' ? { personId: input.personId } : {}),
        ...params,
      },
    };
    effects.addConcurrent(() => acts.sendMail(req));
  };

  const tellRecruitment = (change: AssignmentChange) =>
    effects.add(async () => {
      try {
        await getExternalWorkflowHandle(recruitmentWorkflowId(input.groupId)).signal(assignmentChangedSignal, change);
      } catch (err) {
        // The group's recruitment has ended (or never ran): nothing is waiting for this news.
        log.info('recruitment workflow not reachable', { groupId: input.groupId, error: String(err) });
      }
    });

  const recipient = (to: 'person' | 'coordinators' | 'finance' | 'organisation'): MailRecipient =>
    to === 'person'
      ? person
      : to === 'coordinators'
        ? coordinators
        : to === 'finance'
          ? { kind: 'finance', payerCode: input.payerCode }
          : { kind: 'organisation', organisationId: input.organisationId as string };

  /**
   * Takes a transition of the table (assignment/transitions.ts, also docs/LIFECYCLE.md): moves to its state, records
   * its action and tells whoever's turn it is (onboarding.ts `entryNotices`).
   */
  const moveTo = (id: TransitionId, actor: string, extra: Partial<AssignmentStepArgs> = {}): number => {
    const { action, to, from } = TRANSITIONS[id];
    if (from.length > 0 && !allows(id, assignment.state)) log.warn('transition not in the table', { id, state: assignment.state });
    assignment.state = to;
    assignment.step = stepOf(to, Date.now(), policy);
    publish();
    const no = record(action, actor, extra);
    const notices = entryNotices(to, {
      deadline: iso(assignment.step.deadlineAt),
      endReason: assignment.endReason,
      hasOrganisation: Boolean(input.organisationId),
      activated: assignment.activatedAt !== null,
      finalReportDeadline: iso(finalReportDue(assignment)),
    });
    for (const m of notices.mails) mail(m.template, recipient(m.to), no, m.params);
    if (notices.tellRecruitment) tellRecruitment({ assignmentId: input.assignmentId, state: to === 'active' ? 'active' : to === 'declined' ? 'declined' : 'ended', reason: to === 'active' ? null : assignment.endReason });
    return no;
  };

  // ---- reporting cycle ----------------------------------------------------------------------------------------

  /**
   * A period whose report was submitted before the period ended (the time-report hook, issue 13 #11a) still ends
   * at its end. Only submissions reach this (no history before the hook has such a period): the patch is asked here.
   */
  const running = (p: ReportingPeriodState) =>
    p.state === 'open' || (p.state === 'submitted' && p.dueAt === null && patched(PATCH.assignmentSubmittedReportHook));

  const periodEnded = (e: PeriodEnded) => {
    closedThisRun++;
    const no = record('period-ended', SYSTEM, {
      details: { period: e.key },
      period: { key: e.key, state: e.state, dueAt: iso(e.dueAt), endsAt: iso(e.endsAt) },
    });
    if (e.state === 'awaiting-report') mail('report-due', person, no, { period: e.key, deadline: iso(e.dueAt) });
  };

  const end = (reason: EndReason, actor: string) => {
    const now = Date.now();
    assignment.endReason = reason;
    for (const p of assignment.periods) if (running(p)) periodEnded(closePeriod(p, Math.min(now, p.endsAt), policy));
    moveTo(reason, actor, { endReason: reason });
  };

  // ---- status -------------------------------------------------------------------------------------------------

  const status = () => statusOf(input, assignment);

  // The first state is entered before any handler is set: an update that arrives in the workflow's first task
  // (an accept right after the offer) then runs after `nominated`, instead of being overwritten by it.
  publish();
  if (!input.carried) moveTo('offered', SYSTEM, { details: { groupId: input.groupId } });

  setHandler(assignmentStatusQuery, status);
  const steps: AssignmentSteps = {
    ...{ input, policy, state: assignment, system: SYSTEM, person, coordinators, record, mail, moveTo, end, periodEnded },
    done: async () => {
      await effects.answerable();
      return status();
    },
    refuseWhileBusy: () => {
      if (updatesAfterLocalResults && inFlight.heldOver) throw busy();
    },
  };
  const handlers = setStepHandlers(steps);

  // ---- steps the workflow takes on its own ---------------------------------------------------------------------

  const automaticSteps = async () => {
    if (assignment.state === 'details-given' && assignment.agreementId === null) {
      // The signature waits for the draft's move (handlers.ts `whileDrafting`): the same order live and on replay.
      await handlers.whileDrafting(async () => {
        const draft = await acts.draftAgreement({ assignmentId: input.assignmentId, workflowId, chainId, transitionNo: assignment.transitionNo });
        if (assignment.state === 'details-given') {
          assignment.agreementId = draft.agreementId;
          moveTo('agreement-drafted', SYSTEM, {
            details: { agreementId: draft.agreementId, version: draft.version, documentId: draft.documentId, pdfProblem: draft.pdfProblem },
          });
        }
      });
    }
    if (assignment.state === 'active' && !assignment.planned) {
      const tenure =
        policy.tenure !== null
          ? { endsAt: (assignment.activatedAt as number) + toMs(policy.tenure) }
          : await quick(local.planTenure, acts.planTenure, { assignmentId: input.assignmentId });
      assignment.tenureEndsAt = tenure.endsAt;
      assignment.planned = true;
    }
    if (assignment.state === 'active' && assignment.planned && !assignment.periods.some(running)) {
      const next = nextPeriod(assignment, policy, periodsFromAgreement);
      if (next) {
        const index = assignment.nextPeriodIndex++;
        // A short, idempotent insert: a local activity since the 2026-11 patch.
        const planned = await quick(local.planReportingPeriod, acts.planReportingPeriod, { assignmentId: input.assignmentId, index, frequency: input.reportingFrequency, ...next });
        const p = openedPeriod(index, planned, next.startsAt, periodsFromAgreement);
        assignment.periods.push(p);
        // Ended while the period was being planned: it ends now.
        if (assignment.state !== 'active') periodEnded(closePeriod(p, Math.min(Date.now(), p.endsAt), policy));
      }
    }
  };

  const shouldContinueAsNew = () => {
    if (assignment.state !== 'active') return false;
    const info = workflowInfo();
    return closedThisRun > 0 || info.continueAsNewSuggested || info.historyLength > policy.continueAsNewAfterEvents;
  };

  // ---- the main loop ---------------------------------------------------------------------------------------------

  for (;;) {
    await effects.drain();
    await automaticSteps();
    if (effects.pending) continue;
    if (finished(assignment)) break;
    if (shouldContinueAsNew()) {
      await condition(() => allHandlersFinished() || effects.pending);
      if (!effects.pending) {
        const carried: AssignmentCarriedState = { ...assignment, periods: carriedPeriods(assignment.periods), runs: assignment.runs + 1 };
        await continueAsNew<typeof assignmentWorkflow>({ ...input, carried });
      }
      continue;
    }
    const now = Date.now();
    if (localRecords) {
      timer.arm(nextDeadline(assignment, now, policy, running), now);
      await condition(() => effects.pending || timer.fired);
    } else {
      await condition(() => effects.pending, waitMs(nextDeadline(assignment, now, policy, running), now));
    }
    for (const e of dueAt(assignment, Date.now(), policy, running, overdueDecision)) onTimer(steps, e);
  }
  await effects.settle();
  return {
    assignmentId: input.assignmentId,
    state: assignment.state === 'declined' ? 'declined' : 'ended',
    endReason: assignment.endReason,
    missedPeriods: [...assignment.missedPeriods],
  };
}
