import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * User accounts (Argon2id password hashes, lock-out counters), the groups each coordinator coordinates,
 * sessions (only a SHA-256 of each bearer token is stored) and invitations (likewise stored hashed).
 */
export class UsersAndSessions1764400000000 implements MigrationInterface {
  name = 'UsersAndSessions1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_account (
        id uuid PRIMARY KEY,
        email text NOT NULL CHECK (email = lower(trim(email)) AND position('@' IN email) > 1),
        display_name text NOT NULL CHECK (length(trim(display_name)) > 0),
        roles text[] NOT NULL DEFAULT '{}'
          CHECK (roles <@ ARRAY['admin','coordinator','org-contact','representative','finance']::text[]),
        person_id uuid REFERENCES person(id),
        organisation_id uuid REFERENCES organisation(id),
        payer_code text,
        password_hash text,
        failed_logins int NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX user_account_email_key ON user_account(lower(email))`);
    await q.query(`CREATE UNIQUE INDEX user_account_person_key ON user_account(person_id) WHERE person_id IS NOT NULL`);
    await q.query(`CREATE INDEX user_account_organisation_idx ON user_account(organisation_id) WHERE organisation_id IS NOT NULL`);
    await q.query(`CREATE INDEX user_account_payer_idx ON user_account(payer_code) WHERE payer_code IS NOT NULL`);
    await q.query(`
      CREATE TABLE group_coordinator (
        group_id uuid NOT NULL REFERENCES working_group(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, user_id)
      )`);
    await q.query(`CREATE INDEX group_coordinator_user_idx ON group_coordinator(user_id)`);
    await q.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX auth_session_user_idx ON auth_session(user_id)`);
    await q.query(`
      CREATE TABLE user_invitation (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        invited_by uuid REFERENCES user_account(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX user_invitation_user_idx ON user_invitation(user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_invitation`);
    await q.query(`DROP TABLE auth_session`);
    await q.query(`DROP TABLE group_coordinator`);
    await q.query(`DROP TABLE user_account`);
  }
}
