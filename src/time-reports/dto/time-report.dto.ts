import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PARTICIPATION_MODES, Participation } from '../time-report.entity';

const MAX_ORE = 10_000_000; // 100 000 kr on one activity: far above any real ticket
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The figures a representative reports for one meeting or activity (also the base of an edit). */
export class TimeReportFiguresDto {
  @ApiProperty({ description: 'Mötets eller arbetets längd i minuter, utan restid.', example: 300 })
  @IsInt({ message: 'Tiden måste anges i hela minuter.' })
  @Min(1, { message: 'Tiden måste vara minst 1 minut.' })
  @Max(1440, { message: 'Tiden kan vara högst 1 440 minuter (ett dygn).' })
  durationMinutes: number;

  @ApiPropertyOptional({ description: 'Restid i minuter (räknas in i aktivitetens längd).', default: 0, example: 90 })
  @IsOptional()
  @IsInt({ message: 'Restiden måste anges i hela minuter.' })
  @Min(0, { message: 'Restiden kan inte vara negativ.' })
  @Max(1440, { message: 'Restiden kan vara högst 1 440 minuter.' })
  travelMinutes?: number;

  @ApiPropertyOptional({ description: 'Biljetter (tåg, buss, flyg) i öre; ersätts mot kvitto.', default: 0, example: 64000 })
  @IsOptional()
  @IsInt({ message: 'Biljettkostnaden anges i hela öre.' })
  @Min(0, { message: 'Biljettkostnaden kan inte vara negativ.' })
  @Max(MAX_ORE, { message: 'Biljettkostnaden kan vara högst 100 000 kr.' })
  ticketCostOre?: number;

  @ApiPropertyOptional({ description: 'Andra resekostnader (lokaltrafik, parkering) i öre; ersätts mot kvitto.', default: 0 })
  @IsOptional()
  @IsInt({ message: 'Övriga resekostnader anges i hela öre.' })
  @Min(0, { message: 'Övriga resekostnader kan inte vara negativa.' })
  @Max(MAX_ORE, { message: 'Övriga resekostnader kan vara högst 100 000 kr.' })
  otherTravelCostOre?: number;

  @ApiPropertyOptional({ description: 'Körsträcka med egen bil i hela kilometer, tur och retur.', default: 0, example: 120 })
  @IsOptional()
  @IsInt({ message: 'Körsträckan anges i hela kilometer.' })
  @Min(0, { message: 'Körsträckan kan inte vara negativ.' })
  @Max(5000, { message: 'Körsträckan kan vara högst 5 000 km för en aktivitet.' })
  carKm?: number;
}

export class CreateTimeReportDto extends TimeReportFiguresDto {
  @ApiPropertyOptional({ description: 'Klientens eget id (UUID): samma id med samma innehåll igen (också samtidigt) ger den sparade rapporten; samma id med annat innehåll ger 409.' })
  @IsOptional()
  @IsUUID('all', { message: 'id måste vara ett UUID.' })
  id?: string;

  @ApiProperty({ description: 'Uppdraget (överenskommelsen) som aktiviteten hör till.', format: 'uuid' })
  @IsUUID('all', { message: 'Ange uppdraget (ett UUID).' })
  assignmentId: string;

  @ApiProperty({
    description:
      'Aktiviteten som rapporten gäller: gruppens möte eller annat arbete som uppdraget är kallat till, eller överenskommelsens egen aktivitet (GET /assignments/{id}/activities). Typ, datum och (som standard) sätt att delta kommer från aktiviteten.',
    format: 'uuid',
  })
  @IsUUID('all', { message: 'Ange aktiviteten (ett UUID): rapporter görs mot gruppens aktiviteter.' })
  activityId: string;

