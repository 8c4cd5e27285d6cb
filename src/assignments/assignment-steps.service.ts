import { Inject, Injectable } from '@nestjs/common';
import { checkSwedishAccount, storedFormOf } from '../identity/bank-account';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { AuditEntry } from '../audit/audit-entry.entity';
import { appendAudit, AuditLogRepository } from '../audit/audit-log.repository';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors';
import { FIELD_CIPHER, FieldCipher } from '../crypto/field-cipher';
import { AuthenticatedUserSigner, DocumentSignedEvent, DocumentsService, type DocumentView, type SigningContext } from '../documents';
import { AccessPolicy } from '../auth/access-policy';
import { STATE_SV } from '../../workflows/assignment/onboarding';
import { OnDomainEvent } from '../events/event-bus';
import { checkPayeeIdentity } from '../identity';
import { periodContaining } from '../payouts/period';
import { stockholmDate } from '../common/stockholm-time';
import { mapWorkflowError, queryOrNull, requireUser, runStep, UnavailableError } from '../temporal/workflow-calls';
import {
  acceptUpdate,
  agreementCountersignedUpdate,
  agreementSignedUpdate,
  AssignmentState,
  AssignmentStatus,
  assignmentStatusQuery,
  declarationReviewedUpdate,
  declarationSubmittedUpdate,
  declineUpdate,
  detailsGivenUpdate,
  endOverdueAssignmentUpdate,
  extendStepDeadlineUpdate,
  introductionCompletedUpdate,
  mandateWithdrawnUpdate,
  reportAttestedUpdate,
  reportSubmittedUpdate,
  withdrawUpdate,
} from '../../workflows/assignment.messages';
import { assignmentWorkflowId } from '../../workflows/ids';
import { AgreementDraft } from './agreement-draft.entity';
import { Assignment } from './assignment.entity';
import { AssignmentsRepository } from './assignments.repository';
import { Declaration } from './declaration.entity';
import { PersonalDetailsDto, type TaxStatus } from './dto/personal-details.dto';
import { paidOnFSkatt } from '../fees';
import { payerOfGroup } from '../paying-bodies/payer-of-group';
import { Mailer } from '../mail/mailer';
import { CompleteIntroductionDto } from './dto/introduction.dto';
import { OverdueStepDto } from './dto/overdue-step.dto';
import { ReviewDeclarationDto, SubmitDeclarationDto } from './dto/declaration.dto';
import { ReportingPeriod } from './reporting-period.entity';
import { DeclarationsService } from './declarations.service';
import type { RecusalRow } from './declarations.repository';
import { TRANSITIONS } from '../../workflows/assignment/transitions';

/** Read-model states in which a declaration can be submitted (onboarding, or a renewal while it goes on). */
const DECLARABLE: readonly string[] = [...TRANSITIONS['declaration-submitted'].from, 'declaration-approved', 'active'];
import { type InvitationStatus, invitationStatusOf } from '../users/invitation-status';
import { UsersRepository } from '../users/users.repository';

const NOT_FOUND = 'Uppdraget finns inte.';
const COUNTERSIGN_BEFORE_SIGNATURE =
  'Överenskommelsen kan kontrasigneras först när företrädaren har undertecknat den. Vänta på företrädarens underskrift och kontrasignera sedan.';
const NO_DOCUMENT = 'Överenskommelsen har inget dokument att signera (det kunde inte skapas). Kontakta samordnaren.';
const ALREADY_SIGNED = 'Du har redan undertecknat överenskommelsen.';
const ALREADY_COUNTERSIGNED = 'Överenskommelsen är redan kontrasignerad.';
const COUNTERSIGNER_ONLY = 'Bara en samordnare för gruppen kan kontrasignera överenskommelsen.';
const MEETING_BY_COORDINATOR =
  'Ett introduktionsmöte registreras av gruppens samordnare. Som företrädare markerar du själv den digitala introduktionen som genomförd.';
const BENEFITS_ADVICE =
  'Du får ersättning från Försäkringskassan. Enligt rutinen (§4.5.2) kontaktar du din handläggare på Försäkringskassan om vad som gäller när du samtidigt får arvode, innan arvodet betalas ut.';
const MINOR_NEEDS_CONSENT =
  'Du är under 18 år. En vårdnadshavare behöver samtycka till uppdraget innan överenskommelsen skrivs: ange vårdnadshavarens namn och bekräfta samtycket.';
