import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WorkingGroup } from './working-group.entity';

/** Working groups (working_group). Methods that take an EntityManager run in the caller's transaction. */
@Injectable()
export class WorkingGroupsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  byId(id: string): Promise<WorkingGroup | null> {
    return this.ds.getRepository(WorkingGroup).findOneBy({ id });
  }

  /** Every group, oldest first. */
  all(): Promise<WorkingGroup[]> {
    return this.ds.getRepository(WorkingGroup).find({ order: { createdAt: 'ASC' } });
  }

  /** Stores a new group (a second insert of one id meets the primary key: the caller's to answer). */
  async insert(group: Partial<WorkingGroup>, em: EntityManager): Promise<void> {
    await em.getRepository(WorkingGroup).insert(group);
  }

  /** The read model's record that the group has ended (when no recruitment workflow runs to record it). */
  async markEnded(id: string): Promise<void> {
    await this.ds.query(`UPDATE working_group SET recruitment_state = 'ended' WHERE id = $1`, [id]);
  }
}
