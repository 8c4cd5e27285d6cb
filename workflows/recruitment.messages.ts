import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AssignmentChange, AssignmentPolicy, Representation, ReportingFrequency } from './assignment.messages';
import type { PolicyDuration } from './duration';

/**
 * - open: fewer than the minimum active representatives and nothing under way: the coordinator must act;
 * - recruiting: a nomination round is open, or nominees await a decision, or appointed people are on their way;
 * - staffed: at least the minimum number of ACTIVE representatives;
 * - ended: the group has ended.
 */
export type RecruitmentState = 'open' | 'recruiting' | 'staffed' | 'ended';

export interface RecruitmentPolicy {
  /** How long the workflow waits before the group's yearly review (the NPO reviews its groups yearly). */
  reviewEvery: PolicyDuration;
  /** Time organisations get to nominate. */
  nominationWithin: PolicyDuration;
  /** … when the group has already started its work (§4.2: "så snart som möjligt"). */
  urgentNominationWithin: PolicyDuration;
  /** A reminder to organisations that have not answered, this long before the deadline. */
  nominationReminderBefore: PolicyDuration;
  urgentNominationReminderBefore: PolicyDuration;
  /** Continue as new once the history has this many events (also when Temporal suggests it). */
  continueAsNewAfterEvents: number;
  /** Handed to every assignment workflow this recruitment starts. */
  assignment?: Partial<AssignmentPolicy>;
}

export const defaultRecruitmentPolicy: RecruitmentPolicy = {
  reviewEvery: '365 days',
  nominationWithin: '21 days',
  urgentNominationWithin: '7 days',
  nominationReminderBefore: '5 days',
  urgentNominationReminderBefore: '2 days',
  continueAsNewAfterEvents: 2000,
};

export type NominationRequestState = 'sent' | 'reminded' | 'nominated' | 'declined' | 'no-answer' | 'cancelled';
export type NominationState = 'proposed' | 'appointed' | 'rejected';

/**
 * A nomination request of the current round. `wanted` (issue 16 #1): how many people the organisation may nominate
 * in answer; `taken`: how many it has nominated that were not declined. Both absent on requests sent before
 * 2026-12-04 (no limit then).
 */
export interface RoundRequest {
  id: string;
  organisationId: string;
  state: NominationRequestState;
  wanted?: number;
  taken?: number;
}

/** The workflow's whole state, carried through continue-as-new. IDs, codes and times only. */
export interface RecruitmentCarriedState {
  state: RecruitmentState;
  /** Who pays the group's fees (resolved at start when the input has none). */
  payerCode: string | null;
  transitionNo: number;
  round: number;
  roundOpen: boolean;
  roundUrgent: boolean;
  roundDeadlineAt: number | null;
  roundReminderAt: number | null;
  roundReminded: boolean;
  requests: Array<RoundRequest>;
  /** Organisations asked in the latest round with organisations: an automatic new round asks them again. */
  lastOrganisationIds: string[];
  /** Nominations awaiting the coordinator's decision. Decided ones live on in the nomination table. */
  nominations: Array<{ id: string; requestId: string | null; organisationId: string | null; personId: string; representation: Representation }>;
  /** Assignments not yet ended or declined (personId recorded since issue 13 #1; absent in older carried state). */
  assignments: Array<{ assignmentId: string; state: 'onboarding' | 'active'; personId?: string }>;
  everStaffed: boolean;
  restarts: number;
  /**
   * Since when (epoch ms) the group has had fewer active representatives than its minimum after an active one
   * left; null (or absent, in runs before the patch `recruitment-2026-12-restart-below-minimum`) otherwise.
   */
  belowMinimumSince?: number | null;
  reviewsDone: number;
  nextReviewAt: number;
  runs: number;
}

export interface RecruitmentInput {
  groupId: string;
  groupKind: string;
  payerCode: string | null;
  minRepresentatives: number;
  /** The group has already started its work: recruit "as soon as possible" (§4.2). */
  urgent: boolean;
  policy?: Partial<RecruitmentPolicy>;
  /** Only set by continue-as-new. */
  carried?: RecruitmentCarriedState;
}

