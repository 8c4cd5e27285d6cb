import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { FEE_MODES, FeeMode, REPORTING_FREQUENCIES, ReportingFrequency } from '../../assignments/assignment.entity';
import { endOfNextYear } from '../../time-reports/business-dates';

/** The terms of the assignment, set when appointing; the agreement is drafted from them and the commission. */
export class AppointDto {
  @ApiProperty({ example: '2026-09-01', description: 'Uppdragets första dag.' })
  @IsISO8601({ strict: true }, { message: 'periodStart måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  periodStart: string;

  @ApiPropertyOptional({ example: endOfNextYear(new Date()), description: 'Uppdragets sista dag; tomt = tills vidare.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'periodEnd måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  periodEnd?: string;

  @ApiPropertyOptional({ enum: REPORTING_FREQUENCIES, default: 'quarterly' })
  @IsOptional()
  @IsIn(REPORTING_FREQUENCIES, { message: 'Rapportering sker månadsvis (monthly) eller kvartalsvis (quarterly).' })
  reportingFrequency?: ReportingFrequency;

  @ApiPropertyOptional({ enum: FEE_MODES, default: 'session' })
  @IsOptional()
  @IsIn(FEE_MODES, { message: 'Arvode per möte (session) eller per timme (hourly).' })
  feeMode?: FeeMode;

  @ApiPropertyOptional({ description: 'Beräknad tid i möten, timmar per år.' })
  @IsOptional()
  @IsInt({ message: 'Ange hela timmar.' })
  @Min(0, { message: 'Tiden kan inte vara negativ.' })
  @Max(5000, { message: 'Högst 5000 timmar per år.' })
  estimatedMeetingHours?: number;

  @ApiPropertyOptional({ description: 'Beräknad tid utanför möten, timmar per år.' })
  @IsOptional()
  @IsInt({ message: 'Ange hela timmar.' })
  @Min(0, { message: 'Tiden kan inte vara negativ.' })
  @Max(5000, { message: 'Högst 5000 timmar per år.' })
  estimatedOtherHours?: number;

  @ApiPropertyOptional({ description: 'Överenskommen extra förberedelse, heldagar per år.', default: 0 })
  @IsOptional()
  @IsInt({ message: 'Ange hela dagar.' })
  @Min(0, { message: 'Antalet dagar kan inte vara negativt.' })
  @Max(50, { message: 'Högst 50 dagar.' })
  extraPreparationDays?: number;

  @ApiPropertyOptional({ description: 'Anställd av organisationen med uppdraget i tjänsten: inget arvode (§4.5.2).', default: false })
  @IsOptional()
  @IsBoolean({ message: 'employedByOrganisation måste vara true eller false.' })
  employedByOrganisation?: boolean;
}
