import type { EntityManager } from 'typeorm';

/**
 * Appends one line to the audit log unless a line with the same idempotency key exists. Returns whether this
 * call wrote it: the caller applies the read-model change only then, in the same transaction, so a retried
 * activity changes nothing twice.
 */
export async function appendAudit(
  em: EntityManager,
  line: { actor: string; action: string; subjectType: string; subjectId: string; key: string; details: Record<string, unknown> },
): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `INSERT INTO audit_log (actor, action, subject_type, subject_id, idempotency_key, details)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [line.actor, line.action, line.subjectType, line.subjectId, line.key, JSON.stringify(line.details)],
  );
  return rows.length > 0;
}

/**
 * The idempotency key of a workflow step: the workflow ID, its execution chain (the first run's ID, constant
 * through continue-as-new, new if the ID is ever reused for a fresh execution), the step's number and its action.
 */
export const stepKey = (workflowId: string, chainId: string, transitionNo: number, action: string) =>
  `${workflowId}:${chainId}:${transitionNo}:${action}`;
