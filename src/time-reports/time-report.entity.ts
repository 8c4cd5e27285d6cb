import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ACTIVITY_KINDS, ActivityKind } from '../fees';

export { ACTIVITY_KINDS };
export type { ActivityKind };

export const PARTICIPATION_MODES = ['on-site', 'video', 'phone'] as const;
/** How the person took part (§4.5.2: meetings are physical, telephone or video meetings alike). */
export type Participation = (typeof PARTICIPATION_MODES)[number];

export const TIME_REPORT_STATES = ['draft', 'submitted', 'attested', 'rejected'] as const;
/** draft (being written, receipts being added) → submitted → attested or rejected by the coordinator. */
export type TimeReportState = (typeof TIME_REPORT_STATES)[number];

export const ATTESTATION_DECISIONS = ['confirmed', 'adjusted', 'rejected'] as const;
export type AttestationDecision = (typeof ATTESTATION_DECISIONS)[number];

/**
 * One reported meeting or activity of a representative in one assignment: the line the coordinator attests and a
 * payout run pays. Payouts use the `attested*` figures. Whether it is paid is told by `payout_line`, never here.
 */
@Entity({ name: 'time_report' })
export class TimeReport {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'assignment_id' })
  assignmentId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  /** The paying body of the group (the host region of an NPO and its NAGs; SKR for NSGs and their NAGs). */
  @Column('text', { name: 'payer_code' })
  payerCode: string;

  @Column('date', { name: 'activity_date' })
  activityDate: string;

  @Column('text')
  kind: ActivityKind;

  /** Which meeting (a meeting id, or its title): with date and kind it tells two reports of one activity apart. */
  @Column('text', { name: 'meeting_ref', default: '' })
  meetingRef: string;

  /** The group's activity (or the agreement's own activity) this report is made against. */
  @Column('uuid', { name: 'activity_id', nullable: true })
  activityId: string | null;

  /** Filled by the database from the activity: true for an agreement's own activity (one report per day). */
  @Column('boolean', { name: 'activity_per_day', default: false })
  activityPerDay: boolean;

  @Column('text', { nullable: true })
  description: string | null;

  /** The meeting or work itself, in minutes. */
  @Column('int', { name: 'duration_minutes' })
  durationMinutes: number;

  /** Travel time, counted into the length of the activity (§4.5.2 "inklusive eventuell färdtid"). */
  @Column('int', { name: 'travel_minutes', default: 0 })
  travelMinutes: number;

  @Column('text')
  participation: Participation;

  /** Train, bus or plane tickets, in öre (reimbursed with a receipt). */
  @Column('int', { name: 'ticket_cost_ore', default: 0 })
  ticketCostOre: number;

  /** Other travel costs (local transport, parking), in öre (reimbursed with a receipt). */
  @Column('int', { name: 'other_travel_cost_ore', default: 0 })
  otherTravelCostOre: number;

  /** Kilometres driven in the person's own car, both ways. */
  @Column('int', { name: 'car_km', default: 0 })
  carKm: number;

  @Column('text', { default: 'draft' })
  state: TimeReportState;

  /** Last day to send in the claim (the claim policy in force when the report was made). */
  @Column('date', { name: 'claim_deadline' })
  claimDeadline: string;

  @Column('timestamptz', { name: 'first_submitted_at', nullable: true })
  firstSubmittedAt: Date | null;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column('text', { name: 'attestation_decision', nullable: true })
  attestationDecision: AttestationDecision | null;

  /** Why the coordinator adjusted or rejected the line: shown to the person. */
  @Column('text', { name: 'attestation_reason', nullable: true })
  attestationReason: string | null;

  @Column('int', { name: 'attested_duration_minutes', nullable: true })
  attestedDurationMinutes: number | null;

  @Column('int', { name: 'attested_travel_minutes', nullable: true })
  attestedTravelMinutes: number | null;

  @Column('int', { name: 'attested_ticket_cost_ore', nullable: true })
  attestedTicketCostOre: number | null;

  @Column('int', { name: 'attested_other_travel_cost_ore', nullable: true })
  attestedOtherTravelCostOre: number | null;

  @Column('int', { name: 'attested_car_km', nullable: true })
  attestedCarKm: number | null;

  @Column('uuid', { name: 'attested_by', nullable: true })
  attestedBy: string | null;

  @Column('timestamptz', { name: 'attested_at', nullable: true })
  attestedAt: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A receipt file of a time report, kept in PostgreSQL with its SHA-256 (the same file twice is one receipt). */
@Entity({ name: 'time_report_receipt' })
export class TimeReportReceipt {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'time_report_id' })
  timeReportId: string;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('int', { name: 'size_bytes' })
  sizeBytes: number;

  @Column('text')
  sha256: string;

  @Column('bytea', { select: false })
  content: Buffer;

  /** The date on the receipt (the purchase), checked against the policy's maximum age. */
  @Column('date', { name: 'receipt_date' })
  receiptDate: string;

  @Column('uuid', { name: 'uploaded_by', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}

/** The claim rules of a payer (`scope` = its code) or of everyone else (`scope` = `default`). */
@Entity({ name: 'claim_policy' })
export class ClaimPolicy {
  @PrimaryColumn('text')
  scope: string;

  @Column('int', { name: 'claim_within_months' })
  claimWithinMonths: number;

  @Column('int', { name: 'receipt_max_age_months' })
  receiptMaxAgeMonths: number;

  @Column('int', { name: 'remind_days_before' })
  remindDaysBefore: number;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A reminder that a claim is about to pass its deadline. Recorded here until the notifications outbox
 * (src/notifications) carries mail; one per report and deadline.
 */
@Entity({ name: 'claim_reminder' })
export class ClaimReminder {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'time_report_id' })
  timeReportId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('date', { name: 'claim_deadline' })
  claimDeadline: string;

  @Column('date', { name: 'reminded_on' })
  remindedOn: string;

  @Column('text')
  message: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
