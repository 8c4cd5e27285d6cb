import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 #10: the group records since when it has been below its minimum of active representatives (written by
 * the recruitment workflow's step records; null when it is not below).
 */
export class GroupBelowMinimum1765300000000 implements MigrationInterface {
  name = 'GroupBelowMinimum1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE working_group ADD COLUMN below_minimum_since timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE working_group DROP COLUMN below_minimum_since`);
  }
}
