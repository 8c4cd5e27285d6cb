import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every time report is made against an activity (issue 13 §4.5.1), held by the database for new rows:
 * `time_report_activity_required` refuses a report inserted without `activity_id`, and an update that takes a
 * report's activity away (SQLSTATE 23502, constraint `time_report_activity_required`). The column itself stays
 * nullable because the rows from before activities that migration 1765200100000 could not give one keep none: a
 * person's second report of one meeting through a second assignment (issue 13 #1), which is not paid again. Those
 * rows can still be read, rejected or corrected (an update that leaves `activity_id` NULL as it was is allowed, and
 * one that gives them an activity is checked by `time_report_activity_check` as any other).
 */
export class TimeReportActivityRequired1765700000000 implements MigrationInterface {
  name = 'TimeReportActivityRequired1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION time_report_activity_required() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.activity_id IS NULL AND (TG_OP = 'INSERT' OR OLD.activity_id IS NOT NULL) THEN
          RAISE EXCEPTION 'time_report_activity_required' USING ERRCODE = '23502', CONSTRAINT = 'time_report_activity_required',
            DETAIL = format('time report %s: a report is made against an activity (activity_id is required)', NEW.id);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER time_report_activity_required BEFORE INSERT OR UPDATE OF activity_id ON time_report
      FOR EACH ROW EXECUTE FUNCTION time_report_activity_required()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER time_report_activity_required ON time_report`);
    await q.query(`DROP FUNCTION time_report_activity_required()`);
  }
}
