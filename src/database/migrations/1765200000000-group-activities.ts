import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The activity the group calls is a record (issue 13, §4.5.1):
 *
 * - `group_activity`: a meeting or other work the group calls to (date, start, length, mode, fee rule, agenda, when
 *   the material was sent), or — with `assignment_id` set — the agreement's own activity of one assignment (work the
 *   agreement allows outside meetings; no date, length or mode of its own: the report gives the day). At most one
 *   own activity per assignment.
 * - `group_activity_called`: who is called (assignments of the group).
 * - `time_report.activity_id`: the activity a report is made against. The trigger `time_report_activity_check`
 *   fills `activity_per_day` from the activity (true for an agreement's own activity) and refuses a report whose
 *   activity is of another group, of another date (an ordinary activity), of another assignment (an own
 *   activity) or that the assignment is not called to.
 * - One report per person and activity (`time_report_activity_once`); for the agreement's own activity one per
 *   person, activity and day (`time_report_agreement_activity_day`).
 */
export class GroupActivities1765200000000 implements MigrationInterface {
  name = 'GroupActivities1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE group_activity (
        id uuid PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES working_group(id),
        assignment_id uuid REFERENCES assignment(id),
        title text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('meeting','other-work','extra-preparation','open-information-meeting')),
        activity_date date,
        start_time time,
        duration_minutes int CHECK (duration_minutes BETWEEN 1 AND 1440),
        mode text CHECK (mode IN ('on-site','video','phone')),
        fee_rule text NOT NULL DEFAULT 'by-length' CHECK (fee_rule IN ('by-length','hourly','full-day','half-day','short')),
        agenda jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(agenda) = 'array' AND jsonb_array_length(agenda) <= 50),
        material_sent_on date,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (
          (assignment_id IS NULL AND activity_date IS NOT NULL AND duration_minutes IS NOT NULL AND mode IS NOT NULL)
          OR (assignment_id IS NOT NULL AND kind = 'other-work' AND activity_date IS NULL AND duration_minutes IS NULL AND mode IS NULL)
        )
      )`);
    await q.query(`CREATE UNIQUE INDEX group_activity_agreement_once ON group_activity(assignment_id) WHERE assignment_id IS NOT NULL`);
    await q.query(`CREATE INDEX group_activity_group_date_idx ON group_activity(group_id, activity_date)`);
    await q.query(`
      CREATE TABLE group_activity_called (
        activity_id uuid NOT NULL REFERENCES group_activity(id) ON DELETE CASCADE,
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        PRIMARY KEY (activity_id, assignment_id)
      )`);
    await q.query(`CREATE INDEX group_activity_called_assignment_idx ON group_activity_called(assignment_id)`);
    // Only assignments of the activity's own group can be called.
    await q.query(`
      CREATE FUNCTION group_activity_called_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM group_activity g JOIN assignment a ON a.group_id = g.group_id
                        WHERE g.id = NEW.activity_id AND a.id = NEW.assignment_id AND g.assignment_id IS NULL) THEN
          RAISE EXCEPTION 'only an assignment of the activity''s group can be called to it' USING ERRCODE = '23514',
            CONSTRAINT = 'group_activity_called_group';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER group_activity_called_check BEFORE INSERT OR UPDATE ON group_activity_called
      FOR EACH ROW EXECUTE FUNCTION group_activity_called_check()`);

    await q.query(`ALTER TABLE time_report ADD COLUMN activity_id uuid REFERENCES group_activity(id)`);
    await q.query(`ALTER TABLE time_report ADD COLUMN activity_per_day boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE FUNCTION time_report_activity_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        act group_activity%ROWTYPE;
      BEGIN
        IF NEW.activity_id IS NULL THEN
          NEW.activity_per_day := false;
          RETURN NEW;
        END IF;
        SELECT * INTO act FROM group_activity WHERE id = NEW.activity_id;
        IF act.group_id <> NEW.group_id THEN
          RAISE EXCEPTION 'a time report''s activity is of its own group' USING ERRCODE = '23514', CONSTRAINT = 'time_report_activity_group';
        END IF;
        IF act.assignment_id IS NOT NULL THEN
          IF act.assignment_id <> NEW.assignment_id THEN
            RAISE EXCEPTION 'an agreement''s own activity is reported only in that agreement' USING ERRCODE = '23514',
              CONSTRAINT = 'time_report_activity_called';
          END IF;
          NEW.activity_per_day := true;
        ELSE
          IF act.activity_date <> NEW.activity_date THEN
            RAISE EXCEPTION 'a time report of an activity has the activity''s date' USING ERRCODE = '23514', CONSTRAINT = 'time_report_activity_date';
          END IF;
          IF NOT EXISTS (SELECT 1 FROM group_activity_called c WHERE c.activity_id = NEW.activity_id AND c.assignment_id = NEW.assignment_id) THEN
            RAISE EXCEPTION 'only an assignment called to the activity reports it' USING ERRCODE = '23514', CONSTRAINT = 'time_report_activity_called';
          END IF;
          NEW.activity_per_day := false;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER time_report_activity_check BEFORE INSERT OR UPDATE OF activity_id, activity_date, assignment_id, group_id, activity_per_day ON time_report
      FOR EACH ROW EXECUTE FUNCTION time_report_activity_check()`);
    // One report per person and activity (whatever the assignment: a person with two assignments in a group still
    // reports one meeting once); the agreement's own activity: one per person and day.
    await q.query(`CREATE UNIQUE INDEX time_report_activity_once ON time_report(person_id, activity_id) WHERE activity_id IS NOT NULL AND NOT activity_per_day`);
    await q.query(`CREATE UNIQUE INDEX time_report_agreement_activity_day ON time_report(person_id, activity_id, activity_date) WHERE activity_per_day`);
    await q.query(`CREATE INDEX time_report_activity_idx ON time_report(activity_id) WHERE activity_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX time_report_activity_idx`);
    await q.query(`DROP INDEX time_report_agreement_activity_day`);
    await q.query(`DROP INDEX time_report_activity_once`);
    await q.query(`DROP TRIGGER time_report_activity_check ON time_report`);
    await q.query(`DROP FUNCTION time_report_activity_check`);
    await q.query(`ALTER TABLE time_report DROP COLUMN activity_per_day`);
    await q.query(`ALTER TABLE time_report DROP COLUMN activity_id`);
    await q.query(`DROP TABLE group_activity_called`);
    await q.query(`DROP FUNCTION group_activity_called_check`);
    await q.query(`DROP TABLE group_activity`);
  }
}
