import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { SIGNER_ROLES, SignerRole } from '../signing/signer';

export class CreateSignatureDto {
  @ApiProperty({ enum: SIGNER_ROLES, example: 'representative', description: 'Rollen du signerar i.' })
  @IsIn(SIGNER_ROLES, { message: `Rollen måste vara en av ${SIGNER_ROLES.join(', ')}.` })
  role: SignerRole;

  @ApiProperty({
    description: 'SHA-256 för dokumentet som du har läst (från GET /documents/:id). Skiljer den sig från det sparade dokumentet svarar tjänsten 409.',
    example: '3f0c…',
    pattern: '^[0-9a-f]{64}$',
  })
  @IsString({ message: 'Kontrollsumman måste vara text.' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'Kontrollsumman ska vara 64 hexadecimala tecken (SHA-256).' })
  expectedSha256: string;
}
