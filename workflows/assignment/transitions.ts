import { ASSIGNMENT_STATES, type AssignmentState } from '../assignment.messages';
import { OVERDUE_DECISION_STATES } from './turns';

/**
 * The assignment's states and every transition between them: the one table the workflow moves by
 * (assignment.workflow.ts `moveTo` takes a transition's id and goes to its `to`; validators that allow a step in
 * given states ask `TRANSITIONS[id].from`), and the table docs/LIFECYCLE.md shows (`npm run docs:lifecycle`
 * rewrites it from here; test/lifecycle-doc.spec.ts fails when the doc and this table differ).
 *
 * A new state or transition is added here first; the compiler then refuses a `moveTo` of an id that is not a row.
 * Changing `from` or `to` of an existing row changes what running workflows do: that goes behind `patched()`
 * (versioning.ts) like any other change of workflow behaviour. Pure data, deterministic.
 */
export interface Transition {
  /** The audit action recorded with the step (`audit_log.action`). */
  action: string;
  /** The states it may be taken in; empty for the workflow's start. */
  from: readonly AssignmentState[];
  to: AssignmentState;
  /** What takes it: an Update or Signal of assignment.messages.ts, a deadline of the policy, or an activity. */
  by: string;
  /** Who takes it. */
  who: string;
  /** The section of "Rutin för patientmedverkan" (and of docs/DOMAIN's walk-through) it serves. */
  section: string;
}

/** States after which no step can be taken (onboarding.ts `FINAL`). */
export const FINAL_STATES = ['declined', 'ended'] as const satisfies readonly AssignmentState[];
const NOT_FINAL = ASSIGNMENT_STATES.filter((s) => !(FINAL_STATES as readonly AssignmentState[]).includes(s));

export const TRANSITIONS = {
  offered: {
    action: 'offered',
    from: [],
    to: 'nominated',
    by: 'start (the recruitment workflow\'s `appoint`)',
    who: 'coordinator',
    section: '§3.3 nomination, §4.2 recruitment',
  },
  accept: { action: 'accepted', from: ['nominated'], to: 'accepted', by: 'update `accept`', who: 'representative', section: '§4.2 recruitment' },
  decline: { action: 'declined', from: ['nominated'], to: 'declined', by: 'update `decline`', who: 'representative', section: '§4.2 recruitment' },
  'withdraw-offer': { action: 'declined', from: ['nominated'], to: 'declined', by: 'update `withdraw`', who: 'representative', section: '§4.2 recruitment' },
  'no-answer': {
    action: 'no-answer',
    from: ['nominated'],
    to: 'declined',
    by: 'deadline `answerWithin`',
    who: 'workflow',
    section: '§4.2 recruitment',
  },
  'details-given': {
    action: 'details-given',
    from: ['accepted'],
    to: 'details-given',
    by: 'update `detailsGiven`',
    who: 'representative',
    section: '§4.5.1 grounds for the fee',
  },
  'agreement-drafted': {
    action: 'agreement-drafted',
    from: ['details-given'],
    to: 'agreement-drafted',
    by: 'activity `draftAgreement`',
    who: 'workflow',
    section: '§4.3 agreement',
  },
  'agreement-signed': {
    action: 'agreement-signed',
    from: ['agreement-drafted'],
    to: 'signed',
    by: 'update `agreementSigned`',
    who: 'representative',
    section: '§4.3 agreement',
  },
  'agreement-countersigned': {
    action: 'agreement-countersigned',
    from: ['signed'],
    to: 'countersigned',
    by: 'update `agreementCountersigned`',
    who: 'coordinator',
    section: '§4.3 agreement',
  },
  'declaration-submitted': {
    action: 'declaration-submitted',
    from: ['countersigned', 'declaration-needs-changes'],
    to: 'declaration-submitted',
    by: 'update `declarationSubmitted`',
    who: 'representative',
    section: '§4.3 conflict-of-interest declaration',
  },
  'declaration-approved': {
    action: 'declaration-approved',
    from: ['declaration-submitted'],
    to: 'declaration-approved',
    by: 'update `declarationReviewed` (approved)',
    who: 'coordinator',
    section: '§4.3 conflict-of-interest declaration',
  },
  'declaration-needs-changes': {
    action: 'declaration-needs-changes',
    from: ['declaration-submitted'],
    to: 'declaration-needs-changes',
    by: 'update `declarationReviewed` (needs-changes)',
    who: 'coordinator',
    section: '§4.3 conflict-of-interest declaration',
  },
  'introduction-completed': {
    action: 'introduction-completed',
    from: ['declaration-approved'],
    to: 'active',
    by: 'update `introductionCompleted` (`kind`: digital or meeting, `heldOn`)',
    who: 'representative (the digital introduction) or coordinator (a meeting)',
    section: '§4.4 introduction',
  },
  withdrawn: {
    action: 'ended',
    from: NOT_FINAL.filter((s) => s !== 'nominated'),
    to: 'ended',
    by: 'update `withdraw`',
    who: 'representative',
    section: '§4.2 recruitment (re-recruitment below two)',
  },
  'mandate-withdrawn': {
    action: 'ended',
    from: NOT_FINAL,
    to: 'ended',
    by: 'update `mandateWithdrawn`',
    who: 'organisation',
    section: '§3.3 nomination (a mandate lasts while the organisation trusts the person)',
  },
  'group-ended': { action: 'ended', from: NOT_FINAL, to: 'ended', by: 'signal `groupEnded`', who: 'workflow', section: '§3.2 the group\'s commission' },
  'period-ended': {
    action: 'ended',
    from: ['active'],
    to: 'ended',
    by: 'deadline `tenure` (or the assignment\'s period end)',
    who: 'workflow',
    section: '§4.3 agreement (its period)',
  },
  'step-overdue': {
    action: 'ended',
    from: [...OVERDUE_DECISION_STATES],
    to: 'ended',
    by: 'update `endOverdueAssignment`, or deadline `stepWithin` after the overdue notice (policy `onOverdueStep: end`)',
    who: 'coordinator or workflow',
    section: '§4.2 recruitment (a place left empty is recruited again)',
  },
} as const satisfies Record<string, Transition>;

export type TransitionId = keyof typeof TRANSITIONS;

/** The ids in the table's order (the doc's order). */
export const TRANSITION_IDS = Object.keys(TRANSITIONS) as TransitionId[];

/** Whether transition `id` may be taken in `state`. */
export const allows = (id: TransitionId, state: AssignmentState): boolean => (TRANSITIONS[id].from as readonly AssignmentState[]).includes(state);
