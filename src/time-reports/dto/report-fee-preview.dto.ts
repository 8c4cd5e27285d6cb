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
