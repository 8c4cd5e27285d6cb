import type { AssignmentTerms, NominationRequestState, RecruitmentState } from '../workflows/recruitment.messages';
import type { Representation } from '../workflows/assignment.messages';
import { payerCodeOrNull, payerOfGroup } from '../src/paying-bodies/payer-of-group';
import type { ActivityContext } from './deps';
import { stepKey } from '../src/audit/audit-line';
import { isUuid } from '../src/common/uuid';
import { Mailer } from '../src/mail/mailer';
import type { MailRequest } from '../workflows/notifications';

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
  requestsOpened?: Array<{ id: string; organisationId: string; round: number; deadline: string; urgent: boolean; wanted?: number; messageId?: string }>;
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

/** The declined nominee's mail of a step: to the nominated person, with the organisation that nominated them. */
function declinedMail(a: RecruitmentStepArgs, nominationId: string, nominee: { personId: string; organisationId: string | null }): MailRequest {
  return {
    key: `${a.workflowId}:${a.chainId}:${a.transitionNo}:nomination-declined`,
    template: 'nomination-declined',
    to: { kind: 'person', personId: nominee.personId },
    params: { groupId: a.groupId, nominationId, ...(nominee.organisationId ? { organisationId: nominee.organisationId } : {}) },
  };
}

export function createRecruitmentActivities({ dataSource, logger, config, repositories: { recruitment, assignments, audit } }: ActivityContext) {
  const mailer = new Mailer(dataSource, config, logger.child({ component: 'mail' }));
  return {
    /** Who pays for the group's fees (src/paying-bodies rules), or null while it cannot be decided. Read-only. */
    async resolveGroupPayer(a: { groupId: string }): Promise<{ payerCode: string | null }> {
      return { payerCode: payerCodeOrNull(await payerOfGroup(dataSource, a.groupId)) };
    },

    /**
     * Records one step of a group's recruitment: an audit line (subject working_group), the group's
     * recruitment_state, and the nomination requests and nomination it touched, in one transaction.
     * Idempotent: the audit line's key (workflow ID + step number + action) makes a retry a no-op.
     * A declined nominee's mail (issue 16 #1) is written in the same transaction as the decline, so it exists
     * exactly when the decision does; with SMTP it is delivered after the commit (a retry delivers it then).
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
        const nominee = a.nomination?.state === 'rejected' ? await recruitment.declinedNominee(a.nomination.id, em) : null;
        if (a.nomination && nominee) await mailer.stage(declinedMail(a, a.nomination.id, nominee), em);
      });
      const decided = a.nomination;
      if (decided?.state === 'rejected' && config.mail.transport === 'smtp') {
        // Delivered after the commit; a retry (also after a crash here) finds the staged row and delivers it.
        const nominee = await recruitment.transaction((em) => recruitment.declinedNominee(decided.id, em));
        if (nominee) await mailer.send(declinedMail(a, decided.id, nominee));
      }
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
