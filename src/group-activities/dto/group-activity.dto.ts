import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PagedQueryDto, PagingRules } from '../../common/paging';
import { IsOptionalNotNull } from '../../common/validation';
import { ACTIVITY_MODES, ActivityMode, FEE_RULES, FeeRule, GROUP_ACTIVITY_KINDS, GroupActivityKind } from '../group-activity.entity';

export const ACTIVITY_PAGING: PagingRules = { defaultPageSize: 50, maxPageSize: 200 };

/** What a coordinator gives for a new activity of the group. */
export class CreateGroupActivityDto {
  @ApiPropertyOptional({ description: 'Klientens eget id (UUID): samma id med samma innehåll igen (också samtidigt) ger den sparade aktiviteten; samma id med annat innehåll ger 409.', format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID('all', { message: 'id måste vara ett UUID.' })
  id?: string;

  @ApiProperty({ description: 'Rubrik.', example: 'Arbetsmöte 3', minLength: 1, maxLength: 200 })
  @IsString({ message: 'Rubriken måste vara text.' })
  @IsNotEmpty({ message: 'Ange aktivitetens rubrik.' })
  @MaxLength(200, { message: 'Rubriken får vara högst 200 tecken.' })
  title: string;

  @ApiProperty({ enum: GROUP_ACTIVITY_KINDS, description: 'Möte, annat arbete, överenskommet extra förberedelsearbete eller öppet informationsmöte.' })
  @IsIn(GROUP_ACTIVITY_KINDS, { message: `Typen måste vara en av ${GROUP_ACTIVITY_KINDS.join(', ')}.` })
  kind: GroupActivityKind;

  @ApiProperty({ description: 'Datum (ÅÅÅÅ-MM-DD).', example: '2026-09-14' })
  @IsISO8601({ strict: true }, { message: 'Datumet måste anges som ÅÅÅÅ-MM-DD.' })
  date: string;

  @ApiPropertyOptional({ description: 'Starttid (TT:MM); null i en ändring tar bort den.', example: '09:30', nullable: true, type: String })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Starttiden måste anges som TT:MM (00:00–23:59).' })
  startTime?: string | null;

  @ApiProperty({ description: 'Längd i minuter (1–1 440).', example: 180 })
  @IsInt({ message: 'Längden måste anges i hela minuter.' })
  @Min(1, { message: 'Längden måste vara minst 1 minut.' })
  @Max(1440, { message: 'Längden kan vara högst 1 440 minuter (ett dygn).' })
  durationMinutes: number;

  @ApiProperty({ enum: ACTIVITY_MODES, description: 'På plats, via video eller via telefon.' })
  @IsIn(ACTIVITY_MODES, { message: `Formen måste vara en av ${ACTIVITY_MODES.join(', ')}.` })
  mode: ActivityMode;

  @ApiPropertyOptional({
    enum: FEE_RULES,
    default: 'by-length',
    description: 'Arvodesregeln: by-length = nivån efter personens tid inklusive restid; hourly = per timme; eller en fast nivå.',
  })
  @IsOptionalNotNull()
  @IsIn(FEE_RULES, { message: `Arvodesregeln måste vara en av ${FEE_RULES.join(', ')}.` })
  feeRule?: FeeRule;

  @ApiPropertyOptional({ type: [String], description: 'Dagordningens punkter (högst 50, var och en högst 500 tecken).' })
  @IsOptionalNotNull()
  @IsArray({ message: 'Dagordningen måste vara en lista med text.' })
  @ArrayMaxSize(50, { message: 'Dagordningen får ha högst 50 punkter.' })
  @IsString({ each: true, message: 'Varje punkt på dagordningen måste vara text.' })
  @IsNotEmpty({ each: true, message: 'En punkt på dagordningen kan inte vara tom.' })
  @MaxLength(500, { each: true, message: 'En punkt på dagordningen får vara högst 500 tecken.' })
  agenda?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'De kallade uppdragen (gruppens). Standard: alla gruppens uppdrag som är accepterade och inte avslutade.',
  })
  @IsOptionalNotNull()
  @IsArray({ message: 'calledAssignmentIds måste vara en lista med UUID.' })
  @ArrayMaxSize(200, { message: 'Högst 200 kallade.' })
  @ArrayUnique({ message: 'Samma uppdrag står två gånger bland de kallade.' })
  @IsUUID('all', { each: true, message: 'Varje kallat uppdrag måste vara ett UUID.' })
  calledAssignmentIds?: string[];

  @ApiPropertyOptional({ description: 'Datum då underlaget skickades ut (ÅÅÅÅ-MM-DD); null i en ändring tar bort det.', example: '2026-09-07', nullable: true, type: String })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Datumet för utskickat underlag måste anges som ÅÅÅÅ-MM-DD.' })
  materialSentOn?: string | null;
}

/**
 * A change of an activity: any of its fields (not its id). A field left out is not changed; a field sent as null
 * is validated like any other value, so it is refused with its own message unless it may be null (the start time
 * and the material date, which null clears). PartialType's default would skip null as "optional" and let it reach
 * the service (a 500 on `{"title": null}`).
 */
export class UpdateGroupActivityDto extends PartialType(OmitType(CreateGroupActivityDto, ['id'] as const), { skipNullProperties: false }) {}

export class ListGroupActivitiesQueryDto extends PagedQueryDto(ACTIVITY_PAGING) {
  @ApiPropertyOptional({ description: 'Från och med datum (ÅÅÅÅ-MM-DD).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  from?: string;

  @ApiPropertyOptional({ description: 'Till och med datum (ÅÅÅÅ-MM-DD).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  to?: string;
}

/** An activity as the API answers it. */
export class ActivityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: GROUP_ACTIVITY_KINDS }) kind: GroupActivityKind;
  @ApiProperty({ nullable: true, type: String, description: 'Null för överenskommelsens egen aktivitet (rapporten anger dagen).' })
  date: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'TT:MM' }) startTime: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationMinutes: number | null;
  @ApiProperty({ nullable: true, enum: ACTIVITY_MODES }) mode: ActivityMode | null;
  @ApiProperty({ enum: FEE_RULES }) feeRule: FeeRule;
  @ApiProperty({ type: [String] }) agenda: string[];
  @ApiProperty({ type: [String], description: 'De kallade uppdragen (tom för överenskommelsens egen aktivitet).' }) calledAssignmentIds: string[];
  @ApiProperty({ nullable: true, type: String }) materialSentOn: string | null;
  @ApiProperty({ description: 'Överenskommelsens egen aktivitet (arbete som överenskommelsen tillåter utanför möten).' })
  agreementActivity: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Uppdraget, för överenskommelsens egen aktivitet.' })
  assignmentId: string | null;
  @ApiProperty() createdAt: Date;
}

export class ActivityPageDto {
  @ApiProperty({ type: [ActivityDto] }) items: ActivityDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
