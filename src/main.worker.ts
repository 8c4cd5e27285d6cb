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
  logger.info({ taskQueue: config.temporal.taskQueue, address: config.temporal.address }, 'worker started');
  await w.run();
  logger.info('worker stopped');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
