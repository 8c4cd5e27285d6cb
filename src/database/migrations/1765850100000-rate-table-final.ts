import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate tables are superseded, never edited (issue 18 #7):
 * - `rate_table_final`: a stored table cannot be changed (any UPDATE is refused), nor deleted once a payout line was
 *   paid by it (`payout_line.table_code`/`table_version`); payouts record which table and version they used, and the
 *   old version stays readable.
 * - `rate_table_version_chain`: version n > 1 of a code is a supersession of version n − 1: the same payer, the same
 *   last day, and a first day after the previous version's first day and not after its last.
 */
export class RateTableFinal1765850100000 implements MigrationInterface {
  name = 'RateTableFinal1765850100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION rate_table_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          RAISE EXCEPTION 'rate_table_final' USING ERRCODE = '23514', CONSTRAINT = 'rate_table_final',
            DETAIL = format('rate table %s v%s: a stored table is superseded by a new version, never changed', OLD.code, OLD.version);
        END IF;
        IF EXISTS (SELECT 1 FROM payout_line l WHERE l.table_code = OLD.code AND l.table_version = OLD.version) THEN
          RAISE EXCEPTION 'rate_table_final' USING ERRCODE = '23514', CONSTRAINT = 'rate_table_final',
            DETAIL = format('rate table %s v%s has paid lines and cannot be deleted', OLD.code, OLD.version);
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER rate_table_final BEFORE UPDATE OR DELETE ON rate_table FOR EACH ROW EXECUTE FUNCTION rate_table_final()`);
    await q.query(`
      CREATE FUNCTION rate_table_version_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE prev rate_table%ROWTYPE;
      BEGIN
        IF NEW.version = 1 THEN RETURN NEW; END IF;
        SELECT * INTO prev FROM rate_table WHERE code = NEW.code AND version = NEW.version - 1;
        IF NOT FOUND OR prev.payer_code IS DISTINCT FROM NEW.payer_code OR prev.valid_to <> NEW.valid_to
           OR NEW.valid_from <= prev.valid_from OR NEW.valid_from > prev.valid_to THEN
          RAISE EXCEPTION 'rate_table_version_chain' USING ERRCODE = '23514', CONSTRAINT = 'rate_table_version_chain',
            DETAIL = format('rate table %s v%s must supersede v%s of the same payer from a day within it to its last day', NEW.code, NEW.version, NEW.version - 1);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER rate_table_version_chain BEFORE INSERT ON rate_table FOR EACH ROW EXECUTE FUNCTION rate_table_version_chain()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER rate_table_version_chain ON rate_table`);
    await q.query(`DROP FUNCTION rate_table_version_chain()`);
    await q.query(`DROP TRIGGER rate_table_final ON rate_table`);
    await q.query(`DROP FUNCTION rate_table_final()`);
  }
}
