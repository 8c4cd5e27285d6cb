import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payee's tax status and what the routine asks at the payee details step (issue 16 #5):
 * - `person.tax_status`: `none`, `fa-skatt` or `f-skatt`; `f_skatt_invoked` (only with FA-skatt) is the written
 *   choice to be paid on the F-skatt, recorded with its time;
 * - `person.receives_benefits`: the person said they receive benefits from Försäkringskassan (§4.5.2's advice);
 * - `person.guardian_consent_*`: a guardian's consent, needed before the agreement when the person is under 18;
 * - `paying_body.f_skatt_policy`: what the payer does with a payee on F-skatt (`refuse`, the default, or
 *   `pay-without-deductions`), and `f_skatt_contact`, whom the refusal tells the person to contact.
 * The database refuses an agreement draft for a person under 18 (from the birth date given with the personnummer)
 * without a recorded guardian's consent (trigger `agreement_draft_minor_consent`). Rows stored before keep `none`.
 */
export class PayeeTaxStatus1765821000000 implements MigrationInterface {
  name = 'PayeeTaxStatus1765821000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE person
        ADD COLUMN tax_status text NOT NULL DEFAULT 'none' CHECK (tax_status IN ('none', 'fa-skatt', 'f-skatt')),
        ADD COLUMN f_skatt_invoked_at timestamptz,
        ADD COLUMN receives_benefits boolean NOT NULL DEFAULT false,
        ADD COLUMN guardian_consent_name text CHECK (guardian_consent_name IS NULL OR length(trim(guardian_consent_name)) > 0),
        ADD COLUMN guardian_consent_at timestamptz,
        ADD CONSTRAINT person_f_skatt_invoked_only_fa CHECK (f_skatt_invoked_at IS NULL OR tax_status = 'fa-skatt'),
        ADD CONSTRAINT person_guardian_consent_named CHECK ((guardian_consent_at IS NULL) = (guardian_consent_name IS NULL))`);
    await q.query(`
      ALTER TABLE paying_body
        ADD COLUMN f_skatt_policy text NOT NULL DEFAULT 'refuse' CHECK (f_skatt_policy IN ('refuse', 'pay-without-deductions')),
        ADD COLUMN f_skatt_contact text CHECK (f_skatt_contact IS NULL OR length(trim(f_skatt_contact)) > 0)`);
    await q.query(`
      CREATE FUNCTION agreement_draft_minor_consent() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p record;
      BEGIN
        SELECT pe.birth_date, pe.guardian_consent_at INTO p
          FROM assignment a JOIN person pe ON pe.id = a.person_id WHERE a.id = NEW.assignment_id;
        IF p.birth_date IS NOT NULL AND p.birth_date + interval '18 years' > (now() AT TIME ZONE 'Europe/Stockholm')::date
           AND p.guardian_consent_at IS NULL THEN
          RAISE EXCEPTION 'agreement_draft_minor_consent' USING ERRCODE = '23514', CONSTRAINT = 'agreement_draft_minor_consent',
            DETAIL = format('assignment %s: a person under 18 needs a guardian''s consent before the agreement', NEW.assignment_id);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER agreement_draft_minor_consent BEFORE INSERT ON agreement_draft
      FOR EACH ROW EXECUTE FUNCTION agreement_draft_minor_consent()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER agreement_draft_minor_consent ON agreement_draft`);
    await q.query(`DROP FUNCTION agreement_draft_minor_consent()`);
    await q.query(`ALTER TABLE paying_body DROP COLUMN f_skatt_contact, DROP COLUMN f_skatt_policy`);
    await q.query(`
      ALTER TABLE person DROP CONSTRAINT person_guardian_consent_named, DROP CONSTRAINT person_f_skatt_invoked_only_fa,
        DROP COLUMN guardian_consent_at, DROP COLUMN guardian_consent_name, DROP COLUMN receives_benefits,
        DROP COLUMN f_skatt_invoked_at, DROP COLUMN tax_status`);
  }
}
