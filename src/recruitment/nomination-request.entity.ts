import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NominationRequestState } from '../../workflows/recruitment.messages';

/**
 * A request to one organisation to nominate a representative for one group, in one recruitment round.
 * `state` is the read model of the recruitment workflow (`recruitment:<groupId>`), written by its activities.
 */
@Entity({ name: 'nomination_request' })
export class NominationRequest {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('int')
  round: number;

  @Column('text')
  state: NominationRequestState;

  @Column('boolean', { default: false })
  urgent: boolean;

  @Column('timestamptz')
  deadline: Date;

  /** How many people the organisation may nominate in answer (issue 16 #1); null on requests from before: no limit. */
  @Column('int', { nullable: true })
  wanted: number | null;

  /** The coordinator's message with the request, or null. */
  @Column('text', { nullable: true })
  message: string | null;

  @Column('timestamptz', { name: 'reminded_at', nullable: true })
  remindedAt: Date | null;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
