import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { CreateWorkingGroupDto } from './dto/create-working-group.dto';
import { WorkingGroupsService } from './working-groups.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Gruppen finns inte.') });

@ApiTags('working-groups')
@ApiBearerAuth()
@Controller('working-groups')
export class WorkingGroupsController {
  constructor(private readonly service: WorkingGroupsService) {}

  @Post()
  @Roles('coordinator', 'admin')
  @ApiCreatedResponse({ description: 'Gruppen är sparad och dess rekrytering har startat; en samordnare som skapar gruppen blir dess samordnare.' })
  create(@Body() dto: CreateWorkingGroupDto, @CurrentUser() user: AuthUser) {
    return this.service.create(dto, user);
  }

  @Get()
  @Roles('coordinator', 'admin')
  @ApiOkResponse({ description: 'Alla arbetsgrupper.' })
  list() {
    return this.service.list();
  }

  @Get(':id')
  @Scoped('group', 'id')
  @ApiOkResponse({ description: 'Gruppen med rekryteringens aktuella läge; för gruppens samordnare också medlemmarnas jäv (recusals).' })
  get(@Param('id', uuid) id: string, @CurrentUser() user: AuthUser) {
    return this.service.overview(id, user);
  }

  @Post(':id/end')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'id')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Gruppen avslutas: rekryteringen stängs och alla uppdrag i gruppen avslutas.' })
  @ApiConflictResponse({ description: 'Gruppen är redan avslutad.' })
  end(@Param('id', uuid) id: string, @CurrentUser() user: AuthUser) {
    return this.service.end(id, user);
  }

  @Post(':id/recruitment')
  @Scoped('group', 'id')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Startar gruppens rekrytering; att starta igen gör ingenting nytt.' })
  async startRecruitment(@Param('id', uuid) id: string) {
    await this.service.startRecruitment(id);
    return this.service.get(id);
  }
}
