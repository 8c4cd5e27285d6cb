import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SCOPE_NOT_FOUND_MESSAGES } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { CreateOrganisationDto, ListOrganisationsQuery, OrganisationDto, OrganisationPageDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError(SCOPE_NOT_FOUND_MESSAGES.organisation) });

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly service: OrganisationsService) {}

  @Get()
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: 'Patient- och närståendeorganisationer, sidvis, efter namn; filtrerade på del av namnet eller perspektiv.' })
  @ApiOkResponse({ type: OrganisationPageDto })
  list(@Query() q: ListOrganisationsQuery) {
    return this.service.list(q);
  }

  @Get(':id')
  @Scoped('organisation-record', 'id')
  @ApiOkResponse({ type: OrganisationDto, description: 'Organisationen (för administratörer, samordnare och organisationens kontakter).' })
  get(@Param('id', uuid) id: string) {
    return this.service.get(id);
  }

  @Post()
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: 'Lägger till en organisation; samma id igen med samma uppgifter skapar ingen ny.' })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiBadRequestResponse({ description: 'Ett fält är ogiltigt, till exempel organisationsnumret.' })
  @ApiConflictResponse({ description: 'Namnet eller organisationsnumret finns redan, eller id:t används av en annan organisation.' })
  create(@Body() dto: CreateOrganisationDto, @CurrentUser() user: AuthUser) {
    return this.service.create(dto, user);
  }

  // Administrators only, and no object scope: an administrator sees every organisation, and a coordinator (who
  // reads every organisation) or a contact is told 403, not a 404 for an organisation they can read.
  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Ändrar en organisations uppgifter (orgNumber: null tar bort organisationsnumret).' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiBadRequestResponse({ description: 'Ett fält är ogiltigt.' })
  @ApiConflictResponse({ description: 'Namnet eller organisationsnumret finns redan hos en annan organisation.' })
  update(@Param('id', uuid) id: string, @Body() dto: UpdateOrganisationDto, @CurrentUser() user: AuthUser) {
    return this.service.update(id, dto, user);
  }
}