/** What a coordinator sees of a recruitment. Holds IDs and counts only, never personal data. */
export interface RecruitmentStatus {
  groupId: string;
  state: RecruitmentState;
  urgent: boolean;
  minRepresentatives: number;
  activeRepresentatives: number;
  staffed: boolean;
  reviewsDone: number;
  round: number;
  roundOpen: boolean;
  roundDeadline: string | null;
  requests: Array<RoundRequest>;
  pendingNominations: Array<{ id: string; organisationId: string | null }>;
  assignments: Array<{ assignmentId: string; state: 'onboarding' | 'active' }>;
  restarts: number;
  /** ISO timestamp: since when the group is below its minimum after an active representative left; else null. */
  belowMinimumSince: string | null;
}

export const recruitmentStatusQuery = defineQuery<RecruitmentStatus>('recruitmentStatus');
/** The group has ended: recruitment stops and every assignment ends. Nobody waits for an answer, so it is a Signal. */
export const groupEndedSignal = defineSignal('groupEnded');
/** Sent by an assignment workflow when it becomes active, is declined or ends. */
export const assignmentChangedSignal = defineSignal<[AssignmentChange]>('assignmentChanged');

export interface ActorArgs {
  actorId: string;
}

export interface StartRoundArgs extends ActorArgs {
  /** Organisations asked to nominate (checked to exist by the API). May be empty with direct recruitment. */
  organisationIds: string[];
  /** The coordinator also recruits directly (e.g. where no organisation exists). */
  directRecruitment: boolean;
  /** The group has already started its work. */
  urgent: boolean;
  /**
   * How many people each organisation may nominate in answer (1–20, issue 16 #1). Absent (runs and clients from
   * before): no limit.
   */
  wanted?: number;
  /** The coordinator's message, stored by the API (`nomination_request_message`): its id only, never the text. */
  messageId?: string | null;
  /**
   * The reply deadline the coordinator chose (ISO timestamp; the API makes it the end of the chosen day in
   * Stockholm): the round's wait deadline. Absent: `nominationWithin` (or `urgentNominationWithin`) from now.
   */
  deadline?: string | null;
}
/** The most people one request may ask for, and the longest reply time a coordinator may choose (days). */
export const MAX_WANTED = 20;
export const MAX_REPLY_DAYS = 120;
export interface RoundStarted {
  round: number;
  deadline: string;
  urgent: boolean;
  requests: Array<{ id: string; organisationId: string }>;
}
/** The coordinator starts a nomination round. */
export const startRoundUpdate = defineUpdate<RoundStarted, [StartRoundArgs]>('startRound');

export interface NominateArgs extends ActorArgs {
  /** Stored by the API (with the nominee's name and address) before this update. */
  nominationId: string;
  personId: string;
  representation: Representation;
  /** Null for direct recruitment by the coordinator. */
  requestId: string | null;
  organisationId: string | null;
}
export const nominateUpdate = defineUpdate<RecruitmentStatus, [NominateArgs]>('nominate');

/** The organisation answers that it will not nominate anyone. */
export const declineNominationRequestUpdate = defineUpdate<RecruitmentStatus, [ActorArgs & { requestId: string; organisationId: string }]>(
  'declineNominationRequest',
);

/** The terms the coordinator sets when appointing; the agreement is drafted from them and the group's commission. */
export interface AssignmentTerms {
  periodStart: string;
  periodEnd: string | null;
  reportingFrequency: ReportingFrequency;
  feeMode: 'session' | 'hourly';
  estimatedMeetingHours: number | null;
  estimatedOtherHours: number | null;
  extraPreparationDays: number;
  employedByOrganisation: boolean;
}
export const appointUpdate = defineUpdate<{ assignmentId: string }, [ActorArgs & { nominationId: string; terms: AssignmentTerms }]>('appoint');
export const rejectNomineeUpdate = defineUpdate<RecruitmentStatus, [ActorArgs & { nominationId: string }]>('rejectNominee');
