import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agreement is signed in order (issue 13 #7): the group countersigns what the representative has signed.
 * - A countersignature (`document_signature.role = 'countersigner'`) on an agreement document is refused unless
 *   the representative's signature of the same document is already stored.
 * - An agreement draft becomes `countersigned` only after it was `signed` (signed_at set), and an assignment
 *   never goes from `agreement-drafted` straight to `countersigned`.
 * The API refuses the same with a Swedish 409 first; these are the last line.
 */
export class AgreementSigningOrder1765100000000 implements MigrationInterface {
  name = 'AgreementSigningOrder1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION countersignature_after_representative() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.role = 'countersigner'
           AND EXISTS (SELECT 1 FROM document d WHERE d.id = NEW.document_id AND d.kind = 'agreement')
           AND NOT EXISTS (SELECT 1 FROM document_signature s WHERE s.document_id = NEW.document_id AND s.role = 'representative') THEN
          RAISE EXCEPTION 'countersignature before the representative''s signature refused (document %)', NEW.document_id
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER document_signature_order BEFORE INSERT ON document_signature
      FOR EACH ROW EXECUTE FUNCTION countersignature_after_representative()`);

    await q.query(`
      CREATE FUNCTION agreement_signing_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'agreement_draft' THEN
          IF NEW.state = 'countersigned' AND (NEW.signed_at IS NULL OR OLD.state = 'drafted') THEN
            RAISE EXCEPTION 'agreement % countersigned before it was signed', NEW.id USING ERRCODE = 'check_violation';
          END IF;
        ELSIF OLD.state = 'agreement-drafted' AND NEW.state = 'countersigned' THEN
          RAISE EXCEPTION 'assignment % cannot go from agreement-drafted to countersigned', NEW.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER agreement_draft_signing_order BEFORE UPDATE OF state ON agreement_draft
      FOR EACH ROW EXECUTE FUNCTION agreement_signing_order()`);
    await q.query(`
      CREATE TRIGGER assignment_signing_order BEFORE UPDATE OF state ON assignment
      FOR EACH ROW EXECUTE FUNCTION agreement_signing_order()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER assignment_signing_order ON assignment`);
    await q.query(`DROP TRIGGER agreement_draft_signing_order ON agreement_draft`);
    await q.query(`DROP FUNCTION agreement_signing_order`);
    await q.query(`DROP TRIGGER document_signature_order ON document_signature`);
    await q.query(`DROP FUNCTION countersignature_after_representative`);
  }
}
