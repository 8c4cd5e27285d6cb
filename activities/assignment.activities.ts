import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { AgreementTermsData } from '../src/assignments/agreement-draft.entity';
import { renderAgreementPdf } from '../src/assignments/agreement-document';
import { payerCodeOrNull, payerOfGroup } from '../src/paying-bodies/payer-of-group';
import { addDays, calendarPeriod, stockholmDate, stockholmMidnight } from '../src/common/stockholm-time';
import type { AssignmentState, IntroductionKind, PeriodState, ReportingFrequency } from '../workflows/assignment.messages';
import type { ActivityContext, StoredDraft } from './deps';
import { stepKey } from '../src/audit/audit-line';
import { isUuid } from '../src/common/uuid';

export interface AssignmentStepArgs {
  assignmentId: string;
  workflowId: string;
  /** workflowInfo().firstExecutionRunId: part of the idempotency key. */
  chainId: string;
  transitionNo: number;
  action: string;
  /** A user id, or `system:<workflowId>`. */
  actor: string;
  /** The assignment's state after the step. */
  state: AssignmentState;
  endReason?: string | null;
  details?: Record<string, string | number | boolean | null>;
  agreement?: { id: string; state: 'signed' | 'countersigned' };
  declaration?: { id: string; state: 'submitted' | 'approved' | 'needs-changes' };
  period?: { key: string; state: PeriodState; dueAt?: string | null; endsAt?: string | null };
  /** How the introduction was completed (issue 16 #8), with the step that activates the assignment. */
  introduction?: { kind: IntroductionKind; heldOn: string };
}

export interface PlannedPeriod {
  key: string;
  startsAt: number;
  endsAt: number;
}

/** What every agreement says about information responsibility (§4.3), in the routine's words where it has them. */
const INFORMATION_RESPONSIBILITY =
  'Företrädaren tar del av gruppens underlag i tid och i tillgängligt format, för fram patienters och närståendes ' +
  'erfarenheter och, vid mandat från en organisation, återkopplar till organisationen. Gruppen informerar företrädaren ' +
  'om arbetet, beslutsprocesserna och hur synpunkterna tagits om hand. Uppgifter som är sekretessbelagda eller ' +
  'ännu inte beslutade sprids inte vidare.';
const FEE_BASIS =
  'Skattepliktigt arvode per möte eller aktivitet enligt betalarens gällande ersättningstabell (andel av prisbasbeloppet, ' +
  'tid inklusive restid) samt reseersättning; för- och efterarbete ingår normalt. Inkomstbortfall ersätts inte.';

