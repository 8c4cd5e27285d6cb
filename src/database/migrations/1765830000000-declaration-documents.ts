import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The declaration of interests as a document, its renewal as the payer's rule, and what a declared interest keeps a
 * member out of (issue 16 #6, #7; Rutin för patientmedverkan §4.3):
 * - `paying_body.declaration_renew_months`: how often the payer has a declaration renewed at the latest (default 36,
 *   "minst vart tredje år"; Västra sjukvårdsregionen yearly, 12). Data, not a constant.
 * - `declaration.document_id`: the declaration as submitted, rendered from templates/declaration.sv.ts and signed by
 *   the representative (declarant); `declaration.assessed_document_id`: the newest version with the coordinator's
 *   assessment, signed by the coordinator (assessor). Both point into the document store (SHA-256 there).
 * - `declaration_recusal`: per declared interest (its number in the declaration), a matter or an agenda item of one
 *   of the group's activities the member takes no part in (jäv). A trigger refuses an activity of another group and
 *   an agenda item the activity's agenda does not have.
 */
export class DeclarationDocuments1765830000000 implements MigrationInterface {
  name = 'DeclarationDocuments1765830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE paying_body ADD COLUMN declaration_renew_months int NOT NULL DEFAULT 36
      CONSTRAINT paying_body_declaration_renew_months CHECK (declaration_renew_months BETWEEN 1 AND 120)`);
    await q.query(`UPDATE paying_body SET declaration_renew_months = 12 WHERE code = 'vastra'`);
    await q.query(`ALTER TABLE declaration ADD COLUMN document_id uuid REFERENCES document(id),
      ADD COLUMN assessed_document_id uuid REFERENCES document(id)`);
    await q.query(`
      CREATE TABLE declaration_recusal (
        id uuid PRIMARY KEY,
        declaration_id uuid NOT NULL REFERENCES declaration(id) ON DELETE CASCADE,
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        interest_no int NOT NULL CHECK (interest_no BETWEEN 1 AND 200),
        activity_id uuid REFERENCES group_activity(id),
        agenda_item text CHECK (agenda_item IS NULL OR length(agenda_item) BETWEEN 1 AND 500),
        matter text NOT NULL CHECK (length(matter) BETWEEN 1 AND 500),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT declaration_recusal_agenda_needs_activity CHECK (agenda_item IS NULL OR activity_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX declaration_recusal_assignment ON declaration_recusal (assignment_id)`);
    await q.query(`
      CREATE FUNCTION declaration_recusal_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        a_group uuid;
        act_group uuid;
        act_agenda jsonb;
      BEGIN
        SELECT a.group_id INTO a_group FROM assignment a JOIN declaration d ON d.assignment_id = a.id
          WHERE d.id = NEW.declaration_id AND a.id = NEW.assignment_id;
        IF a_group IS NULL THEN
          RAISE EXCEPTION 'declaration_recusal_check' USING ERRCODE = '23514', CONSTRAINT = 'declaration_recusal_check',
            DETAIL = format('recusal %s: the declaration is not the assignment''s', NEW.id);
        END IF;
        IF NEW.activity_id IS NOT NULL THEN
          SELECT group_id, agenda INTO act_group, act_agenda FROM group_activity WHERE id = NEW.activity_id;
          IF act_group IS DISTINCT FROM a_group THEN
            RAISE EXCEPTION 'declaration_recusal_check' USING ERRCODE = '23514', CONSTRAINT = 'declaration_recusal_check',
              DETAIL = format('recusal %s: the activity is not one of the group''s', NEW.id);
          END IF;
          IF NEW.agenda_item IS NOT NULL AND NOT (act_agenda ? NEW.agenda_item) THEN
            RAISE EXCEPTION 'declaration_recusal_check' USING ERRCODE = '23514', CONSTRAINT = 'declaration_recusal_check',
              DETAIL = format('recusal %s: the activity has no such agenda item', NEW.id);
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER declaration_recusal_check BEFORE INSERT OR UPDATE ON declaration_recusal
      FOR EACH ROW EXECUTE FUNCTION declaration_recusal_check()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE declaration_recusal`);
    await q.query(`DROP FUNCTION declaration_recusal_check()`);
    await q.query(`ALTER TABLE declaration DROP COLUMN document_id, DROP COLUMN assessed_document_id`);
    await q.query(`ALTER TABLE paying_body DROP COLUMN declaration_renew_months`);
  }
}
