import { INTRODUCTION_KINDS, type AssignmentCarriedState, type AssignmentPolicy, type AssignmentState } from '../assignment.messages';
import { isUuid } from '../checks';
import { toMs } from '../duration';
import type { MailParams, MailTemplate } from '../notifications';
import { invalidInput, wrongState } from '../refusals';
import { allows, FINAL_STATES, type TransitionId } from './transitions';
import { overdueDecisionOpen, whoseTurn, type Turn } from './turns';

/**
 * Onboarding decisions of the assignment workflow: the first state, each human step's deadline and reminders,
 * who is told of a new state, and the validators' refusals. Pure and deterministic: the workflow
 * (assignment.workflow.ts) passes in the time and turns the answers into records, mails and signals.
 */

/** How the state reads in a Swedish refusal: "uppdraget är …". */
export const STATE_SV: Record<AssignmentState, string> = {
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

/** States after which no step can be taken. */
export const FINAL: readonly AssignmentState[] = FINAL_STATES;
export const isFinal = (state: AssignmentState) => FINAL.includes(state);

export function freshState(now: number): AssignmentCarriedState {
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

/** The step entered with a state: the answer deadline (and its reminder) for an offer, `stepWithin` for a human step. */
export function stepOf(state: AssignmentState, now: number, policy: AssignmentPolicy): AssignmentCarriedState['step'] {
  const step: AssignmentCarriedState['step'] = { startedAt: now, deadlineAt: null, reminderAt: null, reminders: 0, overdueNotified: false };
  if (state === 'nominated') {
    step.deadlineAt = now + toMs(policy.answerWithin);
    const reminderAt = step.deadlineAt - toMs(policy.answerReminderBefore);
    step.reminderAt = reminderAt > now ? reminderAt : null;
  } else if (whoseTurn(state)) {
    step.deadlineAt = now + toMs(policy.stepWithin);
  }
  return step;
}

export type OnboardingEvent =
  | { kind: 'answer-reminder'; deadlineAt: number | null }
  | { kind: 'no-answer' }
  | { kind: 'step-reminder'; step: AssignmentState; reminder: number; turn: Turn; deadlineAt: number }
  | { kind: 'step-overdue'; step: AssignmentState }
  /** Issue 16 #9, `coordinator-decides`: the coordinator is reminded to extend the deadline or end the assignment. */
  | { kind: 'overdue-decision-reminder'; step: AssignmentState; deadlineAt: number }
  /** Issue 16 #9, `end`: the step stayed undone after the notice; the assignment ends. */
  | { kind: 'step-lapsed'; step: AssignmentState };

/**
 * What the step's deadlines bring at `now` (updates `s.step`): for an offer the reminder, then at the deadline
 * the decline for no answer; for another human step a reminder to whoever's turn it is (at most
 * `maxStepReminders`, each with a new deadline), then the coordinators are told once that it is overdue.
 */
export function onboardingTimers(s: AssignmentCarriedState, now: number, policy: AssignmentPolicy, overdueDecision = false): OnboardingEvent[] {
  const events: OnboardingEvent[] = [];
  if (s.state === 'nominated') {
    if (s.step.reminderAt !== null && now >= s.step.reminderAt) {
      s.step.reminderAt = null;
      s.step.reminders++;
      events.push({ kind: 'answer-reminder', deadlineAt: s.step.deadlineAt });
    }
    if (s.step.deadlineAt !== null && now >= s.step.deadlineAt) events.push({ kind: 'no-answer' });
    return events;
  }
  const turn = whoseTurn(s.state);
  if (turn && s.step.deadlineAt !== null && now >= s.step.deadlineAt) {
    s.step.deadlineAt = now + toMs(policy.stepWithin);
    if (s.step.reminders < policy.maxStepReminders) {
      s.step.reminders++;
      events.push({ kind: 'step-reminder', step: s.state, reminder: s.step.reminders, turn, deadlineAt: s.step.deadlineAt });
    } else if (!s.step.overdueNotified) {
      s.step.overdueNotified = true;
      events.push({ kind: 'step-overdue', step: s.state });
    } else if (overdueDecision) {
      // After the reminders and the notice the policy decides (issue 16 #9; runs since the patch).
      if (policy.onOverdueStep === 'end') events.push({ kind: 'step-lapsed', step: s.state });
      else events.push({ kind: 'overdue-decision-reminder', step: s.state, deadlineAt: s.step.deadlineAt });
    }
  }
  return events;
}

/** The onboarding step's deadlines (see `deadlines`). */
export function onboardingDeadlines(s: AssignmentCarriedState): number[] {
  const at: number[] = [];
  if (s.step.reminderAt !== null && s.state === 'nominated') at.push(s.step.reminderAt);
  if (s.step.deadlineAt !== null && whoseTurn(s.state)) at.push(s.step.deadlineAt);
  return at;
}

/** A mail on entering a state: its template, to whom (the workflow resolves the recipient) and its parameters. */
export interface EntryMail {
  template: MailTemplate;
  to: 'person' | 'coordinators' | 'finance' | 'organisation';
  params: Partial<MailParams>;
}

/**
 * Who hears of a new state, in this order, and whether the group's recruitment is told (after the mails).
 * `deadline` is the new step's; `finalReportDeadline` the last report deadline of an ended assignment.
 */
export function entryNotices(
  to: AssignmentState,
  f: {
    deadline: string | null;
    endReason: AssignmentCarriedState['endReason'];
    hasOrganisation: boolean;
    activated: boolean;
    finalReportDeadline: string | null;
  },
): { mails: EntryMail[]; tellRecruitment: boolean } {
  const asked = (template: MailTemplate, who: EntryMail['to']): EntryMail => ({ template, to: who, params: { deadline: f.deadline } });
  const only = (...mails: EntryMail[]) => ({ mails, tellRecruitment: false });
  switch (to) {
    case 'nominated':
      return only(asked('assignment-offer', 'person'));
    case 'accepted':
      return only(asked('details-requested', 'person'));
    case 'agreement-drafted':
      return only(asked('agreement-ready', 'person'));
    case 'signed':
      return only(asked('countersign-requested', 'coordinators'));
    case 'countersigned':
      return only(asked('declaration-requested', 'person'));
    case 'declaration-submitted':
      return only(asked('declaration-review-requested', 'coordinators'));
    case 'declaration-needs-changes':
      return only(asked('declaration-needs-changes', 'person'));
    case 'declaration-approved':
      return only({ template: 'introduction-offered', to: 'person', params: {} }, asked('introduction-pending', 'coordinators'));
    case 'active':
      return {
        mails: [
          { template: 'assignment-active', to: 'person', params: {} },
          { template: 'new-payee', to: 'finance', params: {} },
        ],
        tellRecruitment: true,
      };
    case 'declined':
      return { mails: [{ template: 'assignment-declined', to: 'coordinators', params: { reason: f.endReason ?? 'declined' } }], tellRecruitment: true };
    case 'ended': {
      const reason = f.endReason ?? undefined;
      const mails: EntryMail[] = [
        { template: 'assignment-ended', to: 'person', params: { reason, deadline: f.finalReportDeadline } },
        { template: 'assignment-ended-coordinator', to: 'coordinators', params: { reason } },
      ];
      if (f.hasOrganisation && f.endReason !== 'mandate-withdrawn') mails.push({ template: 'assignment-ended-organisation', to: 'organisation', params: { reason } });
      if (f.activated) mails.push({ template: 'payee-ended', to: 'finance', params: {} });
      return { mails, tellRecruitment: true };
    }
    default:
      return only();
  }
}

// ---- validators: why a human step is refused now (they throw, as Temporal's validators do) -------------------

export const notNow = (s: Pick<AssignmentCarriedState, 'state'>, what: string) =>
  wrongState(`Det går inte att ${what} nu: uppdraget är ${STATE_SV[s.state]}.`);

/** A step of the transition table (transitions.ts), allowed in its `from` states. */
export function requireFrom(s: Pick<AssignmentCarriedState, 'state'>, id: TransitionId, what: string): void {
  if (!allows(id, s.state)) throw notNow(s, what);
}

/** A step allowed in exactly one state. */
export function requireState(s: Pick<AssignmentCarriedState, 'state'>, state: AssignmentState, what: string): void {
  if (s.state !== state) throw notNow(s, what);
}

/** Details can be given once accepted, and updated until the assignment is over. */
export function refuseDetails(s: Pick<AssignmentCarriedState, 'state'>): void {
  if (s.state === 'nominated' || isFinal(s.state)) throw notNow(s, 'lämna person- och betalningsuppgifter');
}

/** Signing and countersigning are about the assignment's current agreement. */
export function requireCurrentAgreement(s: Pick<AssignmentCarriedState, 'agreementId'>, a: { agreementId?: unknown }): void {
  if (!isUuid(a?.agreementId)) throw invalidInput('Ange vilken överenskommelse det gäller.');
  if (a.agreementId !== s.agreementId) throw wrongState('Överenskommelsen är inte den aktuella versionen för uppdraget.');
}

/** The introduction's kind and day, when given: one of the kinds, and both or neither. */
export function refuseIntroductionArgs(a: { kind?: unknown; heldOn?: unknown }): void {
  if (a?.kind === undefined && a?.heldOn === undefined) return;
  if (!(INTRODUCTION_KINDS as readonly unknown[]).includes(a.kind)) throw invalidInput('Ange hur introduktionen genomfördes: digital eller möte.');
  if (typeof a.heldOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(a.heldOn)) throw invalidInput('Ange dagen för introduktionen (ÅÅÅÅ-MM-DD).');
}

/** Leaving is possible until the assignment is over. */
export function refuseIfFinal(s: Pick<AssignmentCarriedState, 'state'>, what: string): void {
  if (isFinal(s.state)) throw notNow(s, what);
}

/** Extending a deadline or ending the assignment is for an overdue human step only (issue 16 #9). */
export function refuseOverdueDecision(s: Pick<AssignmentCarriedState, 'state' | 'step'>, what: string): void {
  if (!overdueDecisionOpen(s)) {
    throw wrongState(`Det går inte att ${what} nu: inget steg i uppdraget är försenat (det väntar inte efter påminnelser och besked till samordnaren).`);
  }
}

/** A new deadline of 1–365 days, when given. */
export function refuseExtension(a: { extendByDays?: unknown }): void {
  const d = a?.extendByDays;
  if (d !== undefined && (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 365)) throw invalidInput('Förläng med 1–365 dagar.');
}

/** The organisation whose mandate the assignment rests on withdraws it. */
export function refuseMandateWithdrawal(
  s: Pick<AssignmentCarriedState, 'state'>,
  input: { representation: string; organisationId: string | null },
  a: { organisationId?: unknown },
): void {
  if (!isUuid(a?.organisationId)) throw invalidInput('Ange organisationen som återkallar mandatet.');
  if (input.representation === 'own-experience' || a.organisationId !== input.organisationId) {
    throw wrongState('Uppdraget bygger inte på den organisationens mandat.');
  }
  refuseIfFinal(s, 'återkalla mandatet');
}
