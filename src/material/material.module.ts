import { Inject, Injectable, Module } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { stockholmDate, stockholmMidnight } from '../common/stockholm-time';
import type { TaskContext, TaskSource, UserTask } from '../users/tasks';
import { TaskSourceFor } from '../users/tasks';
import { checkMaterial } from './material-rules';
import { MaterialController } from './material.controller';
import { MaterialRepository } from './material.repository';
import { MaterialService } from './material.service';

/**
 * The coordinators' tasks for material not on time, for each coordinated group's meetings from today on: material
 * not sent once its due day has passed (urgent: send it), and material sent after its due day (until the meeting).
 */
@Injectable()
@TaskSourceFor({ name: 'material-on-time' })
export class MaterialTasks implements TaskSource {
  constructor(@Inject(MaterialRepository) private readonly repo: MaterialRepository) {}

  async tasksFor(user: AuthUser, { policy }: TaskContext): Promise<UserTask[]> {
    const groups = await policy.coordinatedGroupIds(user);
    if (groups.length === 0) return [];
    const today = stockholmDate(new Date());
    const tasks: UserTask[] = [];
    for (const m of await this.repo.upcomingMeetings(groups, today)) {
      const c = checkMaterial(m.date, m.materialSentOn, m.noticeDays, today);
      if (!c.flagged) continue;
      const deadline = new Date(stockholmMidnight(m.date)).toISOString();
      tasks.push(
        c.status === 'not-sent-overdue'
          ? {
              kind: 'material.send-overdue',
              title: `Skicka underlaget till ${m.title} ${m.date}: det skulle ha skickats senast ${c.dueBy} (${m.noticeDays} dagar före)`,
              subject: { type: 'group', id: m.groupId },
              groupId: m.groupId,
              deadline,
              urgent: true,
            }
          : {
              kind: 'material.sent-late',
              title: `Underlaget till ${m.title} ${m.date} skickades för sent: ${c.daysBefore} dagar före mötet, policyn är ${m.noticeDays} dagar`,
              subject: { type: 'group', id: m.groupId },
              groupId: m.groupId,
              deadline,
              urgent: false,
            },
      );
    }
    return tasks;
  }
}

@Module({ controllers: [MaterialController], providers: [MaterialService, MaterialTasks], exports: [MaterialService] })
export class MaterialModule {}
