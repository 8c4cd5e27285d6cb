import { Body, Controller, Get, Param, ParseUUIDPipe, PipeTransform, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { BudgetService } from './budget.service';
import { BudgetViewDto, PayerBudgetDto, SaveBudgetPlanDto } from './dto/budget.dto';

const groupId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Gruppen finns inte.') });

/** The year of a budget in the path: a whole year from 2000 to 2100, else a Swedish 400. */
class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 2000 && year <= 2100)) throw new InvalidInputError('Året måste vara ett årtal, till exempel 2027.', { year: ['Ange ett år från 2000 till 2100.'] });
    return year;
  }
}

const YEAR = { name: 'year', description: 'Budgetåret.', schema: { type: 'integer', minimum: 2000, maximum: 2100, example: 2027 } } as const;

/**
 * The year's budget of a working group (issue 19 #4): the group's coordinators plan it; they and finance of the
 * group's payer read it, with what approved payout runs paid against it.
 */
@ApiTags('budget')
@ApiBearerAuth()
@Controller()
export class BudgetController {
  constructor(private readonly budgets: BudgetService) {}

  @Get('working-groups/:groupId/budgets/:year')
  @Roles('coordinator', 'finance')
  @Scoped('group-budget', 'groupId')
  @ApiParam(YEAR)
  @ApiOperation({
    summary: 'Gruppens budget för ett år: planen, vad den kostar betalaren (arvoden, arbetsgivaravgifter, resor) och vad som har betalats ut mot den.',
    description:
      'Kostnaden räknas som en utbetalning, med betalarens taxetabell för året (rutinen §4.5.6). Utbetalt är godkända utbetalningsomgångar för gruppens aktiviteter det året. Gruppens samordnare och ekonomi hos gruppens betalare får läsa.',
  })
  @ApiOkResponse({ type: BudgetViewDto })
  @ApiBadRequestResponse({ description: 'Året är inget årtal.' })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte, eller användaren får inte se dess budget.' })
  get(@Param('groupId', groupId) id: string, @Param('year', new YearPipe()) year: number) {
    return this.budgets.view(id, year);
  }

  @Get('payers/:payerCode/budgets/:year')
  @Roles('finance')
  @Scoped('payer', 'payerCode')
  @ApiParam({ name: 'payerCode', description: 'Betalarens kod: SKR (eller SKL) eller en sjukvårdsregion som sodra.', schema: { type: 'string', minLength: 1, maxLength: 40 } })
  @ApiParam(YEAR)
  @ApiOperation({
    summary: 'Betalarens budgetar för ett år (ekonomi): varje grupp som betalaren betalar och som har en budget eller utbetalningar det året, med planerat, utbetalt och skillnad.',
  })
  @ApiOkResponse({ type: PayerBudgetDto })
  @ApiBadRequestResponse({ description: 'Året är inget årtal.' })
  @ApiNotFoundResponse({ description: 'Betalaren finns inte, eller är inte din.' })
  ofPayer(@Param('payerCode') payerCode: string, @Param('year', new YearPipe()) year: number) {
    return this.budgets.ofPayer(payerCode, year);
  }

  @Put('working-groups/:groupId/budgets/:year')
  @Roles('coordinator')
  @Scoped('group', 'groupId')
  @ApiParam(YEAR)
  @ApiOperation({
    summary: 'Spara gruppens budget för ett år (samordnare): en ny version varje gång; går att ändra tills året är slut.',
    description: 'Varje företrädare deltar i alla möten. Resor är tur och retur till ett möte: högst lika många som årets möten, och de resande högst lika många som företrädarna.',
  })
  @ApiOkResponse({ type: BudgetViewDto, description: 'Den sparade budgeten med kostnaden.' })
  @ApiBadRequestResponse({ description: 'Ett fält är inte giltigt, budgeten går inte ihop, eller året ligger för långt fram; ett meddelande per fält i `fields`.' })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte.' })
  @ApiConflictResponse({ description: 'Året har slutat, eller budgeten har ändrats sedan versionen som angavs.' })
  save(@Param('groupId', groupId) id: string, @Param('year', new YearPipe()) year: number, @Body() dto: SaveBudgetPlanDto, @CurrentUser() user: AuthUser) {
    return this.budgets.save(id, year, dto, user);
  }
}
