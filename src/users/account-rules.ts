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

/** Who invites: their roles and, for an organisation contact, their organisation. */
export interface InvitingUser {
  roles: readonly Role[];
  organisationId: string | null;
}

/** What the service knows about the invitation's person, looked up before asking `inviteRefusal`. */
export interface InviteFacts {
  /** The person (`personId`) is nominated to, or holds an assignment in, a group the inviting user coordinates. */
  personInCoordinatedGroup: boolean;
}

/**
 * Why `actor` may not send this invitation, or null when they may. Access is denied by default:
 * - an administrator invites any roles;
 * - a coordinator invites a representative only for a group they coordinate: an existing person (`personId`)
 *   nominated to or holding an assignment in one of their groups (the invitation goes to the person's own
 *   address); not a new person, and not someone else's nominee;
 * - an organisation contact invites another contact of their own organisation;
 * - nobody else invites anyone, and a non-administrator invites one role at a time. In particular a coordinator
 *   cannot make an organisation contact (who would see the organisation's requests and assignments in other
 *   groups and could withdraw its mandates).
 * `field` is set when the refusal is a 400 about that field (a person the actor may not see reads as unknown).
 */
export function inviteRefusal(actor: InvitingUser, target: AccessInput, facts: InviteFacts): { message: string; field?: 'personId' } | null {
  if (actor.roles.includes('admin')) return null;
  const roles = target.roles ?? [];
  const coordinator = actor.roles.includes('coordinator');
  const ownOrganisation = actor.roles.includes('org-contact') ? actor.organisationId?.toLowerCase() : undefined;
  const contact = !!ownOrganisation;
  if (!coordinator && !contact) return { message: 'Du har inte behörighet att bjuda in användare.' };
  if (roles.length !== 1) return { message: 'Du kan bjuda in en roll i taget; fler roller ger en administratör.' };
  const [role] = roles;
  if (role === 'representative' && coordinator) {
    if (!target.personId) {
      return {
        message:
          'Samordnare bjuder in företrädare för sina egna grupper: välj en person som är nominerad till eller har ett uppdrag i en grupp du samordnar.',
      };
    }
    if (!facts.personInCoordinatedGroup) return { message: 'Personen finns inte.', field: 'personId' };
    return null;
  }
  if (role === 'org-contact') {
    if (contact && target.organisationId?.toLowerCase() === ownOrganisation) return null;
    return { message: 'Organisationskontakter bjuds in av en administratör eller av en kontakt i samma organisation.' };
  }
  if (role === 'representative') return { message: 'Företrädare bjuds in av en samordnare för sina egna grupper eller av en administratör.' };
  return { message: 'Den rollen kan bara en administratör bjuda in.' };
}
