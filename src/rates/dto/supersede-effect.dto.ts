import { ApiProperty } from '@nestjs/swagger';
import type { Json } from '../../common/json-shape';
import type { EffectLine, EffectSum, SupersedeEffect } from '../rates.service';

/** One line whose pay the new version changes or could change: under the table in force now and under the new version. */
export class EffectLineDto implements Json<EffectLine> {
  @ApiProperty({ enum: ['attested', 'open-agreement'], description: 'attested: attesterad rad som inte är utbetald; open-agreement: en öppen överenskommelses kommande aktivitet.' })
  source: 'attested' | 'open-agreement';
  @ApiProperty({ example: 'SKR' }) payerCode: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() personName: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Tidrapporten (attesterade rader).' }) timeReportId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Aktiviteten (kommande aktiviteter).' }) activityId: string | null;
  @ApiProperty({ format: 'date' }) activityDate: string;
  @ApiProperty({ description: 'Arvode och resor före skatt enligt tabellen som gäller nu, i öre.' }) oldOre: number;
  @ApiProperty({ description: 'Arvode och resor före skatt enligt den nya versionen, i öre.' }) newOre: number;
  @ApiProperty({ description: 'newOre − oldOre, i öre.' }) differenceOre: number;
  @ApiProperty({ type: String, nullable: true, description: 'Tabellen som gäller nu (kod och version); null om ingen gäller.', example: 'nationell-2026 v1' }) oldTable: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Tabellen som skulle gälla med den nya versionen.', example: 'nationell-2026 v2' }) newTable: string | null;
}

export class EffectSumDto implements Json<EffectSum> {
  @ApiProperty({ description: 'Antal rader.' }) lines: number;
  @ApiProperty({ description: 'Summa enligt tabellen som gäller nu, i öre.' }) oldOre: number;
  @ApiProperty({ description: 'Summa enligt den nya versionen, i öre.' }) newOre: number;
  @ApiProperty({ description: 'Skillnaden, i öre.' }) differenceOre: number;
}

export class EffectPayerSumDto extends EffectSumDto implements Json<SupersedeEffect['perPayer'][number]> {
  @ApiProperty({ example: 'SKR' }) payerCode: string;
}

export class EffectAgreementSumDto extends EffectSumDto implements Json<SupersedeEffect['perAgreement'][number]> {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty() personName: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ example: 'SKR' }) payerCode: string;
}

/** POST /rate-tables/{code}/supersede/preview: what the new version would change, before it is saved. */
export class SupersedeEffectDto implements Json<SupersedeEffect> {
  @ApiProperty({ example: 'nationell-2026' }) code: string;
  @ApiProperty({ description: 'Den nya versionens nummer.' }) newVersion: number;
  @ApiProperty({ type: String, nullable: true, description: 'Betalaren; null för den nationella tabellen.' }) payerCode: string | null;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date' }) validTo: string;
  @ApiProperty({ type: [EffectLineDto] }) lines: EffectLineDto[];
  @ApiProperty({ type: [EffectPayerSumDto], description: 'Summorna per betalare.' }) perPayer: EffectPayerSumDto[];
  @ApiProperty({ type: [EffectAgreementSumDto], description: 'Summorna per överenskommelse (uppdrag).' }) perAgreement: EffectAgreementSumDto[];
  @ApiProperty({ type: EffectSumDto }) totals: EffectSumDto;
}
