import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Representativeness and workload (issue 19 #2):
 * - `representation_setting`: one row, the thresholds above which a person's or an organisation's assignments warn
 *   (set by an administrator, `PATCH /representation/settings`, audited);
 * - `person.available_since`: the person has said they would take another assignment (their own flag, on their page),
 *   since when; null when not;
 * - `diversity_answer`: a person's optional diversity answers (age band, patient/närstående, in work or not, region),
 *   encrypted like a personnummer (`answers_enc`, FieldCipher `v1.`), only with their consent (`consented_at` NOT NULL:
 *   no row without it). Withdrawing the consent deletes the row. Read only in aggregate (src/representation/diversity.ts).
 * - an index for "organisations by their last nomination request".
 */
export class RepresentationAndWorkload1765900000000 implements MigrationInterface {
  name = 'RepresentationAndWorkload1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE representation_setting (
        singleton boolean PRIMARY KEY DEFAULT true CONSTRAINT representation_setting_one_row CHECK (singleton),
        person_threshold int NOT NULL DEFAULT 3 CONSTRAINT representation_setting_person_threshold CHECK (person_threshold BETWEEN 1 AND 100),
        organisation_threshold int NOT NULL DEFAULT 10
          CONSTRAINT representation_setting_organisation_threshold CHECK (organisation_threshold BETWEEN 1 AND 10000),
        updated_at timestamptz,
        updated_by uuid
      )`);
    await q.query(`INSERT INTO representation_setting (singleton) VALUES (true)`);
    await q.query(`ALTER TABLE person ADD COLUMN available_since timestamptz`);
    await q.query(`
      CREATE TABLE diversity_answer (
        person_id uuid PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
        consented_at timestamptz NOT NULL,
        answers_enc text NOT NULL CONSTRAINT diversity_answer_encrypted CHECK (answers_enc ~ '^v1\\.'),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX nomination_request_organisation_created ON nomination_request (organisation_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX nomination_request_organisation_created`);
    await q.query(`DROP TABLE diversity_answer`);
    await q.query(`ALTER TABLE person DROP COLUMN available_since`);
    await q.query(`DROP TABLE representation_setting`);
  }
}
