import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An ended assignment is reported on only up to the day it ended (review finding 3).
 *
 * - `assignment.ended_on`: the day (Europe/Stockholm) the assignment ended, written by the trigger
 *   `assignment_ended_on` when the read model moves it to `ended` (the day of that write; a writer may give the day
 *   itself). Assignments ended before this migration get the day of their `assignment.ended` audit line (else of
 *   their last update).
 * - `time_report_within_assignment`: a report inserted, or moved to another day or assignment, lies on or before
 *   its assignment's `ended_on` (SQLSTATE 23514, constraint `time_report_after_end`; the API answers 400). Rows
 *   already stored are not checked again.
 * - `time_report_agreement_person_day`: reports of an agreement's own activity (work outside meetings, reported per
 *   day) are at most one per person, group and day, whatever assignment of the group they are made in: a person
 *   re-appointed to the group cannot report the same day on the old assignment's own activity and the new one's.
 *   A trigger under an advisory lock on (person, group, day), checking new and moved rows only (SQLSTATE 23505,
 *   constraint `time_report_agreement_person_day`; the API answers 409).
 */
export class AssignmentEndedOn1765600000000 implements MigrationInterface {
  name = 'AssignmentEndedOn1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignment ADD COLUMN ended_on date`);
    await q.query(`
      UPDATE assignment a SET ended_on = coalesce(
        (SELECT (min(l.at) AT TIME ZONE 'Europe/Stockholm')::date FROM audit_log l
          WHERE l.subject_type = 'assignment' AND l.subject_id = a.id::text AND l.action = 'assignment.ended'),
        (a.updated_at AT TIME ZONE 'Europe/Stockholm')::date)
       WHERE a.state = 'ended'`);
    await q.query(`
      CREATE FUNCTION assignment_ended_on() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.state = 'ended' AND OLD.state IS DISTINCT FROM 'ended' AND NEW.ended_on IS NULL THEN
          NEW.ended_on := ((CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE now() END)
                           AT TIME ZONE 'Europe/Stockholm')::date;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER assignment_ended_on BEFORE UPDATE OF state ON assignment FOR EACH ROW EXECUTE FUNCTION assignment_ended_on()`);

    await q.query(`
      CREATE FUNCTION time_report_within_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ended date;
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.activity_date = OLD.activity_date AND NEW.assignment_id = OLD.assignment_id THEN
          RETURN NEW;
        END IF;
        SELECT ended_on INTO ended FROM assignment WHERE id = NEW.assignment_id;
        IF ended IS NOT NULL AND NEW.activity_date > ended THEN
          RAISE EXCEPTION 'time_report_after_end' USING ERRCODE = '23514', CONSTRAINT = 'time_report_after_end',
            DETAIL = format('assignment %s ended on %s; report of %s', NEW.assignment_id, ended, NEW.activity_date);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER time_report_within_assignment BEFORE INSERT OR UPDATE OF activity_date, assignment_id ON time_report
      FOR EACH ROW EXECUTE FUNCTION time_report_within_assignment()`);

    await q.query(`
      CREATE FUNCTION time_report_agreement_person_day() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT NEW.activity_per_day THEN
          RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.activity_per_day AND NEW.activity_date = OLD.activity_date AND NEW.person_id = OLD.person_id
           AND NEW.group_id = OLD.group_id THEN
          RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('time_report_own_day:' || NEW.person_id::text || ':' || NEW.group_id::text || ':' || NEW.activity_date::text));
        IF EXISTS (SELECT 1 FROM time_report t
                    WHERE t.person_id = NEW.person_id AND t.group_id = NEW.group_id AND t.activity_date = NEW.activity_date
                      AND t.activity_per_day AND t.id <> NEW.id) THEN
          RAISE EXCEPTION 'time_report_agreement_person_day' USING ERRCODE = '23505', CONSTRAINT = 'time_report_agreement_person_day',
            DETAIL = format('person %s already reported own work in group %s on %s', NEW.person_id, NEW.group_id, NEW.activity_date);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER time_report_agreement_person_day
        AFTER INSERT OR UPDATE OF activity_date, person_id, group_id, activity_per_day, activity_id ON time_report
        FOR EACH ROW EXECUTE FUNCTION time_report_agreement_person_day()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS time_report_agreement_person_day ON time_report`);
    await q.query(`DROP FUNCTION IF EXISTS time_report_agreement_person_day()`);
    await q.query(`DROP TRIGGER IF EXISTS time_report_within_assignment ON time_report`);
    await q.query(`DROP FUNCTION IF EXISTS time_report_within_assignment()`);
    await q.query(`DROP TRIGGER IF EXISTS assignment_ended_on ON assignment`);
    await q.query(`DROP FUNCTION IF EXISTS assignment_ended_on()`);
    await q.query(`ALTER TABLE assignment DROP COLUMN ended_on`);
  }
}
