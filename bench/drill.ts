/**
 * `npm run drill [-- --topology=production]` (issue 14): many concurrent assignment lifecycles through HTTP
 * while the engines are killed and restarted, then the invariants and the counts.
 *
 * - Engines: `embedded` (default) — the Temporal dev server (file-persisted) and embedded PostgreSQL, as
 *   `npm start`; `production` — Debian's PostgreSQL and the Temporal server v1.29.1 on it
 *   (src/dev/production-topology.ts). The API and the worker run as processes of their own (dist/).
 * - Load: DRILL_LIFECYCLES (200) lifecycles, DRILL_CONCURRENCY (all) at once, each one driven by
 *   bench/support/http-lifecycle.ts (a new NSG, a round, a nomination, the appointment, the invitation, every
 *   step to active, a time report attested), then SKR's payout run of the period, approved.
 * - Faults: every DRILL_FAULT_INTERVAL_MS (6 000) one of, in turn: SIGKILL of the worker, SIGKILL of the API,
 *   restart of the Temporal server, restart of PostgreSQL (an immediate shutdown, i.e. crash recovery), each
 *   started again after DRILL_DOWN_MS (2 000); at least DRILL_FAULTS (20) in all.
 * - Clients retry as a real client would (no connection, 5xx: backoff, Retry-After) and read the state before
 *   every step.
 * - Then: lifecycles completed and stuck, and each completed one's own time report paid by the run; steps lost
 *   (a completed lifecycle whose audit log lacks one of its steps); audit lines, mails, nominations, time
 *   reports and paid lines twice; read model against the workflows' own status for every assignment. Only
 *   faults that start before the payout run is approved count towards DRILL_FAULTS (a small drill's lifecycles
 *   end within seconds: spread them with DRILL_CONCURRENCY below DRILL_LIFECYCLES). The verdict:
 *   bench/support/drill-verdict.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { createDatabase, startEmbeddedPostgres } from '../src/dev/embedded-postgres';
import { freePort } from '../src/dev/free-port';
import { startProductionEngines } from '../src/dev/production-topology';
import { startTemporalDevServer } from '../src/dev/temporal-dev-server';
import { appProcess, AppProcess, waitForHttp, waitForOutput } from './support/app-process';
import { drillVerdict, DrillFault } from './support/drill-verdict';
import { runToExit } from './support/exit-code';
import { lastMonth, LifecycleResult, newStats, RetryingClient, runLifecycle, runPayout, setUpActors, sleep } from './support/http-lifecycle';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies and SQL rows are read as they come */

const num = (name: string, def: number) => (process.env[name] ? Number(process.env[name]) : def);
const LIFECYCLES = num('DRILL_LIFECYCLES', 200);
const CONCURRENCY = num('DRILL_CONCURRENCY', LIFECYCLES);
const MIN_FAULTS = num('DRILL_FAULTS', 20);
const FAULT_INTERVAL_MS = num('DRILL_FAULT_INTERVAL_MS', 6_000);
const DOWN_MS = num('DRILL_DOWN_MS', 2_000);
const LIFECYCLE_TIMEOUT_MS = num('DRILL_LIFECYCLE_TIMEOUT_MS', 1_200_000);

