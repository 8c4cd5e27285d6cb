import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ActivityKind } from '../fees';

export const GROUP_ACTIVITY_KINDS = ['meeting', 'other-work', 'extra-preparation', 'open-information-meeting'] as const;
/**
 * - `meeting`: a physical, telephone or video meeting of the group;
 * - `other-work`: other work the group calls to (and the agreement's own activity: work the agreement allows
 *   outside meetings);
 * - `extra-preparation`: agreed extra preparation or follow-up (§4.5.6's reading day);
 * - `open-information-meeting`: an open public information meeting (no fee, no travel: §4.5.2).
 */
export type GroupActivityKind = (typeof GROUP_ACTIVITY_KINDS)[number];

export const ACTIVITY_MODES = ['on-site', 'video', 'phone'] as const;
export type ActivityMode = (typeof ACTIVITY_MODES)[number];

export const FEE_RULES = ['by-length', 'hourly', 'full-day', 'half-day', 'short'] as const;
/** `by-length`: the tier from the person's time including travel; `hourly`: per hour; or a fixed tier. */
export type FeeRule = (typeof FEE_RULES)[number];

/** The fee engine's kind for a report of an activity of this kind (other work is paid as a meeting). */
export function feeKindOf(kind: GroupActivityKind): ActivityKind {
  return kind === 'other-work' ? 'meeting' : kind;
}

/**
 * A meeting or other work a working group calls representatives to (§4.5.1), or — with `assignmentId` — the
 * agreement's own activity of one assignment (work the agreement allows outside meetings, reported per day).
 */
@Entity({ name: 'group_activity' })
export class GroupActivity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  /** Set only for the agreement's own activity of this assignment. */
  @Column('uuid', { name: 'assignment_id', nullable: true })
  assignmentId: string | null;

  @Column('text')
  title: string;

  @Column('text')
  kind: GroupActivityKind;

  /** Null for the agreement's own activity (the report gives the day). */
  @Column('date', { name: 'activity_date', nullable: true })
  activityDate: string | null;

  /** HH:MM:SS as PostgreSQL returns a `time`. */
  @Column('time', { name: 'start_time', nullable: true })
  startTime: string | null;

  @Column('int', { name: 'duration_minutes', nullable: true })
  durationMinutes: number | null;

  @Column('text', { nullable: true })
  mode: ActivityMode | null;

  @Column('text', { name: 'fee_rule', default: 'by-length' })
  feeRule: FeeRule;

  @Column('jsonb', { default: () => `'[]'::jsonb` })
  agenda: string[];

  @Column('date', { name: 'material_sent_on', nullable: true })
  materialSentOn: string | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An assignment called to an activity. */
@Entity({ name: 'group_activity_called' })
export class GroupActivityCalled {
  @PrimaryColumn('uuid', { name: 'activity_id' })
  activityId: string;

  @PrimaryColumn('uuid', { name: 'assignment_id' })
  assignmentId: string;
}
