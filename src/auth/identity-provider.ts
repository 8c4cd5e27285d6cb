/**
 * How a person proves who they are. Today: email and password (PasswordIdentityProvider). OIDC or BankID add
 * another implementation whose `authenticate` takes their own proof (an authorization code, a BankID order
 * reference) and answers with the account it belongs to; sessions, the guard and the access policy stay the same.
 */
export interface IdentityProvider<Credentials = PasswordCredentials> {
  /** A short name for logs and the audit log, e.g. `password`, `oidc`, `bankid`. */
  readonly method: string;
  /**
   * The account the credentials prove, or `{ ok: false }`. The reason is for the audit log only: callers must
   * answer every failure alike, so nobody learns whether an email is registered or an account locked.
   */
  authenticate(credentials: Credentials): Promise<AuthenticationResult>;
}

export interface PasswordCredentials {
  email: string;
  password: string;
}

export type AuthenticationResult =
  | { ok: true; userId: string }
  | { ok: false; reason: 'unknown-account' | 'no-password' | 'disabled' | 'locked' | 'wrong-password' | 'now-locked'; userId?: string };

/** Nest injection token of the login's IdentityProvider. */
export const IDENTITY_PROVIDER = Symbol('IDENTITY_PROVIDER');
