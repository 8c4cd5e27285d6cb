import { defaultRecruitmentPolicy, type RecruitmentPolicy } from '../recruitment.messages';
import { REFUSAL } from '../refusals';
import { closeRound, deadlines, extendRound, freshState, openRound, remindRound, requestFull, reviewDue, staffingState, takePlace, validateTerms } from './staffing';

const D = 86_400_000;
const policy: RecruitmentPolicy = { ...defaultRecruitmentPolicy, nominationWithin: '21 days', nominationReminderBefore: '7 days', urgentNominationWithin: '7 days', urgentNominationReminderBefore: '2 days', reviewEvery: '365 days' };
let n = 0;
const newId = () => `req-${++n}`;
const now = Date.UTC(2026, 2, 1);

describe('staffing decisions of the recruitment workflow (staffing.ts)', () => {
  beforeEach(() => (n = 0));

  it('opens a round with a deadline and a reminder before it, urgent rounds sooner, and asks each organisation once', () => {
    const r = freshState(now, 365 * D, 'SKR');
    openRound(r, ['o1', 'o2'], false, now, policy, newId);
    expect(r).toMatchObject({ round: 1, roundOpen: true, roundDeadlineAt: now + 21 * D, roundReminderAt: now + 14 * D, lastOrganisationIds: ['o1', 'o2'] });
    expect(r.requests).toEqual([
      { id: 'req-1', organisationId: 'o1', state: 'sent' },
      { id: 'req-2', organisationId: 'o2', state: 'sent' },
    ]);
    expect(deadlines(r)).toEqual([now + 365 * D, now + 14 * D, now + 21 * D]);
    expect(extendRound(r, ['o2', 'o3'], newId)).toEqual([{ id: 'req-3', organisationId: 'o3', state: 'sent' }]);
    expect(r.lastOrganisationIds).toEqual(['o1', 'o2', 'o3']);
    openRound(r, [], true, now, policy, newId); // direct recruitment: no requests, nothing open
    expect(r).toMatchObject({ round: 2, roundOpen: false, roundUrgent: true, roundDeadlineAt: now + 7 * D, lastOrganisationIds: ['o1', 'o2', 'o3'] });
  });

  it('opens a round with the coordinator\'s terms: each request asks for `wanted`, the round waits until the chosen deadline (issue 16 #1)', () => {
    const r = freshState(now, 365 * D, 'SKR');
    openRound(r, ['o1'], false, now, policy, newId, { wanted: 2, deadlineAt: now + 30 * D });
    expect(r).toMatchObject({ roundDeadlineAt: now + 30 * D, roundReminderAt: now + 23 * D });
    expect(r.requests).toEqual([{ id: 'req-1', organisationId: 'o1', state: 'sent', wanted: 2, taken: 0 }]);
    expect(deadlines(r)).toContain(now + 30 * D);
    expect(closeRound(r, now + 21 * D)).toBeNull(); // not the policy's 21 days
    const [req] = r.requests;
    takePlace(req, 1);
    expect(requestFull(req)).toBe(false);
    takePlace(req, 1);
    expect(requestFull(req)).toBe(true);
    takePlace(req, -1); // a declined nominee frees the place
    expect(requestFull(req)).toBe(false);
    expect(extendRound(r, ['o2'], newId, 3)).toEqual([{ id: 'req-2', organisationId: 'o2', state: 'sent', wanted: 3, taken: 0 }]);
    expect(closeRound(r, now + 30 * D)).not.toBeNull();
    // A deadline sooner than the reminder's lead time: no reminder in the past.
    openRound(r, ['o1'], false, now, policy, newId, { deadlineAt: now + 3 * D });
    expect(r.roundReminderAt).toBeNull();
    // Requests from before (no `wanted`) have no limit.
    const old = { id: 'x', organisationId: 'o', state: 'sent' as const };
    takePlace(old, 1);
    expect(old).toEqual({ id: 'x', organisationId: 'o', state: 'sent' });
    expect(requestFull(old)).toBe(false);
  });

  it('reminds the unanswered at the reminder time, closes the round at its deadline, counting the answers', () => {
    const r = freshState(now, 365 * D, 'SKR');
    openRound(r, ['o1', 'o2', 'o3'], false, now, policy, newId);
    r.requests[0].state = 'nominated';
    r.requests[1].state = 'declined';
    expect(remindRound(r, now + 14 * D - 1)).toBeNull();
    expect(remindRound(r, now + 14 * D)).toEqual([{ id: 'req-3', organisationId: 'o3', state: 'reminded' }]);
    expect(remindRound(r, now + 15 * D)).toBeNull(); // once
    expect(deadlines(r)).toEqual([now + 365 * D, now + 21 * D]);
    expect(closeRound(r, now + 21 * D - 1)).toBeNull();
    expect(closeRound(r, now + 21 * D)).toEqual({
      unanswered: [{ id: 'req-3', organisationId: 'o3', state: 'no-answer' }],
      counts: { nominated: 1, declined: 1, noAnswer: 1, pending: 0 },
    });
    expect(r.roundOpen).toBe(false);
    expect(deadlines(r)).toEqual([now + 365 * D]);
  });

  it('is staffed at its minimum of active representatives, recruiting while anything is under way', () => {
    const r = freshState(now, 365 * D, null);
    expect(staffingState(r, 2)).toBe('open');
    r.assignments = [{ assignmentId: 'a1', state: 'active' }, { assignmentId: 'a2', state: 'onboarding' }];
    expect(staffingState(r, 2)).toBe('recruiting');
    r.assignments[1].state = 'active';
    expect(staffingState(r, 2)).toBe('staffed');
    r.state = 'ended';
    expect(staffingState(r, 2)).toBe('ended');
  });

  it('counts the yearly review once it is due and plans the next', () => {
    const r = freshState(now, 365 * D, null);
    expect(reviewDue(r, now + 365 * D - 1, policy)).toBe(false);
    expect(reviewDue(r, now + 365 * D, policy)).toBe(true);
    expect(r).toMatchObject({ reviewsDone: 1, nextReviewAt: now + 730 * D });
  });

  it('refuses terms that are not an assignment’s as InvalidInput, in Swedish', () => {
    const terms = {
      periodStart: '2099-01-01',
      periodEnd: null,
      reportingFrequency: 'monthly',
      feeMode: 'session',
      estimatedMeetingHours: 10,
      estimatedOtherHours: null,
      extraPreparationDays: 0,
      employedByOrganisation: false,
    } as const;
    expect(() => validateTerms(terms)).not.toThrow();
    const refused = (t: unknown) => {
      try {
        validateTerms(t as never);
      } catch (e) {
        return [(e as { type?: string }).type, (e as Error).message];
      }
      return null;
    };
    expect(refused({ ...terms, periodEnd: '2098-12-31' })).toEqual([REFUSAL.invalidInput, 'Uppdragets slutdatum ligger före startdatumet.']);
    expect(refused({ ...terms, periodStart: '2000-01-01', periodEnd: '2000-12-31' })?.[1]).toMatch(/redan tagit slut/);
    expect(refused({ ...terms, extraPreparationDays: 51 })?.[1]).toBe('Extra förberedelsedagar anges som ett heltal (0–50).');
  });
});
