import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PeriodState } from '../../workflows/assignment.messages';

/**
 * One reporting period of an active assignment (monthly or quarterly, as agreed): the read model of the
 * assignment workflow's reporting cycle. Time reports name their period by `periodKey`.
 */
@Entity({ name: 'assignment_reporting_period' })
export class ReportingPeriod {
  @PrimaryColumn('uuid', { name: 'assignment_id' })
  assignmentId: string;

  /** 2026-03 (monthly), 2026-Q1 (quarterly) or P1, P2 … (fixed-length periods). */
  @PrimaryColumn('text', { name: 'period_key' })
  periodKey: string;

  @Column('int', { name: 'period_index' })
  periodIndex: number;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('date', { name: 'starts_on' })
  startsOn: string;

  /** The last day of the period (inclusive), Europe/Stockholm. */
  @Column('date', { name: 'ends_on' })
  endsOn: string;

  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt: Date | null;

  @Column('text')
  state: PeriodState;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
