import { Module } from '@nestjs/common';
import { OutboxController } from './outbox.controller';
import { OutboxService } from './outbox.service';

/** The mail outbox over HTTP (mails are sent by the worker's `sendMail` activity). */
@Module({ controllers: [OutboxController], providers: [OutboxService] })
export class MailModule {}
