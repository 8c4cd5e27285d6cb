import { ApplicationFailure } from '@temporalio/common';
import { Client, QueryNotRegisteredError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { AuthUser } from '../auth/auth-user';
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError, UnauthorizedError } from '../common/errors';
import { REFUSAL } from '../../workflows/refusals';

/** The workflow did not answer in time (no worker running, or it is restarting). */
export class UnavailableError extends DomainError {
  readonly status = 503;
}

/** How long an HTTP request waits for a workflow to take a step. */
export const UPDATE_DEADLINE_MS = 15_000;
export const QUERY_DEADLINE_MS = 3_000;

/**
 * Runs a workflow update for a human step and maps Temporal's answers on purpose:
 * - refused by the validator: InvalidInput → 400, NotFound → 404, Forbidden → 403, Busy → 503, anything else (wrong state) → 409,
 *   with the workflow's Swedish reason;
 * - no such workflow → 404 (`notFound`), or 409 (`closed`) when the case exists but its workflow has completed;
 * - no answer within UPDATE_DEADLINE_MS → 503.
 */
export async function runStep<T>(
  client: Client,
  call: () => Promise<T>,
  messages: { notFound: string; closed?: () => Promise<string | null> },
): Promise<T> {
  try {
    return await client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, call);
  } catch (e) {
    throw await mapWorkflowError(e, messages);
  }
}

/**
 * A workflow Query with QUERY_DEADLINE_MS: the workflow's answer, or null when it gives none in time (no worker, or
 * it is restarting), is not there, or cannot answer yet (its first task has not run). Every other failure — the
 * Temporal service unavailable (503 with Retry-After from the DomainExceptionFilter), a query handler that fails —
 * is thrown, never read as "no live status".
 */
export async function queryOrNull<T>(client: Pick<Client, 'withDeadline'>, call: () => Promise<T>, deadlineMs = QUERY_DEADLINE_MS): Promise<T | null> {
  try {
    return await client.withDeadline(Date.now() + deadlineMs, call);
  } catch (e) {
    if (e instanceof WorkflowNotFoundError || isNotFoundGrpc(e) || isDeadlineGrpc(e) || grpcCode(e) === 9) return null;
    // A workflow whose history its worker cannot replay (a nondeterminism error, TMPRL1100) has no live status to
    // give; the SDK reports the failed query as "not registered". The drill of 2026-12-04 met one: every read of its
    // assignment answered 500. The case is then shown from the read model (the worker's log names the run).
    if (e instanceof QueryNotRegisteredError && e.message.includes('[TMPRL1100]')) return null;
    throw e;
  }
}

/**
 * The SDK's refusal of an update whose handler the workflow has taken away for the moment (an agreement's
 * signature while the agreement is being drafted, workflows/assignment/handlers.ts `whileDrafting`): not a refusal
 * of the step, the workflow is in the middle of another — the same call again in a moment is taken.
 */
export function isHandlerAbsent(e: unknown): boolean {
  const cause = e instanceof WorkflowUpdateFailedError ? e.cause : undefined;
  return cause instanceof ApplicationFailure && /^No registered handler for update: /.test(cause.message);
}

export async function mapWorkflowError(e: unknown, messages: { notFound: string; closed?: () => Promise<string | null> }): Promise<unknown> {
  if (isHandlerAbsent(e)) return new UnavailableError('Ärendet tar ett annat steg just nu. Försök igen om en stund.');
  if (e instanceof WorkflowUpdateFailedError) {
    const cause = e.cause;
    const message = cause?.message || 'Steget kan inte utföras i ärendets nuvarande läge.';
    // The workflow is between two parts of another step (workflows/effects.ts `LocalResults`): try again in a moment.
    if (cause instanceof ApplicationFailure && cause.type === REFUSAL.busy) return new UnavailableError(message);
    if (cause instanceof ApplicationFailure && cause.type === REFUSAL.invalidInput) return new InvalidInputError(message);
    if (cause instanceof ApplicationFailure && cause.type === REFUSAL.notFound) return new NotFoundError(message);
    if (cause instanceof ApplicationFailure && cause.type === REFUSAL.forbidden) return new ForbiddenError(message);
    return new ConflictError(message);
  }
  if (e instanceof WorkflowNotFoundError || isNotFoundGrpc(e)) {
    const closed = messages.closed ? await messages.closed() : null;
    return closed ? new ConflictError(closed) : new NotFoundError(messages.notFound);
  }
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isDeadlineGrpc(e)) {
    return new UnavailableError('Ärendet svarar inte just nu. Försök igen om en stund.');
  }
  return e;
}

const grpcCode = (e: unknown): number | undefined => {
  const c = (e as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (e as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof c === 'number' ? c : undefined;
};
const isNotFoundGrpc = (e: unknown) => grpcCode(e) === 5;
const isDeadlineGrpc = (e: unknown) => grpcCode(e) === 4 || grpcCode(e) === 1;

/** The logged-in user, or 401 (every lifecycle step records who took it). */
export function requireUser(user: AuthUser | undefined): AuthUser {
  if (!user?.id) throw new UnauthorizedError('Du behöver logga in för att använda tjänsten.');
  return user;
}
