import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { isUuid } from './checks';
import { samePayer } from './payer-code';
import type { PolicyDuration } from './duration';

export interface PayoutRunPolicy {
  /** Finance has this long to approve a draft; then the batch is cancelled and its lines go to the next run. */
  approveWithin: PolicyDuration;
  /** Payout slips per activity (at least 1). Part of the input, so a run keeps the value it started with. */
  slipsPerActivity: number;
  /** How many slip activities run at once (at least 1). */
  slipActivitiesAtOnce: number;
}

/** Payout slips per activity, and how many such activities run at once (see payoutRunWorkflow). */
export const SLIPS_PER_ACTIVITY = 200;
export const SLIP_ACTIVITIES_AT_ONCE = 3;

export const defaultPayoutRunPolicy: PayoutRunPolicy = {
  approveWithin: '60 days',
  slipsPerActivity: SLIPS_PER_ACTIVITY,
  slipActivitiesAtOnce: SLIP_ACTIVITIES_AT_ONCE,
};

export interface PayoutRunInput {
  /** Canonical payer code (SKL is SKR). */
  payerCode: string;
  /** `YYYY-MM` or `YYYY-Qn`, per the payer's payout frequency. */
  period: string;
  /**
   * 0 or absent: the period's ordinary run. 1, 2, …: a supplementary run (kompletteringsomgång) of the period, for
   * lines attested after the earlier runs of the period closed.
   */
  supplement?: number;
  policy?: Partial<PayoutRunPolicy>;
}

/**
 * What the workflow learns of its batch (from the activities): IDs, counts and totals, never personal data — and
 * never a list of lines, so the summary stays a few hundred bytes whatever the batch's size.
 */
export interface PayoutBatchSummary {
  batchId: string;
  payerCode: string;
  period: string;
  state: 'draft' | 'approved' | 'cancelled' | 'empty';
  /** Lines waiting for approval (0 once approved: they are paid then). */
  pendingLines: number;
  /** Lines finance held back (they return to the next run). */
  heldLines: number;
  /** Lines pending or paid. */
  lineCount: number;
  personCount: number;
  netOre: number;
  paymentDate: string | null;
  approvedBy: string | null;
  skipped: number;
}

/**
 * A summary as histories written before November 2026 hold it: every line id instead of counts. The workflow
 * reads summaries through `pendingLinesOf` / `heldLinesOf`, so replaying an old history gives the same status.
 */
export type StoredBatchSummary = Omit<PayoutBatchSummary, 'pendingLines' | 'heldLines' | 'lineCount'> & {
  pendingLines?: number;
  heldLines?: number;
  lineCount?: number;
  pendingLineIds?: string[];
  heldLineIds?: string[];
};

export const pendingLinesOf = (s: StoredBatchSummary | undefined): number => s?.pendingLines ?? s?.pendingLineIds?.length ?? 0;
export const heldLinesOf = (s: StoredBatchSummary | undefined): number => s?.heldLines ?? s?.heldLineIds?.length ?? 0;

/** A line id has the shape of a UUID (whether it is in the batch, the hold activity tells). */
export const isLineId = (v: unknown): v is string => isUuid(v);

export type PayoutRunPhase = 'gathering' | 'awaiting-approval' | 'approved' | 'cancelled' | 'empty';

/** What finance sees of a run: IDs, counts and the net total, never names or numbers of people. */
export interface PayoutRunStatus {
  payerCode: string;
  period: string;
  /** 0: the ordinary run; n > 0: the period's n:th supplementary run. */
  supplement: number;
  phase: PayoutRunPhase;
  batchId: string | null;
  pendingLines: number;
  heldLines: number;
  netOre: number | null;
  paymentDate: string | null;
  approvedBy: string | null;
  /** Set while a draft waits: when it is cancelled if nobody approves it (ISO timestamp). */
  approveBy: string | null;
  /** After approval: how many payout slips were made, or why they could not be. */
  slips: { made: number; failed: string | null } | null;
}

/** The user taking a step: the API passes what the session says; the workflow checks role and payer again. */
export interface FinanceActor {
  userId: string;
  roles: string[];
  payerCode: string | null;
}

/** Finance holds one line back with a reason; it returns to the next run. */
export const holdLineUpdate = defineUpdate<PayoutRunStatus, [FinanceActor & { lineId: string; reason: string }]>('holdLine');
/** Finance of THIS payer approves the draft: only then is the batch final. */
export const approveUpdate = defineUpdate<PayoutRunStatus, [FinanceActor]>('approve');
/** Why an approval was refused although the draft was fine: its figures had to be recomputed first. */
export const RECOMPUTED_MESSAGE =
  'Beloppen har räknats om sedan utkastet (ny utbetalningsdag eller en annan godkänd utbetalning). Granska utbetalningen och godkänn igen.';

/** Finance rejects the whole draft: cancelled, every line returns to the next run. */
export const cancelRunUpdate = defineUpdate<PayoutRunStatus, [FinanceActor & { reason: string }]>('cancelRun');

export const payoutRunStatusQuery = defineQuery<PayoutRunStatus>('payoutRunStatus');

/** SKL became SKR in 2019: the routine's SKL is the same payer (the one rule: ./payer-code.ts). */
export function samePayerCode(a: string | null, b: string): boolean {
  return samePayer(a, b);
}

export interface PayoutScheduleInput {
  policy?: Partial<PayoutRunPolicy>;
}

export interface PayoutScheduleResult {
  started: string[];
  alreadyStarted: string[];
  reminders: number;
}
