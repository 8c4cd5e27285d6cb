import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const GROUP_KINDS = ['NPO', 'NSG', 'NAG', 'RPO', 'RAG'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** The six healthcare regions (sjukvårdsregioner); a group's host region is one of them. */
export const HEALTHCARE_REGIONS = ['norra', 'mellansverige', 'stockholm-gotland', 'sydostra', 'vastra', 'sodra'] as const;
export type HealthcareRegion = (typeof HEALTHCARE_REGIONS)[number];

/** A national (or regional) working group that needs patient and next-of-kin representatives. */
@Entity({ name: 'working_group' })
export class WorkingGroup {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: GroupKind;

  @Column('uuid', { name: 'parent_group_id', nullable: true })
  parentGroupId: string | null;

  @Column('text', { name: 'host_region', nullable: true })
  hostRegion: HealthcareRegion | null;

  /** The commission (uppdragsbeskrivning) the agreements follow. */
  @Column('text')
  commission: string;

  @Column('boolean', { default: true })
  standing: boolean;

  @Column('date', { name: 'ends_on', nullable: true })
  endsOn: string | null;

  /** Set when the group has already started its work: recruitment is then urgent (§4.2). */
  @Column('date', { name: 'work_started_on', nullable: true })
  workStartedOn: string | null;

  @Column('int', { name: 'min_representatives', default: 2 })
  minRepresentatives: number;

  /** Read model of the recruitment workflow's state, written by activities. */
  @Column('text', { name: 'recruitment_state', default: 'not-started' })
  recruitmentState: string;

  /**
   * Since when the group has had fewer active representatives than its minimum after an active one left (a
   * withdrawal, a withdrawn mandate, an ended agreement); null when it is not below, or never was staffed by anyone
   * who left. Read model of the recruitment workflow (issue 13 #10); an urgent round runs meanwhile.
   */
  @Column('timestamptz', { name: 'below_minimum_since', nullable: true })
  belowMinimumSince: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
