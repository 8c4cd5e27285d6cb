import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { MyAssignmentDto, UserTaskDto } from './dto/users.dto';
import { TaskRegistry } from './tasks';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    @Inject(TaskRegistry) private readonly tasks: TaskRegistry,
    @Inject(DataSource) private readonly ds: DataSource,
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
  async assignments(@CurrentUser() user: AuthUser): Promise<MyAssignmentDto[]> {
    if (!user.personId) return [];
    const rows: Array<{ id: string; group_id: string; group_name: string; state: string; period_start: string | null; period_end: string | null }> = await this.ds.query(
      `SELECT a.id, a.group_id, g.name AS group_name, a.state, a.period_start::text AS period_start, a.period_end::text AS period_end
         FROM assignment a JOIN working_group g ON g.id = a.group_id
        WHERE a.person_id = $1
        ORDER BY a.created_at DESC, a.id`,
      [user.personId],
    );
    return rows.map((r) => ({ id: r.id, groupId: r.group_id, groupName: r.group_name, state: r.state, periodStart: r.period_start, periodEnd: r.period_end }));
  }
}
