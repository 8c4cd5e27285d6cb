import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import type { RecruitmentStatus } from '../../../workflows/recruitment.messages';
import { GROUP_KINDS, HEALTHCARE_REGIONS, type GroupKind, type HealthcareRegion, type WorkingGroup } from '../working-group.entity';
import type { WorkingGroupView } from '../working-groups.service';

/*
 * Not yet attached to the working-groups controller: with the group's answers described, the fuzzer
 * (test/fuzz.e2e-spec.ts) takes a real group's id and reaches the activities endpoints, whose PATCH answers 500 to
 * a null field (e.g. `title: null`) — to be fixed there first. Until then the web app keeps hand types for these.
 */

/** The read model of a group's recruitment (working_group.recruitment_state). */
export const RECRUITMENT_READ_STATES = ['not-started', 'open', 'recruiting', 'staffed', 'ended'] as const;
export const RECRUITMENT_STATES = ['open', 'recruiting', 'staffed', 'ended'] as const;
export const NOMINATION_REQUEST_STATES = ['sent', 'reminded', 'nominated', 'declined', 'no-answer', 'cancelled'] as const;

export class WorkingGroupDto implements Json<WorkingGroup> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'NAG Hjärtsvikt' }) name: string;
  @ApiProperty({ enum: GROUP_KINDS }) kind: GroupKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentGroupId: string | null;
  @ApiProperty({ enum: HEALTHCARE_REGIONS, nullable: true }) hostRegion: HealthcareRegion | null;
  @ApiProperty({ description: 'Uppdragsbeskrivningen.' }) commission: string;
  @ApiProperty() standing: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endsOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) workStartedOn: string | null;
  @ApiProperty() minRepresentatives: number;
  @ApiProperty({ enum: RECRUITMENT_READ_STATES, description: 'Rekryteringens läge (läsmodell).' }) recruitmentState: (typeof RECRUITMENT_READ_STATES)[number];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Sedan när gruppen har färre aktiva företrädare än sitt minimum.' })
  belowMinimumSince: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class RecruitmentRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: NOMINATION_REQUEST_STATES }) state: (typeof NOMINATION_REQUEST_STATES)[number];
  @ApiPropertyOptional({ minimum: 1, maximum: 20, description: 'Hur många personer organisationen får nominera (saknas på förfrågningar från före 2026-12-04).' })
  wanted?: number;
  @ApiPropertyOptional({ minimum: 0, description: 'Hur många den har nominerat som inte har avböjts.' }) taken?: number;
}

export class PendingNominationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId: string | null;
}

export class RecruitmentAssignmentDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ enum: ['onboarding', 'active'] }) state: 'onboarding' | 'active';
}

/** The recruitment workflow's live status (its query). */
export class RecruitmentStatusDto implements Json<RecruitmentStatus> {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ enum: RECRUITMENT_STATES }) state: (typeof RECRUITMENT_STATES)[number];
  @ApiProperty() urgent: boolean;
  @ApiProperty() minRepresentatives: number;
  @ApiProperty() activeRepresentatives: number;
  @ApiProperty() staffed: boolean;
  @ApiProperty() reviewsDone: number;
  @ApiProperty() round: number;
  @ApiProperty() roundOpen: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'När organisationerna senast ska svara.' }) roundDeadline: string | null;
  @ApiProperty({ type: [RecruitmentRequestDto] }) requests: RecruitmentRequestDto[];
  @ApiProperty({ type: [PendingNominationDto] }) pendingNominations: PendingNominationDto[];
  @ApiProperty({ type: [RecruitmentAssignmentDto] }) assignments: RecruitmentAssignmentDto[];
  @ApiProperty() restarts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) belowMinimumSince: string | null;
}

export class GroupRecruitmentDto {
  @ApiProperty() workflowId: string;
  @ApiProperty({ type: RecruitmentStatusDto, nullable: true, description: 'Null när arbetsflödet inte svarar just nu.' })
  status: RecruitmentStatusDto | null;
  @ApiProperty() running: boolean;
}

/** A group with where its recruitment stands. */
export class WorkingGroupViewDto implements Json<WorkingGroupView> {
  @ApiProperty({ type: WorkingGroupDto }) group: WorkingGroupDto;
  @ApiProperty({ type: GroupRecruitmentDto }) recruitment: GroupRecruitmentDto;
}
