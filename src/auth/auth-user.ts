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

/** An account's identity columns as PostgreSQL answers them (snake_case): what an AuthUser is read from. */
export interface AuthUserRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  person_id: string | null;
  organisation_id: string | null;
  payer_code: string | null;
}

/** The AuthUser of an account row: the one mapping (sessions and the users feature both read accounts). */
export function authUserOfRow(r: AuthUserRow): AuthUser {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles,
    personId: r.person_id,
    organisationId: r.organisation_id,
    payerCode: r.payer_code,
  };
}
