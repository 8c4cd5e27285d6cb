import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approval freezes only payment details the draft was made with (review finding 4).
 *
 * - `payee_details_fingerprint(personnummer ciphertext, account ciphertext)`: an MD5 of the two ciphertexts (never
 *   decrypted; giving the same details again makes a new ciphertext, so that counts as a change too).
 * - `payout_person.details_fingerprint`: the person's details when their figures were drafted, filled in by the
 *   trigger `payout_person_details_fingerprint` on insert; the approval refreshes it (and sets
 *   `details_changed_at`) when it finds the details changed, refuses, and the draft shows a warning until approved.
 * - `payout_payee_details_seen`: the frozen details of an approval (`payout_payee`) must be those of the
 *   fingerprint (SQLSTATE 23514); rows without a fingerprint (drafted before this migration and approved) are not
 *   checked. Drafts open at migration get the details their people have now.
 */
export class PayoutPayeeDetailsSeen1765600100000 implements MigrationInterface {
  name = 'PayoutPayeeDetailsSeen1765600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION payee_details_fingerprint(personal_number_enc text, bank_account_enc text) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$ SELECT md5(coalesce($1, '') || '|' || coalesce($2, '')) $$`);
    await q.query(`ALTER TABLE payout_person ADD COLUMN details_fingerprint text, ADD COLUMN details_changed_at timestamptz`);
    await q.query(`
      UPDATE payout_person pp SET details_fingerprint = payee_details_fingerprint(p.personal_number_enc, p.bank_account_enc)
        FROM person p, payout_batch b
       WHERE p.id = pp.person_id AND b.id = pp.batch_id AND b.state = 'draft'`);
    await q.query(`
      CREATE FUNCTION payout_person_details_fingerprint() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.details_fingerprint IS NULL THEN
          SELECT payee_details_fingerprint(p.personal_number_enc, p.bank_account_enc) INTO NEW.details_fingerprint FROM person p WHERE p.id = NEW.person_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payout_person_details_fingerprint BEFORE INSERT ON payout_person
      FOR EACH ROW EXECUTE FUNCTION payout_person_details_fingerprint()`);
    await q.query(`
      CREATE FUNCTION payout_payee_details_seen() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        seen text;
      BEGIN
        SELECT details_fingerprint INTO seen FROM payout_person WHERE batch_id = NEW.batch_id AND person_id = NEW.person_id;
        IF seen IS NOT NULL AND seen <> payee_details_fingerprint(NEW.personal_number_enc, NEW.bank_account_enc) THEN
          RAISE EXCEPTION 'payout_payee_details_seen' USING ERRCODE = '23514', CONSTRAINT = 'payout_payee_details_seen',
            DETAIL = format('batch %s, person %s: payment details changed since the draft', NEW.batch_id, NEW.person_id);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payout_payee_details_seen BEFORE INSERT ON payout_payee
      FOR EACH ROW EXECUTE FUNCTION payout_payee_details_seen()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER payout_payee_details_seen ON payout_payee`);
    await q.query(`DROP FUNCTION payout_payee_details_seen()`);
    await q.query(`DROP TRIGGER payout_person_details_fingerprint ON payout_person`);
    await q.query(`DROP FUNCTION payout_person_details_fingerprint()`);
    await q.query(`ALTER TABLE payout_person DROP COLUMN details_changed_at, DROP COLUMN details_fingerprint`);
    await q.query(`DROP FUNCTION payee_details_fingerprint(text, text)`);
  }
}
