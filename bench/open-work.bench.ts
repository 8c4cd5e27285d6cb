/**
 * Scale of open work (issue 9, benchmark 2).
 *
 * 1. Memory: BENCH_OPEN_WORKFLOWS (10 000) open assignment workflows waiting on their human steps (each offer waits
 *    for `accept`; BENCH_OPEN_TOUCH of them, picked at random, then get their `accept`, so the worker replays
 *    evicted workflows and its cache fills), on the real worker in a child process with a bounded workflow cache
 *    (BENCH_OPEN_LARGE_CACHE, 1000: the project's default until 2026-11, for comparison). Resident memory (VmRSS /
 *    VmHWM from /proc/<pid>/status) is sampled throughout. Then the real worker is restarted with the default cache
 *    (WORKER_MAX_CACHED_WORKFLOWS, 250) and touches as many other workflows, to show what the cache costs; then once
 *    more with its V8 heap capped as the launchers cap it (--max-old-space-size=WORKER_HEAP_MB, 256; the project's
 *    default configuration; BENCH_OPEN_HEAP_CAP_MB=0 leaves this out).
 *    Baseline in the same run: bare workflows (bench/baseline.workflows.ts, plan read from a real one's history)
 *    waiting on the same updates, on a bare worker with the same cache (BENCH_OPEN_BASELINE_WORKFLOWS of them,
 *    3 000 by default: what a worker holds is bounded by its cache, and starting 10 000 more would take the
 *    benchmark past 10 minutes). Target: real worker < 400 MB.
 * 2. History: one assignment driven through a 3-year tenure with monthly reporting on short policy durations
 *    (a month is BENCH_MONTH_MS; every deadline scaled the same), the person reporting and the coordinator
 *    attesting every period, the declaration renewed when due. Reports events per run and the number of runs
 *    (continue-as-new). Target: < 10 000 events per run. It runs on the real worker while the baseline's bare
 *    workflows are being started (the real worker is otherwise idle then), to keep the benchmark under 10 minutes.
 *
 *   npm run bench:open-work            (BENCH_OPEN_WORKFLOWS=10000 BENCH_OPEN_TOUCH=1000 BENCH_MONTH_MS=3000)
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AssignmentInput, AssignmentPolicy, AssignmentStatus } from '../workflows/assignment.messages';
import { assignmentWorkflowId } from '../workflows/ids';
import type { BaselinePlan, BaselineProgress } from './baseline.workflows';
import { bundleBenchWorkflows, startWorkflowBench } from './support/engines';
import { BenchPerson, createPeople } from './support/fixtures';
import { describePlan, planFromHistory } from './support/history-plan';
import { poll, pool } from './support/drive';
import { envInt, fmt, log, machine, now, runBench, saveResult, sleep, summarise, table } from './support/report';
import { descendantsCpu, startWorkerProcess, WorkerProcess, WorkerProcessOptions } from './support/worker-process';

const OPEN = envInt('BENCH_OPEN_WORKFLOWS', 10_000);
const BASE_OPEN = envInt('BENCH_OPEN_BASELINE_WORKFLOWS', Math.min(OPEN, 3_000));
const TOUCH = Math.min(envInt('BENCH_OPEN_TOUCH', 1_000), Math.floor(OPEN / 2), BASE_OPEN);
const CACHE = envInt('BENCH_OPEN_LARGE_CACHE', 1000);
const SMALL_CACHE = envInt('WORKER_MAX_CACHED_WORKFLOWS', envInt('BENCH_OPEN_SMALL_CACHE', 250));
const MONTH_MS = envInt('BENCH_MONTH_MS', 3000);
const TENURE_MONTHS = envInt('BENCH_TENURE_MONTHS', 36);
const START_CONCURRENCY = 50;
const TOUCH_CONCURRENCY = 20;
const TARGET_RSS_MB = 400;
const HEAP_CAP_MB = envInt('BENCH_OPEN_HEAP_CAP_MB', envInt('WORKER_HEAP_MB', 256));
/** Set when the benchmark stops early: the tenure's driver stops polling. */
const stopping = { now: false };
const TARGET_EVENTS = 10_000;

