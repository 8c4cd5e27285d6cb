import { ALREADY_IN_GROUP, ALREADY_NOMINATED, appointmentRefusal, directRecruitmentRefusal, nominationRefusal, roundTermsRefusal, wantedReached } from './recruitment.rules';
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

describe('direct recruitment keeps how a person represents (issue 16 #2)', () => {
  const org = '33333333-3333-4333-8333-333333333333';
  it('takes own experience without an organisation, and a mandate or both with one', () => {
    expect(directRecruitmentRefusal('own-experience', null)).toBeNull();
    expect(directRecruitmentRefusal('mandate', org)).toBeNull();
    expect(directRecruitmentRefusal('both', org)).toBeNull();
  });
  it('refuses a mandate without its organisation, and an organisation for own experience', () => {
    expect(directRecruitmentRefusal('mandate', null)).toMatch(/organisationen/);
    expect(directRecruitmentRefusal('both', null)).toMatch(/organisationen/);
    expect(directRecruitmentRefusal('own-experience', org)).toMatch(/egen erfarenhet/);
  });
});

describe('the coordinator\'s terms for a round (issue 16 #1)', () => {
  const now = Date.UTC(2026, 11, 4, 12);
  const D = 86_400_000;
  it('takes a whole number wanted 1–20 and a deadline after now, at most 120 days (and the day\'s end) ahead', () => {
    expect(roundTermsRefusal({}, now, 20, 120)).toBeNull();
    expect(roundTermsRefusal({ wanted: 1, deadline: new Date(now + D).toISOString(), messageId: '11111111-1111-4111-8111-111111111111' }, now, 20, 120)).toBeNull();
    expect(roundTermsRefusal({ wanted: 20, deadline: new Date(now + 121 * D).toISOString() }, now, 20, 120)).toBeNull();
    for (const wanted of [0, 21, 1.5, '2', null]) expect(roundTermsRefusal({ wanted }, now, 20, 120)).toMatch(/heltal från 1 till 20/);
    expect(roundTermsRefusal({ deadline: new Date(now - 1).toISOString() }, now, 20, 120)).toMatch(/efter i dag/);
    expect(roundTermsRefusal({ deadline: new Date(now + 122 * D).toISOString() }, now, 20, 120)).toMatch(/högst 120 dagar/);
    expect(roundTermsRefusal({ deadline: 'i morgon' }, now, 20, 120)).toMatch(/tidpunkt/);
    expect(roundTermsRefusal({ messageId: 'hej' }, now, 20, 120)).toMatch(/id/);
  });
  it('says in Swedish how many the request asks for when it is full', () => {
    expect(wantedReached(1)).toMatch(/^Förfrågan gäller en person, och organisationen har redan nominerat en\./);
    expect(wantedReached(3)).toMatch(/^Förfrågan gäller 3 personer, och organisationen har redan nominerat 3\./);
  });
});
