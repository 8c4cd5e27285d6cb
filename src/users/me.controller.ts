import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { MyAssignmentDto, UserTaskDto } from './dto/users.dto';
import { TaskRegistry } from './tasks';
import { UsersService } from './users.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    @Inject(TaskRegistry) private readonly tasks: TaskRegistry,
    @Inject(UsersService) private readonly users: UsersService,
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
  @ApiOperation({ summary: 'Den inloggade företrädarens egna uppdrag, med grupp och läge (nyaste först).' })
  @ApiOkResponse({ type: [MyAssignmentDto] })
  assignments(@CurrentUser() user: AuthUser): Promise<MyAssignmentDto[]> {
    return this.users.assignmentsOf(user);
  }
}
