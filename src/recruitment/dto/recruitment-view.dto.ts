import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import { NOMINATION_REQUEST_STATES } from '../../working-groups/dto/working-group-view.dto';
import type { NominationRequestState, RoundStarted } from '../../../workflows/recruitment.messages';
import type { NominationRequest } from '../nomination-request.entity';
import type { NominationView, RequestNominationView } from '../recruitment.repository';
import type { InvitationStatus } from '../../users/invitation-status';

export const NOMINATION_STATES = ['submitted', 'proposed', 'appointed', 'rejected'] as const;
export const PERSON_PERSPECTIVES = ['patient', 'next-of-kin'] as const;
export const REPRESENTATION_KINDS = ['mandate', 'own-experience', 'both'] as const;

/** A request to an organisation to nominate (one per organisation and round). */
export class NominationRequestDto implements Json<NominationRequest> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() round: number;
  @ApiProperty({ enum: NOMINATION_REQUEST_STATES }) state: NominationRequestState;
  @ApiProperty() urgent: boolean;
  @ApiProperty({ format: 'date-time', description: 'Sista dag att svara.' }) deadline: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 20,
    description: 'Hur många personer organisationen får nominera (avböjda räknas inte). Tomt på förfrågningar från före 2026-12-04: ingen gräns.',
  })
  wanted: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Samordnarens meddelande med förfrågan.' }) message: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) remindedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ description: 'Gruppens namn (i listan till organisationen och för en förfrågan).' }) groupName?: string;
  @ApiPropertyOptional({ description: 'Gruppens uppdragsbeskrivning (för en förfrågan).' }) commission?: string;
}

export class NomineeDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: PERSON_PERSPECTIVES, nullable: true }) perspective: (typeof PERSON_PERSPECTIVES)[number] | null;
}

/** An appointed person's login invitation (issue 16 #3): sent when, valid until, used. */
export class InvitationStatusDto implements Json<InvitationStatus> {
  @ApiProperty({ enum: ['not-sent', 'sent', 'used', 'expired', 'revoked'] }) state: InvitationStatus['state'];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validUntil: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) usedAt: string | null;
}

/** A nominated person and the coordinator's decision. */
export class NominationViewDto implements Json<NominationView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) requestId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationName: string | null;
  @ApiProperty({ enum: NOMINATION_STATES }) state: (typeof NOMINATION_STATES)[number];
  @ApiProperty({ enum: REPRESENTATION_KINDS }) representation: (typeof REPRESENTATION_KINDS)[number];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignmentId: string | null;
  @ApiProperty({ type: NomineeDto }) nominee: NomineeDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Samordnarens skäl när nomineringen avböjdes; annars tomt.' }) declineReason: string | null;
  @ApiPropertyOptional({ type: InvitationStatusDto, description: 'Den utsedda personens inbjudan (bara för en utsedd nominering).' }) invitation?: InvitationStatusDto;
}

export const DECIDED_NOMINATION_STATES = ['proposed', 'appointed', 'rejected'] as const;

/** A nomination as the organisation that made it sees it (issue 16 #1): whom, and the coordinator's decision. */
export class RequestNominationDto implements Json<RequestNominationView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ description: 'Namnet som organisationen angav.' }) fullName: string;
  @ApiProperty({ enum: PERSON_PERSPECTIVES, nullable: true }) perspective: (typeof PERSON_PERSPECTIVES)[number] | null;
  @ApiProperty({ enum: REPRESENTATION_KINDS }) representation: (typeof REPRESENTATION_KINDS)[number];
  @ApiProperty({ enum: DECIDED_NOMINATION_STATES, description: 'proposed: väntar på beslut; appointed: utsedd; rejected: avböjd.' })
  state: (typeof DECIDED_NOMINATION_STATES)[number];
  @ApiProperty({ type: String, nullable: true, description: 'Samordnarens skäl när nomineringen avböjdes.' }) declineReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
}

export class RoundRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
}

export class RoundStartedDto implements Json<RoundStarted> {
  @ApiProperty() round: number;
  @ApiProperty({ description: 'När organisationerna senast ska svara.' }) deadline: string;
  @ApiProperty() urgent: boolean;
  @ApiProperty({ type: [RoundRequestDto] }) requests: RoundRequestDto[];
}
