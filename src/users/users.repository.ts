import type { InvitationRow } from './invitation-status';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUserRow, Role } from '../auth/auth-user';
import type { UserStatus } from './dto/users.dto';

/** An account as the users feature reads it (snake_case, as PostgreSQL answers). */
export interface AccountRow extends AuthUserRow {
  has_password: boolean;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  disabled_at: Date | null;
  group_ids: string[];
}

/** An account not yet set up, found by its address before an invitation is sent again. */
export interface PendingAccountRow {
  id: string;
  roles: Role[];
  person_id: string | null;
  organisation_id: string | null;
  payer_code: string | null;
  has_password: boolean;
  disabled_at: Date | null;
}

/** The administrator's filter of the user list (all given conditions hold). */
export interface AccountFilter {
  role?: Role;
  status?: UserStatus;
  /** Part of the address or the name, any letter case. */
  text?: string;
  organisationId?: string;
  groupId?: string;
}

export interface NewAccount {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  personId: string | null;
  organisationId: string | null;
  payerCode: string | null;
}

export interface AccountAccess {
  roles: Role[];
  personId: string | null;
  organisationId: string | null;
  payerCode: string | null;
}

const SELECT_ACCOUNT = `
  SELECT u.id, u.email, u.display_name, u.roles, u.person_id, u.organisation_id, u.payer_code,
         (u.password_hash IS NOT NULL) AS has_password, u.locked_until, u.last_login_at, u.created_at, u.disabled_at,
         coalesce((SELECT array_agg(gc.group_id::text ORDER BY gc.created_at, gc.group_id) FROM group_coordinator gc WHERE gc.user_id = u.id), '{}') AS group_ids
    FROM user_account u`;

/**
 * Accounts and invitations (user_account, user_invitation), and what the users feature checks before it stores
 * an account's scope. Methods that take an EntityManager run in the caller's transaction.
 */
