import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The group's yearly review by its NPO (issue 16, §3.2 "Arbetsgrupperna ska ses över årligen av respektive NPO"):
 *
 * - `group_review_policy`: one row, the policy the review task is derived from (data, not code): the month of the
 *   year the review is made in (`review_month`, default 12: due by 31 December) and how old a group must be when
 *   that month begins to be reviewed that year (`min_age_days`, default 180). An administrator changes it
 *   (PUT /group-review-policy); tests set it to the current month.
 * - `group_review`: the decision of one group's review of one year — continue, change (with what changes) or end —
 *   once per group and year (`group_review_once`), with the figures the yearly report was made from
 *   (`report_data`, the PDF's exact data) and the stored PDF (`document_id`, a `yearly-report` document with its
 *   SHA-256). A decision is final: the only change allowed is setting `document_id` once (`group_review_final`).
 * - `document.kind` also allows `yearly-report`.
 */
export class GroupReviews1766100000000 implements MigrationInterface {
  name = 'GroupReviews1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE group_review_policy (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        review_month int NOT NULL DEFAULT 12 CONSTRAINT group_review_policy_month CHECK (review_month BETWEEN 1 AND 12),
        min_age_days int NOT NULL DEFAULT 180 CONSTRAINT group_review_policy_age CHECK (min_age_days BETWEEN 0 AND 3650),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO group_review_policy (id) VALUES (1)`);
    await q.query(`
      CREATE TABLE group_review (
        id uuid PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES working_group(id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        decision text NOT NULL CHECK (decision IN ('continue', 'change', 'end')),
        changes text CHECK (changes IS NULL OR length(changes) <= 2000),
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        report_data jsonb NOT NULL CHECK (jsonb_typeof(report_data) = 'object'),
        document_id uuid REFERENCES document(id),
        CONSTRAINT group_review_changes CHECK ((decision = 'change') = (changes IS NOT NULL AND length(trim(changes)) > 0))
      )`);
    await q.query(`CREATE UNIQUE INDEX group_review_once ON group_review(group_id, year)`);
    await q.query(`
      CREATE FUNCTION group_review_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'group_review: a recorded decision is kept' USING ERRCODE = 'check_violation', CONSTRAINT = 'group_review_final';
        END IF;
        IF OLD.document_id IS NULL AND NEW.document_id IS NOT NULL
           AND (to_jsonb(NEW) - 'document_id') = (to_jsonb(OLD) - 'document_id') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'group_review: a recorded decision cannot change' USING ERRCODE = 'check_violation', CONSTRAINT = 'group_review_final';
      END $$`);
    await q.query(`CREATE TRIGGER group_review_final BEFORE UPDATE OR DELETE ON group_review FOR EACH ROW EXECUTE FUNCTION group_review_final()`);
    await q.query(`ALTER TABLE document DROP CONSTRAINT document_kind_check`);
    await q.query(`ALTER TABLE document ADD CONSTRAINT document_kind_check CHECK (kind IN ('agreement','declaration','payout-slip','yearly-report'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document DROP CONSTRAINT document_kind_check`);
    await q.query(`ALTER TABLE document ADD CONSTRAINT document_kind_check CHECK (kind IN ('agreement','declaration','payout-slip'))`);
    await q.query(`DROP TABLE group_review`);
    await q.query(`DROP FUNCTION group_review_final()`);
    await q.query(`DROP TABLE group_review_policy`);
  }
}
