import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable lifecycle's read models: nomination requests and nominations (recruitment), agreement drafts,
 * declarations of interest, reporting periods (assignment), and the mail outbox. The workflows' activities
 * write the states; the API writes what people submit (before it tells the workflow).
 */
export class Lifecycle1764300000000 implements MigrationInterface {
  name = 'Lifecycle1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nomination_request (
        id uuid PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES working_group(id),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        round int NOT NULL CHECK (round >= 1),
        state text NOT NULL CHECK (state IN ('sent','reminded','nominated','declined','no-answer','cancelled')),
        urgent boolean NOT NULL DEFAULT false,
        deadline timestamptz NOT NULL,
        reminded_at timestamptz,
        answered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (group_id, round, organisation_id)
      )`);
    await q.query(`CREATE INDEX nomination_request_org_idx ON nomination_request(organisation_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE nomination (
        id uuid PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES working_group(id),
        request_id uuid REFERENCES nomination_request(id),
        organisation_id uuid REFERENCES organisation(id),
        person_id uuid NOT NULL REFERENCES person(id),
        representation text NOT NULL CHECK (representation IN ('mandate','own-experience','both')),
        state text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted','proposed','appointed','rejected')),
        assignment_id uuid REFERENCES assignment(id),
        nominated_by uuid NOT NULL,
        decided_by uuid,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (representation = 'own-experience' OR organisation_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX nomination_group_idx ON nomination(group_id, created_at)`);
    await q.query(`
      CREATE TABLE agreement_draft (
        id uuid PRIMARY KEY,
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        version int NOT NULL CHECK (version >= 1),
        idempotency_key text NOT NULL UNIQUE,
        terms jsonb NOT NULL,
        state text NOT NULL DEFAULT 'drafted' CHECK (state IN ('drafted','signed','countersigned')),
        document_id uuid,
        drafted_at timestamptz NOT NULL DEFAULT now(),
        signed_by uuid,
        signed_at timestamptz,
        countersigned_by uuid,
        countersigned_at timestamptz,
        UNIQUE (assignment_id, version)
      )`);
    await q.query(`
      CREATE TABLE declaration (
        id uuid PRIMARY KEY,
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        person_id uuid NOT NULL REFERENCES person(id),
        has_interests boolean NOT NULL,
        interests text,
        state text NOT NULL DEFAULT 'stored' CHECK (state IN ('stored','submitted','approved','needs-changes')),
        submitted_by uuid NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        reviewed_by uuid,
        reviewed_at timestamptz,
        review_comment text,
        CHECK (has_interests = false OR length(trim(coalesce(interests, ''))) > 0)
      )`);
    await q.query(`CREATE INDEX declaration_assignment_idx ON declaration(assignment_id, submitted_at DESC)`);
    await q.query(`
      CREATE TABLE assignment_reporting_period (
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        period_key text NOT NULL,
        period_index int NOT NULL CHECK (period_index >= 1),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        due_at timestamptz,
        state text NOT NULL CHECK (state IN ('open','awaiting-report','submitted','attested','missed','unattested')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assignment_id, period_key),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        template text NOT NULL,
        group_id uuid,
        recipient_kind text NOT NULL CHECK (recipient_kind IN ('person','organisation','coordinators','finance')),
        recipient_ref text,
        to_address text,
        subject text NOT NULL,
        body text NOT NULL,
        transport text NOT NULL CHECK (transport IN ('outbox','smtp')),
        status text NOT NULL CHECK (status IN ('stored','sending','sent','no-address')),
        message_id text NOT NULL,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_latest_idx ON outbox(created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX outbox_group_idx ON outbox(group_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE assignment_reporting_period`);
    await q.query(`DROP TABLE declaration`);
    await q.query(`DROP TABLE agreement_draft`);
    await q.query(`DROP TABLE nomination`);
    await q.query(`DROP TABLE nomination_request`);
  }
}
