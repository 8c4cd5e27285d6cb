import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meeting plus travel time per person and day is at most 24 hours across all their reports (issue 13 #9).
 *
 * `time_report_day_limit`: after a report is inserted or its date, person, state or minutes change, the sum of
 * `coalesce(attested, reported)` meeting + travel minutes of that person's reports on that day (rejected ones left
 * out) must be at most 1 440, else the statement fails with SQLSTATE 23514 and the message
 * `time_report_day_limit` (the API answers 400). A transaction-scoped advisory lock on (person, day) serialises
 * concurrent writers, so two reports sent at the same moment cannot both pass.
 */
export class TimeReportDayLimit1764700000000 implements MigrationInterface {
  name = 'TimeReportDayLimit1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION time_report_day_limit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        total bigint;
      BEGIN
        IF NEW.state = 'rejected' THEN
          RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('time_report_day:' || NEW.person_id::text || ':' || NEW.activity_date::text));
        SELECT coalesce(sum(coalesce(attested_duration_minutes, duration_minutes) + coalesce(attested_travel_minutes, travel_minutes)), 0)
          INTO total
          FROM time_report
         WHERE person_id = NEW.person_id AND activity_date = NEW.activity_date AND state <> 'rejected';
        IF total > 1440 THEN
          RAISE EXCEPTION 'time_report_day_limit' USING ERRCODE = '23514',
            DETAIL = format('person %s, day %s: %s minutes', NEW.person_id, NEW.activity_date, total);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER time_report_day_limit
        AFTER INSERT OR UPDATE OF person_id, activity_date, state, duration_minutes, travel_minutes,
          attested_duration_minutes, attested_travel_minutes
        ON time_report
        FOR EACH ROW EXECUTE FUNCTION time_report_day_limit()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS time_report_day_limit ON time_report`);
    await q.query(`DROP FUNCTION IF EXISTS time_report_day_limit()`);
  }
}
