import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { TimeReportFiguresDto } from './time-report.dto';

/** What a representative is about to report against an activity: the figures of the report form. */
export class ReportFeePreviewDto extends TimeReportFiguresDto {
  @ApiProperty({ format: 'uuid', description: 'Aktiviteten som rapporten gäller.' })
  @IsUUID('all', { message: 'Ange aktiviteten (ett UUID).' })
  activityId: string;

  @ApiPropertyOptional({ description: 'Dagen, för överenskommelsens egen aktivitet (ÅÅÅÅ-MM-DD).', example: '2026-09-14' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Datumet måste anges som ÅÅÅÅ-MM-DD.' })
  activityDate?: string;
}

export class ReportFeePreviewView {
  @ApiProperty({ description: 'Arvodet i öre, före skatt och avgifter.' }) feeOre: number;
  @ApiProperty({ description: 'Reseersättning i öre (biljetter och andra kostnader mot kvitto, bilersättning).' }) travelOre: number;
  @ApiProperty({ nullable: true, type: String, description: 'Arvodesregeln som gäller, t.ex. fee.full-day.' }) feeRule: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Taxetabellen som används.' }) rateTable: string | null;
  @ApiProperty({ description: 'Betalaren (gruppens).' }) payerCode: string;
}

/** `GET /time-reports/{id}/amounts`: what attesting the report as reported would pay, by the payout's own calculation. */
export class TimeReportAmountsView {
  @ApiProperty({ description: 'Företrädarens namn.', example: 'Rut Företrädare' }) personName: string;
  @ApiProperty({ description: 'Arvodet i öre, före skatt.' }) feeOre: number;
  @ApiProperty({ description: 'Reseersättning i öre (biljetter och andra kostnader mot kvitto, bilersättning).' }) travelOre: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Arbetsgivaravgifter i öre som betalaren betalar ovanpå arvodet, med personens ålder och årets tidigare utbetalningar från betalaren; null när personens uppgifter saknas.',
  })
  contributionsOre: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Arvodesregeln som gäller, t.ex. fee.full-day.' }) feeRule: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Taxetabellen som används.' }) rateTable: string | null;
  @ApiProperty({ description: 'Betalaren.' }) payerCode: string;
  @ApiProperty({ type: String, format: 'date', description: 'Dagen beräkningen gäller (i dag; utbetalningen räknar om med sin egen dag).' }) asOf: string;
}

export class FeeScheduleTierView {
  @ApiProperty({ enum: ['full-day', 'half-day', 'short', 'hour'], description: 'Heldag (mer än 4 timmar), halvdag (2–4 timmar), kortare (upp till 2 timmar) eller en timme (arvode per timme).' })
  tier: 'full-day' | 'half-day' | 'short' | 'hour';
  @ApiProperty({ description: 'Arvodet i öre, före skatt.' }) feeOre: number;
}

/** `GET /assignments/{id}/fee-schedule`: what the assignment pays per meeting, by the payout's own calculation. */
export class FeeScheduleView {
  @ApiProperty() payerCode: string;
  @ApiProperty({ enum: ['session', 'hourly'] }) feeMode: 'session' | 'hourly';
  @ApiProperty({ description: 'Uppdraget ingår i en anställning hos organisationen: inget arvode.' }) employedByOrganisation: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Taxetabellen som används.' }) rateTable: string | null;
  @ApiProperty({ type: String, format: 'date' }) asOf: string;
  @ApiProperty({ type: [FeeScheduleTierView] }) tiers: FeeScheduleTierView[];
}
