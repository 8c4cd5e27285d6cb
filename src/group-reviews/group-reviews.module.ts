import { Inject, Injectable, Module } from '@nestjs/common';
import type { ScopeContext } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { ScopeRule, ScopeRuleFor } from '../auth/scope-rule';
import { DocumentStoreModule } from '../documents/document-store.module';
import type { TaskContext, TaskSource, UserTask } from '../users/tasks';
import { TaskSourceFor } from '../users/tasks';
import { WorkingGroupsModule } from '../working-groups/working-groups.module';
import { GroupReviewsController } from './group-reviews.controller';
import { GroupReviewsRepository } from './group-reviews.repository';
import { GroupReviewsService } from './group-reviews.service';
import { reviewingGroupId } from './review-policy';

/**
 * Who may read a group's yearly review and record its decision (the id is the group's): administrators, the group's
 * coordinators, and the coordinators of the group that reviews it (its NPO or NSG, `reviewingGroupId`). Anyone else,
 * and any id of a group that does not exist, gets the same 404 as for a missing group.
 */
@Injectable()
@ScopeRuleFor({ kind: 'group-review' })
export class GroupReviewScopeRule implements ScopeRule {
  constructor(@Inject(GroupReviewsRepository) private readonly repo: GroupReviewsRepository) {}

  async canSee(user: AuthUser, id: string, { policy }: ScopeContext): Promise<boolean> {
    const group = await this.repo.group(id);
    if (!group) return false;
    if (policy.isAdmin(user) || (await policy.coordinates(user, id))) return true;
    const reviewer = reviewingGroupId(group);
    return reviewer !== id && (await policy.coordinates(user, reviewer));
  }
}

export const YEARLY_REVIEW_TASK_KIND = 'working-group.yearly-review';

/**
 * `GET /me/tasks`: each group whose yearly review is open and undecided is a task of the coordinators of the group
 * that reviews it (`reviewingGroupId`: the NPO's for a NAG), due by the end of the policy's review month; urgent
 * once that has passed. Gone when the decision is recorded.
 */
@Injectable()
@TaskSourceFor({ name: 'group-review.yearly' })
export class YearlyReviewTasks implements TaskSource {
  constructor(@Inject(GroupReviewsService) private readonly reviews: GroupReviewsService) {}

  async tasksFor(user: AuthUser, ctx: TaskContext): Promise<UserTask[]> {
    const coordinated = await ctx.policy.coordinatedGroupIds(user);
    if (!coordinated.length) return [];
    const now = Date.now();
    const due = await this.reviews.dueFor(coordinated, now);
    return due.map(({ group, window }) => ({
      kind: YEARLY_REVIEW_TASK_KIND,
      title: `Gör den årliga översynen av gruppen för ${window.year}: bemanning, aktiviteter, deltagande och beslut`,
      subject: { type: 'group-review', id: group.id },
      groupId: group.id,
      deadline: new Date(window.dueAt).toISOString(),
      urgent: now >= window.dueAt,
    }));
  }
}

@Module({
  imports: [DocumentStoreModule, WorkingGroupsModule],
  controllers: [GroupReviewsController],
  providers: [GroupReviewsService, GroupReviewScopeRule, YearlyReviewTasks],
})
export class GroupReviewsModule {}
