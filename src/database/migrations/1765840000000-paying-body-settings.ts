import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A paying body's own settings (issue 18 #6), edited by an administrator (`PATCH /paying-bodies/:code/settings`):
 * - `organisation_number` (`NNNNNN-NNNN`, Luhn-checked at entry), printed on the payout slips;
 * - the body's own bank account, the debtor of its payment files: `bank_account_enc` (encrypted like a person's
 *   account; `<clearing>-<account>` or an IBAN inside), `bank_account_kind` (`bban` | `iban`) and `bank_bic`
 *   (the debtor agent's BIC) — all three or none (`paying_body_account_whole`);
 * - `pain_version`: the pain.001 message version its bank reads (`pain.001.001.09`, or `.03` for a bank that still
 *   needs it);
 * - `category_purpose` (`SALA` salary payment, `SUPP` supplier payment, or none) and `salary_payment_agreement`
 *   (the body has its bank's salary-payment agreement): SALA only with the agreement (`paying_body_sala_needs_agreement`);
 * - `settings_updated_at`: when an administrator last changed them (each change is also in `audit_log`).
 * `payout_frequency` was there already; it becomes editable through the same endpoint.
 */
export class PayingBodySettings1765840000000 implements MigrationInterface {
  name = 'PayingBodySettings1765840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE paying_body
        ADD COLUMN organisation_number text CONSTRAINT paying_body_organisation_number_form CHECK (organisation_number ~ '^[0-9]{6}-[0-9]{4}$'),
        ADD COLUMN bank_account_enc text CONSTRAINT paying_body_account_encrypted CHECK (bank_account_enc ~ '^v1\\.'),
        ADD COLUMN bank_account_kind text CONSTRAINT paying_body_account_kind CHECK (bank_account_kind IN ('bban','iban')),
        ADD COLUMN bank_bic text CONSTRAINT paying_body_bic_form CHECK (bank_bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
        ADD COLUMN pain_version text NOT NULL DEFAULT 'pain.001.001.09'
          CONSTRAINT paying_body_pain_version CHECK (pain_version IN ('pain.001.001.09','pain.001.001.03')),
        ADD COLUMN category_purpose text CONSTRAINT paying_body_category_purpose CHECK (category_purpose IN ('SALA','SUPP')),
        ADD COLUMN salary_payment_agreement boolean NOT NULL DEFAULT false,
        ADD COLUMN settings_updated_at timestamptz,
        ADD CONSTRAINT paying_body_account_whole CHECK (
          (bank_account_enc IS NULL) = (bank_account_kind IS NULL) AND (bank_account_enc IS NULL) = (bank_bic IS NULL)),
        ADD CONSTRAINT paying_body_sala_needs_agreement CHECK (category_purpose IS DISTINCT FROM 'SALA' OR salary_payment_agreement)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE paying_body
        DROP CONSTRAINT paying_body_sala_needs_agreement, DROP CONSTRAINT paying_body_account_whole,
        DROP COLUMN settings_updated_at, DROP COLUMN salary_payment_agreement, DROP COLUMN category_purpose,
        DROP COLUMN pain_version, DROP COLUMN bank_bic, DROP COLUMN bank_account_kind, DROP COLUMN bank_account_enc,
        DROP COLUMN organisation_number`);
  }
}
