import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { AppProcess, appProcess, waitForHttp, waitForOutput } from '../bench/support/app-process';
import { lastMonth, newStats, RetryingClient, runLifecycle, runPayout, setUpActors } from '../bench/support/http-lifecycle';
import { freePort } from '../src/dev/free-port';
import { ProductionEngines, startProductionEngines } from '../src/dev/production-topology';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Issue 14, "the production topology without Docker": Debian's PostgreSQL, the Temporal server v1.29.1 (built
 * with Go) persisting to it, the API and the worker as separate processes on DATABASE_URL and TEMPORAL_ADDRESS —
 * not the dev server and not in-process. One short lifecycle through HTTP on it, then the Temporal server is
 * restarted and the workflow is still there (it lives in PostgreSQL, not in memory).
 */
describe('production topology: Debian PostgreSQL + Temporal server + API and worker processes', () => {
  const root = path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), `production-${randomBytes(3).toString('hex')}`);
  let engines: ProductionEngines;
  let api: AppProcess;
  let worker: AppProcess;
  let baseUrl: string;
  const admin = { email: 'admin@topology.medverkan.se', password: `Topologi-${randomBytes(6).toString('hex')}` };
  const stats = newStats();
  const client = () => new RetryingClient(() => baseUrl, stats, { deadlineMs: 120_000 });
  let result: Awaited<ReturnType<typeof runLifecycle>>;

  beforeAll(async () => {
    fs.mkdirSync(root, { recursive: true });
    engines = await startProductionEngines({ baseDir: root });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: engines.databaseUrl,
      TEMPORAL_ADDRESS: engines.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'medverkan',
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      MAIL_TRANSPORT: 'outbox',
      BOOTSTRAP_ADMIN_EMAIL: admin.email,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      TEST_WORKFLOW_BUNDLE: process.env.TEST_WORKFLOW_BUNDLE,
    };
    const register = path.join(__dirname, '..', 'scripts', 'ts-register.js');
    // The API first: it applies the migrations; the worker then starts on the migrated database.
    api = appProcess({
      name: 'api',
      args: ['-r', register, path.join(__dirname, '..', 'src', 'main.api.ts')],
      env,
      logFile: path.join(root, 'api.log'),
      ready: () => waitForHttp(`${baseUrl}/health`, 120_000),
    });
    worker = appProcess({
      name: 'worker',
      args: ['-r', register, path.join(__dirname, 'support', 'worker-process.ts')],
      env: { ...env, DATABASE_MIGRATE_ON_START: 'false' },
      logFile: path.join(root, 'worker.log'),
      ready: (_c, output) => waitForOutput(output, 'WORKER READY', 120_000),
    });
    await api.start();
    await worker.start();
  }, 300_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await engines?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('the Temporal server answers SERVING on PostgreSQL with the namespace and the search attributes; the API sees both engines', async () => {
    const connection = await Connection.connect({ address: engines.temporalAddress });
    try {
      const health = await connection.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
      expect(health.status).toBe(1); // SERVING
      const attrs = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(Object.keys(attrs.customAttributes ?? {})).toEqual(expect.arrayContaining(Object.keys(SEARCH_ATTRIBUTES)));
    } finally {
      await connection.close();
    }
    // The server persists to the Debian cluster: its own databases are there beside the application's.
    const res = await fetch(`${baseUrl}/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { up: true }, temporal: { up: true, namespace: 'default' } });
    expect(engines.databaseUrl).toContain(`127.0.0.1:${engines.postgres.port}/medverkan`);
  });

  it('one lifecycle through HTTP: nominated, appointed, active, time attested, paid once', async () => {
    const c = client();
    const actors = await setUpActors(c, admin);
    result = await runLifecycle(c, actors, 0, { timeoutMs: 120_000 });
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ completed: true, step: 'done' });
    const paid = await runPayout(c, actors, lastMonth(), 120_000);
    expect(paid.batch).toMatchObject({ state: 'approved', payerCode: 'SKR' });
    const lines = (paid.lines as any[]).filter((l) => l.timeReportId === result.timeReportId);
    expect(lines).toHaveLength(1);
    expect(lines[0].state).toBe('paid');
    expect(stats.unexpected).toEqual([]);
  }, 240_000);

  it('a restart of the Temporal server keeps the workflow: it lives in PostgreSQL', async () => {
    await engines.temporal.stop();
    await engines.temporal.start();
    const c = client();
    const login = await c.expect(200, 'POST', '/auth/login', undefined, admin);
    const view = await c.expect(200, 'GET', `/assignments/${result.assignmentId}`, login.token);
    expect(view.assignment.state).toBe('active');
    // The live status comes from the workflow (a query), through the restarted server.
    const live = await new Promise<any>((resolve, reject) => {
      const end = Date.now() + 60_000;
      const poll = async () => {
        const v = await c.expect(200, 'GET', `/assignments/${result.assignmentId}`, login.token);
        if (v.workflow?.status?.state) return resolve(v.workflow.status);
        if (Date.now() > end) return reject(new Error(`no live status after the restart: ${JSON.stringify(v.workflow)}`));
        setTimeout(() => void poll().catch(reject), 500);
      };
      void poll().catch(reject);
    });
    expect(live).toMatchObject({ state: 'active' });
  }, 120_000);
});
