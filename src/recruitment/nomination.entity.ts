import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Representation } from '../assignments/assignment.entity';
import type { Perspective } from '../people/person.entity';

/**
 * - submitted: stored by the API, not yet accepted by the recruitment workflow (hidden; removed if refused);
 * - proposed: awaiting the coordinator's decision; appointed / rejected: decided.
 */
export type NominationRowState = 'submitted' | 'proposed' | 'appointed' | 'rejected';

/** A person nominated by an organisation (or recruited directly by the coordinator) for a group. */
@Entity({ name: 'nomination' })
export class Nomination {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  /** Null for direct recruitment. */
  @Column('uuid', { name: 'request_id', nullable: true })
  requestId: string | null;

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  representation: Representation;

  /** The perspective the person brings to this group (patient / närstående); null on rows from before it was kept. */
  @Column('text', { nullable: true })
  perspective: Perspective | null;

  @Column('text', { default: 'submitted' })
  state: NominationRowState;

  @Column('uuid', { name: 'assignment_id', nullable: true })
  assignmentId: string | null;

  @Column('uuid', { name: 'nominated_by' })
  nominatedBy: string;

  /** Why the coordinator declined the nominee (issue 16 #1); null unless declined (and on rows from before). */
  @Column('text', { name: 'decline_reason', nullable: true })
  declineReason: string | null;

  /** The name as the nominator wrote it; null on rows from before. */
  @Column('text', { name: 'nominee_name', nullable: true })
  nomineeName: string | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