/** A day of policy time when a month is MONTH_MS (30.44 days). */
const day = (n: number) => Math.max(1, Math.round((n * MONTH_MS) / 30.44));

/** One worker's memory while it held the open workflows. */
interface MemoryRow {
  label: string;
  cache: number;
  open: number;
  idleMb: number;
  afterStartMb: number | null;
  afterTouchMb: number;
  peakMb: number;
  cached: number;
  mainHeapMb: number;
  startSeconds: number | null;
  touchSeconds: number;
  /** CPU ms per started workflow while starting, by process kind. */
  cpuPerStart: Record<string, number> | null;
}

/** CPU seconds so far of the engines, the given worker and this process. */
function cpuNow(worker: WorkerProcess): Record<string, number> {
  const c = descendantsCpu({ [worker.pid]: 'worker' });
  const me = process.cpuUsage();
  return { temporal: c.temporal ?? 0, postgres: c.postgres ?? 0, worker: c.worker ?? 0, client: (me.user + me.system) / 1e6 };
}

/** Samples a worker's resident memory every 250 ms; `peak` is the highest seen (or its VmHWM). */
function sampler(worker: WorkerProcess) {
  let peak = worker.memory().rssMb;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, worker.memory().rssMb);
    } catch {
      // the worker is stopping
    }
  }, 250);
  return {
    peak: () => Math.max(peak, worker.memory().peakRssMb),
    stop: () => clearInterval(timer),
  };
}

