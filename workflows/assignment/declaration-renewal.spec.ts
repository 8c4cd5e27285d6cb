import { defaultAssignmentPolicy, type AssignmentPolicy } from '../assignment.messages';
import { freshState } from './onboarding';
import { refuseReview, reviewed, submitted } from './declaration-renewal';

const DAY = 86_400_000;

describe('declaration renewal follows the payer (issue 16 #6)', () => {
  const pending = () => {
    const s = freshState(0);
    s.state = 'declaration-submitted';
    submitted(s.declaration, 'd1');
    return s;
  };

  it('the next renewal is due after the shorter of the policy and the payer\'s rule; without a rule, the policy', () => {
    const policy: AssignmentPolicy = { ...defaultAssignmentPolicy, declarationRenewEvery: '1095 days' };
    expect(reviewed(pending().declaration, 'd1', 'approved', 0, policy, '365 days').nextDueAt).toBe(365 * DAY);
    expect(reviewed(pending().declaration, 'd1', 'approved', 0, policy, '2000 days').nextDueAt).toBe(1095 * DAY);
    expect(reviewed(pending().declaration, 'd1', 'approved', 0, policy).nextDueAt).toBe(1095 * DAY);
  });

  it('the validator refuses a rule that is not a duration', () => {
    const s = pending();
    expect(() => refuseReview(s, { outcome: 'approved', declarationId: 'd1', renewEvery: 'ett år' })).toThrow(/Förnyelseintervallet/);
    expect(() => refuseReview(s, { outcome: 'approved', declarationId: 'd1', renewEvery: '0 days' })).toThrow(/Förnyelseintervallet/);
    expect(() => refuseReview(s, { outcome: 'approved', declarationId: 'd1', renewEvery: '365 days' })).not.toThrow();
  });
});
