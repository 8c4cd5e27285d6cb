export const ROLES = ['admin', 'coordinator', 'org-contact', 'representative', 'finance'] as const;
/** administrator, coordinator (samordnare), organisation contact, representative (företrädare), finance (ekonomi). */
export type Role = (typeof ROLES)[number];

/**
 * The authenticated user of a request (set on `req.user` by the auth guard).
 * Scope: which groups a coordinator coordinates, which organisation a contact speaks for, which person a
 * representative is, which payer a finance officer approves for. Checked in one place (src/auth/).
 */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  /** For representatives: their person record. */
  personId: string | null;
  /** For organisation contacts. */
  organisationId: string | null;
  /** For finance: the paying body whose batches they approve. */
  payerCode: string | null;
}
