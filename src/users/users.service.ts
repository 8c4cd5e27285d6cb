import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy';
import { appendAudit } from '../audit/audit-log.repository';
import { AuthRepository } from '../auth/auth.repository';
import { type AuthUser, authUserOfRow } from '../auth/auth-user';
import { InvitationDelivery, InvitationMail, InvitationMailer } from '../auth/invitation-mailer';
import { PasswordHasher } from '../auth/password-hasher';
import { hashToken, newToken } from '../auth/tokens';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors';
import { pageOf } from '../common/paging';
import { APP_CONFIG, AppConfig } from '../config/config';
import { PeopleRepository } from '../people/people.repository';
import { AccessInput, accessProblems, inviteRefusal } from './account-rules';
import { type ListUsersQuery, USER_PAGING, type UserStatus } from './dto/users.dto';
import { GroupCoordinatorsRepository } from './group-coordinators.repository';
import { type InvitationStatus, invitationStatusOf } from './invitation-status';
export type { InvitationStatus } from './invitation-status';
import { type AccountRow, UsersRepository } from './users.repository';

export interface UserView extends AuthUser {
  coordinatedGroupIds: string[];
  status: UserStatus;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  disabledAt: string | null;
}

export interface InviteInput extends AccessInput {
  email?: string;
  displayName?: string;
}

export interface InvitationResult {
  user: UserView;
  invitation: { id: string; expiresAt: string; delivery: InvitationDelivery; acceptUrl?: string };
}

const INVALID_INVITATION = 'Inbjudan är ogiltig, redan använd eller har gått ut. Be den som bjöd in dig om en ny inbjudan.';

/**
 * Accounts: invitations (the only way to get a password: a single-use, expiring link, stored hashed), the
 * administrator's user list, roles and scope, disabling. Every change is written to the audit log.
 */
