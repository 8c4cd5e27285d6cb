import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Harness } from './harness';

export interface WorkerProcess {
  child: ChildProcess;
  /** SIGKILL: no graceful shutdown, in-flight activities and workflow tasks are simply lost. */
  kill(): Promise<void>;
}

/** Starts a worker in a child process with the harness's configuration; resolves once it polls. */
export async function spawnWorker(h: Harness): Promise<WorkerProcess> {
  const c = h.config;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: c.database.url,
    DATABASE_MIGRATE_ON_START: 'false',
    TEMPORAL_ADDRESS: c.temporal.address,
    TEMPORAL_NAMESPACE: c.temporal.namespace,
    TEMPORAL_TASK_QUEUE: c.temporal.taskQueue,
    DATA_ENCRYPTION_KEY: c.crypto.dataKey.toString('base64'),
    MAIL_TRANSPORT: 'outbox',
    TEST_WORKFLOW_BUNDLE: process.env.TEST_WORKFLOW_BUNDLE,
  };
  const child = spawn(process.execPath, ['-r', path.join(__dirname, '..', '..', 'scripts', 'ts-register.js'), path.join(__dirname, 'worker-process.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker process did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('WORKER READY')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited (${code}): ${stderr}`));
    });
  });
  return {
    child,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
