import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run covers a closed period; lines attested later go into a supplementary run (issue 13 #3).
 *
 * - `payout_batch.supplement`: 0 for the period's ordinary run, 1, 2, … for its supplementary runs
 *   (kompletteringsomgångar). One batch per payer, period and supplement (replaces one per payer and period).
 * - `payout_batch_one_draft`: at most one draft per payer and period, so two runs of one period never compete for
 *   its lines; `payout_batch_supplement_order`: a supplementary run is written only after the period's previous run
 *   is closed (approved, cancelled or empty) — two supplementary runs started at once are one.
 * - `payout_approval_after_period`: an approval (its payment date, and its timestamp in Europe/Stockholm) lies after
 *   the last day of the batch's period. Batches approved before this migration are not checked again.
 * - A time report stays in at most one pending or paid line whatever runs exist (`payout_line_once`, unchanged):
 *   a supplementary run can never pay a line twice.
 */
export class PayoutClosedPeriods1765500000000 implements MigrationInterface {
  name = 'PayoutClosedPeriods1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payout_batch ADD COLUMN supplement int NOT NULL DEFAULT 0 CHECK (supplement >= 0)`);
    await q.query(`ALTER TABLE payout_batch DROP CONSTRAINT payout_batch_payer_code_period_key`);
    await q.query(`ALTER TABLE payout_batch ADD CONSTRAINT payout_batch_run_key UNIQUE (payer_code, period, supplement)`);
    await q.query(`CREATE UNIQUE INDEX payout_batch_one_draft ON payout_batch (payer_code, period) WHERE state = 'draft'`);
    await q.query(`
      CREATE FUNCTION payout_batch_supplement_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.supplement > 0 AND NOT EXISTS (
             SELECT 1 FROM payout_batch b
              WHERE b.payer_code = NEW.payer_code AND b.period = NEW.period AND b.supplement = NEW.supplement - 1 AND b.state <> 'draft') THEN
          RAISE EXCEPTION 'a supplementary payout run follows a closed run of the same period (% %, supplement %)', NEW.payer_code, NEW.period, NEW.supplement
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payout_batch_supplement_order BEFORE INSERT OR UPDATE OF supplement, payer_code, period ON payout_batch
      FOR EACH ROW EXECUTE FUNCTION payout_batch_supplement_order()`);
    await q.query(`
      CREATE FUNCTION payout_approval_after_period() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_day date;
      BEGIN
        SELECT period_end INTO last_day FROM payout_batch WHERE id = NEW.batch_id;
        IF last_day IS NOT NULL AND (NEW.payment_date <= last_day OR (NEW.approved_at AT TIME ZONE 'Europe/Stockholm')::date <= last_day) THEN
          RAISE EXCEPTION 'a payout run is approved only after its period has ended (last day %)', last_day USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payout_approval_after_period BEFORE INSERT ON payout_approval
      FOR EACH ROW EXECUTE FUNCTION payout_approval_after_period()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER payout_approval_after_period ON payout_approval`);
    await q.query(`DROP FUNCTION payout_approval_after_period`);
    await q.query(`DROP TRIGGER payout_batch_supplement_order ON payout_batch`);
    await q.query(`DROP FUNCTION payout_batch_supplement_order`);
    await q.query(`DROP INDEX payout_batch_one_draft`);
    await q.query(`ALTER TABLE payout_batch DROP CONSTRAINT payout_batch_run_key`);
    await q.query(`ALTER TABLE payout_batch ADD CONSTRAINT payout_batch_payer_code_period_key UNIQUE (payer_code, period)`);
    await q.query(`ALTER TABLE payout_batch DROP COLUMN supplement`);
  }
}
