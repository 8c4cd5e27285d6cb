import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One signature of one document (append-only): who, in which role, when, from where, over which hash. */
@Entity({ name: 'document_signature' })
export class DocumentSignature {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  /** The SHA-256 the signer was shown and signed (equal to the document's hash when it was signed). */
  @Column('text', { name: 'document_sha256' })
  documentSha256: string;

  @Column('text')
  role: string;

  /** How the signer was identified, e.g. 'authenticated-user' (later 'bankid'). */
  @Column('text')
  method: string;

  @Column('text', { name: 'signer_user_id' })
  signerUserId: string;

  @Column('text', { name: 'signer_name' })
  signerName: string;

  @Column('timestamptz', { name: 'signed_at' })
  signedAt: Date;

  @Column('text', { name: 'ip_address', nullable: true })
  ipAddress: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;

  /** Method-specific evidence (for a future BankID signer: the completion data). */
  @Column('jsonb', { default: {} })
  evidence: Record<string, unknown>;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
