import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { ActivityDto, ActivityPageDto, CreateGroupActivityDto, ListGroupActivitiesQueryDto, UpdateGroupActivityDto } from './dto/group-activity.dto';
import { GroupActivitiesService } from './group-activities.service';

const groupId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Gruppen finns inte.') });
const activityId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Aktiviteten finns inte.') });
const assignmentId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Uppdraget finns inte.') });

@ApiTags('activities')
@ApiBearerAuth()
@Controller()
export class GroupActivitiesController {
  constructor(private readonly service: GroupActivitiesService) {}

  @Post('working-groups/:groupId/activities')
  @Roles('coordinator', 'admin')
  @Scoped('group', 'groupId')
  @ApiOperation({ summary: 'Skapa en aktivitet som gruppen kallar till (möte, annat arbete, extra förberedelse, öppet informationsmöte).' })
  @ApiCreatedResponse({ type: ActivityDto, description: 'Aktiviteten är sparad (samma klient-id igen ger samma aktivitet).' })
  @ApiConflictResponse({ description: 'En annan aktivitet finns redan med detta id.' })
  create(@Param('groupId', groupId) id: string, @Body() dto: CreateGroupActivityDto, @CurrentUser() user: AuthUser) {
    return this.service.create(id, dto, user);
  }

  @Get('working-groups/:groupId/activities')
  @ApiOperation({
    summary:
      'Gruppens aktiviteter, sidvis: samordnare, administratör och ekonomi hos gruppens betalare ser alla; en företrädare med uppdrag i gruppen ser dem hon eller han är kallad till och överenskommelsens egen aktivitet.',
  })
  @ApiOkResponse({ type: ActivityPageDto })
  @ApiNotFoundResponse({ description: 'Gruppen finns inte, eller användaren får inte se dess aktiviteter.' })
  list(@Param('groupId', groupId) id: string, @Query() q: ListGroupActivitiesQueryDto, @CurrentUser() user: AuthUser) {
    return this.service.list(id, q, user);
  }

  @Get('activities/:id')
  @Scoped('activity', 'id')
  @ApiOkResponse({ type: ActivityDto })
  get(@Param('id', activityId) id: string) {
    return this.service.get(id);
  }

  @Patch('activities/:id')
  @Roles('coordinator', 'admin')
  @Scoped('activity', 'id')
  @ApiOperation({ summary: 'Ändra en aktivitet (samordnare). Nytt datum eller ny typ följer med till rapporterna mot den.' })
  @ApiOkResponse({ type: ActivityDto })
  @ApiConflictResponse({ description: 'En rapport mot aktiviteten är attesterad, aktiviteten är överenskommelsens egen, eller ett kallat uppdrag som har rapporterat skulle strykas.' })
  update(@Param('id', activityId) id: string, @Body() dto: UpdateGroupActivityDto, @CurrentUser() user: AuthUser) {
    return this.service.update(id, dto, user);
  }

  @Get('assignments/:id/activities')
  @Roles('representative', 'coordinator', 'admin')
  @Scoped('assignment', 'id')
  @ApiOperation({ summary: 'Det företrädaren kan rapportera mot: aktiviteter uppdraget är kallat till och överenskommelsens egen aktivitet.' })
  @ApiOkResponse({ type: [ActivityDto] })
  @ApiForbiddenResponse({ description: 'Saknar behörighet.' })
  forAssignment(@Param('id', assignmentId) id: string) {
    return this.service.forAssignment(id);
  }
}
