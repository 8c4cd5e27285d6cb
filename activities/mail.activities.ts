import { Mailer } from '../src/mail/mailer';
import type { MailRequest } from '../workflows/notifications';
import type { ActivityDeps } from './deps';

export function createMailActivities({ dataSource, config, logger }: ActivityDeps) {
  const mailer = new Mailer(dataSource, config, logger.child({ component: 'mail' }));
  return {
    /**
     * THE one mail activity: renders a Swedish lifecycle mail for a recipient given by ID, records it in the
     * `outbox` table and, with MAIL_TRANSPORT=smtp, sends it through SMTP. Idempotent by `req.key` (workflow ID +
     * step): a retried or replayed call never records or sends a second mail.
     */
    async sendMail(req: MailRequest): Promise<{ outboxId: string; status: string }> {
      const r = await mailer.send(req);
      return { outboxId: r.outboxId, status: r.status };
    },
  };
}
