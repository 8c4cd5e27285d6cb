import type { RecusalRow } from '../declarations.repository';
import { InvitationStatusDto } from '../../recruitment/dto/recruitment-view.dto';
import { PERSPECTIVES, type Perspective } from '../../people/person.entity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import { ASSIGNMENT_STATES, type AssignmentState, type AssignmentStatus, type DeclarationState, type PeriodState } from '../../../workflows/assignment.messages';
import { FEE_MODES, REPORTING_FREQUENCIES, REPRESENTATIONS, type Assignment, type FeeMode, type ReportingFrequency, type Representation } from '../assignment.entity';
import type { AssignmentView } from '../assignment-steps.service';
import type { ReportingPeriod } from '../reporting-period.entity';

export const END_REASONS = ['period-ended', 'withdrawn', 'mandate-withdrawn', 'group-ended', 'declined', 'no-answer'] as const;
export const DECLARATION_STATES = ['none', 'submitted', 'needs-changes', 'approved', 'due', 'overdue'] as const satisfies readonly DeclarationState[];
export const PERIOD_STATES = ['open', 'awaiting-report', 'submitted', 'attested', 'missed', 'unattested'] as const satisfies readonly PeriodState[];
export const AGREEMENT_STATES = ['drafted', 'signed', 'countersigned'] as const;
export const DECLARATION_RECORD_STATES = ['stored', 'submitted', 'approved', 'needs-changes'] as const;

export class StatusDeclarationDto {
  @ApiProperty({ enum: DECLARATION_STATES }) state: DeclarationState;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) declarationId: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'När nästa jävsdeklaration ska lämnas.' }) nextDueAt: string | null;
}

export class StatusPeriodDto {
  @ApiProperty({ example: '2026-03' }) key: string;
  @ApiProperty({ enum: PERIOD_STATES }) state: PeriodState;
  @ApiProperty({ description: 'När perioden slutar.' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Sista dag för rapporten; null medan perioden pågår.' }) dueAt: string | null;
}

export class StatusReportingDto {
  @ApiProperty({ enum: REPORTING_FREQUENCIES }) frequency: ReportingFrequency;
  @ApiProperty({ type: [StatusPeriodDto] }) periods: StatusPeriodDto[];
  @ApiProperty({ type: [String] }) missed: string[];
  @ApiProperty() attested: number;
}

/** The assignment workflow's live status (its query, and the answer of every step). */
export class AssignmentStatusDto implements Json<AssignmentStatus> {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId: string | null;
  @ApiProperty({ enum: REPRESENTATIONS }) representation: Representation;
  @ApiProperty({ enum: ASSIGNMENT_STATES }) state: AssignmentState;
  @ApiProperty({ enum: END_REASONS, nullable: true }) endReason: (typeof END_REASONS)[number] | null;
  @ApiProperty({ enum: ['representative', 'coordinator'], nullable: true, description: 'Vems tur det är.' }) waitingFor: 'representative' | 'coordinator' | null;
  @ApiProperty({ type: String, nullable: true }) deadline: string | null;
  @ApiProperty() remindersSent: number;
  @ApiProperty({ description: 'Steget är försenat: påminnelserna och samordnarens besked har gått ut (samordnaren kan förlänga eller avsluta).' }) overdue: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) agreementId: string | null;
  @ApiProperty({ type: StatusDeclarationDto }) declaration: StatusDeclarationDto;
  @ApiProperty({ type: StatusReportingDto }) reporting: StatusReportingDto;
  @ApiProperty({ type: String, nullable: true }) activatedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) tenureEndsAt: string | null;
  @ApiProperty() transitions: number;
}

