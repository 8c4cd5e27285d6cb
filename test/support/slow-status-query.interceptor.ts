import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

/**
 * A workflow interceptor for test/local-result-race.e2e-spec.ts only (bundled into that test's own workflow bundle):
 * the assignment's status Query blocks its workflow thread for a while, as a loaded worker does (the drill of
 * 2026-12-04 saw 340 ms), so that the offered record's local activity finishes while the Query is being answered.
 * It issues no command: the workflow's history is the same as without it.
 */
export const SLOW_QUERY_MS = 1500;

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      handleQuery(input, next) {
        if (input.queryName === 'assignmentStatus') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SLOW_QUERY_MS);
        return next(input);
      },
    },
  ],
});
