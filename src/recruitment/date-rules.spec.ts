import { ConflictError, InvalidInputError } from '../common/errors';
import { refuseEndedPeriod, refuseNewGroupEndedBefore, refuseRecruitingForEndedGroup, replyDeadline } from './date-rules';

describe('recruitment date rules (issue 13 #8)', () => {
  const today = '2026-12-03';

  it('refuses a new group whose end date has passed, with a Swedish message on the field', () => {
    expect(() => refuseNewGroupEndedBefore('2026-12-02', today)).toThrow(InvalidInputError);
    try {
      refuseNewGroupEndedBefore('2026-01-31', today);
    } catch (e) {
      expect((e as InvalidInputError).message).toBe('Gruppens slutdatum har redan passerat. Ange ett slutdatum som är i dag eller senare.');
      expect((e as InvalidInputError).fields?.endsOn?.[0]).toContain('2026-01-31');
    }
    expect(() => refuseNewGroupEndedBefore('2026-12-03', today)).not.toThrow();
    expect(() => refuseNewGroupEndedBefore(null, today)).not.toThrow();
  });

  it('refuses recruiting for a group whose end date has passed (409)', () => {
    expect(() => refuseRecruitingForEndedGroup('2025-12-31', today)).toThrow(ConflictError);
    expect(() => refuseRecruitingForEndedGroup('2025-12-31', today)).toThrow('Gruppens slutdatum (2025-12-31) har passerat: det går inte att rekrytera till gruppen.');
    expect(() => refuseRecruitingForEndedGroup('2027-01-01', today)).not.toThrow();
    expect(() => refuseRecruitingForEndedGroup(undefined, today)).not.toThrow();
  });

  it('refuses an appointment whose period has already ended', () => {
    expect(() => refuseEndedPeriod('2026-11-30', today)).toThrow(InvalidInputError);
    expect(() => refuseEndedPeriod('2026-12-03', today)).not.toThrow();
    expect(() => refuseEndedPeriod(undefined, today)).not.toThrow();
  });
});

describe('the reply deadline a coordinator chooses (issue 16 #1)', () => {
  it('is the end of the chosen day in Stockholm, after today and at most the given days ahead', () => {
    expect(new Date(replyDeadline('2026-12-25', '2026-12-04', 120)).toISOString()).toBe('2026-12-25T22:59:00.000Z'); // winter: UTC+1
    expect(new Date(replyDeadline('2027-06-15', '2027-03-01', 120)).toISOString()).toBe('2027-06-15T21:59:00.000Z'); // summer: UTC+2
    expect(() => replyDeadline('2026-12-04', '2026-12-04', 120)).toThrow(InvalidInputError);
    expect(() => replyDeadline('2027-04-04', '2026-12-04', 120)).toThrow(/högst 120 dagar/);
    expect(() => replyDeadline('2027-04-03', '2026-12-04', 120)).not.toThrow();
  });
});
