import { ApiProperty } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import { ACTIVITY_KINDS, type ActivityKind } from '../../fees/fee-engine';
import { ActivityDto } from '../../group-activities/dto/group-activity.dto';
import { ATTESTATION_DECISIONS, PARTICIPATION_MODES, TIME_REPORT_STATES, type AttestationDecision, type Participation, type TimeReportState } from '../time-report.entity';
import type { LinePayoutView, ReceiptView, TimeReportView } from '../time-reports.service';

export class FiguresDto {
  @ApiProperty() durationMinutes: number;
  @ApiProperty() travelMinutes: number;
  @ApiProperty() ticketCostOre: number;
  @ApiProperty() otherTravelCostOre: number;
  @ApiProperty() carKm: number;
}

export class AttestationDto {
  @ApiProperty({ enum: ATTESTATION_DECISIONS, nullable: true, description: 'Samordnarens beslut; null innan rapporten är attesterad.' })
  decision: AttestationDecision | null;
  @ApiProperty({ type: String, nullable: true, description: 'Varför raden justerades eller avslogs.' }) reason: string | null;
  @ApiProperty({ type: FiguresDto, nullable: true }) attested: FiguresDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) attestedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) attestedAt: string | null;
}

export class ReceiptViewDto implements Json<ReceiptView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'date' }) receiptDate: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

export class LinePayoutViewDto implements Json<LinePayoutView> {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty() payerCode: string;
  @ApiProperty({ enum: ['pending', 'paid', 'held', 'released'] }) state: 'pending' | 'paid' | 'held' | 'released';
  @ApiProperty({ type: String, nullable: true }) holdReason: string | null;
}

/** A time and cost report with its receipts, attestation and payout. */
export class TimeReportViewDto implements Json<TimeReportView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() payerCode: string;
  @ApiProperty({ format: 'date' }) activityDate: string;
  @ApiProperty({ enum: ACTIVITY_KINDS }) kind: ActivityKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) activityId: string | null;
  @ApiProperty({ type: ActivityDto, nullable: true }) activity: Json<ActivityDto> | null;
  @ApiProperty() meetingRef: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: PARTICIPATION_MODES }) participation: Participation;
  @ApiProperty({ type: FiguresDto }) reported: FiguresDto;
  @ApiProperty({ enum: TIME_REPORT_STATES }) state: TimeReportState;
  @ApiProperty({ format: 'date', description: 'Sista dag att begära ersättningen.' }) claimDeadline: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: AttestationDto }) attestation: AttestationDto;
  @ApiProperty({ type: [ReceiptViewDto] }) receipts: ReceiptViewDto[];
  @ApiProperty({ type: LinePayoutViewDto, nullable: true }) payout: LinePayoutViewDto | null;
}
