import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approval freezes what is paid (issue 13 #2).
 *
 * - `payout_payee`: one row per person of an approved batch with the payee's personnummer and bank account as they
 *   were at approval, encrypted like `person`'s (the same field cipher; the ciphertext is copied, never decrypted).
 *   Written by the approval's transaction; final (no UPDATE, no DELETE). The bank file, the AGI figures and the slip
 *   of an approved batch read only these. (A table of its own, so the approval does not rewrite `payout_person`.)
 * - `payout_approval_needs_payees`: an approval row can be written only when every person of the batch has a
 *   `payout_payee` row with both details.
 * - `payout_person_final`: once a batch's approval row exists, its people's rows (amounts, tax figures) cannot be
 *   changed or deleted; only `slip_document_id` (the slip made after approval) may be set. Paid lines were final
 *   already (`payout_line_final`), approved batches too (`payout_batch_final`).
 * - Batches approved before this migration get the details the person has now (what their bank file showed until
 *   now), with `frozen_at` NULL so that is visible.
 */
export class PayoutSnapshot1764800000000 implements MigrationInterface {
  name = 'PayoutSnapshot1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payout_payee (
        batch_id uuid NOT NULL,
        person_id uuid NOT NULL,
        personal_number_enc text NOT NULL,
        bank_account_enc text NOT NULL,
        frozen_at timestamptz DEFAULT now(),
        PRIMARY KEY (batch_id, person_id),
        FOREIGN KEY (batch_id, person_id) REFERENCES payout_person(batch_id, person_id)
      )`);
    await q.query(`CREATE INDEX payout_payee_person_idx ON payout_payee(person_id)`);
    await q.query(`
      INSERT INTO payout_payee (batch_id, person_id, personal_number_enc, bank_account_enc, frozen_at)
      SELECT pp.batch_id, pp.person_id, p.personal_number_enc, p.bank_account_enc, NULL
        FROM payout_person pp JOIN person p ON p.id = pp.person_id JOIN payout_approval a ON a.batch_id = pp.batch_id
       WHERE p.personal_number_enc IS NOT NULL AND p.bank_account_enc IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION payout_payee_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the frozen payment details of a payout are final'; END $$`);
    await q.query(`CREATE TRIGGER payout_payee_final BEFORE UPDATE OR DELETE ON payout_payee FOR EACH ROW EXECUTE FUNCTION payout_payee_final()`);
    await q.query(`
      CREATE FUNCTION payout_approval_needs_payees() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM payout_person pp
                    WHERE pp.batch_id = NEW.batch_id
                      AND NOT EXISTS (SELECT 1 FROM payout_payee f WHERE f.batch_id = pp.batch_id AND f.person_id = pp.person_id)) THEN
          RAISE EXCEPTION 'a payout batch is approved only with every payee''s details frozen';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payout_approval_needs_payees BEFORE INSERT ON payout_approval
      FOR EACH ROW EXECUTE FUNCTION payout_approval_needs_payees()`);
    await q.query(`
      CREATE FUNCTION payout_person_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM payout_approval a WHERE a.batch_id = OLD.batch_id) THEN
          IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'slip_document_id') IS DISTINCT FROM (to_jsonb(OLD) - 'slip_document_id') THEN
            RAISE EXCEPTION 'the people of an approved payout batch are final';
          END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payout_person_final BEFORE UPDATE OR DELETE ON payout_person
      FOR EACH ROW EXECUTE FUNCTION payout_person_final()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER payout_person_final ON payout_person`);
    await q.query(`DROP FUNCTION payout_person_final`);
    await q.query(`DROP TRIGGER payout_approval_needs_payees ON payout_approval`);
    await q.query(`DROP FUNCTION payout_approval_needs_payees`);
    await q.query(`DROP TABLE payout_payee`);
    await q.query(`DROP FUNCTION payout_payee_final`);
  }
}
