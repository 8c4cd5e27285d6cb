import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';

/** The coordinator's decision on an overdue human step (issue 16 #9). */
export class OverdueStepDto {
  @ApiProperty({ enum: ['extend', 'end'], description: 'extend: ge steget en ny tidsgräns. end: avsluta uppdraget.' })
  @IsIn(['extend', 'end'], { message: 'Beslutet är extend (förläng tiden) eller end (avsluta uppdraget).' })
  decision: 'extend' | 'end';

  @ApiPropertyOptional({ description: 'Vid extend: antal dagar från i dag (1–365). Utan: stegets vanliga tid.', minimum: 1, maximum: 365 })
  @ValidateIf((o: OverdueStepDto) => o.extendByDays !== undefined)
  @IsOptional()
  @IsInt({ message: 'Ange antalet dagar som ett heltal.' })
  @Min(1, { message: 'Förläng med minst 1 dag.' })
  @Max(365, { message: 'Förläng med högst 365 dagar.' })
  extendByDays?: number;
}
