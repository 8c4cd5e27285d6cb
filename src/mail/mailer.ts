import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { MailRecipient, MailRequest } from '../../workflows/notifications';
import { formatStockholm } from '../lifecycle/stockholm-time';
import { MailContext, renderMail } from './mail-texts';
import { OutboxMessage } from './outbox-message.entity';

export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string; messageId: string }): Promise<unknown>;
}

export interface MailResult {
  outboxId: string;
  status: OutboxMessage['status'];
  /** False when an earlier attempt with the same key had already done the work. */
  firstTime: boolean;
}

/**
 * Sends one lifecycle mail, once per idempotency key. The outbox row is written first (rendered text, resolved
 * address); with MAIL_TRANSPORT=smtp it is then sent through nodemailer and marked `sent`. A retry after a crash
 * between sending and marking sends again with the same Message-ID, so receiving servers can drop the copy.
 * Addresses and names are looked up here, from IDs: they never pass through a workflow. Nothing personal is logged.
 */
export class Mailer {
  private transport: MailTransport | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly logger: Logger,
    private readonly makeTransport: (smtpUrl: string) => MailTransport = (url) => nodemailer.createTransport(url),
  ) {}

  async send(req: MailRequest): Promise<MailResult> {
    const repo = this.ds.getRepository(OutboxMessage);
    let row = await repo.findOneBy({ idempotencyKey: req.key });
    let firstTime = false;
    if (!row) {
      const addresses = await this.addresses(req.to);
      const { subject, body } = renderMail(req.template, await this.context(req));
      const transport = this.config.mail.transport;
      const inserted: Array<{ id: string }> = await this.ds.query(
        `INSERT INTO outbox (idempotency_key, template, group_id, recipient_kind, recipient_ref, to_address, subject, body, transport, status, message_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [
          req.key,
          req.template,
          req.params.groupId,
          req.to.kind,
          recipientRef(req.to),
          addresses.length ? addresses.join(', ') : null,
          subject,
          body,
          transport,
          addresses.length === 0 ? 'no-address' : transport === 'smtp' ? 'sending' : 'stored',
          messageIdFor(req.key),
        ],
      );
      firstTime = inserted.length > 0;
      row = await repo.findOneByOrFail({ idempotencyKey: req.key });
    }
    if (row.status === 'sending') await this.deliver(row);
    this.logger.info({ outboxId: row.id, template: row.template, status: row.status, firstTime }, 'mail recorded');
    return { outboxId: row.id, status: row.status, firstTime };
  }

  private async deliver(row: OutboxMessage): Promise<void> {
    if (!this.config.mail.smtpUrl || !row.toAddress) throw new Error('no SMTP_URL or address for an outbox row in state sending');
    this.transport ??= this.makeTransport(this.config.mail.smtpUrl);
    try {
      await this.transport.sendMail({ from: this.config.mail.from, to: row.toAddress, subject: row.subject, text: row.body, messageId: row.messageId });
    } catch (e) {
      const code = (e as { code?: string; responseCode?: number }).responseCode ?? (e as { code?: string }).code ?? 'error';
      await this.ds.query(`UPDATE outbox SET error = $2 WHERE id = $1`, [row.id, `SMTP: ${String(code)}`]);
      throw new Error(`SMTP delivery failed (${String(code)}) for outbox ${row.id}`);
    }
    await this.ds.query(`UPDATE outbox SET status = 'sent', sent_at = now(), error = NULL WHERE id = $1`, [row.id]);
    row.status = 'sent';
  }

  private async addresses(to: MailRecipient): Promise<string[]> {
    let rows: Array<{ email: string | null }>;
    switch (to.kind) {
      case 'person':
        rows = await this.ds.query(`SELECT email FROM person WHERE id = $1`, [to.personId]);
        break;
      case 'organisation':
        rows = await this.ds.query(`SELECT contact_email AS email FROM organisation WHERE id = $1`, [to.organisationId]);
        break;
      case 'coordinators':
        rows = await this.ds.query(
          `SELECT u.email FROM group_coordinator gc JOIN user_account u ON u.id = gc.user_id
           WHERE gc.group_id = $1 AND u.disabled_at IS NULL AND 'coordinator' = ANY(u.roles) ORDER BY u.email`,
          [to.groupId],
        );
        break;
      case 'finance':
        if (!to.payerCode) return [];
        rows = await this.ds.query(
          `SELECT email FROM user_account
           WHERE 'finance' = ANY(roles) AND disabled_at IS NULL
             AND (CASE WHEN upper(payer_code) = 'SKL' THEN 'SKR' ELSE upper(payer_code) END)
               = (CASE WHEN upper($1) = 'SKL' THEN 'SKR' ELSE upper($1) END)
           ORDER BY email`,
          [to.payerCode],
        );
        break;
    }
    return [...new Set(rows.map((r) => r.email?.trim()).filter((e): e is string => !!e))];
  }

  private async context(req: MailRequest): Promise<MailContext> {
    const p = req.params;
    const personId = p.personId ?? (req.to.kind === 'person' ? req.to.personId : undefined);
    const organisationId = p.organisationId ?? (req.to.kind === 'organisation' ? req.to.organisationId : undefined);
    const [group] = await this.ds.query(`SELECT name FROM working_group WHERE id = $1`, [p.groupId]);
    const [person] = personId ? await this.ds.query(`SELECT full_name FROM person WHERE id = $1`, [personId]) : [];
    const [org] = organisationId ? await this.ds.query(`SELECT name FROM organisation WHERE id = $1`, [organisationId]) : [];
    return {
      groupName: (group as { name?: string } | undefined)?.name ?? 'arbetsgruppen',
      personName: (person as { full_name?: string } | undefined)?.full_name ?? null,
      organisationName: (org as { name?: string } | undefined)?.name ?? null,
      deadline: p.deadline ? formatStockholm(Date.parse(p.deadline)) : null,
      urgent: p.urgent ?? false,
      period: p.period ?? null,
      reason: p.reason ?? null,
      step: p.step ?? null,
      counts: p.counts ?? {},
      appUrl: this.config.http.publicUrl ?? null,
    };
  }
}

function recipientRef(to: MailRecipient): string | null {
  switch (to.kind) {
    case 'person':
      return to.personId;
    case 'organisation':
      return to.organisationId;
    case 'coordinators':
      return to.groupId;
    case 'finance':
      return to.payerCode;
  }
}

/** A stable Message-ID per idempotency key, so a re-sent copy can be recognised as the same mail. */
export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@medverkan>`;
}
