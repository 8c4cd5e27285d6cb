import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UserAccount } from '../users/user-account.entity';
import type { AuthUserRow } from './auth-user';

/**
 * Runs a statement with RETURNING and gives its rows. (TypeORM's `query` answers `[rows, count]` for UPDATE and
 * DELETE but just `rows` for SELECT and INSERT.)
 */
export async function returning<T>(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const raw: unknown = await db.query(sql, params);
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') return raw[0] as T[];
  return raw as T[];
}

/** A live session's row joined with its account, as the guard reads it. */
export interface SessionRow extends AuthUserRow {
  session_id: string;
  expires_at: Date;
  last_seen_at: Date;
}

/** Logging in: sessions (auth_session, only token hashes) and the account's password, failed logins and lock. */
@Injectable()
export class AuthRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Stores a session that expires `ttlMinutes` from now; answers when. */
  async insertSession(s: { id: string; tokenHash: string; userId: string; ttlMinutes: number }): Promise<Date> {
    const rows: Array<{ expires_at: Date }> = await this.ds.query(
      `INSERT INTO auth_session (id, token_hash, user_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING expires_at`,
      [s.id, s.tokenHash, s.userId, s.ttlMinutes],
    );
    return rows[0].expires_at;
  }

  /** The session with this token hash, when it is not revoked or expired and its account is not disabled. */
  async liveSession(tokenHash: string): Promise<SessionRow | undefined> {
    const rows: SessionRow[] = await this.ds.query(
      `SELECT s.id AS session_id, s.expires_at, s.last_seen_at,
              u.id, u.email, u.display_name, u.roles, u.person_id, u.organisation_id, u.payer_code
         FROM auth_session s JOIN user_account u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [tokenHash],
    );
    return rows[0];
  }

  /** Marks the session seen now and expiring `ttlMinutes` from now; answers the new expiry (undefined: no such session). */
  async slideSession(sessionId: string, ttlMinutes: number): Promise<Date | undefined> {
    const [first] = await returning<{ expires_at: Date }>(
      this.ds,
      `UPDATE auth_session SET last_seen_at = now(), expires_at = now() + make_interval(mins => $2)
        WHERE id = $1 RETURNING expires_at`,
      [sessionId, ttlMinutes],
    );
    return first?.expires_at;
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.ds.query(`UPDATE auth_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  /** Ends every session of the account (in the caller's transaction when given). */
  async revokeSessionsOf(userId: string, em: EntityManager = this.ds.manager): Promise<void> {
    await em.query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** The account with this address (any letter case, trimmed), its password hash included. */
  async accountWithPasswordByEmail(email: string): Promise<UserAccount | null> {
    return this.ds
      .getRepository(UserAccount)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
  }

  /** A successful login: failed logins and a lock cleared, the time recorded. */
  async recordLogin(userId: string): Promise<void> {
    await this.ds.query(`UPDATE user_account SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [userId]);
  }

  /**
   * A failed login: counts it, and at `threshold` failures in a row locks the account for `lockMinutes` (and starts
   * the count again). One statement, so concurrent failures cannot both slip under the threshold. Answers whether
   * the account is locked now.
   */
  async recordFailedLogin(userId: string, threshold: number, lockMinutes: number): Promise<boolean> {
    const rows = await returning<{ locked: boolean }>(
      this.ds,
      `UPDATE user_account
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING (locked_until IS NOT NULL AND locked_until > now()) AS locked`,
      [userId, threshold, lockMinutes],
    );
    return rows[0]?.locked === true;
  }
}
