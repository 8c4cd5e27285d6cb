import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { appendAudit } from '../audit/audit-log.repository';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { stockholmDate } from '../common/stockholm-time';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DocumentsService } from '../documents';
import { AuthenticatedUserSigner, type SigningContext } from '../documents/signing/authenticated-user.signer';
import { LOGGER } from '../logging/logger';
import { Mailer } from '../mail/mailer';
import { payerOfGroup } from '../paying-bodies/payer-of-group';
import { RatesRepository } from '../rates/rates.repository';
import type { DeclarationOccasion } from '../../templates';
import type { PolicyDuration } from '../../workflows/duration';
import { AssignmentsRepository } from './assignments.repository';
import { Declaration } from './declaration.entity';
import { declarationData, declaredInterests, renewEveryOf, renewalRuleSv } from './declaration-document';
import { DeclarationsRepository, GroupRecusalRow, RecusalRow } from './declarations.repository';
import type { RecordRecusalDto } from './dto/declaration.dto';

/** The renewal rule of the group's payer (issue 16 #6): months, the workflow's duration, and in words. */
export interface RenewalRule {
  payerCode: string | null;
  months: number;
  renewEvery: PolicyDuration;
  text: string;
}

const DEFAULT_RENEW_MONTHS = 36;

/**
 * The declaration of interests as a document and what it keeps a member out of (issue 16 #6, #7; §4.3):
 * - at submission it is rendered from templates/declaration.sv.ts into the document store (SHA-256 there) and signed by
 *   the representative as declarant — the submission is the signature (one action);
 * - once approved, a new version with the coordinator's assessment (section 5: outcome, the recusals, the comment, when
 *   it is renewed at the latest) is rendered and signed by the coordinator as assessor; the signed original stays as
 *   it was. A recusal recorded or removed later renders the next assessed version;
 * - recusals (jäv): per declared interest (its number), a matter, optionally one of the group's activities and one of
 *   its agenda items, that the member takes no part in;
 * - renewal follows the payer's `declaration_renew_months`.
 */
