import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, PipeTransform, Post, Put, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { contentDisposition } from '../common/content-disposition';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { GroupReviewDto, RecordReviewDecisionDto, ReviewPolicyDto, SaveReviewPolicyDto } from './dto/group-review.dto';
import { GroupReviewsService } from './group-reviews.service';

const groupId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Gruppen finns inte.') });

/** The review's year in the path: a whole year from 2000 to 2100, else a Swedish 400. */
class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 2000 && year <= 2100)) throw new InvalidInputError('Året måste vara ett årtal, till exempel 2026.', { year: ['Ange ett år från 2000 till 2100.'] });
    return year;
  }
}

const YEAR = { name: 'year', description: 'Översynens år.', schema: { type: 'integer', minimum: 2000, maximum: 2100, example: 2026 } } as const;

/**
 * The group's yearly review by its NPO (issue 16, §3.2): the coordinators of the group or of the NPO (or NSG) above
 * it, and administrators, read it and record its decision; the yearly report as a PDF.
 */
@ApiTags('group-reviews')
@ApiBearerAuth()
@Controller()
export class GroupReviewsController {
  constructor(private readonly reviews: GroupReviewsService) {}

  @Get('working-groups/:groupId/reviews/:year')
  @Roles('coordinator', 'admin')
  @Scoped('group-review', 'groupId')
  @ApiParam(YEAR)
  @ApiOperation({
    summary: 'Gruppens årliga översyn: bemanning mot minimum, årets aktiviteter, företrädarnas deltagande och beslutet.',
    description: 'Gruppens samordnare, samordnarna för NPO:n (eller NSG:n) som gruppen hör till, och administratörer.',
  })
  @ApiOkResponse({ type: GroupReviewDto })
  @ApiBadRequestResponse({ description: 'Året är inget årtal.' })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte, eller användaren får inte se dess översyn.' })
  get(@Param('groupId', groupId) id: string, @Param('year', new YearPipe()) year: number) {
    return this.reviews.view(id, year);
  }

  @Post('working-groups/:groupId/reviews/:year/decision')
  @Roles('coordinator', 'admin')
  @Scoped('group-review', 'groupId')
  @HttpCode(201)
  @ApiParam(YEAR)
  @ApiOperation({
    summary: 'Registrera översynens beslut: gruppen fortsätter, fortsätter med förändringar, eller avslutas (med bekräftelse).',
    description:
      'Ett beslut per grupp och år; det går inte att ändra. Årsrapporten sparas med sin kontrollsumma. Beslutet end avslutar gruppen som "Avsluta gruppen" gör: rekryteringen stängs och alla uppdrag avslutas.',
  })
  @ApiCreatedResponse({ type: GroupReviewDto, description: 'Beslutet är registrerat.' })
  @ApiBadRequestResponse({ description: 'Beslutet saknas, förändringarna saknas eller är för långa, eller avslutet är inte bekräftat; ett meddelande per fält i `fields`.' })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte.' })
  @ApiConflictResponse({ description: 'Översynen är redan beslutad, inte öppen det året, eller gruppen är avslutad.' })
  decide(@Param('groupId', groupId) id: string, @Param('year', new YearPipe()) year: number, @Body() dto: RecordReviewDecisionDto, @CurrentUser() user: AuthUser) {
    return this.reviews.decide(id, year, dto, user);
  }

  @Get('working-groups/:groupId/reviews/:year/report')
  @Roles('coordinator', 'admin')
  @Scoped('group-review', 'groupId')
  @ApiParam(YEAR)
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'Årsrapporten som PDF: den som sparades med beslutet (exakt de sparade byten), eller ett utkast innan beslutet är fattat.',
  })
  @ApiOkResponse({ description: 'PDF. Rubriken X-Report-Stored säger om det är den sparade rapporten (true) eller ett utkast (false).' })
  @ApiBadRequestResponse({ description: 'Året är inget årtal.' })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte.' })
  async report(
    @Param('groupId', groupId) id: string,
    @Param('year', new YearPipe()) year: number,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.reviews.report(id, year, user);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Report-Stored', String(file.stored));
    res.setHeader('ETag', `"${file.sha256}"`);
    return new StreamableFile(file.content, { type: 'application/pdf', disposition: contentDisposition(file.fileName), length: file.content.length });
  }

  @Get('group-review-policy')
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Policyn för gruppernas årliga översyn: månaden den görs i och hur gammal en grupp ska vara.' })
  @ApiOkResponse({ type: ReviewPolicyDto })
  policy() {
    return this.reviews.policy();
  }

  @Put('group-review-policy')
  @Roles('admin')
  @ApiOperation({ summary: 'Ändra policyn för den årliga översynen (administratör).' })
  @ApiOkResponse({ type: ReviewPolicyDto })
  @ApiBadRequestResponse({ description: 'Månaden eller antalet dagar är utanför det tillåtna.' })
  savePolicy(@Body() dto: SaveReviewPolicyDto, @CurrentUser() user: AuthUser) {
    return this.reviews.savePolicy(dto, user);
  }
}
