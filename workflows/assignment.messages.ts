import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PolicyDuration } from './duration';

/**
 * Messages of the assignment workflow (`assignment:<assignmentId>`), one per representative and group.
 * Updates carry only IDs, codes and the acting user's id: personal details are stored by the API (encrypted)
 * before the update that says they were given.
 */

export const ASSIGNMENT_STATES = [
  'nominated',
  'accepted',
  'declined',
  'details-given',
  'agreement-drafted',
  'signed',
  'countersigned',
  'declaration-submitted',
  'declaration-needs-changes',
  'declaration-approved',
  'active',
  'ended',
] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** Why an assignment ended. */
/** `step-overdue`: a human step stayed undone after its reminders and the coordinator's notice (issue 16 #9). */
export type EndReason = 'period-ended' | 'withdrawn' | 'mandate-withdrawn' | 'group-ended' | 'step-overdue';
/**
 * What happens when a human step is still undone after its reminders and the coordinator's notice (issue 16 #9):
 * `coordinator-decides` (the default: the coordinator extends the deadline or ends the assignment, and is reminded
 * of the decision every `stepWithin` until then) or `end` (the assignment ends by itself one `stepWithin` after the
 * notice). An unanswered offer is not a step of this kind: it lapses at its answer deadline.
 */
export type OverdueStepPolicy = 'coordinator-decides' | 'end';
/** Why an offer was declined: said no, or no answer by the deadline (which counts as no). */
export type DeclineReason = 'declined' | 'no-answer';

export type Representation = 'mandate' | 'own-experience' | 'both';
export type ReportingFrequency = 'monthly' | 'quarterly';

export interface AssignmentPolicy {
  /** Time to accept or decline; no answer by then counts as declined. */
  answerWithin: PolicyDuration;
  /** A reminder this long before the answer deadline. */
  answerReminderBefore: PolicyDuration;
  /** Each later human step (details, signing, countersigning, declaration, review, introduction). */
  stepWithin: PolicyDuration;
  /** Reminders to whoever's turn it is after a step's deadline passes; then the coordinator is told once. */
  maxStepReminders: number;
  /** After the reminders and the coordinator's notice (runs since the patch `sign-2026-12-overdue-step-decision`). */
  onOverdueStep: OverdueStepPolicy;
  /** After a reporting period ends: time to report it. Missing it records the period as missed. */
  reportWithin: PolicyDuration;
  /** A second reminder this long before the report deadline. */
  reportReminderBefore: PolicyDuration;
  /** After the report deadline: time for a submitted report to be attested before the period counts as unattested. */
  attestWithin: PolicyDuration;
  /** The declaration of interests is renewed at least this often (SKR: at least every 3 years). */
  declarationRenewEvery: PolicyDuration;
  /** Time to renew the declaration once asked. */
  declarationRenewWithin: PolicyDuration;
  /** Fixed-length reporting periods instead of calendar months/quarters (tests, special agreements). */
  reportingPeriodLength: PolicyDuration | null;
  /** The agreement's period measured from activation, instead of the assignment's period end date. */
  tenure: PolicyDuration | null;
  /** Continue as new once the history has this many events (also when Temporal suggests it). */
  continueAsNewAfterEvents: number;
}

export const defaultAssignmentPolicy: AssignmentPolicy = {
  answerWithin: '14 days',
  answerReminderBefore: '4 days',
  stepWithin: '14 days',
  maxStepReminders: 2,
  onOverdueStep: 'coordinator-decides',
  reportWithin: '14 days',
  reportReminderBefore: '4 days',
  attestWithin: '30 days',
  declarationRenewEvery: '1095 days',
  declarationRenewWithin: '30 days',
  reportingPeriodLength: null,
  tenure: null,
  continueAsNewAfterEvents: 2000,
};

export type PeriodState = 'open' | 'awaiting-report' | 'submitted' | 'attested' | 'missed' | 'unattested';

