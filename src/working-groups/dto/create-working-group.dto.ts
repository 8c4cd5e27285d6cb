import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Max,
  Min,
} from 'class-validator';
import { GROUP_KINDS, GroupKind, HEALTHCARE_REGIONS, HealthcareRegion } from '../working-group.entity';
import { endOfNextYear } from '../../time-reports/business-dates';

export class CreateWorkingGroupDto {
  @ApiPropertyOptional({
    description: 'Klientens eget id (UUID). Samma id två gånger skapar inte två grupper.',
    example: '7d0b8a8e-5b7c-4b0e-9a8a-2c1f0b7d9e11',
  })
  @IsOptional()
  @IsUUID('all', { message: 'id måste vara ett UUID.' })
  id?: string;

  @ApiProperty({ example: 'NAG Hjärtsvikt' })
  @IsString({ message: 'Namn måste vara text.' })
  @IsNotEmpty({ message: 'Ange gruppens namn.' })
  @MaxLength(200, { message: 'Namnet får vara högst 200 tecken.' })
  name: string;

  @ApiProperty({ enum: GROUP_KINDS, example: 'NAG' })
  @IsIn(GROUP_KINDS, { message: `Gruppens typ måste vara en av ${GROUP_KINDS.join(', ')}.` })
  kind: GroupKind;

  @ApiPropertyOptional({ description: 'Överordnad grupp (NPO eller NSG) för en NAG.', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'parentGroupId måste vara ett UUID.' })
  parentGroupId?: string;

  @ApiPropertyOptional({ enum: HEALTHCARE_REGIONS, description: 'Värdregion (sjukvårdsregion) för NPO, RPO och RAG.' })
  @IsOptional()
  @IsIn(HEALTHCARE_REGIONS, { message: `Värdregionen måste vara en av ${HEALTHCARE_REGIONS.join(', ')}.` })
  hostRegion?: HealthcareRegion;

  @ApiProperty({ description: 'Uppdragsbeskrivning', example: 'Ta fram ett nationellt vårdprogram för hjärtsvikt.' })
  @IsString({ message: 'Uppdragsbeskrivningen måste vara text.' })
  @IsNotEmpty({ message: 'Ange gruppens uppdragsbeskrivning.' })
  @MaxLength(20000, { message: 'Uppdragsbeskrivningen får vara högst 20 000 tecken.' })
  commission: string;

  @ApiPropertyOptional({ description: 'Stående grupp (true) eller tidsbegränsad (false).', default: true })
  @IsOptional()
  @IsBoolean({ message: 'standing måste vara true eller false.' })
  standing?: boolean;

  @ApiPropertyOptional({ description: 'Slutdatum för en tidsbegränsad grupp.', example: endOfNextYear(new Date()) })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'endsOn måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  endsOn?: string;

  @ApiPropertyOptional({ description: 'Datum då gruppen började sitt arbete; rekryteringen blir då brådskande.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'workStartedOn måste vara ett datum (ÅÅÅÅ-MM-DD).' })
  workStartedOn?: string;

  @ApiPropertyOptional({ description: 'Minsta antal företrädare (minst 2).', default: 2 })
  @IsOptional()
  @IsInt({ message: 'minRepresentatives måste vara ett heltal.' })
  @Min(2, { message: 'En grupp ska ha minst två patient- eller närståendeföreträdare.' })
  @Max(20, { message: 'minRepresentatives får vara högst 20.' })
  minRepresentatives?: number;
}
