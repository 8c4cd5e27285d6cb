import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import type { Json } from '../../common/json-shape';
import { MATERIAL_NOTICE, MATERIAL_STATUSES, type MaterialStatus } from '../material-rules';
import type { MaterialPolicyView, MaterialTimelinessView, MeetingMaterialView } from '../material.service';

export class SetMaterialPolicyDto {
  @ApiProperty({
    description: `Dagar före ett möte som underlaget ska skickas ut (${MATERIAL_NOTICE.minDays}–${MATERIAL_NOTICE.maxDays}; standard ${MATERIAL_NOTICE.defaultDays}), så att organisationerna hinner förankra.`,
    type: 'integer',
    minimum: MATERIAL_NOTICE.minDays,
    maximum: MATERIAL_NOTICE.maxDays,
    example: 14,
  })
  @IsInt({ message: 'Ange antal dagar som ett heltal.' })
  @Min(MATERIAL_NOTICE.minDays, { message: `Ange minst ${MATERIAL_NOTICE.minDays} dag.` })
  @Max(MATERIAL_NOTICE.maxDays, { message: `Ange högst ${MATERIAL_NOTICE.maxDays} dagar.` })
  noticeDays: number;
}

export class MaterialPolicyDto implements Json<MaterialPolicyView> {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ minimum: MATERIAL_NOTICE.minDays, maximum: MATERIAL_NOTICE.maxDays }) noticeDays: number;
}

export class MeetingMaterialDto implements Json<MeetingMaterialView> {
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Mötets datum (ÅÅÅÅ-MM-DD).' }) date: string;
  @ApiProperty({ type: String, nullable: true, description: 'När underlaget skickades (ÅÅÅÅ-MM-DD).' }) materialSentOn: string | null;
  @ApiProperty({ description: 'Sista dag för underlaget enligt gruppens policy.' }) dueBy: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Dagar mellan utskick och möte.' }) daysBefore: number | null;
  @ApiProperty({
    enum: MATERIAL_STATUSES,
    description: 'on-time = i tid; late = skickat för sent; not-sent-overdue = inte skickat och sista dagen har passerat; not-due-yet = inte skickat, sista dagen har inte passerat.',
  })
  status: MaterialStatus;
  @ApiProperty({ description: 'Flaggat för samordnaren (för sent, eller inte skickat i tid).' }) flagged: boolean;
}

export class MaterialTimelinessDto implements Json<MaterialTimelinessView> {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() year: number;
  @ApiProperty({ description: 'Gruppens policy: dagar före mötet.' }) noticeDays: number;
  @ApiProperty({ description: 'Dagen bedömningen gäller.' }) asOf: string;
  @ApiProperty({ type: [MeetingMaterialDto] }) meetings: MeetingMaterialDto[];
  @ApiProperty({ description: 'Hur många möten som är flaggade.' }) flaggedCount: number;
}
