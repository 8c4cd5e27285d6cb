import type { AssignmentTerms, NominationRequestState, RecruitmentState } from '../workflows/recruitment.messages';
import type { Representation } from '../workflows/assignment.messages';
import { payerOfGroup } from '../src/assignments/agreement-document';
import type { ActivityDeps } from './deps';
import { appendAudit, stepKey } from './lifecycle-audit';

export interface RecruitmentStepArgs {
  groupId: string;
  workflowId: string;
  /** workflowInfo().firstExecutionRunId: part of the idempotency key. */
  chainId: string;
  transitionNo: number;
  action: string;
  /** A user id, or `system:<workflowId>`. */
  actor: string;
  /** The group's recruitment state after the step. */
  recruitmentState: RecruitmentState;
  details: Record<string, string | number | boolean | null | string[]>;
  /** Nomination requests sent in this step. */
  requestsOpened?: Array<{ id: string; organisationId: string; round: number; deadline: string; urgent: boolean }>;
  /** Nomination requests whose state changed in this step. */
  requestStates?: Array<{ id: string; state: NominationRequestState }>;
  nomination?: { id: string; state: 'proposed' | 'rejected'; decidedBy: string | null };
  /** The group fell below its minimum at this ISO time (string), is staffed again (null); absent: unchanged. */
  belowMinimumSince?: string | null;
}

export interface AppointArgs {
  groupId: string;
  workflowId: string;
  chainId: string;
  transitionNo: number;
  actor: string;
  recruitmentState: RecruitmentState;
  nominationId: string;
  assignmentId: string;
  personId: string;
  organisationId: string | null;
  representation: Representation;
  terms: AssignmentTerms;
}

const uuidOrNull = (v: string) => (/^[0-9a-f-]{36}$/i.test(v) ? v : null);

export function createRecruitmentActivities({ dataSource, logger }: ActivityDeps) {
  return {
    /** Who pays for the group's fees (src/paying-bodies rules), or null while it cannot be decided. Read-only. */
    async resolveGroupPayer(a: { groupId: string }): Promise<{ payerCode: string | null }> {
      return { payerCode: (await payerOfGroup(dataSource, a.groupId))?.payerCode ?? null };
    },

    /**
     * Records one step of a group's recruitment: an audit line (subject working_group), the group's
     * recruitment_state, and the nomination requests and nomination it touched, in one transaction.
     * Idempotent: the audit line's key (workflow ID + step number + action) makes a retry a no-op.
     */
    async recordRecruitmentStep(a: RecruitmentStepArgs): Promise<void> {
      await dataSource.transaction(async (em) => {
        const first = await appendAudit(em, {
          actor: a.actor,
          action: `recruitment.${a.action}`,
          subjectType: 'working_group',
          subjectId: a.groupId,
          key: stepKey(a.workflowId, a.chainId, a.transitionNo, a.action),
          details: { ...a.details, recruitmentState: a.recruitmentState },
        });
        if (!first) return;
        await em.query(`UPDATE working_group SET recruitment_state = $2, updated_at = now() WHERE id = $1`, [a.groupId, a.recruitmentState]);
        if (a.belowMinimumSince !== undefined) {
          await em.query(`UPDATE working_group SET below_minimum_since = $2 WHERE id = $1`, [a.groupId, a.belowMinimumSince]);
        }
        for (const r of a.requestsOpened ?? []) {
          await em.query(
            `INSERT INTO nomination_request (id, group_id, organisation_id, round, state, urgent, deadline)
             VALUES ($1, $2, $3, $4, 'sent', $5, $6) ON CONFLICT (id) DO NOTHING`,
            [r.id, a.groupId, r.organisationId, r.round, r.urgent, r.deadline],
          );
        }
        for (const r of a.requestStates ?? []) {
          await em.query(
            `UPDATE nomination_request SET state = $2, updated_at = now(),
               reminded_at = CASE WHEN $2 = 'reminded' THEN now() ELSE reminded_at END,
               answered_at = CASE WHEN $2 IN ('nominated', 'declined') AND answered_at IS NULL THEN now() ELSE answered_at END
             WHERE id = $1`,
            [r.id, r.state],
          );
        }
        if (a.nomination) {
          await em.query(
            `UPDATE nomination SET state = $2, updated_at = now(),
               decided_by = COALESCE($3, decided_by), decided_at = CASE WHEN $3 IS NULL THEN decided_at ELSE now() END
             WHERE id = $1`,
            [a.nomination.id, a.nomination.state, a.nomination.decidedBy],
          );
        }
      });
      logger.info({ groupId: a.groupId, action: a.action, state: a.recruitmentState }, 'recruitment step recorded');
    },

    /**
     * The coordinator appointed a nominee: creates the assignment (state `nominated`, the appointing coordinator
     * as contact person, the agreed terms), marks the nomination appointed and records the step. Idempotent
     * (audit key; the assignment ID comes from the workflow).
     */
    async appointNominee(a: AppointArgs): Promise<void> {
      await dataSource.transaction(async (em) => {
        const first = await appendAudit(em, {
          actor: a.actor,
          action: 'recruitment.nominee-appointed',
          subjectType: 'working_group',
          subjectId: a.groupId,
          key: stepKey(a.workflowId, a.chainId, a.transitionNo, 'nominee-appointed'),
          details: { nominationId: a.nominationId, assignmentId: a.assignmentId, organisationId: a.organisationId, recruitmentState: a.recruitmentState },
        });
        if (!first) return;
        const t = a.terms;
        await em.query(
          `INSERT INTO assignment (id, group_id, person_id, representation, nominating_organisation_id, state, period_start, period_end,
             fee_mode, reporting_frequency, employed_by_organisation, extra_preparation_days, estimated_meeting_hours, estimated_other_hours,
             contact_user_id)
           VALUES ($1, $2, $3, $4, $5, 'nominated', $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING`,
          [
            a.assignmentId,
            a.groupId,
            a.personId,
            a.representation,
            a.organisationId,
            t.periodStart,
            t.periodEnd,
            t.feeMode,
            t.reportingFrequency,
            t.employedByOrganisation,
            t.extraPreparationDays,
            t.estimatedMeetingHours,
            t.estimatedOtherHours,
            uuidOrNull(a.actor),
          ],
        );
        await em.query(
          `UPDATE nomination SET state = 'appointed', assignment_id = $2, decided_by = $3, decided_at = now(), updated_at = now() WHERE id = $1`,
          [a.nominationId, a.assignmentId, uuidOrNull(a.actor)],
        );
        await em.query(`UPDATE working_group SET recruitment_state = $2, updated_at = now() WHERE id = $1`, [a.groupId, a.recruitmentState]);
      });
      logger.info({ groupId: a.groupId, assignmentId: a.assignmentId }, 'nominee appointed');
    },
  };
}
