import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { YEAR_PARAM, YearPipe } from '../common/year-pipe';
import { AnswerEvaluationDto, AssignmentInputDto, ChangeInputItemDto, EvaluationAggregateDto, EvaluationDto, InputItemDto, RecordInputItemDto } from './dto/input.dto';
import { InputService } from './input.service';

const groupId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Gruppen finns inte.') });
const activityId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Aktiviteten finns inte.') });
const itemId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Inspelet finns inte.') });
const assignmentId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Uppdraget finns inte.') });

/**
 * How your input was used (issue 19 #1): the coordinator's record per activity of what the representatives raised
 * and what became of it, the representatives' and organisations' view of it, and the yearly evaluation.
 */
@ApiTags('input')
@ApiBearerAuth()
@Controller()
export class InputController {
  constructor(private readonly input: InputService) {}

  @Post('activities/:id/input-items')
  @Roles('coordinator', 'admin')
  @Scoped('activity', 'id')
  @ApiOperation({
    summary: 'Skriv in något som patient- och närståendeföreträdarna tog upp på en aktivitet, och vad det blev av det (samordnare).',
    description: 'Ett utfall skickas med e-post till företrädarna som var kallade och den som tog upp det. Skäl krävs när inspelet inte togs in.',
  })
  @ApiCreatedResponse({ type: InputItemDto, description: 'Inspelet är sparat (samma klient-id igen ger samma inspel).' })
  @ApiBadRequestResponse({ description: 'Ett fält är inte giltigt (till exempel skäl saknas eller företrädaren hör inte till gruppen).' })
  @ApiNotFoundResponse({ description: 'Aktiviteten finns inte.' })
  @ApiConflictResponse({ description: 'Ett annat inspel finns med detta id, eller aktiviteten är en överenskommelses eget arbete.' })
  record(@Param('id', activityId) id: string, @Body() dto: RecordInputItemDto, @CurrentUser() user: AuthUser) {
    return this.input.record(id, dto, user);
  }

  @Get('activities/:id/input-items')
  @Roles('coordinator', 'admin')
  @Scoped('activity', 'id')
  @ApiOperation({ summary: 'Inspelen från en aktivitet, med utfall (samordnare).' })
  @ApiOkResponse({ type: [InputItemDto] })
  @ApiNotFoundResponse({ description: 'Aktiviteten finns inte.' })
  @ApiConflictResponse({ description: 'Aktiviteten är en överenskommelses eget arbete.' })
  ofActivity(@Param('id', activityId) id: string) {
    return this.input.listForActivity(id);
  }

  @Patch('input-items/:id')
  @Roles('coordinator', 'admin')
  @Scoped('input-item', 'id')
  @ApiOperation({ summary: 'Ändra ett inspel eller skriv in dess utfall (samordnare). Ett nytt eller ändrat utfall skickas med e-post.' })
  @ApiOkResponse({ type: InputItemDto })
  @ApiBadRequestResponse({ description: 'Ett fält är inte giltigt.' })
  @ApiNotFoundResponse({ description: 'Inspelet finns inte.' })
  change(@Param('id', itemId) id: string, @Body() dto: ChangeInputItemDto, @CurrentUser() user: AuthUser) {
    return this.input.change(id, dto, user);
  }

  @Get('working-groups/:groupId/input-items')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'groupId')
  @ApiQuery({ ...YEAR_PARAM, required: true })
  @ApiOperation({ summary: 'Gruppens inspel från aktiviteter under ett år, med utfall (samordnare; underlag för årsrapporten).' })
  @ApiOkResponse({ type: [InputItemDto] })
  @ApiBadRequestResponse({ description: 'Året är inget årtal.' })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte.' })
  ofGroup(@Param('groupId', groupId) id: string, @Query('year', new YearPipe()) year: number) {
    return this.input.forGroupYear(id, year);
  }

  @Get('working-groups/:groupId/evaluations/:year')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'groupId')
  @ApiParam(YEAR_PARAM)
  @ApiOperation({
    summary: '”Kom din kunskap till användning?” för gruppen och året: antal svar, medelvärde, fördelning och fritexter utan namn (samordnare).',
    description: 'Färre än 3 svar ger inga siffror och inga fritexter, så att ingens svar går att känna igen.',
  })
  @ApiOkResponse({ type: EvaluationAggregateDto })
  @ApiBadRequestResponse({ description: 'Året är inget årtal.' })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte.' })
  evaluationOfGroup(@Param('groupId', groupId) id: string, @Param('year', new YearPipe()) year: number) {
    return this.input.evaluationForGroupYear(id, year);
  }

  @Get('assignments/:id/input-items')
  @Roles('representative', 'org-contact', 'coordinator', 'admin')
  @Scoped('assignment', 'id')
  @ApiOperation({
    summary: 'Hur gruppens inspel användes, på uppdragets sida: företrädaren, gruppens samordnare, och organisationen som nominerade med mandat.',
  })
  @ApiOkResponse({ type: AssignmentInputDto })
  @ApiNotFoundResponse({ description: 'Uppdraget finns inte, eller användaren får inte se det.' })
  ofAssignment(@Param('id', assignmentId) id: string, @CurrentUser() user: AuthUser) {
    return this.input.forAssignment(id, user);
  }

  @Get('assignments/:id/evaluations/:year')
  @Roles('representative')
  @Scoped('assignment', 'id')
  @ApiParam(YEAR_PARAM)
  @ApiOperation({ summary: 'Din utvärdering för året: ”Kom din kunskap till användning?” och ditt svar (företrädaren själv).' })
  @ApiOkResponse({ type: EvaluationDto })
  @ApiBadRequestResponse({ description: 'Året är inget årtal.' })
  @ApiNotFoundResponse({ description: 'Uppdraget finns inte, eller är inte ditt.' })
  evaluation(@Param('id', assignmentId) id: string, @Param('year', new YearPipe()) year: number, @CurrentUser() user: AuthUser) {
    return this.input.evaluation(id, year, user);
  }

  @Put('assignments/:id/evaluations/:year')
  @Roles('representative')
  @Scoped('assignment', 'id')
  @ApiParam(YEAR_PARAM)
  @ApiOperation({ summary: 'Svara på ”Kom din kunskap till användning?” för året, 1–5 och valfri fritext (en gång per uppdrag och år; ett nytt svar ersätter det förra).' })
  @ApiOkResponse({ type: EvaluationDto })
  @ApiBadRequestResponse({ description: 'Ett fält är inte giltigt.' })
  @ApiNotFoundResponse({ description: 'Uppdraget finns inte, eller är inte ditt.' })
  @ApiConflictResponse({ description: 'Året kan inte besvaras nu, eller uppdraget har inte börjat.' })
  answer(@Param('id', assignmentId) id: string, @Param('year', new YearPipe()) year: number, @Body() dto: AnswerEvaluationDto, @CurrentUser() user: AuthUser) {
    return this.input.answerEvaluation(id, year, dto, user);
  }
}
