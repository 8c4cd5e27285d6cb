import type { AssignmentCarriedState, AssignmentInput, AssignmentStatus } from '../assignment.messages';
import { iso } from '../duration';
import { overdueDecisionOpen, whoseTurn } from './turns';

/** What the status query answers (the API and the web app read it): IDs, states and deadlines only. */
export function statusOf(input: AssignmentInput, s: AssignmentCarriedState): AssignmentStatus {
  return {
    assignmentId: input.assignmentId,
    groupId: input.groupId,
    organisationId: input.organisationId,
    representation: input.representation,
    state: s.state,
    endReason: s.endReason,
    waitingFor: whoseTurn(s.state),
    deadline: whoseTurn(s.state) ? iso(s.step.deadlineAt) : null,
    remindersSent: s.step.reminders,
    overdue: overdueDecisionOpen(s),
    agreementId: s.agreementId,
    declaration: {
      state: s.declaration.state,
      declarationId: s.declaration.declarationId,
      approvedAt: iso(s.declaration.approvedAt),
      nextDueAt: iso(s.declaration.nextDueAt),
    },
    reporting: {
      frequency: input.reportingFrequency,
      periods: s.periods.map((p) => ({ key: p.key, state: p.state, endsAt: iso(p.endsAt) as string, dueAt: iso(p.dueAt) })),
      missed: [...s.missedPeriods],
      attested: s.attestedPeriods,
    },
    activatedAt: iso(s.activatedAt),
    tenureEndsAt: iso(s.tenureEndsAt),
    transitions: s.transitionNo,
  };
}
