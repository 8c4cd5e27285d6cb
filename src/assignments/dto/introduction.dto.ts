import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { INTRODUCTION_KINDS, type IntroductionKind } from '../../../workflows/assignment.messages';

/**
 * The introduction (§4.4) completed (issue 16 #8): the representative marks the digital introduction completed
 * themself (`digital`, the default for them); a coordinator records an introduction meeting and its day
 * (`meeting`, the default for them; the day defaults to today) or the digital introduction.
 */
export class CompleteIntroductionDto {
  @ApiPropertyOptional({
    enum: INTRODUCTION_KINDS,
    description: 'digital: den digitala introduktionen är genomförd (företrädaren markerar själv). meeting: ett introduktionsmöte (registreras av samordnaren).',
  })
  @IsOptional()
  @IsIn(INTRODUCTION_KINDS, { message: 'Introduktionen är digital eller meeting (ett möte).' })
  kind?: IntroductionKind;

  @ApiPropertyOptional({ description: 'Dagen för introduktionsmötet (ÅÅÅÅ-MM-DD); i dag om den inte anges. Inte en dag i framtiden.', format: 'date', example: '2026-09-14' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Datumet måste anges som ÅÅÅÅ-MM-DD.' })
  @IsISO8601({ strict: true }, { message: 'Datumet måste anges som ÅÅÅÅ-MM-DD.' })
  heldOn?: string;
}
