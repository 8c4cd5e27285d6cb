import { setHandler } from '@temporalio/workflow';
import type { AssignmentStepArgs } from '../../activities/assignment.activities';
import {
  acceptUpdate,
  agreementCountersignedUpdate,
  agreementSignedUpdate,
  AssignmentCarriedState,
  AssignmentInput,
  AssignmentPolicy,
  AssignmentStatus,
  declarationReviewedUpdate,
  declarationSubmittedUpdate,
  declineUpdate,
  detailsGivenUpdate,
  endOverdueAssignmentUpdate,
  EndReason,
  extendStepDeadlineUpdate,
  introductionCompletedUpdate,
  mandateWithdrawnUpdate,
  reportAttestedUpdate,
  ReportingPeriodState,
  reportSubmittedSignal,
  reportSubmittedUpdate,
  withdrawUpdate,
} from '../assignment.messages';
import { isUuid, requireActor } from '../checks';
import { iso, toMs } from '../duration';
import { invalidInput } from '../refusals';
import type { MailParams, MailRecipient, MailTemplate } from '../notifications';
import { groupEndedSignal } from '../recruitment.messages';
import { inOnboarding, refuseReview, refuseSubmission, reviewed, submitted } from './declaration-renewal';
import { isFinal, notNow, refuseDetails, refuseExtension, refuseIfFinal, refuseIntroductionArgs, refuseMandateWithdrawal, refuseOverdueDecision, requireCurrentAgreement, requireFrom } from './onboarding';
import type { TransitionId } from './transitions';
import type { TimerEvent } from './deadlines';
import { attest, refusePeriodArgs, refuseUnknownPeriod, submitReport, type PeriodEnded } from './reporting-cycle';
import { whoseTurn } from './turns';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the human steps need of the workflow (assignment.workflow.ts): its state and its ways to record and tell. */
export interface AssignmentSteps {
  input: AssignmentInput;
  policy: AssignmentPolicy;
  state: AssignmentCarriedState;
  /** The workflow's own actor in the audit log. */
  system: string;
  person: MailRecipient;
  coordinators: MailRecipient;
  record(action: string, actor: string, extra?: Partial<AssignmentStepArgs>): number;
  mail(template: MailTemplate, to: MailRecipient, stepNo: number, params?: Partial<MailParams>): void;
  /** Takes a transition of the table (transitions.ts): records its action and goes to its state. */
  moveTo(id: TransitionId, actor: string, extra?: Partial<AssignmentStepArgs>): number;
  end(reason: EndReason, actor: string): void;
  /** Records a period's end (and asks for its report). */
  periodEnded(e: PeriodEnded): void;
  /** The answer of an update: once the step's record is written. */
  done(): Promise<AssignmentStatus>;
  /**
   * Every update's validator asks this first (after the actor): it refuses (`busy`, the API's 503) an update that
   * comes in the workflow task after one whose local activity's result was held back (effects.ts `LocalResults`),
   * so that the update never runs before a result that replay delivers before it.
   */
  refuseWhileBusy(): void;
}

/** What the workflow can do with its step handlers once they are set (see `whileDrafting`). */
export interface StepHandlers {
  /**
   * Runs the agreement's drafting (an activity, then the move to `agreement-drafted`) with the signing update held
   * back: a signature that arrives while the draft is being made waits (the SDK buffers an update without a handler)
   * until the draft's result has moved the workflow, and is validated then. See docs/drill/README.md (the replay
   * nondeterminism of 2026-12-03): an update delivered in the same workflow task as the draft's result is handled
   * before that result on replay, while a worker that had already moved on from a lost task handled it after; held
   * back, it comes after the result both ways. A signature arriving while the draft is still in flight, without its
   * result, is refused by the SDK ("No registered handler", answered 503 by the API: try again) — it was refused
   * before too (the validator wants `agreement-drafted`), so no history holds an accepted signature during a draft.
   */
  whileDrafting<T>(draft: () => Promise<T>): Promise<T>;
}

