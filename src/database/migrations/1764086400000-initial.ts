import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764086400000 implements MigrationInterface {
  name = 'Initial1764086400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE working_group (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(trim(name)) > 0),
        kind text NOT NULL CHECK (kind IN ('NPO','NSG','NAG','RPO','RAG')),
        parent_group_id uuid REFERENCES working_group(id),
        host_region text CHECK (host_region IN ('norra','mellansverige','stockholm-gotland','sydostra','vastra','sodra')),
        commission text NOT NULL,
        standing boolean NOT NULL DEFAULT true,
        ends_on date,
        work_started_on date,
        min_representatives int NOT NULL DEFAULT 2 CHECK (min_representatives >= 2),
        recruitment_state text NOT NULL DEFAULT 'not-started',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX working_group_parent_idx ON working_group(parent_group_id)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        idempotency_key text UNIQUE,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_subject_idx ON audit_log(subject_type, subject_id, at)`);
    // The audit log is append-only: updates and deletes are refused by the database itself.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only`);
    await q.query(`DROP TABLE working_group`);
  }
}
