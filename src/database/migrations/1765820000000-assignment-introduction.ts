import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How the introduction (§4.4) was completed (issue 16 #8): `digital` — the representative marked the digital
 * introduction completed themself — or `meeting` — a coordinator recorded an introduction meeting held on
 * `introduction_held_on`. Rows activated before this migration keep NULL (the kind was not recorded).
 */
export class AssignmentIntroduction1765820000000 implements MigrationInterface {
  name = 'AssignmentIntroduction1765820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assignment
        ADD COLUMN introduction_kind text CHECK (introduction_kind IN ('digital', 'meeting')),
        ADD COLUMN introduction_held_on date,
        ADD COLUMN introduction_recorded_by uuid,
        ADD CONSTRAINT assignment_introduction_meeting_dated CHECK (introduction_kind IS DISTINCT FROM 'meeting' OR introduction_held_on IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assignment DROP CONSTRAINT assignment_introduction_meeting_dated,
        DROP COLUMN introduction_recorded_by, DROP COLUMN introduction_held_on, DROP COLUMN introduction_kind`);
  }
}
