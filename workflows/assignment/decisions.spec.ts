import { REFUSAL } from '../refusals';
import { reviewed } from './declaration-renewal';
import { entryNotices, freshState, refuseDetails, refuseMandateWithdrawal, requireCurrentAgreement, requireState } from './onboarding';
import { attest, carriedPeriods, KEEP_PERIODS, submitReport } from './reporting-cycle';
import type { ReportingPeriodState } from '../assignment.messages';
import { defaultAssignmentPolicy } from '../assignment.messages';

const ORG = '7d0b8a8e-5b7c-4b0e-9a8a-2c1f0b7d9e11';
const AGREEMENT = '1c7a9e2b-5b7c-4b0e-9a8a-2c1f0b7d9e11';
const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return { type: (e as { type?: string }).type, message: (e as Error).message };
  }
  return null;
};
const period = (key: string, state: ReportingPeriodState['state'], dueAt: number | null = null): ReportingPeriodState => ({
  index: 1,
  key,
  startsAt: 0,
  endsAt: 1000,
  dueAt,
  state,
  secondReminderSent: false,
});

describe('onboarding decisions (onboarding.ts)', () => {
  it('refuses a step out of turn with the state in Swedish, and a wrong agreement', () => {
    const s = freshState(0);
    expect(refusal(() => requireState(s, 'nominated', 'acceptera uppdraget'))).toBeNull();
    s.state = 'signed';
    expect(refusal(() => requireState(s, 'nominated', 'acceptera uppdraget'))).toEqual({
      type: REFUSAL.wrongState,
      message: 'Det går inte att acceptera uppdraget nu: uppdraget är väntar på kontrasignering.',
    });
    s.agreementId = AGREEMENT;
    expect(refusal(() => requireCurrentAgreement(s, { agreementId: 'x' }))?.type).toBe(REFUSAL.invalidInput);
    expect(refusal(() => requireCurrentAgreement(s, { agreementId: ORG }))?.message).toBe('Överenskommelsen är inte den aktuella versionen för uppdraget.');
    expect(refusal(() => requireCurrentAgreement(s, { agreementId: AGREEMENT }))).toBeNull();
    s.state = 'ended';
    expect(refusal(() => refuseDetails(s))?.type).toBe(REFUSAL.wrongState);
  });

  it('lets only the organisation of a mandate withdraw it', () => {
    const s = freshState(0);
    expect(refusal(() => refuseMandateWithdrawal(s, { representation: 'mandate', organisationId: ORG }, { organisationId: ORG }))).toBeNull();
    expect(refusal(() => refuseMandateWithdrawal(s, { representation: 'own-experience', organisationId: ORG }, { organisationId: ORG }))?.type).toBe(REFUSAL.wrongState);
    expect(refusal(() => refuseMandateWithdrawal(s, { representation: 'mandate', organisationId: ORG }, {}))?.type).toBe(REFUSAL.invalidInput);
  });

  it('tells the right people of a new state, in order, and the recruitment of the ends', () => {
    const facts = { deadline: '2026-03-15T00:00:00.000Z', endReason: null, hasOrganisation: true, activated: false, finalReportDeadline: null };
    expect(entryNotices('declaration-approved', facts)).toEqual({
      mails: [
        { template: 'introduction-offered', to: 'person', params: {} },
        { template: 'introduction-pending', to: 'coordinators', params: { deadline: '2026-03-15T00:00:00.000Z' } },
      ],
      tellRecruitment: false,
    });
    expect(entryNotices('declined', facts)).toEqual({ mails: [{ template: 'assignment-declined', to: 'coordinators', params: { reason: 'declined' } }], tellRecruitment: true });
    // The organisation that withdrew the mandate is not told of it; finance only of someone it paid.
    const ended = entryNotices('ended', { ...facts, endReason: 'mandate-withdrawn', activated: true, finalReportDeadline: '2026-04-14T00:00:00.000Z' });
    expect(ended.mails.map((m) => `${m.template}→${m.to}`)).toEqual(['assignment-ended→person', 'assignment-ended-coordinator→coordinators', 'payee-ended→finance']);
    expect(ended.mails[0].params).toEqual({ reason: 'mandate-withdrawn', deadline: '2026-04-14T00:00:00.000Z' });
    expect(entryNotices('details-given', facts)).toEqual({ mails: [], tellRecruitment: false });
  });
});

describe('reporting and declaration decisions', () => {
  it('counts a report submitted in time for a period already recorded as missed, not a late one', () => {
    const s = freshState(0);
    const p = period('2026-03', 'missed', 5000);
    s.missedPeriods = ['2026-03'];
    expect(submitReport(s, p, new Date(6000).toISOString())).toEqual({ submitted: false, correctedFromMissed: false });
    expect(submitReport(s, p, new Date(5000).toISOString())).toEqual({ submitted: true, correctedFromMissed: true });
    expect(s.missedPeriods).toEqual([]);
    expect(submitReport(s, p, undefined)).toEqual({ submitted: false, correctedFromMissed: false }); // already submitted
  });

  it('attests once, and keeps the last 24 finalised periods through continue-as-new', () => {
    const s = freshState(0);
    const p = period('2026-03', 'submitted', 5000);
    s.missedPeriods = ['2026-03'];
    expect([attest(s, p), attest(s, p), s.attestedPeriods, s.missedPeriods]).toEqual([true, false, 1, []]);
    const many = Array.from({ length: 30 }, (_, i) => period(`p${i}`, 'attested'));
    const kept = carriedPeriods([...many, period('open', 'open')]);
    expect(kept.map((x) => x.key)).toEqual([...many.slice(-KEEP_PERIODS).map((x) => x.key), 'open']);
  });

  it('a review approves until the next renewal, or asks for changes by a deadline', () => {
    const d = freshState(0).declaration;
    const policy = { ...defaultAssignmentPolicy, declarationRenewEvery: '10 days', declarationRenewWithin: '2 days' } as const;
    expect(reviewed(d, ORG, 'approved', 1000, policy)).toEqual({ state: 'approved', declarationId: ORG, approvedAt: 1000, nextDueAt: 1000 + 10 * 86_400_000, renewDeadlineAt: null });
    expect(reviewed(d, ORG, 'needs-changes', 1000, policy)).toMatchObject({ state: 'needs-changes', renewDeadlineAt: 1000 + 2 * 86_400_000 });
  });
});
