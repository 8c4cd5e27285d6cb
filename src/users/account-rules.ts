import { ROLES, type Role } from '../auth/auth-user';

/** What an account may be given: roles and the scope that goes with each role. */
export interface AccessInput {
  roles: Role[];
  personId?: string | null;
  organisationId?: string | null;
  payerCode?: string | null;
  groupIds?: string[];
}

/**
 * The rules that tie scope to roles, as field messages (empty when the input is consistent):
 * a representative is a person, an organisation contact speaks for one organisation, finance approves for
 * one payer; each scope only with its role. A new representative without a person record gets one made,
 * so `personId` is optional here (`requirePerson` says otherwise).
 */
export function accessProblems(input: AccessInput, opts: { requirePerson?: boolean } = {}): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, msg: string) => (problems[field] ??= []).push(msg);
  const roles = input.roles ?? [];
  if (roles.length === 0) add('roles', 'Ange minst en roll.');
  for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) add('roles', `Okänd roll: ${String(r)}.`);
  if (new Set(roles).size !== roles.length) add('roles', 'Samma roll får bara anges en gång.');
  const has = (r: Role) => roles.includes(r);

  if (has('representative') && opts.requirePerson && !input.personId) add('personId', 'En företrädare måste kopplas till sin personpost.');
  if (!has('representative') && input.personId) add('personId', 'Personpost anges bara för rollen företrädare.');
  if (has('org-contact') && !input.organisationId) add('organisationId', 'Ange vilken organisation kontaktpersonen företräder.');
  if (!has('org-contact') && input.organisationId) add('organisationId', 'Organisation anges bara för rollen organisationskontakt.');
  if (has('finance') && !input.payerCode) add('payerCode', 'Ange vilken betalare (t.ex. SKR eller en region) ekonomi attesterar för.');
  if (!has('finance') && input.payerCode) add('payerCode', 'Betalare anges bara för rollen ekonomi.');
  if (!has('coordinator') && (input.groupIds?.length ?? 0) > 0) add('groupIds', 'Grupper anges bara för rollen samordnare.');
  return problems;
}

/** The roles a coordinator may invite (one at a time): representatives and organisation contacts. */
export const COORDINATOR_INVITABLE: readonly Role[] = ['representative', 'org-contact'];
