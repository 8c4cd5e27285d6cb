import type { NominationRequestState, RecruitmentCarriedState, RecruitmentPolicy, RecruitmentState, RoundRequest } from '../recruitment.messages';
import { isIsoDate } from '../checks';
import type { AssignmentTerms } from '../recruitment.messages';
import { toMs } from '../duration';
import { invalidInput } from '../refusals';

/**
 * Staffing decisions of the recruitment workflow (recruitment.workflow.ts): the group's state from its
 * assignments, nomination rounds (deadlines, reminders, closing), the yearly review, and the validators'
 * refusals. Pure and deterministic; each function changes the state it is given the way the workflow did inline,
 * one step at a time, so the workflow records each step right after it (a record reads the state then).
 */

export const REPRESENTATIONS = ['mandate', 'own-experience', 'both'];
/** A request still waiting for the organisation's answer. */
export const OPEN_REQUEST: readonly NominationRequestState[] = ['sent', 'reminded'];

export function freshState(now: number, reviewEvery: number, payerCode: string | null): RecruitmentCarriedState {
  return {
    state: 'open',
    payerCode,
    transitionNo: 0,
    round: 0,
    roundOpen: false,
    roundUrgent: false,
    roundDeadlineAt: null,
    roundReminderAt: null,
    roundReminded: false,
    requests: [],
    lastOrganisationIds: [],
    nominations: [],
    assignments: [],
    everStaffed: false,
    restarts: 0,
    reviewsDone: 0,
    nextReviewAt: now + reviewEvery,
    runs: 1,
  };
}

export const activeCount = (r: RecruitmentCarriedState) => r.assignments.filter((a) => a.state === 'active').length;

/** The group's state: staffed with at least its minimum active, recruiting while anything is under way, else open. */
export function staffingState(r: RecruitmentCarriedState, minRepresentatives: number): RecruitmentState {
  if (r.state === 'ended') return 'ended';
  if (activeCount(r) >= minRepresentatives) return 'staffed';
  if (r.roundOpen || r.nominations.length > 0 || r.assignments.some((a) => a.state === 'onboarding')) return 'recruiting';
  return 'open';
}

/** The group is below its minimum since an active representative left (only runs since the patch ever set it). */
export const belowMinimum = (r: RecruitmentCarriedState) => r.belowMinimumSince !== undefined && r.belowMinimumSince !== null;

/** What the coordinator chose for a round (issue 16 #1): people wanted per request, and the reply deadline. */
export interface RoundTerms {
  wanted?: number;
  /** Epoch ms; absent: the policy's reply time from now. */
  deadlineAt?: number;
}

/**
 * Opens a round: its deadline (the coordinator's, or the policy's for urgent or not), the reminder before it (none
 * when that moment has passed), a request per organisation (ids from `newId`) asking for `terms.wanted` people.
 */
export function openRound(
  r: RecruitmentCarriedState,
  organisationIds: string[],
  urgent: boolean,
  now: number,
  policy: RecruitmentPolicy,
  newId: () => string,
  terms: RoundTerms = {},
): void {
  r.round++;
  r.roundUrgent = urgent;
  r.roundDeadlineAt = terms.deadlineAt ?? now + toMs(urgent ? policy.urgentNominationWithin : policy.nominationWithin);
  const reminderAt = r.roundDeadlineAt - toMs(urgent ? policy.urgentNominationReminderBefore : policy.nominationReminderBefore);
  r.roundReminderAt = reminderAt > now ? reminderAt : null;
  r.roundReminded = false;
  r.roundOpen = organisationIds.length > 0;
  r.requests = organisationIds.map((organisationId) => newRequest(newId(), organisationId, terms.wanted));
  if (organisationIds.length > 0) r.lastOrganisationIds = [...organisationIds];
}

const newRequest = (id: string, organisationId: string, wanted: number | undefined): RoundRequest =>
  wanted === undefined ? { id, organisationId, state: 'sent' } : { id, organisationId, state: 'sent', wanted, taken: 0 };

/** The request has as many nominations (not declined) as it asks for. Requests without `wanted` have no limit. */
export const requestFull = (req: RoundRequest) => req.wanted !== undefined && (req.taken ?? 0) >= req.wanted;

/** A nomination in answer to the request takes a place (`taken`); a declined one gives it back. */
export function takePlace(req: RoundRequest | undefined, delta: 1 | -1): void {
  if (!req || req.wanted === undefined) return;
  req.taken = Math.max(0, (req.taken ?? 0) + delta);
}

