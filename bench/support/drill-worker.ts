/**
 * The project's worker as its own process for the drill (bench/drill.ts), on the workflow bundle built once
 * (DRILL_WORKFLOW_BUNDLE), so a restart after SIGKILL does not bundle again. Configured from the environment
 * like src/main.worker.ts; prints WORKER READY once it polls.
 */
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { installTemporalRuntimeLogger } from '../../src/logging/temporal-runtime-logger';
import { createWorker } from '../../src/worker.bootstrap';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'medverkan-worker');
  installTemporalRuntimeLogger(logger, 'ERROR');
  const bundle = process.env.DRILL_WORKFLOW_BUNDLE;
  const w = await createWorker(config, logger, bundle ? { workflowBundle: { codePath: bundle } } : {});
  process.stdout.write('WORKER READY\n');
  await w.run();
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
