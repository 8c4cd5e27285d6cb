import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payout runs written and approved set-based (src/payouts/payout-store.ts):
 *
 * - `payout_person.inputs_key`: a SHA-256 of everything the person's figures were computed from (payment date,
 *   rate tables, the person's facts, the year's earlier pay, every line's attested figures). An approval whose
 *   inputs give the same keys approves the stored figures without computing them again; NULL (rows from before)
 *   means "compute again".
 * - The row triggers of payout_line guard the same things at less cost per row. `payout_line_final` (a paid line is
 *   final) now fires only for rows that were paid (`WHEN (OLD.state = 'paid')`): for any other row the function did
 *   nothing. "A line is paid only in an approved batch" is checked per row on INSERT, only for rows inserted as
 *   paid (`WHEN`), and once per UPDATE statement over the changed rows (a transition table) instead of one query
 *   per row: marking 120 000 lines paid is one statement and one check. Both refuse exactly what they refused.
 * - `payout_line_once` is the same promise on a generated column: `live` is `state IN ('pending','paid')`, computed
 *   by PostgreSQL (nobody can write it), and the unique index is `(time_report_id) WHERE live`. With no index on
 *   `state` itself and free room in each page (fillfactor 45), marking a batch's lines paid (pending → paid: `live`
 *   stays true) is a HOT update — no index entries written — instead of four index insertions per line.
 *   Queries that look for a report's live line say `live` so the index serves them.
 */
export class PayoutSetBased1764600000000 implements MigrationInterface {
  name = 'PayoutSetBased1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payout_person ADD COLUMN inputs_key text`);

    await q.query(`ALTER TABLE payout_line ADD COLUMN live boolean GENERATED ALWAYS AS (state IN ('pending','paid')) STORED`);
    await q.query(`DROP INDEX payout_line_once`);
    await q.query(`CREATE UNIQUE INDEX payout_line_once ON payout_line(time_report_id) WHERE live`);
    await q.query(`ALTER TABLE payout_line SET (fillfactor = 45)`);

    await q.query(`DROP TRIGGER payout_line_final ON payout_line`);
    await q.query(`
      CREATE TRIGGER payout_line_final BEFORE UPDATE OR DELETE ON payout_line
      FOR EACH ROW WHEN (OLD.state = 'paid') EXECUTE FUNCTION payout_line_final()`);

    await q.query(`DROP TRIGGER payout_line_paid_check ON payout_line`);
    await q.query(`
      CREATE TRIGGER payout_line_paid_check BEFORE INSERT ON payout_line
      FOR EACH ROW WHEN (NEW.state = 'paid') EXECUTE FUNCTION payout_line_paid_needs_approval()`);
    await q.query(`
      CREATE FUNCTION payout_lines_paid_need_approval() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM payout_line_changed c
                    WHERE c.state = 'paid' AND NOT EXISTS (SELECT 1 FROM payout_approval a WHERE a.batch_id = c.batch_id)) THEN
          RAISE EXCEPTION 'a payout line is paid only in an approved batch';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER payout_line_paid_check_update AFTER UPDATE ON payout_line
      REFERENCING NEW TABLE AS payout_line_changed
      FOR EACH STATEMENT EXECUTE FUNCTION payout_lines_paid_need_approval()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER payout_line_paid_check_update ON payout_line`);
    await q.query(`DROP FUNCTION payout_lines_paid_need_approval`);
    await q.query(`DROP TRIGGER payout_line_paid_check ON payout_line`);
    await q.query(`
      CREATE TRIGGER payout_line_paid_check BEFORE INSERT OR UPDATE OF state ON payout_line
      FOR EACH ROW EXECUTE FUNCTION payout_line_paid_needs_approval()`);
    await q.query(`DROP TRIGGER payout_line_final ON payout_line`);
    await q.query(`CREATE TRIGGER payout_line_final BEFORE UPDATE OR DELETE ON payout_line FOR EACH ROW EXECUTE FUNCTION payout_line_final()`);
    await q.query(`ALTER TABLE payout_line RESET (fillfactor)`);
    await q.query(`DROP INDEX payout_line_once`);
    await q.query(`CREATE UNIQUE INDEX payout_line_once ON payout_line(time_report_id) WHERE state IN ('pending','paid')`);
    await q.query(`ALTER TABLE payout_line DROP COLUMN live`);
    await q.query(`ALTER TABLE payout_person DROP COLUMN inputs_key`);
  }
}
