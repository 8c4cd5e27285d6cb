import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { Json } from '../../common/json-shape';
import { AGI_DUE_RULES, AgiDueRule } from '../agi-due-date';
import type { AgiSettingsView } from '../agi-returns.service';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class AgiContactDto {
  @ApiProperty({ description: 'Kontaktpersonens namn.', example: 'Eva Ekonom', minLength: 1, maxLength: 50 })
  @Transform(trim)
  @IsString({ message: 'Namnet måste vara text.' })
  @MinLength(1, { message: 'Ange kontaktpersonens namn.' })
  @MaxLength(50, { message: 'Namnet får vara högst 50 tecken.' })
  @Matches(/^[^<>&]*$/, { message: 'Namnet får inte innehålla <, > eller &.' })
  name: string;

  @ApiProperty({ description: 'Telefonnummer.', example: '010-123 45 67', minLength: 1, maxLength: 20 })
  @Transform(trim)
  @IsString({ message: 'Telefonnumret måste vara text.' })
  @Matches(/^[0-9+\-() ]{1,20}$/, { message: 'Telefonnumret får bara innehålla siffror, mellanslag, +, - och parenteser (högst 20 tecken).' })
  phone: string;

  @ApiProperty({ description: 'E-postadress.', example: 'ekonomi@region.se', maxLength: 254 })
  @Transform(trim)
  @IsString({ message: 'E-postadressen måste vara text.' })
  @MaxLength(254, { message: 'E-postadressen får vara högst 254 tecken.' })
  @Matches(/^[A-Za-z0-9_.+'-]+@[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/, { message: 'Ange en giltig e-postadress.' })
  email: string;
}

/** A paying body's settings for its employer return (issue 18 #3, #4). */
export class AgiSettingsDto {
  @ApiProperty({
    enum: AGI_DUE_RULES,
    description:
      'Deklarationsdag: municipality-region (den 12:e), vat-up-to-40m (den 12:e, den 17:e i januari och augusti), vat-over-40m (den 26:e), no-vat (som huvudregeln).',
    example: 'municipality-region',
  })
  @IsIn(AGI_DUE_RULES, { message: `Deklarationsdagens regel måste vara en av ${AGI_DUE_RULES.join(', ')}.` })
  dueRule: AgiDueRule;

  @ApiProperty({ description: 'true: Medverkans fil är betalarens hela deklaration för månaden och innehåller huvuduppgiften (HU).', example: false })
  @IsBoolean({ message: 'Ange true eller false för om filen är hela deklarationen.' })
  wholeReturn: boolean;

  @ApiProperty({ description: 'Specifikationsnummer (fält 570) för Medverkans individuppgifter; ett som betalarens eget lönesystem inte använder.', example: 7001, minimum: 1, maximum: 9999999999 })
  @IsInt({ message: 'Specifikationsnumret måste vara ett heltal.' })
  @Min(1, { message: 'Specifikationsnumret måste vara minst 1.' })
  @Max(9_999_999_999, { message: 'Specifikationsnumret kan vara högst 9 999 999 999.' })
  specificationNumber: number;

  @ApiPropertyOptional({ type: AgiContactDto, nullable: true, description: 'Kontaktperson hos betalaren som Skatteverket kan kontakta om filen (null eller utelämnad: ingen).' })
  @IsOptional()
  @IsObject({ message: 'Kontaktpersonen måste vara ett objekt.' })
  @ValidateNested({ message: 'Kontaktpersonen måste vara ett objekt.' })
  @Type(() => AgiContactDto)
  contact?: AgiContactDto | null;
}

/** The contact person as stored. */
export class AgiContactViewDto implements Json<NonNullable<AgiSettingsView['contact']>> {
  @ApiProperty({ example: 'Eva Ekonom' }) name: string;
  @ApiProperty({ example: '010-123 45 67' }) phone: string;
  @ApiProperty({ example: 'ekonomi@region.se' }) email: string;
}

/** A paying body's settings for its employer return as the API shows them (GET/PUT .../agi-settings). */
export class AgiSettingsViewDto implements Json<AgiSettingsView> {
  @ApiProperty({ example: 'SKR' }) code: string;
  @ApiProperty({ example: 'Sveriges Kommuner och Regioner' }) name: string;
  @ApiProperty({ type: String, nullable: true, description: 'Organisationsnummer (arbetsgivarens, i filen); ändras bland betalarens inställningar.', example: '222000-0315' })
  organisationNumber: string | null;
  @ApiProperty({ enum: AGI_DUE_RULES }) dueRule: AgiDueRule;
  @ApiProperty({ description: 'Deklarationsdagens regel i ord.' }) dueRuleText: string;
  @ApiProperty({ description: 'Medverkans fil är betalarens hela deklaration (med HU).' }) wholeReturn: boolean;
  @ApiProperty({ description: 'Specifikationsnummer (fält 570).', example: 7001 }) specificationNumber: number;
  @ApiProperty({ type: AgiContactViewDto, nullable: true, description: 'Kontaktperson för Skatteverket; null: ingen.' }) contact: AgiContactViewDto | null;
}
