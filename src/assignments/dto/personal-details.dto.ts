import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const TAX_STATUSES = ['none', 'fa-skatt', 'f-skatt'] as const;
export type TaxStatus = (typeof TAX_STATUSES)[number];

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

  @ApiPropertyOptional({
    enum: TAX_STATUSES,
    default: 'none',
    description:
      'Skattestatus: f-skatt, fa-skatt (F-skatt och A-skatt) eller none (ingen av dem). Med FA-skatt betalas arvodet som till en privatperson med skatteavdrag, om du inte åberopar F-skatten skriftligt (invokeFSkatt).',
  })
  @IsOptional()
  @IsIn(TAX_STATUSES, { message: 'Skattestatus är f-skatt, fa-skatt eller none (ingen av dem).' })
  taxStatus?: TaxStatus;

  @ApiPropertyOptional({ description: 'Med FA-skatt: jag åberopar min F-skatt för arvodet (ett skriftligt val som sparas). Bara med fa-skatt.', default: false })
  @IsOptional()
  @IsBoolean({ message: 'invokeFSkatt måste vara true eller false.' })
  invokeFSkatt?: boolean;

  @ApiPropertyOptional({ description: 'Jag får ersättning från Försäkringskassan (du får då rutinens råd, §4.5.2).', default: false })
  @IsOptional()
  @IsBoolean({ message: 'receivesBenefits måste vara true eller false.' })
  receivesBenefits?: boolean;

  @ApiPropertyOptional({ description: 'Under 18 år: vårdnadshavarens namn (krävs tillsammans med guardianConsent).', maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'Vårdnadshavarens namn måste vara text.' })
  @MaxLength(200, { message: 'Vårdnadshavarens namn får vara högst 200 tecken.' })
  guardianName?: string;

  @ApiPropertyOptional({ description: 'Under 18 år: vårdnadshavaren samtycker till uppdraget.', default: false })
  @IsOptional()
  @IsBoolean({ message: 'guardianConsent måste vara true eller false.' })
  guardianConsent?: boolean;
}
