/**
 * A login's invitation as the coordinator sees it (issue 16 #3): `not-sent` (no account or no invitation), `sent`
 * (a link that still works), `used` (the account is activated), `expired`, or `revoked` (replaced or withdrawn).
 */
export interface InvitationStatus {
  state: 'not-sent' | 'sent' | 'used' | 'expired' | 'revoked';
  sentAt: string | null;
  validUntil: string | null;
  usedAt: string | null;
}

/** The person's account and its latest invitation, as `UsersRepository.invitationOfPerson` reads them. */
export interface InvitationRow {
  active: boolean;
  created_at: Date | null;
  expires_at: Date | null;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

export function invitationStatusOf(row: InvitationRow | undefined, now = Date.now()): InvitationStatus {
  if (!row) return { state: 'not-sent', sentAt: null, validUntil: null, usedAt: null };
  const state: InvitationStatus['state'] = row.active
    ? 'used'
    : !row.created_at
      ? 'not-sent'
      : row.revoked_at
        ? 'revoked'
        : row.expires_at && row.expires_at.getTime() <= now
          ? 'expired'
          : 'sent';
  return { state, sentAt: row.created_at?.toISOString() ?? null, validUntil: row.expires_at?.toISOString() ?? null, usedAt: row.accepted_at?.toISOString() ?? null };
}
