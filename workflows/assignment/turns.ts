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
