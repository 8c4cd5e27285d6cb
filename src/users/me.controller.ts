import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, Scoped } from '../auth/auth.decorators';
import { NotFoundError } from '../common/errors';
import { MyAssignmentDto, MyAssignmentEventDto, UserTaskDto } from './dto/users.dto';
import { MyAssignmentsService } from './my-assignments.service';
import { TaskRegistry } from './tasks';

const assignmentId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Uppdraget finns inte.') });

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    @Inject(TaskRegistry) private readonly tasks: TaskRegistry,
    @Inject(MyAssignmentsService) private readonly mine: MyAssignmentsService,
  ) {}

  @Get('tasks')
  @ApiOperation({ summary: 'Det som väntar på den inloggade användaren, med tidsfrister (närmast först).' })
  @ApiOkResponse({ type: [UserTaskDto] })
  list(@CurrentUser() user: AuthUser) {
    return this.tasks.tasksFor(user);
  }

  /**
   * The representative's own assignments ("Mina uppdrag" in the web app), newest first: the way to an active
   * assignment when nothing waits in "Att göra nu". Only the user's own person record; no personal data.
   */
  @Get('assignments')
  @Roles('representative')
  @ApiOperation({ summary: 'Den inloggade företrädarens egna uppdrag, med grupp, läge, nästa steg och tidsfrist, rapportperioder och dokument (nyaste först).' })
  @ApiOkResponse({ type: [MyAssignmentDto] })
  assignments(@CurrentUser() user: AuthUser): Promise<MyAssignmentDto[]> {
    return this.mine.list(user);
  }

  /**
   * What happened in one of the representative's own assignments, from its audit log, in Swedish (issue 17 #1).
   * Another person's assignment answers 404 as one that does not exist; no personal data is in the answer.
   */
  @Get('assignments/:assignmentId/timeline')
  @Roles('representative')
  @Scoped('assignment', 'assignmentId')
  @ApiOperation({ summary: 'Vad som har hänt i ett av den inloggade företrädarens egna uppdrag (äldst först).' })
  @ApiOkResponse({ type: [MyAssignmentEventDto] })
  @ApiNotFoundResponse({ description: 'Uppdraget finns inte, eller är inte ditt.' })
  timeline(@Param('assignmentId', assignmentId) id: string, @CurrentUser() user: AuthUser): Promise<MyAssignmentEventDto[]> {
    return this.mine.timeline(user, id);
  }
}
