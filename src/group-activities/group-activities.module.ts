import { Injectable, Module } from '@nestjs/common';
import type { ScopeContext } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { ScopeRule, ScopeRuleFor } from '../auth/scope-rule';
import { payerCodeOrNull, payerOfGroup } from '../paying-bodies/payer-of-group';
import { GroupActivitiesController } from './group-activities.controller';
import { GroupActivitiesService } from './group-activities.service';

/**
 * Who may see an activity: an administrator, a coordinator of its group, finance of the group's payer, and a
 * representative whose assignment is called to it (or, for an agreement's own activity, whose assignment it is).
 * Anyone else gets the same 404 as for a missing activity.
 */
@Injectable()
@ScopeRuleFor({ kind: 'activity' })
export class ActivityScopeRule implements ScopeRule {
  async canSee(user: AuthUser, id: string, { ds, policy }: ScopeContext): Promise<boolean> {
    const rows: Array<{ group_id: string; assignment_id: string | null }> = await ds.query(
      `SELECT group_id, assignment_id FROM group_activity WHERE id = $1`,
      [id],
    );
    const a = rows[0];
    if (!a) return false;
    if (policy.isAdmin(user)) return true;
    if (await policy.coordinates(user, a.group_id)) return true;
    if (user.roles.includes('finance') && user.payerCode !== null) {
      const payerCode = payerCodeOrNull(await payerOfGroup(ds, a.group_id));
      if (payerCode !== null && (await policy.canAccess(user, 'payer', payerCode))) return true;
    }
    if (!user.roles.includes('representative') || user.personId === null) return false;
    const mine: unknown[] = a.assignment_id
      ? await ds.query(`SELECT 1 FROM assignment WHERE id = $1 AND person_id = $2`, [a.assignment_id, user.personId])
      : await ds.query(
          `SELECT 1 FROM group_activity_called c JOIN assignment s ON s.id = c.assignment_id
            WHERE c.activity_id = $1 AND s.person_id = $2 AND s.state NOT IN ('nominated', 'declined') LIMIT 1`,
          [id, user.personId],
        );
    return mine.length > 0;
  }
}

@Module({ controllers: [GroupActivitiesController], providers: [GroupActivitiesService, ActivityScopeRule], exports: [GroupActivitiesService] })
export class GroupActivitiesModule {}
