import { addDays, stockholmDate, stockholmMidnight } from '../common/stockholm-time';

/**
 * The group's yearly review (§3.2: "Arbetsgrupperna ska ses över årligen av respektive NPO"): when it is made, whose
 * turn it is, and which groups are due. Pure functions of their arguments; the policy is data (group_review_policy).
 */

export interface ReviewPolicy {
  /** The month (1–12) the review is made in: it opens on the month's first day and is due by its last. */
  reviewMonth: number;
  /** A group younger than this when the review month begins is first reviewed the next year. */
  minAgeDays: number;
}

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { reviewMonth: 12, minAgeDays: 180 };
export const REVIEW_POLICY_LIMITS = { reviewMonth: { min: 1, max: 12 }, minAgeDays: { min: 0, max: 3650 } } as const;

export interface ReviewWindow {
  year: number;
  /** First day of the review month (YYYY-MM-DD, Stockholm). */
  opensOn: string;
  /** Last day of the review month: the review's deadline. */
  dueOn: string;
  /** The instant the review opens (00:00 Stockholm on `opensOn`). */
  opensAt: number;
  /** The instant it is overdue (00:00 Stockholm the day after `dueOn`). */
  dueAt: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The review window of `year` under the policy. */
export function windowOf(policy: ReviewPolicy, year: number): ReviewWindow {
  const opensOn = `${year}-${pad(policy.reviewMonth)}-01`;
  const next = policy.reviewMonth === 12 ? `${year + 1}-01-01` : `${year}-${pad(policy.reviewMonth + 1)}-01`;
  return { year, opensOn, dueOn: addDays(next, -1), opensAt: stockholmMidnight(opensOn), dueAt: stockholmMidnight(next) };
}

/**
 * The review that is open at `nowMs`: this year's when its review month has begun, else last year's. A review stays
 * open (and its task, overdue after `dueAt`) until its decision is recorded or the next year's review opens.
 */
export function openReviewWindow(policy: ReviewPolicy, nowMs: number): ReviewWindow {
  const [y, m] = stockholmDate(nowMs).split('-').map(Number);
  return windowOf(policy, m >= policy.reviewMonth ? y : y - 1);
}

/** What decides whether a group is reviewed in a window. */
export interface ReviewableGroup {
  id: string;
  parentGroupId: string | null;
  createdAt: Date;
  /** The read model says the group has ended. */
  ended: boolean;
  /** A time-limited group's last day, or null. */
  endsOn: string | null;
}

/**
 * Is the group reviewed in this window: not ended, not past its end date before the window opened, and at least
 * `minAgeDays` old when the window opened (a group made in the review month is first reviewed the next year).
 */
export function isDueInWindow(group: ReviewableGroup, policy: ReviewPolicy, window: ReviewWindow): boolean {
  if (group.ended) return false;
  if (group.endsOn !== null && group.endsOn < window.opensOn) return false;
  return stockholmDate(group.createdAt) <= addDays(window.opensOn, -policy.minAgeDays);
}

/**
 * Whose turn the review is (the one definition, for the task list and for who may record the decision): the
 * coordinators of the group that reviews it — its NPO (or NSG) for a NAG, the group itself when nothing is above it.
 */
export function reviewingGroupId(group: { id: string; parentGroupId: string | null }): string {
  return group.parentGroupId ?? group.id;
}

/** The latest day a group may have been made on to be reviewed in the window (for a query). */
export function createdBy(policy: ReviewPolicy, window: ReviewWindow): string {
  return addDays(window.opensOn, -policy.minAgeDays);
}

export const REVIEW_DECISIONS = ['continue', 'change', 'end'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REVIEW_DECISION_LABELS_SV: Record<ReviewDecision, string> = {
  continue: 'Gruppen fortsätter som i dag',
  change: 'Gruppen fortsätter med förändringar',
  end: 'Gruppen avslutas',
};