/** Adds organisations not yet asked to the open (urgent) round; returns their new requests. */
export function extendRound(r: RecruitmentCarriedState, organisationIds: string[], newId: () => string, wanted?: number): RecruitmentCarriedState['requests'] {
  const fresh = organisationIds.filter((id) => !r.requests.some((x) => x.organisationId === id));
  const added = fresh.map((organisationId) => newRequest(newId(), organisationId, wanted));
  r.requests = [...r.requests, ...added];
  r.lastOrganisationIds = [...r.lastOrganisationIds, ...fresh.filter((id) => !r.lastOrganisationIds.includes(id))];
  return added;
}

/** At the round's reminder time: the requests not yet answered are reminded (returned; empty when all answered). */
export function remindRound(r: RecruitmentCarriedState, now: number): RecruitmentCarriedState['requests'] | null {
  if (!(r.roundOpen && !r.roundReminded && r.roundReminderAt !== null && now >= r.roundReminderAt)) return null;
  r.roundReminded = true;
  const unanswered = r.requests.filter((x) => x.state === 'sent');
  for (const x of unanswered) x.state = 'reminded';
  return unanswered;
}

/** At the round's deadline: it closes, unanswered requests count as no answer; returns them and the round's counts. */
export function closeRound(
  r: RecruitmentCarriedState,
  now: number,
): { unanswered: RecruitmentCarriedState['requests']; counts: { nominated: number; declined: number; noAnswer: number; pending: number } } | null {
  if (!(r.roundOpen && r.roundDeadlineAt !== null && now >= r.roundDeadlineAt)) return null;
  const unanswered = r.requests.filter((x) => OPEN_REQUEST.includes(x.state));
  for (const x of unanswered) x.state = 'no-answer';
  r.roundOpen = false;
  const counts = {
    nominated: r.requests.filter((x) => x.state === 'nominated').length,
    declined: r.requests.filter((x) => x.state === 'declined').length,
    noAnswer: unanswered.length,
    pending: r.nominations.length,
  };
  return { unanswered, counts };
}

/** The yearly review is due: counted, and the next one planned (the workflow then continues as new). */
export function reviewDue(r: RecruitmentCarriedState, now: number, policy: RecruitmentPolicy): boolean {
  if (now < r.nextReviewAt) return false;
  r.reviewsDone++;
  r.nextReviewAt = now + toMs(policy.reviewEvery);
  return true;
}

/** The deadlines the workflow's one timer waits for: the next review, the round's reminder and its deadline. */
export function deadlines(r: RecruitmentCarriedState): number[] {
  const at = [r.nextReviewAt];
  if (r.roundOpen && !r.roundReminded && r.roundReminderAt !== null) at.push(r.roundReminderAt);
  if (r.roundOpen && r.roundDeadlineAt !== null) at.push(r.roundDeadlineAt);
  return at;
}

// ---- validators: why an update is refused now (they throw, as Temporal's validators do) -----------------------

export function validateTerms(t: AssignmentTerms | undefined) {
  if (!t || typeof t !== 'object') throw invalidInput('Ange villkoren för uppdraget.');
  if (!isIsoDate(t.periodStart)) throw invalidInput('Uppdragets startdatum måste vara ett datum (ÅÅÅÅ-MM-DD).');
  if (t.periodEnd !== null && !isIsoDate(t.periodEnd)) throw invalidInput('Uppdragets slutdatum måste vara ett datum (ÅÅÅÅ-MM-DD) eller tomt.');
  if (t.periodEnd !== null && t.periodEnd < t.periodStart) throw invalidInput('Uppdragets slutdatum ligger före startdatumet.');
  // Issue 13 #8: a period that has already ended (the API checks the exact Stockholm date; this backstop allows a
  // day's margin for the time zone). Validators do not run on replay, so this needs no patch.
  if (t.periodEnd !== null && t.periodEnd < new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)) {
    throw invalidInput('Uppdragets period har redan tagit slut. Ange ett slutdatum som är i dag eller senare, eller lämna det tomt.');
  }
  if (t.reportingFrequency !== 'monthly' && t.reportingFrequency !== 'quarterly') throw invalidInput('Rapportering sker månadsvis eller kvartalsvis.');
  if (t.feeMode !== 'session' && t.feeMode !== 'hourly') throw invalidInput('Arvode betalas per möte eller per timme.');
  const hours = (h: unknown) => h === null || (Number.isInteger(h) && (h as number) >= 0 && (h as number) <= 5000);
  if (!hours(t.estimatedMeetingHours) || !hours(t.estimatedOtherHours)) throw invalidInput('Beräknad tid anges i hela timmar per år (0–5000).');
  if (!Number.isInteger(t.extraPreparationDays) || t.extraPreparationDays < 0 || t.extraPreparationDays > 50) {
    throw invalidInput('Extra förberedelsedagar anges som ett heltal (0–50).');
  }
  if (typeof t.employedByOrganisation !== 'boolean') throw invalidInput('Ange om personen är anställd av organisationen för uppdraget.');
}
