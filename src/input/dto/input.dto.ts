import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Json } from '../../common/json-shape';
import { IsOptionalNotNull } from '../../common/validation';
import { EVALUATION_MIN_ANSWERS, INPUT_LIMITS, INPUT_OUTCOMES, type EvaluationAggregate, type InputOutcome } from '../input-rules';
import type { AssignmentInputView, EvaluationAnswerView, EvaluationView, InputItemView } from '../input.service';

/** What the coordinator records of one thing the representatives raised at an activity. */
export class RecordInputItemDto {
  @ApiPropertyOptional({ description: 'Klientens eget id (UUID): samma id med samma innehåll igen ger det sparade inspelet; med annat innehåll 409.', format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID('all', { message: 'id måste vara ett UUID.' })
  id?: string;

  @ApiProperty({ description: 'Vad företrädarna tog upp (vanlig text, högst 2 000 tecken).', minLength: 1, maxLength: INPUT_LIMITS.raised, example: 'Patienter behöver skriftlig information efter utskrivning.' })
  @IsString({ message: 'Inspelet måste vara text.' })
  @IsNotEmpty({ message: 'Skriv vad som togs upp.' })
  @Matches(/\S/, { message: 'Skriv vad som togs upp.' })
  @MaxLength(INPUT_LIMITS.raised, { message: `Inspelet får vara högst ${INPUT_LIMITS.raised} tecken.` })
  raised: string;

  @ApiPropertyOptional({ description: 'Vem som tog upp det: ett av gruppens uppdrag (valfritt; null tar bort det).', format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'raisedByAssignmentId måste vara ett UUID.' })
  raisedByAssignmentId?: string | null;

  @ApiPropertyOptional({
    enum: INPUT_OUTCOMES,
    nullable: true,
    description: 'Vad det blev av inspelet: taken-in = togs in, changed-text = ändrade texten, not-taken-in = togs inte in (med skäl). Null: inget utfall ännu.',
  })
  @IsOptional()
  @IsIn(INPUT_OUTCOMES, { message: `Utfallet måste vara ett av ${INPUT_OUTCOMES.join(', ')}.` })
  outcome?: InputOutcome | null;

  @ApiPropertyOptional({ description: 'Skälet (krävs när inspelet inte togs in; högst 2 000 tecken).', nullable: true, type: String, maxLength: INPUT_LIMITS.reason })
  @IsOptional()
  @IsString({ message: 'Skälet måste vara text.' })
  @MaxLength(INPUT_LIMITS.reason, { message: `Skälet får vara högst ${INPUT_LIMITS.reason} tecken.` })
  reason?: string | null;

  @ApiPropertyOptional({ description: 'Avsnittet i kunskapsstödet som inspelet gällde (valfritt, högst 200 tecken).', nullable: true, type: String, maxLength: INPUT_LIMITS.guidelineSection, example: '3.2 Uppföljning' })
  @IsOptional()
  @IsString({ message: 'Avsnittet måste vara text.' })
  @MaxLength(INPUT_LIMITS.guidelineSection, { message: `Avsnittet får vara högst ${INPUT_LIMITS.guidelineSection} tecken.` })
  guidelineSection?: string | null;
}

/** A change of an input item: any of its fields; left out is not changed, null clears what may be cleared. */
export class ChangeInputItemDto extends PartialType(OmitType(RecordInputItemDto, ['id'] as const), { skipNullProperties: false }) {}

export class AnswerEvaluationDto {
  @ApiProperty({ description: 'Kom din kunskap till användning? 1 = inte alls, 5 = i hög grad.', minimum: 1, maximum: 5, type: 'integer', example: 4 })
  @IsInt({ message: 'Svara med en siffra från 1 till 5.' })
  @Min(1, { message: 'Svara med en siffra från 1 till 5.' })
  @Max(5, { message: 'Svara med en siffra från 1 till 5.' })
  score: number;

  @ApiPropertyOptional({ description: 'Fritext (valfri, högst 2 000 tecken). Samordnarna ser den utan namn.', nullable: true, type: String, maxLength: INPUT_LIMITS.comment })
  @IsOptional()
  @IsString({ message: 'Kommentaren måste vara text.' })
  @MaxLength(INPUT_LIMITS.comment, { message: `Kommentaren får vara högst ${INPUT_LIMITS.comment} tecken.` })
  comment?: string | null;
}

export class InputItemDto implements Json<InputItemView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty() activityTitle: string;
  @ApiProperty({ type: String, nullable: true, description: 'ÅÅÅÅ-MM-DD' }) activityDate: string | null;
  @ApiProperty({ description: 'Vanlig text: visas som text, aldrig som HTML.' }) raised: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) raisedByAssignmentId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Namnet på företrädaren som tog upp det.' }) raisedByName: string | null;
  @ApiProperty({ enum: INPUT_OUTCOMES, nullable: true }) outcome: InputOutcome | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) guidelineSection: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) outcomeRecordedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class EvaluationAnswerDto implements Json<EvaluationAnswerView> {
  @ApiProperty({ minimum: 1, maximum: 5 }) score: number;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) answeredAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class EvaluationDto implements Json<EvaluationView> {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty() year: number;
  @ApiProperty({ example: 'Kom din kunskap till användning?' }) question: string;
  @ApiProperty({ description: 'Om frågan kan besvaras (innevarande eller förra året, för ett uppdrag som har börjat).' }) open: boolean;
  @ApiProperty({ type: EvaluationAnswerDto, nullable: true }) answer: EvaluationAnswerDto | null;
}

export class AssignmentInputDto implements Json<AssignmentInputView> {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ type: [InputItemDto], description: 'Inspelen från gruppens möten och aktiviteter.' }) items: InputItemDto[];
  @ApiProperty({ type: EvaluationDto, nullable: true, description: 'Årets utvärdering; bara för företrädaren själv.' }) evaluation: EvaluationDto | null;
}

export class EvaluationDistributionDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) score: number;
  @ApiProperty() count: number;
}

export class EvaluationAggregateDto implements Json<EvaluationAggregate> {
  @ApiProperty() year: number;
  @ApiProperty() question: string;
  @ApiProperty({ description: 'Hur många som har svarat.' }) count: number;
  @ApiProperty({ description: `Svar som behövs för att siffror ska visas (${EVALUATION_MIN_ANSWERS}).` }) minimumAnswers: number;
  @ApiProperty() shown: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Varför inga siffror visas.' }) hiddenReason: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Medelvärdet, två decimaler.' }) mean: number | null;
  @ApiProperty({ type: [EvaluationDistributionDto] }) distribution: EvaluationDistributionDto[];
  @ApiProperty({ type: [String], description: 'Fritexterna utan namn, i bokstavsordning.' }) comments: string[];
}
