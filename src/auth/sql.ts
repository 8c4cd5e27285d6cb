import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a statement with RETURNING and gives its rows. (TypeORM's `query` answers `[rows, count]` for UPDATE and
 * DELETE but just `rows` for SELECT and INSERT.)
 */
export async function returning<T>(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const raw: unknown = await db.query(sql, params);
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') return raw[0] as T[];
  return raw as T[];
}
