import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../auth-user';
import { PASSWORD_MAX_LENGTH } from '../password-hasher';

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.medverkan.se' })
  @IsString({ message: 'Ange e-postadress.' })
  @IsEmail({}, { message: 'Ange en giltig e-postadress.' })
  @MaxLength(320, { message: 'E-postadressen är för lång.' })
  email: string;

  @ApiProperty({ example: 'Demo-2026!', format: 'password' })
  @IsString({ message: 'Ange lösenord.' })
  @MinLength(1, { message: 'Ange lösenord.' })
  // Only blanks is empty (the input layer), so the document says a password has a character that is not blank.
  @IsNotEmpty({ message: 'Ange lösenord.' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `Lösenordet får vara högst ${PASSWORD_MAX_LENGTH} tecken.` })
  password: string;
}

/** The logged-in user (the `AuthUser` contract). */
export class AuthUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'samordnare@demo.medverkan.se' })
  email: string;
  @ApiProperty({ example: 'Sara Samordnare' })
  displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['coordinator'] })
  roles: Role[];
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Företrädarens personpost.' })
  personId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Organisationskontaktens organisation.' })
  organisationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'SKR', description: 'Ekonomi: betalaren vars utbetalningar hen attesterar.' })
  payerCode: string | null;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bärartoken: skicka som `Authorization: Bearer <token>`.', example: 'mvs_Jd3…' })
  token: string;
  @ApiProperty({ description: 'När sessionen går ut om den inte används (förlängs vid varje anrop).', example: '2026-03-02T17:00:00.000Z' })
  expiresAt: string;
  @ApiProperty({ type: AuthUserDto })
  user: AuthUserDto;
}

export class MeResponseDto {
  @ApiProperty({ type: AuthUserDto })
  user: AuthUserDto;
  @ApiProperty({ type: [String], description: 'Grupper som samordnaren samordnar.', example: ['00000000-0000-4000-8000-000000000001'] })
  coordinatedGroupIds: string[];
  @ApiProperty({ example: '2026-03-02T17:00:00.000Z' })
  sessionExpiresAt: string;
}
