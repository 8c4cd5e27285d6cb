import type { sleep } from '@temporalio/workflow';

/**
 * Durations in policies: strings Temporal understands ("14 days", "36h", "500ms") or milliseconds.
 * Policies travel in workflow input, so tests can shorten every deadline.
 */
export type PolicyDuration = Parameters<typeof sleep>[0];