@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** One page of the accounts that match, ordered by name, and how many match in all. */
  async pageOfAccounts(filter: AccountFilter, limit: number, offset: number): Promise<{ rows: AccountRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.role) where.push(`${p(filter.role)} = ANY(u.roles)`);
    if (filter.status === 'disabled') where.push('u.disabled_at IS NOT NULL');
    if (filter.status === 'active') where.push('u.disabled_at IS NULL AND u.password_hash IS NOT NULL');
    if (filter.status === 'invited') where.push('u.disabled_at IS NULL AND u.password_hash IS NULL');
    if (filter.text?.trim()) {
      const like = p(`%${filter.text.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(lower(u.email) LIKE ${like} OR lower(u.display_name) LIKE ${like})`);
    }
    if (filter.organisationId) where.push(`u.organisation_id = ${p(filter.organisationId)}`);
    if (filter.groupId) where.push(`EXISTS (SELECT 1 FROM group_coordinator gc WHERE gc.user_id = u.id AND gc.group_id = ${p(filter.groupId)})`);
    const sqlFilter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM user_account u ${sqlFilter}`, params);
    const rows: AccountRow[] = await this.ds.query(
      `${SELECT_ACCOUNT} ${sqlFilter} ORDER BY lower(u.display_name), u.id LIMIT ${p(limit)} OFFSET ${p(offset)}`,
      params,
    );
    return { rows, total: n as number };
  }

  /** The account, or undefined; `lock` holds it (FOR UPDATE) until the transaction ends. */
  async account(id: string, em: EntityManager = this.ds.manager, lock = false): Promise<AccountRow | undefined> {
    const rows: AccountRow[] = await em.query(`${SELECT_ACCOUNT} WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`, [id]);
    return rows[0];
  }

  /** The account with this address (lower case), held until the transaction ends. */
  async lockAccountByEmail(email: string, em: EntityManager): Promise<PendingAccountRow | undefined> {
    const [row]: PendingAccountRow[] = await em.query(
      `SELECT id, roles, person_id, organisation_id, payer_code, password_hash IS NOT NULL AS has_password, disabled_at
         FROM user_account WHERE lower(email) = $1 FOR UPDATE`,
      [email],
    );
    return row;
  }

  /** The id of the person's account, if they have one. */
  async accountIdOfPerson(personId: string, em: EntityManager = this.ds.manager): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await em.query(`SELECT id FROM user_account WHERE person_id = $1`, [personId]);
    return row?.id;
  }

  /** Does an account other than `exceptUserId` belong to the person? */
  async personHasAnotherAccount(personId: string, exceptUserId: string, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM user_account WHERE person_id = $1 AND id <> $2`, [personId, exceptUserId]);
    return rows.length > 0;
  }

  /** The id of an account whose address is the person's registered address (any letter case). */
  async accountIdWithEmailOfPerson(personId: string): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await this.ds.query(
      `SELECT u.id FROM user_account u JOIN person p ON lower(p.email) = lower(u.email) WHERE p.id = $1`,
      [personId],
    );
    return row?.id;
  }

  async insertAccount(a: NewAccount, em: EntityManager): Promise<void> {
    await em.query(
      `INSERT INTO user_account (id, email, display_name, roles, person_id, organisation_id, payer_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [a.id, a.email, a.displayName, a.roles, a.personId, a.organisationId, a.payerCode],
    );
  }

  async setAccess(id: string, access: AccountAccess, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE user_account SET roles = $2, person_id = $3, organisation_id = $4, payer_code = $5, updated_at = now() WHERE id = $1`,
      [id, access.roles, access.personId, access.organisationId, access.payerCode],
    );
  }

  /** Sets the password hash and clears failed logins and a lock. */
  async setPassword(id: string, passwordHash: string, em: EntityManager): Promise<void> {
    await em.query(`UPDATE user_account SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [
      id,
      passwordHash,
    ]);
  }

  async markDisabled(id: string, em: EntityManager): Promise<void> {
    await em.query(`UPDATE user_account SET disabled_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  /** Enables the account again, with failed logins and a lock cleared. */
  async markEnabled(id: string, em: EntityManager): Promise<void> {
    await em.query(`UPDATE user_account SET disabled_at = NULL, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [id]);
  }

  /** Who an invitation's mail goes to: the account's address, name, roles and what it belongs to. */
  async invitationTarget(
    userId: string,
    em: EntityManager,
  ): Promise<{ email: string; display_name: string; roles: Role[]; person_id: string | null; organisation_id: string | null; payer_code: string | null }> {
    const [row] = await em.query(`SELECT email, display_name, roles, person_id, organisation_id, payer_code FROM user_account WHERE id = $1`, [userId]);
    return row;
  }

  /** The account's newest invitation that can still be accepted (not accepted, revoked or expired), if any. */
  async openInvitationOf(userId: string): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM user_invitation WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        ORDER BY created_at DESC, id DESC LIMIT 1`,
      [userId],
    );
    return row?.id;
  }

  async insertInvitation(
    inv: { id: string; tokenHash: string; userId: string; invitedBy: string; expiresAt: Date },
    em: EntityManager,
  ): Promise<void> {
    await em.query(`INSERT INTO user_invitation (id, token_hash, user_id, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      inv.id,
      inv.tokenHash,
      inv.userId,
      inv.invitedBy,
      inv.expiresAt,
    ]);
  }

  /**
   * The invitation with this token hash that can still be accepted (not accepted, revoked or expired; its account
   * not disabled), with its account's address, held until the transaction ends.
   */
  async lockUsableInvitation(tokenHash: string, em: EntityManager): Promise<{ id: string; user_id: string; email: string } | undefined> {
    const [row]: Array<{ id: string; user_id: string; email: string }> = await em.query(
      `SELECT i.id, i.user_id, u.email
         FROM user_invitation i JOIN user_account u ON u.id = i.user_id
        WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
          AND u.disabled_at IS NULL
        FOR UPDATE OF i`,
      [tokenHash],
    );
    return row;
  }

  async markInvitationAccepted(id: string, em: EntityManager): Promise<void> {
    await em.query(`UPDATE user_invitation SET accepted_at = now() WHERE id = $1`, [id]);
  }

  /** The person's account and its latest invitation (issue 16 #3), or undefined when the person has no account. */
  async invitationOfPerson(personId: string): Promise<InvitationRow | undefined> {
    const [row]: InvitationRow[] = await this.ds.query(
      `SELECT u.password_hash IS NOT NULL AS active, i.created_at, i.expires_at, i.accepted_at, i.revoked_at
         FROM user_account u
         LEFT JOIN LATERAL (SELECT * FROM user_invitation WHERE user_id = u.id ORDER BY created_at DESC, id DESC LIMIT 1) i ON true
        WHERE u.person_id = $1`,
      [personId],
    );
    return row;
  }

  /** Revokes the account's open invitations (not accepted, not revoked), except `exceptId` when given. */
  async revokeOpenInvitations(userId: string, em: EntityManager, exceptId?: string): Promise<void> {
    if (exceptId === undefined) {
      await em.query(`UPDATE user_invitation SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`, [userId]);
    } else {
      await em.query(`UPDATE user_invitation SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND accepted_at IS NULL AND revoked_at IS NULL`, [
        userId,
        exceptId,
      ]);
    }
  }

  /** Bootstrapping the first administrator: one start at a time (a transaction-scoped advisory lock). */
  async lockBootstrap(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(724113007)`);
  }

  async hasEnabledAdmin(em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM user_account WHERE 'admin' = ANY(roles) AND disabled_at IS NULL LIMIT 1`);
    return rows.length > 0;
  }

  async accountIdByEmail(email: string, em: EntityManager): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await em.query(`SELECT id FROM user_account WHERE lower(email) = $1`, [email]);
    return row?.id;
  }

  /** Makes an existing account an enabled administrator; sets the password only when it has none. */
  async makeAdmin(id: string, passwordHash: string, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE user_account SET roles = array_append(array_remove(roles, 'admin'), 'admin'), disabled_at = NULL,
              password_hash = coalesce(password_hash, $2) WHERE id = $1`,
      [id, passwordHash],
    );
  }

  async insertAdmin(id: string, email: string, passwordHash: string, em: EntityManager): Promise<void> {
    await em.query(`INSERT INTO user_account (id, email, display_name, roles, password_hash) VALUES ($1, $2, 'Administratör', '{admin}', $3)`, [
      id,
      email,
      passwordHash,
    ]);
  }

  async organisationExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM organisation WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** Those of these groups that exist (ids as text, lower case). */
  async existingGroupIds(ids: readonly string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ds.query(`SELECT id::text FROM working_group WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r) => r.id);
  }

  /** The canonical code of the paying body with this code or alias (any letter case), or undefined. */
  async payingBodyCode(codeOrAlias: string): Promise<string | undefined> {
    const [row]: Array<{ code: string }> = await this.ds.query(
      `SELECT code FROM paying_body WHERE lower(code) = lower($1) OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE lower(a) = lower($1))`,
      [codeOrAlias],
    );
    return row?.code;
  }

  /** Is the person nominated to or assigned in one of these groups? */
  async personInGroups(personId: string, groupIds: readonly string[]): Promise<boolean> {
    const [a] = await this.ds.query(`SELECT 1 FROM assignment WHERE person_id = $1 AND group_id = ANY($2::uuid[]) LIMIT 1`, [personId, groupIds]);
    if (a) return true;
    const [n] = await this.ds.query(`SELECT 1 FROM nomination WHERE person_id = $1 AND group_id = ANY($2::uuid[]) LIMIT 1`, [personId, groupIds]);
    return !!n;
  }

  /** The person's assignments with their group's name, newest first ("Mina uppdrag"). */
  async assignmentsOfPerson(
    personId: string,
  ): Promise<Array<{ id: string; group_id: string; group_name: string; state: string; period_start: string | null; period_end: string | null }>> {
    return this.ds.query(
      `SELECT a.id, a.group_id, g.name AS group_name, a.state, a.period_start::text AS period_start, a.period_end::text AS period_end
         FROM assignment a JOIN working_group g ON g.id = a.group_id
        WHERE a.person_id = $1
        ORDER BY a.created_at DESC, a.id`,
      [personId],
    );
  }

  /** Whether the assignment is the person's own. */
  async isAssignmentOf(assignmentId: string, personId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM assignment WHERE id = $1 AND person_id = $2`, [assignmentId, personId]);
    return rows.length > 0;
  }

  /** The reporting periods of the assignments, oldest first. */
  async reportingPeriodsOf(
    assignmentIds: readonly string[],
  ): Promise<Array<{ assignment_id: string; period_key: string; starts_on: string; ends_on: string; state: string; due_at: Date | null }>> {
    if (!assignmentIds.length) return [];
    return this.ds.query(
      `SELECT assignment_id, period_key, starts_on::text AS starts_on, ends_on::text AS ends_on, state, due_at
         FROM assignment_reporting_period WHERE assignment_id = ANY($1::uuid[]) ORDER BY assignment_id, period_index`,
      [assignmentIds],
    );
  }

  /** The latest agreement version of each assignment that has a document. */
  async latestAgreementsOf(assignmentIds: readonly string[]): Promise<Array<{ assignment_id: string; version: number; state: string; document_id: string }>> {
    if (!assignmentIds.length) return [];
    return this.ds.query(
      `SELECT DISTINCT ON (assignment_id) assignment_id, version, state, document_id
         FROM agreement_draft WHERE assignment_id = ANY($1::uuid[]) AND document_id IS NOT NULL
        ORDER BY assignment_id, version DESC`,
      [assignmentIds],
    );
  }

  /** The latest declaration of each assignment (its state and when; never the interests). */
  async latestDeclarationsOf(assignmentIds: readonly string[]): Promise<Array<{ assignment_id: string; state: string; submitted_at: Date }>> {
    if (!assignmentIds.length) return [];
    return this.ds.query(
      `SELECT DISTINCT ON (assignment_id) assignment_id, state, submitted_at
         FROM declaration WHERE assignment_id = ANY($1::uuid[]) ORDER BY assignment_id, submitted_at DESC`,
      [assignmentIds],
    );
  }
}
