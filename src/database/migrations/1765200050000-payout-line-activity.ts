import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one pending or paid payout line per person and activity (issue 13 #1 "at most one paid line per
 * activity"), whatever the reports: `payout_line.activity_id` and `activity_per_day` are copied from the line's
 * time report by the trigger `payout_line_activity_fill` (nobody writes them), and two unique indexes over the
 * live lines (`live` = pending or paid) hold one line per (person, activity) — for an agreement's own activity one
 * per (person, activity, day). `payout_line_once` still holds one live line per report.
 *
 * Lines written before this migration get their activity from their report; paid lines are final
 * (`payout_line_final`), so that trigger is off for the copy only, inside this migration's transaction.
 */
export class PayoutLineActivity1765200050000 implements MigrationInterface {
  name = 'PayoutLineActivity1765200050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payout_line ADD COLUMN activity_id uuid REFERENCES group_activity(id)`);
    await q.query(`ALTER TABLE payout_line ADD COLUMN activity_per_day boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE FUNCTION payout_line_activity_fill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT tr.activity_id, tr.activity_per_day INTO NEW.activity_id, NEW.activity_per_day
          FROM time_report tr WHERE tr.id = NEW.time_report_id;
        NEW.activity_per_day := coalesce(NEW.activity_per_day, false);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payout_line_activity_fill BEFORE INSERT OR UPDATE OF time_report_id, activity_id, activity_per_day ON payout_line
      FOR EACH ROW EXECUTE FUNCTION payout_line_activity_fill()`);
    await q.query(`ALTER TABLE payout_line DISABLE TRIGGER payout_line_final`);
    await q.query(`UPDATE payout_line l SET activity_id = tr.activity_id FROM time_report tr WHERE tr.id = l.time_report_id AND tr.activity_id IS NOT NULL`);
    await q.query(`ALTER TABLE payout_line ENABLE TRIGGER payout_line_final`);
    await q.query(
      `CREATE UNIQUE INDEX payout_line_activity_once ON payout_line(person_id, activity_id) WHERE live AND activity_id IS NOT NULL AND NOT activity_per_day`,
    );
    await q.query(`CREATE UNIQUE INDEX payout_line_agreement_activity_day ON payout_line(person_id, activity_id, activity_date) WHERE live AND activity_per_day`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payout_line_agreement_activity_day`);
    await q.query(`DROP INDEX payout_line_activity_once`);
    await q.query(`DROP TRIGGER payout_line_activity_fill ON payout_line`);
    await q.query(`DROP FUNCTION payout_line_activity_fill`);
    await q.query(`ALTER TABLE payout_line DROP COLUMN activity_per_day`);
    await q.query(`ALTER TABLE payout_line DROP COLUMN activity_id`);
  }
}
