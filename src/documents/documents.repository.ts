import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DocumentSignature } from './document-signature.entity';
import { StoredDocument } from './stored-document.entity';

/**
 * Stored documents and their signatures. A Nest provider, also built from the DataSource where DocumentsService
 * is (`new DocumentsService(ds)`). Methods taking an EntityManager run on it (the caller's transaction).
 */
@Injectable()
export class DocumentsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  findByKey(idempotencyKey: string): Promise<StoredDocument | null> {
    return this.ds.getRepository(StoredDocument).findOneBy({ idempotencyKey });
  }

  /** The document's metadata (without the bytes). */
  find(id: string): Promise<StoredDocument | null> {
    return this.ds.getRepository(StoredDocument).findOneBy({ id });
  }

  /** The document with its bytes. */
  findWithContent(em: EntityManager, id: string): Promise<StoredDocument | null> {
    return em.getRepository(StoredDocument).createQueryBuilder('d').addSelect('d.content').where('d.id = :id', { id }).getOne();
  }

  /** Every document about one subject, oldest first. */
  ofSubject(subjectType: string, subjectId: string): Promise<StoredDocument[]> {
    return this.ds.getRepository(StoredDocument).find({ where: { subjectType, subjectId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The sealed versions of an original, oldest first. */
  sealsOf(originalId: string): Promise<StoredDocument[]> {
    return this.ds.getRepository(StoredDocument).find({ where: { sealOfId: originalId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The latest sealed version of an original. */
  latestSealOf(em: EntityManager, originalId: string): Promise<StoredDocument | null> {
    return em.findOne(StoredDocument, { where: { sealOfId: originalId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Locks the document's row until the transaction ends (one signing of a document at a time). */
  async lock(em: EntityManager, id: string): Promise<void> {
    await em.getRepository(StoredDocument).createQueryBuilder('d').select('d.id').where('d.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async insert(em: EntityManager, row: QueryDeepPartialEntity<StoredDocument>): Promise<void> {
    await em.insert(StoredDocument, row);
  }

  /** The signatures of an original, in signing order. */
  signaturesOf(documentId: string, em: EntityManager = this.ds.manager): Promise<DocumentSignature[]> {
    return em.find(DocumentSignature, { where: { documentId }, order: { signedAt: 'ASC', id: 'ASC' } });
  }

  async insertSignature(em: EntityManager, signature: QueryDeepPartialEntity<DocumentSignature>): Promise<void> {
    await em.insert(DocumentSignature, signature);
  }

  /** What a document is about (for the access rule), or null when there is no such document. */
  async subjectOf(documentId: string): Promise<{ subjectType: string; subjectId: string } | null> {
    const rows: Array<{ subject_type: string; subject_id: string }> = await this.ds.query(`SELECT subject_type, subject_id FROM document WHERE id = $1`, [
      documentId,
    ]);
    return rows[0] ? { subjectType: rows[0].subject_type, subjectId: rows[0].subject_id } : null;
  }

  /** The group and person of an assignment (who may sign its documents), or null when there is no such assignment. */
  async assignmentParties(assignmentId: string): Promise<{ groupId: string; personId: string } | null> {
    const rows: Array<{ group_id: string; person_id: string }> = await this.ds.query(`SELECT group_id, person_id FROM assignment WHERE id = $1`, [assignmentId]);
    return rows[0] ? { groupId: rows[0].group_id, personId: rows[0].person_id } : null;
  }
}
