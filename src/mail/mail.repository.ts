import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

/** A row to store in the outbox, once per idempotency key. */
export interface NewOutboxRow {
  idempotencyKey: string;
  template: string;
  groupId: string | null;
  recipientKind: string;
  recipientRef: string | null;
  toAddress: string | null;
  subject: string;
  body: string;
  transport: string;
  status: OutboxMessage['status'];
  messageId: string;
  error?: string | null;
  sentAt?: Date | null;
}

/**
 * The mail outbox (every mail, written before it is sent) and what a mail is addressed and written from: people's,
 * organisations' and accounts' addresses, and the names of a group, a person and an organisation.
 * Built by Nest for the API and from the DataSource by the worker's Mailer.
 */
@Injectable()
export class MailRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  byKey(idempotencyKey: string): Promise<OutboxMessage | null> {
    return this.ds.getRepository(OutboxMessage).findOneBy({ idempotencyKey });
  }

  byKeyOrFail(idempotencyKey: string): Promise<OutboxMessage> {
    return this.ds.getRepository(OutboxMessage).findOneByOrFail({ idempotencyKey });
  }

  /**
   * Stores the row unless one with its idempotency key exists; answers whether this call stored it. With `em`, in
   * that transaction (a mail that must exist exactly when the thing it tells of does: an invitation).
   */
  async insertOnce(r: NewOutboxRow, em: EntityManager = this.ds.manager): Promise<boolean> {
    const inserted: Array<{ id: string }> = await em.query(
      `INSERT INTO outbox (idempotency_key, template, group_id, recipient_kind, recipient_ref, to_address, subject, body, transport, status, message_id, error, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        r.idempotencyKey,
        r.template,
        r.groupId,
        r.recipientKind,
        r.recipientRef,
        r.toAddress,
        r.subject,
        r.body,
        r.transport,
        r.status,
        r.messageId,
        r.error ?? null,
        r.sentAt ?? null,
      ],
    );
    return inserted.length > 0;
  }

  async recordError(id: string, error: string): Promise<void> {
    await this.ds.query(`UPDATE outbox SET error = $2 WHERE id = $1`, [id, error]);
  }

  /** The status of the mail stored under a key, or undefined when there is none. */
  async statusByKey(idempotencyKey: string): Promise<OutboxMessage['status'] | undefined> {
    const [row]: Array<{ status: OutboxMessage['status'] }> = await this.ds.query(`SELECT status FROM outbox WHERE idempotency_key = $1`, [idempotencyKey]);
    return row?.status;
  }

  async markSent(id: string): Promise<void> {
    await this.ds.query(`UPDATE outbox SET status = 'sent', sent_at = now(), error = NULL WHERE id = $1`, [id]);
  }

  /** One page of the outbox, latest first, only of these groups when `groupIds` is given, of one group when `groupId` is. */
  pageOfOutbox(filter: { groupIds?: readonly string[]; groupId?: string }, offset: number, limit: number): Promise<[OutboxMessage[], number]> {
    const qb = this.ds.getRepository(OutboxMessage).createQueryBuilder('m');
    if (filter.groupIds) qb.andWhere('m.group_id IN (:...groups)', { groups: filter.groupIds });
    if (filter.groupId) qb.andWhere('m.group_id = :groupId', { groupId: filter.groupId });
    return qb.orderBy('m.created_at', 'DESC').addOrderBy('m.id', 'DESC').skip(offset).take(limit).getManyAndCount();
  }

  async personEmails(personId: string): Promise<Array<{ email: string | null }>> {
    return this.ds.query(`SELECT email FROM person WHERE id = $1`, [personId]);
  }

  async organisationContactEmails(organisationId: string): Promise<Array<{ email: string | null }>> {
    return this.ds.query(`SELECT contact_email AS email FROM organisation WHERE id = $1`, [organisationId]);
  }

  /** The addresses of the group's coordinators with an enabled account and the coordinator role, by address. */
  async coordinatorEmails(groupId: string): Promise<Array<{ email: string | null }>> {
    return this.ds.query(
      `SELECT u.email FROM group_coordinator gc JOIN user_account u ON u.id = gc.user_id
       WHERE gc.group_id = $1 AND u.disabled_at IS NULL AND 'coordinator' = ANY(u.roles) ORDER BY u.email`,
      [groupId],
    );
  }

  /** Every finance user with an enabled account and a payer, by address (the mailer picks a payer's: SKL is SKR). */
  async financeUsers(): Promise<Array<{ email: string | null; payerCode: string }>> {
    return this.ds.query(
      `SELECT email, payer_code AS "payerCode" FROM user_account
       WHERE 'finance' = ANY(roles) AND disabled_at IS NULL AND payer_code IS NOT NULL
       ORDER BY email`,
    );
  }

  async groupName(groupId: string): Promise<string | undefined> {
    const [row]: Array<{ name: string }> = await this.ds.query(`SELECT name FROM working_group WHERE id = $1`, [groupId]);
    return row?.name;
  }

  /** The coordinator's comment on the assignment's latest reviewed declaration (issue 16 #7), if any. */
  /**
   * An input item as its outcome mail tells it (issue 19 #1): the activity's title and date, what was raised, the
   * outcome's code, the reason and the guideline section. With `em`, in that transaction (the mail is written with
   * the outcome it tells of).
   */
  async inputItemForMail(
    itemId: string,
    em?: EntityManager,
  ): Promise<{ activityTitle: string; activityDate: string | null; raised: string; outcome: string | null; reason: string | null; guidelineSection: string | null } | null> {
    const rows: Array<{ title: string; activity_date: string | null; raised: string; outcome: string | null; reason: string | null; guideline_section: string | null }> =
      await (em ?? this.ds).query(
        `SELECT a.title, to_char(a.activity_date, 'YYYY-MM-DD') AS activity_date, i.raised, i.outcome, i.reason, i.guideline_section
         FROM input_item i JOIN group_activity a ON a.id = i.activity_id WHERE i.id = $1`,
        [itemId],
      );
    const r = rows[0];
    return r ? { activityTitle: r.title, activityDate: r.activity_date, raised: r.raised, outcome: r.outcome, reason: r.reason, guidelineSection: r.guideline_section } : null;
  }

  async latestReviewComment(assignmentId: string): Promise<string | null> {
    const [row]: Array<{ review_comment: string | null }> = await this.ds.query(
      `SELECT review_comment FROM declaration WHERE assignment_id = $1 AND state IN ('approved', 'needs-changes', 'submitted')
       ORDER BY submitted_at DESC LIMIT 1`,
      [assignmentId],
    );
    return row?.review_comment ?? null;
  }

  /**
   * A nomination's name as the nominator wrote it and the coordinator's reason for declining it (issue 16 #1). Read
   * by the decline's mails only: the nominee's is rendered inside the decline's transaction, before the row reads
   * `rejected` to anyone else, so the reason is read whatever the committed state.
   */
  async nominationDecision(nominationId: string): Promise<{ nomineeName: string | null; declineReason: string | null }> {
    const [row]: Array<{ nominee_name: string | null; decline_reason: string | null }> = await this.ds.query(
      `SELECT n.nominee_name, n.decline_reason FROM nomination n WHERE n.id = $1`,
      [nominationId],
    );
    return { nomineeName: row?.nominee_name ?? null, declineReason: row?.decline_reason ?? null };
  }

  /** A nomination request's wanted count and the coordinator's message (issue 16 #1). */
  async requestTerms(requestId: string): Promise<{ wanted: number | null; message: string | null }> {
    const [row]: Array<{ wanted: number | null; message: string | null }> = await this.ds.query(`SELECT wanted, message FROM nomination_request WHERE id = $1`, [
      requestId,
    ]);
    return { wanted: row?.wanted ?? null, message: row?.message ?? null };
  }

  async personName(personId: string): Promise<string | undefined> {
    const [row]: Array<{ full_name: string }> = await this.ds.query(`SELECT full_name FROM person WHERE id = $1`, [personId]);
    return row?.full_name;
  }

  async organisationName(organisationId: string): Promise<string | undefined> {
    const [row]: Array<{ name: string }> = await this.ds.query(`SELECT name FROM organisation WHERE id = $1`, [organisationId]);
    return row?.name;
  }
}
