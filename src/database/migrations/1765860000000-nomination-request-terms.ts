import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A nomination request says how many people it asks for, may carry the coordinator's message, and a declined
 * nominee's decision carries its reason (issue 16 #1, §4.2, §3.3).
 *
 * - `nomination_request.wanted`: how many people the organisation may nominate in answer (1–20). Null on requests
 *   sent before this migration: no limit, as then.
 * - `nomination_request_trigger_wanted` (trigger `nomination_request_wanted`): a nomination in answer to a request
 *   is refused once the request has as many nominations as it asks for (declined ones do not count: their place is
 *   free again). The trigger locks the request's row first, so simultaneous nominations are counted one after the
 *   other and can never exceed it. The API (409) and the recruitment workflow's validator refuse the same first.
 * - `nomination_request_message`: the coordinator's message for a round, stored by the API before the workflow is
 *   told (by id only: the text never enters workflow history); each request sent copies it into
 *   `nomination_request.message`.
 * - `nomination.decline_reason`: why the coordinator declined the nominee (required by the API, 1–1000 characters),
 *   stored before the workflow is told; shown to the organisation and mailed to the nominee.
 * - `nomination.nominee_name`: the name as the nominator wrote it (the organisation's view shows it, never the name
 *   of an already registered person with the same address).
 */
export class NominationRequestTerms1765860000000 implements MigrationInterface {
  name = 'NominationRequestTerms1765860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE nomination_request ADD COLUMN wanted int CHECK (wanted BETWEEN 1 AND 20)`);
    await q.query(`
      CREATE TABLE nomination_request_message (
        id uuid PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES working_group(id),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE nomination_request ADD COLUMN message text CHECK (char_length(message) BETWEEN 1 AND 2000)`);
    await q.query(`ALTER TABLE nomination ADD COLUMN decline_reason text CHECK (char_length(decline_reason) BETWEEN 1 AND 1000)`);
    await q.query(`ALTER TABLE nomination ADD COLUMN nominee_name text CHECK (char_length(nominee_name) BETWEEN 1 AND 200)`);
    await q.query(`
      CREATE FUNCTION nomination_request_within_wanted() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        w int;
        taken int;
      BEGIN
        IF NEW.request_id IS NULL OR NEW.duplicate_of IS NOT NULL OR NEW.state = 'rejected' THEN
          RETURN NEW;
        END IF;
        -- One nomination of a request at a time: the next one waits here and then counts this one.
        SELECT wanted INTO w FROM nomination_request WHERE id = NEW.request_id FOR UPDATE;
        IF w IS NULL THEN
          RETURN NEW;
        END IF;
        SELECT count(*) INTO taken FROM nomination
         WHERE request_id = NEW.request_id AND state <> 'rejected' AND duplicate_of IS NULL AND id <> NEW.id;
        IF taken >= w THEN
          RAISE EXCEPTION 'request % asks for % nomination(s)', NEW.request_id, w
            USING ERRCODE = 'check_violation', CONSTRAINT = 'nomination_request_wanted', TABLE = 'nomination';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER nomination_request_wanted BEFORE INSERT ON nomination
      FOR EACH ROW EXECUTE FUNCTION nomination_request_within_wanted()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER nomination_request_wanted ON nomination`);
    await q.query(`DROP FUNCTION nomination_request_within_wanted()`);
    await q.query(`ALTER TABLE nomination DROP COLUMN nominee_name`);
    await q.query(`ALTER TABLE nomination DROP COLUMN decline_reason`);
    await q.query(`ALTER TABLE nomination_request DROP COLUMN message`);
    await q.query(`DROP TABLE nomination_request_message`);
    await q.query(`ALTER TABLE nomination_request DROP COLUMN wanted`);
  }
}
