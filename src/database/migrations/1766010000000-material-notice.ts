import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Material on time (issue 19 #3): a group's notice policy, the days before a meeting its material is to be sent so an
 * organisation can anchor its position (default 14, from 1 to 60: `working_group_material_notice_bounds`). The
 * material's send date is the activity's `material_sent_on` (migration 1765200000000).
 */
export class MaterialNotice1766010000000 implements MigrationInterface {
  name = 'MaterialNotice1766010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE working_group ADD COLUMN material_notice_days int NOT NULL DEFAULT 14
         CONSTRAINT working_group_material_notice_bounds CHECK (material_notice_days BETWEEN 1 AND 60)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE working_group DROP COLUMN material_notice_days`);
  }
}
