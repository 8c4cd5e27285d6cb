/**
 * One line of the append-only audit log as a writer gives it (issue 15 #2); `appendAudit` in
 * `audit-log.repository.ts` is the one place that writes it. Never put personal numbers, bank accounts or tokens
 * in `details`.
 */
export interface AuditLine {
  /** A user id, or `system:<workflow id>` for steps a workflow takes on its own. */
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /**
   * Makes a write land once: a second line with the same key is not written (and the writer answers false).
   * Without a key every call writes a line.
   */
  idempotencyKey?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The idempotency key of a workflow step: the workflow ID, its execution chain (the first run's ID, constant
 * through continue-as-new, new if the ID is ever reused for a fresh execution), the step's number and its action.
 */
export const stepKey = (workflowId: string, chainId: string, transitionNo: number, action: string) =>
  `${workflowId}:${chainId}:${transitionNo}:${action}`;
