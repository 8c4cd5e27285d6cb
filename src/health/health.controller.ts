import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Connection } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config/config';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { up: boolean; error?: string };
  temporal: { up: boolean; namespace: string; error?: string };
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))]);

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(Connection) private readonly temporal: Connection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reports whether PostgreSQL and Temporal answer. 200 when both do, 503 otherwise. */
  @Get()
  @ApiOkResponse({ description: 'Both engines answer.' })
  @ApiServiceUnavailableResponse({ description: 'At least one engine does not answer.' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const namespace = this.config.temporal.namespace;
    const [db, tp] = await Promise.allSettled([
      withTimeout(this.ds.query('SELECT 1'), 3000),
      withTimeout(this.temporal.workflowService.describeNamespace({ namespace }), 3000),
    ]);
    const report: HealthReport = {
      status: db.status === 'fulfilled' && tp.status === 'fulfilled' ? 'ok' : 'degraded',
      database: db.status === 'fulfilled' ? { up: true } : { up: false, error: String((db.reason as Error)?.message) },
      temporal:
        tp.status === 'fulfilled'
          ? { up: true, namespace }
          : { up: false, namespace, error: String((tp.reason as Error)?.message) },
    };
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
