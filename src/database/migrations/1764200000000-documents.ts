import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated documents (agreements, declarations, payout slips) and their signatures.
 *
 * The PDF bytes live in PostgreSQL (bytea), not in a file store: they are written in the same transaction as
 * the rest of the case (a signature and its sealed version land together or not at all), they are backed up and
 * restored together with the data that refers to them, and they are small (tens of kB). Each row also keeps the
 * SHA-256 of its bytes, the template id and version and the JSON data it was filled with.
 *
 * Both tables are immutable, enforced here and not only in the application: no UPDATE ever (a change is a new
 * document), no TRUNCATE, and DELETE only inside a transaction that has declared a retention erasure with
 * `SET LOCAL medverkan.erasure = 'on'` (personal data must be erasable once retention ends; that job writes the
 * audit log). This guards against mistakes in the application, not against someone who owns the database.
 */
export class Documents1764200000000 implements MigrationInterface {
  name = 'Documents1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('agreement','declaration','payout-slip')),
        variant text NOT NULL DEFAULT 'original' CHECK (variant IN ('original','sealed')),
        template_id text NOT NULL,
        template_version text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        data jsonb NOT NULL,
        content bytea NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        page_count int NOT NULL CHECK (page_count > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        file_name text NOT NULL,
        seal_of_id uuid REFERENCES document(id),
        sealed_sha256 text CHECK (sealed_sha256 ~ '^[0-9a-f]{64}$'),
        idempotency_key text UNIQUE,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((variant = 'sealed') = (seal_of_id IS NOT NULL)),
        CHECK ((seal_of_id IS NULL) = (sealed_sha256 IS NULL))
      )`);
    await q.query(`CREATE INDEX document_subject_idx ON document(subject_type, subject_id, created_at)`);
    await q.query(`CREATE INDEX document_seal_of_idx ON document(seal_of_id, created_at)`);

    await q.query(`
      CREATE TABLE document_signature (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES document(id),
        document_sha256 text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
        role text NOT NULL,
        method text NOT NULL,
        signer_user_id text NOT NULL,
        signer_name text NOT NULL,
        signed_at timestamptz NOT NULL,
        ip_address text,
        user_agent text,
        evidence jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (document_id, role)
      )`);
    await q.query(`CREATE INDEX document_signature_signer_idx ON document_signature(signer_user_id)`);

    await q.query(`
      CREATE FUNCTION document_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('medverkan.erasure', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is immutable: % refused (a stored document or signature never changes; make a new version)', TG_TABLE_NAME, TG_OP;
      END $$`);
    for (const table of ['document', 'document_signature']) {
      await q.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION document_immutable()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION document_immutable()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_signature`);
    await q.query(`DROP TABLE document`);
    await q.query(`DROP FUNCTION document_immutable`);
  }
}
