import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { MailRecipient, MailRequest } from '../../workflows/notifications';
import { formatStockholm } from '../common/stockholm-time';
import { samePayer } from '../paying-bodies/resolve-payer';
import { MailRepository } from './mail.repository';
import { publicBaseUrl } from '../common/public-url';
import { MailContext, renderMail, stepLink } from './mail-texts';
import { OutboxMessage } from './outbox-message.entity';
import { OUTCOME_WORDS, type InputOutcome } from '../input/input-rules';

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
  private readonly repo: MailRepository;

  constructor(
    ds: DataSource,
    private readonly config: AppConfig,
    private readonly logger: Logger,
    private readonly makeTransport: (smtpUrl: string) => MailTransport = (url) => nodemailer.createTransport(url),
  ) {
    this.repo = new MailRepository(ds);
  }

  async send(req: MailRequest): Promise<MailResult> {
    let row = await this.repo.byKey(req.key);
    let firstTime = false;
    if (!row) {
      const addresses = await this.addresses(req.to);
      const { subject, body } = renderMail(req.template, await this.context(req));
      const transport = this.config.mail.transport;
      firstTime = await this.repo.insertOnce({
        idempotencyKey: req.key,
        template: req.template,
        groupId: req.params.groupId,
        recipientKind: req.to.kind,
        recipientRef: recipientRef(req.to),
        toAddress: addresses.length ? addresses.join(', ') : null,
        subject,
        body,
        transport,
        status: addresses.length === 0 ? 'no-address' : transport === 'smtp' ? 'sending' : 'stored',
        messageId: messageIdFor(req.key),
      });
      row = await this.repo.byKeyOrFail(req.key);
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
      await this.repo.recordError(row.id, `SMTP: ${String(code)}`);
      throw new Error(`SMTP delivery failed (${String(code)}) for outbox ${row.id}`);
    }
    await this.repo.markSent(row.id);
    row.status = 'sent';
  }

  private async addresses(to: MailRecipient): Promise<string[]> {
    let rows: Array<{ email: string | null }>;
    switch (to.kind) {
      case 'person':
        rows = await this.repo.personEmails(to.personId);
        break;
      case 'organisation':
        rows = await this.repo.organisationContactEmails(to.organisationId);
        break;
      case 'coordinators':
        rows = await this.repo.coordinatorEmails(to.groupId);
        break;
      case 'finance': {
        const payerCode = to.payerCode;
        if (!payerCode) return [];
        // The payer's finance users: SKL is SKR (src/paying-bodies).
        rows = (await this.repo.financeUsers()).filter((u) => samePayer(u.payerCode, payerCode));
        break;
      }
    }
    return [...new Set(rows.map((r) => r.email?.trim()).filter((e): e is string => !!e))];
  }

  private async context(req: MailRequest, em?: EntityManager): Promise<MailContext> {
    const p = req.params;
    const personId = p.personId ?? (req.to.kind === 'person' ? req.to.personId : undefined);
    const organisationId = p.organisationId ?? (req.to.kind === 'organisation' ? req.to.organisationId : undefined);
    const groupName = await this.repo.groupName(p.groupId);
    const personName = personId ? await this.repo.personName(personId) : undefined;
    const organisationName = organisationId ? await this.repo.organisationName(organisationId) : undefined;
    return {
      groupName: groupName ?? 'arbetsgruppen',
      personName: personName ?? null,
      organisationName: organisationName ?? null,
      deadline: p.deadline ? formatStockholm(Date.parse(p.deadline)) : null,
      urgent: p.urgent ?? false,
      period: p.period ?? null,
      reason: p.reason ?? null,
      step: p.step ?? null,
      counts: p.counts ?? {},
      appUrl: publicBaseUrl(this.config),
      link: stepLink(req.template, p, publicBaseUrl(this.config)),
      reviewComment: COMMENTED.has(req.template) && p.assignmentId ? await this.repo.latestReviewComment(p.assignmentId) : null,
      ...(p.nominationId ? await this.repo.nominationDecision(p.nominationId) : {}),
      ...(p.requestId && REQUESTED.has(req.template) ? await this.requestTerms(p.requestId) : {}),
      ...(p.inputItemId ? { input: await this.inputItem(p.inputItemId, em) } : {}),
    };
  }

  private async inputItem(itemId: string, em?: EntityManager): Promise<MailContext['input']> {
    const i = await this.repo.inputItemForMail(itemId, em);
    if (!i) return null;
    return { ...i, outcome: i.outcome ? (OUTCOME_WORDS[i.outcome as InputOutcome] ?? i.outcome) : 'inget utfall ännu' };
  }

  private async requestTerms(requestId: string): Promise<Pick<MailContext, 'wanted' | 'requestMessage'>> {
    const t = await this.repo.requestTerms(requestId);
    return { wanted: t.wanted, requestMessage: t.message };
  }

  /**
   * Writes a lifecycle mail into the outbox inside the caller's transaction `em`, so that it exists exactly when the
   * decision it tells of does (issue 16 #1: the declined nominee's mail with the decline). Idempotent by key; with
   * MAIL_TRANSPORT=smtp the row is `sending` and `send` with the same request, after the commit, delivers it.
   */
  async stage(req: MailRequest, em: EntityManager): Promise<void> {
    const addresses = await this.addresses(req.to);
    const { subject, body } = renderMail(req.template, await this.context(req, em));
    const transport = this.config.mail.transport;
    await this.repo.insertOnce(
      {
        idempotencyKey: req.key,
        template: req.template,
        groupId: req.params.groupId,
        recipientKind: req.to.kind,
        recipientRef: recipientRef(req.to),
        toAddress: addresses.length ? addresses.join(', ') : null,
        subject,
        body,
        transport,
        status: addresses.length === 0 ? 'no-address' : transport === 'smtp' ? 'sending' : 'stored',
        messageId: messageIdFor(req.key),
      },
      em,
    );
  }
}

/** Mails that carry the coordinator's comment on the declaration (issue 16 #7). */
const COMMENTED = new Set<MailRequest['template']>(['declaration-needs-changes', 'declaration-reviewed']);
/** Mails that tell an organisation what a request asks for (issue 16 #1). */
const REQUESTED = new Set<MailRequest['template']>(['nomination-request']);

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
