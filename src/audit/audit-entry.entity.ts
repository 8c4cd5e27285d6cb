import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of the append-only audit log: who did what to which subject, and when. */
@Entity({ name: 'audit_log' })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  /** A user id, or `system:<workflow id>` for steps a workflow takes on its own. */
  @Column('text')
  actor: string;

  @Column('text')
  action: string;

  @Column('text', { name: 'subject_type' })
  subjectType: string;

  @Column('text', { name: 'subject_id' })
  subjectId: string;

  /** Makes writes from retried activities land once. */
  @Column('text', { name: 'idempotency_key', nullable: true, unique: true })
  idempotencyKey: string | null;

  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;
}
