import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A paying body's settings for its employer return (issue 18 #3, #4), on the same record as its other settings
 * (`paying_body`, migration 1765840000000 adds the organisation number):
 * - `agi_due_rule`: which due date applies (skatteförfarandelagen 26 kap.): `municipality-region` (the 12th),
 *   `vat-up-to-40m` (the 12th, the 17th in January and August), `vat-over-40m` (the 26th) or `no-vat`; seeded
 *   `municipality-region` for the regions and healthcare regions, the main rule for SKR;
 * - `agi_whole_return`: Medverkan's file is the payer's whole return for the month, so it carries the summary (HU);
 *   otherwise (a region or SKR that files through its own payroll) only the individual statements;
 * - `agi_specification_number` (field 570): the number Medverkan's individual statements use, one the payer's own
 *   payroll does not (1–9 999 999 999);
 * - `agi_contact_name`, `agi_contact_phone`, `agi_contact_email`: who Skatteverket may contact about the file (all or none).
 */
export class AgiSettings1765850200000 implements MigrationInterface {
  name = 'AgiSettings1765850200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE paying_body
        ADD COLUMN agi_due_rule text NOT NULL DEFAULT 'municipality-region'
          CONSTRAINT paying_body_agi_due_rule CHECK (agi_due_rule IN ('municipality-region','vat-up-to-40m','vat-over-40m','no-vat')),
        ADD COLUMN agi_whole_return boolean NOT NULL DEFAULT false,
        ADD COLUMN agi_specification_number bigint NOT NULL DEFAULT 1
          CONSTRAINT paying_body_agi_specification_number CHECK (agi_specification_number BETWEEN 1 AND 9999999999),
        ADD COLUMN agi_contact_name text CONSTRAINT paying_body_agi_contact_name CHECK (length(agi_contact_name) BETWEEN 1 AND 50),
        ADD COLUMN agi_contact_phone text CONSTRAINT paying_body_agi_contact_phone CHECK (length(agi_contact_phone) BETWEEN 1 AND 20),
        ADD COLUMN agi_contact_email text CONSTRAINT paying_body_agi_contact_email CHECK (agi_contact_email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'),
        ADD CONSTRAINT paying_body_agi_contact_whole CHECK (
          (agi_contact_name IS NULL) = (agi_contact_phone IS NULL) AND (agi_contact_name IS NULL) = (agi_contact_email IS NULL))`);
    await q.query(`UPDATE paying_body SET agi_due_rule = 'vat-up-to-40m' WHERE kind = 'national'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE paying_body DROP CONSTRAINT paying_body_agi_contact_whole, DROP COLUMN agi_contact_email, DROP COLUMN agi_contact_phone,
        DROP COLUMN agi_contact_name, DROP COLUMN agi_specification_number, DROP COLUMN agi_whole_return, DROP COLUMN agi_due_rule`);
  }
}
