import { Inject, Injectable } from '@nestjs/common';
import type { ScopeContext } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { ScopeRule, ScopeRuleFor } from '../auth/scope-rule';
import { RecruitmentRepository } from './recruitment.repository';

/** A nomination request is visible to the contacts of the organisation asked and to whoever may see its group. */
@Injectable()
@ScopeRuleFor({ kind: 'nomination-request' })
export class NominationRequestScopeRule implements ScopeRule {
  constructor(@Inject(RecruitmentRepository) private readonly recruitment: RecruitmentRepository) {}

  async canSee(user: AuthUser, id: string, { policy }: ScopeContext): Promise<boolean> {
    const r = await this.recruitment.requestParties(id);
    if (!r) return false;
    return (await policy.canAccess(user, 'organisation', r.organisationId)) || policy.canAccess(user, 'group', r.groupId);
  }
}
