import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { createLogger } from '../src/logging/logger';
import { Mailer, messageIdFor } from '../src/mail/mailer';
import { freePort } from '../src/dev/free-port';
import type { MailRequest } from '../workflows/notifications';
import { Harness, startHarness } from './support/harness';

/** A minimal SMTP server: records each message; `failing` answers 451 to MAIL FROM (a temporary failure). */
function fakeSmtp(port: number) {
  const messages: string[] = [];
  const state = { failing: false };
  const server = net.createServer((socket) => {
    let data = false;
    let buffer = '';
    let message = '';
    socket.write('220 fake.smtp ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data) {
          if (line === '.') {
            data = false;
            messages.push(message);
            message = '';
            socket.write('250 2.0.0 queued\r\n');
          } else message += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250-fake.smtp\r\n250 8BITMIME\r\n');
        else if (cmd === 'MAIL') socket.write(state.failing ? '451 4.3.0 try again later\r\n' : '250 2.1.0 ok\r\n');
        else if (cmd === 'RCPT') socket.write('250 2.1.5 ok\r\n');
        else if (cmd === 'DATA') {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (cmd === 'RSET' || cmd === 'NOOP') socket.write('250 ok\r\n');
        else if (cmd === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('502 not implemented\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  return {
    messages,
    state,
    listen: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r())),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The one mail activity's sender, against a real (fake) SMTP server: idempotent by key, retried on failure. */
describe('mail: sendMail through SMTP', () => {
  let h: Harness;
  let smtp: ReturnType<typeof fakeSmtp>;
  let mailer: Mailer;
  const groupId = randomUUID();
  const personId = randomUUID();

  beforeAll(async () => {
    const port = await freePort();
    smtp = fakeSmtp(port);
    await smtp.listen();
    h = await startHarness({ worker: false, env: { MAIL_TRANSPORT: 'smtp', SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Medverkan <noreply@test.se>' } });
    mailer = new Mailer(h.dataSource, h.config, createLogger('silent', 'test'));
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Sällsynta diagnoser', 'NSG', 'Uppdrag')`, [groupId]);
    await h.dataSource.query(`INSERT INTO person (id, full_name, email) VALUES ($1, 'Åsa Öberg', 'asa.oberg@example.se')`, [personId]);
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  const offer = (key: string): MailRequest => ({
    key,
    template: 'assignment-offer',
    to: { kind: 'person', personId },
    params: { groupId, personId, deadline: '2026-03-12T13:00:00.000Z' },
  });
  const row = async (key: string) => (await h.dataSource.query(`SELECT status, to_address, message_id, error, transport FROM outbox WHERE idempotency_key = $1`, [key]))[0];

  it('sends a Swedish mail once per key, however often it is asked', async () => {
    const key = `assignment:${randomUUID()}:1:assignment-offer`;
    const first = await mailer.send(offer(key));
    const again = await mailer.send(offer(key));
    expect(first).toMatchObject({ status: 'sent', firstTime: true });
    expect(again).toMatchObject({ status: 'sent', firstTime: false, outboxId: first.outboxId });
    const sent = smtp.messages.filter((m) => m.includes(messageIdFor(key)));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^To: asa\.oberg@example\.se$/m);
    expect(sent[0]).toMatch(/^From: Medverkan <noreply@test\.se>$/m);
    expect(await row(key)).toMatchObject({ status: 'sent', to_address: 'asa.oberg@example.se', transport: 'smtp', error: null });
    const [stored] = await h.dataSource.query(`SELECT subject, body FROM outbox WHERE idempotency_key = $1`, [key]);
    expect(stored.subject).toBe('Du har utsetts till företrädare i NSG Sällsynta diagnoser');
    expect(stored.body).toContain('Hej Åsa Öberg!');
    expect(stored.body).toContain('12 mars 2026 kl. 14:00');
    expect(stored.body).toContain('Försäkringskassan');
  });

  it('keeps a mail the SMTP server refused and sends it once when retried', async () => {
    const key = `assignment:${randomUUID()}:2:assignment-offer`;
    smtp.state.failing = true;
    await expect(mailer.send(offer(key))).rejects.toThrow(/SMTP delivery failed/);
    expect(await row(key)).toMatchObject({ status: 'sending', error: 'SMTP: 451' });
    smtp.state.failing = false;
    expect(await mailer.send(offer(key))).toMatchObject({ status: 'sent' });
    expect(smtp.messages.filter((m) => m.includes(messageIdFor(key)))).toHaveLength(1);
    expect(await row(key)).toMatchObject({ status: 'sent', error: null });
  });

  it('records a mail nobody can receive instead of failing the workflow', async () => {
    const key = `recruitment:${groupId}:3:group-staffed`;
    const before = smtp.messages.length;
    const r = await mailer.send({ key, template: 'group-staffed', to: { kind: 'coordinators', groupId }, params: { groupId, counts: { active: 2, minimum: 2 } } });
    expect(r.status).toBe('no-address');
    expect(smtp.messages.length).toBe(before);
    expect(await row(key)).toMatchObject({ status: 'no-address', to_address: null });
  });
});
