import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How your input was used (issue 19 #1):
 * - `input_item`: per activity of a group (a meeting, not an agreement's own activity) what the patient and
 *   närstående representatives raised (`raised`, at most 2000 characters, plain text), optionally by whom (one of the
 *   group's assignments), and what became of it: `outcome` taken in / changed the text / not taken in (null until the
 *   coordinator records it), with a `reason` that is required when not taken in (`input_item_reason_required`), and
 *   optionally the guideline section it touched. `outcome_revision` counts the recorded outcomes (1 for the first,
 *   one more for each change), so each one's mail has its own idempotency key. `input_item_consistent` keeps the
 *   item's group the activity's, refuses an agreement's own activity and a raiser from another group;
 * - `input_evaluation`: a representative's answer to "Kom din kunskap till användning?" for an assignment and a year,
 *   1–5 with optional free text (at most 2000 characters), once per assignment and year (`input_evaluation_once`).
 */
export class InputItems1766000000000 implements MigrationInterface {
  name = 'InputItems1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE input_item (
        id uuid PRIMARY KEY,
        activity_id uuid NOT NULL REFERENCES group_activity(id),
        group_id uuid NOT NULL REFERENCES working_group(id),
        raised text NOT NULL CONSTRAINT input_item_raised_length CHECK (char_length(btrim(raised)) BETWEEN 1 AND 2000),
        raised_by_assignment_id uuid REFERENCES assignment(id),
        outcome text CONSTRAINT input_item_outcome_known CHECK (outcome IN ('taken-in', 'changed-text', 'not-taken-in')),
        reason text CONSTRAINT input_item_reason_length CHECK (reason IS NULL OR char_length(btrim(reason)) BETWEEN 1 AND 2000),
        guideline_section text CONSTRAINT input_item_section_length CHECK (guideline_section IS NULL OR char_length(btrim(guideline_section)) BETWEEN 1 AND 200),
        outcome_revision int NOT NULL DEFAULT 0 CHECK (outcome_revision >= 0),
        outcome_recorded_at timestamptz,
        created_by uuid,
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT input_item_reason_required CHECK (outcome IS DISTINCT FROM 'not-taken-in' OR reason IS NOT NULL),
        CONSTRAINT input_item_revision_with_outcome CHECK ((outcome IS NULL) = (outcome_recorded_at IS NULL))
      )`);
    await q.query(`CREATE INDEX input_item_activity_idx ON input_item(activity_id, created_at)`);
    await q.query(`CREATE INDEX input_item_group_idx ON input_item(group_id)`);
    await q.query(`
      CREATE FUNCTION input_item_consistent() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        a record;
      BEGIN
        SELECT group_id, assignment_id INTO a FROM group_activity WHERE id = NEW.activity_id;
        IF a.group_id IS DISTINCT FROM NEW.group_id THEN
          RAISE EXCEPTION 'input_item: group % is not the group of activity %', NEW.group_id, NEW.activity_id USING ERRCODE = '23514';
        END IF;
        IF a.assignment_id IS NOT NULL THEN
          RAISE EXCEPTION 'input_item: activity % is an agreement''s own activity', NEW.activity_id USING ERRCODE = '23514';
        END IF;
        IF NEW.raised_by_assignment_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM assignment WHERE id = NEW.raised_by_assignment_id AND group_id = NEW.group_id) THEN
          RAISE EXCEPTION 'input_item: assignment % is not of group %', NEW.raised_by_assignment_id, NEW.group_id USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER input_item_consistent BEFORE INSERT OR UPDATE ON input_item FOR EACH ROW EXECUTE FUNCTION input_item_consistent()`);
    await q.query(`
      CREATE TABLE input_evaluation (
        id uuid PRIMARY KEY,
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        group_id uuid NOT NULL REFERENCES working_group(id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        score int NOT NULL CONSTRAINT input_evaluation_scale CHECK (score BETWEEN 1 AND 5),
        comment text CONSTRAINT input_evaluation_comment_length CHECK (comment IS NULL OR char_length(btrim(comment)) BETWEEN 1 AND 2000),
        answered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT input_evaluation_once UNIQUE (assignment_id, year)
      )`);
    await q.query(`CREATE INDEX input_evaluation_group_idx ON input_evaluation(group_id, year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE input_evaluation`);
    await q.query(`DROP TABLE input_item`);
    await q.query(`DROP FUNCTION input_item_consistent()`);
  }
}
