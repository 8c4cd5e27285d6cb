import type { DataSource, EntityManager } from 'typeorm';

/** Appends one line to the append-only audit_log. Never put personal numbers, bank accounts or tokens in `details`. */
export async function appendAudit(
  db: DataSource | EntityManager,
  e: { actor: string; action: string; subjectType: string; subjectId: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.query(`INSERT INTO audit_log (actor, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5)`, [
    e.actor,
    e.action,
    e.subjectType,
    e.subjectId,
    JSON.stringify(e.details ?? {}),
  ]);
}

/** Whether a table exists yet (features owned by other modules arrive with their migrations). */
export async function tableExists(db: DataSource | EntityManager, table: string): Promise<boolean> {
  const rows: Array<{ t: string | null }> = await db.query(`SELECT to_regclass($1)::text AS t`, [`public.${table}`]);
  return rows[0]?.t != null;
}
