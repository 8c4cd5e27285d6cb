import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { UserTaskDto } from './dto/users.dto';
import { TaskRegistry } from './tasks';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(@Inject(TaskRegistry) private readonly tasks: TaskRegistry) {}

  @Get('tasks')
  @ApiOperation({ summary: 'Det som väntar på den inloggade användaren, med tidsfrister (närmast först).' })
  @ApiOkResponse({ type: [UserTaskDto] })
  list(@CurrentUser() user: AuthUser) {
    return this.tasks.tasksFor(user);
  }
}
