import { Inject, Injectable, Module } from '@nestjs/common';
import type { ScopeContext } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { ScopeRule, ScopeRuleFor } from '../auth/scope-rule';
import { payerCodeOrNull, payerOfGroup } from '../paying-bodies/payer-of-group';
import { BudgetController } from './budget.controller';
import { BudgetRepository } from './budget.repository';
import { BudgetService } from './budget.service';

/**
 * Who may read a group's budget (the id is the group's): its coordinators, and finance of the group's payer. Anyone
 * else, and any id of a group that does not exist, gets the same 404 as for a missing group. Saving is the group's
 * coordinators' only (`@Scoped('group')` with the coordinator role).
 */
@Injectable()
@ScopeRuleFor({ kind: 'group-budget' })
export class GroupBudgetScopeRule implements ScopeRule {
  constructor(@Inject(BudgetRepository) private readonly budgets: BudgetRepository) {}

  async canSee(user: AuthUser, id: string, { ds, policy }: ScopeContext): Promise<boolean> {
    if (await policy.coordinates(user, id)) return true;
    if (!user.roles.includes('finance') || user.payerCode === null) return false;
    if ((await this.budgets.groupName(id)) === null) return false;
    const payerCode = payerCodeOrNull(await payerOfGroup(ds, id));
    return payerCode !== null && (await policy.canAccess(user, 'payer', payerCode));
  }
}

@Module({ controllers: [BudgetController], providers: [BudgetService, GroupBudgetScopeRule] })
export class BudgetModule {}
