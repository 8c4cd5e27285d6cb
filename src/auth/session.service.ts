import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { AuthUser, Role } from './auth-user';
import { returning } from './sql';
import { hashToken, newToken } from './tokens';

/** A live session as the guard sees it. */
export interface ResolvedSession {
  sessionId: string;
  user: AuthUser;
  expiresAt: Date;
}

/** Extending a session on every request would write on every request; once a minute is enough. */
const SLIDE_EVERY_MS = 60_000;

/**
 * Opaque bearer-token sessions. Only the token's SHA-256 is stored. A session lives `sessionTtlMinutes` after
 * the last request (sliding) and ends at logout, when the account is disabled, or when its roles change.
 */
@Injectable()
export class SessionService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(userId: string): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
    const token = newToken('mvs');
    const sessionId = randomUUID();
    const rows: Array<{ expires_at: Date }> = await this.ds.query(
      `INSERT INTO auth_session (id, token_hash, user_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING expires_at`,
      [sessionId, hashToken(token), userId, this.config.auth.sessionTtlMinutes],
    );
    return { token, expiresAt: rows[0].expires_at, sessionId };
  }

  /** The session and user of a bearer token, or null when unknown, expired, revoked or the account disabled. */
  async resolve(token: string): Promise<ResolvedSession | null> {
    const rows: Array<{
      session_id: string;
      expires_at: Date;
      last_seen_at: Date;
      id: string;
      email: string;
      display_name: string;
      roles: Role[];
      person_id: string | null;
      organisation_id: string | null;
      payer_code: string | null;
    }> = await this.ds.query(
      `SELECT s.id AS session_id, s.expires_at, s.last_seen_at,
              u.id, u.email, u.display_name, u.roles, u.person_id, u.organisation_id, u.payer_code
         FROM auth_session s JOIN user_account u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [hashToken(token)],
    );
    const r = rows[0];
    if (!r) return null;
    let expiresAt = r.expires_at;
    if (Date.now() - r.last_seen_at.getTime() > SLIDE_EVERY_MS) {
      const [first] = await returning<{ expires_at: Date }>(
        this.ds,
        `UPDATE auth_session SET last_seen_at = now(), expires_at = now() + make_interval(mins => $2)
          WHERE id = $1 RETURNING expires_at`,
        [r.session_id, this.config.auth.sessionTtlMinutes],
      );
      if (first) expiresAt = first.expires_at;
    }
    return {
      sessionId: r.session_id,
      expiresAt,
      user: {
        id: r.id,
        email: r.email,
        displayName: r.display_name,
        roles: r.roles,
        personId: r.person_id,
        organisationId: r.organisation_id,
        payerCode: r.payer_code,
      },
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.ds.query(`UPDATE auth_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  /** Ends every session of an account (disabled, password set again, roles or scope changed). */
  async revokeAllOf(userId: string): Promise<void> {
    await this.ds.query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}
