import { ApiProperty } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import { PAYOUT_FREQUENCIES, PayoutFrequency } from '../paying-body.entity';
import { CATEGORY_PURPOSES, CategoryPurpose, F_SKATT_POLICIES, FSkattPolicy, PAIN_VERSIONS, PainVersion } from '../paying-body-settings.repository';
import type { PayingBodySettingsView } from '../paying-body-settings.service';

/** The paying body's own account as it is shown: masked, with its bank and BIC (never the number). */
export class PayingBodyAccountViewDto implements Json<NonNullable<PayingBodySettingsView['bankAccount']>> {
  @ApiProperty({ enum: ['bban', 'iban'], description: 'bban: svenskt clearingnummer och kontonummer; iban: IBAN.' }) kind: 'bban' | 'iban';
  @ApiProperty({ description: 'Kontot maskerat: bara de sista siffrorna syns.', example: '5000 ••••7466' }) masked: string;
  @ApiProperty({ type: String, nullable: true, description: 'Banken enligt clearingnumret (bara för svenska konton).' }) bankName: string | null;
  @ApiProperty({ example: 'ESSESESS' }) bic: string;
}

/** A paying body's settings (GET and PATCH /paying-bodies/{code}/settings, GET /payers/{payerCode}/settings). */
export class PayingBodySettingsViewDto implements Json<PayingBodySettingsView> {
  @ApiProperty({ example: 'SKR' }) code: string;
  @ApiProperty({ example: 'Sveriges Kommuner och Regioner' }) name: string;
  @ApiProperty({ enum: PAYOUT_FREQUENCIES }) payoutFrequency: PayoutFrequency;
  @ApiProperty({ type: String, nullable: true, description: 'Organisationsnummer (NNNNNN-NNNN), skrivs på utbetalningsbeskeden.', example: '222000-0315' }) organisationNumber: string | null;
  @ApiProperty({ type: PayingBodyAccountViewDto, nullable: true, description: 'Betalarens eget konto, maskerat; null: inget konto.' }) bankAccount: PayingBodyAccountViewDto | null;
  @ApiProperty({ enum: PAIN_VERSIONS }) painVersion: PainVersion;
  @ApiProperty({ enum: CATEGORY_PURPOSES, nullable: true, description: 'Betalningens syfte i betalfilen; null: anges inte.' }) categoryPurpose: CategoryPurpose | null;
  @ApiProperty({ description: 'Betalaren har avtal med sin bank om löneutbetalningar (krävs för SALA).' }) salaryPaymentAgreement: boolean;
  @ApiProperty({ enum: F_SKATT_POLICIES }) fSkattPolicy: FSkattPolicy;
  @ApiProperty({ type: String, nullable: true, description: 'Vem en mottagare med F-skatt ska kontakta; null: gruppens samordnare.' }) fSkattContact: string | null;
  @ApiProperty({ description: 'Hur ofta jävsdeklarationen förnyas senast, i månader (1–36).' }) declarationRenewMonths: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'När inställningarna senast ändrades.' }) settingsUpdatedAt: string | null;
  @ApiProperty({ type: [String], description: 'Vad som saknas innan en utbetalning kan godkännas (tom när inget saknas).' }) missingForPayment: string[];
}
