/**
 * A worker in its own process, so a benchmark can read its resident memory from /proc/<pid>/status and the
 * benchmark's own client load does not share its event loop. Forked by worker-process.ts; tells its parent
 * `ready` over IPC and shuts down gracefully on `stop` (or SIGTERM/SIGINT).
 *
 * BENCH_WORKER_KIND=app: the project's real worker (createWorker: Nest context, PostgreSQL, every activity,
 *   the workflows/ bundle), configured from the environment like src/main.worker.ts.
 * BENCH_WORKER_KIND=baseline: a bare Temporal worker with bench/baseline.workflows.ts and one activity that does
 *   nothing, on its own task queue.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { installTemporalRuntimeLogger } from '../../src/logging/temporal-runtime-logger';
import { createWorker } from '../../src/worker.bootstrap';

async function main() {
  const kind = process.env.BENCH_WORKER_KIND;
  const bundlePath = process.env.BENCH_WORKFLOW_BUNDLE;
  let run: () => Promise<void>;
  let stop: () => void;
  let status: () => { numCachedWorkflows: number } = () => ({ numCachedWorkflows: -1 });
  if (kind === 'app') {
    const config = loadConfig();
    const logger = createLogger(config.logLevel, 'medverkan-worker');
    installTemporalRuntimeLogger(logger, 'WARN');
    const w = await createWorker(config, logger, bundlePath ? { workflowBundle: { codePath: bundlePath } } : {});
    run = () => w.run();
    stop = () => void w.shutdown();
    status = () => w.worker.getStatus();
  } else if (kind === 'baseline') {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const connection = await NativeConnection.connect({ address: required('TEMPORAL_ADDRESS') });
    const worker = await Worker.create({
      connection,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue: required('TEMPORAL_TASK_QUEUE'),
      ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: require.resolve('../baseline.workflows') }),
      activities: {
        /** The baseline's activity: does nothing. */
        async benchNoop(): Promise<void> {
          return undefined;
        },
      },
      maxCachedWorkflows: Number(process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 1000),
      shutdownGraceTime: '10s',
    });
    run = async () => {
      try {
        await worker.run();
      } finally {
        await connection.close();
      }
    };
    stop = () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
    };
    status = () => worker.getStatus();
  } else {
    throw new Error(`BENCH_WORKER_KIND must be app or baseline, not ${String(kind)}`);
  }
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'stop') stop();
    // Memory of the main thread's heap and the number of workflows in the worker's cache, for the report.
    if (m?.type === 'stats') process.send?.({ type: 'stats', memory: process.memoryUsage(), cached: status().numCachedWorkflows });
  });
  // The benchmark went away (crashed or was killed): do not stay behind.
  process.on('disconnect', () => stop());
  const running = run();
  process.send?.({ type: 'ready' });
  await running;
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
