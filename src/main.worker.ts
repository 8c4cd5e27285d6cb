import v8 from 'node:v8';
import { loadConfig } from './config/config';
import { createLogger } from './logging/logger';
import { installTemporalRuntimeLogger } from './logging/temporal-runtime-logger';
import { createWorker } from './worker.bootstrap';

/** Entry point of the Temporal worker. The SDK shuts it down gracefully on SIGTERM and SIGINT. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'medverkan-worker');
  installTemporalRuntimeLogger(logger);
  const w = await createWorker(config, logger);
  const heapLimitMb = Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
  logger.info(
    { taskQueue: config.temporal.taskQueue, address: config.temporal.address, maxCachedWorkflows: config.temporal.maxCachedWorkflows, heapLimitMb },
    'worker started',
  );
  // The launchers pass --max-old-space-size=WORKER_HEAP_MB; a worker started some other way gets V8's default.
  if (heapLimitMb > config.temporal.workerHeapMb * 1.5) {
    logger.warn({ heapLimitMb, wanted: config.temporal.workerHeapMb }, 'worker started without --max-old-space-size=WORKER_HEAP_MB: its memory will grow past what it needs');
  }
  await w.run();
  logger.info('worker stopped');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
