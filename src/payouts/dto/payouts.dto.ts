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

export class PayoutWorklistRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '0 för den ordinarie omgången, 1, 2 … för kompletteringsomgångar.' }) supplement: number;
  @ApiProperty({ enum: ['draft', 'approved', 'cancelled'] }) state: string;
}

export class PayoutWorklistPeriodDto {
  @ApiProperty({ example: '2026-09' }) period: string;
  @ApiProperty({ example: 'september 2026' }) label: string;
  @ApiProperty({ description: 'Attesterade rader som väntar.' }) lines: number;
  @ApiProperty({ description: 'Personer de gäller.' }) persons: number;
  @ApiProperty({
    enum: ['ordinary-run-after-period', 'ordinary-run-due', 'after-open-draft', 'supplementary-run'],
    description:
      'Vad som händer med raderna: periodens ordinarie omgång när perioden är slut; den ordinarie omgången (görs av sig själv, eller startas nu); efter utkastet som väntar på godkännande; eller en kompletteringsomgång (periodens omgång är redan godkänd).',
  })
  next: string;
  @ApiProperty({ type: String, format: 'date', description: 'Dagen omgången som tar raderna görs (eller kan startas).' }) runDate: string;
  @ApiProperty({ type: PayoutWorklistRunDto, nullable: true, description: 'Periodens senaste omgång.' }) latestRun: PayoutWorklistRunDto | null;
}

export class PayoutWorklistNextRunDto {
  @ApiProperty({ example: '2026-10' }) period: string;
  @ApiProperty({ example: 'oktober 2026' }) label: string;
  @ApiProperty({ type: String, format: 'date', description: 'Dagen efter periodens sista dag: då sammanställs den av sig själv (06:00).' }) date: string;
}

/** `GET /payers/{payerCode}/payout-worklist`: finance's attested lines waiting for a run (issue 17 #3). */
export class PayoutWorklistDto {
  @ApiProperty({ enum: ['monthly', 'quarterly'] }) frequency: string;
  @ApiProperty({ type: PayoutWorklistNextRunDto }) nextRun: PayoutWorklistNextRunDto;
  @ApiProperty({ type: [PayoutWorklistPeriodDto], description: 'Äldsta perioden först.' }) waiting: PayoutWorklistPeriodDto[];
}
