import type { DataSource, EntityManager } from 'typeorm';
import { WorkingGroup } from '../working-groups/working-group.entity';
import { GroupForPayer, PayerResolution, PayerResolutionError, resolvePayer } from './resolve-payer';

/**
 * Who pays a group (issue 15 #3: the one place that answers it; the rule itself is `resolvePayer`). Every module
 * asks here — working groups, payouts, time reports, group activities, the agreement PDF, the access policy, the
 * recruitment and assignment activities — instead of loading the group and its parent and catching the rule's
 * refusal on its own.
 */
export type GroupPayer = PayerResolution | { problem: string };

/** `resolvePayer` for a group and its parent, with the Swedish reason instead of a throw when it cannot be told. Pure. */
export function payerOf(group: GroupForPayer, parent: GroupForPayer | null): GroupPayer {
  try {
    return resolvePayer(group, parent);
  } catch (e) {
    if (e instanceof PayerResolutionError) return { problem: e.message };
    throw e;
  }
}

/** The stored group's payer, or why it cannot be told (the group does not exist, or lacks what decides it). */
export async function payerOfGroup(db: DataSource | EntityManager, groupId: string): Promise<GroupPayer> {
  const groups = db.getRepository(WorkingGroup);
  const group = await groups.findOneBy({ id: groupId });
  if (!group) return { problem: 'Gruppen finns inte.' };
  const parent = group.parentGroupId ? await groups.findOneBy({ id: group.parentGroupId }) : null;
  return payerOf(group, parent);
}

/** The payer's code, or null when it cannot be told. */
export function payerCodeOrNull(payer: GroupPayer): string | null {
  return 'problem' in payer ? null : payer.payerCode;
}
