import { ALREADY_IN_GROUP, ALREADY_NOMINATED, appointmentRefusal, nominationRefusal } from './recruitment.rules';
import type { RecruitmentCarriedState } from './recruitment.messages';

type Slice = Pick<RecruitmentCarriedState, 'nominations' | 'assignments'>;

const anna = '11111111-1111-4111-8111-111111111111';
const bertil = '22222222-2222-4222-8222-222222222222';
const pending = (personId: string): Slice['nominations'][number] => ({
  id: `n-${personId}`,
  requestId: null,
  organisationId: null,
  personId,
  representation: 'own-experience',
});

describe('one person, one place per group (issue 13 #1)', () => {
  it('refuses a second nomination of a person whose nomination awaits a decision', () => {
    const s: Slice = { nominations: [pending(anna)], assignments: [] };
    expect(nominationRefusal(s, anna)).toBe(ALREADY_NOMINATED);
    expect(nominationRefusal(s, bertil)).toBeNull();
  });

  it('refuses nominating or appointing a person who has a live assignment in the group', () => {
    const s: Slice = { nominations: [pending(bertil)], assignments: [{ assignmentId: 'a1', state: 'onboarding', personId: bertil }] };
    expect(nominationRefusal({ ...s, nominations: [] }, bertil)).toBe(ALREADY_IN_GROUP);
    expect(appointmentRefusal(s, bertil)).toBe(ALREADY_IN_GROUP);
    expect(appointmentRefusal(s, anna)).toBeNull();
  });

  it('does not match assignments carried from before personId was recorded (the database covers them)', () => {
    const s: Slice = { nominations: [], assignments: [{ assignmentId: 'a1', state: 'active' }] };
    expect(nominationRefusal(s, anna)).toBeNull();
    expect(appointmentRefusal(s, anna)).toBeNull();
  });
});
