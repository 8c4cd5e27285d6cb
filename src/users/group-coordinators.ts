import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Who coordinates which group (the `group` scope of AccessPolicy). */
@Injectable()
export class GroupCoordinators {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Makes the user a coordinator of the group; doing it again changes nothing. */
  async add(groupId: string, userId: string, em: EntityManager = this.ds.manager): Promise<void> {
    await em.query(`INSERT INTO group_coordinator (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [groupId, userId]);
  }
}