/** The refusal of a payee on F-skatt (the default policy), with the routine's reason and whom to contact. */
function fSkattRefusal(payerName: string | null, contact: string | null): string {
  return (
    `Arvodet kan inte betalas ut på F-skatt. Enligt rutinen för patientmedverkan betalas arvode bara till privatpersoner, inte till företag, ` +
    `och med F-skatt (eller åberopad FA-skatt) får ${payerName ?? 'betalaren'} varken dra skatt eller betala arbetsgivaravgifter. ` +
    `Har du FA-skatt kan du få arvodet som privatperson om du inte åberopar F-skatten. Frågor: kontakta ${contact ?? 'samordnaren för gruppen'}.`
  );
}
/** Whole years from `birthDate` to `today` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
const NO_CONTEXT: SigningContext = { ipAddress: null, userAgent: null };
const CLOSED: Record<string, string> = {
  declined: 'Uppdraget är avböjt.',
  ended: 'Uppdraget är avslutat.',
};

export interface AssignmentView {
  assignment: Assignment;
  group: { id: string; name: string };
  person: { id: string; fullName: string; detailsGiven: boolean };
  agreement: Pick<AgreementDraft, 'id' | 'version' | 'state' | 'documentId' | 'draftedAt' | 'signedAt' | 'countersignedAt'> | null;
  declaration:
    | (Pick<Declaration, 'id' | 'state' | 'hasInterests' | 'submittedAt' | 'reviewedAt' | 'reviewComment' | 'documentId' | 'assessedDocumentId'> & {
        interests?: string | null;
        renewal: { months: number; text: string };
      })
    | null;
  /** Jäv: the matters and agenda items the member takes no part in, per declared interest (issue 16 #7). */
  recusals: RecusalRow[];
  reportingPeriods: ReportingPeriod[];
  workflow: { workflowId: string; running: boolean; status: AssignmentStatus | null };
  /** Only for the person themself, once they gave their details: what they answered about tax, and the advice it brings. */
  payee?: {
    taxStatus: TaxStatus;
    fSkattInvokedAt: Date | null;
    mainIncome: boolean;
    receivesBenefits: boolean;
    guardianConsent: { name: string; recordedAt: Date } | null;
    advice: string[];
  };
  /** The person's login invitation, for the group's coordinators and administrators (issue 16 #3). */
  invitation?: InvitationStatus;
}

export interface AttestedReportResult {
  /** The lifecycle took note (the workflow, or the read model when the workflow has completed). */
  recorded: boolean;
  status: AssignmentStatus | null;
}

/**
 * The assignment's human steps over HTTP. Personal data (personnummer, bank account, declared interests) is
 * validated and stored here first — encrypted where the rules say so — and the workflow is told only that it
 * happened, by ID. Every step goes through the workflow's validators; refusals map to 400/409 with its reason.
 */