@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly repo: UsersRepository,
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
    @Inject(GroupCoordinatorsRepository) private readonly coordinators: GroupCoordinatorsRepository,
    @Inject(AuthRepository) private readonly auth: AuthRepository,
    @Inject(AccessPolicy) private readonly policy: AccessPolicy,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(InvitationMailer) private readonly mailer: InvitationMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(q: ListUsersQuery): Promise<{ items: UserView[]; total: number; page: number; pageSize: number }> {
    const { page, pageSize, offset } = pageOf(q, USER_PAGING);
    const { rows, total } = await this.repo.pageOfAccounts(
      { role: q.role, status: q.status, text: q.q, organisationId: q.organisationId, groupId: q.groupId },
      pageSize,
      offset,
    );
    return { items: rows.map(toView), total, page, pageSize };
  }

  async get(id: string): Promise<UserView> {
    return toView(await this.row(id));
  }

  /**
   * Creates an account without a password and sends a single-use invitation link. Who may invite whom is
   * `inviteRefusal` (src/users/account-rules.ts): administrators any roles; coordinators representatives of their
   * own groups' people; organisation contacts other contacts of their own organisation. An invitation for an
   * existing person goes to the address in the person record. Inviting again with the same roles and scope sends
   * a new link (the old one stops working).
   */
  async invite(actor: AuthUser, input: InviteInput, opts: { validUntil?: Date | null } = {}): Promise<InvitationResult> {
    const isAdmin = actor.roles.includes('admin');
    if (!isAdmin) {
      const personInCoordinatedGroup = !!input.personId && (await this.coordinatorKnowsPerson(actor, input.personId));
      const refusal = inviteRefusal(actor, input, { personInCoordinatedGroup });
      if (refusal?.field) throw new InvalidInputError(refusal.message, { [refusal.field]: [refusal.message] });
      if (refusal) throw new ForbiddenError(refusal.message);
    }
    const problems = accessProblems(input);
    if (Object.keys(problems).length) throw new InvalidInputError('Rollerna och deras behörigheter stämmer inte.', problems);

    let email = input.email?.toLowerCase();
    let displayName = input.displayName;
    if (input.personId) {
      const person = await this.people.nameAndEmail(input.personId);
      if (!person) throw new InvalidInputError('Personen finns inte.', { personId: ['Personen finns inte.'] });
      const personEmail = String(person.email).trim().toLowerCase();
      if (email && email !== personEmail) {
        throw new InvalidInputError('Inbjudan skickas till personens registrerade e-postadress.', {
          email: ['Ange personens registrerade e-postadress eller lämna fältet tomt.'],
        });
      }
      email = personEmail;
      displayName ??= person.fullName;
    }
    const missing: Record<string, string[]> = {};
    if (!email) missing.email = ['Ange e-postadress.'];
    if (!displayName) missing.displayName = ['Ange namn.'];
    if (Object.keys(missing).length) throw new InvalidInputError('Uppgifterna är inte giltiga. Rätta fälten och försök igen.', missing);

    const payerCode = await this.checkScopeTargets(input);
    const token = newToken('mvi');
    const expiresAt = this.invitationExpiry(opts.validUntil);
    const invitationId = randomUUID();
    const acceptUrl = `${this.publicBaseUrl()}/inbjudan#token=${token}`;
    let mail: InvitationMail | undefined;

    const userId = await this.repo.transaction(async (em) => {
      const existing = await this.repo.lockAccountByEmail(email ?? '', em);
      let id: string;
      if (existing) {
        if (existing.has_password || existing.disabled_at) throw new ConflictError('Det finns redan ett konto med den e-postadressen.');
        const groups = await this.coordinators.groupIdsOf(existing.id, em);
        const same =
          sameSet(existing.roles, input.roles) &&
          existing.person_id === (input.personId ?? null) &&
          existing.organisation_id === (input.organisationId ?? null) &&
          existing.payer_code === payerCode &&
          sameSet(groups, input.groupIds ?? []);
        if (!same) throw new ConflictError('En inbjudan med andra roller eller behörigheter väntar redan på den e-postadressen.');
        id = existing.id;
        await this.repo.revokeOpenInvitations(id, em);
      } else {
        id = randomUUID();
        let personId = input.personId ?? null;
        if (input.roles.includes('representative') && !personId) {
          // One person per address (issue 13 #1): a nominee with this address is the same person.
          personId = (await this.people.findOrCreate({ fullName: displayName ?? '', email: email ?? '' }, em)).id;
        }
        if (personId) {
          if (await this.repo.accountIdOfPerson(personId, em)) throw new ConflictError('Personen har redan ett konto.');
        }
        await this.repo.insertAccount(
          { id, email: email ?? '', displayName: displayName ?? '', roles: input.roles, personId, organisationId: input.organisationId ?? null, payerCode },
          em,
        );
        for (const g of input.groupIds ?? []) await this.coordinators.add(g, id, em);
      }
      await this.repo.insertInvitation({ id: invitationId, tokenHash: hashToken(token), userId: id, invitedBy: actor.id, expiresAt }, em);
      await appendAudit(em, {
        actor: actor.id,
        action: 'user.invited',
        subjectType: 'user_account',
        subjectId: id,
        details: { invitationId, roles: input.roles, expiresAt: expiresAt.toISOString() },
      });
      // The mail in the same transaction (issue 14): an invitation exists exactly when its mail does.
      const target = await this.repo.invitationTarget(id, em);
      mail = {
        invitationId,
        to: target.email,
        displayName: target.display_name,
        roles: target.roles,
        acceptUrl,
        expiresAt,
        recipient: recipientOf({ personId: target.person_id, organisationId: target.organisation_id, roles: target.roles, payerCode: target.payer_code }),
      };
      await this.mailer.stage(mail, em);
      return id;
    });

    const user = await this.get(userId);
    const delivery = await this.mailer.deliver(mail!);
    return {
      user,
      invitation: {
        id: invitationId,
        expiresAt: expiresAt.toISOString(),
        delivery,
        // The link is the invitee's login: only an administrator gets it back (outbox mode, when no mail is sent),
        // never a coordinator or contact who invites someone else (review finding s2 (8)).
        ...(this.config.mail.transport !== 'smtp' && actor.roles.includes('admin') ? { acceptUrl } : {}),
      },
    };
  }

  /**
   * An appointed nominee's login: invites the person as a representative (a single-use, expiring link by mail, as
   * `invite` does) unless an account for the person — or another account with the person's address — exists
   * already. Idempotent: once the person has an account (invited or active) nothing new is created or sent.
   */
  async ensureRepresentativeInvited(actor: AuthUser, personId: string, validUntil: Date | null = null): Promise<{ userId: string; invited: boolean } | null> {
    const own = await this.repo.accountIdOfPerson(personId);
    if (own && !(await this.invitationUndelivered(own))) return { userId: own, invited: false };
    const other = await this.repo.accountIdWithEmailOfPerson(personId);
    if (other && other !== own) return null; // the address belongs to another account: an administrator has to decide
    try {
      const result = await this.invite(actor, { roles: ['representative'], personId }, { validUntil });
      return { userId: result.user.id, invited: true };
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      // Two appointments of the same person at once: the other one invited them.
      const again = await this.repo.accountIdOfPerson(personId);
      if (again) return { userId: again, invited: false };
      throw e;
    }
  }

  /**
   * An account still waiting for its first password whose invitation mail never went out: no open invitation with a
   * mail in the outbox (`stored`) or at the mail server (`sent`) — the mail of an invitation made before issue 14's fix
   * was lost with a database restart, or an smtp mail stayed `sending` when the process died. Such an account is
   * invited again (a new link, the old one revoked) instead of being taken as invited.
   */
  private async invitationUndelivered(userId: string): Promise<boolean> {
    const account = await this.repo.account(userId);
    if (!account || account.has_password || account.disabled_at !== null) return false;
    const open = await this.repo.openInvitationOf(userId);
    return !open || !(await this.mailer.isDelivered(open));
  }

  /** An invitation is valid AUTH_INVITATION_TTL_HOURS, or until `validUntil` when that is later (issue 16 #3). */
  private invitationExpiry(validUntil?: Date | null): Date {
    const ttl = Date.now() + this.config.auth.invitationTtlHours * 3600_000;
    return new Date(Math.max(ttl, validUntil?.getTime() ?? 0));
  }

  /**
   * A new invitation link for a representative whose account is not activated yet (issue 16 #3), as inviting the
   * pending account again does: the open links stop working, the new one is valid until `validUntil` (their answer
   * deadline) or the usual time, whichever is later. 409 when the account is already activated or disabled.
   */
  async resendRepresentativeInvitation(actor: AuthUser, personId: string, validUntil: Date | null): Promise<InvitationResult> {
    const own = await this.repo.accountIdOfPerson(personId);
    if (!own && (await this.repo.accountIdWithEmailOfPerson(personId))) {
      throw new ConflictError('Personens e-postadress hör till ett annat konto. En administratör behöver koppla kontot till personen.');
    }
    if (own) {
      const account = await this.row(own);
      if (account.disabled_at) throw new ConflictError('Personens konto är avstängt. En administratör behöver öppna det igen.');
      if (account.has_password) throw new ConflictError('Personen har redan aktiverat sitt konto och loggar in med sitt lösenord.');
    }
    return this.invite(actor, { roles: ['representative'], personId }, { validUntil });
  }

  /** Whether the person's login was invited, when, until when, and whether the link was used (issue 16 #3). */
  async invitationOfPerson(personId: string): Promise<InvitationStatus> {
    return invitationStatusOf(await this.repo.invitationOfPerson(personId));
  }

  /** Sets the password of an invited account (once) and logs the person in. */
  async acceptInvitation(token: string, password: string): Promise<{ userId: string }> {
    const passwordHash = await this.hasher.hash(password);
    const userId = await this.repo.transaction(async (em) => {
      const inv = await this.repo.lockUsableInvitation(hashToken(token), em);
      if (!inv) throw new InvalidInputError(INVALID_INVITATION, { token: [INVALID_INVITATION] });
      if (String(inv.email).split('@')[0].length >= 4 && password.toLowerCase().includes(String(inv.email).split('@')[0])) {
        throw new InvalidInputError('Välj ett lösenord som inte innehåller din e-postadress.', {
          password: ['Lösenordet får inte innehålla din e-postadress.'],
        });
      }
      await this.repo.markInvitationAccepted(inv.id, em);
      await this.repo.revokeOpenInvitations(inv.user_id, em, inv.id);
      await this.repo.setPassword(inv.user_id, passwordHash, em);
      await appendAudit(em, { actor: inv.user_id, action: 'user.invitation-accepted', subjectType: 'user_account', subjectId: inv.user_id, details: { invitationId: inv.id } });
      return inv.user_id;
    });
    return { userId };
  }

  /** Replaces an account's roles and scope. Takes effect on the account's next request. */
  async setAccess(actor: AuthUser, id: string, input: AccessInput): Promise<UserView> {
    const problems = accessProblems(input, { requirePerson: true });
    if (Object.keys(problems).length) throw new InvalidInputError('Rollerna och deras behörigheter stämmer inte.', problems);
    if (id === actor.id && !input.roles.includes('admin')) {
      throw new ConflictError('Du kan inte ta bort din egen administratörsroll.');
    }
    const payerCode = await this.checkScopeTargets(input);
    await this.repo.transaction(async (em) => {
      const before = await this.row(id, em, true);
      if (input.personId) {
        if (await this.repo.personHasAnotherAccount(input.personId, id, em)) throw new ConflictError('Personen har redan ett annat konto.');
      }
      await this.repo.setAccess(id, { roles: input.roles, personId: input.personId ?? null, organisationId: input.organisationId ?? null, payerCode }, em);
      const groupIds = input.groupIds ?? [];
      await this.coordinators.removeAllBut(id, groupIds, em);
      for (const g of groupIds) await this.coordinators.add(g, id, em);
      await appendAudit(em, {
        actor: actor.id,
        action: 'user.access-changed',
        subjectType: 'user_account',
        subjectId: id,
        details: {
          before: { roles: before.roles, personId: before.person_id, organisationId: before.organisation_id, payerCode: before.payer_code, groupIds: before.group_ids },
          after: { roles: input.roles, personId: input.personId ?? null, organisationId: input.organisationId ?? null, payerCode, groupIds },
        },
      });
    });
    return this.get(id);
  }

  /** Disables an account: no login, every session ends. */
  async disable(actor: AuthUser, id: string): Promise<UserView> {
    if (id === actor.id) throw new ConflictError('Du kan inte stänga av ditt eget konto.');
    await this.repo.transaction(async (em) => {
      const before = await this.row(id, em, true);
      if (before.disabled_at) return;
      await this.repo.markDisabled(id, em);
      await this.auth.revokeSessionsOf(id, em);
      await this.repo.revokeOpenInvitations(id, em);
      await appendAudit(em, { actor: actor.id, action: 'user.disabled', subjectType: 'user_account', subjectId: id });
    });
    return this.get(id);
  }

  async enable(actor: AuthUser, id: string): Promise<UserView> {
    await this.repo.transaction(async (em) => {
      const before = await this.row(id, em, true);
      if (!before.disabled_at) return;
      await this.repo.markEnabled(id, em);
      await appendAudit(em, { actor: actor.id, action: 'user.enabled', subjectType: 'user_account', subjectId: id });
    });
    return this.get(id);
  }

  /**
   * Creates the first administrator from BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD when the database has
   * no administrator yet. Does nothing otherwise (so a changed password is never overwritten).
   */
  async ensureBootstrapAdmin(): Promise<'created' | 'exists' | 'not-configured'> {
    const boot = this.config.auth.bootstrapAdmin;
    if (!boot) return 'not-configured';
    const passwordHash = await this.hasher.hash(boot.password);
    return this.repo.transaction(async (em) => {
      await this.repo.lockBootstrap(em);
      if (await this.repo.hasEnabledAdmin(em)) return 'exists' as const;
      const id = randomUUID();
      const email = boot.email.trim().toLowerCase();
      const existing = await this.repo.accountIdByEmail(email, em);
      if (existing) await this.repo.makeAdmin(existing, passwordHash, em);
      else await this.repo.insertAdmin(id, email, passwordHash, em);
      const subjectId = existing ?? id;
      await appendAudit(em, { actor: 'system:bootstrap', action: 'user.bootstrap-admin', subjectType: 'user_account', subjectId });
      return 'created' as const;
    });
  }

  private async row(id: string, em?: EntityManager, lock = false): Promise<AccountRow> {
    const row = await this.repo.account(id, em, lock);
    if (!row) throw new NotFoundError('Användaren finns inte.');
    return row;
  }

  /** Checks that the organisation, groups and payer exist; answers the payer's canonical code. */
  private async checkScopeTargets(input: AccessInput): Promise<string | null> {
    const problems: Record<string, string[]> = {};
    if (input.personId) {
      if (!(await this.people.exists(input.personId))) problems.personId = ['Personen finns inte.'];
    }
    if (input.organisationId) {
      if (!(await this.repo.organisationExists(input.organisationId))) problems.organisationId = ['Organisationen finns inte.'];
    }
    if (input.groupIds?.length) {
      const found = await this.repo.existingGroupIds(input.groupIds);
      const missing = input.groupIds.filter((g) => !found.includes(g.toLowerCase()));
      if (missing.length) problems.groupIds = [`Grupperna finns inte: ${missing.join(', ')}.`];
    }
    let payerCode = input.payerCode ?? null;
    if (payerCode) {
      const code = await this.repo.payingBodyCode(payerCode);
      if (!code) problems.payerCode = ['Betalaren finns inte.'];
      else payerCode = code;
    }
    if (Object.keys(problems).length) throw new InvalidInputError('Uppgifterna är inte giltiga. Rätta fälten och försök igen.', problems);
    return payerCode;
  }

  /** A coordinator may invite a person who is nominated to or holds an assignment in one of their groups. */
  private async coordinatorKnowsPerson(actor: AuthUser, personId: string): Promise<boolean> {
    const groups = await this.policy.coordinatedGroupIds(actor);
    if (!groups.length) return false;
    return this.repo.personInGroups(personId, groups);
  }

  private publicBaseUrl(): string {
    return (this.config.http.publicUrl ?? `http://localhost:${this.config.http.port}`).replace(/\/+$/, '');
  }
}

function toView(r: AccountRow): UserView {
  return {
    ...authUserOfRow(r),
    coordinatedGroupIds: r.group_ids,
    status: r.disabled_at ? 'disabled' : r.has_password ? 'active' : 'invited',
    lockedUntil: r.locked_until && r.locked_until.getTime() > Date.now() ? r.locked_until.toISOString() : null,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    disabledAt: r.disabled_at?.toISOString() ?? null,
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function recipientOf(u: Pick<UserView, 'personId' | 'organisationId' | 'roles' | 'payerCode'>): { kind: 'person' | 'organisation' | 'coordinators' | 'finance'; ref: string | null } {
  if (u.personId) return { kind: 'person', ref: u.personId };
  if (u.organisationId) return { kind: 'organisation', ref: u.organisationId };
  if (u.roles.includes('finance')) return { kind: 'finance', ref: u.payerCode };
  return { kind: 'coordinators', ref: null };
}
