import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payer's routine policies become editable through `PATCH /paying-bodies/:code/settings` (issue 16 #5, #6), and
 * the database holds the routine's bounds whoever writes:
 * - `declaration_renew_months`: a declaration of interests is renewed at least every 3 years (§4.3, SKR's rule; some
 *   regions yearly), so 1–36 months (it allowed up to 120 before; every stored value is 12 or 36);
 * - `f_skatt_contact`: whom a payee refused on F-skatt is told to contact, at most 200 characters (it was only
 *   "not blank").
 */
export class PayingBodyRoutinePolicies1765870000000 implements MigrationInterface {
  name = 'PayingBodyRoutinePolicies1765870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE paying_body
        DROP CONSTRAINT paying_body_declaration_renew_months,
        ADD CONSTRAINT paying_body_declaration_renew_months CHECK (declaration_renew_months BETWEEN 1 AND 36),
        ADD CONSTRAINT paying_body_f_skatt_contact_length CHECK (length(f_skatt_contact) <= 200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE paying_body
        DROP CONSTRAINT paying_body_f_skatt_contact_length,
        DROP CONSTRAINT paying_body_declaration_renew_months,
        ADD CONSTRAINT paying_body_declaration_renew_months CHECK (declaration_renew_months BETWEEN 1 AND 120)`);
  }
}
