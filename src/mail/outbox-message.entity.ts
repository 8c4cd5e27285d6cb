import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every mail the lifecycle sends, once per idempotency key. With MAIL_TRANSPORT=outbox (the default) the mail
 * stays here (`stored`) for the API to show; with smtp it is also sent (`sent`). `no-address`: nobody to send to.
 */
@Entity({ name: 'outbox' })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  @Column('text')
  template: string;

  @Column('uuid', { name: 'group_id', nullable: true })
  groupId: string | null;

  @Column('text', { name: 'recipient_kind' })
  recipientKind: 'person' | 'organisation' | 'coordinators' | 'finance';

  @Column('text', { name: 'recipient_ref', nullable: true })
  recipientRef: string | null;

  @Column('text', { name: 'to_address', nullable: true })
  toAddress: string | null;

  @Column('text')
  subject: string;

  @Column('text')
  body: string;

  @Column('text')
  transport: 'outbox' | 'smtp';

  @Column('text')
  status: 'stored' | 'sending' | 'sent' | 'no-address';

  @Column('text', { name: 'message_id' })
  messageId: string;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
