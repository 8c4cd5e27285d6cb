import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Perspective } from '../people/person.entity';

export const REPRESENTATIONS = ['mandate', 'own-experience', 'both'] as const;
/** How the person represents (§3.3): an organisation's mandate, their own experience, or both. */
export type Representation = (typeof REPRESENTATIONS)[number];

export const FEE_MODES = ['session', 'hourly'] as const;
export type FeeMode = (typeof FEE_MODES)[number];

export const REPORTING_FREQUENCIES = ['monthly', 'quarterly'] as const;
export type ReportingFrequency = (typeof REPORTING_FREQUENCIES)[number];

/**
 * A person's assignment in one working group, from nomination to end of term. `state` is the read model of the
 * assignment workflow (`assignment:<id>`), written by its activities.
 */
@Entity({ name: 'assignment' })
export class Assignment {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  representation: Representation;

  /** The perspective the person brings to this group (patient / närstående), from the nomination (issue 16 #2). */
  @Column('text', { nullable: true })
  perspective: Perspective | null;

  /** Null for direct recruitment (no organisation). */
  @Column('uuid', { name: 'nominating_organisation_id', nullable: true })
  nominatingOrganisationId: string | null;

  @Column('text', { default: 'nominated' })
  state: string;

  @Column('date', { name: 'period_start', nullable: true })
  periodStart: string | null;

  @Column('date', { name: 'period_end', nullable: true })
  periodEnd: string | null;

  @Column('text', { name: 'fee_mode', default: 'session' })
  feeMode: FeeMode;

  @Column('text', { name: 'reporting_frequency', default: 'quarterly' })
  reportingFrequency: ReportingFrequency;

  /** Employed by a patient organisation whose job includes the assignment: no fee (§4.5.2). */
  @Column('boolean', { name: 'employed_by_organisation', default: false })
  employedByOrganisation: boolean;

  /** Agreed extra preparation, in full days per year (the routine's example: one reading day). */
  @Column('int', { name: 'extra_preparation_days', default: 0 })
  extraPreparationDays: number;

  /** Estimated hours a year in meetings and outside meetings (tidsåtgång, the basis of the fee). */
  @Column('int', { name: 'estimated_meeting_hours', nullable: true })
  estimatedMeetingHours: number | null;

  @Column('int', { name: 'estimated_other_hours', nullable: true })
  estimatedOtherHours: number | null;

  /** The group's named contact person for this representative (a user id). */
  @Column('uuid', { name: 'contact_user_id', nullable: true })
  contactUserId: string | null;

  @Column('text', { name: 'end_reason', nullable: true })
  endReason: string | null;

  /** The day (Europe/Stockholm) the assignment ended; set by the database when the read model moves it to `ended`. */
  @Column('date', { name: 'ended_on', nullable: true })
  endedOn: string | null;

  /** How the introduction (§4.4) was completed: the digital one, marked by the representative, or a meeting the coordinator recorded. */
  @Column('text', { name: 'introduction_kind', nullable: true })
  introductionKind: 'digital' | 'meeting' | null;

  /** The day of the introduction meeting, or the day the digital introduction was marked completed. */
  @Column('date', { name: 'introduction_held_on', nullable: true })
  introductionHeldOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
