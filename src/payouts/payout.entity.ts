import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** bigint columns come back from pg as strings: money is converted to integer öre here. */
const ore = { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** A money column: bigint öre, read back as a number. */
const OreColumn = (name: string) => Column('bigint', { name, transformer: ore });

/** The money of a payout, for a whole batch or one person in it (the engine's totals; see src/fees). */
abstract class PayoutAmounts {
  @OreColumn('fees_ore')
  feesOre: number;

  @OreColumn('tax_free_travel_ore')
  taxFreeTravelOre: number;

  @OreColumn('taxable_travel_ore')
  taxableTravelOre: number;

  @OreColumn('contributions_ore')
  contributionsOre: number;

  @OreColumn('tax_withheld_ore')
  taxWithheldOre: number;

  @OreColumn('gross_ore')
  grossOre: number;

  @OreColumn('net_ore')
  netOre: number;

  @OreColumn('cost_ore')
  costOre: number;
}

export const BATCH_STATES = ['draft', 'approved', 'cancelled', 'empty'] as const;
/** draft (finance reviews) → approved (final: paid) or cancelled (lines go to the next run); empty: nothing to pay. */
export type BatchState = (typeof BATCH_STATES)[number];

export interface SkippedPerson {
  personId: string;
  /** Swedish: why the person's lines wait for a later run. */
  reason: string;
}

/**
 * One payer's payout for one period (`payout-run:<payer>:<period>`), or one of its supplementary runs
 * (`…:komplettering-<n>`, `supplement` n ≥ 1): at most one per payer, period and supplement, at most one draft per
 * payer and period.
 */
@Entity({ name: 'payout_batch' })
export class PayoutBatch extends PayoutAmounts {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'payer_code' })
  payerCode: string;

  @Column('text')
  period: string;

  @Column('text', { name: 'workflow_id' })
  workflowId: string;

  /** 0: the period's ordinary run; n ≥ 1: its n:th supplementary run (kompletteringsomgång). */
  @Column('int', { default: 0 })
  supplement: number;

  @Column('text')
  state: BatchState;

  /** Lines of activities up to this day are gathered. */
  @Column('date', { name: 'period_end' })
  periodEnd: string;

  /** The payment date the draft's figures assume; approval recomputes with the real one. */
  @Column('date', { name: 'computed_for' })
  computedFor: string;

  @Column('date', { name: 'payment_date', nullable: true })
  paymentDate: string | null;

  @Column('int', { name: 'person_count' })
  personCount: number;

  @Column('int', { name: 'line_count' })
  lineCount: number;

  @Column('int', { name: 'held_count' })
  heldCount: number;

  @Column('jsonb')
  skipped: SkippedPerson[];

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  @Column('uuid', { name: 'approved_by', nullable: true })
  approvedBy: string | null;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export const LINE_STATES = ['pending', 'paid', 'held', 'released'] as const;
/** pending (in a draft) → paid (approved) | held (finance held it back: next run) | released (batch cancelled: next run). */
export type LineState = (typeof LINE_STATES)[number];

/** One attested time report in a batch. A report is in at most one pending or paid line (payout_line_once). */
@Entity({ name: 'payout_line' })
export class PayoutLine {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'batch_id' })
  batchId: string;

  @Column('uuid', { name: 'time_report_id' })
  timeReportId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('date', { name: 'activity_date' })
  activityDate: string;

  @Column('text')
  state: LineState;

  @OreColumn('fee_ore')
  feeOre: number;

  @OreColumn('travel_ore')
  travelOre: number;

  @Column('text', { name: 'fee_rule', nullable: true })
  feeRule: string | null;

  @Column('text', { name: 'table_code', nullable: true })
  tableCode: string | null;

  @Column('int', { name: 'table_version', nullable: true })
  tableVersion: number | null;

  @Column('text', { name: 'hold_reason', nullable: true })
  holdReason: string | null;

  @Column('uuid', { name: 'held_by', nullable: true })
  heldBy: string | null;

  @Column('timestamptz', { name: 'held_at', nullable: true })
  heldAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One person's figures in a batch: what the payout slip, the bank file and the AGI show. */
@Entity({ name: 'payout_person' })
export class PayoutPerson extends PayoutAmounts {
  @PrimaryColumn('uuid', { name: 'batch_id' })
  batchId: string;

  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  /** Tax-free car allowance (part of taxFreeTravelOre): the AGI's box 050. */
  @OreColumn('tax_free_car_ore')
  taxFreeCarOre: number;

  /** Fees and taxable travel: the base of contributions and tax. */
  @OreColumn('taxable_pay_ore')
  taxablePayOre: number;

  /** The year's earlier taxable pay from this payer the figures assumed (the 1 000 kr threshold). */
  @OreColumn('earlier_taxable_pay_ore')
  earlierTaxablePayOre: number;

  @Column('text', { name: 'contribution_category', nullable: true })
  contributionCategory: string | null;

  @Column('text', { name: 'agi_pay_field' })
  agiPayField: '011' | '131';

  /** The engine's lines (rule, figures, rate table) for the payout slip. */
  @Column('jsonb')
  calculation: unknown;

  /** SHA-256 of the inputs the figures were computed from (src/payouts/payout-compute.ts); null: compute again before approval. */
  @Column('text', { name: 'inputs_key', nullable: true })
  inputsKey: string | null;

  /** The payout slip (a stored document about the person), once the batch is approved. */
  @Column('uuid', { name: 'slip_document_id', nullable: true })
  slipDocumentId: string | null;
}

/** The approval of a batch: one per batch (its key), final. */
@Entity({ name: 'payout_approval' })
export class PayoutApproval {
  @PrimaryColumn('uuid', { name: 'batch_id' })
  batchId: string;

  @Column('uuid', { name: 'approved_by' })
  approvedBy: string;

  @Column('timestamptz', { name: 'approved_at' })
  approvedAt: Date;

  @Column('date', { name: 'payment_date' })
  paymentDate: string;

  @OreColumn('net_ore')
  netOre: number;

  @Column('int', { name: 'line_count' })
  lineCount: number;
}