runBench(async (cleanup) => {
  log(`open-work benchmark: ${OPEN} open workflows (cache ${CACHE}, then ${SMALL_CACHE}), ${TOUCH} touched; baseline ${BASE_OPEN}; ${TENURE_MONTHS}-month tenure, a month of ${MONTH_MS} ms`);
  const { engines, ds, dataKey, cipher, groupId, coordinatorId } = await startWorkflowBench('open-work', cleanup);
  const people = await createPeople(ds, cipher, { groupId, count: OPEN + 2 });

  const { appBundlePath, baseBundlePath } = await bundleBenchWorkflows(engines.tmpDir);
  const connection = await Connection.connect({ address: engines.temporalAddress });
  cleanup(() => connection.close());
  const client = new Client({ connection });
  cleanup(async () => {
    stopping.now = true;
  });
  const suffix = randomUUID().slice(0, 8);
  const realQueue = `bench-open-real-${suffix}`;

  const input = (p: BenchPerson, policy?: Partial<AssignmentPolicy>): AssignmentInput => ({
    assignmentId: p.assignmentId,
    groupId,
    personId: p.personId,
    organisationId: null,
    representation: 'own-experience',
    payerCode: 'SKR',
    reportingFrequency: 'monthly',
    ...(policy ? { policy } : {}),
  });
  const realWorker = (cache: number, logName: string, heapCapMb = 0): WorkerProcessOptions => ({
    kind: 'app',
    taskQueue: realQueue,
    temporalAddress: engines.temporalAddress,
    databaseUrl: engines.databaseUrl,
    dataKey,
    maxCachedWorkflows: cache,
    workflowBundle: appBundlePath,
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
    logFile: path.join(engines.tmpDir, logName),
    // --max-old-space-size also bounds the workflow thread's heap (V8 flags apply to every isolate of the process)
    execArgv: heapCapMb ? [`--max-old-space-size=${heapCapMb}`] : [],
  });
  const stopped = new Set<WorkerProcess>();
  const stopWorker = async (w: WorkerProcess) => {
    if (stopped.has(w)) return;
    stopped.add(w);
    await w.stop();
  };

  /** Starts `count` workflows and waits until each has run its first steps; the worker's memory is sampled. */
  async function startAll(label: string, worker: WorkerProcess, count: number, start: (k: number) => Promise<void>, ready: () => Promise<boolean>) {
    const t0 = now();
    const cpu0 = cpuNow(worker);
    let started = 0;
    const progress = setInterval(() => log(`${label}: ${started} of ${count} started, worker ${fmt(worker.memory().rssMb, 0)} MB`), 20_000);
    try {
      await pool(count, START_CONCURRENCY, async (k) => {
        await start(k);
        started++;
      });
      while (!(await ready())) await sleep(500);
    } finally {
      clearInterval(progress);
    }
    const cpu1 = cpuNow(worker);
    const seconds = (now() - t0) / 1000;
    log(`${label}: ${count} open after ${fmt(seconds)} s; worker ${fmt(worker.memory().rssMb, 0)} MB`);
    return { seconds, cpuPerStart: Object.fromEntries(Object.keys(cpu1).map((k) => [k, ((cpu1[k] - cpu0[k]) / count) * 1000])) };
  }

  /** Sends the next human step to the given workflows (each likely evicted from the cache: the worker replays it). */
  async function touchAll(ks: number[], touch: (k: number) => Promise<void>) {
    const t0 = now();
    await pool(ks.length, TOUCH_CONCURRENCY, (i) => touch(ks[i]));
    return (now() - t0) / 1000;
  }

  async function snapshot(worker: WorkerProcess) {
    await sleep(1500);
    const stats = await worker.stats();
    return { rssMb: worker.memory().rssMb, cached: stats.cached, mainHeapMb: stats.memory.heapUsed / 2 ** 20 };
  }

  const acceptReal = async (k: number) => {
    await client.workflow.getHandle(assignmentWorkflowId(people[k].assignmentId)).executeUpdate('accept', { args: [{ actorId: people[k].repUserId }] });
  };
  const rows: MemoryRow[] = [];
  const order = shuffle(Array.from({ length: OPEN }, (_, k) => k));

  // ---- 1a. the real worker, cache CACHE ----------------------------------------------------------------------------

  const real = await startWorkerProcess(realWorker(CACHE, 'worker-real.log'));
  cleanup(() => stopWorker(real));
  await sleep(2000);
  const realIdle = real.memory().rssMb;
  const realSampler = sampler(real);

  // The baseline's plan: a real assignment's history up to and including `accept`, then waiting for `detailsGiven`.
  const probe = people[OPEN];
  const probeHandle = client.workflow.getHandle(assignmentWorkflowId(probe.assignmentId));
  await client.workflow.start('assignmentWorkflow', { workflowId: probeHandle.workflowId, taskQueue: realQueue, args: [input(probe)] });
  await poll(probeHandle, 'assignmentStatus', (s: AssignmentStatus) => s.transitions >= 1);
  // The offer is made (its mail is out) before the person answers, as for the 10 000: so the plan's start stage
  // holds the offer's activities and `accept` its own.
  while (Number((await ds.query(`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE $1`, [`${probeHandle.workflowId}:%`]))[0].n) < 1) await sleep(50);
  await sleep(300);
  await probeHandle.executeUpdate('accept', { args: [{ actorId: probe.repUserId }] });
  await sleep(500);
  const probePlan = planFromHistory(await probeHandle.fetchHistory()).plan;
  const plan: BaselinePlan = { stages: [...probePlan.stages, { on: { kind: 'update', name: 'detailsGiven' }, waves: [] }] };
  log(`baseline plan: ${describePlan(plan)}`);

  const offers = async () => Number((await ds.query(`SELECT count(*) AS n FROM outbox WHERE template = 'assignment-offer'`))[0].n);
  const realStart = await startAll(
    'real',
    real,
    OPEN,
    async (k) => {
      await client.workflow.start('assignmentWorkflow', { workflowId: assignmentWorkflowId(people[k].assignmentId), taskQueue: realQueue, args: [input(people[k])] });
    },
    async () => (await offers()) >= OPEN + 1,
  );
  const realAfterStart = (await snapshot(real)).rssMb;
  const realTouch = await touchAll(order.slice(0, TOUCH), acceptReal);
  const realSnap = await snapshot(real);
  rows.push({
    label: 'real',
    cache: CACHE,
    open: OPEN,
    idleMb: realIdle,
    afterStartMb: realAfterStart,
    afterTouchMb: realSnap.rssMb,
    peakMb: realSampler.peak(),
    cached: realSnap.cached,
    mainHeapMb: realSnap.mainHeapMb,
    startSeconds: realStart.seconds,
    touchSeconds: realTouch,
    cpuPerStart: realStart.cpuPerStart,
  });
  realSampler.stop();
  log(`real (cache ${CACHE}): touched ${TOUCH} in ${fmt(realTouch)} s; ${fmt(realSnap.rssMb, 0)} MB, peak ${fmt(rows[0].peakMb, 0)} MB, ${realSnap.cached} cached`);
  await stopWorker(real);

  // ---- 1b. the real worker again, cache SMALL_CACHE ------------------------------------------------------------------

  const small = await startWorkerProcess(realWorker(SMALL_CACHE, 'worker-real-small.log'));
  cleanup(() => stopWorker(small));
  await sleep(2000);
  const smallIdle = small.memory().rssMb;
  const smallSampler = sampler(small);
  const smallTouch = await touchAll(order.slice(TOUCH, 2 * TOUCH), acceptReal);
  const smallSnap = await snapshot(small);
  rows.push({
    label: 'real',
    cache: SMALL_CACHE,
    open: OPEN,
    idleMb: smallIdle,
    afterStartMb: null,
    afterTouchMb: smallSnap.rssMb,
    peakMb: smallSampler.peak(),
    cached: smallSnap.cached,
    mainHeapMb: smallSnap.mainHeapMb,
    startSeconds: null,
    touchSeconds: smallTouch,
    cpuPerStart: null,
  });
  smallSampler.stop();
  log(`real (cache ${SMALL_CACHE}): touched ${TOUCH} in ${fmt(smallTouch)} s; ${fmt(smallSnap.rssMb, 0)} MB, ${smallSnap.cached} cached`);

  // ---- 1c. and with its heap capped too (--max-old-space-size): V8 otherwise lets garbage pile up -----------------------

  if (HEAP_CAP_MB > 0 && 3 * TOUCH <= OPEN) {
    await stopWorker(small);
    const capped = await startWorkerProcess(realWorker(SMALL_CACHE, 'worker-real-capped.log', HEAP_CAP_MB));
    cleanup(() => stopWorker(capped));
    await sleep(2000);
    const cappedIdle = capped.memory().rssMb;
    const cappedSampler = sampler(capped);
    const cappedTouch = await touchAll(order.slice(2 * TOUCH, 3 * TOUCH), acceptReal);
    const cappedSnap = await snapshot(capped);
    rows.push({
      label: `real, heap ${HEAP_CAP_MB} MB`,
      cache: SMALL_CACHE,
      open: OPEN,
      idleMb: cappedIdle,
      afterStartMb: null,
      afterTouchMb: cappedSnap.rssMb,
      peakMb: cappedSampler.peak(),
      cached: cappedSnap.cached,
      mainHeapMb: cappedSnap.mainHeapMb,
      startSeconds: null,
      touchSeconds: cappedTouch,
      cpuPerStart: null,
    });
    cappedSampler.stop();
    log(`real (cache ${SMALL_CACHE}, --max-old-space-size=${HEAP_CAP_MB}): touched ${TOUCH} in ${fmt(cappedTouch)} s; ${fmt(cappedSnap.rssMb, 0)} MB`);
  }

  // ---- 1d. the baseline worker; meanwhile 2. the 3-year tenure on the real worker ------------------------------------

  const base = await startWorkerProcess({
    kind: 'baseline',
    taskQueue: `bench-open-base-${suffix}`,
    temporalAddress: engines.temporalAddress,
    maxCachedWorkflows: CACHE,
    workflowBundle: baseBundlePath,
    logFile: path.join(engines.tmpDir, 'worker-baseline.log'),
  });
  cleanup(() => stopWorker(base));
  await sleep(2000);
  const baseIdle = base.memory().rssMb;
  const baseSampler = sampler(base);
  log(`history: a ${TENURE_MONTHS}-month tenure (alongside the baseline)…`);
  const tenurePerson = people[OPEN + 1];
  // On the real task queue: served by whichever real worker is up now.
  const tenureDone = driveTenure(client, ds, realQueue, input(tenurePerson, tenurePolicy()), tenurePerson, coordinatorId);
  tenureDone.catch(() => undefined); // awaited below
  const baseId = (k: number) => `baseline-open:${suffix}:${k}`;
  const baseStart = await startAll(
    'baseline',
    base,
    BASE_OPEN,
    async (k) => {
      await client.workflow.start('baselineWorkflow', { workflowId: baseId(k), taskQueue: base.taskQueue, args: [plan] });
    },
    async () => {
      // A bare workflow has made its "offer" when its start stage is done; the last ones started are checked.
      const last = Array.from({ length: Math.min(20, BASE_OPEN) }, (_, i) => BASE_OPEN - 1 - i);
      try {
        const sample = await Promise.all(last.map((k) => client.workflow.getHandle(baseId(k)).query<BaselineProgress>('baselineProgress')));
        return sample.every((s) => s.waitingFor === 'accept');
      } catch {
        return false; // a query timed out while the worker is busy starting the rest: ask again
      }
    },
  );
  const baseAfterStart = (await snapshot(base)).rssMb;
  const baseOrder = shuffle(Array.from({ length: BASE_OPEN }, (_, k) => k)).slice(0, TOUCH);
  const baseTouch = await touchAll(baseOrder, async (k) => {
    await client.workflow.getHandle(baseId(k)).executeUpdate('accept', { args: [{ actorId: people[k].repUserId }] });
  });
  const baseSnap = await snapshot(base);
  rows.unshift({
    label: 'baseline',
    cache: CACHE,
    open: BASE_OPEN,
    idleMb: baseIdle,
    afterStartMb: baseAfterStart,
    afterTouchMb: baseSnap.rssMb,
    peakMb: baseSampler.peak(),
    cached: baseSnap.cached,
    mainHeapMb: baseSnap.mainHeapMb,
    startSeconds: baseStart.seconds,
    touchSeconds: baseTouch,
    cpuPerStart: baseStart.cpuPerStart,
  });
  baseSampler.stop();
  const tenure = await tenureDone;
  const running = (await client.workflow.count(`TaskQueue = "${realQueue}" AND ExecutionStatus = "Running"`)).count;

  // ---- report ----------------------------------------------------------------------------------------------------------

  console.log('');
  console.log(`== Open work (${new Date().toISOString()}) ==`);
  console.log(machine());
  console.log(engines.describe);
  console.log(`${running} real assignment workflows open on the server at the end`);
  const c = (r: MemoryRow, k: string) => (r.cpuPerStart ? fmt(r.cpuPerStart[k], 1) : '–');
  console.log(
    table(
      ['worker', 'open', 'cache', 'cached', 'idle MB', 'after start MB', 'after touch MB', 'peak MB', 'MB/cached wf', 'main heap MB', 'start s', 'starts/s', 'touch s', 'CPU ms/start: temporal', 'postgres', 'worker', 'client'],
      rows.map((r) => [
        r.label,
        r.open,
        r.cache,
        r.cached,
        fmt(r.idleMb, 0),
        r.afterStartMb === null ? '–' : fmt(r.afterStartMb, 0),
        fmt(r.afterTouchMb, 0),
        fmt(r.peakMb, 0),
        fmt((r.afterTouchMb - r.idleMb) / Math.max(1, r.cached), 2),
        fmt(r.mainHeapMb, 0),
        r.startSeconds === null ? '–' : fmt(r.startSeconds),
        r.startSeconds === null ? '–' : fmt(r.open / r.startSeconds),
        fmt(r.touchSeconds),
        c(r, 'temporal'),
        c(r, 'postgres'),
        c(r, 'worker'),
        c(r, 'client'),
      ]),
    ),
  );
  const [b, big, sm, capped] = rows;
  const perWf = (big.afterTouchMb - sm.afterTouchMb) / Math.max(1, big.cached - sm.cached);
  const fits = Math.floor((TARGET_RSS_MB - (sm.afterTouchMb - perWf * sm.cached)) / perWf);
  console.log(
    `RATIO real worker peak RSS / ${TARGET_RSS_MB} MB target, cache ${CACHE}: ${fmt(big.peakMb / TARGET_RSS_MB, 2)} (${big.peakMb < TARGET_RSS_MB ? 'met' : 'MISSED'}); ` +
      `cache ${SMALL_CACHE}: ${fmt(sm.peakMb / TARGET_RSS_MB, 2)} (${sm.peakMb < TARGET_RSS_MB ? 'met' : 'MISSED'}); real / baseline at cache ${CACHE}: ${fmt(big.peakMb / b.peakMb, 2)}`,
  );
  console.log(`a cached assignment workflow costs ≈ ${fmt(perWf, 2)} MB of RSS (between the two caches); a cache of ≈ ${fits} fits under ${TARGET_RSS_MB} MB`);
  if (capped) {
    console.log(
      `RATIO with the project's defaults — cache ${SMALL_CACHE} and --max-old-space-size=${HEAP_CAP_MB}: peak ${fmt(capped.peakMb, 0)} MB, ${fmt(capped.peakMb / TARGET_RSS_MB, 2)} of the target ` +
        `(${capped.peakMb < TARGET_RSS_MB ? 'met' : 'MISSED'})`,
    );
  }
  const ev = summarise(tenure.runs.map((r) => r.events));
  console.log(
    `3-year tenure (${TENURE_MONTHS} monthly periods, a month = ${MONTH_MS} ms): ${tenure.runs.length} runs (continue-as-new), events per run ` +
      `mean ${fmt(ev.mean, 0)}, max ${ev.max}; ${tenure.runs.reduce((s, r) => s + r.events, 0)} events in all; ` +
      `${tenure.attested} periods attested, ${tenure.missed} missed or unattested, ${tenure.renewals} declaration renewals; driven in ${fmt(tenure.seconds)} s`,
  );
  console.log(`RATIO largest run / ${TARGET_EVENTS} events target: ${fmt(ev.max / TARGET_EVENTS, 3)} (${ev.max < TARGET_EVENTS ? 'met' : 'MISSED'})`);
  saveResult('open-work', { OPEN, BASE_OPEN, TOUCH, CACHE, SMALL_CACHE, rows, tenure });
});

