import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy';
import { AuthUser } from '../auth/auth-user';
import { requireUser } from '../temporal/workflow-calls';
import { Page, pageOf } from '../common/paging';
import { OUTBOX_PAGING, OutboxQueryDto } from './dto/outbox-query.dto';
import { MailRepository } from './mail.repository';
import { OutboxMessage } from './outbox-message.entity';

export type OutboxPage = Page<OutboxMessage>;

/** The mail outbox, latest first: all of it for administrators, the groups they coordinate for coordinators. */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(MailRepository) private readonly repo: MailRepository,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async list(q: OutboxQueryDto, user: AuthUser | undefined): Promise<OutboxPage> {
    const actor = requireUser(user);
    const { page, pageSize, offset } = pageOf(q, OUTBOX_PAGING);
    let groupIds: string[] | undefined;
    if (!this.access.isAdmin(actor)) {
      groupIds = await this.access.coordinatedGroupIds(actor);
      if (groupIds.length === 0) return { items: [], page, pageSize, total: 0 };
    }
    const [items, total] = await this.repo.pageOfOutbox({ groupIds, groupId: q.groupId }, offset, pageSize);
    return { items, page, pageSize, total };
  }
}