const say = (m: string) => process.stdout.write(`[drill ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

interface Restartable {
  name: string;
  down(): Promise<void>;
  up(): Promise<void>;
}

async function main(): Promise<number> {
  let code = 1;
  const topology = process.argv.find((a) => a.startsWith('--topology='))?.slice('--topology='.length) ?? 'embedded';
  if (topology !== 'embedded' && topology !== 'production') throw new Error(`--topology must be embedded or production, not ${topology}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medverkan-drill-'));
  fs.chmodSync(dir, 0o755);
  const cleanups: Array<() => Promise<void>> = [];
  const t0 = Date.now();
  say(`topology ${topology}; ${LIFECYCLES} lifecycles, ${CONCURRENCY} at once; a fault every ${FAULT_INTERVAL_MS} ms, at least ${MIN_FAULTS}; ${os.loadavg()[0].toFixed(1)} load; logs in ${dir}`);

  // Ctrl-C stops the processes and engines the drill started.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      say(`${sig}: stopping…`);
      void (async () => {
        for (const c of cleanups) await c().catch(() => undefined);
        process.exit(130);
      })();
    });
  }
  try {
    // ---- engines ----
    let databaseUrl: string;
    let temporalAddress: string;
    let temporalFault: Restartable;
    let postgresFault: Restartable;
    if (topology === 'production') {
      const engines = await startProductionEngines({ baseDir: dir, database: 'medverkan', say });
      cleanups.push(() => engines.stop());
      databaseUrl = engines.databaseUrl;
      temporalAddress = engines.temporalAddress;
      temporalFault = { name: 'restart Temporal server', down: () => engines.temporal.kill(), up: () => engines.temporal.start() };
      postgresFault = { name: 'restart PostgreSQL', down: () => engines.postgres.crash(), up: () => engines.postgres.start() };
    } else {
      const pgDir = path.join(dir, 'pg');
      const pgPort = await freePort();
      let pg = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort });
      databaseUrl = await createDatabase(pg.serverUrl, 'medverkan');
      const tPort = await freePort();
      const devOpts = { dbFile: path.join(dir, 'temporal.sqlite'), port: tPort, headless: true, logFile: path.join(dir, 'temporal.log') };
      let dev = await startTemporalDevServer(devOpts);
      temporalAddress = dev.address;
      cleanups.push(async () => {
        await dev.stop();
        await pg.stop();
      });
      temporalFault = {
        name: 'restart Temporal server',
        down: () => dev.stop(),
        up: async () => {
          dev = await startTemporalDevServer(devOpts);
        },
      };
      postgresFault = {
        name: 'restart PostgreSQL',
        down: () => pg.stop(),
        up: async () => {
          pg = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort });
        },
      };
    }

    // ---- API and worker processes ----
    say('bundling workflows…');
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m: string) => say(m) } });
    const bundlePath = path.join(dir, 'workflow-bundle.js');
    fs.writeFileSync(bundlePath, bundle.code);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const admin = { email: 'admin@drill.medverkan.se', password: `Drill-${randomBytes(6).toString('hex')}` };
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'medverkan',
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      MAIL_TRANSPORT: 'outbox',
      BOOTSTRAP_ADMIN_EMAIL: admin.email,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      // Every client of the drill logs in from 127.0.0.1.
      AUTH_LOGIN_MAX_PER_IP: '1000000',
      DRILL_WORKFLOW_BUNDLE: bundlePath,
    };
    const api: AppProcess = appProcess({
      name: 'api',
      args: [path.join(__dirname, '..', 'src', 'main.api.js')],
      env,
      logFile: path.join(dir, 'api.log'),
      ready: () => waitForHttp(`${baseUrl}/health`, 180_000),
    });
    const worker: AppProcess = appProcess({
      name: 'worker',
      args: ['--max-old-space-size=256', path.join(__dirname, 'support', 'drill-worker.js')],
      env: { ...env, DATABASE_MIGRATE_ON_START: 'false' },
      logFile: path.join(dir, 'worker.log'),
      ready: (_c, output) => waitForOutput(output, 'WORKER READY', 180_000),
    });
    await api.start();
    await worker.start();
    cleanups.unshift(async () => {
      await worker.stop();
      await api.stop();
    });
    say(`API ${baseUrl}, worker, Temporal ${temporalAddress} up after ${Math.round((Date.now() - t0) / 1000)} s`);

    // ---- load ----
    const stats = newStats();
    const client = new RetryingClient(() => baseUrl, stats, { deadlineMs: 600_000 });
    const actors = await setUpActors(client, admin);
    const invitations = invitationFinder(client, actors.admin);
    let done = 0;
    const results: LifecycleResult[] = [];
    let next = 0;
    const lane = async () => {
      while (next < LIFECYCLES) {
        const i = next++;
        const r = await runLifecycle(client, actors, i, { timeoutMs: LIFECYCLE_TIMEOUT_MS, invitationToken: invitations.token });
        results.push(r);
        done++;
        if (done % 20 === 0 || !r.completed) say(`${done}/${LIFECYCLES} lifecycles ended${r.completed ? '' : ` (#${i} not completed at ${r.step}: ${r.error})`}`);
      }
    };

    // ---- faults ----
    const faults: DrillFault[] = [];
    const kinds: Restartable[] = [
      { name: 'SIGKILL worker', down: () => worker.kill(), up: () => worker.start() },
      { name: 'SIGKILL API', down: () => api.kill(), up: () => api.start() },
      temporalFault,
      postgresFault,
    ];
    let phaseDone = false;
    // The load ends when the payout run is approved (or given up); a fault that starts later hits idle engines.
    let loadEndedAt = Number.POSITIVE_INFINITY;
    const fault = async () => {
      const k = kinds[faults.length % kinds.length];
      const f0 = Date.now();
      await k.down();
      await sleep(DOWN_MS);
      await k.up();
      faults.push({ kind: k.name, at: f0, ms: Date.now() - f0 });
      say(`fault ${faults.length}: ${k.name} (back after ${Date.now() - f0} ms)${f0 >= loadEndedAt ? ', after the load' : ''}`);
    };
    const faulting = (async () => {
      await sleep(FAULT_INTERVAL_MS);
      while (!phaseDone) {
        await fault();
        await sleep(FAULT_INTERVAL_MS);
      }
    })();

    const l0 = Date.now();
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, LIFECYCLES) }, lane));
    const lifecycleMs = Date.now() - l0;
    say(`lifecycles ended after ${Math.round(lifecycleMs / 1000)} s; payout run…`);
    let payout: any;
    let payoutError: string | undefined;
    try {
      payout = await runPayout(client, actors, lastMonth(), 600_000);
    } catch (e) {
      payoutError = (e as Error).message;
    }
    loadEndedAt = Date.now();
    phaseDone = true;
    await faulting;
    while (faults.length < MIN_FAULTS) await fault();
    invitations.stop();
    // Everything up again: let the engines settle the last effects, then check.
    await waitForHttp(`${baseUrl}/health`, 120_000);
    await sleep(5_000);

    // ---- invariants and counts ----
    const check = await invariants(databaseUrl, client, actors.coordinator.token, results);
    const paidLineRows = payout ? (payout.lines as any[]).filter((l) => l.state === 'paid') : [];
    const verdict = drillVerdict({
      results,
      paidTimeReportIds: payout ? paidLineRows.map((l) => l.timeReportId as string) : undefined,
      faults,
      loadEndedAt,
      minFaults: MIN_FAULTS,
      checks: check,
    });
    const summary = {
      topology,
      lifecycles: LIFECYCLES,
      concurrency: Math.min(CONCURRENCY, LIFECYCLES),
      completed: verdict.completed,
      paid: verdict.paid,
      notPaidSample: verdict.notPaid.slice(0, 10),
      stuck: LIFECYCLES - verdict.completed,
      stuckAt: countBy(results.filter((r) => !r.completed).map((r) => r.step)),
      payout: payout ? { state: payout.batch.state, lines: (payout.lines as any[]).length, paidLines: paidLineRows.length } : { error: payoutError },
      faults: faults.length,
      faultsUnderLoad: verdict.faultsUnderLoad,
      faultsAfterLoad: verdict.faultsAfterLoad,
      faultsByKind: countBy(faults.map((f) => f.kind)),
      faultsUnderLoadByKind: countBy(faults.filter((f) => f.at < loadEndedAt).map((f) => f.kind)),
      faultRecoveryMsMax: Math.max(...faults.map((f) => f.ms)),
      ...check,
      requests: stats.requests,
      retries: stats.retries,
      networkErrors: stats.networkErrors,
      byStatus: stats.byStatus,
      unexpectedAnswers: stats.unexpected.length,
      unexpectedSample: stats.unexpected.slice(0, 5),
      lifecycleSeconds: { total: Math.round(lifecycleMs / 1000), p50: pct(results, 0.5), p95: pct(results, 0.95) },
      wallSeconds: Math.round((Date.now() - t0) / 1000),
      loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    say(
      verdict.ok
        ? `PASSED: every lifecycle completed and paid, ${verdict.faultsUnderLoad} faults under load, nothing lost, nothing twice`
        : `FAILED: ${verdict.reasons.join('; ')}`,
    );
    code = verdict.ok ? 0 : 1;
    return code;
  } finally {
    for (const c of cleanups) await c().catch((e) => say(`cleanup: ${(e as Error).message}`));
    if (code === 0) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One poller of the outbox for every lifecycle's invitation mail (instead of one scan per lifecycle). */
function invitationFinder(c: RetryingClient, adminToken: string) {
  const tokens = new Map<string, string>();
  const wanted = new Set<string>();
  let stopped = false;
  void (async () => {
    while (!stopped) {
      if (wanted.size > 0) {
        try {
          for (let page = 1; page <= 50 && wanted.size > 0; page++) {
            const p = await c.expect(200, 'GET', `/outbox?pageSize=100&page=${page}`, adminToken);
            for (const m of p.items as any[]) {
              if (m.template !== 'user-invitation' || !wanted.has(m.toAddress)) continue;
              const t = /token=([A-Za-z0-9_-]+)/.exec(String(m.body))?.[1];
              if (t) {
                tokens.set(m.toAddress, t);
                wanted.delete(m.toAddress);
              }
            }
            if ((p.items as any[]).length < 100) break;
          }
        } catch {
          // the next round
        }
      }
      await sleep(1_000);
    }
  })();
  return {
    async token(email: string): Promise<string> {
      wanted.add(email);
      const end = Date.now() + LIFECYCLE_TIMEOUT_MS;
      while (Date.now() < end) {
        const t = tokens.get(email);
        if (t) return t;
        await sleep(500);
      }
      throw new Error(`no invitation mail to ${email}`);
    },
    stop: () => {
      stopped = true;
    },
  };
}

const STEP_ACTIONS = [
  'assignment.accepted',
  'assignment.details-given',
  'assignment.agreement-signed',
  'assignment.agreement-countersigned',
  'assignment.declaration-approved',
  'assignment.introduction-completed',
];

async function invariants(databaseUrl: string, c: RetryingClient, coordinatorToken: string, results: LifecycleResult[]) {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const q = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as any[];
    const auditTwice = await q(
      `SELECT subject_id, action, count(*)::int AS n FROM audit_log WHERE action = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`,
      [STEP_ACTIONS],
    );
    const mailsTwice = await q(
      `SELECT template, coalesce(to_address, recipient_ref) AS to, count(*)::int AS n FROM outbox
        GROUP BY template, coalesce(to_address, recipient_ref), group_id, subject, body HAVING count(*) > 1`,
    );
    const paidTwice = await q(`SELECT time_report_id, count(*)::int AS n FROM payout_line WHERE state = 'paid' GROUP BY 1 HAVING count(*) > 1`);
    const nominationsTwice = await q(`SELECT group_id, count(*)::int AS n FROM nomination GROUP BY 1 HAVING count(*) > 1`).catch(() => []);
    const reportsTwice = await q(`SELECT assignment_id, count(*)::int AS n FROM time_report GROUP BY 1 HAVING count(*) > 1`).catch(() => []);
    // Steps lost: a completed lifecycle whose audit log lacks one of its steps.
    let stepsLost = 0;
    const completedIds = results.filter((r) => r.completed && r.assignmentId).map((r) => r.assignmentId!);
    if (completedIds.length > 0) {
      const rows = await q(`SELECT subject_id, array_agg(DISTINCT action) AS actions FROM audit_log WHERE subject_id = ANY($1) AND action = ANY($2) GROUP BY 1`, [
        completedIds,
        STEP_ACTIONS,
      ]);
      const seen = new Map(rows.map((r) => [r.subject_id as string, (r.actions as string[]).length]));
      for (const id of completedIds) stepsLost += STEP_ACTIONS.length - (seen.get(id) ?? 0);
    }
    // The read model against the workflow's own status (a Query), for every assignment the drill made.
    // A status no worker answered in the API's query deadline (right after a worker's restart a query waits for
    // the dead worker's sticky queue) is read again for up to a minute before it counts as unreadable.
    let readModelMismatch = 0;
    let readModelUnreadable = 0;
    let readModelChecked = 0;
    const mismatches: string[] = [];
    for (const r of results.filter((x) => x.assignmentId)) {
      let v: any;
      let live: string | undefined;
      for (const end = Date.now() + 60_000; ; ) {
        // An answer that never comes (the 2026-12-04 run: 500 for a workflow its worker could not replay) is an
        // unreadable workflow, not the end of the check.
        v = await new RetryingClient(c.baseUrl, c.stats, { deadlineMs: 30_000 })
          .expect(200, 'GET', `/assignments/${r.assignmentId}`, coordinatorToken)
          .catch(() => ({ assignment: { state: 'no answer' } }));
        live = v.workflow?.status?.state;
        if (live || Date.now() > end) break;
        await sleep(2_000);
      }
      readModelChecked++;
      if (!live) readModelUnreadable++;
      else if (live !== v.assignment.state) readModelMismatch++;
      if ((!live || live !== v.assignment.state) && mismatches.length < 5) mismatches.push(`${r.assignmentId}: read model ${v.assignment.state}, workflow ${live ?? 'unreadable'}`);
    }
    return {
      stepsLost,
      auditTwice: auditTwice.length,
      mailsTwice: mailsTwice.length,
      mailsTwiceSample: mailsTwice.slice(0, 3),
      paidTwice: paidTwice.length,
      nominationsTwice: nominationsTwice.length,
      timeReportsTwice: reportsTwice.length,
      readModelChecked,
      readModelMismatch,
      readModelUnreadable,
      readModelMismatchSample: mismatches,
    };
  } finally {
    await db.end();
  }
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

function pct(results: LifecycleResult[], p: number): number {
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  return ms.length ? Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] / 1000) : 0;
}

// The verdict is the exit code (bench/support/exit-code.ts: an exitCode alone was reset to 0 by embedded-postgres' exit hook).
void runToExit(main, (m) => process.stderr.write(`[drill] ${m}\n`));
