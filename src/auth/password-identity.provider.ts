import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthRepository } from './auth.repository';
import { AuthenticationResult, IdentityProvider, PasswordCredentials } from './identity-provider';
import { PasswordHasher } from './password-hasher';

/**
 * Email and password against the Argon2id hash in user_account. After `lockoutThreshold` failures in a row the
 * account is locked for `lockoutMinutes`; a success resets the counter. Unknown emails cost the same time.
 */
@Injectable()
export class PasswordIdentityProvider implements IdentityProvider<PasswordCredentials> {
  readonly method = 'password';

  constructor(
    @Inject(AuthRepository) private readonly repo: AuthRepository,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate({ email, password }: PasswordCredentials): Promise<AuthenticationResult> {
    const account = await this.repo.accountWithPasswordByEmail(email);
    if (!account) {
      await this.hasher.verifyDummy(password);
      return { ok: false, reason: 'unknown-account' };
    }
    if (!account.passwordHash) return this.fail(password, 'no-password', account.id);
    if (account.disabledAt) return this.fail(password, 'disabled', account.id);
    if (account.lockedUntil && account.lockedUntil.getTime() > Date.now()) return this.fail(password, 'locked', account.id);

    if (await this.hasher.verify(account.passwordHash, password)) {
      await this.repo.recordLogin(account.id);
      return { ok: true, userId: account.id };
    }
    const { lockoutThreshold, lockoutMinutes } = this.config.auth;
    const locked = await this.repo.recordFailedLogin(account.id, lockoutThreshold, lockoutMinutes);
    return { ok: false, reason: locked ? 'now-locked' : 'wrong-password', userId: account.id };
  }

  private async fail(password: string, reason: 'no-password' | 'disabled' | 'locked', userId: string): Promise<AuthenticationResult> {
    await this.hasher.verifyDummy(password);
    return { ok: false, reason, userId };
  }
}
