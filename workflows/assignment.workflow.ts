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
  acceptUpdate,
  agreementCountersignedUpdate,
  agreementSignedUpdate,
  AssignmentCarriedState,
  AssignmentChange,
  AssignmentInput,
  AssignmentPolicy,
  AssignmentResult,
  AssignmentState,
  AssignmentStatus,
  assignmentStatusQuery,
  declarationReviewedUpdate,
  declarationSubmittedUpdate,
  declineUpdate,
  defaultAssignmentPolicy,
  detailsGivenUpdate,
  EndReason,
  introductionCompletedUpdate,
  mandateWithdrawnUpdate,
  reportAttestedUpdate,
  ReportingPeriodState,
  reportSubmittedSignal,
  reportSubmittedUpdate,
  withdrawUpdate,
} from './assignment.messages';
import { whoseTurn } from './assignment/turns';
import { recruitmentWorkflowId } from './ids';
import { DeadlineTimer } from './deadline-timer';
import { EffectQueue, LOCAL_RECORD_OPTIONS, recordStep } from './effects';
import { invalidInput, wrongState } from './refusals';
import { isUuid, requireActor } from './checks';
import { iso, toMs, waitMs } from './duration';
import type { MailParams, MailRecipient, MailTemplate } from './notifications';
import { assignmentChangedSignal, groupEndedSignal } from './recruitment.messages';
import { groupIdKey, kindKey, payerKey, stateKey } from './search-attributes';
import { PATCH } from './versioning';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
/** Step records as local activities (runs since the 2026-11 patch; see `recordStep` in effects.ts). */
const local = proxyLocalActivities<Activities>(LOCAL_RECORD_OPTIONS);

/** How the state reads in a Swedish refusal: "uppdraget är …". */
const STATE_SV: Record<AssignmentState, string> = {
  nominated: 'utsett och väntar på svar',
  accepted: 'accepterat och väntar på person- och betalningsuppgifter',
  declined: 'avböjt',
  'details-given': 'under upprättande av överenskommelse',
  'agreement-drafted': 'väntar på företrädarens underskrift',
  signed: 'väntar på kontrasignering',
  countersigned: 'väntar på jävsdeklaration',
  'declaration-submitted': 'väntar på granskning av jävsdeklarationen',
  'declaration-needs-changes': 'väntar på en kompletterad jävsdeklaration',
  'declaration-approved': 'väntar på introduktion',
  active: 'aktivt',
  ended: 'avslutat',
};

const FINAL: readonly AssignmentState[] = ['declined', 'ended'];
/** Finalised periods kept in the state (older ones live on in the read model). */
const KEEP_PERIODS = 24;

function freshState(now: number): AssignmentCarriedState {
  return {
    state: 'nominated',
    endReason: null,
    transitionNo: 0,
    step: { startedAt: now, deadlineAt: null, reminderAt: null, reminders: 0, overdueNotified: false },
    agreementId: null,
    declaration: { state: 'none', declarationId: null, approvedAt: null, nextDueAt: null, renewDeadlineAt: null },
    activatedAt: null,
    tenureEndsAt: null,
    planned: false,
    periods: [],
    nextPeriodIndex: 1,
    missedPeriods: [],
    attestedPeriods: 0,
    runs: 1,
  };
}

/**
 * One per representative and group (ID `assignment:<assignmentId>`), started by the group's recruitment workflow
 * when the coordinator appoints a nominee, and outliving it (parent close policy ABANDON).
 *
 * Onboarding: nominated → accepted (or declined; no answer within `answerWithin` counts as declined, with a
 * reminder `answerReminderBefore` the deadline) → details-given (the API stored the encrypted details first) →
 * agreement-drafted (activity `draftAgreement`) → signed → countersigned → declaration-submitted →
 * declaration-approved (or declaration-needs-changes and back) → active (introduction completed). Each human step
 * waits with a deadline (`stepWithin`); at the deadline whoever's turn it is gets a reminder (at most
 * `maxStepReminders`), then the coordinator is told once that the step is overdue.
 *
 * Active: a reporting cycle per period (calendar month/quarter, or `reportingPeriodLength`): at each period's end
 * the representative is asked to report, reminded `reportReminderBefore` the deadline (`reportWithin`), and a
 * period with no report by then is recorded as missed; `reportAttested` (the payouts hook) closes a period. The
 * declaration is renewed on any change and at least every `declarationRenewEvery`. Continues as new after each
 * reporting period (and when the history grows), carrying its state.
 *
 * Ends at the end of its period (`tenure` or the assignment's period end), on withdrawal by the person, on
 * withdrawal of the organisation's mandate, or when the group ends; every end (and activation and decline) is
 * signalled to `recruitment:<groupId>`. After an end it waits for the last periods' reports, then completes.
 *
 * Every transition is written by idempotent activities (keys: workflow ID, execution chain, step number) to the
 * read model and the audit log; mails go through `sendMail`, keyed the same way. History holds IDs only.
 */
