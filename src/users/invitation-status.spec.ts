import { invitationStatusOf } from './invitation-status';

describe('an invitation as the coordinator sees it (issue 16 #3)', () => {
  const sent = new Date('2026-12-01T10:00:00Z');
  const until = new Date('2026-12-15T10:00:00Z');
  const row = { active: false, created_at: sent, expires_at: until, accepted_at: null, revoked_at: null };
  it('is not sent without an account or an invitation', () => {
    expect(invitationStatusOf(undefined).state).toBe('not-sent');
    expect(invitationStatusOf({ ...row, created_at: null, expires_at: null }).state).toBe('not-sent');
  });
  it('is sent, with when and until when, while the link works', () => {
    expect(invitationStatusOf(row, Date.parse('2026-12-10T00:00:00Z'))).toEqual({
      state: 'sent',
      sentAt: sent.toISOString(),
      validUntil: until.toISOString(),
      usedAt: null,
    });
  });
  it('is expired after its time, revoked when replaced, used once the account is activated', () => {
    expect(invitationStatusOf(row, Date.parse('2026-12-16T00:00:00Z')).state).toBe('expired');
    expect(invitationStatusOf({ ...row, revoked_at: sent }, Date.parse('2026-12-10T00:00:00Z')).state).toBe('revoked');
    const accepted = new Date('2026-12-02T08:00:00Z');
    expect(invitationStatusOf({ ...row, active: true, accepted_at: accepted })).toMatchObject({ state: 'used', usedAt: accepted.toISOString() });
  });
});
