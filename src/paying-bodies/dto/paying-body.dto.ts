import { ApiProperty } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import { HEALTHCARE_REGIONS, type HealthcareRegion } from '../../working-groups/working-group.entity';
import { PAYING_BODY_KINDS, PAYOUT_FREQUENCIES, type PayingBody, type PayingBodyKind, type PayoutFrequency } from '../paying-body.entity';

/** SKR, a healthcare region or a region: who pays, and how often. */
export class PayingBodyDto implements Json<PayingBody> {
  @ApiProperty({ example: 'SKR' }) code: string;
  @ApiProperty({ example: 'Sveriges Kommuner och Regioner' }) name: string;
  @ApiProperty({ enum: PAYING_BODY_KINDS }) kind: PayingBodyKind;
  @ApiProperty({ enum: HEALTHCARE_REGIONS, nullable: true }) healthcareRegion: HealthcareRegion | null;
  @ApiProperty({ enum: PAYOUT_FREQUENCIES }) payoutFrequency: PayoutFrequency;
  @ApiProperty({ enum: ['refuse', 'pay-without-deductions'], description: 'Vad som händer när mottagaren har F-skatt: avvisas (standard) eller betalas utan skatteavdrag och arbetsgivaravgifter.' })
  fSkattPolicy: 'refuse' | 'pay-without-deductions';
  @ApiProperty({ type: String, nullable: true, description: 'Vem mottagaren ska kontakta om F-skatt.' }) fSkattContact: string | null;
  @ApiProperty({ description: 'Hur ofta jävsdeklarationen förnyas hos betalaren, i månader (standard 36).' }) declarationRenewMonths: number;
  @ApiProperty({ type: [String], description: 'Andra koder samma betalare kallas (SKL är SKR).' }) aliases: string[];
}
