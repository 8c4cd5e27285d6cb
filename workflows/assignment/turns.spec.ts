import { ASSIGNMENT_STATES } from '../assignment.messages';
import { overdueDecisionOpen, whoseTurn } from './turns';

describe('whose turn an assignment state is', () => {
  it('names the representative, the coordinators or nobody for every state', () => {
    expect(Object.fromEntries(ASSIGNMENT_STATES.map((s) => [s, whoseTurn(s)]))).toEqual({
      nominated: 'representative',
      accepted: 'representative',
      declined: null,
      'details-given': null, // the workflow drafts the agreement itself
      'agreement-drafted': 'representative',
      signed: 'coordinator',
      countersigned: 'representative',
      'declaration-submitted': 'coordinator',
      'declaration-needs-changes': 'representative',
      'declaration-approved': 'coordinator', // the group records the introduction
      active: null,
      ended: null,
    });
  });
});

describe('which overdue step waits for the coordinator\'s decision (issue 16 #9)', () => {
  it('every turn but the offer (it lapses), and only once the coordinator was told it is overdue', () => {
    const open = (state: (typeof ASSIGNMENT_STATES)[number], overdueNotified: boolean) => overdueDecisionOpen({ state, step: { overdueNotified } });
    expect(ASSIGNMENT_STATES.filter((s) => open(s, true))).toEqual([
      'accepted',
      'agreement-drafted',
      'signed',
      'countersigned',
      'declaration-submitted',
      'declaration-needs-changes',
      'declaration-approved',
    ]);
    expect(ASSIGNMENT_STATES.filter((s) => open(s, false))).toEqual([]);
  });
});
