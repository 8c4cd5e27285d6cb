import type { DataSource, EntityManager } from 'typeorm';

/** Whether a table exists yet (features owned by other modules arrive with their migrations). */
export async function tableExists(db: DataSource | EntityManager, table: string): Promise<boolean> {
  const rows: Array<{ t: string | null }> = await db.query(`SELECT to_regclass($1)::text AS t`, [`public.${table}`]);
  return rows[0]?.t != null;
}
