import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { AgreementTermsData } from '../src/assignments/agreement-draft.entity';
import { renderAgreementPdf, payerOfGroup } from '../src/assignments/agreement-document';
import { addDays, calendarPeriod, stockholmDate, stockholmMidnight } from '../src/lifecycle/stockholm-time';
import type { AssignmentState, PeriodState, ReportingFrequency } from '../workflows/assignment.messages';
import type { ActivityDeps } from './deps';
import { appendAudit, stepKey } from './lifecycle-audit';

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

export function createAssignmentActivities({ dataSource, logger }: ActivityDeps) {
  /** Stores the draft's terms once per key; returns the stored draft. */
  async function storeDraft(
    a: { assignmentId: string },
    key: string,
  ): Promise<{ agreementId: string; version: number; documentId: string | null }> {
    const existing: Array<{ id: string; version: number; document_id: string | null }> = await dataSource.query(
      `SELECT id, version, document_id FROM agreement_draft WHERE idempotency_key = $1`,
      [key],
    );
    if (existing[0]) return { agreementId: existing[0].id, version: existing[0].version, documentId: existing[0].document_id };
    const [row] = (await dataSource.query(
      `SELECT a.id, a.representation, a.nominating_organisation_id, to_char(a.period_start, 'YYYY-MM-DD') AS period_start,
              to_char(a.period_end, 'YYYY-MM-DD') AS period_end, a.fee_mode, a.reporting_frequency,
              a.employed_by_organisation, a.extra_preparation_days, a.estimated_meeting_hours, a.estimated_other_hours,
              a.contact_user_id, g.id AS group_id, g.name AS group_name, g.kind AS group_kind, g.commission,
              p.name AS parent_name, o.name AS organisation_name, u.display_name AS contact_name, u.email AS contact_email
       FROM assignment a
       JOIN working_group g ON g.id = a.group_id
       LEFT JOIN working_group p ON p.id = g.parent_group_id
       LEFT JOIN organisation o ON o.id = a.nominating_organisation_id
       LEFT JOIN user_account u ON u.id = a.contact_user_id
       WHERE a.id = $1`,
      [a.assignmentId],
    )) as Array<Record<string, unknown>>;
    if (!row) throw ApplicationFailure.nonRetryable(`assignment ${a.assignmentId} not found`, 'NotFound');
    const payer = await payerOfGroup(dataSource, String(row.group_id));

    const terms: AgreementTermsData = {
      caseReference: a.assignmentId,
      group: {
        id: String(row.group_id),
        name: String(row.group_name),
        kind: String(row.group_kind),
        parentName: (row.parent_name as string | null) ?? null,
        commission: String(row.commission),
      },
      representation: {
        basis: String(row.representation),
        nominatingOrganisationId: (row.nominating_organisation_id as string | null) ?? null,
        nominatingOrganisation: (row.organisation_name as string | null) ?? null,
      },
      assignment:
        `Att som patient- eller närståendeföreträdare medverka i ${String(row.group_name)} enligt gruppens uppdragsbeskrivning, ` +
        'som en fullvärdig medlem, och bidra med patienters och närståendes erfarenheter och kunskap.',
      timeEstimate: {
        meetingHoursPerYear: (row.estimated_meeting_hours as number | null) ?? null,
        outsideMeetingHoursPerYear: (row.estimated_other_hours as number | null) ?? null,
      },
      fees: {
        mode: row.fee_mode as 'session' | 'hourly',
        basis: FEE_BASIS,
        extraPreparationDays: Number(row.extra_preparation_days ?? 0),
        employedByOrganisation: Boolean(row.employed_by_organisation),
        payoutFrequency: row.reporting_frequency as 'monthly' | 'quarterly',
        payerCode: payer?.payerCode ?? null,
      },
      informationResponsibility: INFORMATION_RESPONSIBILITY,
      declaration: 'Företrädaren lämnar en jävsdeklaration innan uppdraget börjar och förnyar den när förhållandena ändras.',
      period: { from: (row.period_start as string | null) ?? null, to: (row.period_end as string | null) ?? null },
      contactPerson: {
        userId: (row.contact_user_id as string | null) ?? null,
        name: (row.contact_name as string | null) ?? null,
        email: (row.contact_email as string | null) ?? null,
      },
    };
    const id = randomUUID();
    const inserted: Array<{ id: string; version: number; document_id: string | null }> = await dataSource.query(
      `INSERT INTO agreement_draft (id, assignment_id, version, idempotency_key, terms)
       VALUES ($1, $2, (SELECT COALESCE(max(version), 0) + 1 FROM agreement_draft WHERE assignment_id = $2), $3, $4)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, version, document_id`,
      [id, a.assignmentId, key, JSON.stringify(terms)],
    );
    const result = inserted[0] ?? (await dataSource.query(`SELECT id, version, document_id FROM agreement_draft WHERE idempotency_key = $1`, [key]))[0];
    logger.info({ assignmentId: a.assignmentId, agreementId: result.id, version: result.version }, 'agreement drafted');
    return { agreementId: result.id, version: result.version, documentId: result.document_id ?? null };
  }

  return {
    /**
     * Records one step of an assignment: an audit line (subject assignment) and the read model (assignment.state,
     * end_reason; the agreement, declaration or reporting period the step touched), in one transaction.
     * Idempotent: the audit key (workflow ID + step number + action) makes a retry a no-op.
     */
    async recordAssignmentStep(a: AssignmentStepArgs): Promise<void> {
      await dataSource.transaction(async (em) => {
        const first = await appendAudit(em, {
          actor: a.actor,
          action: `assignment.${a.action}`,
          subjectType: 'assignment',
          subjectId: a.assignmentId,
          key: stepKey(a.workflowId, a.chainId, a.transitionNo, a.action),
          details: { ...(a.details ?? {}), state: a.state, ...(a.endReason ? { endReason: a.endReason } : {}) },
        });
        if (!first) return;
        await em.query(
          `UPDATE assignment SET state = $2, end_reason = COALESCE($3, end_reason), updated_at = now() WHERE id = $1`,
          [a.assignmentId, a.state, a.endReason ?? null],
        );
        const actorUuid = /^[0-9a-f-]{36}$/i.test(a.actor) ? a.actor : null;
        if (a.agreement?.state === 'signed') {
          await em.query(`UPDATE agreement_draft SET state = 'signed', signed_by = $2, signed_at = now() WHERE id = $1`, [a.agreement.id, actorUuid]);
        } else if (a.agreement?.state === 'countersigned') {
          await em.query(`UPDATE agreement_draft SET state = 'countersigned', countersigned_by = $2, countersigned_at = now() WHERE id = $1`, [
            a.agreement.id,
            actorUuid,
          ]);
        }
        if (a.declaration?.state === 'submitted') {
          await em.query(`UPDATE declaration SET state = 'submitted' WHERE id = $1`, [a.declaration.id]);
        } else if (a.declaration) {
          await em.query(`UPDATE declaration SET state = $2, reviewed_by = $3, reviewed_at = now() WHERE id = $1`, [
            a.declaration.id,
            a.declaration.state,
            actorUuid,
          ]);
        }
        if (a.period) {
          await em.query(
            `UPDATE assignment_reporting_period SET state = $3, due_at = COALESCE($4::timestamptz, due_at),
               ends_at = GREATEST(starts_at + interval '1 millisecond', COALESCE($5::timestamptz, ends_at)),
               ends_on = GREATEST(starts_on, COALESCE((($5::timestamptz - interval '1 millisecond') AT TIME ZONE 'Europe/Stockholm')::date, ends_on)),
               updated_at = now()
             WHERE assignment_id = $1 AND period_key = $2`,
            [a.assignmentId, a.period.key, a.period.state, a.period.dueAt ?? null, a.period.endsAt ?? null],
          );
        }
      });
      logger.info({ assignmentId: a.assignmentId, action: a.action, state: a.state }, 'assignment step recorded');
    },

    /**
     * Drafts the agreement (överenskommelse, §4.3 and §4.5.1) from the group's commission and the assignment's
     * terms: assignment, time estimate, fee terms, information responsibility, the declaration of interests,
     * period and contact person. Stores the draft in `agreement_draft` (a new version each call with a new key)
     * and returns its ID. Idempotent by key.
     *
     * FOR THE DOCUMENTS MODULE: the PDF is not rendered here. Wire rendering in this activity (or one after it)
     * from `agreement_draft.terms` with templates/agreement.sv.ts once src/documents offers it, and set
     * `document_id`; the workflow only needs the returned agreement ID.
     */
    async draftAgreement(a: {
      assignmentId: string;
      workflowId: string;
      chainId: string;
      transitionNo: number;
    }): Promise<{ agreementId: string; version: number; documentId: string | null; pdfProblem: string | null }> {
      const key = stepKey(a.workflowId, a.chainId, a.transitionNo, 'draft-agreement');
      const draft = await storeDraft(a, key);
      if (draft.documentId) return { ...draft, pdfProblem: null };
      const terms: AgreementTermsData = (await dataSource.query(`SELECT terms FROM agreement_draft WHERE id = $1`, [draft.agreementId]))[0].terms;
      const pdf = await renderAgreementPdf(
        dataSource,
        { assignmentId: a.assignmentId, terms },
        { actor: `system:${a.workflowId}`, key: `${key}:pdf`, now: new Date() },
      );
      if (pdf.documentId) {
        await dataSource.query(`UPDATE agreement_draft SET document_id = $2 WHERE id = $1`, [draft.agreementId, pdf.documentId]);
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
        const [row] = (await dataSource.query(`SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start FROM assignment WHERE id = $1`, [
          a.assignmentId,
        ])) as Array<{ period_start: string | null }>;
        if (row?.period_start) startsAt = Math.min(startsAt, stockholmMidnight(row.period_start));
      }
      await dataSource.query(
        `INSERT INTO assignment_reporting_period (assignment_id, period_key, period_index, starts_at, ends_at, starts_on, ends_on, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open') ON CONFLICT (assignment_id, period_key) DO NOTHING`,
        [a.assignmentId, key, a.index, new Date(startsAt), new Date(endsAt), stockholmDate(startsAt), endsOn],
      );
      return { key, startsAt, endsAt };
    },

    /** When the agreement's period ends (the day after `period_end` begins, Stockholm time), or null. Read-only. */
    async planTenure(a: { assignmentId: string }): Promise<{ endsAt: number | null }> {
      const [row] = (await dataSource.query(`SELECT to_char(period_end, 'YYYY-MM-DD') AS period_end FROM assignment WHERE id = $1`, [
        a.assignmentId,
      ])) as Array<{ period_end: string | null }>;
      if (!row?.period_end) return { endsAt: null };
      return { endsAt: stockholmMidnight(addDays(row.period_end, 1)) };
    },
  };
}
