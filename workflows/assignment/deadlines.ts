import type { AssignmentCarriedState, AssignmentPolicy } from '../assignment.messages';
import { toMs } from '../duration';
import { declarationDeadlines, declarationTimers, type DeclarationEvent } from './declaration-renewal';
import { onboardingDeadlines, onboardingTimers, type OnboardingEvent } from './onboarding';
import { reportingDeadlines, reportingTimers, type PeriodEvent, type Running } from './reporting-cycle';

/**
 * Every deadline of an assignment, and what they bring when they pass: the workflow's one timer is set to the
 * nearest of `deadlines()`, and when it fires `dueAt()` says what is due. Both are built from the same parts
 * (onboarding, reporting cycle, declaration renewal, the agreement's end), side by side, so a new deadline is
 * added to both in one place; deadlines.spec.ts checks that nothing is due before the nearest deadline.
 */
export type TimerEvent = OnboardingEvent | PeriodEvent | DeclarationEvent | { kind: 'tenure-ended' };

/** When to wake up at the latest with nothing due (a timer needs an end). */
const IDLE = '365 days';

/** The deadlines of the assignment's current state (at least one: `now` + a year). */
export function deadlines(s: AssignmentCarriedState, now: number, policy: AssignmentPolicy, running: Running): number[] {
  const at: number[] = [now + toMs(IDLE), ...onboardingDeadlines(s)];
  if (s.state === 'active' || s.state === 'ended') at.push(...reportingDeadlines(s, policy, running));
  if (s.state === 'active') {
    at.push(...declarationDeadlines(s.declaration));
    if (s.tenureEndsAt !== null) at.push(s.tenureEndsAt);
  }
  return at;
}

/** The next time the workflow must wake up. */
export const nextDeadline = (s: AssignmentCarriedState, now: number, policy: AssignmentPolicy, running: Running) =>
  Math.min(...deadlines(s, now, policy, running));

/**
 * What is due at `now`, in the order the workflow acts on it (updates the state's step, periods and declaration;
 * the workflow records, mails and moves state). A declined offer (`no-answer`) and the agreement's end
 * (`tenure-ended`) are the last events of their pass. `overdueDecision`: the policy after an overdue step's notice
 * (issue 16 #9, runs since the patch `sign-2026-12-overdue-step-decision`).
 */
export function dueAt(s: AssignmentCarriedState, now: number, policy: AssignmentPolicy, running: Running, overdueDecision = false): TimerEvent[] {
  const events: TimerEvent[] = onboardingTimers(s, now, policy, overdueDecision);
  if (s.state === 'nominated' || (s.state !== 'active' && s.state !== 'ended')) return events;
  events.push(...reportingTimers(s, now, policy, running));
  if (s.state !== 'active') return events;
  events.push(...declarationTimers(s.declaration, now, policy));
  if (s.tenureEndsAt !== null && now >= s.tenureEndsAt) events.push({ kind: 'tenure-ended' });
  return events;
}
