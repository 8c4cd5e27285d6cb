import { Inject, Injectable } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { LOGGER } from '../logging/logger';
import { MailRepository } from '../mail/mail.repository';
import type { Role } from './auth-user';

export interface InvitationMail {
  invitationId: string;
  to: string;
  displayName: string;
  roles: Role[];
  acceptUrl: string;
  expiresAt: Date;
  /** Who the mail is for, in the outbox's terms. */
  recipient: { kind: 'person' | 'organisation' | 'coordinators' | 'finance'; ref: string | null };
}

/** `smtp`: sent; `outbox`: stored in the outbox only (MAIL_TRANSPORT=outbox); `failed`: SMTP refused; `none`: no outbox yet. */
export type InvitationDelivery = 'smtp' | 'outbox' | 'failed' | 'none';

const ROLE_NAMES: Record<Role, string> = {
  admin: 'administratör',
  coordinator: 'samordnare',
  'org-contact': 'kontaktperson för en patient- eller närståendeorganisation',
  representative: 'patient- eller närståendeföreträdare',
  finance: 'ekonomi',
};

/**
 * An invitation's mail. The lifecycle's mail activity renders texts from IDs inside workflows; an invitation
 * carries a secret link that must never enter workflow history, so it is written here, straight into the same
 * outbox table (and sent by SMTP when MAIL_TRANSPORT=smtp; the stored copy then leaves the link out).
 *
 * Durable with the invitation (issue 14: in the drill 3 invitations were made whose mail never reached the outbox —
 * the mail was written after the invitation's transaction, and a PostgreSQL restart or a killed API in between lost
 * it for good, since the appointment's retry found the account and sent nothing): `stage` writes the outbox row in
 * the invitation's own transaction — `stored` with the link (outbox transport, final), or `sending` without it
 * (smtp) — and `deliver`, after the commit, sends it by SMTP and marks it `sent`. An smtp invitation whose mail
 * stays `sending` (the process died before the SMTP answer) is not delivered: `isDelivered` says so, and
 * `UsersService.ensureRepresentativeInvited` then invites again (a new link; the old one is revoked).
 */
@Injectable()
export class InvitationMailer {
  private transport: Transporter | undefined;

  constructor(
    @Inject(MailRepository) private readonly outbox: MailRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private static readonly SUBJECT = 'Inbjudan till Medverkan';

  private static key(invitationId: string): string {
    return `invitation:${invitationId}`;
  }

  private static messageId(invitationId: string): string {
    return `<invitation.${invitationId}@medverkan>`;
  }

  private body(mail: InvitationMail, link: string): string {
    return [
      `Hej ${mail.displayName}!`,
      '',
      `Du är inbjuden till Medverkan som ${mail.roles.map((r) => ROLE_NAMES[r]).join(' och ')}.`,
      'Öppna länken och välj ett lösenord för att aktivera ditt konto:',
      '',
      link,
      '',
      `Länken kan användas en gång och gäller till ${mail.expiresAt.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' })}.`,
      'Om du inte väntade dig detta kan du bortse från brevet.',
    ].join('\n');
  }

  /** Writes the invitation's mail into the outbox in the invitation's transaction `em` (see the class comment). */
  async stage(mail: InvitationMail, em: EntityManager): Promise<void> {
    const smtp = this.config.mail.transport === 'smtp';
    await this.outbox.insertOnce(
      {
        idempotencyKey: InvitationMailer.key(mail.invitationId),
        template: 'user-invitation',
        groupId: null,
        recipientKind: mail.recipient.kind,
        recipientRef: mail.recipient.ref,
        toAddress: mail.to,
        subject: InvitationMailer.SUBJECT,
        body: this.body(mail, smtp ? '[länken skickades i brevet och sparas inte]' : mail.acceptUrl),
        transport: this.config.mail.transport,
        status: smtp ? 'sending' : 'stored',
        messageId: InvitationMailer.messageId(mail.invitationId),
      },
      em,
    );
  }

  /** After the invitation's commit: sends a staged mail by SMTP (smtp transport); the outbox transport is done. */
  async deliver(mail: InvitationMail): Promise<InvitationDelivery> {
    if (this.config.mail.transport !== 'smtp') return 'outbox';
    const row = await this.outbox.byKeyOrFail(InvitationMailer.key(mail.invitationId));
    try {
      this.transport ??= createTransport(this.config.mail.smtpUrl);
      await this.transport.sendMail({
        from: this.config.mail.from,
        to: mail.to,
        subject: InvitationMailer.SUBJECT,
        text: this.body(mail, mail.acceptUrl),
        messageId: InvitationMailer.messageId(mail.invitationId),
      });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      this.logger.error({ invitationId: mail.invitationId, err: error }, 'invitation mail could not be sent');
      await this.outbox.recordError(row.id, error);
      return 'failed';
    }
    await this.outbox.markSent(row.id);
    return 'smtp';
  }

  /** Did the invitation's mail reach the outbox (outbox transport) or the mail server (smtp)? */
  async isDelivered(invitationId: string): Promise<boolean> {
    const status = await this.outbox.statusByKey(InvitationMailer.key(invitationId));
    return status === 'stored' || status === 'sent';
  }
}
