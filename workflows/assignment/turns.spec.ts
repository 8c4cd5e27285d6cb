import { ASSIGNMENT_STATES } from '../assignment.messages';
import { whoseTurn } from './turns';

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
