import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { DomainError, UnauthorizedError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/config';
import { LOGGER } from '../logging/logger';
import { UserAccount, toAuthUser } from '../users/user-account.entity';
import { AccessPolicy } from './access-policy';
import { appendAudit } from '../audit/audit-log.repository';
import type { AuthUser } from './auth-user';
import { IDENTITY_PROVIDER, IdentityProvider, PasswordCredentials } from './identity-provider';
import { LoginRateLimiter } from './login-rate-limiter';
import { SessionService } from './session.service';

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(
    message: string,
    public readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** One answer for every failed login: nobody learns whether an email is registered or an account locked. */
export const LOGIN_FAILED =
  'Inloggningen misslyckades. Kontrollera e-postadress och lösenord. Efter flera misslyckade försök spärras kontot en stund.';

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: AuthUser;
}

@Injectable()
export class AuthService {
  private readonly limiter: LoginRateLimiter;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(IDENTITY_PROVIDER) private readonly identity: IdentityProvider<PasswordCredentials>,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(AccessPolicy) private readonly policy: AccessPolicy,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new LoginRateLimiter(config.auth.loginMaxPerIp, config.auth.loginIpWindowSeconds * 1000);
  }

  async login(credentials: PasswordCredentials, ip: string): Promise<LoginResult> {
    const limit = this.limiter.hit(ip);
    if (!limit.allowed) {
      this.logger.warn({ ip }, 'login rate limit reached');
      throw new TooManyRequestsError('För många inloggningsförsök. Vänta en stund och försök igen.', limit.retryAfterSeconds);
    }
    const result = await this.identity.authenticate(credentials);
    if (!result.ok) {
      this.logger.info({ reason: result.reason, userId: result.userId }, 'login refused');
      if (result.userId && (result.reason === 'now-locked' || result.reason === 'wrong-password' || result.reason === 'locked')) {
        await this.audit(result.userId, `auth.login-${result.reason === 'now-locked' ? 'locked' : 'failed'}`, { reason: result.reason });
      }
      throw new UnauthorizedError(LOGIN_FAILED);
    }
    return this.startSession(result.userId, this.identity.method);
  }

  /** Opens a session for an account that has just proved who it is (a login, an accepted invitation). */
  async startSession(userId: string, method: string): Promise<LoginResult> {
    const account = await this.ds.getRepository(UserAccount).findOneByOrFail({ id: userId });
    const session = await this.sessions.issue(account.id);
    await this.audit(account.id, 'auth.login', { method, sessionId: session.sessionId });
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: toAuthUser(account) };
  }

  async logout(user: AuthUser, sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    await this.audit(user.id, 'auth.logout', { sessionId });
  }

  async me(user: AuthUser, sessionExpiresAt: Date) {
    return { user, coordinatedGroupIds: await this.policy.coordinatedGroupIds(user), sessionExpiresAt: sessionExpiresAt.toISOString() };
  }

  private async audit(userId: string, action: string, details: Record<string, unknown>) {
    await appendAudit(this.ds, { actor: userId, action, subjectType: 'user_account', subjectId: userId, details });
  }
}
