import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import type { PersonYearView, SummaryRow, YearlySummaryView } from '../payouts.service';

const ORE = { type: 'integer', description: 'Öre.' } as const;

/** What was paid in a year, summed (approved payouts with payment dates in the year). */
export class YearTotalsDto implements Json<YearlySummaryView['totals']> {
  @ApiProperty(ORE) feesOre: number;
  @ApiProperty(ORE) taxFreeTravelOre: number;
  @ApiProperty(ORE) taxablePayOre: number;
  @ApiProperty(ORE) contributionsOre: number;
  @ApiProperty(ORE) taxWithheldOre: number;
  @ApiProperty(ORE) netOre: number;
  @ApiProperty(ORE) costOre: number;
}

/** One person's year from one payer. */
export class YearPersonDto extends YearTotalsDto implements Json<SummaryRow> {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiPropertyOptional({ description: 'Personens namn (i betalarens årssammanställning).' }) name?: string;
  @ApiProperty(ORE) taxableTravelOre: number;
  @ApiProperty({ type: 'integer', description: 'Antal utbetalningar.' }) payouts: number;
  @ApiProperty({ type: [String], description: 'Redovisningsperioder (ÅÅÅÅ-MM) i arbetsgivardeklarationen.' }) agiPeriods: string[];
}

/** `GET /payers/{payerCode}/yearly-summary`. */
export class YearlySummaryDto implements Json<YearlySummaryView> {
  @ApiProperty() payerCode: string;
  @ApiProperty() payerName: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: [YearPersonDto] }) persons: YearPersonDto[];
  @ApiProperty({ type: YearTotalsDto }) totals: YearTotalsDto;
}

export class PersonYearPayerDto extends YearPersonDto implements Json<PersonYearView['perPayer'][number]> {
  @ApiProperty() payerCode: string;
  @ApiProperty({ description: 'Betalarens namn.' }) payerName: string;
}

export class PersonPayoutDto implements Json<PersonYearView['payouts'][number]> {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty() payerCode: string;
  @ApiProperty({ description: 'Betalarens namn.' }) payerName: string;
  @ApiProperty({ description: 'ÅÅÅÅ-MM eller ÅÅÅÅ-Qn.' }) period: string;
  @ApiProperty({ format: 'date' }) paymentDate: string;
  @ApiProperty(ORE) netOre: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Utbetalningsbeskedet, när det är framtaget.' }) slipDocumentId: string | null;
}

/** `GET /people/{personId}/payouts`. */
export class PersonYearDto implements Json<PersonYearView> {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: [PersonYearPayerDto] }) perPayer: PersonYearPayerDto[];
  @ApiProperty({ type: [PersonPayoutDto] }) payouts: PersonPayoutDto[];
}