export interface ReportingPeriodState {
  index: number;
  key: string;
  startsAt: number;
  endsAt: number;
  /** Set when the period has ended: the report deadline. */
  dueAt: number | null;
  state: PeriodState;
  secondReminderSent: boolean;
}

export type DeclarationState = 'none' | 'submitted' | 'needs-changes' | 'approved' | 'due' | 'overdue';

/** The workflow's whole state; carried through continue-as-new. IDs, codes and times only. */
export interface AssignmentCarriedState {
  state: AssignmentState;
  endReason: EndReason | DeclineReason | null;
  /** Numbers every recorded step; the audit and mail idempotency keys are built from it. */
  transitionNo: number;
  step: { startedAt: number; deadlineAt: number | null; reminderAt: number | null; reminders: number; overdueNotified: boolean };
  agreementId: string | null;
  declaration: {
    state: DeclarationState;
    declarationId: string | null;
    approvedAt: number | null;
    nextDueAt: number | null;
    renewDeadlineAt: number | null;
  };
  activatedAt: number | null;
  tenureEndsAt: number | null;
  planned: boolean;
  periods: ReportingPeriodState[];
  nextPeriodIndex: number;
  missedPeriods: string[];
  attestedPeriods: number;
  runs: number;
}

export interface AssignmentInput {
  assignmentId: string;
  groupId: string;
  personId: string;
  organisationId: string | null;
  representation: Representation;
  payerCode: string | null;
  reportingFrequency: ReportingFrequency;
  policy?: Partial<AssignmentPolicy>;
  /** Only set by continue-as-new. */
  carried?: AssignmentCarriedState;
}

/** What a coordinator sees. IDs, states and deadlines only: no names, numbers or addresses. */
export interface AssignmentStatus {
  assignmentId: string;
  groupId: string;
  organisationId: string | null;
  representation: Representation;
  state: AssignmentState;
  endReason: EndReason | DeclineReason | null;
  /** Whose turn it is. */
  waitingFor: 'representative' | 'coordinator' | null;
  deadline: string | null;
  remindersSent: number;
  /** The step is overdue: its reminders and the coordinator's notice went out (the coordinator may extend or end). */
  overdue: boolean;
  agreementId: string | null;
  declaration: { state: DeclarationState; declarationId: string | null; approvedAt: string | null; nextDueAt: string | null };
  reporting: {
    frequency: ReportingFrequency;
    periods: Array<{ key: string; state: PeriodState; endsAt: string; dueAt: string | null }>;
    missed: string[];
    attested: number;
  };
  activatedAt: string | null;
  tenureEndsAt: string | null;
  transitions: number;
}

export interface ActorArgs {
  /** The user taking the step (user_account.id); recorded in the audit log. */
  actorId: string;
}

export const acceptUpdate = defineUpdate<AssignmentStatus, [ActorArgs]>('accept');
export const declineUpdate = defineUpdate<AssignmentStatus, [ActorArgs]>('decline');
/** The API has stored the personal and payment details (encrypted); this says only that it did. */
export const detailsGivenUpdate = defineUpdate<AssignmentStatus, [ActorArgs]>('detailsGiven');
export const agreementSignedUpdate = defineUpdate<AssignmentStatus, [ActorArgs & { agreementId: string }]>('agreementSigned');
export const agreementCountersignedUpdate = defineUpdate<AssignmentStatus, [ActorArgs & { agreementId: string }]>('agreementCountersigned');
export const declarationSubmittedUpdate = defineUpdate<AssignmentStatus, [ActorArgs & { declarationId: string }]>('declarationSubmitted');
export type DeclarationOutcome = 'approved' | 'needs-changes';
/**
 * `renewEvery`: the group's payer's rule for renewal (its `declaration_renew_months`, issue 16 #6), as a duration;
 * the next renewal is due after the shorter of it and the policy's `declarationRenewEvery`. Absent (older senders):
 * the policy alone.
 */