@Injectable()
export class AssignmentStepsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(AssignmentsRepository) private readonly repo: AssignmentsRepository,
    @Inject(AuditLogRepository) private readonly auditLog: AuditLogRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    @Inject(DocumentsService) private readonly documents: DocumentsService,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(DeclarationsService) private readonly declarations: DeclarationsService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
  ) {}

  private handle(assignmentId: string) {
    return this.temporal.workflow.getHandle(assignmentWorkflowId(assignmentId));
  }

  private step<T>(assignmentId: string, call: () => Promise<T>): Promise<T> {
    return runStep(this.temporal, call, { notFound: NOT_FOUND, closed: () => this.closedMessage(assignmentId) });
  }

  private async closedMessage(assignmentId: string): Promise<string | null> {
    const a = await this.repo.findAssignment(assignmentId);
    return a ? (CLOSED[a.state] ?? 'Uppdragets ärende är avslutat.') : null;
  }

  // ---- reading --------------------------------------------------------------------------------------------------

  /** The read model with the live status from the workflow (null when no worker answers in time). */
  async get(assignmentId: string, user?: AuthUser): Promise<AssignmentView> {
    const a = await this.assignment(assignmentId);
    const group = await this.repo.groupName(a.groupId);
    const person = await this.repo.personSummary(a.personId);
    const agreement = await this.repo.latestAgreement(assignmentId);
    const declaration = await this.repo.latestDeclaration(assignmentId);
    const periods = await this.reportingPeriods(assignmentId);
    const seesInterests = !!user && (user.personId === a.personId || user.roles.includes('coordinator') || user.roles.includes('admin'));
    return {
      assignment: a,
      group: { id: group.id, name: group.name },
      person: { id: person.id, fullName: person.full_name, detailsGiven: person.details_given_at !== null },
      agreement: agreement
        ? {
            id: agreement.id,
            version: agreement.version,
            state: agreement.state,
            documentId: agreement.documentId,
            draftedAt: agreement.draftedAt,
            signedAt: agreement.signedAt,
            countersignedAt: agreement.countersignedAt,
          }
        : null,
      declaration: declaration
        ? {
            id: declaration.id,
            state: declaration.state,
            hasInterests: declaration.hasInterests,
            submittedAt: declaration.submittedAt,
            reviewedAt: declaration.reviewedAt,
            reviewComment: declaration.reviewComment,
            documentId: declaration.documentId,
            assessedDocumentId: declaration.assessedDocumentId,
            ...(seesInterests ? { interests: declaration.interests } : {}),
            renewal: await this.declarations.renewalRule(a.groupId).then((r) => ({ months: r.months, text: r.text })),
          }
        : null,
      recusals: await this.declarations.recusals(assignmentId),
      reportingPeriods: periods,
      workflow: await this.live(assignmentId),
      ...(user?.personId === a.personId && person.details_given_at !== null ? { payee: await this.payeeAnswers(a.personId) } : {}),
      ...(user && (user.roles.includes('coordinator') || user.roles.includes('admin'))
        ? { invitation: invitationStatusOf(await this.users.invitationOfPerson(a.personId)) }
        : {}),
    };
  }

  private async payeeAnswers(personId: string): Promise<NonNullable<AssignmentView['payee']>> {
    const p = await this.repo.payeeAnswers(personId);
    return {
      taxStatus: p.tax_status,
      fSkattInvokedAt: p.f_skatt_invoked_at,
      mainIncome: p.tax_table_main_income,
      receivesBenefits: p.receives_benefits,
      guardianConsent: p.guardian_consent_name && p.guardian_consent_at ? { name: p.guardian_consent_name, recordedAt: p.guardian_consent_at } : null,
      advice: p.receives_benefits ? [BENEFITS_ADVICE] : [],
    };
  }

  async status(assignmentId: string): Promise<AssignmentStatus | null> {
    return (await this.live(assignmentId)).status;
  }

  private async live(assignmentId: string): Promise<AssignmentView['workflow']> {
    const workflowId = assignmentWorkflowId(assignmentId);
    const handle = this.handle(assignmentId);
    let running = false;
    try {
      running = (await handle.describe()).status.name === 'RUNNING';
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return { workflowId, running: false, status: null };
      throw e;
    }
    const status = await queryOrNull(this.temporal, () => handle.query(assignmentStatusQuery));
    return { workflowId, running, status };
  }

  /** The assignment's audit log, oldest first. */
  async audit(assignmentId: string): Promise<AuditEntry[]> {
    await this.assignment(assignmentId);
    return this.auditLog.trailOf('assignment', assignmentId);
  }

  async reportingPeriods(assignmentId: string): Promise<ReportingPeriod[]> {
    return this.repo.reportingPeriods(assignmentId);
  }

  /** The reporting period a business date (YYYY-MM-DD) falls in, or null (for time reports). */
  async periodFor(assignmentId: string, date: string): Promise<ReportingPeriod | null> {
    const rows = await this.repo.periodsContaining(assignmentId, date);
    return rows[0] ?? null;
  }

  // ---- the representative's steps ---------------------------------------------------------------------------------

  async accept(assignmentId: string, user: AuthUser | undefined): Promise<AssignmentStatus> {
    const actor = requireUser(user);
    await this.ownAssignment(assignmentId, actor);
    return this.step(assignmentId, () => this.handle(assignmentId).executeUpdate(acceptUpdate, { args: [{ actorId: actor.id }] }));
  }

  async decline(assignmentId: string, user: AuthUser | undefined): Promise<AssignmentStatus> {
    const actor = requireUser(user);
    await this.ownAssignment(assignmentId, actor);
    return this.step(assignmentId, () => this.handle(assignmentId).executeUpdate(declineUpdate, { args: [{ actorId: actor.id }] }));
  }

  /**
   * Personal and payment details: the personnummer/samordningsnummer is validated (src/identity) and stored
   * encrypted with its blind index, the bank account encrypted; then the workflow hears only that they were given.
   * Nothing of it is returned or logged.
   */
  async giveDetails(assignmentId: string, dto: PersonalDetailsDto, user: AuthUser | undefined): Promise<AssignmentStatus & { advice: string[] }> {
    const actor = requireUser(user);
    const a = await this.ownAssignment(assignmentId, actor);
    if (a.state === 'nominated') throw new ConflictError('Acceptera uppdraget innan du lämnar dina uppgifter.');
    if (CLOSED[a.state]) throw new ConflictError(CLOSED[a.state]);
    const today = stockholmDate(Date.now());
    const check = checkPayeeIdentity(dto.personalNumber, today);
    if (!check.ok) throw new InvalidInputError(check.message, { personalNumber: [check.message] });
    // The clearing number's bank ranges, the account number's length and check digit (issue 18): a payment file
    // must reach the account, so a typing error is caught here, not by the bank.
    const bank = checkSwedishAccount(dto.clearingNumber, dto.accountNumber);
    if (!bank.ok) throw new InvalidInputError(bank.message, { [bank.field]: [bank.message] });
    const tax = await this.taxStatusOf(a, dto);
    const guardian = this.guardianConsentOf(check.identity.birthDate, today, dto);
    const index = this.cipher.blindIndex(check.identity.normalized);
    await this.repo.transaction(async (em) => {
      if (await this.repo.personalNumberTakenByOther(index, a.personId, em)) {
        throw new ConflictError('Personnumret är redan registrerat för en annan person. Kontakta samordnaren.');
      }
      await this.repo.storePayeeDetails(
        a.personId,
        {
          personalNumberEnc: this.cipher.encrypt(check.identity.normalized),
          personalNumberIndex: index,
          bankAccountEnc: this.cipher.encrypt(storedFormOf(bank.account)),
          birthDate: check.identity.birthDate,
          postalAddress: dto.postalAddress?.trim() || null,
          mainIncome: dto.mainIncome ?? false,
          taxStatus: tax.status,
          fSkattInvoked: tax.invoked,
          receivesBenefits: dto.receivesBenefits ?? false,
          guardianName: guardian,
        },
        em,
      );
    });
    const status = await this.step(assignmentId, () => this.handle(assignmentId).executeUpdate(detailsGivenUpdate, { args: [{ actorId: actor.id }] }));
    const advice: string[] = [];
    if (dto.receivesBenefits) {
      // §4.5.2: shown in the answer and mailed once per assignment.
      advice.push(BENEFITS_ADVICE);
      await this.mailer.send({
        key: `benefits-advice:${assignmentId}`,
        template: 'benefits-advice',
        to: { kind: 'person', personId: a.personId },
        params: { groupId: a.groupId, assignmentId, personId: a.personId },
      });
    }
    return { ...status, advice };
  }

  /**
   * The payee's tax status (issue 16 #5). With FA-skatt the fee is paid as to a private person with tax withheld,
   * unless they invoke the F-skatt (recorded). Paid on F-skatt (F-skatt, or invoked FA-skatt), the payer may neither
   * withhold tax nor pay employer contributions, and the routine pays private persons, never companies: the payer's
   * policy decides — by default refused (409 with the routine's reason and whom to contact), nothing stored.
   */
  private async taxStatusOf(a: Assignment, dto: PersonalDetailsDto): Promise<{ status: TaxStatus; invoked: boolean }> {
    const status = dto.taxStatus ?? 'none';
    if (dto.invokeFSkatt && status !== 'fa-skatt') {
      const m = 'F-skatten kan bara åberopas av den som har FA-skatt (både F-skatt och A-skatt).';
      throw new InvalidInputError(m, { invokeFSkatt: [m] });
    }
    const invoked = status === 'fa-skatt' && dto.invokeFSkatt === true;
    if (!paidOnFSkatt(status === 'fa-skatt' ? { kind: status, fSkattInvoked: invoked } : { kind: status })) return { status, invoked };
    const payer = await payerOfGroup(this.ds, a.groupId);
    const policy = 'problem' in payer ? null : await this.repo.fSkattPolicyOf(payer.payerCode);
    if (policy?.policy !== 'pay-without-deductions') throw new ConflictError(fSkattRefusal(policy?.name ?? null, policy?.contact ?? null));
    return { status, invoked };
  }

  /** A person under 18 (from the personnummer) needs a guardian's consent before the agreement: the guardian's name, or 400. */
  private guardianConsentOf(birthDate: string, today: string, dto: PersonalDetailsDto): string | null {
    if (ageOn(birthDate, today) >= 18) return null;
    const name = dto.guardianName?.trim();
    if (dto.guardianConsent === true && name) return name;
    throw new InvalidInputError(MINOR_NEEDS_CONSENT, {
      ...(dto.guardianConsent === true ? {} : { guardianConsent: ['Vårdnadshavaren behöver samtycka till uppdraget.'] }),
      ...(name ? {} : { guardianName: ['Ange vårdnadshavarens namn.'] }),
    });
  }

  /**
   * Signing is one action (issue 16 #4): the representative signs the current agreement's document (its SHA-256 is
   * what the signature is over, as `POST /documents/{id}/signatures` records it) and the workflow moves on, with the
   * update ID from that signature. The two-call path (the document first, then this) ends here too: the signature is
   * found and the same update is sent. A retry while the agreement waits for the countersignature answers the same
   * (same update ID); once the agreement has gone further, 409 "already signed". No document (none rendered) is a
   * 409, and so is a step the workflow is not at; nothing is signed then.
   */
  async sign(assignmentId: string, user: AuthUser | undefined, context: SigningContext = NO_CONTEXT, expectedSha256?: string): Promise<AssignmentStatus> {
    const actor = requireUser(user);
    const a = await this.ownAssignment(assignmentId, actor);
    if (CLOSED[a.state]) throw new ConflictError(CLOSED[a.state]);
    const agreement = await this.currentAgreement(assignmentId);
    const doc = await this.agreementDocument(agreement);
    let signature = doc.signatures.find((s) => s.role === 'representative');
    if (signature && a.state !== 'agreement-drafted' && a.state !== 'signed') throw new ConflictError(ALREADY_SIGNED);
    if (!signature) {
      if (a.state !== 'agreement-drafted') throw new ConflictError(`Det går inte att underteckna överenskommelsen nu: uppdraget är ${STATE_SV[a.state as AssignmentState] ?? a.state}.`);
      signature = (await this.documents.sign(doc.id, { role: 'representative', expectedSha256: expectedSha256?.toLowerCase() ?? doc.sha256 }, this.signer(actor, context))).signature;
    }
    const signatureId = signature.id;
    const signerUserId = signature.signerUserId;
    return this.step(assignmentId, () =>
      this.handle(assignmentId).executeUpdate(agreementSignedUpdate, {
        args: [{ actorId: signerUserId, agreementId: agreement.id }],
        updateId: agreementUpdateId('signed', agreement, signatureId),
      }),
    );
  }

  async submitDeclaration(assignmentId: string, dto: SubmitDeclarationDto, user: AuthUser | undefined, signing: SigningContext = NO_CONTEXT): Promise<AssignmentStatus> {
    const actor = requireUser(user);
    const a = await this.ownAssignment(assignmentId, actor);
    if (CLOSED[a.state]) throw new ConflictError(CLOSED[a.state]);
    const interests = dto.hasInterests ? (dto.interests ?? '').trim() : dto.interests?.trim() || null;
    // Issue 14 #4: a declaration whose Update got no answer is kept (the workflow may still take it); the same
    // declaration sent again reuses its row and Update ID, so the workflow takes it once.
    const kept = await this.repo.keptDeclaration({ assignmentId, submittedBy: actor.id, hasInterests: dto.hasInterests, interests });
    const id = kept ?? randomUUID();
    if (!kept) {
      await this.repo.insertStoredDeclaration({ id, assignmentId, personId: a.personId, hasInterests: dto.hasInterests, interests, submittedBy: actor.id });
    }
    // The declaration is a document (issue 16 #6): rendered and signed by the declarant before the workflow hears of
    // it (a retry finds the same document and signature). Not for a step the read model already knows is not now.
    if (DECLARABLE.includes(a.state)) {
      const live = await this.status(assignmentId);
      const asked = live?.declaration.state === 'due' || live?.declaration.state === 'overdue';
      await this.declarations.documentSubmitted(id, actor, signing, await this.declarations.occasionOf(assignmentId, id, asked));
    }
    try {
      return await this.step(assignmentId, () =>
        this.handle(assignmentId).executeUpdate(declarationSubmittedUpdate, {
          args: [{ actorId: actor.id, declarationId: id }],
          updateId: `declaration-submitted:${id}`,
        }),
      );
    } catch (e) {
      // Removed only when the workflow refused it for good; without an answer it stays for the retry.
      if (e instanceof ConflictError || e instanceof InvalidInputError || e instanceof NotFoundError) {
        await this.repo.deleteStoredDeclaration(id);
      }
      throw e;
    }
  }

  async withdraw(assignmentId: string, user: AuthUser | undefined): Promise<AssignmentStatus> {
    const actor = requireUser(user);
    await this.ownAssignment(assignmentId, actor);
    return this.step(assignmentId, () => this.handle(assignmentId).executeUpdate(withdrawUpdate, { args: [{ actorId: actor.id }] }));
  }

  // ---- the coordinator's steps -------------------------------------------------------------------------------------

  /**
   * Countersigning is one action as well (issue 16 #4): a coordinator of the group countersigns the current
   * agreement's document — only after the representative signed it (issue 13 #7: 409 here, the workflow's validator
   * and a database trigger) — and the workflow moves on. After the two-call path (the document countersigned first)
   * the signature found is followed. A retry while the assignment waits for the declaration answers the same; once
   * it has gone further, 409 "already countersigned".
   */
  async countersign(assignmentId: string, user: AuthUser | undefined, context: SigningContext = NO_CONTEXT, expectedSha256?: string): Promise<AssignmentStatus> {
    const actor = requireUser(user);
    const a = await this.assignment(assignmentId);
    if (CLOSED[a.state]) throw new ConflictError(CLOSED[a.state]);
    const agreement = await this.currentAgreement(assignmentId);
    // In order (issue 13 #7): the group countersigns what the representative has signed (also the workflow's
    // validator and a database trigger).
    if (agreement.state === 'drafted') throw new ConflictError(COUNTERSIGN_BEFORE_SIGNATURE);
    const doc = await this.agreementDocument(agreement);
    let signature = doc.signatures.find((s) => s.role === 'countersigner');
    if (signature && a.state !== 'signed' && a.state !== 'countersigned') throw new ConflictError(ALREADY_COUNTERSIGNED);
    if (!signature) {
      if (a.state !== 'signed') throw new ConflictError(`Det går inte att kontrasignera överenskommelsen nu: uppdraget är ${STATE_SV[a.state as AssignmentState] ?? a.state}.`);
      if (!(await this.access.coordinates(actor, a.groupId))) throw new ForbiddenError(COUNTERSIGNER_ONLY);
      signature = (await this.documents.sign(doc.id, { role: 'countersigner', expectedSha256: expectedSha256?.toLowerCase() ?? doc.sha256 }, this.signer(actor, context))).signature;
    }
    const signatureId = signature.id;
    const signerUserId = signature.signerUserId;
    return this.step(assignmentId, () =>
      this.handle(assignmentId).executeUpdate(agreementCountersignedUpdate, {
        args: [{ actorId: signerUserId, agreementId: agreement.id }],
        updateId: agreementUpdateId('countersigned', agreement, signatureId),
      }),
    );
  }

  async reviewDeclaration(
    assignmentId: string,
    dto: ReviewDeclarationDto,
    user: AuthUser | undefined,
    signing: SigningContext = NO_CONTEXT,
  ): Promise<AssignmentStatus> {
    const actor = requireUser(user);
    const a = await this.assignment(assignmentId);
    // The declaration the workflow waits to have reviewed. Usually the read model's pending one; when the read model
    // already shows it reviewed although the workflow never took the review (the step's record was written by a
    // workflow task the server lost, issue 14's drill), the workflow's own pending declaration: the retry completes it.
    const pendingId = (await this.repo.pendingDeclaration(assignmentId))?.id ?? (await this.workflowPendingDeclaration(assignmentId));
    if (!pendingId) throw new ConflictError('Det finns ingen jävsdeklaration som väntar på granskning.');
    // The comment is stored first: the workflow's mail asking for changes carries it (issue 16 #7).
    const comment = dto.comment?.trim() || null;
    const earlierComment = await this.declarations.reviewCommentOf(pendingId);
    if (comment) await this.declarations.setReviewComment(pendingId, comment);
    // Renewal follows the payer's rule (issue 16 #6).
    const rule = await this.declarations.renewalRule(a.groupId);
    let status: AssignmentStatus;
    try {
      status = await this.step(assignmentId, () =>
        this.handle(assignmentId).executeUpdate(declarationReviewedUpdate, {
          args: [{ actorId: actor.id, declarationId: pendingId, outcome: dto.outcome, renewEvery: rule.renewEvery }],
          // The same review again is the same Update (answered once, however often it is sent).
          updateId: `declaration-reviewed:${pendingId}:${dto.outcome}`,
        }),
      );
    } catch (e) {
      if (comment && (e instanceof ConflictError || e instanceof InvalidInputError || e instanceof NotFoundError)) {
        await this.declarations.setReviewComment(pendingId, earlierComment);
      }
      throw e;
    }
    if (dto.outcome === 'approved') {
      // The coordinator's assessment on the document: a new version, signed by the coordinator (assessor).
      await this.declarations.assess(pendingId, actor, signing);
      if (comment) await this.declarations.mailApprovalComment({ id: pendingId, assignmentId }, a.personId, a.groupId);
    }
    return status;
  }

  /** The declaration the workflow itself waits to have reviewed (null: none, or the workflow does not answer now). */
  private async workflowPendingDeclaration(assignmentId: string): Promise<string | null> {
    const status = await queryOrNull(this.temporal, () => this.handle(assignmentId).query(assignmentStatusQuery));
    return status?.declaration.state === 'submitted' ? status.declaration.declarationId : null;
  }

  /**
   * The introduction is completed (issue 16 #8). The representative marks the digital introduction completed
   * themself (a meeting they cannot record: 403 saying so); a coordinator of the group (or an administrator) records
   * an introduction meeting and its day, or the digital introduction. The day is not in the future. The workflow
   * refuses it before the declaration is approved (409 with the reason).
   */
  async completeIntroduction(assignmentId: string, dto: CompleteIntroductionDto, user: AuthUser | undefined): Promise<AssignmentStatus> {
    const actor = requireUser(user);
    const a = await this.assignment(assignmentId);
    const own = actor.personId !== null && actor.personId.toLowerCase() === a.personId.toLowerCase();
    const kind = dto.kind ?? (own ? 'digital' : 'meeting');
    if (own && kind === 'meeting') throw new ForbiddenError(MEETING_BY_COORDINATOR);
    if (!own && !actor.roles.includes('coordinator') && !actor.roles.includes('admin')) throw new ForbiddenError(MEETING_BY_COORDINATOR);
    const today = stockholmDate(Date.now());
    const heldOn = kind === 'digital' && own ? today : (dto.heldOn ?? today);
    if (heldOn > today) throw new InvalidInputError('Introduktionen kan inte registreras för en dag som inte har kommit än.', { heldOn: ['Ange dagen då introduktionen hölls (i dag eller tidigare).'] });
    if (CLOSED[a.state]) throw new ConflictError(CLOSED[a.state]);
    return this.step(assignmentId, () =>
      this.handle(assignmentId).executeUpdate(introductionCompletedUpdate, { args: [{ actorId: actor.id, kind, heldOn }] }),
    );
  }

  /**
   * An overdue human step (issue 16 #9): after its reminders and the coordinator's notice, a coordinator of the
   * group (or an administrator) gives it a new deadline (`extendByDays`, default the policy's step time; the reminders
   * start again) or ends the assignment (end reason `step-overdue`). The workflow refuses it when no step is overdue
   * (409 with the reason).
   */
  async decideOverdueStep(assignmentId: string, dto: OverdueStepDto, user: AuthUser | undefined): Promise<AssignmentStatus> {
    const actor = requireUser(user);
    const a = await this.assignment(assignmentId);
    if (CLOSED[a.state]) throw new ConflictError(CLOSED[a.state]);
    return this.step(assignmentId, () =>
      dto.decision === 'end'
        ? this.handle(assignmentId).executeUpdate(endOverdueAssignmentUpdate, { args: [{ actorId: actor.id }] })
        : this.handle(assignmentId).executeUpdate(extendStepDeadlineUpdate, {
            args: [{ actorId: actor.id, ...(dto.extendByDays !== undefined ? { extendByDays: dto.extendByDays } : {}) }],
          }),
    );
  }

  // ---- the organisation's step -------------------------------------------------------------------------------------

  /** The nominating organisation withdraws its mandate (an administrator may record it for the organisation). */
  async withdrawMandate(assignmentId: string, user: AuthUser | undefined): Promise<AssignmentStatus> {
    const actor = requireUser(user);
    const a = await this.assignment(assignmentId);
    const organisationId = actor.organisationId ?? (actor.roles.includes('admin') ? a.nominatingOrganisationId : null);
    if (!organisationId) throw new ConflictError('Uppdraget bygger inte på någon organisations mandat.');
    return this.step(assignmentId, () =>
      this.handle(assignmentId).executeUpdate(mandateWithdrawnUpdate, { args: [{ actorId: actor.id, organisationId }] }),
    );
  }

  // ---- the payouts hook ----------------------------------------------------------------------------------------------

  /**
   * FOR PAYOUTS / TIME REPORTS (the only path from an attestation to the workflow): call when a time report for
   * `period` (a key from `reportingPeriods`/`periodFor`) is attested. The assignment workflow records it
   * (`reportAttested` update, its ID from the time report so a repeat is one step) and stops chasing that period;
   * a workflow that does not answer in time is asked again (3 tries), then the caller gets 503 and its retry sends
   * it again. A late attestation is never dropped (issue 13 #11c): when the workflow has completed, or refuses the
   * period because its run no longer (after continue-as-new) or never (before the period existed) knew it, the
   * read model and the audit log are updated directly. A malformed period is refused (400).
   */
  async recordAttestedReport(a: { assignmentId: string; period: string; timeReportId?: string; actorId: string }): Promise<AttestedReportResult> {
    return this.reportHook({
      ...a,
      update: reportAttestedUpdate,
      args: { actorId: a.actorId, period: a.period, ...(a.timeReportId ? { timeReportId: a.timeReportId } : {}) },
      updateId: a.timeReportId ? `report-attested:${a.timeReportId}` : undefined,
      action: 'assignment.report-attested',
      auditKey: `attested:${a.assignmentId}:${a.period}:${a.timeReportId ?? 'none'}`,
      newState: 'attested',
      fromStates: null,
    });
  }

  /**
   * FOR TIME REPORTS (the only path from a submission to the workflow, issue 13 #11a): call when the representative
   * has submitted a time report of the assignment for a meeting on `activityDate`. The period is the reporting
   * period that day falls in. The workflow records it (`reportSubmittedUpdate`, update ID from the time report)
   * and stops chasing the period: no reminder, and at the deadline no "report missed" for it. Same handling as the
   * attestation hook: asked again when the workflow does not answer (3 tries), then 503 and the representative's
   * retry (submitting again) sends it again; when the workflow has completed or does not know the period, the
   * audit log (and an open or awaiting-report period in the read model, or one recorded as missed although the
   * report was submitted before its deadline) records it directly, never dropped.
   */
  async recordSubmittedReport(a: {
    assignmentId: string;
    activityDate: string;
    timeReportId: string;
    submittedAt: Date | null;
    actorId: string;
  }): Promise<AttestedReportResult> {
    const found = await this.periodFor(a.assignmentId, a.activityDate);
    const assignment = await this.assignment(a.assignmentId);
    const period = found?.periodKey ?? periodContaining(a.activityDate, assignment.reportingFrequency).key;
    const submittedAt = (a.submittedAt ?? new Date()).toISOString();
    return this.reportHook({
      assignmentId: a.assignmentId,
      period,
      timeReportId: a.timeReportId,
      actorId: a.actorId,
      update: reportSubmittedUpdate,
      args: { actorId: a.actorId, period, timeReportId: a.timeReportId, submittedAt },
      updateId: `report-submitted:${a.timeReportId}:${submittedAt}`,
      action: 'assignment.report-submitted',
      auditKey: `submitted:${a.assignmentId}:${period}:${a.timeReportId}:${submittedAt}`,
      newState: 'submitted',
      fromStates: ['open', 'awaiting-report'],
      missedIfDueAfter: submittedAt,
    });
  }

  /**
   * One report hook: the update (a fixed update ID makes a repeat one step), retried while the workflow does not
   * answer; when it has completed or refuses the period, the audit log and the read model directly.
   */
  private async reportHook(a: {
    assignmentId: string;
    period: string;
    timeReportId?: string;
    actorId: string;
    update: typeof reportAttestedUpdate | typeof reportSubmittedUpdate;
    args: { actorId: string; period: string; timeReportId?: string; submittedAt?: string };
    updateId: string | undefined;
    action: string;
    auditKey: string;
    newState: 'attested' | 'submitted';
    /** Read-model states the late path may move from (null: any). */
    fromStates: string[] | null;
    /** Also a period recorded as missed whose deadline was at or after this ISO time (submitted in time, heard late). */
    missedIfDueAfter?: string;
  }): Promise<AttestedReportResult> {
    let reason: 'completed' | 'period-unknown-to-workflow' = 'completed';
    for (let attempt = 1; ; attempt++) {
      try {
        const status = await this.temporal.withDeadline(Date.now() + 15_000, () =>
          this.handle(a.assignmentId).executeUpdate(a.update as typeof reportAttestedUpdate, {
            args: [a.args],
            ...(a.updateId ? { updateId: a.updateId } : {}),
          }),
        );
        return { recorded: true, status };
      } catch (e) {
        const mapped = await mapWorkflowError(e, { notFound: NOT_FOUND });
        if (mapped instanceof UnavailableError && attempt < 3) {
          await new Promise((r) => setTimeout(r, 1000 * attempt));
          continue;
        }
        if (mapped instanceof ConflictError) reason = 'period-unknown-to-workflow';
        else if (!(mapped instanceof NotFoundError)) throw mapped;
        break;
      }
    }
    await this.assignment(a.assignmentId);
    await this.ds.transaction(async (em) => {
      const recorded = await appendAudit(em, {
        actor: a.actorId,
        action: a.action,
        subjectType: 'assignment',
        subjectId: a.assignmentId,
        idempotencyKey: a.auditKey,
        details: { period: a.period, timeReportId: a.timeReportId ?? null, afterWorkflow: reason === 'completed', late: reason },
      });
      if (recorded) {
        await this.repo.setPeriodStateLate(
          { assignmentId: a.assignmentId, period: a.period, state: a.newState, fromStates: a.fromStates, missedIfDueAfter: a.missedIfDueAfter ?? null },
          em,
        );
      }
    });
    return { recorded: true, status: null };
  }

  // -------------------------------------------------------------------------------------------------------------------

  private async assignment(id: string): Promise<Assignment> {
    const a = await this.repo.findAssignment(id);
    if (!a) throw new NotFoundError(NOT_FOUND);
    return a;
  }

  /**
   * The assignment of a step only its person takes (accept, decline, details, sign, declaration, withdraw): any other
   * user — a coordinator or contact who is also a representative included — gets the missing-assignment answer.
   */
  private async ownAssignment(id: string, actor: AuthUser): Promise<Assignment> {
    const a = await this.assignment(id);
    if (actor.personId === null || actor.personId.toLowerCase() !== a.personId.toLowerCase()) throw new NotFoundError(NOT_FOUND);
    return a;
  }

  private async currentAgreement(assignmentId: string): Promise<AgreementDraft> {
    await this.assignment(assignmentId);
    const agreement = await this.repo.latestAgreement(assignmentId);
    if (!agreement) throw new ConflictError('Överenskommelsen är inte upprättad ännu.');
    return agreement;
  }

  /** The agreement's document, the one that is signed; without one (it could not be rendered) there is nothing to sign. */
  private async agreementDocument(agreement: AgreementDraft): Promise<DocumentView> {
    if (!agreement.documentId) throw new ConflictError(NO_DOCUMENT);
    return this.documents.get(agreement.documentId);
  }

  /** A simple electronic signature by the logged-in user, with the request's address and browser as evidence. */
  private signer(actor: AuthUser, context: SigningContext): AuthenticatedUserSigner {
    return new AuthenticatedUserSigner({ id: actor.id, name: actor.displayName }, context);
  }

  /**
   * A document about an assignment was signed (the 'document.signed' event, src/events). For the current agreement's PDF the
   * signature is the step: the workflow gets `agreementSigned` (and `agreementCountersigned` once both have
   * signed; a countersignature only follows the representative's, src/documents refuses it before) with update IDs from the document and signature, so a retried or
   * repeated signing, or the assignment endpoints after it, do nothing new. Every signing sends them, also when the
   * read model already shows the step: the read model can be ahead of the workflow (a step's record written by a
   * workflow task the server lost, issue 14's drill), and the signer's retry must then complete the step, not skip
   * it. The workflow decides: a step it took answers the same (its update ID), one it can no longer take (a later run
   * after continue-as-new, an ended assignment) is refused, which leaves the signature as it is; no answer in time
   * reaches the signer (503), whose retry sends it again.
   */
  @OnDomainEvent('document.signed')
  async onDocumentSigned(e: DocumentSignedEvent): Promise<void> {
    if (e.kind !== 'agreement' || e.subject.type !== 'assignment') return;
    const assignmentId = e.subject.id;
    const agreement = await this.repo.latestAgreement(assignmentId);
    if (!agreement || agreement.documentId !== e.documentId) return; // an older version: nothing to move on
    const rep = e.signatures.find((s) => s.role === 'representative');
    const counter = e.signatures.find((s) => s.role === 'countersigner');
    const steps: Array<() => Promise<unknown>> = [];
    if (rep) {
      steps.push(() =>
        this.handle(assignmentId).executeUpdate(agreementSignedUpdate, {
          args: [{ actorId: rep.signerUserId, agreementId: agreement.id }],
          updateId: agreementUpdateId('signed', agreement, rep.id),
        }),
      );
    }
    if (rep && counter) {
      steps.push(() =>
        this.handle(assignmentId).executeUpdate(agreementCountersignedUpdate, {
          args: [{ actorId: counter.signerUserId, agreementId: agreement.id }],
          updateId: agreementUpdateId('countersigned', agreement, counter.id),
        }),
      );
    }
    for (const step of steps) {
      try {
        await this.step(assignmentId, step);
      } catch (err) {
        if (err instanceof ConflictError || err instanceof InvalidInputError || err instanceof NotFoundError) return;
        throw err;
      }
    }
  }
}

/** The update ID of an agreement step that follows a document signature: the same signature, the same update. */
function agreementUpdateId(step: 'signed' | 'countersigned', agreement: AgreementDraft, signatureId: string): string {
  return `agreement-${step}:${agreement.documentId}:${signatureId}`;
}
