import { stopPdfRenderThreads } from './documents/pdf-render-pool';
import 'reflect-metadata';
import { Module, DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { createActivities } from '../activities';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { FIELD_CIPHER, FieldCipher } from './crypto/field-cipher';
import { DatabaseModule } from './database/database.module';
import { RepositoriesModule } from './database/repositories';
import { DocumentStoreModule } from './documents/document-store.module';
import { DocumentsService } from './documents/documents.service';
import { LoggingModule } from './logging/logging.module';
import { PinoNestLogger } from './logging/logger';
import { ensureSearchAttributes } from './temporal/search-attributes';

@Module({})
class WorkerModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(logger), CryptoModule, DatabaseModule, RepositoriesModule, DocumentStoreModule],
    };
  }
}

export interface RunningWorker {
  worker: Worker;
  app: INestApplicationContext;
  /** Runs until the worker shuts down (SIGTERM/SIGINT or shutdown()), then closes the Nest context. */
  run(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * The Temporal worker inside a Nest application context: the context supplies configuration, logger and
 * database; activities are built from them with createActivities(deps).
 */
export async function createWorker(
  config: AppConfig,
  logger: Logger,
  overrides: Partial<Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'shutdownGraceTime'>> = {},
): Promise<RunningWorker> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
  });
  const dataSource = app.get(DataSource);
  const added = await ensureSearchAttributes(config.temporal.address, config.temporal.namespace);
  if (added.length > 0) logger.info({ added }, 'registered search attributes');
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const source = overrides.workflowBundle ? { workflowBundle: overrides.workflowBundle } : { workflowsPath: overrides.workflowsPath ?? require.resolve('../workflows') };
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...source,
    activities: createActivities({
      dataSource,
      logger: logger.child({ component: 'activity' }),
      config,
      cipher: app.get<FieldCipher>(FIELD_CIPHER),
      documents: app.get(DocumentsService),
    }),
    maxCachedWorkflows: config.temporal.maxCachedWorkflows,
    ...(config.temporal.workflowThreads ? { workflowThreadPoolSize: config.temporal.workflowThreads } : {}),
    ...(config.temporal.maxConcurrentActivities ? { maxConcurrentActivityTaskExecutions: config.temporal.maxConcurrentActivities } : {}),
    shutdownGraceTime: overrides.shutdownGraceTime ?? '10s',
  });
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      await connection.close();
      await app.close();
      await stopPdfRenderThreads();
    })());
  return {
    worker,
    app,
    async run() {
      try {
        await worker.run();
      } finally {
        await close();
      }
    },
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
    },
  };
}
