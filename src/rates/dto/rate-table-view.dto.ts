import { ApiProperty } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import { FEE_MODES, type FeeMode } from '../../fees/rate-table';
import { ROUNDING_RULES, type RoundingRule } from '../../fees/rounding';
import type { RateTableView } from '../rates.service';
import { ContributionRatesDto, FeeRatesDto, HourlyRulesDto, MileageRatesDto, TaxRatesDto } from './create-rate-table.dto';

/** A stored rate table (the same parts as the one added with POST /rate-tables), with its id and source. */
export class RateTableViewDto implements Json<RateTableView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'nationell-2026' }) code: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, nullable: true, description: 'Betalaren; null för den nationella tabellen.' }) payerCode: string | null;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date' }) validTo: string;
  @ApiProperty({ description: 'Årets prisbasbelopp i öre.' }) pbbOre: number;
  @ApiProperty({ type: FeeRatesDto }) fees: FeeRatesDto;
  @ApiProperty({ enum: FEE_MODES }) defaultFeeMode: FeeMode;
  @ApiProperty({ enum: ROUNDING_RULES }) rounding: RoundingRule;
  @ApiProperty({ type: HourlyRulesDto }) hourly: HourlyRulesDto;
  @ApiProperty({ type: ContributionRatesDto }) contributions: ContributionRatesDto;
  @ApiProperty({ type: TaxRatesDto }) tax: TaxRatesDto;
  @ApiProperty({ type: MileageRatesDto }) mileage: MileageRatesDto;
  @ApiProperty() source: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