export class AssignmentRecordDto implements Json<Assignment> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: REPRESENTATIONS }) representation: Representation;
  @ApiProperty({ enum: PERSPECTIVES, nullable: true, description: 'Patient eller närstående, i just det här uppdraget.' }) perspective: Perspective | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) nominatingOrganisationId: string | null;
  @ApiProperty({ enum: ASSIGNMENT_STATES, description: 'Läsmodellen av arbetsflödets läge.' }) state: AssignmentState;
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodStart: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodEnd: string | null;
  @ApiProperty({ enum: FEE_MODES }) feeMode: FeeMode;
  @ApiProperty({ enum: REPORTING_FREQUENCIES }) reportingFrequency: ReportingFrequency;
  @ApiProperty() employedByOrganisation: boolean;
  @ApiProperty() extraPreparationDays: number;
  @ApiProperty({ type: Number, nullable: true }) estimatedMeetingHours: number | null;
  @ApiProperty({ type: Number, nullable: true }) estimatedOtherHours: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contactUserId: string | null;
  @ApiProperty({ enum: END_REASONS, nullable: true }) endReason: (typeof END_REASONS)[number] | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endedOn: string | null;
  @ApiProperty({ enum: ['digital', 'meeting'], nullable: true, description: 'Hur introduktionen genomfördes.' }) introductionKind: 'digital' | 'meeting' | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) introductionHeldOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class NamedRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class AssignmentPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'Person- och betalningsuppgifterna är lämnade (de visas aldrig).' }) detailsGiven: boolean;
}

export class AgreementSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: AGREEMENT_STATES }) state: (typeof AGREEMENT_STATES)[number];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) documentId: string | null;
  @ApiProperty({ format: 'date-time' }) draftedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) signedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) countersignedAt: string | null;
}

/** How often the declaration is renewed (the payer's rule). */
export class DeclarationRenewalDto {
  @ApiProperty() months: number;
  @ApiProperty() text: string;
}

export class DeclarationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DECLARATION_RECORD_STATES }) state: (typeof DECLARATION_RECORD_STATES)[number];
  @ApiProperty() hasInterests: boolean;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewComment: string | null;
  @ApiProperty({ type: String, nullable: true, required: false, description: 'De deklarerade intressena (bara för den som får se dem).' })
  interests?: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Deklarationen som dokument (PDF), undertecknad av företrädaren.' }) documentId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Versionen med samordnarens bedömning.' }) assessedDocumentId: string | null;
  @ApiProperty({ type: DeclarationRenewalDto }) renewal: DeclarationRenewalDto;
}

/** Jäv: a matter or agenda item the member takes no part in, for one declared interest (issue 16 #7). */
export class RecusalDto implements Json<RecusalRow> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) declarationId: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ description: 'Vilket deklarerat intresse (rad) det gäller, från 1.' }) interestNo: number;
  @ApiProperty() matter: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) activityId: string | null;
  @ApiProperty({ type: String, nullable: true }) activityTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) activityDate: string | null;
  @ApiProperty({ type: String, nullable: true }) agendaItem: string | null;
  @ApiProperty() createdAt: string;
}

export class ReportingPeriodDto implements Json<ReportingPeriod> {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ example: '2026-03' }) periodKey: string;
  @ApiProperty() periodIndex: number;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ enum: PERIOD_STATES }) state: PeriodState;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AssignmentWorkflowDto {
  @ApiProperty() workflowId: string;
  @ApiProperty() running: boolean;
  @ApiProperty({ type: AssignmentStatusDto, nullable: true, description: 'Null när arbetsflödet inte svarar just nu.' }) status: AssignmentStatusDto | null;
}

/** An assignment: its read model, group, person, agreement, declaration, reporting periods and live status. */
export class AssignmentViewDto implements Json<AssignmentView> {
  @ApiProperty({ type: AssignmentRecordDto }) assignment: AssignmentRecordDto;
  @ApiProperty({ type: NamedRefDto }) group: NamedRefDto;
  @ApiProperty({ type: AssignmentPersonDto }) person: AssignmentPersonDto;
  @ApiProperty({ type: AgreementSummaryDto, nullable: true }) agreement: AgreementSummaryDto | null;
  @ApiProperty({ type: DeclarationSummaryDto, nullable: true }) declaration: DeclarationSummaryDto | null;
  @ApiProperty({ type: [RecusalDto], description: 'Jäv: det medlemmen inte deltar i, per deklarerat intresse.' }) recusals: RecusalDto[];
  @ApiProperty({ type: [ReportingPeriodDto] }) reportingPeriods: ReportingPeriodDto[];
  @ApiProperty({ type: AssignmentWorkflowDto }) workflow: AssignmentWorkflowDto;
  @ApiPropertyOptional({ type: InvitationStatusDto, description: 'Personens inbjudan (för gruppens samordnare och administratörer).' }) invitation?: InvitationStatusDto;
}
