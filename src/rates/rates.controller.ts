import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CreateRateTableDto, InForceQuery, ListRateTablesQuery } from './dto/create-rate-table.dto';
import { RatesService } from './rates.service';
import { RateTableViewDto } from './dto/rate-table-view.dto';

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

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: RateTableViewDto, description: 'Tabellen är sparad.' })
  @ApiConflictResponse({ description: 'Giltighetstiden överlappar en annan tabell för samma betalare, eller koden är upptagen.' })
  create(@Body() dto: CreateRateTableDto, @CurrentUser() user: AuthUser) {
    return this.rates.create(dto, user.id);
  }
}
