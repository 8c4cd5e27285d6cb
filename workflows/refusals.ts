import { ApplicationFailure } from '@temporalio/workflow';

/**
 * The failure types a validator (or an update handler) refuses with. The API maps them to HTTP statuses
 * (src/temporal/workflow-calls.ts and the DomainExceptionFilter): InvalidInput → 400, NotFound → 404,
 * Forbidden → 403, Busy → 503 (with Retry-After: the same call again in a moment), WrongState (and any other failure) → 409.
 */
export const REFUSAL = { invalidInput: 'InvalidInput', wrongState: 'WrongState', notFound: 'NotFound', forbidden: 'Forbidden', busy: 'Busy' } as const;
export type RefusalType = (typeof REFUSAL)[keyof typeof REFUSAL];

/** A malformed update: refused by its validator, so nothing enters history. */
export function invalidInput(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL.invalidInput, message, nonRetryable: true });
}

/** An update that does not fit the case's current state: refused by its validator. */
export function wrongState(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL.wrongState, message, nonRetryable: true });
}

/** An update about something the case does not have (a line, a period). */
export function notFound(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL.notFound, message, nonRetryable: true });
}

/** An update by someone who may not take this step (the API refuses them first; this is the workflow's backstop). */
export function forbidden(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL.forbidden, message, nonRetryable: true });
}

/**
 * Not a refusal of the step: the workflow is between two parts of another one (effects.ts `LocalResults`), so the
 * update is refused before it enters history and the same call again in a moment is taken. The API answers 503.
 */
export function busy(message = 'Ärendet tar ett annat steg just nu. Försök igen om en stund.'): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL.busy, message, nonRetryable: true });
}
