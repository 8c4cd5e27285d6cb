import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, ScopeContext } from '../auth/access-policy';
import { ScopeRule, ScopeRuleFor } from '../auth/scope-rule';
import type { AuthUser } from '../auth/auth-user';
import type { ScopeKind } from '../auth/auth.decorators';
import { ForbiddenError } from '../common/errors';
import { DocumentsRepository } from './documents.repository';
import type { DocumentSubject } from './documents.service';
import type { SignerRole } from './signing/signer';
import { isUuid } from '../common/uuid';

/**
 * Who may see a document: whoever may see its subject. A document about an assignment is visible to the
 * representative, the group's coordinators, the nominating organisation's contacts and administrators; one about
 * a person (a payout slip) to that person and finance. Subjects of other kinds are visible to nobody.
 */

const SUBJECT_SCOPES: readonly ScopeKind[] = ['assignment', 'person', 'group', 'organisation', 'payer', 'batch', 'time-report'];

/** The 'document' scope kind for the global guard (see AccessPolicy). */
@Injectable()
@ScopeRuleFor({ kind: 'document' })
export class DocumentScopeRule implements ScopeRule {
  constructor(@Inject(DocumentsRepository) private readonly documents: DocumentsRepository) {}

  async canSee(user: AuthUser, documentId: string, { policy }: ScopeContext): Promise<boolean> {
    const subject = await this.documents.subjectOf(documentId);
    if (!subject || !(SUBJECT_SCOPES as readonly string[]).includes(subject.subjectType)) return false;
    return policy.canAccess(user, subject.subjectType as ScopeKind, subject.subjectId);
  }
}

/**
 * Who may sign in which role: the representative (or declarant) only as themself, i.e. the person of the
 * assignment (or the person) the document is about; the countersigner (or assessor) only as a coordinator of
 * the group. Seeing a document is not enough to sign it.
 */
@Injectable()
export class DocumentSigningPolicy {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(AccessPolicy) private readonly policy: AccessPolicy,
  ) {}

  async assertMaySign(user: AuthUser, role: SignerRole, subject: DocumentSubject): Promise<void> {
    if (!(await this.maySign(user, role, subject))) throw new ForbiddenError('Du kan inte signera dokumentet i den här rollen.');
  }

  private async maySign(user: AuthUser, role: SignerRole, subject: DocumentSubject): Promise<boolean> {
    const own = role === 'representative' || role === 'declarant';
    if (subject.type === 'person') return own && user.personId !== null && user.personId === subject.id;
    if (subject.type === 'group') return !own && this.policy.coordinates(user, subject.id);
    if (subject.type !== 'assignment' || !isUuid(subject.id)) return false;
    const a = await new DocumentsRepository(this.ds).assignmentParties(subject.id);
    if (!a) return false;
    if (own) return user.personId !== null && a.personId === user.personId;
    return this.policy.coordinates(user, a.groupId);
  }
}
