import { ApiProperty } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import type { PayoutRunPhase, PayoutRunStatus } from '../../../workflows/payout-run.messages';
import { BATCH_STATES, LINE_STATES, type BatchState, type SkippedPerson } from '../payout.entity';
import type { BatchDecorated, BatchLineView, BatchPersonView, BatchView, BatchWarning } from '../payouts.service';

export const PAYOUT_RUN_PHASES = ['gathering', 'awaiting-approval', 'approved', 'cancelled', 'empty'] as const satisfies readonly PayoutRunPhase[];

export class SkippedPersonDto implements Json<SkippedPerson> {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ description: 'Varför personens rader väntar till en senare utbetalning.' }) reason: string;
}

/** One payer's payout for one period (or one of its supplementary runs), with its sums in öre. */
export class PayoutBatchDto implements Json<BatchDecorated> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() payerCode: string;
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ example: 'mars 2026' }) periodLabel: string;
  @ApiProperty({ description: '0: periodens ordinarie omgång; n ≥ 1: dess n:te kompletteringsomgång.' }) supplement: number;
  @ApiProperty() supplementary: boolean;
  @ApiProperty({ description: 'Periodens namn, med "kompletteringsomgång n" för en kompletteringsomgång.' }) label: string;
  @ApiProperty() workflowId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: BATCH_STATES }) state: BatchState;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ format: 'date' }) computedFor: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) paymentDate: string | null;
  @ApiProperty() personCount: number;
  @ApiProperty() lineCount: number;
  @ApiProperty() heldCount: number;
  @ApiProperty() feesOre: number;
  @ApiProperty() taxFreeTravelOre: number;
  @ApiProperty() taxableTravelOre: number;
  @ApiProperty() contributionsOre: number;
  @ApiProperty() taxWithheldOre: number;
  @ApiProperty() grossOre: number;
  @ApiProperty() netOre: number;
  @ApiProperty() costOre: number;
  @ApiProperty({ type: [SkippedPersonDto] }) skipped: SkippedPersonDto[];
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approvedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SlipProgressDto {
  @ApiProperty() made: number;
  @ApiProperty({ type: String, nullable: true }) failed: string | null;
}

/** The payout run workflow's live status (its query). */
export class PayoutRunStatusDto implements Json<PayoutRunStatus> {
  @ApiProperty() payerCode: string;
  @ApiProperty() period: string;
  @ApiProperty() supplement: number;
  @ApiProperty({ enum: PAYOUT_RUN_PHASES }) phase: PayoutRunPhase;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) batchId: string | null;
  @ApiProperty() pendingLines: number;
  @ApiProperty() heldLines: number;
  @ApiProperty({ type: Number, nullable: true }) netOre: number | null;
  @ApiProperty({ type: String, nullable: true }) paymentDate: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'När utkastet avslås om ingen godkänner det.' }) approveBy: string | null;
  @ApiProperty({ type: SlipProgressDto, nullable: true }) slips: SlipProgressDto | null;
}

export class PayoutRunRefDto {
  @ApiProperty() workflowId: string;
  @ApiProperty({ type: PayoutRunStatusDto, nullable: true, description: 'Null när arbetsflödet inte svarar just nu.' }) status: PayoutRunStatusDto | null;
}

export class BatchPersonDto implements Json<BatchPersonView> {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() personName: string;
  @ApiProperty() feesOre: number;
  @ApiProperty() taxFreeTravelOre: number;
  @ApiProperty() taxableTravelOre: number;
  @ApiProperty() taxablePayOre: number;
  @ApiProperty() contributionsOre: number;
  @ApiProperty() taxWithheldOre: number;
  @ApiProperty() netOre: number;
  @ApiProperty() costOre: number;
  @ApiProperty() earlierTaxablePayOre: number;
  @ApiProperty({ enum: ['011', '131'], description: 'Fältet i arbetsgivardeklarationen.' }) agiPayField: '011' | '131';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) slipDocumentId: string | null;
  @ApiProperty() paymentDetailsChanged: boolean;
}

export class BatchLineDto implements Json<BatchLineView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) timeReportId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() personName: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ format: 'date' }) activityDate: string;
  @ApiProperty() kind: string;
  @ApiProperty() minutes: number;
  @ApiProperty({ enum: LINE_STATES }) state: (typeof LINE_STATES)[number];
  @ApiProperty() feeOre: number;
  @ApiProperty() travelOre: number;
  @ApiProperty({ type: String, nullable: true }) feeRule: string | null;
  @ApiProperty({ type: String, nullable: true }) rateTable: string | null;
  @ApiProperty({ type: String, nullable: true }) holdReason: string | null;
}

export class BatchWarningDto implements Json<BatchWarning> {
  @ApiProperty({ enum: ['payment-details-changed'] }) kind: 'payment-details-changed';
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() personName: string;
  @ApiProperty() message: string;
}

/** A payout run: the batch, its workflow, people, lines and warnings. */
export class BatchViewDto implements Json<BatchView> {
  @ApiProperty({ type: PayoutBatchDto }) batch: PayoutBatchDto;
  @ApiProperty({ type: PayoutRunRefDto }) run: PayoutRunRefDto;
  @ApiProperty({ type: [BatchPersonDto] }) persons: BatchPersonDto[];
  @ApiProperty({ type: [BatchLineDto] }) lines: BatchLineDto[];
  @ApiProperty({ type: [BatchWarningDto] }) warnings: BatchWarningDto[];
}
