import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class StartPayoutRunDto {
  @ApiProperty({ description: 'Perioden: ÅÅÅÅ-MM för betalare som betalar månadsvis, ÅÅÅÅ-Qn för kvartalsvis.', example: '2026-09' })
  @IsString({ message: 'Perioden måste vara text.' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { message: 'Perioden måste anges som ÅÅÅÅ-MM eller ÅÅÅÅ-Qn, till exempel 2026-09 eller 2026-Q3.' })
  period: string;

  @ApiPropertyOptional({
    description:
      'true: en kompletteringsomgång för perioden, för attesterade rader som inte finns i någon utbetald eller väntande rad (attesterade efter att periodens omgång godkändes, eller innehållna). Kräver att periodens tidigare omgångar är avslutade.',
    default: false,
    example: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'Ange true eller false för komplettering.' })
  supplementary?: boolean;
}

export class PayoutReasonDto {
  @ApiProperty({ description: 'Skälet, som visas för den det gäller.' })
  @Transform(trim)
  @IsString({ message: 'Skälet måste vara text.' })
  @IsNotEmpty({ message: 'Ange ett skäl.' })
  @MaxLength(2000, { message: 'Skälet får vara högst 2 000 tecken.' })
  reason: string;
}

export class YearQueryDto {
  @ApiPropertyOptional({ description: 'Kalenderåret (utbetalningsdag); standard är innevarande år.', example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Året måste vara ett heltal.' })
  @Min(2000, { message: 'Året måste vara 2000 eller senare.' })
  @Max(2999, { message: 'Året måste vara före 3000.' })
  year?: number;
}