  @ApiPropertyOptional({
    description: 'Dagen då arbetet utfördes: bara för överenskommelsens egen aktivitet (krävs där). Andra aktiviteter har sitt eget datum.',
    example: '2026-09-14',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Datumet måste anges som ÅÅÅÅ-MM-DD.' })
  activityDate?: string;

  @ApiPropertyOptional({ description: 'Kort beskrivning.' })
  @IsOptional()
  @IsString({ message: 'Beskrivningen måste vara text.' })
  @MaxLength(2000, { message: 'Beskrivningen får vara högst 2 000 tecken.' })
  description?: string;

  @ApiPropertyOptional({
    enum: PARTICIPATION_MODES,
    description: 'På plats, via video eller via telefon. Standard: aktivitetens form (för överenskommelsens egen aktivitet, som saknar form, krävs den).',
  })
  @IsOptional()
  @IsIn(PARTICIPATION_MODES, { message: `Sättet att delta måste vara ett av ${PARTICIPATION_MODES.join(', ')}.` })
  participation?: Participation;
}

/**
 * An edit of a report that is not yet attested: the fields of a new report (not its id, assignment or activity),
 * every one optional. The date can change only for the agreement's own activity (another activity has its own).
 */
export class UpdateTimeReportDto extends PartialType(OmitType(CreateTimeReportDto, ['id', 'assignmentId', 'activityId'] as const)) {}

export const ATTESTATION_ACTIONS = ['confirm', 'adjust', 'reject'] as const;
export type AttestationAction = (typeof ATTESTATION_ACTIONS)[number];

/**
 * The coordinator's decision on one line: confirm as reported, adjust (with a reason and the adjusted figures,
 * every one optional) or reject (with a reason).
 */
export class AttestTimeReportDto extends PartialType(TimeReportFiguresDto) {
  @ApiProperty({ enum: ATTESTATION_ACTIONS })
  @IsIn(ATTESTATION_ACTIONS, { message: 'Beslutet måste vara confirm (godkänn), adjust (justera) eller reject (avslå).' })
  decision: AttestationAction;

  @ApiPropertyOptional({ description: 'Skälet, som företrädaren ser. Krävs vid justering och avslag.' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'Skälet måste vara text.' })
  @MaxLength(2000, { message: 'Skälet får vara högst 2 000 tecken.' })
  reason?: string;
}

export class ListTimeReportsQueryDto {
  @ApiPropertyOptional({ enum: ['draft', 'submitted', 'attested', 'rejected'] })
  @IsOptional()
  @IsIn(['draft', 'submitted', 'attested', 'rejected'], { message: 'Status måste vara draft, submitted, attested eller rejected.' })
  state?: 'draft' | 'submitted' | 'attested' | 'rejected';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'assignmentId måste vara ett UUID.' })
  assignmentId?: string;
}

export class ReceiptUploadDto {
  @ApiPropertyOptional({ description: 'Datum på kvittot (köpet); standard är aktivitetens datum.', example: '2026-09-10' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Kvittots datum måste anges som ÅÅÅÅ-MM-DD.' })
  receiptDate?: string;
}

export class ClaimPolicyDto {
  @ApiProperty({ description: 'Ersättning ska begäras inom så många månader efter aktiviteten.', example: 3 })
  @IsInt({ message: 'Anges i hela månader.' })
  @Min(1, { message: 'Minst 1 månad.' })
  @Max(120, { message: 'Högst 120 månader.' })
  claimWithinMonths: number;

  @ApiProperty({ description: 'Kvitton får vara högst så många månader gamla.', example: 6 })
  @IsInt({ message: 'Anges i hela månader.' })
  @Min(1, { message: 'Minst 1 månad.' })
  @Max(120, { message: 'Högst 120 månader.' })
  receiptMaxAgeMonths: number;

  @ApiProperty({ description: 'Påminnelse så många dagar före sista dagen.', example: 14 })
  @IsInt({ message: 'Anges i hela dagar.' })
  @Min(0, { message: 'Minst 0 dagar.' })
  @Max(365, { message: 'Högst 365 dagar.' })
  remindDaysBefore: number;
}
