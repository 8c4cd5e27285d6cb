import type { AssignmentCarriedState, AssignmentPolicy } from '../assignment.messages';
import { isUuid } from '../checks';
import { toMs, type PolicyDuration } from '../duration';
import { invalidInput, wrongState } from '../refusals';
import { isFinal } from './onboarding';
import { allows } from './transitions';

/**
 * The declaration of interests (jävsdeklaration): reviewed in onboarding, renewed on any change and at least every
 * `declarationRenewEvery` while the assignment is active; a renewal not in within `declarationRenewWithin` is
 * overdue. Pure and deterministic.
 */
type Declaration = AssignmentCarriedState['declaration'];

export type DeclarationEvent = { kind: 'declaration-renewal-due'; deadlineAt: number } | { kind: 'declaration-overdue' };

/** What the declaration's deadlines bring at `now` (updates it). Only while the assignment is active. */
export function declarationTimers(d: Declaration, now: number, policy: AssignmentPolicy): DeclarationEvent[] {
  const events: DeclarationEvent[] = [];
  if (d.state === 'approved' && d.nextDueAt !== null && now >= d.nextDueAt) {
    d.state = 'due';
    d.renewDeadlineAt = now + toMs(policy.declarationRenewWithin);
    events.push({ kind: 'declaration-renewal-due', deadlineAt: d.renewDeadlineAt });
  }
  if ((d.state === 'due' || d.state === 'needs-changes') && d.renewDeadlineAt !== null && now >= d.renewDeadlineAt) {
    d.state = 'overdue';
    d.renewDeadlineAt = null;
    events.push({ kind: 'declaration-overdue' });
  }
  return events;
}

/** The declaration's deadlines (see `deadlines`). A renewal deadline kept after a resubmission wakes the workflow once, for nothing. */
export function declarationDeadlines(d: Declaration): number[] {
  const at: number[] = [];
  if (d.state === 'approved' && d.nextDueAt !== null) at.push(d.nextDueAt);
  if (d.renewDeadlineAt !== null) at.push(d.renewDeadlineAt);
  return at;
}

/** A declaration submitted (in onboarding, or a renewal). */
export function submitted(d: Declaration, declarationId: string): void {
  d.declarationId = declarationId;
  d.state = 'submitted';
}

/**
 * The review's outcome: approved (the next renewal is due in `declarationRenewEvery`, or the payer's `renewEvery`
 * when that is shorter) or needs changes (by `declarationRenewWithin`).
 */
export function reviewed(
  d: Declaration,
  declarationId: string,
  outcome: 'approved' | 'needs-changes',
  now: number,
  policy: AssignmentPolicy,
  renewEvery?: PolicyDuration,
): Declaration {
  if (outcome === 'approved') {
    const every = renewEvery === undefined ? toMs(policy.declarationRenewEvery) : Math.min(toMs(policy.declarationRenewEvery), toMs(renewEvery));
    return { state: 'approved', declarationId, approvedAt: now, nextDueAt: now + every, renewDeadlineAt: null };
  }
  return { ...d, state: 'needs-changes', renewDeadlineAt: now + toMs(policy.declarationRenewWithin) };
}

/** In onboarding: the step that asks for it. */
export const inOnboarding = (s: Pick<AssignmentCarriedState, 'state'>) => allows('declaration-submitted', s.state);

export function refuseSubmission(s: AssignmentCarriedState, a: { declarationId?: unknown }, notNow: (what: string) => Error): void {
  if (!isUuid(a?.declarationId)) throw invalidInput('Ange vilken jävsdeklaration det gäller.');
  const goingOn = s.state === 'active' || s.state === 'declaration-approved';
  if (!inOnboarding(s) && !goingOn) throw notNow('lämna en jävsdeklaration');
  if (goingOn && s.declaration.state === 'submitted') throw wrongState('En jävsdeklaration väntar redan på granskning.');
}

export function refuseReview(s: AssignmentCarriedState, a: { outcome?: unknown; declarationId?: unknown; renewEvery?: unknown }): void {
  if (a?.outcome !== 'approved' && a?.outcome !== 'needs-changes') throw invalidInput('Granskningen ska vara godkänd eller behöver kompletteras.');
  if (a.renewEvery !== undefined && !isPositiveDuration(a.renewEvery)) throw invalidInput('Förnyelseintervallet måste vara en tidslängd, t.ex. "365 days".');
  if (s.declaration.state !== 'submitted' || isFinal(s.state)) throw wrongState('Det finns ingen jävsdeklaration som väntar på granskning.');
  if (a.declarationId !== s.declaration.declarationId) throw wrongState('Jävsdeklarationen är inte den som väntar på granskning.');
}

function isPositiveDuration(v: unknown): v is PolicyDuration {
  if (typeof v !== 'string' && typeof v !== 'number') return false;
  try {
    return toMs(v as PolicyDuration) > 0;
  } catch {
    return false;
  }
}
