import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The perspective a person brings (patient / närstående) belongs to the nomination and the assignment, not only
 * to the person (issue 16 #2): one person may be a patient in one group and a next of kin in another, and the
 * perspective chosen when an existing person was nominated or recruited directly was dropped (the person row kept
 * its first one). Rows from before keep the person's perspective (copied here).
 */
export class RecruitmentPerspective1765810000000 implements MigrationInterface {
  name = 'RecruitmentPerspective1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE nomination ADD COLUMN perspective text CHECK (perspective IN ('patient', 'next-of-kin'))`);
    await q.query(`ALTER TABLE assignment ADD COLUMN perspective text CHECK (perspective IN ('patient', 'next-of-kin'))`);
    await q.query(`UPDATE nomination n SET perspective = p.perspective FROM person p WHERE p.id = n.person_id AND p.perspective IS NOT NULL`);
    await q.query(`UPDATE assignment a SET perspective = p.perspective FROM person p WHERE p.id = a.person_id AND p.perspective IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignment DROP COLUMN perspective`);
    await q.query(`ALTER TABLE nomination DROP COLUMN perspective`);
  }
}
