/**
 * A Temporal worker in its own process, so a test can kill it with SIGKILL as a crash would. Started by
 * `spawnWorker` with the harness's configuration in the environment and the shared workflow bundle.
 */
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { createWorker } from '../../src/worker.bootstrap';

async function main() {
  const config = loadConfig();
  const bundle = process.env.TEST_WORKFLOW_BUNDLE;
  if (!bundle) throw new Error('TEST_WORKFLOW_BUNDLE is not set');
  const w = await createWorker(config, createLogger(config.logLevel, 'test-worker'), { workflowBundle: { codePath: bundle }, shutdownGraceTime: '1s' });
  process.stdout.write('WORKER READY\n');
  await w.run();
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
