import { Inject, Injectable, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { ScopeContext } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { ScopeRule, ScopeRuleFor } from '../auth/scope-rule';
import { stockholmDate, stockholmMidnight } from '../common/stockholm-time';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { LOGGER } from '../logging/logger';
import { Mailer } from '../mail/mailer';
import type { TaskContext, TaskSource, UserTask } from '../users/tasks';
import { TaskSourceFor } from '../users/tasks';
import { evaluationAsked } from './input-rules';
import { InputController } from './input.controller';
import { InputRepository } from './input.repository';
import { InputService } from './input.service';

/** Who may change an input item: a coordinator of its group, an administrator. Anyone else: the 404 of a missing item. */
@Injectable()
@ScopeRuleFor({ kind: 'input-item' })
export class InputItemScopeRule implements ScopeRule {
  constructor(@Inject(InputRepository) private readonly repo: InputRepository) {}

  async canSee(user: AuthUser, id: string, { policy }: ScopeContext): Promise<boolean> {
    const groupId = await this.repo.groupOfItem(id);
    if (groupId === null) return false;
    return policy.isAdmin(user) || (await policy.coordinates(user, groupId));
  }
}

/**
 * "Kom din kunskap till användning?": from 1 November each representative is asked it for each active assignment (one
 * that has begun: not an offer, an unsigned agreement or an unfinished introduction), until they answer.
 */
@Injectable()
@TaskSourceFor({ name: 'input-evaluation' })
export class EvaluationTasks implements TaskSource {
  constructor(@Inject(InputRepository) private readonly repo: InputRepository) {}

  async tasksFor(user: AuthUser, _ctx: TaskContext): Promise<UserTask[]> {
    if (!user.roles.includes('representative') || user.personId === null) return [];
    const today = stockholmDate(new Date());
    if (!evaluationAsked(today)) return [];
    const year = Number(today.slice(0, 4));
    // Answered by the year's end: midnight of 1 January next year, Stockholm.
    const deadline = new Date(stockholmMidnight(`${year + 1}-01-01`)).toISOString();
    return (await this.repo.unansweredEvaluations(user.personId, year)).map((a) => ({
      kind: 'input.evaluate',
      title: `Kom din kunskap till användning under ${year}? Svara på årets fråga`,
      subject: { type: 'assignment', id: a.id },
      groupId: a.group_id,
      deadline,
      urgent: false,
    }));
  }
}

@Module({
  controllers: [InputController],
  providers: [
    InputService,
    InputItemScopeRule,
    EvaluationTasks,
    // The outcome mails the API writes itself: the same outbox as the workflows'.
    { provide: Mailer, useFactory: (ds: DataSource, config: AppConfig, logger: Logger) => new Mailer(ds, config, logger.child({ component: 'mail' })), inject: [DataSource, APP_CONFIG, LOGGER] },
  ],
  exports: [InputService],
})
export class InputModule {}
