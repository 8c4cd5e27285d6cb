import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One person, one place per group (issue 13 #1): the same person was nominated to one group four times at once
 * and appointed twice, and was then paid twice for one meeting.
 *
 * - `person_email_once`: one person per e-mail address in any letter case. Concurrent nominations of
 *   `Anna@x.se` and `anna@X.SE` converge on one row (`INSERT … ON CONFLICT DO NOTHING`, see src/people/people.ts).
 * - `nomination_open_once`: at most one open nomination (`submitted` or `proposed`) per group and person.
 * - `assignment_live_once`: at most one live assignment (any state but `declined` and `ended`) per group and person.
 * - `nomination_person_has_assignment` (trigger): no open nomination of a person who already has a live assignment
 *   in the group. The trigger and the assignment's insert take the same transaction lock on (group, person), so an
 *   appointment and a new nomination of the same person cannot pass each other.
 *
 * Rows that broke these rules before this migration are not deleted or changed (they may carry time reports and
 * payouts): each is marked `duplicate_of` the row that is kept (the oldest; for people, the one with a login first)
 * and left out of the indexes. `SELECT … WHERE duplicate_of IS NOT NULL` lists what a person has to sort out.
 * The API (409 with a Swedish message) and the recruitment workflow's validators refuse the same first; these
 * are the last line.
 */
export class RecruitmentUniqueness1765400000000 implements MigrationInterface {
  name = 'RecruitmentUniqueness1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person ADD COLUMN duplicate_of uuid REFERENCES person(id)`);
    await q.query(`
      UPDATE person p SET duplicate_of = keep.id
        FROM (SELECT DISTINCT ON (lower(x.email)) x.id, lower(x.email) AS e
                FROM person x
               ORDER BY lower(x.email), (SELECT count(*) FROM user_account u WHERE u.person_id = x.id) DESC, x.created_at, x.id) keep
       WHERE lower(p.email) = keep.e AND p.id <> keep.id`);
    await q.query(`CREATE UNIQUE INDEX person_email_once ON person (lower(email)) WHERE duplicate_of IS NULL`);

    await q.query(`ALTER TABLE nomination ADD COLUMN duplicate_of uuid REFERENCES nomination(id)`);
    // When the API last gave up waiting for the recruitment workflow to take this nomination (issue 14 #4): the row
    // is kept, and a retry sends the same Update again.
    await q.query(`ALTER TABLE nomination ADD COLUMN unconfirmed_at timestamptz`);
    await q.query(`
      UPDATE nomination n SET duplicate_of = keep.id
        FROM (SELECT DISTINCT ON (x.group_id, COALESCE(p.duplicate_of, p.id)) x.id, x.group_id, COALESCE(p.duplicate_of, p.id) AS person
                FROM nomination x JOIN person p ON p.id = x.person_id
               WHERE x.state IN ('submitted', 'proposed')
               ORDER BY x.group_id, COALESCE(p.duplicate_of, p.id), x.created_at, x.id) keep, person np
       WHERE np.id = n.person_id AND n.state IN ('submitted', 'proposed')
         AND n.group_id = keep.group_id AND COALESCE(np.duplicate_of, np.id) = keep.person AND n.id <> keep.id`);
    await q.query(`
      CREATE UNIQUE INDEX nomination_open_once ON nomination (group_id, person_id)
        WHERE state IN ('submitted', 'proposed') AND duplicate_of IS NULL`);

    await q.query(`ALTER TABLE assignment ADD COLUMN duplicate_of uuid REFERENCES assignment(id)`);
    await q.query(`
      UPDATE assignment a SET duplicate_of = keep.id
        FROM (SELECT DISTINCT ON (x.group_id, COALESCE(p.duplicate_of, p.id)) x.id, x.group_id, COALESCE(p.duplicate_of, p.id) AS person
                FROM assignment x JOIN person p ON p.id = x.person_id
               WHERE x.state NOT IN ('declined', 'ended')
               ORDER BY x.group_id, COALESCE(p.duplicate_of, p.id), x.created_at, x.id) keep, person ap
       WHERE ap.id = a.person_id AND a.state NOT IN ('declined', 'ended')
         AND a.group_id = keep.group_id AND COALESCE(ap.duplicate_of, ap.id) = keep.person AND a.id <> keep.id`);
    await q.query(`
      CREATE UNIQUE INDEX assignment_live_once ON assignment (group_id, person_id)
        WHERE state NOT IN ('declined', 'ended') AND duplicate_of IS NULL`);

    await q.query(`
      CREATE FUNCTION group_person_lock(g uuid, p uuid) RETURNS void LANGUAGE sql VOLATILE AS $$
        SELECT pg_advisory_xact_lock(hashtextextended('group-person:' || g::text || ':' || p::text, 0))
      $$`);
    await q.query(`
      CREATE FUNCTION assignment_takes_group_person_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.state NOT IN ('declined', 'ended') AND NEW.duplicate_of IS NULL THEN
          PERFORM group_person_lock(NEW.group_id, NEW.person_id);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER assignment_group_person_lock BEFORE INSERT ON assignment
      FOR EACH ROW EXECUTE FUNCTION assignment_takes_group_person_lock()`);
    await q.query(`
      CREATE FUNCTION nomination_person_without_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.state IN ('submitted', 'proposed') AND NEW.duplicate_of IS NULL THEN
          PERFORM group_person_lock(NEW.group_id, NEW.person_id);
          IF EXISTS (SELECT 1 FROM assignment a
                      WHERE a.group_id = NEW.group_id AND a.person_id = NEW.person_id
                        AND a.state NOT IN ('declined', 'ended') AND a.duplicate_of IS NULL) THEN
            RAISE EXCEPTION 'person % already has a live assignment in group %', NEW.person_id, NEW.group_id
              USING ERRCODE = 'unique_violation', CONSTRAINT = 'nomination_person_has_assignment', TABLE = 'nomination';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER nomination_person_has_assignment BEFORE INSERT ON nomination
      FOR EACH ROW EXECUTE FUNCTION nomination_person_without_assignment()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER nomination_person_has_assignment ON nomination`);
    await q.query(`DROP FUNCTION nomination_person_without_assignment()`);
    await q.query(`DROP TRIGGER assignment_group_person_lock ON assignment`);
    await q.query(`DROP FUNCTION assignment_takes_group_person_lock()`);
    await q.query(`DROP FUNCTION group_person_lock(uuid, uuid)`);
    await q.query(`DROP INDEX assignment_live_once`);
    await q.query(`ALTER TABLE assignment DROP COLUMN duplicate_of`);
    await q.query(`DROP INDEX nomination_open_once`);
    await q.query(`ALTER TABLE nomination DROP COLUMN unconfirmed_at`);
    await q.query(`ALTER TABLE nomination DROP COLUMN duplicate_of`);
    await q.query(`DROP INDEX person_email_once`);
    await q.query(`ALTER TABLE person DROP COLUMN duplicate_of`);
  }
}
