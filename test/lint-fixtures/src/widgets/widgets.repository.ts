// A repository: SQL is allowed here (lint must report nothing in this file).
import { DataSource } from 'typeorm';

export class WidgetsRepository {
  constructor(private readonly ds: DataSource) {}

  async namesOfGroup(groupId: string): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.ds.query(`SELECT name FROM widget WHERE group_id = $1`, [groupId]);
    return rows.map((r) => r.name);
  }
}
