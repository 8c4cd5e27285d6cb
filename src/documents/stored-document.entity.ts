import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentKind } from '../../templates/template';

export type DocumentVariant = 'original' | 'sealed';

/**
 * A generated PDF, stored once and never changed (the database refuses updates; see the documents migration).
 * `sealed` rows are signed versions: the original re-rendered with a signing certificate appended.
 */
@Entity({ name: 'document' })
export class StoredDocument {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  kind: DocumentKind;

  @Column('text', { default: 'original' })
  variant: DocumentVariant;

  @Column('text', { name: 'template_id' })
  templateId: string;

  @Column('text', { name: 'template_version' })
  templateVersion: string;

  /** What the document is about, e.g. ('assignment', <uuid>); the scope rules of that kind decide who may see it. */
  @Column('text', { name: 'subject_type' })
  subjectType: string;

  @Column('text', { name: 'subject_id' })
  subjectId: string;

  /** The data the template was filled with (exactly what is printed). */
  @Column('jsonb')
  data: Record<string, unknown>;

  /** The PDF bytes; not loaded unless asked for. */
  @Column('bytea', { select: false })
  content: Buffer;

  @Column('int', { name: 'size_bytes' })
  sizeBytes: number;

  @Column('int', { name: 'page_count' })
  pageCount: number;

  /** SHA-256 of `content`, lower-case hex. */
  @Column('text')
  sha256: string;

  @Column('text', { name: 'file_name' })
  fileName: string;

  /** For a sealed version: the original it seals, and the original's hash at sealing time. */
  @Column('uuid', { name: 'seal_of_id', nullable: true })
  sealOfId: string | null;

  @Column('text', { name: 'sealed_sha256', nullable: true })
  sealedSha256: string | null;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  /** A user id, or `system:<workflow id>`. */
  @Column('text', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