export function createAssignmentActivities({ dataSource, logger, documents, repositories: { assignments, audit } }: ActivityContext) {

  /** Stores the draft's terms once per key; returns the stored draft. */
  async function storeDraft(a: { assignmentId: string }, key: string): Promise<StoredDraft> {
    const existing = await assignments.draftByKey(key);
    if (existing) return existing;
    const row = await assignments.agreementSource(a.assignmentId);
    if (!row) throw ApplicationFailure.nonRetryable(`assignment ${a.assignmentId} not found`, 'NotFound');
    const payer = await payerOfGroup(dataSource, row.groupId);

    const terms: AgreementTermsData = {
      caseReference: a.assignmentId,
      group: {
        id: row.groupId,
        name: row.groupName,
        kind: row.groupKind,
        parentName: row.parentName,
        commission: row.commission,
      },
      representation: {
        basis: row.representation,
        nominatingOrganisationId: row.nominatingOrganisationId,
        nominatingOrganisation: row.organisationName,
      },
      assignment:
        `Att som patient- eller närståendeföreträdare medverka i ${row.groupName} enligt gruppens uppdragsbeskrivning, ` +
        'som en fullvärdig medlem, och bidra med patienters och närståendes erfarenheter och kunskap.',
      timeEstimate: {
        meetingHoursPerYear: row.estimatedMeetingHours,
        outsideMeetingHoursPerYear: row.estimatedOtherHours,
      },
      fees: {
        mode: row.feeMode,
        basis: FEE_BASIS,
        extraPreparationDays: row.extraPreparationDays,
        employedByOrganisation: row.employedByOrganisation,
        payoutFrequency: row.reportingFrequency,
        payerCode: payerCodeOrNull(payer),
      },
      informationResponsibility: INFORMATION_RESPONSIBILITY,
      declaration: 'Företrädaren lämnar en jävsdeklaration innan uppdraget börjar och förnyar den när förhållandena ändras.',
      period: { from: row.periodStart, to: row.periodEnd },
      contactPerson: {
        userId: row.contactUserId,
        name: row.contactName,
        email: row.contactEmail,
      },
    };
    const inserted = await assignments.insertDraft({ id: randomUUID(), assignmentId: a.assignmentId, key, terms });
    // Another attempt stored the draft with this key meanwhile: that one is the draft.
    const result = inserted ?? (await assignments.draftByKey(key));
    if (!result) throw new Error(`agreement draft ${key} was neither inserted nor found`);
    logger.info({ assignmentId: a.assignmentId, agreementId: result.agreementId, version: result.version }, 'agreement drafted');
    return result;
  }

  return {
    /**
     * Records one step of an assignment: an audit line (subject assignment) and the read model (assignment.state,
     * end_reason; the agreement, declaration or reporting period the step touched), in one transaction.
     * Idempotent: the audit key (workflow ID + step number + action) makes a retry a no-op.
     */
    async recordAssignmentStep(a: AssignmentStepArgs): Promise<void> {
      await assignments.transaction(async (em) => {
        const first = await audit.append(
          {
            actor: a.actor,
            action: `assignment.${a.action}`,
            subjectType: 'assignment',
            subjectId: a.assignmentId,
            idempotencyKey: stepKey(a.workflowId, a.chainId, a.transitionNo, a.action),
            details: { ...(a.details ?? {}), state: a.state, ...(a.endReason ? { endReason: a.endReason } : {}) },
          },
          em,
        );
        if (!first) return;
        await assignments.setState(a.assignmentId, a.state, a.endReason ?? null, em);
        const actorUuid = isUuid(a.actor) ? a.actor : null;
        if (a.agreement?.state === 'signed') {
          await assignments.markAgreementSigned(a.agreement.id, actorUuid, em);
        } else if (a.agreement?.state === 'countersigned') {
          await assignments.markAgreementCountersigned(a.agreement.id, actorUuid, em);
        }
        if (a.declaration?.state === 'submitted') {
          await assignments.markDeclarationSubmitted(a.declaration.id, em);
        } else if (a.declaration) {
          await assignments.markDeclarationReviewed(a.declaration.id, a.declaration.state, actorUuid, em);
        }
        if (a.introduction) await assignments.recordIntroduction(a.assignmentId, { ...a.introduction, by: actorUuid }, em);
        if (a.period) {
          await assignments.updatePeriod(a.assignmentId, { key: a.period.key, state: a.period.state, dueAt: a.period.dueAt ?? null, endsAt: a.period.endsAt ?? null }, em);
        }
      });
      logger.info({ assignmentId: a.assignmentId, action: a.action, state: a.state }, 'assignment step recorded');
    },

    /**
     * Drafts the agreement (överenskommelse, §4.3 and §4.5.1) from the group's commission and the assignment's
     * terms: assignment, time estimate, fee terms, information responsibility, the declaration of interests,
     * period and contact person. Stores the draft in `agreement_draft` (a new version each call with a new key)
     * and returns its ID, then renders the PDF from the stored terms (templates/agreement.sv.ts) and sets the
     * draft's document; a draft whose PDF could not be rendered is returned with `pdfProblem`. Idempotent by key.
     */
    async draftAgreement(a: {
      assignmentId: string;
      workflowId: string;
      chainId: string;
      transitionNo: number;
    }): Promise<{ agreementId: string; version: number; documentId: string | null; pdfProblem: string | null }> {
      const key = stepKey(a.workflowId, a.chainId, a.transitionNo, 'draft-agreement');
      const draft = await storeDraft(a, key);
      if (draft.documentId) return { agreementId: draft.agreementId, version: draft.version, documentId: draft.documentId, pdfProblem: null };
      const terms = await assignments.draftTerms(draft.agreementId);
      const pdf = await renderAgreementPdf(
        dataSource,
        documents,
        { assignmentId: a.assignmentId, terms },
        // The draft's own time, not the attempt's: an attempt that rendered and stored the PDF but died before
        // setting the draft's document (the drill: a worker killed) is retried with the same data, so the document
        // store returns the PDF made the first time instead of refusing a different one under the same key.
        { actor: `system:${a.workflowId}`, key: `${key}:pdf`, now: draft.draftedAt },
      );
      if (pdf.documentId) {
        await assignments.setDraftDocument(draft.agreementId, pdf.documentId);
      } else {
        logger.warn({ assignmentId: a.assignmentId, agreementId: draft.agreementId, problem: pdf.reason }, 'agreement drafted without a PDF');
      }
      return { agreementId: draft.agreementId, version: draft.version, documentId: pdf.documentId, pdfProblem: pdf.reason ?? null };
    },


    /**
     * Plans reporting period number `index`, starting at `startsAt`: the calendar month or quarter (Stockholm
     * time) it falls in, or a fixed length when the policy says so. Writes the period's read-model row (state
     * open). Idempotent: the row's key is (assignment, period key).
     */
    async planReportingPeriod(a: {
      assignmentId: string;
      index: number;
      startsAt: number;
      frequency: ReportingFrequency;
      lengthMs: number | null;
      /**
       * The first period (since the patch `assignment-2026-12-periods-from-agreement`): it starts at the agreement's
       * first day (`assignment.period_start`, Stockholm midnight) when that is earlier than `startsAt` (the
       * activation), and ends where the period of `startsAt` ends: meetings before the activation belong to it.
       */
      fromAgreementStart?: boolean;
    }): Promise<PlannedPeriod> {
      let key: string;
      let endsAt: number;
      let endsOn: string;
      if (a.lengthMs !== null) {
        key = `P${a.index}`;
        endsAt = a.startsAt + a.lengthMs;
        endsOn = stockholmDate(endsAt - 1);
      } else {
        const p = calendarPeriod(a.startsAt, a.frequency);
        key = p.key;
        endsAt = p.endsAt;
        endsOn = p.endsOn;
      }
      let startsAt = a.startsAt;
      if (a.fromAgreementStart) {
        const agreed = await assignments.agreedPeriod(a.assignmentId);
        if (agreed?.periodStart) startsAt = Math.min(startsAt, stockholmMidnight(agreed.periodStart));
      }
      await assignments.insertOpenPeriod({
        assignmentId: a.assignmentId,
        key,
        index: a.index,
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
        startsOn: stockholmDate(startsAt),
        endsOn,
      });
      return { key, startsAt, endsAt };
    },

    /** When the agreement's period ends (the day after `period_end` begins, Stockholm time), or null. Read-only. */
    async planTenure(a: { assignmentId: string }): Promise<{ endsAt: number | null }> {
      const agreed = await assignments.agreedPeriod(a.assignmentId);
      if (!agreed?.periodEnd) return { endsAt: null };
      return { endsAt: stockholmMidnight(addDays(agreed.periodEnd, 1)) };
    },
  };
}
