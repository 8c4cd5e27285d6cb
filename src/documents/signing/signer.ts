import type { DocumentKind } from '../../../templates/template';

/**
 * Signing. A Signer identifies the person signing and produces the evidence that is stored with the signature.
 * Today there is one method, a simple electronic signature by the logged-in user (AuthenticatedUserSigner).
 * A BankID signer can be added later as another implementation: it would start an order with the document's
 * hash as the visible/non-visible data, collect the result and return its completion data in `details`.
 * Nothing here claims to be BankID.
 */

export const SIGNER_ROLES = ['representative', 'countersigner', 'declarant', 'assessor'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

export type SignatureMethod = 'authenticated-user';

/** Which roles may sign which kind of document, and which must have signed before it is complete. */
export const SIGNING_RULES: Record<
  DocumentKind,
  {
    allowed: readonly SignerRole[];
    required: readonly SignerRole[];
    /** A role that signs only after another has: the earlier role, and the refusal (Swedish). */
    after?: Partial<Record<SignerRole, { role: SignerRole; message: string }>>;
  }
> = {
  // The group countersigns what the representative has signed: never before (also a database trigger).
  agreement: { allowed: ['representative', 'countersigner'], required: ['representative', 'countersigner'],
    after: {
      countersigner: {
        role: 'representative',
        message: 'Överenskommelsen kan kontrasigneras först när företrädaren har undertecknat den. Vänta på företrädarens underskrift och kontrasignera sedan.',
      },
    },
  },
  declaration: { allowed: ['declarant', 'assessor'], required: ['declarant'] },
  'payout-slip': { allowed: [], required: [] },
  'yearly-report': { allowed: [], required: [] },
};

export const ROLE_LABELS_SV: Record<SignerRole, string> = {
  representative: 'Patient- eller närståendeföreträdare',
  countersigner: 'Kontrasignering för gruppen',
  declarant: 'Den som deklarerar',
  assessor: 'Samordnarens bedömning',
};

export const METHOD_LABELS_SV: Record<SignatureMethod, string> = {
  'authenticated-user': 'Inloggad användare i Medverkan (enkel elektronisk underskrift)',
};

export interface SignatureRequest {
  documentId: string;
  /** The hash of the stored document, which the signer was shown. */
  documentSha256: string;
  role: SignerRole;
}

export interface SignatureEvidence {
  method: SignatureMethod;
  signerUserId: string;
  signerName: string;
  role: SignerRole;
  signedAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  /** The hash that was signed; the service refuses evidence over any other hash. */
  documentSha256: string;
  /** Method-specific evidence, stored as JSON. */
  details: Record<string, unknown>;
}

export interface Signer {
  readonly method: SignatureMethod;
  /** Identifies the signer and returns the evidence; throws when the signer cannot be identified. */
  sign(request: SignatureRequest): Promise<SignatureEvidence>;
}
