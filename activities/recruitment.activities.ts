import type { AssignmentTerms, NominationRequestState, RecruitmentState } from '../workflows/recruitment.messages';
import type { Representation } from '../workflows/assignment.messages';
import { payerCodeOrNull, payerOfGroup } from '../src/paying-bodies/payer-of-group';
import type { ActivityContext } from './deps';
import { stepKey } from '../src/audit/audit-line';
import { isUuid } from '../src/common/uuid';

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

const uuidOrNull = (v: string) => (isUuid(v) ? v : null);

export function createRecruitmentActivities({ dataSource, logger, repositories: { recruitment, assignments, audit } }: ActivityContext) {
  return {
    /** Who pays for the group's fees (src/paying-bodies rules), or null while it cannot be decided. Read-only. */
    async resolveGroupPayer(a: { groupId: string }): Promise<{ payerCode: string | null }> {
      return { payerCode: payerCodeOrNull(await payerOfGroup(dataSource, a.groupId)) };
    },

    /**
     * Records one step of a group's recruitment: an audit line (subject working_group), the group's
     * recruitment_state, and the nomination requests and nomination it touched, in one transaction.
     * Idempotent: the audit line's key (workflow ID + step number + action) makes a retry a no-op.
     */
    async recordRecruitmentStep(a: RecruitmentStepArgs): Promise<void> {
      await recruitment.transaction(async (em) => {
        const first = await audit.append(
          {
            actor: a.actor,
            action: `recruitment.${a.action}`,
            subjectType: 'working_group',
            subjectId: a.groupId,
            idempotencyKey: stepKey(a.workflowId, a.chainId, a.transitionNo, a.action),
            details: { ...a.details, recruitmentState: a.recruitmentState },
          },
          em,
        );
        if (!first) return;
        await recruitment.setRecruitmentState(a.groupId, a.recruitmentState, em);
        if (a.belowMinimumSince !== undefined) await recruitment.setBelowMinimumSince(a.groupId, a.belowMinimumSince, em);
        for (const r of a.requestsOpened ?? []) await recruitment.insertSentRequest(a.groupId, r, em);
        for (const r of a.requestStates ?? []) await recruitment.setRequestState(r.id, r.state, em);
        if (a.nomination) await recruitment.decideNomination(a.nomination.id, a.nomination.state, a.nomination.decidedBy, em);
      });
      logger.info({ groupId: a.groupId, action: a.action, state: a.recruitmentState }, 'recruitment step recorded');
    },

    /**
     * The coordinator appointed a nominee: creates the assignment (state `nominated`, the appointing coordinator
     * as contact person, the agreed terms), marks the nomination appointed and records the step. Idempotent
     * (audit key; the assignment ID comes from the workflow).
     */
    async appointNominee(a: AppointArgs): Promise<void> {
      await recruitment.transaction(async (em) => {
        const first = await audit.append(
          {
            actor: a.actor,
            action: 'recruitment.nominee-appointed',
            subjectType: 'working_group',
            subjectId: a.groupId,
            idempotencyKey: stepKey(a.workflowId, a.chainId, a.transitionNo, 'nominee-appointed'),
            details: { nominationId: a.nominationId, assignmentId: a.assignmentId, organisationId: a.organisationId, recruitmentState: a.recruitmentState },
          },
          em,
        );
        if (!first) return;
        await assignments.insertNominated(
          {
            id: a.assignmentId,
            groupId: a.groupId,
            personId: a.personId,
            representation: a.representation,
            organisationId: a.organisationId,
            terms: a.terms,
            contactUserId: uuidOrNull(a.actor),
          },
          em,
        );
        await recruitment.markAppointed(a.nominationId, a.assignmentId, uuidOrNull(a.actor), em);
        await recruitment.setRecruitmentState(a.groupId, a.recruitmentState, em);
      });
      logger.info({ groupId: a.groupId, assignmentId: a.assignmentId }, 'nominee appointed');
    },
  };
}
