import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';
import { PagedQueryDto, PagingRules } from '../../common/paging';
import { checkOrganisationNumber } from '../../identity';
import { ORGANISATION_PERSPECTIVES, OrganisationPerspective } from '../organisation.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An organisationsnummer (src/identity): ten digits, third digit 2 or more, a valid check digit. */
function IsOrganisationNumber(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isOrganisationNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && checkOrganisationNumber(value).ok,
        defaultMessage: (args) => {
          const check = checkOrganisationNumber(typeof args?.value === 'string' ? args.value : '');
          return check.ok ? '' : check.message;
        },
      },
    },
    options,
  );
}

const PERSPECTIVE_MESSAGE = `Perspektivet måste vara ett av ${ORGANISATION_PERSPECTIVES.join(', ')}.`;

export class CreateOrganisationDto {
  @ApiPropertyOptional({
    description: 'Klientens eget id (UUID). Samma id två gånger skapar inte två organisationer.',
    example: '4b6f2f0e-8d6c-4a57-9a5e-1f3a2b4c5d6e',
  })
  @IsOptional()
  @IsUUID('all', { message: 'id måste vara ett UUID.' })
  id?: string;

  @ApiProperty({ example: 'Riksförbundet HjärtLung' })
  @Transform(trim)
  @IsString({ message: 'Namnet måste vara text.' })
  @IsNotEmpty({ message: 'Ange organisationens namn.' })
  @MaxLength(200, { message: 'Namnet får vara högst 200 tecken.' })
  name: string;

  @ApiProperty({ enum: ORGANISATION_PERSPECTIVES, description: 'Vilka organisationen företräder: patienter, närstående eller båda.', example: 'patient' })
  @IsIn(ORGANISATION_PERSPECTIVES, { message: PERSPECTIVE_MESSAGE })
  perspective: OrganisationPerspective;

  @ApiProperty({ description: 'Dit nomineringsförfrågningar skickas.', example: 'kansli@hjartlung.example.se' })
  @Transform(trim)
  @IsEmail({}, { message: 'Ange en giltig e-postadress.' })
  @MaxLength(320, { message: 'E-postadressen är för lång.' })
  contactEmail: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Organisationsnummer, tio siffror (sparas som NNNNNN-NNNN).',
    example: '802012-3454',
  })
  @IsOptional()
  @IsOrganisationNumber()
  orgNumber?: string | null;
}

/** A change of an organisation: any of its fields; `orgNumber: null` removes the number. */
export class UpdateOrganisationDto extends PartialType(OmitType(CreateOrganisationDto, ['id'] as const)) {}

export const ORGANISATION_PAGING: PagingRules = { defaultPageSize: 50, maxPageSize: 200 };

export class ListOrganisationsQuery extends PagedQueryDto(ORGANISATION_PAGING) {
  @ApiPropertyOptional({ description: 'Del av namnet (skiftläget spelar ingen roll).', example: 'hjärt' })
  @IsOptional()
  @IsString({ message: 'name måste vara text.' })
  @MaxLength(200, { message: 'Söktexten får vara högst 200 tecken.' })
  name?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_PERSPECTIVES })
  @IsOptional()
  @IsIn(ORGANISATION_PERSPECTIVES, { message: PERSPECTIVE_MESSAGE })
  perspective?: OrganisationPerspective;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Riksförbundet HjärtLung' })
  name: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '802012-3454' })
  orgNumber: string | null;
  @ApiProperty({ enum: ORGANISATION_PERSPECTIVES })
  perspective: OrganisationPerspective;
  @ApiProperty({ example: 'kansli@hjartlung.example.se' })
  contactEmail: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] })
  items: OrganisationDto[];
  @ApiProperty({ example: 3 })
  total: number;
  @ApiProperty({ example: 1 })
  page: number;
  @ApiProperty({ example: 50 })
  pageSize: number;
}
