import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { REPRESENTATIONS, Representation } from '../../assignments/assignment.entity';
import { PERSPECTIVES, Perspective } from '../../people/person.entity';

/** A nominee: who they are, whose perspective they bring and how they represent (§3.3). */
export class NominateDto {
  @ApiPropertyOptional({
    description:
      'Klientens eget id för nomineringen (UUID). Samma id igen (till exempel efter 503) registrerar inte en andra nominering utan ger svaret på den första.',
    example: '0f8d3c1e-6b2a-4f7e-9c1d-2a3b4c5d6e7f',
  })
  @IsOptional()
  @IsUUID('all', { message: 'id måste vara ett UUID.' })
  id?: string;

  @ApiProperty({ example: 'Anna Andersson' })
  @IsString({ message: 'Namnet måste vara text.' })
  @IsNotEmpty({ message: 'Ange den nominerades namn.' })
  @MaxLength(200, { message: 'Namnet får vara högst 200 tecken.' })
  fullName: string;

  @ApiProperty({ example: 'anna.andersson@example.se' })
  @IsEmail({}, { message: 'Ange en giltig e-postadress.' })
  @MaxLength(254, { message: 'E-postadressen är för lång.' })
  email: string;

  @ApiPropertyOptional({ example: '070-123 45 67' })
  @IsOptional()
  @Matches(/^[0-9 +()-]{5,30}$/, { message: 'Telefonnumret får bara innehålla siffror, mellanslag och + ( ) -.' })
  phone?: string;

  @ApiProperty({ enum: PERSPECTIVES, description: 'Patient eller närstående.' })
  @IsIn(PERSPECTIVES, { message: 'Perspektivet är patient eller närstående (patient, next-of-kin).' })
  perspective: Perspective;

  @ApiProperty({ enum: REPRESENTATIONS, description: 'Organisationens mandat, egen erfarenhet, eller båda.' })
  @IsIn(REPRESENTATIONS, { message: 'Ange hur personen företräder: mandate, own-experience eller both.' })
  representation: Representation;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Bara vid direktrekrytering med mandat (mandate eller both): organisationen vars mandat personen har. Vid en nominering är det organisationen som fick förfrågan.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId måste vara ett UUID.' })
  organisationId?: string;
}