/** The human steps: updates with validators (refusals in onboarding.ts, reporting-cycle.ts, declaration-renewal.ts), and the signals. */
export function setStepHandlers(w: AssignmentSteps): StepHandlers {
  const { input, policy, state: assignment } = w;
  const period = (key: string) => assignment.periods.find((x) => x.key === key) as ReportingPeriodState;

  const setSigned = () =>
    setHandler(
      agreementSignedUpdate,
      (a) => {
        w.moveTo('agreement-signed', a.actorId, { agreement: { id: a.agreementId, state: 'signed' }, details: { agreementId: a.agreementId } });
        return w.done();
      },
      { validator: (a) => (requireActor(a), w.refuseWhileBusy(), requireFrom(assignment, 'agreement-signed', 'underteckna överenskommelsen'), requireCurrentAgreement(assignment, a)) },
    );

  setHandler(
    acceptUpdate,
    (a) => {
      w.moveTo('accept', a.actorId);
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), requireFrom(assignment, 'accept', 'acceptera uppdraget')) },
  );

  setHandler(
    declineUpdate,
    (a) => {
      assignment.endReason = 'declined';
      w.moveTo('decline', a.actorId, { endReason: 'declined' });
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), requireFrom(assignment, 'decline', 'tacka nej')) },
  );

  setHandler(
    detailsGivenUpdate,
    (a) => {
      if (assignment.state === 'accepted') w.moveTo('details-given', a.actorId);
      else w.record('details-updated', a.actorId);
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), refuseDetails(assignment)) },
  );

  setSigned();

  setHandler(
    agreementCountersignedUpdate,
    (a) => {
      w.moveTo('agreement-countersigned', a.actorId, {
        agreement: { id: a.agreementId, state: 'countersigned' },
        details: { agreementId: a.agreementId },
      });
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), requireFrom(assignment, 'agreement-countersigned', 'kontrasignera överenskommelsen'), requireCurrentAgreement(assignment, a)) },
  );

  setHandler(
    declarationSubmittedUpdate,
    (a) => {
      submitted(assignment.declaration, a.declarationId);
      const extra = { declaration: { id: a.declarationId, state: 'submitted' as const }, details: { declarationId: a.declarationId } };
      if (inOnboarding(assignment)) {
        w.moveTo('declaration-submitted', a.actorId, extra);
      } else {
        // A renewed declaration (changed circumstances, or the periodic renewal) while the assignment goes on.
        const no = w.record('declaration-renewed', a.actorId, extra);
        w.mail('declaration-review-requested', w.coordinators, no);
      }
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), refuseSubmission(assignment, a, (what) => notNow(assignment, what))) },
  );

  setHandler(
    declarationReviewedUpdate,
    (a) => {
      const extra = { declaration: { id: a.declarationId, state: a.outcome }, details: { declarationId: a.declarationId, outcome: a.outcome } };
      assignment.declaration = reviewed(assignment.declaration, a.declarationId, a.outcome, Date.now(), policy, a.renewEvery);
      if (assignment.state === 'declaration-submitted') {
        if (a.outcome === 'approved') w.moveTo('declaration-approved', a.actorId, extra);
        else w.moveTo('declaration-needs-changes', a.actorId, extra);
      } else {
        const no = w.record(a.outcome === 'approved' ? 'declaration-approved' : 'declaration-needs-changes', a.actorId, extra);
        if (a.outcome === 'needs-changes') w.mail('declaration-needs-changes', w.person, no, { deadline: iso(assignment.declaration.renewDeadlineAt) });
      }
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), refuseReview(assignment, a)) },
  );

  setHandler(
    introductionCompletedUpdate,
    (a) => {
      assignment.activatedAt = Date.now();
      // Older senders give no kind (and so no record of how); since issue 16 #8 the API always does.
      const how = a.kind && a.heldOn ? { introduction: { kind: a.kind, heldOn: a.heldOn }, details: { introduction: a.kind, heldOn: a.heldOn } } : {};
      w.moveTo('introduction-completed', a.actorId, how);
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), refuseIntroductionArgs(a), requireFrom(assignment, 'introduction-completed', 'registrera introduktionen')) },
  );

  // Issue 16 #9: the coordinator's decision on an overdue human step. New handlers only: older histories have none.
  setHandler(
    extendStepDeadlineUpdate,
    (a) => {
      const deadlineAt = Date.now() + (a.extendByDays !== undefined ? a.extendByDays * DAY_MS : toMs(policy.stepWithin));
      assignment.step = { ...assignment.step, deadlineAt, reminderAt: null, reminders: 0, overdueNotified: false };
      const no = w.record('step-deadline-extended', a.actorId, { details: { step: assignment.state, deadline: iso(deadlineAt) } });
      w.mail('step-reminder', whoseTurn(assignment.state) === 'representative' ? w.person : w.coordinators, no, { step: assignment.state, deadline: iso(deadlineAt) });
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), refuseExtension(a), refuseOverdueDecision(assignment, 'förlänga tiden')) },
  );

  setHandler(
    endOverdueAssignmentUpdate,
    (a) => {
      w.end('step-overdue', a.actorId);
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), refuseOverdueDecision(assignment, 'avsluta uppdraget för ett försenat steg')) },
  );

  setHandler(
    withdrawUpdate,
    (a) => {
      if (assignment.state === 'nominated') {
        assignment.endReason = 'declined';
        w.moveTo('withdraw-offer', a.actorId, { endReason: 'declined' });
      } else {
        w.end('withdrawn', a.actorId);
      }
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), refuseIfFinal(assignment, 'lämna uppdraget')) },
  );

  setHandler(
    mandateWithdrawnUpdate,
    (a) => {
      w.end('mandate-withdrawn', a.actorId);
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), refuseMandateWithdrawal(assignment, input, a)) },
  );

  setHandler(
    reportAttestedUpdate,
    (a) => {
      const p = period(a.period);
      const first = attest(assignment, p);
      w.record(first ? 'report-attested' : 'report-attested-again', a.actorId, {
        details: { period: p.key, timeReportId: isUuid(a.timeReportId) ? a.timeReportId : null },
        period: { key: p.key, state: 'attested' },
      });
      return w.done();
    },
    { validator: (a) => (requireActor(a), w.refuseWhileBusy(), refusePeriodArgs(assignment, a), refuseUnknownPeriod(assignment, a.period)) },
  );

  // The time-report hook (issue 13 #11a). A new handler only: histories without this update replay as before.
  setHandler(
    reportSubmittedUpdate,
    (a) => {
      const p = period(a.period);
      const change = submitReport(assignment, p, a.submittedAt);
      if (change.submitted) {
        w.record('report-submitted', a.actorId, {
          details: { period: p.key, timeReportId: isUuid(a.timeReportId) ? a.timeReportId : null, ...(change.correctedFromMissed ? { correctedFromMissed: true } : {}) },
          period: { key: p.key, state: 'submitted' },
        });
      }
      return w.done();
    },
    {
      validator: (a) => {
        requireActor(a);
        w.refuseWhileBusy();
        refusePeriodArgs(assignment, a);
        if (a.submittedAt !== undefined && (typeof a.submittedAt !== 'string' || !Number.isFinite(Date.parse(a.submittedAt)))) {
          throw invalidInput('submittedAt måste vara en tidpunkt (ISO 8601).');
        }
        refuseUnknownPeriod(assignment, a.period);
      },
    },
  );

  setHandler(reportSubmittedSignal, (a) => {
    const p = assignment.periods.find((x) => x.key === a?.period);
    if (!p || (p.state !== 'open' && p.state !== 'awaiting-report')) return; // late or unknown: attestation decides
    p.state = 'submitted';
    w.record('report-submitted', isUuid(a.actorId) ? a.actorId : w.system, { details: { period: p.key }, period: { key: p.key, state: 'submitted' } });
  });

  setHandler(groupEndedSignal, () => {
    if (!isFinal(assignment.state)) w.end('group-ended', w.system);
  });

  return {
    whileDrafting: async (draft) => {
      setHandler(agreementSignedUpdate, undefined);
      try {
        return await draft();
      } finally {
        // Set again synchronously after the draft's move: a buffered signature is dispatched here, in this order.
        setSigned();
      }
    },
  };
}

