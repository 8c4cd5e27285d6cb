// A service that writes SQL itself: lint must refuse the `.query(` and the query builder, and nothing else: the
// Temporal handle's `.query(statusQuery)` is a workflow query, not SQL.
import { Client } from '@temporalio/client';
import { defineQuery } from '@temporalio/workflow';
import { DataSource } from 'typeorm';

const statusQuery = defineQuery<string>('status');

export class WidgetsService {
  constructor(
    private readonly ds: DataSource,
    private readonly temporal: Client,
  ) {}

  async count(): Promise<number> {
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM widget`);
    return n as number;
  }

  async names(): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.ds.manager.createQueryBuilder().select('w.name', 'name').from('widget', 'w').getRawMany();
    return rows.map((r) => r.name);
  }

  status(workflowId: string): Promise<string> {
    return this.temporal.workflow.getHandle(workflowId).query(statusQuery);
  }
}
