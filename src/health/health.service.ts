import { Inject, Injectable } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { APP_CONFIG, AppConfig } from '../config/config';
import { HealthRepository } from './health.repository';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { up: boolean; error?: string };
  temporal: { up: boolean; namespace: string; error?: string };
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))]);

/** Whether PostgreSQL and Temporal answer, each within 3 s. */
@Injectable()
export class HealthService {
  constructor(
    @Inject(HealthRepository) private readonly db: HealthRepository,
    @Inject(Connection) private readonly temporal: Connection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(): Promise<HealthReport> {
    const namespace = this.config.temporal.namespace;
    const [db, tp] = await Promise.allSettled([
      withTimeout(this.db.ping(), 3000),
      withTimeout(this.temporal.workflowService.describeNamespace({ namespace }), 3000),
    ]);
    return {
      status: db.status === 'fulfilled' && tp.status === 'fulfilled' ? 'ok' : 'degraded',
      database: db.status === 'fulfilled' ? { up: true } : { up: false, error: String((db.reason as Error)?.message) },
      temporal:
        tp.status === 'fulfilled'
          ? { up: true, namespace }
          : { up: false, namespace, error: String((tp.reason as Error)?.message) },
    };
  }
}
