import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an attested report pays cannot change under it, and agreed extra preparation holds its days per year under
 * concurrent writers (review findings 7 and 6).
 *
 * - `group_activity_attested`: an activity's fee rule, kind, date and length (what its reports are paid by) cannot
 *   change once a report against it is attested (SQLSTATE 23514; the API answers 409).
 * - `time_report_attest_locks_activity`: attesting a report against an activity takes FOR SHARE on the activity,
 *   so a change of the activity running at the same moment either waits and then sees the attested report, or
 *   commits first and the report is attested against the changed activity (the API's attest takes the same lock
 *   first, so the two never deadlock).
 * - `time_report_extra_preparation_limit`: a report of extra preparation made without an activity (the agreement's
 *   days; reports before issue 13 §4.5.1) that newly counts (inserted, moved, or no longer rejected) brings the
 *   assignment's non-rejected extra-preparation reports of that year to at most `extra_preparation_days`, under an
 *   advisory lock on (assignment, year) (SQLSTATE 23514; the API answers 400).
 */
export class ActivityFeeFrozen1765600200000 implements MigrationInterface {
  name = 'ActivityFeeFrozen1765600200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION group_activity_attested() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.fee_rule, NEW.kind, NEW.activity_date, NEW.duration_minutes) IS DISTINCT FROM (OLD.fee_rule, OLD.kind, OLD.activity_date, OLD.duration_minutes)
           AND EXISTS (SELECT 1 FROM time_report WHERE activity_id = OLD.id AND state = 'attested') THEN
          RAISE EXCEPTION 'group_activity_attested' USING ERRCODE = '23514', CONSTRAINT = 'group_activity_attested',
            DETAIL = format('activity %s has an attested report: its fee rule, kind, date and length are fixed', OLD.id);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER group_activity_attested BEFORE UPDATE OF fee_rule, kind, activity_date, duration_minutes ON group_activity
      FOR EACH ROW EXECUTE FUNCTION group_activity_attested()`);
    await q.query(`
      CREATE FUNCTION time_report_attest_locks_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.state = 'attested' AND NEW.activity_id IS NOT NULL THEN
          PERFORM 1 FROM group_activity WHERE id = NEW.activity_id FOR SHARE;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER time_report_attest_locks_activity BEFORE INSERT OR UPDATE OF state, activity_id ON time_report
      FOR EACH ROW EXECUTE FUNCTION time_report_attest_locks_activity()`);

    await q.query(`
      CREATE FUNCTION time_report_extra_preparation_limit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        allowed int;
        used bigint;
      BEGIN
        IF NEW.kind <> 'extra-preparation' OR NEW.activity_id IS NOT NULL OR NEW.state = 'rejected' THEN
          RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.state <> 'rejected' AND OLD.kind = 'extra-preparation' AND OLD.activity_id IS NULL
           AND OLD.assignment_id = NEW.assignment_id AND date_part('year', OLD.activity_date) = date_part('year', NEW.activity_date) THEN
          RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('time_report_extra_preparation:' || NEW.assignment_id::text || ':' || date_part('year', NEW.activity_date)::text));
        SELECT extra_preparation_days INTO allowed FROM assignment WHERE id = NEW.assignment_id;
        SELECT count(*) INTO used FROM time_report
         WHERE assignment_id = NEW.assignment_id AND kind = 'extra-preparation' AND state <> 'rejected'
           AND date_part('year', activity_date) = date_part('year', NEW.activity_date);
        IF used > coalesce(allowed, 0) THEN
          RAISE EXCEPTION 'time_report_extra_preparation_limit' USING ERRCODE = '23514', CONSTRAINT = 'time_report_extra_preparation_limit',
            DETAIL = format('assignment %s: %s extra-preparation reports in %s, %s agreed', NEW.assignment_id, used, date_part('year', NEW.activity_date), coalesce(allowed, 0));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER time_report_extra_preparation_limit
        AFTER INSERT OR UPDATE OF kind, state, activity_date, activity_id, assignment_id ON time_report
        FOR EACH ROW EXECUTE FUNCTION time_report_extra_preparation_limit()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER time_report_extra_preparation_limit ON time_report`);
    await q.query(`DROP FUNCTION time_report_extra_preparation_limit()`);
    await q.query(`DROP TRIGGER time_report_attest_locks_activity ON time_report`);
    await q.query(`DROP FUNCTION time_report_attest_locks_activity()`);
    await q.query(`DROP TRIGGER group_activity_attested ON group_activity`);
    await q.query(`DROP FUNCTION group_activity_attested()`);
  }
}
