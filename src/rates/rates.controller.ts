import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CreateRateTableDto, InForceQuery, ListRateTablesQuery, SupersedeRateTableDto } from './dto/create-rate-table.dto';
import { RatesService } from './rates.service';
import { RateTableViewDto } from './dto/rate-table-view.dto';
import { SupersedeEffectDto } from './dto/supersede-effect.dto';

/** Reading tables needs a login; adding one is for administrators. */
@ApiTags('rate-tables')
@ApiBearerAuth()
@Controller('rate-tables')
export class RatesController {
  constructor(private readonly rates: RatesService) {}

  @Get()
  @ApiOkResponse({ type: [RateTableViewDto], description: 'Taxetabellerna, äldst först; filtrera på betalare och år.' })
  list(@Query() q: ListRateTablesQuery) {
    return this.rates.list(q);
  }

  @Get('in-force')
  @ApiOkResponse({ type: RateTableViewDto, description: 'Tabellen som gäller för betalaren detta datum (betalarens egen före den nationella).' })
  inForce(@Query() q: InForceQuery) {
    return this.rates.inForce(q.date, q.payerCode);
  }

  @Get(':code')
  @ApiOkResponse({ type: RateTableViewDto, description: 'En taxetabell.' })
  get(@Param('code') code: string) {
    return this.rates.get(code);
  }

  @Get(':code/versions')
  @ApiParam({ name: 'code', schema: { type: 'string', maxLength: 63 } })
  @ApiOkResponse({ type: [RateTableViewDto], description: 'Alla versioner av tabellen, äldst först (en ersatt version finns kvar och kan läsas).' })
  @ApiNotFoundResponse({ description: 'Taxetabellen finns inte.' })
  versions(@Param('code') code: string) {
    return this.rates.versions(code);
  }

  @Post(':code/supersede/preview')
  @HttpCode(200)
  @Roles('admin')
  @ApiParam({ name: 'code', schema: { type: 'string', maxLength: 63 } })
  @ApiOperation({
    summary: 'Visa effekten av en ny version innan den sparas',
    description:
      'För varje attesterad rad som inte är utbetald och varje öppen överenskommelses kommande aktivitet (kallad, inte rapporterad) som den nya versionen skulle gälla: arvode och resor enligt tabellen som gäller nu och enligt den nya versionen, och summorna per betalare och per överenskommelse. Inget sparas.',
  })
  @ApiOkResponse({ type: SupersedeEffectDto, description: 'Effekten per rad, per betalare och per överenskommelse.' })
  @ApiBadRequestResponse({ description: 'Fälten är inte giltiga; fältfel i `fields`.' })
  @ApiNotFoundResponse({ description: 'Taxetabellen finns inte.' })
  @ApiConflictResponse({ description: 'Datumet ligger utanför den gällande versionens giltighetstid.' })
  supersedePreview(@Param('code') code: string, @Body() dto: SupersedeRateTableDto) {
    return this.rates.supersedePreview(code, dto);
  }

  @Post(':code/supersede')
  @Roles('admin')
  @ApiParam({ name: 'code', schema: { type: 'string', maxLength: 63 } })
  @ApiOperation({
    summary: 'Ersätt en taxetabell med en ny version från ett datum',
    description: 'Den nya versionen gäller från `from` till den gamla versionens sista dag; den gamla ändras aldrig och finns kvar. Där båda gäller vinner den nya.',
  })
  @ApiCreatedResponse({ type: RateTableViewDto, description: 'Den nya versionen är sparad.' })
  @ApiBadRequestResponse({ description: 'Fälten är inte giltiga; fältfel i `fields`.' })
  @ApiNotFoundResponse({ description: 'Taxetabellen finns inte.' })
  @ApiConflictResponse({ description: 'Datumet ligger utanför den gällande versionens giltighetstid, eller den nya versionen överlappar en annan tabell för samma betalare.' })
  supersede(@Param('code') code: string, @Body() dto: SupersedeRateTableDto, @CurrentUser() user: AuthUser) {
    return this.rates.supersede(code, dto, user.id);
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: RateTableViewDto, description: 'Tabellen är sparad.' })
  @ApiConflictResponse({ description: 'Giltighetstiden överlappar en annan tabell för samma betalare, eller koden är upptagen.' })
  create(@Body() dto: CreateRateTableDto, @CurrentUser() user: AuthUser) {
    return this.rates.create(dto, user.id);
  }
}
