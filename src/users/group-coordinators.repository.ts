import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Who coordinates which group (group_coordinator: the `group` scope of AccessPolicy). */
@Injectable()
export class GroupCoordinatorsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Makes the user a coordinator of the group; doing it again changes nothing. */
  async add(groupId: string, userId: string, em: EntityManager = this.ds.manager): Promise<void> {
    await em.query(`INSERT INTO group_coordinator (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [groupId, userId]);
  }

  /** The user stops coordinating every group but these. */
  async removeAllBut(userId: string, groupIds: readonly string[], em: EntityManager = this.ds.manager): Promise<void> {
    await em.query(`DELETE FROM group_coordinator WHERE user_id = $1 AND NOT (group_id = ANY($2::uuid[]))`, [userId, groupIds]);
  }

  /** The groups the user is recorded as coordinating, oldest first (the coordinator role is not checked here). */
  async groupIdsOf(userId: string, em: EntityManager = this.ds.manager): Promise<string[]> {
    const rows: Array<{ group_id: string }> = await em.query(`SELECT group_id FROM group_coordinator WHERE user_id = $1 ORDER BY created_at, group_id`, [
      userId,
    ]);
    return rows.map((r) => r.group_id);
  }

  /** Is the user recorded as a coordinator of this group? */
  async isRecorded(userId: string, groupId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM group_coordinator WHERE user_id = $1 AND group_id = $2`, [userId, groupId]);
    return rows.length > 0;
  }
}
