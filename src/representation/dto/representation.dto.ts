import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';
import type { Json } from '../../common/json-shape';
import { PagedQueryDto, PagingRules } from '../../common/paging';
import { ORGANISATION_PERSPECTIVES, type OrganisationPerspective } from '../../organisations/organisation.entity';
import { PERSPECTIVES, type Perspective } from '../../people/person.entity';
import { GROUP_KINDS, type GroupKind, HEALTHCARE_REGIONS, type HealthcareRegion } from '../../working-groups/working-group.entity';
import { AGE_BANDS, type AgeBand, DIVERSITY_DIMENSIONS, DIVERSITY_VALUES, type DiversityDimensionName, type DiversityValue, WORK_STATUSES, type WorkStatus } from '../diversity';
import type {
  AvailablePersonView,
  DiversityFiguresView,
  DiversityScopesView,
  GroupStaffingView,
  MyAvailabilityView,
  MyDiversityView,
  OrganisationLastAskedPage,
  OrganisationLastAskedView,
  OrganisationWorkloadView,
  PersonWorkloadView,
  RepresentationSettingsView,
  WorkloadView,
} from '../representation.service';

export const BELOW_SINCE_REASONS = ['representative-left', 'never-staffed'] as const;
export type BelowSinceReason = (typeof BELOW_SINCE_REASONS)[number];
export const DIVERSITY_SCOPES = ['national', 'region', 'npo'] as const;
export type DiversityScope = (typeof DIVERSITY_SCOPES)[number];

export const PERSON_THRESHOLD_MAX = 100;
export const ORGANISATION_THRESHOLD_MAX = 10000;

// ---- requests ----

export class UpdateRepresentationSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: PERSON_THRESHOLD_MAX, example: 3, description: 'Fler pågående uppdrag än så här för en person ger en varning.' })
  @ValidateIf((o: UpdateRepresentationSettingsDto) => o.personThreshold !== undefined)
  @IsInt({ message: 'Gränsen för en person måste vara ett heltal.' })
  @Min(1, { message: 'Gränsen för en person måste vara minst 1.' })
  @Max(PERSON_THRESHOLD_MAX, { message: `Gränsen för en person får vara högst ${PERSON_THRESHOLD_MAX}.` })
  personThreshold?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: ORGANISATION_THRESHOLD_MAX, example: 10, description: 'Fler pågående uppdrag än så här för en organisations nominerade ger en varning.' })
  @ValidateIf((o: UpdateRepresentationSettingsDto) => o.organisationThreshold !== undefined)
  @IsInt({ message: 'Gränsen för en organisation måste vara ett heltal.' })
  @Min(1, { message: 'Gränsen för en organisation måste vara minst 1.' })
  @Max(ORGANISATION_THRESHOLD_MAX, { message: `Gränsen för en organisation får vara högst ${ORGANISATION_THRESHOLD_MAX}.` })
  organisationThreshold?: number;
}

export class SetAvailabilityDto {
  @ApiProperty({ description: 'true: jag kan ta ett uppdrag till (samordnare ser mitt namn, min e-post och hur många uppdrag jag har); false: inte nu.' })
  @IsBoolean({ message: 'Ange om du kan ta ett uppdrag till (true eller false).' })
  available: boolean;
}

export class SaveDiversityDto {
  @ApiProperty({
    type: Boolean,
    enum: [true],
    description: 'Samtycke till att uppgifterna sparas och räknas in i sammanställningar (aldrig visade per person). Kan återkallas: då raderas uppgifterna.',
  })
  @Equals(true, { message: 'Uppgifterna sparas bara med ditt samtycke: kryssa i att du samtycker.' })
  consent: boolean;

  @ApiPropertyOptional({ enum: AGE_BANDS })
  @ValidateIf((o: SaveDiversityDto) => o.ageBand !== undefined)
  @IsIn(AGE_BANDS, { message: `Åldersgruppen måste vara en av ${AGE_BANDS.join(', ')}.` })
  ageBand?: AgeBand;

  @ApiPropertyOptional({ enum: PERSPECTIVES, description: 'Patient eller närstående.' })
  @ValidateIf((o: SaveDiversityDto) => o.perspective !== undefined)
  @IsIn(PERSPECTIVES, { message: `Perspektivet måste vara ett av ${PERSPECTIVES.join(', ')}.` })
  perspective?: Perspective;

  @ApiPropertyOptional({ enum: WORK_STATUSES, description: 'I arbete eller inte.' })
  @ValidateIf((o: SaveDiversityDto) => o.work !== undefined)
  @IsIn(WORK_STATUSES, { message: `Svaret om arbete måste vara ett av ${WORK_STATUSES.join(', ')}.` })
  work?: WorkStatus;

  @ApiPropertyOptional({ enum: HEALTHCARE_REGIONS, description: 'Sjukvårdsregionen där du bor.' })
  @ValidateIf((o: SaveDiversityDto) => o.region !== undefined)
  @IsIn(HEALTHCARE_REGIONS, { message: `Regionen måste vara en av ${HEALTHCARE_REGIONS.join(', ')}.` })
  region?: HealthcareRegion;
}

export const LAST_ASKED_PAGING: PagingRules = { defaultPageSize: 50, maxPageSize: 200 };
export class OrganisationsLastAskedQuery extends PagedQueryDto(LAST_ASKED_PAGING) {}

// ---- answers ----

