import { Inject, Injectable } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
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
 * Sends an invitation mail. The lifecycle's mail activity renders texts from IDs inside workflows; an invitation
 * carries a secret link that must never enter workflow history, so it is written here, straight into the same
 * outbox table (and sent by SMTP when MAIL_TRANSPORT=smtp; the stored copy then leaves the link out).
 */
@Injectable()
export class InvitationMailer {
  private transport: Transporter | undefined;

  constructor(
    @Inject(MailRepository) private readonly outbox: MailRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async send(mail: InvitationMail): Promise<InvitationDelivery> {
    const subject = 'Inbjudan till Medverkan';
    const body = (link: string) =>
      [
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
    const messageId = `<invitation.${mail.invitationId}@medverkan>`;
    const smtp = this.config.mail.transport === 'smtp';
    let delivery: InvitationDelivery = smtp ? 'smtp' : 'outbox';
    let error: string | null = null;
    if (smtp) {
      try {
        this.transport ??= createTransport(this.config.mail.smtpUrl);
        await this.transport.sendMail({ from: this.config.mail.from, to: mail.to, subject, text: body(mail.acceptUrl), messageId });
      } catch (e) {
        delivery = 'failed';
        error = e instanceof Error ? e.message : String(e);
        this.logger.error({ invitationId: mail.invitationId, err: error }, 'invitation mail could not be sent');
      }
    }
    await this.outbox.insertOnce({
      idempotencyKey: `invitation:${mail.invitationId}`,
      template: 'user-invitation',
      groupId: null,
      recipientKind: mail.recipient.kind,
      recipientRef: mail.recipient.ref,
      toAddress: mail.to,
      subject,
      body: body(smtp ? '[länken skickades i brevet och sparas inte]' : mail.acceptUrl),
      transport: this.config.mail.transport,
      status: delivery === 'smtp' ? 'sent' : 'stored',
      messageId,
      error,
      sentAt: delivery === 'smtp' ? new Date() : null,
    });
    return delivery;
  }
}
