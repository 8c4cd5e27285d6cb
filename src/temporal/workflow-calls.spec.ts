import { QueryNotRegisteredError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ConflictError } from '../common/errors';
import { REFUSAL } from '../../workflows/refusals';
import { mapWorkflowError, QUERY_DEADLINE_MS, queryOrNull, UnavailableError } from './workflow-calls';

/** A client whose withDeadline runs the call at once and remembers the deadline it was given. */
const client = () => {
  const deadlines: number[] = [];
  return {
    deadlines,
    withDeadline: <R>(deadline: number | Date, fn: () => Promise<R>) => {
      deadlines.push(Number(deadline));
      return fn();
    },
  };
};
const grpc = (code: number) => Object.assign(new Error(`grpc ${code}`), { code });
const wrapped = (code: number) => Object.assign(new Error('Failed to query Workflow'), { name: 'ServiceError', cause: grpc(code) });

describe('queryOrNull (a workflow Query from the API)', () => {
  it('answers the workflow’s status within the query deadline, or a shorter one when given', async () => {
    const c = client();
    const before = Date.now();
    await expect(queryOrNull(c, async () => ({ phase: 'x' }))).resolves.toEqual({ phase: 'x' });
    expect(c.deadlines[0]).toBeGreaterThanOrEqual(before + QUERY_DEADLINE_MS);
    expect(c.deadlines[0]).toBeLessThanOrEqual(Date.now() + QUERY_DEADLINE_MS);
    await queryOrNull(c, async () => 1, 1500);
    expect(c.deadlines[1]).toBeLessThanOrEqual(Date.now() + 1500);
  });

  it('is null when the workflow does not answer in time, is not there, or cannot answer yet', async () => {
    const c = client();
    for (const e of [wrapped(4), grpc(4), wrapped(1), wrapped(5), wrapped(9), new WorkflowNotFoundError('gone', 'wf', undefined)]) {
      await expect(queryOrNull(c, () => Promise.reject(e))).resolves.toBeNull();
    }
  });

  it('is null for a workflow its worker cannot replay (the drill of 2026-12-04: a nondeterminism error answered every read with 500)', async () => {
    const c = client();
    const nondeterminism = new QueryNotRegisteredError(
      '[TMPRL1100] Nondeterminism error: Activity machine does not handle this event: HistoryEvent(id: 16, WorkflowExecutionUpdateAccepted)',
      3,
    );
    await expect(queryOrNull(c, () => Promise.reject(nondeterminism))).resolves.toBeNull();
    // A query the workflow really does not have is still a bug, not "no live status".
    const unknown = new QueryNotRegisteredError('Workflow did not register a handler for nope. Registered queries: [status]', 3);
    await expect(queryOrNull(c, () => Promise.reject(unknown))).rejects.toBe(unknown);
  });

  it('throws every other failure: the service unavailable, a failing query handler, a bug', async () => {
    const c = client();
    for (const e of [wrapped(14), wrapped(3), new TypeError('Invalid response from server'), new Error('connection terminated')]) {
      await expect(queryOrNull(c, () => Promise.reject(e))).rejects.toBe(e);
    }
  });
});

describe('mapWorkflowError (a refused update)', () => {
  const failed = (message: string) => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable(message));

  it('answers 503 (try again) when the workflow has put the step\'s handler aside while it takes another step (issue 14 drill)', async () => {
    const mapped = await mapWorkflowError(failed('No registered handler for update: agreementSigned'), { notFound: 'x' });
    expect(mapped).toBeInstanceOf(UnavailableError);
    expect((mapped as Error).message).toMatch(/Försök igen/);
  });

  it('answers 503 with the workflow\'s message when it refuses an update as busy (the task after a held-back local result, issue 14)', async () => {
    const busyRefusal = new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type: REFUSAL.busy, message: 'Ärendet tar ett annat steg just nu. Försök igen om en stund.', nonRetryable: true }));
    const mapped = await mapWorkflowError(busyRefusal, { notFound: 'x' });
    expect(mapped).toBeInstanceOf(UnavailableError);
    expect((mapped as UnavailableError).status).toBe(503);
    expect((mapped as Error).message).toBe('Ärendet tar ett annat steg just nu. Försök igen om en stund.');
  });

  it('keeps a validator\'s refusal a conflict with its own message', async () => {
    const mapped = await mapWorkflowError(failed('Uppdraget kan inte underteckna överenskommelsen nu.'), { notFound: 'x' });
    expect(mapped).toBeInstanceOf(ConflictError);
  });
});