export const declarationReviewedUpdate = defineUpdate<
  AssignmentStatus,
  [ActorArgs & { declarationId: string; outcome: DeclarationOutcome; renewEvery?: PolicyDuration }]
>('declarationReviewed');
/** How the introduction (§4.4) was completed: the digital introduction (the representative marks it) or a meeting. */
export const INTRODUCTION_KINDS = ['digital', 'meeting'] as const;
export type IntroductionKind = (typeof INTRODUCTION_KINDS)[number];
/**
 * The introduction is completed and the assignment becomes active. `kind` and `heldOn` (YYYY-MM-DD: the meeting's
 * day, or the day the digital introduction was marked) are recorded in the read model; older senders give neither.
 */
export const introductionCompletedUpdate = defineUpdate<AssignmentStatus, [ActorArgs & { kind?: IntroductionKind; heldOn?: string }]>('introductionCompleted');
/**
 * An overdue human step (issue 16 #9): the coordinator gives it a new deadline, `extendByDays` from now (1–365;
 * default the policy's `stepWithin`), and its reminders start again.
 */
export const extendStepDeadlineUpdate = defineUpdate<AssignmentStatus, [ActorArgs & { extendByDays?: number }]>('extendStepDeadline');
/** An overdue human step (issue 16 #9): the coordinator ends the assignment (end reason `step-overdue`). */
export const endOverdueAssignmentUpdate = defineUpdate<AssignmentStatus, [ActorArgs]>('endOverdueAssignment');
/** The representative leaves. */
export const withdrawUpdate = defineUpdate<AssignmentStatus, [ActorArgs]>('withdraw');
/** The nominating organisation withdraws its mandate. */
export const mandateWithdrawnUpdate = defineUpdate<AssignmentStatus, [ActorArgs & { organisationId: string }]>('mandateWithdrawn');

/**
 * THE HOOK FOR PAYOUTS: a time report for `period` (a key from the status or the assignment_reporting_period
 * table) has been attested. Accepted for open, ended, missed and unattested periods (a late report is still a
 * report); refused for unknown periods.
 */
export const reportAttestedUpdate = defineUpdate<AssignmentStatus, [ActorArgs & { period: string; timeReportId?: string }]>(
  'reportAttested',
);
/**
 * THE HOOK FOR TIME REPORTS: the representative has submitted a report for `period` (a key as for
 * `reportAttested`), at `submittedAt` (ISO timestamp; when the API stored the submission). An open or
 * awaiting-report period becomes `submitted`: no reminder, no "report missed". A period already recorded as missed
 * whose report was submitted before its deadline (the workflow heard of it late) is corrected to `submitted`.
 * Refused for unknown periods (the API then writes the read model and audit log itself).
 */
export const reportSubmittedUpdate = defineUpdate<AssignmentStatus, [ActorArgs & { period: string; timeReportId?: string; submittedAt?: string }]>(
  'reportSubmittedUpdate',
);
/**
 * The representative has submitted a report for `period`, as a Signal. Kept for senders of an older API version;
 * the API sends `reportSubmittedUpdate` (through `AssignmentStepsService.recordSubmittedReport`).
 */
export const reportSubmittedSignal = defineSignal<[{ period: string; timeReportId?: string; actorId?: string }]>('reportSubmitted');

export const assignmentStatusQuery = defineQuery<AssignmentStatus>('assignmentStatus');

/** The workflow's result when it completes. */
export interface AssignmentResult {
  assignmentId: string;
  state: 'declined' | 'ended';
  endReason: EndReason | DeclineReason | null;
  missedPeriods: string[];
}

/** The assignment workflow tells the group's recruitment workflow about these changes. */
export interface AssignmentChange {
  assignmentId: string;
  state: 'active' | 'declined' | 'ended';
  reason: EndReason | DeclineReason | null;
}
