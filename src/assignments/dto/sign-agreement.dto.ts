import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

/** Signing or countersigning the agreement in one action (issue 16 #4). */
export class SignAgreementDto {
  @ApiPropertyOptional({
    description:
      'SHA-256 för överenskommelsens dokument som du har läst (från GET /documents/:id). Utan den signeras det aktuella dokumentet; skiljer den sig från det sparade svarar tjänsten 409.',
    pattern: '^[0-9a-fA-F]{64}$',
  })
  @IsOptional()
  @IsString({ message: 'Kontrollsumman måste vara text.' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'Kontrollsumman ska vara 64 hexadecimala tecken (SHA-256).' })
  expectedSha256?: string;
}