export class GroupStaffingDto implements Json<GroupStaffingView> {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: GROUP_KINDS }) kind: GroupKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentGroupId: string | null;
  @ApiProperty({ description: 'Minsta antal företrädare (rutinen: två).', example: 2 }) minimum: number;
  @ApiProperty({ description: 'Aktiva företrädare.', example: 1 }) active: number;
  @ApiProperty({ description: 'Har tackat ja men är inte aktiva än.', example: 0 }) onboarding: number;
  @ApiProperty() belowMinimum: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Sedan när gruppen har färre aktiva än minimum.' }) belowMinimumSince: string | null;
  @ApiProperty({ enum: BELOW_SINCE_REASONS, nullable: true, description: 'representative-left: sedan en aktiv företrädare lämnade; never-staffed: gruppen har aldrig nått minimum (sedan den skapades).' })
  belowSinceReason: BelowSinceReason | null;
}

export class PersonWorkloadDto implements Json<PersonWorkloadView> {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'Pågående uppdrag i alla grupper (tackat ja, inte avslutade).' }) assignments: number;
  @ApiProperty({ description: 'Erbjudanden som väntar på svar.' }) offers: number;
  @ApiProperty() aboveThreshold: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Varningen på svenska när antalet är över gränsen.' }) warning: string | null;
  @ApiProperty({ description: 'Personen har sagt att hen kan ta ett uppdrag till.' }) availableForMore: boolean;
}

export class OrganisationWorkloadDto implements Json<OrganisationWorkloadView> {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Pågående uppdrag som organisationens nominerade har, i alla grupper.' }) assignments: number;
  @ApiProperty() aboveThreshold: boolean;
  @ApiProperty({ type: String, nullable: true }) warning: string | null;
}

export class WorkloadDto implements Json<WorkloadView> {
  @ApiProperty() personThreshold: number;
  @ApiProperty() organisationThreshold: number;
  @ApiProperty({ type: [PersonWorkloadDto] }) people: PersonWorkloadDto[];
  @ApiProperty({ type: [OrganisationWorkloadDto] }) organisations: OrganisationWorkloadDto[];
}

export class AvailablePersonDto implements Json<AvailablePersonView> {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'date-time' }) availableSince: string;
  @ApiProperty() assignments: number;
  @ApiProperty() aboveThreshold: boolean;
}

export class OrganisationLastAskedDto implements Json<OrganisationLastAskedView> {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_PERSPECTIVES }) perspective: OrganisationPerspective;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'När organisationen senast fick en nomineringsförfrågan; null: aldrig.' })
  lastRequestAt: string | null;
  @ApiProperty({ description: 'Hur många förfrågningar den har fått.' }) requests: number;
}

export class OrganisationLastAskedPageDto implements Json<OrganisationLastAskedPage> {
  @ApiProperty({ type: [OrganisationLastAskedDto] }) items: OrganisationLastAskedDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RepresentationSettingsDto implements Json<RepresentationSettingsView> {
  @ApiProperty({ example: 3 }) personThreshold: number;
  @ApiProperty({ example: 10 }) organisationThreshold: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class MyAvailabilityDto implements Json<MyAvailabilityView> {
  @ApiProperty() available: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) availableSince: string | null;
}

export class DiversityAnswersDto {
  @ApiProperty({ enum: AGE_BANDS, nullable: true }) ageBand: AgeBand | null;
  @ApiProperty({ enum: PERSPECTIVES, nullable: true }) perspective: Perspective | null;
  @ApiProperty({ enum: WORK_STATUSES, nullable: true }) work: WorkStatus | null;
  @ApiProperty({ enum: HEALTHCARE_REGIONS, nullable: true }) region: HealthcareRegion | null;
}

export class MyDiversityDto implements Json<MyDiversityView> {
  @ApiProperty() consented: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) consentedAt: string | null;
  @ApiProperty({ type: DiversityAnswersDto, nullable: true, description: 'Dina egna svar (bara du ser dem); null utan samtycke.' }) answers: DiversityAnswersDto | null;
}

export class DiversityCellDto {
  @ApiProperty({ enum: DIVERSITY_VALUES }) value: DiversityValue;
  @ApiProperty({ type: Number, nullable: true, description: 'null: visas inte (färre än 5, eller dold så att en dold grupp inte kan räknas ut).' }) count: number | null;
  @ApiProperty() suppressed: boolean;
}

export class DiversityDimensionDto {
  @ApiProperty({ enum: DIVERSITY_DIMENSIONS }) dimension: DiversityDimensionName;
  @ApiProperty() shown: boolean;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [DiversityCellDto] }) cells: DiversityCellDto[];
}

export class DiversityFiguresDto implements Json<DiversityFiguresView> {
  @ApiProperty({ enum: DIVERSITY_SCOPES }) scope: DiversityScope;
  @ApiProperty({ description: 'Vad siffrorna gäller, på svenska.' }) scopeName: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Antal samtyckande personer med uppdrag här; null när de är färre än 5.' }) people: number | null;
  @ApiProperty() figuresShown: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Varför inga siffror visas.' }) reason: string | null;
  @ApiProperty({ type: [DiversityDimensionDto] }) dimensions: DiversityDimensionDto[];
  @ApiProperty({ enum: AGE_BANDS, isArray: true, description: 'Åldersgrupper som ingen av de svarande tillhör.' }) missingAgeBands: AgeBand[];
  @ApiProperty({ type: [String], description: 'Varningar på svenska (till exempel en åldersgrupp som saknas i programområdets grupper).' }) warnings: string[];
}

export class DiversityNpoDto {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: HEALTHCARE_REGIONS, nullable: true }) hostRegion: HealthcareRegion | null;
}

export class DiversityScopesDto implements Json<DiversityScopesView> {
  @ApiProperty({ type: [DiversityNpoDto] }) npos: DiversityNpoDto[];
  @ApiProperty({ enum: HEALTHCARE_REGIONS, isArray: true }) regions: HealthcareRegion[];
}
