import { AuditEntry } from '../src/audit/audit-entry.entity';
import { WorkingGroup } from '../src/working-groups/working-group.entity';
import type { ActivityDeps } from './deps';

export function createWorkingGroupActivities({ dataSource, logger }: ActivityDeps) {
  return {
    /**
     * Writes the recruitment state to the group's read model and appends an audit line, in one transaction.
     * Idempotent: the audit line's unique idempotency key makes a retried call a no-op.
     */
    async recordRecruitmentState(args: { groupId: string; state: string; idempotencyKey: string }): Promise<void> {
      await dataSource.transaction(async (em) => {
        const inserted = await em
          .createQueryBuilder()
          .insert()
          .into(AuditEntry)
          .values({
            actor: 'system:recruitment',
            action: `recruitment.${args.state}`,
            subjectType: 'working_group',
            subjectId: args.groupId,
            idempotencyKey: args.idempotencyKey,
            details: { state: args.state },
          })
          .orIgnore()
          .execute();
        if ((inserted.raw as unknown[]).length === 0) return; // already recorded by an earlier attempt
        await em.update(WorkingGroup, { id: args.groupId }, { recruitmentState: args.state });
      });
      logger.info({ groupId: args.groupId, state: args.state }, 'recruitment state recorded');
    },
  };
}
