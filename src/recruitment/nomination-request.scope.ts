import { AccessPolicy, ScopeContext } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { RecruitmentRepository } from './recruitment.repository';

/** A nomination request is visible to the contacts of the organisation asked and to whoever may see its group. */
export async function canSeeNominationRequest(user: AuthUser, id: string, { ds, policy }: ScopeContext): Promise<boolean> {
  const r = await new RecruitmentRepository(ds).requestParties(id);
  if (!r) return false;
  return (await policy.canAccess(user, 'organisation', r.organisationId)) || policy.canAccess(user, 'group', r.groupId);
}

export function registerNominationRequestScope(): () => void {
  return AccessPolicy.registerResolver('nomination-request', canSeeNominationRequest);
}
