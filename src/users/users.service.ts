import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy';
import { appendAudit, tableExists } from '../auth/audit';
import type { AuthUser, Role } from '../auth/auth-user';
import { InvitationDelivery, InvitationMailer } from '../auth/invitation-mailer';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionService } from '../auth/session.service';
import { hashToken, newToken } from '../auth/tokens';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors';
import { pageOf } from '../common/paging';
import { APP_CONFIG, AppConfig } from '../config/config';
import { findOrCreatePerson } from '../people/people';
import { AccessInput, accessProblems, inviteRefusal } from './account-rules';
import { type ListUsersQuery, USER_PAGING, type UserStatus } from './dto/users.dto';

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

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  roles: Role[];
  person_id: string | null;
  organisation_id: string | null;
  payer_code: string | null;
  has_password: boolean;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  disabled_at: Date | null;
  group_ids: string[];
}

const SELECT_ACCOUNT = `
  SELECT u.id, u.email, u.display_name, u.roles, u.person_id, u.organisation_id, u.payer_code,
         (u.password_hash IS NOT NULL) AS has_password, u.locked_until, u.last_login_at, u.created_at, u.disabled_at,
         coalesce((SELECT array_agg(gc.group_id::text ORDER BY gc.created_at, gc.group_id) FROM group_coordinator gc WHERE gc.user_id = u.id), '{}') AS group_ids
    FROM user_account u`;

const INVALID_INVITATION = 'Inbjudan är ogiltig, redan använd eller har gått ut. Be den som bjöd in dig om en ny inbjudan.';

/**
 * Accounts: invitations (the only way to get a password: a single-use, expiring link, stored hashed), the
 * administrator's user list, roles and scope, disabling. Every change is written to the audit log.
 */