/** Every deadline of the policy scaled to a month of MONTH_MS. */
function tenurePolicy(): Partial<AssignmentPolicy> {
  return {
    answerWithin: '1 hour',
    answerReminderBefore: '10 minutes',
    stepWithin: '1 hour',
    reportingPeriodLength: MONTH_MS,
    tenure: TENURE_MONTHS * MONTH_MS,
    reportWithin: day(14),
    reportReminderBefore: day(4),
    attestWithin: day(30),
    declarationRenewEvery: day(1095),
    declarationRenewWithin: day(30),
  };
}

interface TenureResult {
  runs: Array<{ runId: string; events: number }>;
  attested: number;
  missed: number;
  renewals: number;
  seconds: number;
}

/**
 * Onboards one assignment, then plays both people for every period: the representative reports as soon as a
 * period ends, the coordinator attests; a due declaration is renewed and approved. Until the workflow completes.
 */
async function driveTenure(
  client: Client,
  ds: DataSource,
  taskQueue: string,
  input: AssignmentInput,
  p: BenchPerson,
  coordinatorId: string,
): Promise<TenureResult> {
  const t0 = now();
  const workflowId = assignmentWorkflowId(p.assignmentId);
  await client.workflow.start('assignmentWorkflow', { workflowId, taskQueue, args: [input] });
  const h: WorkflowHandle = client.workflow.getHandle(workflowId);
  const rep = { actorId: p.repUserId };
  const coordinator = { actorId: coordinatorId };
  await poll(h, 'assignmentStatus', (s: AssignmentStatus) => s.transitions >= 1);
  await h.executeUpdate('accept', { args: [rep] });
  await h.executeUpdate('detailsGiven', { args: [rep] });
  const { agreementId } = await poll(h, 'assignmentStatus', (s: AssignmentStatus) => s.state === 'agreement-drafted');
  await h.executeUpdate('agreementSigned', { args: [{ ...rep, agreementId }] });
  await h.executeUpdate('agreementCountersigned', { args: [{ ...coordinator, agreementId }] });
  await h.executeUpdate('declarationSubmitted', { args: [{ ...rep, declarationId: p.declarationId }] });
  await h.executeUpdate('declarationReviewed', { args: [{ ...coordinator, declarationId: p.declarationId, outcome: 'approved' }] });
  await h.executeUpdate('introductionCompleted', { args: [coordinator] });

  const reported = new Set<string>();
  let renewals = 0;
  let completed = false;
  const result = h.result().then(() => {
    completed = true;
  });
  let lastLog = Date.now();
  while (!completed && !stopping.now) {
    let st: AssignmentStatus;
    try {
      st = await h.query<AssignmentStatus>('assignmentStatus');
    } catch (e) {
      if (completed) break;
      // A query may time out while the machine is saturated (the baseline is being started alongside): ask again.
      if (/DEADLINE_EXCEEDED|timed out/i.test(String((e as { cause?: unknown }).cause ?? e))) continue;
      throw e;
    }
    for (const period of st.reporting.periods) {
      if (period.state !== 'awaiting-report' || reported.has(period.key)) continue;
      reported.add(period.key);
      const timeReportId = randomUUID();
      await h.signal('reportSubmitted', { period: period.key, timeReportId, actorId: p.repUserId });
      await h.executeUpdate('reportAttested', { args: [{ ...coordinator, period: period.key, timeReportId }] });
    }
    if (st.declaration.state === 'due' || st.declaration.state === 'overdue') {
      const declarationId = randomUUID();
      await ds.query(`INSERT INTO declaration (id, assignment_id, person_id, has_interests, state, submitted_by) VALUES ($1, $2, $3, false, 'stored', $4)`, [
        declarationId,
        p.assignmentId,
        p.personId,
        p.repUserId,
      ]);
      await h.executeUpdate('declarationSubmitted', { args: [{ ...rep, declarationId }] });
      await h.executeUpdate('declarationReviewed', { args: [{ ...coordinator, declarationId, outcome: 'approved' }] });
      renewals++;
    }
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      log(`tenure: ${reported.size} periods reported, state ${st.state}`);
    }
    await sleep(20);
  }
  if (stopping.now) throw new Error('stopped');
  await result;
  const runs: Array<{ runId: string; events: number }> = [];
  for await (const wf of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) runs.push({ runId: wf.runId, events: wf.historyLength });
  // Visibility may lag for the last runs: take the lengths from the histories themselves.
  for (const r of runs) {
    const history = await client.workflow.getHandle(workflowId, r.runId).fetchHistory();
    r.events = history.events?.length ?? r.events;
  }
  const rows: Array<{ state: string; n: string }> = await ds.query(
    `SELECT state, count(*) AS n FROM assignment_reporting_period WHERE assignment_id = $1 GROUP BY state`,
    [p.assignmentId],
  );
  const count = (s: string) => Number(rows.find((r) => r.state === s)?.n ?? 0);
  return { runs, attested: count('attested'), missed: count('missed') + count('unattested'), renewals, seconds: (now() - t0) / 1000 };
}

function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