@Injectable()
export class DeclarationsService {
  private readonly mailer: Mailer;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(DeclarationsRepository) private readonly repo: DeclarationsRepository,
    @Inject(AssignmentsRepository) private readonly assignments: AssignmentsRepository,
    @Inject(DocumentsService) private readonly documents: DocumentsService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.mailer = new Mailer(ds, config, logger.child({ component: 'mail' }));
  }

  /** The payer's renewal rule for a group (the default when the payer cannot be told). */
  async renewalRule(groupId: string): Promise<RenewalRule> {
    const payer = await payerOfGroup(this.ds, groupId);
    const body = 'problem' in payer ? null : await new RatesRepository(this.ds).payingBodyByCode(payer.payerCode);
    const months = body?.declarationRenewMonths ?? DEFAULT_RENEW_MONTHS;
    return { payerCode: body?.code ?? null, months, renewEvery: renewEveryOf(months) as PolicyDuration, text: `när förhållandena ändras och ${renewalRuleSv(months)}` };
  }

  /**
   * The submitted declaration as a document signed by its declarant. Idempotent: a retried submission (the same
   * declaration id) finds the same document and the same signature.
   */
  async documentSubmitted(declarationId: string, user: AuthUser, ctx: SigningContext, occasion: DeclarationOccasion): Promise<string> {
    const d = await this.mustFind(declarationId);
    const doc = await this.documents.generate({
      template: 'declaration.sv',
      data: await this.data(d, occasion, null),
      subject: { type: 'assignment', id: d.assignmentId },
      actor: user.id,
      idempotencyKey: `declaration:${d.id}:submitted`,
    });
    await this.documents.sign(doc.id, { role: 'declarant', expectedSha256: doc.sha256 }, new AuthenticatedUserSigner({ id: user.id, name: user.displayName }, ctx));
    await this.repo.setDocument(d.id, doc.id);
    return doc.id;
  }

  /** Which occasion a new declaration is: the first, a renewal when asked (due or overdue), or changed circumstances. */
  async occasionOf(assignmentId: string, declarationId: string, renewalAsked: boolean): Promise<DeclarationOccasion> {
    if (!(await this.repo.approvedBefore(assignmentId, declarationId))) return 'initial';
    return renewalAsked ? 'periodic' : 'changed-circumstances';
  }

  /**
   * The assessed version of an approved declaration: rendered with the coordinator's assessment and the recusals so
   * far, signed by the coordinator (assessor). A new version each time the recusals change; the same set again
   * finds the version made for it.
   */
  async assess(declarationId: string, user: AuthUser, ctx: SigningContext): Promise<string | null> {
    const d = await this.mustFind(declarationId);
    if (d.state !== 'approved') return null;
    const a = await this.assignments.findAssignment(d.assignmentId);
    const months = a ? (await this.renewalRule(a.groupId)).months : DEFAULT_RENEW_MONTHS;
    const reviewedAt = (d.reviewedAt ?? new Date()).getTime();
    // The payer's rule from the approval (the workflow asks for the renewal then, or earlier under a shorter policy).
    const nextReviewBy = stockholmDate(reviewedAt + Math.round((months * 365) / 12) * 86_400_000);
    const recusals = await this.repo.recusalsOfDeclaration(d.id);
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([recusals.map((r) => r.id), d.reviewComment, nextReviewBy]))
      .digest('hex')
      .slice(0, 16);
    const occasion = (await this.repo.approvedBefore(d.assignmentId, d.id)) ? 'changed-circumstances' : 'initial';
    const assessedOn = stockholmDate(reviewedAt);
    const doc = await this.documents.generate({
      template: 'declaration.sv',
      data: await this.data(d, occasion, {
        assessedBy: user.displayName,
        assessedOn,
        recusals: recusals.map((r) => ({ interestNo: r.interestNo, matter: r.matter, activityTitle: r.activityTitle, activityDate: r.activityDate, agendaItem: r.agendaItem })),
        comment: d.reviewComment,
        nextReviewBy,
      }),
      subject: { type: 'assignment', id: d.assignmentId },
      actor: user.id,
      idempotencyKey: `declaration:${d.id}:assessed:${fingerprint}`,
    });
    await this.documents.sign(doc.id, { role: 'assessor', expectedSha256: doc.sha256 }, new AuthenticatedUserSigner({ id: user.id, name: user.displayName }, ctx));
    await this.repo.setAssessedDocument(d.id, doc.id);
    return doc.id;
  }

  /** The comment reaches the representative by mail too (an approval; a request for changes is mailed by the workflow). */
  async mailApprovalComment(d: { id: string; assignmentId: string }, personId: string, groupId: string): Promise<void> {
    await this.mailer.send({
      key: `declaration-reviewed:${d.id}`,
      template: 'declaration-reviewed',
      to: { kind: 'person', personId },
      params: { groupId, assignmentId: d.assignmentId, personId },
    });
  }

  async reviewCommentOf(declarationId: string): Promise<string | null> {
    return (await this.repo.declaration(declarationId))?.reviewComment ?? null;
  }

  async setReviewComment(declarationId: string, comment: string | null): Promise<void> {
    await this.repo.setReviewComment(declarationId, comment);
  }

  // ---- recusals (jäv) ------------------------------------------------------------------------------------------------

  /** The recusals of the assignment's latest declaration the workflow took. */
  async recusals(assignmentId: string): Promise<RecusalRow[]> {
    const d = await this.repo.latestTaken(assignmentId);
    return d ? this.repo.recusalsOfDeclaration(d.id) : [];
  }

  /** The group's overview: every live member's recusals. */
  groupRecusals(groupId: string): Promise<GroupRecusalRow[]> {
    return this.repo.recusalsOfGroup(groupId);
  }

  /**
   * Records a recusal on the assignment's latest declaration (waiting for review, or approved): the declared interest
   * it follows from (its number), the matter, and where it comes up (an activity of the group, one of its agenda
   * items). 409 without such a declaration; 400 for an interest the declaration does not have, an activity of
   * another group or an agenda item the activity does not have (also the database's trigger).
   */
  async recordRecusal(assignmentId: string, dto: RecordRecusalDto, user: AuthUser, ctx: SigningContext): Promise<RecusalRow[]> {
    const a = await this.assignments.findAssignment(assignmentId);
    if (!a) throw new NotFoundError('Uppdraget finns inte.');
    const d = await this.repo.latestTaken(assignmentId);
    if (!d || (d.state !== 'submitted' && d.state !== 'approved')) {
      throw new ConflictError('Det finns ingen inlämnad eller godkänd jävsdeklaration att registrera jäv för.');
    }
    const interests = declaredInterests(d.hasInterests, d.interests);
    if (dto.interest > interests.length) {
      throw new InvalidInputError(
        interests.length === 0 ? 'Deklarationen redovisar inga intressen.' : `Deklarationen redovisar ${interests.length} intresse(n): ange ett nummer från 1 till ${interests.length}.`,
        { interest: ['Okänt intresse.'] },
      );
    }
    let activityId: string | null = null;
    const agendaItem = dto.agendaItem?.trim() || null;
    if (dto.activityId) {
      const activity = await this.repo.activityOfGroup(dto.activityId, a.groupId);
      if (!activity) throw new InvalidInputError('Aktiviteten finns inte i gruppen.', { activityId: ['Okänd aktivitet.'] });
      if (agendaItem && !activity.agenda.includes(agendaItem)) {
        throw new InvalidInputError('Aktivitetens dagordning har ingen sådan punkt.', { agendaItem: ['Ange en punkt från aktivitetens dagordning.'] });
      }
      activityId = activity.id;
    } else if (agendaItem) {
      throw new InvalidInputError('En dagordningspunkt hör till en aktivitet: ange aktiviteten.', { activityId: ['Ange aktiviteten.'] });
    }
    const id = randomUUID();
    await this.repo.transaction(async (em) => {
      await this.repo.insertRecusal(em, { id, declarationId: d.id, assignmentId, interestNo: dto.interest, activityId, agendaItem, matter: dto.matter.trim(), createdBy: user.id });
      await appendAudit(em, {
        actor: user.id,
        action: 'declaration.recusal-recorded',
        subjectType: 'assignment',
        subjectId: assignmentId,
        details: { declarationId: d.id, recusalId: id, interest: dto.interest, activityId, hasAgendaItem: agendaItem !== null },
      });
    });
    if (d.state === 'approved') await this.assess(d.id, user, ctx);
    return this.repo.recusalsOfDeclaration(d.id);
  }

  async removeRecusal(assignmentId: string, recusalId: string, user: AuthUser, ctx: SigningContext): Promise<RecusalRow[]> {
    const removed = await this.repo.transaction(async (em) => {
      const r = await this.repo.deleteRecusal(em, assignmentId, recusalId);
      if (r) {
        await appendAudit(em, {
          actor: user.id,
          action: 'declaration.recusal-removed',
          subjectType: 'assignment',
          subjectId: assignmentId,
          details: { declarationId: r.declarationId, recusalId },
        });
      }
      return r;
    });
    if (!removed) throw new NotFoundError('Jävet finns inte för uppdraget.');
    const d = await this.mustFind(removed.declarationId);
    if (d.state === 'approved') await this.assess(d.id, user, ctx);
    return this.repo.recusalsOfDeclaration(d.id);
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------------

  private async mustFind(id: string): Promise<Declaration> {
    const d = await this.repo.declaration(id);
    if (!d) throw new NotFoundError('Jävsdeklarationen finns inte.');
    return d;
  }

  private async data(d: Declaration, occasion: DeclarationOccasion, assessment: Parameters<typeof declarationData>[0]['assessment']) {
    const a = await this.assignments.findAssignment(d.assignmentId);
    const person = await this.assignments.representativeOf(d.assignmentId);
    const group = a ? await this.assignments.groupName(a.groupId) : undefined;
    return declarationData(
      {
        declarationId: d.id,
        submittedAt: d.submittedAt,
        declarant: { name: person?.fullName ?? 'Företrädaren', perspective: person?.perspective ?? null },
        group: { name: group?.name ?? 'Arbetsgruppen' },
        occasion,
        hasInterests: d.hasInterests,
        interests: d.interests,
        assessment,
      },
      stockholmDate,
    );
  }
}