/** What the workflow does when a deadline passes (deadlines.ts `dueAt`): records, mails, moves state. */
export function onTimer(w: AssignmentSteps, e: TimerEvent): void {
  const { person, coordinators, system: SYSTEM } = w;
  switch (e.kind) {
    case 'answer-reminder':
      return w.mail('assignment-offer-reminder', person, w.record('answer-reminder-sent', SYSTEM), { deadline: iso(e.deadlineAt) });
    case 'no-answer':
      w.state.endReason = 'no-answer';
      return void w.moveTo('no-answer', SYSTEM, { endReason: 'no-answer' });
    case 'step-reminder': {
      const no = w.record('reminder-sent', SYSTEM, { details: { step: e.step, reminder: e.reminder } });
      return w.mail('step-reminder', e.turn === 'representative' ? person : coordinators, no, { step: e.step, deadline: iso(e.deadlineAt) });
    }
    case 'step-overdue':
      return w.mail('step-overdue', coordinators, w.record('step-overdue', SYSTEM, { details: { step: e.step } }), { step: e.step });
    case 'overdue-decision-reminder': {
      const no = w.record('overdue-decision-reminder-sent', SYSTEM, { details: { step: e.step } });
      return w.mail('step-overdue', coordinators, no, { step: e.step, deadline: iso(e.deadlineAt) });
    }
    case 'step-lapsed':
      return w.end('step-overdue', SYSTEM);
    case 'period-ended':
      return w.periodEnded(e);
    case 'report-reminder':
      return w.mail('report-reminder', person, w.record('report-reminder-sent', SYSTEM, { details: { period: e.key } }), { period: e.key, deadline: iso(e.dueAt) });
    case 'report-missed': {
      const no = w.record('report-missed', SYSTEM, { details: { period: e.key }, period: { key: e.key, state: 'missed' } });
      return w.mail('report-missed', coordinators, no, { period: e.key });
    }
    case 'attestation-reminder': {
      const no = w.record('attestation-reminder-sent', SYSTEM, { details: { period: e.key } });
      return w.mail('attestation-reminder', coordinators, no, { period: e.key, deadline: iso(e.attestBy) });
    }
    case 'report-unattested':
      return void w.record('report-unattested', SYSTEM, { details: { period: e.key }, period: { key: e.key, state: 'unattested' } });
    case 'declaration-renewal-due':
      return w.mail('declaration-renewal-due', person, w.record('declaration-renewal-due', SYSTEM), { deadline: iso(e.deadlineAt) });
    case 'declaration-overdue':
      return w.mail('declaration-overdue', coordinators, w.record('declaration-overdue', SYSTEM));
    case 'tenure-ended':
      return w.end('period-ended', SYSTEM);
  }
}
