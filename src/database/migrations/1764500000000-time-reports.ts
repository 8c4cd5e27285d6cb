import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time and cost reports (one row per reported meeting or activity: the line that is attested and paid), their
 * receipts (bytea with SHA-256), the claim policy (deadlines are data, editable per payer) and the reminders
 * sent before a claim deadline passes.
 */
export class TimeReports1764500000000 implements MigrationInterface {
  name = 'TimeReports1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claim_policy (
        scope text PRIMARY KEY CHECK (length(trim(scope)) > 0),
        claim_within_months int NOT NULL CHECK (claim_within_months BETWEEN 1 AND 120),
        receipt_max_age_months int NOT NULL CHECK (receipt_max_age_months BETWEEN 1 AND 120),
        remind_days_before int NOT NULL CHECK (remind_days_before BETWEEN 0 AND 365),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One region's rule (DOMAIN.md "Claims"): claims within 3 months of the activity, receipts no older than 6.
    await q.query(`INSERT INTO claim_policy (scope, claim_within_months, receipt_max_age_months, remind_days_before)
                   VALUES ('default', 3, 6, 14)`);
    await q.query(`
      CREATE TABLE time_report (
        id uuid PRIMARY KEY,
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        person_id uuid NOT NULL REFERENCES person(id),
        group_id uuid NOT NULL REFERENCES working_group(id),
        payer_code text NOT NULL,
        activity_date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('meeting','introduction','extra-preparation','open-information-meeting')),
        meeting_ref text NOT NULL DEFAULT '',
        description text,
        duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
        travel_minutes int NOT NULL DEFAULT 0 CHECK (travel_minutes BETWEEN 0 AND 1440),
        participation text NOT NULL CHECK (participation IN ('on-site','video','phone')),
        ticket_cost_ore int NOT NULL DEFAULT 0 CHECK (ticket_cost_ore >= 0),
        other_travel_cost_ore int NOT NULL DEFAULT 0 CHECK (other_travel_cost_ore >= 0),
        car_km int NOT NULL DEFAULT 0 CHECK (car_km >= 0),
        state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','submitted','attested','rejected')),
        claim_deadline date NOT NULL,
        first_submitted_at timestamptz,
        submitted_at timestamptz,
        attestation_decision text CHECK (attestation_decision IN ('confirmed','adjusted','rejected')),
        attestation_reason text,
        attested_duration_minutes int CHECK (attested_duration_minutes BETWEEN 1 AND 1440),
        attested_travel_minutes int CHECK (attested_travel_minutes BETWEEN 0 AND 1440),
        attested_ticket_cost_ore int CHECK (attested_ticket_cost_ore >= 0),
        attested_other_travel_cost_ore int CHECK (attested_other_travel_cost_ore >= 0),
        attested_car_km int CHECK (attested_car_km >= 0),
        attested_by uuid,
        attested_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (state <> 'attested' OR (attestation_decision IN ('confirmed','adjusted') AND attested_duration_minutes IS NOT NULL)),
        CHECK (attestation_decision NOT IN ('adjusted','rejected') OR length(trim(coalesce(attestation_reason, ''))) > 0)
      )`);
    // The same activity reported twice is refused by the database itself (the API answers 409).
    await q.query(`CREATE UNIQUE INDEX time_report_activity_key ON time_report(assignment_id, activity_date, kind, meeting_ref)`);
    await q.query(`CREATE INDEX time_report_person_idx ON time_report(person_id, activity_date)`);
    await q.query(`CREATE INDEX time_report_group_idx ON time_report(group_id, state)`);
    await q.query(`CREATE INDEX time_report_payable_idx ON time_report(payer_code, activity_date) WHERE state = 'attested'`);
    await q.query(`
      CREATE TABLE time_report_receipt (
        id uuid PRIMARY KEY,
        time_report_id uuid NOT NULL REFERENCES time_report(id) ON DELETE CASCADE,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/jpeg','image/png')),
        size_bytes int NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        receipt_date date NOT NULL,
        uploaded_by uuid,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (octet_length(content) = size_bytes),
        UNIQUE (time_report_id, sha256)
      )`);
    await q.query(`
      CREATE TABLE claim_reminder (
        id uuid PRIMARY KEY,
        time_report_id uuid NOT NULL REFERENCES time_report(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id),
        claim_deadline date NOT NULL,
        reminded_on date NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (time_report_id, claim_deadline)
      )`);
    await q.query(`CREATE INDEX claim_reminder_person_idx ON claim_reminder(person_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claim_reminder`);
    await q.query(`DROP TABLE time_report_receipt`);
    await q.query(`DROP TABLE time_report`);
    await q.query(`DROP TABLE claim_policy`);
  }
}
