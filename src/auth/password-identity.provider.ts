import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UserAccount } from '../users/user-account.entity';
import { AuthenticationResult, IdentityProvider, PasswordCredentials } from './identity-provider';
import { PasswordHasher } from './password-hasher';
import { returning } from './sql';

/**
 * Email and password against the Argon2id hash in user_account. After `lockoutThreshold` failures in a row the
 * account is locked for `lockoutMinutes`; a success resets the counter. Unknown emails cost the same time.
 */
@Injectable()
export class PasswordIdentityProvider implements IdentityProvider<PasswordCredentials> {
  readonly method = 'password';

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate({ email, password }: PasswordCredentials): Promise<AuthenticationResult> {
    const account = await this.ds
      .getRepository(UserAccount)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
    if (!account) {
      await this.hasher.verifyDummy(password);
      return { ok: false, reason: 'unknown-account' };
    }
    if (!account.passwordHash) return this.fail(password, 'no-password', account.id);
    if (account.disabledAt) return this.fail(password, 'disabled', account.id);
    if (account.lockedUntil && account.lockedUntil.getTime() > Date.now()) return this.fail(password, 'locked', account.id);

    if (await this.hasher.verify(account.passwordHash, password)) {
      await this.ds.query(`UPDATE user_account SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [account.id]);
      return { ok: true, userId: account.id };
    }
    const { lockoutThreshold, lockoutMinutes } = this.config.auth;
    // One statement, so concurrent failures cannot both slip under the threshold.
    const rows = await returning<{ locked: boolean }>(
      this.ds,
      `UPDATE user_account
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING (locked_until IS NOT NULL AND locked_until > now()) AS locked`,
      [account.id, lockoutThreshold, lockoutMinutes],
    );
    return { ok: false, reason: rows[0]?.locked ? 'now-locked' : 'wrong-password', userId: account.id };
  }

  private async fail(password: string, reason: 'no-password' | 'disabled' | 'locked', userId: string): Promise<AuthenticationResult> {
    await this.hasher.verifyDummy(password);
    return { ok: false, reason, userId };
  }
}
