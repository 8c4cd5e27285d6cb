import { randomBytes, randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createApi } from '../../src/api.bootstrap';
import { AppConfig, loadConfig } from '../../src/config/config';
import { createDatabase } from '../../src/dev/embedded-postgres';
import { createLogger } from '../../src/logging/logger';
import { createWorker, RunningWorker } from '../../src/worker.bootstrap';

/**
 * Boots the API and the worker in-process against the real engines started by global-setup, each test file on
 * its own fresh database and its own task queue.
 */
export interface Harness {
  config: AppConfig;
  app: INestApplication;
  baseUrl: string;
  client: Client;
  dataSource: DataSource;
  worker: RunningWorker | undefined;
  startWorker(): Promise<void>;
  /** Stops the worker as a crash would leave things: nothing completes after this. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export function testConfig(databaseUrl: string, extra: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: required('TEST_TEMPORAL_ADDRESS'),
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...extra,
  });
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest (global-setup starts the engines)`);
  return v;
}

/** A fresh, empty database on the test server. */
export async function freshDatabase(): Promise<string> {
  return createDatabase(required('TEST_PG_SERVER_URL'), `t_${randomBytes(6).toString('hex')}`);
}

let runtimeInstalled = false;
/** The SDK's own logs are kept to warnings in tests. */
export function quietTemporalRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger((process.env.TEST_TEMPORAL_LOG_LEVEL as 'WARN') ?? 'WARN') });
  } catch {
    // already installed by an earlier harness in this process
  }
}

export async function startHarness(opts: { worker?: boolean; env?: Record<string, string> } = {}): Promise<Harness> {
  quietTemporalRuntime();
  const config = testConfig(await freshDatabase(), opts.env);
  const logger = createLogger(config.logLevel, 'test');
  const app = await createApi(config, logger);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  let running: Promise<void> | undefined;

  const h: Harness = {
    config,
    app,
    baseUrl,
    client,
    dataSource: app.get(DataSource),
    worker: undefined,
    async startWorker() {
      if (h.worker) return;
      h.worker = await createWorker(config, logger, {
        workflowBundle: { codePath: required('TEST_WORKFLOW_BUNDLE') },
        shutdownGraceTime: '1s',
      });
      running = h.worker.run();
    },
    async stopWorker() {
      if (!h.worker) return;
      await h.worker.shutdown();
      await running;
      h.worker = undefined;
      running = undefined;
    },
    async close() {
      await h.stopWorker();
      await connection.close();
      await app.close();
    },
  };
  if (opts.worker !== false) await h.startWorker();
  return h;
}

/** Polls fn until it returns a truthy value or the time runs out. */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
