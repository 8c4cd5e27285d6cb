import { ApiProperty } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import type { DocumentKind } from '../../../templates/template';
import type { DocumentView, SignatureView } from '../documents.service';
import { SIGNER_ROLES, type SignatureMethod, type SignerRole } from '../signing/signer';
import type { DocumentVariant } from '../stored-document.entity';

export const DOCUMENT_KINDS = ['agreement', 'declaration', 'payout-slip', 'yearly-report'] as const satisfies readonly DocumentKind[];
export const DOCUMENT_VARIANTS = ['original', 'sealed'] as const satisfies readonly DocumentVariant[];

export class DocumentTemplateRefDto {
  @ApiProperty() id: string;
  @ApiProperty() version: string;
  @ApiProperty() ref: string;
}

export class DocumentSubjectDto {
  @ApiProperty({ example: 'assignment' }) type: string;
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class SignatureViewDto implements Json<SignatureView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SIGNER_ROLES }) role: SignerRole;
  @ApiProperty({ description: 'Rollen på svenska.' }) roleLabel: string;
  @ApiProperty({ enum: ['authenticated-user'] }) method: SignatureMethod;
  @ApiProperty({ format: 'uuid' }) signerUserId: string;
  @ApiProperty() signerName: string;
  @ApiProperty() signedAt: string;
  @ApiProperty() documentSha256: string;
}

export class SealRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sha256: string;
}

export class SealedVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sha256: string;
  @ApiProperty() createdAt: string;
}

/** A stored document's metadata: template, hash, signatures and sealed versions. */
export class DocumentViewDto implements Json<DocumentView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: DocumentKind;
  @ApiProperty({ enum: DOCUMENT_VARIANTS }) variant: DocumentVariant;
  @ApiProperty({ type: DocumentTemplateRefDto }) template: DocumentTemplateRefDto;
  @ApiProperty({ type: DocumentSubjectDto }) subject: DocumentSubjectDto;
  @ApiProperty() fileName: string;
  @ApiProperty() sha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() pageCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ type: SealRefDto, nullable: true }) sealOf: SealRefDto | null;
  @ApiProperty({ type: [SignatureViewDto] }) signatures: SignatureViewDto[];
  @ApiProperty({ enum: SIGNER_ROLES, isArray: true }) pendingRoles: SignerRole[];
  @ApiProperty({ type: [SealedVersionDto] }) sealedVersions: SealedVersionDto[];
}
