import type { AssignmentState } from '../assignment.messages';

/**
 * Whose turn each assignment state is: the one definition, used by the workflow (deadlines, reminders, the status
 * query's `waitingFor`) and by the API's task list (src/users/tasks.ts). Deterministic and import-free (a type
 * only), so both sides can use it. States not listed are nobody's: `details-given` waits for the workflow itself
 * (it drafts the agreement), `active`, `declined` and `ended` wait for no one.
 */
export type Turn = 'representative' | 'coordinator';

export const REPRESENTATIVE_TURN = ['nominated', 'accepted', 'agreement-drafted', 'countersigned', 'declaration-needs-changes'] as const satisfies readonly AssignmentState[];
/** `declaration-approved`: the group records the introduction (the representative is offered it, by mail). */
export const COORDINATOR_TURN = ['signed', 'declaration-submitted', 'declaration-approved'] as const satisfies readonly AssignmentState[];

export type RepresentativeTurnState = (typeof REPRESENTATIVE_TURN)[number];
export type CoordinatorTurnState = (typeof COORDINATOR_TURN)[number];

export function whoseTurn(state: AssignmentState): Turn | null {
  if ((REPRESENTATIVE_TURN as readonly AssignmentState[]).includes(state)) return 'representative';
  if ((COORDINATOR_TURN as readonly AssignmentState[]).includes(state)) return 'coordinator';
  return null;
}

/**
 * Issue 16 #9: a human step that stayed undone after its reminders and the coordinator's notice waits for the
 * coordinator's decision (extend the deadline or end the assignment) — every turn but the offer, which lapses
 * instead. The one definition: the workflow's validators of the decision, its status query's `overdue` and the
 * coordinator's task in `GET /me/tasks` (src/users/tasks.ts) all read it.
 */
export const OVERDUE_DECISION_STATES = [...REPRESENTATIVE_TURN.filter((s) => s !== 'nominated'), ...COORDINATOR_TURN] as const satisfies readonly AssignmentState[];

export function overdueDecisionOpen(s: { state: AssignmentState; step: { overdueNotified: boolean } }): boolean {
  return (OVERDUE_DECISION_STATES as readonly AssignmentState[]).includes(s.state) && s.step.overdueNotified;
}