export async function assignmentWorkflow(input: AssignmentInput): Promise<AssignmentResult> {
  /** Step records as local activities, answers after the record, mails after the answer (effects.ts). */
  const localRecords = patched(PATCH.assignmentLocalRecords);
  /**
   * The first reporting period starts at the agreement's first day (not at activation), so meetings between the
   * agreement's start and the activation belong to a period (issue 13 #11b). Runs before the patch planned it from
   * activation.
   */
  const periodsFromAgreement = patched(PATCH.assignmentPeriodsFromAgreement);
  const policy: AssignmentPolicy = { ...defaultAssignmentPolicy, ...input.policy };
  const workflowId = workflowInfo().workflowId;
  /** Idempotency keys are `<workflowId>:<chainId>:<step number>:<what>`; the chain survives continue-as-new. */
  const chainId = workflowInfo().firstExecutionRunId;
  const SYSTEM = `system:${workflowId}`;
  const s: AssignmentCarriedState = input.carried ?? freshState(Date.now());
  const fx = new EffectQueue(localRecords);
  const timer = new DeadlineTimer();
  let closedThisRun = 0;

  // ---- recording and notifying ------------------------------------------------------------------------------

  const publish = () => {
    const values = [
      { key: groupIdKey, value: input.groupId },
      { key: stateKey, value: s.state },
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
    s.transitionNo++;
    const args: AssignmentStepArgs = {
      assignmentId: input.assignmentId,
      workflowId,
      chainId,
      transitionNo: s.transitionNo,
      action,
      actor,
      state: s.state,
      ...extra,
    };
    fx.record(localRecords ? () => recordStep(local.recordAssignmentStep, acts.recordAssignmentStep, args) : () => acts.recordAssignmentStep(args));
    return s.transitionNo;
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
    fx.addConcurrent(() => acts.sendMail(req));
  };

  const tellRecruitment = (change: AssignmentChange) =>
    fx.add(async () => {
      try {
        await getExternalWorkflowHandle(recruitmentWorkflowId(input.groupId)).signal(assignmentChangedSignal, change);
      } catch (err) {
        // The group's recruitment has ended (or never ran): nothing is waiting for this news.
        log.info('recruitment workflow not reachable', { groupId: input.groupId, error: String(err) });
      }
    });

  const enterStep = (st: AssignmentState, now: number) => {
    s.step = { startedAt: now, deadlineAt: null, reminderAt: null, reminders: 0, overdueNotified: false };
    if (st === 'nominated') {
      s.step.deadlineAt = now + toMs(policy.answerWithin);
      const reminderAt = s.step.deadlineAt - toMs(policy.answerReminderBefore);
      s.step.reminderAt = reminderAt > now ? reminderAt : null;
    } else if (whoseTurn(st)) {
      s.step.deadlineAt = now + toMs(policy.stepWithin);
    }
  };

  /** Moves to a new state: records it and tells whoever's turn it is. */
  const moveTo = (to: AssignmentState, action: string, actor: string, extra: Partial<AssignmentStepArgs> = {}): number => {
    s.state = to;
    enterStep(to, Date.now());
    publish();
    const no = record(action, actor, extra);
    const deadline = iso(s.step.deadlineAt);
    switch (to) {
      case 'nominated':
        mail('assignment-offer', person, no, { deadline });
        break;
      case 'accepted':
        mail('details-requested', person, no, { deadline });
        break;
      case 'agreement-drafted':
        mail('agreement-ready', person, no, { deadline });
        break;
      case 'signed':
        mail('countersign-requested', coordinators, no, { deadline });
        break;
      case 'countersigned':
        mail('declaration-requested', person, no, { deadline });
        break;
      case 'declaration-submitted':
        mail('declaration-review-requested', coordinators, no, { deadline });
        break;
      case 'declaration-needs-changes':
        mail('declaration-needs-changes', person, no, { deadline });
        break;
      case 'declaration-approved':
        mail('introduction-offered', person, no);
        mail('introduction-pending', coordinators, no, { deadline });
        break;
      case 'active':
        mail('assignment-active', person, no);
        mail('new-payee', { kind: 'finance', payerCode: input.payerCode }, no);
        tellRecruitment({ assignmentId: input.assignmentId, state: 'active', reason: null });
        break;
      case 'declined':
        mail('assignment-declined', coordinators, no, { reason: s.endReason ?? 'declined' });
        tellRecruitment({ assignmentId: input.assignmentId, state: 'declined', reason: s.endReason });
        break;
      case 'ended': {
        const finalDue = s.periods.filter((p) => p.state === 'awaiting-report').map((p) => p.dueAt ?? 0);
        const reason = s.endReason ?? undefined;
        mail('assignment-ended', person, no, { reason, deadline: finalDue.length ? iso(Math.max(...finalDue)) : null });
        mail('assignment-ended-coordinator', coordinators, no, { reason });
        if (input.organisationId && s.endReason !== 'mandate-withdrawn') {
          mail('assignment-ended-organisation', { kind: 'organisation', organisationId: input.organisationId }, no, { reason });
        }
        if (s.activatedAt !== null) mail('payee-ended', { kind: 'finance', payerCode: input.payerCode }, no);
        tellRecruitment({ assignmentId: input.assignmentId, state: 'ended', reason: s.endReason });
        break;
      }
      default:
        break;
    }
    return no;
  };

  // ---- reporting cycle ----------------------------------------------------------------------------------------

  const closePeriod = (p: ReportingPeriodState, endsAt: number) => {
    p.endsAt = endsAt;
    p.dueAt = endsAt + toMs(policy.reportWithin);
    if (p.state === 'open') p.state = 'awaiting-report';
    closedThisRun++;
    const no = record('period-ended', SYSTEM, {
      details: { period: p.key },
      period: { key: p.key, state: p.state, dueAt: iso(p.dueAt), endsAt: iso(endsAt) },
    });
    if (p.state === 'awaiting-report') mail('report-due', person, no, { period: p.key, deadline: iso(p.dueAt) });
  };

  /**
   * A period whose report was submitted before the period ended (the time-report hook, issue 13 #11a) still ends
   * at its end: it gets its deadline (for the attestation), the next period follows it. Only submissions reach this
   * (no history before the hook has such a period), and the patch marks the runs that do.
   */
  const submittedBeforeItsEnd = (p: ReportingPeriodState) =>
    p.state === 'submitted' && p.dueAt === null && patched(PATCH.assignmentSubmittedReportHook);
  /** Not yet ended: it ends at `endsAt` (or when the assignment ends). */
  const running = (p: ReportingPeriodState) => p.state === 'open' || submittedBeforeItsEnd(p);

  const reportReminderAt = (p: ReportingPeriodState) => (p.dueAt === null ? null : p.dueAt - toMs(policy.reportReminderBefore));
  const attestDeadline = (p: ReportingPeriodState) => (p.dueAt === null ? null : p.dueAt + toMs(policy.attestWithin));

  const end = (reason: EndReason, actor: string) => {
    const now = Date.now();
    s.endReason = reason;
    for (const p of s.periods) if (running(p)) closePeriod(p, Math.min(now, p.endsAt));
    moveTo('ended', 'ended', actor, { endReason: reason });
  };

  const pendingPeriods = () => s.periods.some((p) => p.state === 'open' || p.state === 'awaiting-report' || p.state === 'submitted');
  const finished = () => s.state === 'declined' || (s.state === 'ended' && !pendingPeriods());

  // ---- status -------------------------------------------------------------------------------------------------

  const status = (): AssignmentStatus => ({
    assignmentId: input.assignmentId,
    groupId: input.groupId,
    organisationId: input.organisationId,
    representation: input.representation,
    state: s.state,
    endReason: s.endReason,
    waitingFor: whoseTurn(s.state),
    deadline: whoseTurn(s.state) ? iso(s.step.deadlineAt) : null,
    remindersSent: s.step.reminders,
    agreementId: s.agreementId,
    declaration: {
      state: s.declaration.state,
      declarationId: s.declaration.declarationId,
      approvedAt: iso(s.declaration.approvedAt),
      nextDueAt: iso(s.declaration.nextDueAt),
    },
    reporting: {
      frequency: input.reportingFrequency,
      periods: s.periods.map((p) => ({ key: p.key, state: p.state, endsAt: iso(p.endsAt) as string, dueAt: iso(p.dueAt) })),
      missed: [...s.missedPeriods],
      attested: s.attestedPeriods,
    },
    activatedAt: iso(s.activatedAt),
    tenureEndsAt: iso(s.tenureEndsAt),
    transitions: s.transitionNo,
  });

  // The first state is entered before any handler is set: an update that arrives in the workflow's first task
  // (an accept right after the offer) then runs after `nominated`, instead of being overwritten by it.
  publish();
  if (!input.carried) moveTo('nominated', 'offered', SYSTEM, { details: { groupId: input.groupId } });

  setHandler(assignmentStatusQuery, status);

  // ---- human steps: updates with validators -------------------------------------------------------------------

  const notNow = (what: string) => wrongState(`Det går inte att ${what} nu: uppdraget är ${STATE_SV[s.state]}.`);
  /** The answer: once the step's record is written (runs before the 2026-11 patch: once all its effects have run). */
  const done = async () => {
    await fx.answerable();
    return status();
  };

  setHandler(
    acceptUpdate,
    (a) => {
      moveTo('accepted', 'accepted', a.actorId);
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (s.state !== 'nominated') throw notNow('acceptera uppdraget');
      },
    },
  );

  setHandler(
    declineUpdate,
    (a) => {
      s.endReason = 'declined';
      moveTo('declined', 'declined', a.actorId, { endReason: 'declined' });
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (s.state !== 'nominated') throw notNow('tacka nej');
      },
    },
  );

  setHandler(
    detailsGivenUpdate,
    (a) => {
      if (s.state === 'accepted') moveTo('details-given', 'details-given', a.actorId);
      else record('details-updated', a.actorId);
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (s.state === 'nominated' || FINAL.includes(s.state)) throw notNow('lämna person- och betalningsuppgifter');
      },
    },
  );

  const currentAgreement = (a: { agreementId?: unknown }) => {
    if (!isUuid(a?.agreementId)) throw invalidInput('Ange vilken överenskommelse det gäller.');
    if (a.agreementId !== s.agreementId) throw wrongState('Överenskommelsen är inte den aktuella versionen för uppdraget.');
  };

  setHandler(
    agreementSignedUpdate,
    (a) => {
      moveTo('signed', 'agreement-signed', a.actorId, { agreement: { id: a.agreementId, state: 'signed' }, details: { agreementId: a.agreementId } });
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (s.state !== 'agreement-drafted') throw notNow('underteckna överenskommelsen');
        currentAgreement(a);
      },
    },
  );

  setHandler(
    agreementCountersignedUpdate,
    (a) => {
      moveTo('countersigned', 'agreement-countersigned', a.actorId, {
        agreement: { id: a.agreementId, state: 'countersigned' },
        details: { agreementId: a.agreementId },
      });
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (s.state !== 'signed') throw notNow('kontrasignera överenskommelsen');
        currentAgreement(a);
      },
    },
  );

  setHandler(
    declarationSubmittedUpdate,
    (a) => {
      s.declaration.declarationId = a.declarationId;
      s.declaration.state = 'submitted';
      const extra = { declaration: { id: a.declarationId, state: 'submitted' as const }, details: { declarationId: a.declarationId } };
      if (s.state === 'countersigned' || s.state === 'declaration-needs-changes') {
        moveTo('declaration-submitted', 'declaration-submitted', a.actorId, extra);
      } else {
        // A renewed declaration (changed circumstances, or the periodic renewal) while the assignment goes on.
        const no = record('declaration-renewed', a.actorId, extra);
        mail('declaration-review-requested', coordinators, no);
      }
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (!isUuid(a?.declarationId)) throw invalidInput('Ange vilken jävsdeklaration det gäller.');
        const onboarding = s.state === 'countersigned' || s.state === 'declaration-needs-changes';
        const goingOn = s.state === 'active' || s.state === 'declaration-approved';
        if (!onboarding && !goingOn) throw notNow('lämna en jävsdeklaration');
        if (goingOn && s.declaration.state === 'submitted') throw wrongState('En jävsdeklaration väntar redan på granskning.');
      },
    },
  );

  setHandler(
    declarationReviewedUpdate,
    (a) => {
      const now = Date.now();
      const extra = { declaration: { id: a.declarationId, state: a.outcome }, details: { declarationId: a.declarationId, outcome: a.outcome } };
      if (a.outcome === 'approved') {
        s.declaration = {
          state: 'approved',
          declarationId: a.declarationId,
          approvedAt: now,
          nextDueAt: now + toMs(policy.declarationRenewEvery),
          renewDeadlineAt: null,
        };
      } else {
        s.declaration.state = 'needs-changes';
        s.declaration.renewDeadlineAt = now + toMs(policy.declarationRenewWithin);
      }
      if (s.state === 'declaration-submitted') {
        if (a.outcome === 'approved') moveTo('declaration-approved', 'declaration-approved', a.actorId, extra);
        else moveTo('declaration-needs-changes', 'declaration-needs-changes', a.actorId, extra);
      } else {
        const no = record(a.outcome === 'approved' ? 'declaration-approved' : 'declaration-needs-changes', a.actorId, extra);
        if (a.outcome === 'needs-changes') mail('declaration-needs-changes', person, no, { deadline: iso(s.declaration.renewDeadlineAt) });
      }
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (a?.outcome !== 'approved' && a?.outcome !== 'needs-changes') throw invalidInput('Granskningen ska vara godkänd eller behöver kompletteras.');
        if (s.declaration.state !== 'submitted' || FINAL.includes(s.state)) throw wrongState('Det finns ingen jävsdeklaration som väntar på granskning.');
        if (a.declarationId !== s.declaration.declarationId) throw wrongState('Jävsdeklarationen är inte den som väntar på granskning.');
      },
    },
  );

  setHandler(
    introductionCompletedUpdate,
    (a) => {
      s.activatedAt = Date.now();
      moveTo('active', 'introduction-completed', a.actorId);
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (s.state !== 'declaration-approved') throw notNow('registrera introduktionen');
      },
    },
  );

  setHandler(
    withdrawUpdate,
    (a) => {
      if (s.state === 'nominated') {
        s.endReason = 'declined';
        moveTo('declined', 'declined', a.actorId, { endReason: 'declined' });
      } else {
        end('withdrawn', a.actorId);
      }
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (FINAL.includes(s.state)) throw notNow('lämna uppdraget');
      },
    },
  );

  setHandler(
    mandateWithdrawnUpdate,
    (a) => {
      end('mandate-withdrawn', a.actorId);
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (!isUuid(a?.organisationId)) throw invalidInput('Ange organisationen som återkallar mandatet.');
        if (input.representation === 'own-experience' || a.organisationId !== input.organisationId) {
          throw wrongState('Uppdraget bygger inte på den organisationens mandat.');
        }
        if (FINAL.includes(s.state)) throw notNow('återkalla mandatet');
      },
    },
  );

  setHandler(
    reportAttestedUpdate,
    (a) => {
      const p = s.periods.find((x) => x.key === a.period) as ReportingPeriodState;
      const first = p.state !== 'attested';
      if (first) {
        p.state = 'attested';
        s.attestedPeriods++;
        s.missedPeriods = s.missedPeriods.filter((k) => k !== p.key);
      }
      record(first ? 'report-attested' : 'report-attested-again', a.actorId, {
        details: { period: p.key, timeReportId: isUuid(a.timeReportId) ? a.timeReportId : null },
        period: { key: p.key, state: 'attested' },
      });
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (typeof a?.period !== 'string' || !/^[A-Za-z0-9-]{1,20}$/.test(a.period)) throw invalidInput('Ange rapportperioden, till exempel 2026-03.');
        if (a.timeReportId !== undefined && a.timeReportId !== null && !isUuid(a.timeReportId)) throw invalidInput('timeReportId måste vara ett UUID.');
        if (!s.periods.some((x) => x.key === a.period)) throw wrongState(`Uppdraget har ingen rapportperiod ${a.period}.`);
      },
    },
  );

  // The time-report hook (issue 13 #11a). A new handler only: histories without this update replay as before.
  setHandler(
    reportSubmittedUpdate,
    (a) => {
      const p = s.periods.find((x) => x.key === a.period) as ReportingPeriodState;
      const submittedAt = typeof a.submittedAt === 'string' ? Date.parse(a.submittedAt) : NaN;
      const inTimeButMissed = p.state === 'missed' && p.dueAt !== null && Number.isFinite(submittedAt) && submittedAt <= p.dueAt;
      if (p.state === 'open' || p.state === 'awaiting-report' || inTimeButMissed) {
        p.state = 'submitted';
        if (inTimeButMissed) s.missedPeriods = s.missedPeriods.filter((k) => k !== p.key);
        record('report-submitted', a.actorId, {
          details: { period: p.key, timeReportId: isUuid(a.timeReportId) ? a.timeReportId : null, ...(inTimeButMissed ? { correctedFromMissed: true } : {}) },
          period: { key: p.key, state: 'submitted' },
        });
      }
      // Already submitted, attested, or late (missed/unattested): nothing changes; the attestation decides.
      return done();
    },
    {
      validator: (a) => {
        requireActor(a);
        if (typeof a?.period !== 'string' || !/^[A-Za-z0-9-]{1,20}$/.test(a.period)) throw invalidInput('Ange rapportperioden, till exempel 2026-03.');
        if (a.timeReportId !== undefined && a.timeReportId !== null && !isUuid(a.timeReportId)) throw invalidInput('timeReportId måste vara ett UUID.');
        if (a.submittedAt !== undefined && (typeof a.submittedAt !== 'string' || !Number.isFinite(Date.parse(a.submittedAt)))) {
          throw invalidInput('submittedAt måste vara en tidpunkt (ISO 8601).');
        }
        if (!s.periods.some((x) => x.key === a.period)) throw wrongState(`Uppdraget har ingen rapportperiod ${a.period}.`);
      },
    },
  );

  setHandler(reportSubmittedSignal, (a) => {
    const p = s.periods.find((x) => x.key === a?.period);
    if (!p || (p.state !== 'open' && p.state !== 'awaiting-report')) return; // late or unknown: attestation decides
    p.state = 'submitted';
    record('report-submitted', isUuid(a.actorId) ? a.actorId : SYSTEM, { details: { period: p.key }, period: { key: p.key, state: 'submitted' } });
  });

  setHandler(groupEndedSignal, () => {
    if (!FINAL.includes(s.state)) end('group-ended', SYSTEM);
  });

  // ---- timers -------------------------------------------------------------------------------------------------

  const handleTimers = (now: number) => {
    if (s.state === 'nominated') {
      if (s.step.reminderAt !== null && now >= s.step.reminderAt) {
        s.step.reminderAt = null;
        s.step.reminders++;
        const no = record('answer-reminder-sent', SYSTEM);
        mail('assignment-offer-reminder', person, no, { deadline: iso(s.step.deadlineAt) });
      }
      if (s.step.deadlineAt !== null && now >= s.step.deadlineAt) {
        s.endReason = 'no-answer';
        moveTo('declined', 'no-answer', SYSTEM, { endReason: 'no-answer' });
      }
      return;
    }
    const turn = whoseTurn(s.state);
    if (turn && s.step.deadlineAt !== null && now >= s.step.deadlineAt) {
      s.step.deadlineAt = now + toMs(policy.stepWithin);
      if (s.step.reminders < policy.maxStepReminders) {
        s.step.reminders++;
        const no = record('reminder-sent', SYSTEM, { details: { step: s.state, reminder: s.step.reminders } });
        mail('step-reminder', turn === 'representative' ? person : coordinators, no, { step: s.state, deadline: iso(s.step.deadlineAt) });
      } else if (!s.step.overdueNotified) {
        s.step.overdueNotified = true;
        const no = record('step-overdue', SYSTEM, { details: { step: s.state } });
        mail('step-overdue', coordinators, no, { step: s.state });
      }
    }
    if (s.state !== 'active' && s.state !== 'ended') return;

    for (const p of s.periods) {
      if (running(p) && (now >= p.endsAt || s.state === 'ended')) closePeriod(p, Math.min(now, p.endsAt));
      const remindAt = reportReminderAt(p);
      if (p.state === 'awaiting-report' && !p.secondReminderSent && remindAt !== null && remindAt > p.endsAt && now >= remindAt && now < (p.dueAt ?? 0)) {
        p.secondReminderSent = true;
        const no = record('report-reminder-sent', SYSTEM, { details: { period: p.key } });
        mail('report-reminder', person, no, { period: p.key, deadline: iso(p.dueAt) });
      }
      if (p.state === 'awaiting-report' && p.dueAt !== null && now >= p.dueAt) {
        p.state = 'missed';
        s.missedPeriods = [...s.missedPeriods, p.key].slice(-100);
        const no = record('report-missed', SYSTEM, { details: { period: p.key }, period: { key: p.key, state: 'missed' } });
        mail('report-missed', coordinators, no, { period: p.key });
      }
      const attestBy = attestDeadline(p);
      if (p.state === 'submitted' && p.dueAt !== null && now >= p.dueAt && !p.secondReminderSent) {
        p.secondReminderSent = true;
        const no = record('attestation-reminder-sent', SYSTEM, { details: { period: p.key } });
        mail('attestation-reminder', coordinators, no, { period: p.key, deadline: iso(attestBy) });
      }
      if (p.state === 'submitted' && attestBy !== null && now >= attestBy) {
        p.state = 'unattested';
        record('report-unattested', SYSTEM, { details: { period: p.key }, period: { key: p.key, state: 'unattested' } });
      }
    }
    if (s.state !== 'active') return;

    const d = s.declaration;
    if (d.state === 'approved' && d.nextDueAt !== null && now >= d.nextDueAt) {
      d.state = 'due';
      d.renewDeadlineAt = now + toMs(policy.declarationRenewWithin);
      const no = record('declaration-renewal-due', SYSTEM);
      mail('declaration-renewal-due', person, no, { deadline: iso(d.renewDeadlineAt) });
    }
    if ((d.state === 'due' || d.state === 'needs-changes') && d.renewDeadlineAt !== null && now >= d.renewDeadlineAt) {
      d.state = 'overdue';
      d.renewDeadlineAt = null;
      const no = record('declaration-overdue', SYSTEM);
      mail('declaration-overdue', coordinators, no);
    }
    if (s.tenureEndsAt !== null && now >= s.tenureEndsAt) end('period-ended', SYSTEM);
  };

  const nextTimerAt = (now: number): number => {
    const at: number[] = [now + toMs('365 days')];
    if (s.step.reminderAt !== null && s.state === 'nominated') at.push(s.step.reminderAt);
    if (s.step.deadlineAt !== null && whoseTurn(s.state)) at.push(s.step.deadlineAt);
    if (s.state === 'active' || s.state === 'ended') {
      for (const p of s.periods) {
        if (running(p)) at.push(p.endsAt);
        const remindAt = reportReminderAt(p);
        if (p.state === 'awaiting-report' && !p.secondReminderSent && remindAt !== null && remindAt > p.endsAt) at.push(remindAt);
        if ((p.state === 'awaiting-report' || (p.state === 'submitted' && !p.secondReminderSent)) && p.dueAt !== null) at.push(p.dueAt);
        const attestBy = attestDeadline(p);
        if (p.state === 'submitted' && attestBy !== null) at.push(attestBy);
      }
    }
    if (s.state === 'active') {
      if (s.declaration.state === 'approved' && s.declaration.nextDueAt !== null) at.push(s.declaration.nextDueAt);
      if (s.declaration.renewDeadlineAt !== null) at.push(s.declaration.renewDeadlineAt);
      if (s.tenureEndsAt !== null) at.push(s.tenureEndsAt);
    }
    return Math.min(...at);
  };

  // ---- steps the workflow takes on its own ---------------------------------------------------------------------

  const automaticSteps = async () => {
    if (s.state === 'details-given' && s.agreementId === null) {
      const draft = await acts.draftAgreement({
        assignmentId: input.assignmentId,
        workflowId,
        chainId,
        transitionNo: s.transitionNo,
      });
      if (s.state === 'details-given') {
        s.agreementId = draft.agreementId;
        moveTo('agreement-drafted', 'agreement-drafted', SYSTEM, {
          details: { agreementId: draft.agreementId, version: draft.version, documentId: draft.documentId, pdfProblem: draft.pdfProblem },
        });
      }
    }
    if (s.state === 'active' && !s.planned) {
      const tenureArgs = { assignmentId: input.assignmentId };
      const tenure =
        policy.tenure !== null
          ? { endsAt: (s.activatedAt as number) + toMs(policy.tenure) }
          : localRecords
            ? await recordStep(local.planTenure, acts.planTenure, tenureArgs)
            : await acts.planTenure(tenureArgs);
      s.tenureEndsAt = tenure.endsAt;
      s.planned = true;
    }
    if (s.state === 'active' && s.planned && !s.periods.some(running)) {
      const last = s.periods[s.periods.length - 1];
      const startsAt = last ? last.endsAt : (s.activatedAt as number);
      if (s.tenureEndsAt === null || startsAt < s.tenureEndsAt) {
        const index = s.nextPeriodIndex++;
        const periodArgs = {
          assignmentId: input.assignmentId,
          index,
          startsAt,
          frequency: input.reportingFrequency,
          lengthMs: policy.reportingPeriodLength === null ? null : toMs(policy.reportingPeriodLength),
          ...(periodsFromAgreement && !last ? { fromAgreementStart: true } : {}),
        };
        // A short, idempotent insert: a local activity since the 2026-11 patch.
        const planned = localRecords
          ? await recordStep(local.planReportingPeriod, acts.planReportingPeriod, periodArgs)
          : await acts.planReportingPeriod(periodArgs);
        const p: ReportingPeriodState = {
          index,
          key: planned.key,
          startsAt: periodsFromAgreement ? planned.startsAt : startsAt,
          endsAt: planned.endsAt,
          dueAt: null,
          state: 'open',
          secondReminderSent: false,
        };
        s.periods.push(p);
        // Ended while the period was being planned: it ends now.
        if (s.state !== 'active') closePeriod(p, Math.min(Date.now(), p.endsAt));
      }
    }
  };

  const shouldContinueAsNew = () => {
    if (s.state !== 'active') return false;
    const info = workflowInfo();
    return closedThisRun > 0 || info.continueAsNewSuggested || info.historyLength > policy.continueAsNewAfterEvents;
  };

  // ---- the main loop ---------------------------------------------------------------------------------------------

  for (;;) {
    await fx.drain();
    await automaticSteps();
    if (fx.pending) continue;
    if (finished()) break;
    if (shouldContinueAsNew()) {
      await condition(() => allHandlersFinished() || fx.pending);
      if (!fx.pending) {
        const finalised = s.periods.filter((p) => p.state === 'attested' || p.state === 'missed' || p.state === 'unattested');
        const keep = new Set(finalised.slice(-KEEP_PERIODS));
        const carried: AssignmentCarriedState = {
          ...s,
          periods: s.periods.filter((p) => !finalised.includes(p) || keep.has(p)),
          runs: s.runs + 1,
        };
        await continueAsNew<typeof assignmentWorkflow>({ ...input, carried });
      }
      continue;
    }
    const now = Date.now();
    if (localRecords) {
      timer.arm(nextTimerAt(now), now);
      await condition(() => fx.pending || timer.fired);
    } else {
      await condition(() => fx.pending, waitMs(nextTimerAt(now), now));
    }
    handleTimers(Date.now());
  }
  await fx.settle();
  return {
    assignmentId: input.assignmentId,
    state: s.state === 'declined' ? 'declined' : 'ended',
    endReason: s.endReason,
    missedPeriods: [...s.missedPeriods],
  };
}