@Injectable()
export class UsersService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(AccessPolicy) private readonly policy: AccessPolicy,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(InvitationMailer) private readonly mailer: InvitationMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(q: ListUsersQuery): Promise<{ items: UserView[]; total: number; page: number; pageSize: number }> {
    const { page, pageSize, offset } = pageOf(q, USER_PAGING);
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (q.role) where.push(`${p(q.role)} = ANY(u.roles)`);
    if (q.status === 'disabled') where.push('u.disabled_at IS NOT NULL');
    if (q.status === 'active') where.push('u.disabled_at IS NULL AND u.password_hash IS NOT NULL');
    if (q.status === 'invited') where.push('u.disabled_at IS NULL AND u.password_hash IS NULL');
    if (q.q?.trim()) {
      const like = p(`%${q.q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(lower(u.email) LIKE ${like} OR lower(u.display_name) LIKE ${like})`);
    }
    if (q.organisationId) where.push(`u.organisation_id = ${p(q.organisationId)}`);
    if (q.groupId) where.push(`EXISTS (SELECT 1 FROM group_coordinator gc WHERE gc.user_id = u.id AND gc.group_id = ${p(q.groupId)})`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM user_account u ${filter}`, params);
    const rows: AccountRow[] = await this.ds.query(
      `${SELECT_ACCOUNT} ${filter} ORDER BY lower(u.display_name), u.id LIMIT ${p(pageSize)} OFFSET ${p(offset)}`,
      params,
    );
    return { items: rows.map(toView), total: n as number, page, pageSize };
  }

  async get(id: string): Promise<UserView> {
    return toView(await this.row(this.ds.manager, id));
  }

  /**
   * Creates an account without a password and sends a single-use invitation link. Who may invite whom is
   * `inviteRefusal` (src/users/account-rules.ts): administrators any roles; coordinators representatives of their
   * own groups' people; organisation contacts other contacts of their own organisation. An invitation for an
   * existing person goes to the address in the person record. Inviting again with the same roles and scope sends
   * a new link (the old one stops working).
   */
  async invite(actor: AuthUser, input: InviteInput): Promise<InvitationResult> {
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
      const [person] = await this.ds.query(`SELECT full_name, email FROM person WHERE id = $1`, [input.personId]);
      if (!person) throw new InvalidInputError('Personen finns inte.', { personId: ['Personen finns inte.'] });
      const personEmail = String(person.email).trim().toLowerCase();
      if (email && email !== personEmail) {
        throw new InvalidInputError('Inbjudan skickas till personens registrerade e-postadress.', {
          email: ['Ange personens registrerade e-postadress eller lämna fältet tomt.'],
        });
      }
      email = personEmail;
      displayName ??= person.full_name;
    }
    const missing: Record<string, string[]> = {};
    if (!email) missing.email = ['Ange e-postadress.'];
    if (!displayName) missing.displayName = ['Ange namn.'];
    if (Object.keys(missing).length) throw new InvalidInputError('Uppgifterna är inte giltiga. Rätta fälten och försök igen.', missing);

    const payerCode = await this.checkScopeTargets(input);
    const token = newToken('mvi');
    const expiresAt = new Date(Date.now() + this.config.auth.invitationTtlHours * 3600_000);
    const invitationId = randomUUID();

    const userId = await this.ds.transaction(async (em) => {
      const [existing] = await em.query(
        `SELECT id, roles, person_id, organisation_id, payer_code, password_hash IS NOT NULL AS has_password, disabled_at
           FROM user_account WHERE lower(email) = $1 FOR UPDATE`,
        [email],
      );
      let id: string;
      if (existing) {
        if (existing.has_password || existing.disabled_at) throw new ConflictError('Det finns redan ett konto med den e-postadressen.');
        const groups = (await em.query(`SELECT group_id::text AS g FROM group_coordinator WHERE user_id = $1`, [existing.id])).map(
          (r: { g: string }) => r.g,
        );
        const same =
          sameSet(existing.roles, input.roles) &&
          existing.person_id === (input.personId ?? null) &&
          existing.organisation_id === (input.organisationId ?? null) &&
          existing.payer_code === payerCode &&
          sameSet(groups, input.groupIds ?? []);
        if (!same) throw new ConflictError('En inbjudan med andra roller eller behörigheter väntar redan på den e-postadressen.');
        id = existing.id;
        await em.query(`UPDATE user_invitation SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`, [id]);
      } else {
        id = randomUUID();
        let personId = input.personId ?? null;
        if (input.roles.includes('representative') && !personId) {
          // One person per address (issue 13 #1): a nominee with this address is the same person.
          personId = (await findOrCreatePerson(em, { fullName: displayName ?? '', email: email ?? '' })).id;
        }
        if (personId) {
          const [taken] = await em.query(`SELECT 1 FROM user_account WHERE person_id = $1`, [personId]);
          if (taken) throw new ConflictError('Personen har redan ett konto.');
        }
        await em.query(
          `INSERT INTO user_account (id, email, display_name, roles, person_id, organisation_id, payer_code)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, email, displayName, input.roles, personId, input.organisationId ?? null, payerCode],
        );
        for (const g of input.groupIds ?? []) {
          await em.query(`INSERT INTO group_coordinator (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [g, id]);
        }
      }
      await em.query(`INSERT INTO user_invitation (id, token_hash, user_id, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
        invitationId,
        hashToken(token),
        id,
        actor.id,
        expiresAt,
      ]);
      await appendAudit(em, {
        actor: actor.id,
        action: 'user.invited',
        subjectType: 'user_account',
        subjectId: id,
        details: { invitationId, roles: input.roles, expiresAt: expiresAt.toISOString() },
      });
      return id;
    });

    const user = await this.get(userId);
    const acceptUrl = `${this.publicBaseUrl()}/inbjudan#token=${token}`;
    const delivery = await this.mailer.send({
      invitationId,
      to: user.email,
      displayName: user.displayName,
      roles: user.roles,
      acceptUrl,
      expiresAt,
      recipient: recipientOf(user),
    });
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
  async ensureRepresentativeInvited(actor: AuthUser, personId: string): Promise<{ userId: string; invited: boolean } | null> {
    const [own] = await this.ds.query(`SELECT id FROM user_account WHERE person_id = $1`, [personId]);
    if (own) return { userId: own.id, invited: false };
    const [other] = await this.ds.query(`SELECT u.id FROM user_account u JOIN person p ON lower(p.email) = lower(u.email) WHERE p.id = $1`, [personId]);
    if (other) return null; // the address belongs to another account: an administrator has to decide
    try {
      const result = await this.invite(actor, { roles: ['representative'], personId });
      return { userId: result.user.id, invited: true };
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      // Two appointments of the same person at once: the other one invited them.
      const [again] = await this.ds.query(`SELECT id FROM user_account WHERE person_id = $1`, [personId]);
      if (again) return { userId: again.id, invited: false };
      throw e;
    }
  }

  /** Sets the password of an invited account (once) and logs the person in. */
  async acceptInvitation(token: string, password: string): Promise<{ userId: string }> {
    const passwordHash = await this.hasher.hash(password);
    const userId = await this.ds.transaction(async (em) => {
      const [inv] = await em.query(
        `SELECT i.id, i.user_id, u.email
           FROM user_invitation i JOIN user_account u ON u.id = i.user_id
          WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
            AND u.disabled_at IS NULL
          FOR UPDATE OF i`,
        [hashToken(token)],
      );
      if (!inv) throw new InvalidInputError(INVALID_INVITATION, { token: [INVALID_INVITATION] });
      if (String(inv.email).split('@')[0].length >= 4 && password.toLowerCase().includes(String(inv.email).split('@')[0])) {
        throw new InvalidInputError('Välj ett lösenord som inte innehåller din e-postadress.', {
          password: ['Lösenordet får inte innehålla din e-postadress.'],
        });
      }
      await em.query(`UPDATE user_invitation SET accepted_at = now() WHERE id = $1`, [inv.id]);
      await em.query(`UPDATE user_invitation SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND accepted_at IS NULL AND revoked_at IS NULL`, [
        inv.user_id,
        inv.id,
      ]);
      await em.query(`UPDATE user_account SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [
        inv.user_id,
        passwordHash,
      ]);
      await appendAudit(em, { actor: inv.user_id, action: 'user.invitation-accepted', subjectType: 'user_account', subjectId: inv.user_id, details: { invitationId: inv.id } });
      return inv.user_id as string;
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
    await this.ds.transaction(async (em) => {
      const before = await this.row(em, id, true);
      if (input.personId) {
        const [taken] = await em.query(`SELECT 1 FROM user_account WHERE person_id = $1 AND id <> $2`, [input.personId, id]);
        if (taken) throw new ConflictError('Personen har redan ett annat konto.');
      }
      await em.query(
        `UPDATE user_account SET roles = $2, person_id = $3, organisation_id = $4, payer_code = $5, updated_at = now() WHERE id = $1`,
        [id, input.roles, input.personId ?? null, input.organisationId ?? null, payerCode],
      );
      const groupIds = input.groupIds ?? [];
      await em.query(`DELETE FROM group_coordinator WHERE user_id = $1 AND NOT (group_id = ANY($2::uuid[]))`, [id, groupIds]);
      for (const g of groupIds) {
        await em.query(`INSERT INTO group_coordinator (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [g, id]);
      }
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
    await this.ds.transaction(async (em) => {
      const before = await this.row(em, id, true);
      if (before.disabled_at) return;
      await em.query(`UPDATE user_account SET disabled_at = now(), updated_at = now() WHERE id = $1`, [id]);
      await em.query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      await em.query(`UPDATE user_invitation SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`, [id]);
      await appendAudit(em, { actor: actor.id, action: 'user.disabled', subjectType: 'user_account', subjectId: id });
    });
    return this.get(id);
  }

  async enable(actor: AuthUser, id: string): Promise<UserView> {
    await this.ds.transaction(async (em) => {
      const before = await this.row(em, id, true);
      if (!before.disabled_at) return;
      await em.query(`UPDATE user_account SET disabled_at = NULL, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [id]);
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
    return this.ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(724113007)`);
      const [admin] = await em.query(`SELECT 1 FROM user_account WHERE 'admin' = ANY(roles) AND disabled_at IS NULL LIMIT 1`);
      if (admin) return 'exists' as const;
      const id = randomUUID();
      const email = boot.email.trim().toLowerCase();
      const [existing] = await em.query(`SELECT id FROM user_account WHERE lower(email) = $1`, [email]);
      if (existing) {
        await em.query(
          `UPDATE user_account SET roles = array_append(array_remove(roles, 'admin'), 'admin'), disabled_at = NULL,
                  password_hash = coalesce(password_hash, $2) WHERE id = $1`,
          [existing.id, passwordHash],
        );
      } else {
        await em.query(`INSERT INTO user_account (id, email, display_name, roles, password_hash) VALUES ($1, $2, 'Administratör', '{admin}', $3)`, [
          id,
          email,
          passwordHash,
        ]);
      }
      const subjectId = existing?.id ?? id;
      await appendAudit(em, { actor: 'system:bootstrap', action: 'user.bootstrap-admin', subjectType: 'user_account', subjectId });
      return 'created' as const;
    });
  }

  private async row(em: EntityManager, id: string, lock = false): Promise<AccountRow> {
    const rows: AccountRow[] = await em.query(`${SELECT_ACCOUNT} WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`, [id]);
    if (!rows[0]) throw new NotFoundError('Användaren finns inte.');
    return rows[0];
  }

  /** Checks that the organisation, groups and payer exist; answers the payer's canonical code. */
  private async checkScopeTargets(input: AccessInput): Promise<string | null> {
    const problems: Record<string, string[]> = {};
    if (input.personId) {
      const [p] = await this.ds.query(`SELECT 1 FROM person WHERE id = $1`, [input.personId]);
      if (!p) problems.personId = ['Personen finns inte.'];
    }
    if (input.organisationId) {
      const [o] = await this.ds.query(`SELECT 1 FROM organisation WHERE id = $1`, [input.organisationId]);
      if (!o) problems.organisationId = ['Organisationen finns inte.'];
    }
    if (input.groupIds?.length) {
      const found: Array<{ id: string }> = await this.ds.query(`SELECT id::text FROM working_group WHERE id = ANY($1::uuid[])`, [input.groupIds]);
      const missing = input.groupIds.filter((g) => !found.some((f) => f.id === g.toLowerCase()));
      if (missing.length) problems.groupIds = [`Grupperna finns inte: ${missing.join(', ')}.`];
    }
    let payerCode = input.payerCode ?? null;
    if (payerCode && (await tableExists(this.ds, 'paying_body'))) {
      const [b] = await this.ds.query(
        `SELECT code FROM paying_body WHERE lower(code) = lower($1) OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE lower(a) = lower($1))`,
        [payerCode],
      );
      if (!b) problems.payerCode = ['Betalaren finns inte.'];
      else payerCode = b.code;
    }
    if (Object.keys(problems).length) throw new InvalidInputError('Uppgifterna är inte giltiga. Rätta fälten och försök igen.', problems);
    return payerCode;
  }

  /** A coordinator may invite a person who is nominated to or holds an assignment in one of their groups. */
  private async coordinatorKnowsPerson(actor: AuthUser, personId: string): Promise<boolean> {
    const groups = await this.policy.coordinatedGroupIds(actor);
    if (!groups.length) return false;
    const [a] = await this.ds.query(`SELECT 1 FROM assignment WHERE person_id = $1 AND group_id = ANY($2::uuid[]) LIMIT 1`, [personId, groups]);
    if (a) return true;
    if (!(await tableExists(this.ds, 'nomination'))) return false;
    const [n] = await this.ds.query(`SELECT 1 FROM nomination WHERE person_id = $1 AND group_id = ANY($2::uuid[]) LIMIT 1`, [personId, groups]);
    return !!n;
  }

  private publicBaseUrl(): string {
    return (this.config.http.publicUrl ?? `http://localhost:${this.config.http.port}`).replace(/\/+$/, '');
  }
}

function toView(r: AccountRow): UserView {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles,
    personId: r.person_id,
    organisationId: r.organisation_id,
    payerCode: r.payer_code,
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

function recipientOf(u: UserView): { kind: 'person' | 'organisation' | 'coordinators' | 'finance'; ref: string | null } {
  if (u.personId) return { kind: 'person', ref: u.personId };
  if (u.organisationId) return { kind: 'organisation', ref: u.organisationId };
  if (u.roles.includes('finance')) return { kind: 'finance', ref: u.payerCode };
  return { kind: 'coordinators', ref: null };
}
