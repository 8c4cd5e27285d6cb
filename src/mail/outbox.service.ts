import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy';
import { AuthUser } from '../auth/auth-user';
import { requireUser } from '../lifecycle/workflow-calls';
import { Page, pageOf } from '../common/paging';
import { OUTBOX_PAGING, OutboxQueryDto } from './dto/outbox-query.dto';
import { OutboxMessage } from './outbox-message.entity';

export type OutboxPage = Page<OutboxMessage>;

/** The mail outbox, latest first: all of it for administrators, the groups they coordinate for coordinators. */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async list(q: OutboxQueryDto, user: AuthUser | undefined): Promise<OutboxPage> {
    const actor = requireUser(user);
    const { page, pageSize, offset } = pageOf(q, OUTBOX_PAGING);
    const qb = this.ds.getRepository(OutboxMessage).createQueryBuilder('m');
    if (!this.access.isAdmin(actor)) {
      const groups = await this.access.coordinatedGroupIds(actor);
      if (groups.length === 0) return { items: [], page, pageSize, total: 0 };
      qb.andWhere('m.group_id IN (:...groups)', { groups });
    }
    if (q.groupId) qb.andWhere('m.group_id = :groupId', { groupId: q.groupId });
    const [items, total] = await qb
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    return { items, page, pageSize, total };
  }
}
