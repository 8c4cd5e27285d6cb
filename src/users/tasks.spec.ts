import { ASSIGNMENT_STATES } from '../../workflows/assignment.messages';
import { whoseTurn } from '../../workflows/assignment/turns';
import { assignmentStep } from './tasks';

describe('assignment tasks follow the workflow on whose turn it is', () => {
  it('lists a step for exactly the states that are the user’s turn in the workflow', () => {
    for (const state of ASSIGNMENT_STATES) {
      expect([state, assignmentStep('representative', state) !== undefined]).toEqual([state, whoseTurn(state) === 'representative']);
      expect([state, assignmentStep('coordinator', state) !== undefined]).toEqual([state, whoseTurn(state) === 'coordinator']);
    }
  });

  it('gives the introduction to the coordinators and the drafting of the agreement to no one', () => {
    // Before: the representative was also told to "go through the introduction" and the coordinators to "draft the
    // agreement" (the workflow drafts it itself) whenever the workflow's status query did not answer in time.
    expect(assignmentStep('representative', 'declaration-approved')).toBeUndefined();
    expect(assignmentStep('coordinator', 'declaration-approved')).toEqual({ kind: 'assignment.record-introduction', title: 'Registrera genomförd introduktion' });
    expect(assignmentStep('coordinator', 'details-given')).toBeUndefined();
    expect(assignmentStep('representative', 'details-given')).toBeUndefined();
    expect(assignmentStep('representative', 'agreement-drafted')).toEqual({ kind: 'assignment.sign-agreement', title: 'Signera överenskommelsen' });
  });
});
