import { AccessPolicy, ScopeContext } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';

/** A nomination request is visible to the contacts of the organisation asked and to whoever may see its group. */
export async function canSeeNominationRequest(user: AuthUser, id: string, { ds, policy }: ScopeContext): Promise<boolean> {
  const rows: Array<{ group_id: string; organisation_id: string }> = await ds.query(
    `SELECT group_id, organisation_id FROM nomination_request WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return false;
  return (await policy.canAccess(user, 'organisation', r.organisation_id)) || policy.canAccess(user, 'group', r.group_id);
}

export function registerNominationRequestScope(): () => void {
  return AccessPolicy.registerResolver('nomination-request', canSeeNominationRequest);
}
