import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/config';
import { type AuthUser, authUserOfRow } from './auth-user';
import { AuthRepository } from './auth.repository';
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
    @Inject(AuthRepository) private readonly repo: AuthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(userId: string): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
    const token = newToken('mvs');
    const sessionId = randomUUID();
    const expiresAt = await this.repo.insertSession({ id: sessionId, tokenHash: hashToken(token), userId, ttlMinutes: this.config.auth.sessionTtlMinutes });
    return { token, expiresAt, sessionId };
  }

  /** The session and user of a bearer token, or null when unknown, expired, revoked or the account disabled. */
  async resolve(token: string): Promise<ResolvedSession | null> {
    const r = await this.repo.liveSession(hashToken(token));
    if (!r) return null;
    let expiresAt = r.expires_at;
    if (Date.now() - r.last_seen_at.getTime() > SLIDE_EVERY_MS) {
      const slid = await this.repo.slideSession(r.session_id, this.config.auth.sessionTtlMinutes);
      if (slid) expiresAt = slid;
    }
    return {
      sessionId: r.session_id,
      expiresAt,
      user: authUserOfRow(r),
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.repo.revokeSession(sessionId);
  }

  /** Ends every session of an account (disabled, password set again, roles or scope changed). */
  async revokeAllOf(userId: string): Promise<void> {
    await this.repo.revokeSessionsOf(userId);
  }
}
