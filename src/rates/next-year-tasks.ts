import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { stockholmDate } from '../common/stockholm-time';
import type { TaskSource, UserTask } from '../users/tasks';
import { TaskSourceFor } from '../users/tasks';
import { NEXT_YEAR_WARNING_FROM, nextYearTableTasks } from './next-year-tables';
import { toRateTable } from './rate-table.entity';
import { RatesRepository } from './rates.repository';

/** `GET /me/tasks` for administrators: next year's missing rate tables (nextYearTableTasks). */
@Injectable()
@TaskSourceFor({ name: 'rate-tables.next-year' })
export class NextYearRateTableTasks implements TaskSource {
  constructor(@Inject(RatesRepository) private readonly repo: RatesRepository) {}

  async tasksFor(user: AuthUser): Promise<UserTask[]> {
    if (!user.roles.includes('admin')) return [];
    const today = stockholmDate(new Date());
    if (today.slice(5) < NEXT_YEAR_WARNING_FROM) return [];
    const [payers, rows] = await Promise.all([this.repo.allPayingBodies(), this.repo.listTables({})]);
    return nextYearTableTasks(today, payers, rows.map(toRateTable));
  }
}
