import { Inject, Injectable, Module } from '@nestjs/common';
import type { ScopeContext } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { ScopeRule, ScopeRuleFor } from '../auth/scope-rule';
import { payerCodeOrNull, payerOfGroup } from '../paying-bodies/payer-of-group';
import { GroupActivitiesController } from './group-activities.controller';
import { GroupActivitiesRepository } from './group-activities.repository';
import { GroupActivitiesService } from './group-activities.service';

/**
 * Who may see an activity: an administrator, a coordinator of its group, finance of the group's payer, and a
 * representative whose assignment is called to it (or, for an agreement's own activity, whose assignment it is).
 * Anyone else gets the same 404 as for a missing activity.
 */
@Injectable()
@ScopeRuleFor({ kind: 'activity' })
export class ActivityScopeRule implements ScopeRule {
  constructor(@Inject(GroupActivitiesRepository) private readonly activities: GroupActivitiesRepository) {}

  async canSee(user: AuthUser, id: string, { ds, policy }: ScopeContext): Promise<boolean> {
    const a = await this.activities.partiesOf(id);
    if (!a) return false;
    if (policy.isAdmin(user)) return true;
    if (await policy.coordinates(user, a.group_id)) return true;
    if (user.roles.includes('finance') && user.payerCode !== null) {
      const payerCode = payerCodeOrNull(await payerOfGroup(ds, a.group_id));
      if (payerCode !== null && (await policy.canAccess(user, 'payer', payerCode))) return true;
    }
    if (!user.roles.includes('representative') || user.personId === null) return false;
    return a.assignment_id ? this.activities.isAssignmentOf(a.assignment_id, user.personId) : this.activities.isPersonCalled(id, user.personId);
  }
}

@Module({ controllers: [GroupActivitiesController], providers: [GroupActivitiesService, ActivityScopeRule], exports: [GroupActivitiesService] })
export class GroupActivitiesModule {}
