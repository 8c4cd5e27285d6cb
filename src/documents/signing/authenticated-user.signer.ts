import { UnauthorizedError } from '../../common/errors';
import { SignatureEvidence, SignatureRequest, Signer } from './signer';

export interface SigningUser {
  id: string;
  name: string;
}

export interface SigningContext {
  ipAddress: string | null;
  userAgent: string | null;
}

const MAX_USER_AGENT = 512;

/**
 * A simple electronic signature: the user is whoever the application authenticated (session login), and the
 * evidence is who, in which role, when, from which IP address and browser, over which document hash.
 * It is an advanced signature in no sense; the signing certificate says so.
 */
export class AuthenticatedUserSigner implements Signer {
  readonly method = 'authenticated-user' as const;

  constructor(
    private readonly user: SigningUser,
    private readonly context: SigningContext,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async sign(request: SignatureRequest): Promise<SignatureEvidence> {
    const id = this.user?.id?.trim();
    const name = this.user?.name?.trim();
    if (!id || !name) throw new UnauthorizedError('Du måste vara inloggad för att signera.');
    return {
      method: this.method,
      signerUserId: id,
      signerName: name,
      role: request.role,
      signedAt: this.clock(),
      ipAddress: this.context.ipAddress?.slice(0, 64) ?? null,
      userAgent: this.context.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
      documentSha256: request.documentSha256,
      details: { authentication: 'session' },
    };
  }
}
