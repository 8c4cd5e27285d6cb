import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { REPRESENTATIONS } from '../../assignments/assignment.entity';
import type { Json } from '../../common/json-shape';
import { GROUP_KINDS } from '../../working-groups/working-group.entity';
import { ASSIGNMENT_STATES } from '../../../workflows/assignment.messages';
import type { ReviewActivityRow, ReviewParticipationRow } from '../group-reviews.repository';
import type { GroupReviewView, ReviewDecisionView, ReviewPolicyView, ReviewRepresentativeView } from '../group-reviews.service';
import { REVIEW_DECISIONS, REVIEW_POLICY_LIMITS, type ReviewDecision } from '../review-policy';

const ACTIVITY_KINDS = ['meeting', 'other-work', 'extra-preparation', 'open-information-meeting'] as const;
const MODES = ['on-site', 'video', 'phone'] as const;
const PERSPECTIVES = ['patient', 'next-of-kin'] as const;

/** The decision of a group's yearly review. */
export class RecordReviewDecisionDto {
  @ApiProperty({ enum: REVIEW_DECISIONS, description: 'continue: gruppen fortsätter som i dag; change: den fortsätter med förändringar (ange vilka); end: gruppen avslutas.' })
  @IsIn(REVIEW_DECISIONS, { message: 'Välj om gruppen fortsätter, fortsätter med förändringar eller avslutas.' })
  decision: ReviewDecision;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'Vilka förändringar som ska göras (krävs när beslutet är change, annars tomt). Visas som text.' })
  @IsOptional()
  @IsString({ message: 'Förändringarna anges som text.' })
  @MaxLength(2000, { message: 'Förändringarna får vara högst 2000 tecken.' })
  changes?: string | null;

  @ApiPropertyOptional({ description: 'Måste vara true när beslutet är end: gruppen och alla dess uppdrag avslutas, och det går inte att ångra.' })
  @IsOptional()
  @IsBoolean({ message: 'Bekräftelsen anges som true eller false.' })
  confirmEnd?: boolean;
}

export class SaveReviewPolicyDto {
  @ApiProperty({ description: 'Månaden (1–12) översynen görs i; den ska vara klar senast månadens sista dag.', minimum: 1, maximum: 12, example: 12 })
  @IsInt({ message: 'Månaden anges som ett heltal.' })
  @Min(REVIEW_POLICY_LIMITS.reviewMonth.min, { message: 'Månaden måste vara från 1 till 12.' })
  @Max(REVIEW_POLICY_LIMITS.reviewMonth.max, { message: 'Månaden måste vara från 1 till 12.' })
  reviewMonth: number;

  @ApiProperty({ description: 'Hur gammal (i dagar) en grupp måste vara när översynsmånaden börjar för att ses över det året.', minimum: 0, maximum: 3650, example: 180 })
  @IsInt({ message: 'Antalet dagar anges som ett heltal.' })
  @Min(REVIEW_POLICY_LIMITS.minAgeDays.min, { message: 'Antalet dagar måste vara från 0 till 3650.' })
  @Max(REVIEW_POLICY_LIMITS.minAgeDays.max, { message: 'Antalet dagar måste vara från 0 till 3650.' })
  minAgeDays: number;
}

export class ReviewPolicyDto implements Json<ReviewPolicyView> {
  @ApiProperty({ minimum: 1, maximum: 12 }) reviewMonth: number;
  @ApiProperty({ minimum: 0, maximum: 3650 }) minAgeDays: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Året vars översyn är öppen nu.' }) openYear: number;
  @ApiProperty({ example: '2026-12-01' }) opensOn: string;
  @ApiProperty({ example: '2026-12-31' }) dueOn: string;
}

export class ReviewRepresentativeDto implements Json<ReviewRepresentativeView> {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, enum: PERSPECTIVES }) perspective: string | null;
  @ApiProperty({ enum: REPRESENTATIONS }) representation: string;
  @ApiProperty({ type: String, nullable: true }) organisationName: string | null;
  @ApiProperty({ example: '2026-02-01', description: 'Uppdragets första dag (överenskommelsens), annars dagen för erbjudandet.' }) since: string;
  @ApiProperty({ enum: ASSIGNMENT_STATES }) state: string;
  @ApiProperty({ type: String, nullable: true }) endedOn: string | null;
}

export class ReviewActivityDto implements Json<ReviewActivityRow> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-03-10' }) date: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ACTIVITY_KINDS }) kind: string;
  @ApiProperty({ type: String, nullable: true, enum: MODES }) mode: string | null;
  @ApiProperty({ description: 'Företrädare kallade till aktiviteten.' }) called: number;
  @ApiProperty({ description: 'Tidrapporter inskickade för aktiviteten (inskickade eller attesterade).' }) reports: number;
  @ApiProperty({ type: String, nullable: true }) materialSentOn: string | null;
}

export class ReviewParticipationDto implements Json<ReviewParticipationRow> {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Årets aktiviteter företrädaren kallades till.' }) called: number;
  @ApiProperty({ description: 'Av dem, de som företrädaren rapporterade tid för.' }) reported: number;
}

export class ReviewStaffingDto {
  @ApiProperty() minimum: number;
  @ApiProperty() active: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) belowMinimumSince: string | null;
  @ApiProperty({ type: [ReviewRepresentativeDto] }) representatives: ReviewRepresentativeDto[];
}

export class ReviewDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256: string;
}

export class ReviewDecisionDto implements Json<ReviewDecisionView> {
  @ApiProperty({ enum: REVIEW_DECISIONS }) decision: ReviewDecision;
  @ApiProperty({ type: String, nullable: true }) changes: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: string;
  @ApiProperty({ type: ReviewDocumentDto, nullable: true, description: 'Årsrapporten som sparades med beslutet.' }) document: ReviewDocumentDto | null;
}

export class ReviewedByDto {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() name: string;
}

export class GroupReviewDto implements Json<GroupReviewView> {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ enum: GROUP_KINDS }) groupKind: (typeof GROUP_KINDS)[number];
  @ApiProperty({ type: String, nullable: true }) parentName: string | null;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ type: ReviewedByDto, description: 'Gruppen vars samordnare gör översynen: NPO:n (eller NSG:n) över gruppen, annars gruppen själv.' }) reviewedBy: ReviewedByDto;
  @ApiProperty({ example: '2026-12-01' }) opensOn: string;
  @ApiProperty({ example: '2026-12-31', description: 'Sista dag för översynen.' }) dueOn: string;
  @ApiProperty({ description: 'Det här är översynen som är öppen nu.' }) open: boolean;
  @ApiProperty({ description: 'Översynen är öppen, obeslutad och sista dagen har passerat.' }) overdue: boolean;
  @ApiProperty() groupEnded: boolean;
  @ApiProperty() canDecide: boolean;
  @ApiProperty({ type: String, nullable: true }) cannotDecideReason: string | null;
  @ApiProperty({ type: ReviewStaffingDto }) staffing: ReviewStaffingDto;
  @ApiProperty({ type: [ReviewActivityDto], description: 'Gruppens aktiviteter under året.' }) activities: ReviewActivityDto[];
  @ApiProperty({ type: [ReviewParticipationDto], description: 'Företrädarnas deltagande: kallade och rapporterade aktiviteter.' }) participation: ReviewParticipationDto[];
  @ApiProperty({ type: ReviewDecisionDto, nullable: true }) decision: ReviewDecisionDto | null;
}
