import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import type { AuditLine } from './audit-line';

export type { AuditLine } from './audit-line';

/**
 * The one writer of the append-only `audit_log` (issue 15 #2): every module — services, activities, payout
 * batches, documents, rates — appends through `appendAudit` (activities through `AuditLogRepository`, which they
 * get from their composition root), so a line's columns, its JSON details and its idempotency are decided here once.
 */

/** Anything that runs SQL: the data source, or a transaction's EntityManager or QueryRunner (write in its transaction). */
export type AuditDb = DataSource | EntityManager | QueryRunner;

/**
 * Appends one line unless a line with the same idempotency key exists. Returns whether this call wrote it: a caller
 * that changes the read model does so only then, in the same transaction, so a retried step changes nothing twice.
 */
export async function appendAudit(db: AuditDb, line: AuditLine): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `INSERT INTO audit_log (actor, action, subject_type, subject_id, idempotency_key, details)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [line.actor, line.action, line.subjectType, line.subjectId, line.idempotencyKey ?? null, JSON.stringify(line.details ?? {})],
  );
  return rows.length > 0;
}

/** `appendAudit` as a repository, for those that get their data access injected (activities, Nest providers). */
@Injectable()
export class AuditLogRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Appends the line (in `em`'s transaction when given); whether this call wrote it. */
  append(line: AuditLine, em?: EntityManager): Promise<boolean> {
    return appendAudit(em ?? this.ds, line);
  }

  /** One subject's audit log (e.g. `assignment`, `working_group`), oldest first. */
  trailOf(subjectType: string, subjectId: string): Promise<AuditEntry[]> {
    return this.ds.getRepository(AuditEntry).find({ where: { subjectType, subjectId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
