import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PAYOUT_FREQUENCIES, PayoutFrequency } from '../paying-body.entity';
import { CATEGORY_PURPOSES, CategoryPurpose, F_SKATT_POLICIES, FSkattPolicy, PAIN_VERSIONS, PainVersion } from '../paying-body-settings.repository';

/** The paying body's own account: an IBAN, or a Swedish clearing number and account number; with its bank's BIC. */
export class PayingBodyAccountDto {
  @ApiPropertyOptional({ description: 'IBAN (i stället för clearingnummer och kontonummer).', example: 'SE45 5000 0000 0583 9825 7466', maxLength: 42 })
  @IsOptional()
  @IsString({ message: 'IBAN anges som text.' })
  @MaxLength(42, { message: 'IBAN har högst 34 tecken (med mellanslag 42).' })
  iban?: string;

  @ApiPropertyOptional({ description: 'Clearingnummer (4 siffror, Swedbank ibland 5).', example: '5000', maxLength: 10 })
  @IsOptional()
  @IsString({ message: 'Clearingnumret anges som text.' })
  @MaxLength(10, { message: 'Clearingnumret har 4 eller 5 siffror.' })
  clearingNumber?: string;

  @ApiPropertyOptional({ description: 'Kontonummer.', example: '1234560', maxLength: 25 })
  @IsOptional()
  @IsString({ message: 'Kontonumret anges som text.' })
  @MaxLength(25, { message: 'Kontonumret har högst 15 siffror.' })
  accountNumber?: string;

  @ApiProperty({ description: 'Bankens BIC (SWIFT-adress), 8 eller 11 tecken.', example: 'ESSESESS', maxLength: 14 })
  @IsString({ message: 'Ange bankens BIC (SWIFT-adress).' })
  @MaxLength(14, { message: 'BIC har 8 eller 11 tecken.' })
  bic: string;
}

/** An administrator's change of a paying body's settings: only the fields given change; null clears a setting. */
export class PayingBodySettingsPatchDto {
  @ApiPropertyOptional({ type: String, description: 'Organisationsnummer (NNNNNN-NNNN); skrivs på utbetalningsbeskeden. null tar bort det.', example: '222000-0315', nullable: true, maxLength: 20 })
  @IsOptional()
  @IsString({ message: 'Organisationsnumret anges som text, till exempel 222000-0315.' })
  @MaxLength(20, { message: 'Ange organisationsnumret med tio siffror, till exempel 222000-0315.' })
  organisationNumber?: string | null;

  @ApiPropertyOptional({ enum: PAYOUT_FREQUENCIES, description: 'Utbetalning per månad eller per kvartal (rutinen §4.5). Gäller från nästa omgång.' })
  @IsOptional()
  @IsIn(PAYOUT_FREQUENCIES, { message: 'Utbetalningsintervallet är monthly (månadsvis) eller quarterly (kvartalsvis).' })
  payoutFrequency?: PayoutFrequency;

  @ApiPropertyOptional({ type: PayingBodyAccountDto, nullable: true, description: 'Betalarens eget konto (avsändare i betalfilen). null tar bort det.' })
  @IsOptional()
  @ValidateNested({ message: 'Kontot anges som ett objekt.' })
  @Type(() => PayingBodyAccountDto)
  bankAccount?: PayingBodyAccountDto | null;

  @ApiPropertyOptional({ enum: PAIN_VERSIONS, description: 'Versionen av betalfilen pain.001 som betalarens bank läser.' })
  @IsOptional()
  @IsIn(PAIN_VERSIONS, { message: `Betalfilens version är ${PAIN_VERSIONS.join(' eller ')}.` })
  painVersion?: PainVersion;

  @ApiPropertyOptional({
    enum: CATEGORY_PURPOSES,
    nullable: true,
    description: 'Betalningens syfte i betalfilen: SALA (lön; kräver betalarens löneavtal med banken), SUPP (leverantörsbetalning) eller null (anges inte).',
  })
  @IsOptional()
  @IsIn(CATEGORY_PURPOSES, { message: `Betalningens syfte är ${CATEGORY_PURPOSES.join(' eller ')} (eller null).` })
  categoryPurpose?: CategoryPurpose | null;

  @ApiPropertyOptional({ description: 'Betalaren har avtal med sin bank om löneutbetalningar (krävs för SALA).' })
  @IsOptional()
  @IsBoolean({ message: 'salaryPaymentAgreement är true eller false.' })
  salaryPaymentAgreement?: boolean;

  @ApiPropertyOptional({
    enum: F_SKATT_POLICIES,
    description:
      'Vad som händer när mottagaren har F-skatt (eller åberopar F-skatten i FA-skatt): refuse avvisar uppgifterna med rutinens skäl (standard), pay-without-deductions betalar utan skatteavdrag och arbetsgivaravgifter. Gäller från nästa gång uppgifterna lämnas.',
  })
  @IsOptional()
  @IsIn(F_SKATT_POLICIES, { message: 'F-skattepolicyn är refuse (avvisa) eller pay-without-deductions (betala utan avdrag).' })
  fSkattPolicy?: FSkattPolicy;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 200,
    description: 'Vem en mottagare med F-skatt ska kontakta (namn, funktion eller adress). null: gruppens samordnare.',
    example: 'Ekonomienheten, ekonomi@regionsyd.example',
  })
  @IsOptional()
  @IsString({ message: 'Kontakten anges som text.' })
  @IsNotEmpty({ message: 'Ange vem mottagaren ska kontakta, eller null för gruppens samordnare.' })
  @MaxLength(200, { message: 'Kontakten har högst 200 tecken.' })
  fSkattContact?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 36,
    description: 'Hur ofta jävsdeklarationen förnyas senast, i månader: rutinen kräver minst vart tredje år (36), vissa regioner varje år (12). Gäller från nästa granskning.',
    example: 12,
  })
  @IsOptional()
  @IsInt({ message: 'Ange antalet månader som ett heltal, 1–36.' })
  @Min(1, { message: 'Jävsdeklarationen förnyas tidigast varje månad (minst 1).' })
  @Max(36, { message: 'Rutinen kräver att jävsdeklarationen förnyas minst vart tredje år: högst 36 månader.' })
  declarationRenewMonths?: number;
}
