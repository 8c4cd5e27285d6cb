import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Personal and payment details: stored encrypted, never returned, never put in a workflow. */
export class PersonalDetailsDto {
  @ApiProperty({ description: 'Personnummer eller samordningsnummer (ÅÅMMDD-NNNN eller ÅÅÅÅMMDDNNNN).' })
  @IsString({ message: 'Ange personnummer eller samordningsnummer.' })
  @IsNotEmpty({ message: 'Ange personnummer eller samordningsnummer.' })
  @MaxLength(20, { message: 'Ange personnummer eller samordningsnummer med 10 eller 12 siffror.' })
  personalNumber: string;

  @ApiProperty({ description: 'Clearingnummer (4 eller 5 siffror).', example: '8327-9' })
  @Matches(/^\d{4}(-?\d)?$/, { message: 'Clearingnumret har 4 siffror (Swedbank ibland 5, t.ex. 8327-9).' })
  clearingNumber: string;

  @ApiProperty({ description: 'Kontonummer.', example: '123 456 789' })
  @Matches(/^[\d -]{5,20}$/, { message: 'Kontonumret har 5–15 siffror.' })
  accountNumber: string;

  @ApiPropertyOptional({ description: 'Postadress för utbetalningsbesked och kontrolluppgifter.' })
  @IsOptional()
  @IsString({ message: 'Adressen måste vara text.' })
  @MaxLength(500, { message: 'Adressen får vara högst 500 tecken.' })
  postalAddress?: string;

  @ApiPropertyOptional({ description: 'Arvodet är min huvudinkomst (skattetabell i stället för 30 %).', default: false })
  @IsOptional()
  @IsBoolean({ message: 'mainIncome måste vara true eller false.' })
  mainIncome?: boolean;
}
