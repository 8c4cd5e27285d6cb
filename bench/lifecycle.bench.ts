/**
 * Lifecycle throughput (issue 9, benchmark 1): N assignment lifecycles — nomination to active, one reporting
 * period, payout — driven through the real Temporal client against the dev server and the project's real worker
 * (activities writing PostgreSQL, agreement and payout slip PDFs), against a baseline of bare workflows with the
 * same updates, signals, timer and number of activities, each a no-op (bench/baseline.workflows.ts; its plan is
 * read from the first real lifecycle's histories). Both run in the same process setup, interleaved in rounds
 * (B R R B …) so drift in the machine's load falls on both.
 *
 * Prints lifecycles per minute for both, their ratio (target ≥ 0.8), and p50/p95 of every human-step Update's
 * round trip with BENCH_CONCURRENCY concurrent callers (target p95 < 60 ms with 20). Callers take their steps without
 * pausing unless BENCH_THINK_MS is set (a pause before every step, on both sides: see bench/support/drive.ts).
 *
 *   npm run bench:lifecycle            (BENCH_LIFECYCLES=100 BENCH_CONCURRENCY=20 BENCH_ROUNDS=2 BENCH_PERIOD_MS=1000)
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { addDays, stockholmDate } from '../src/time-reports/business-dates';
import type { AssignmentInput, AssignmentPolicy, AssignmentStatus } from '../workflows/assignment.messages';
import { assignmentWorkflowId, payoutRunWorkflowId } from '../workflows/ids';
import type { PayoutRunInput, PayoutRunStatus } from '../workflows/payout-run.messages';
import type { BaselinePlan, BaselineProgress } from './baseline.workflows';
import { bundleBenchWorkflows, startWorkflowBench } from './support/engines';
import { BenchPerson, createPayers, createPeople } from './support/fixtures';
import { describePlan, HistoryCounts, planFromHistory } from './support/history-plan';
import { Latencies, poll, pool, THINK_MS, timed } from './support/drive';
import { envInt, fmt, log, machine, now, runBench, saveResult, sleep, summarise, table } from './support/report';
import { descendantsCpu, machineCpu, startWorkerProcess } from './support/worker-process';

const N = envInt('BENCH_LIFECYCLES', 100);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 20);
const ROUNDS = Math.max(1, envInt('BENCH_ROUNDS', 2));
const PERIOD_MS = envInt('BENCH_PERIOD_MS', 1000);
const MAX_CACHED = envInt('WORKER_MAX_CACHED_WORKFLOWS', 1000);

/** The updates a person takes in one lifecycle, in order (the payout's `approve` last). */
const HUMAN_STEPS = [
  'accept',
  'detailsGiven',
  'agreementSigned',
  'agreementCountersigned',
  'declarationSubmitted',
  'declarationReviewed',
  'introductionCompleted',
  'reportAttested',
  'approve',
] as const;

/** Every deadline far away (nothing fires but the reporting period's end); one period, then the tenure ends. */
const POLICY: Partial<AssignmentPolicy> = {
  answerWithin: '1 hour',
  answerReminderBefore: '10 minutes',
  stepWithin: '1 hour',
  reportWithin: '1 hour',
  reportReminderBefore: '10 minutes',
  attestWithin: '1 hour',
  declarationRenewEvery: '30 days',
  declarationRenewWithin: '1 hour',
  reportingPeriodLength: PERIOD_MS,
  tenure: PERIOD_MS,
};

type SideName = 'baseline' | 'real';
const SIDE_LABEL: Record<SideName, string> = { baseline: 'baseline (bare)', real: 'real' };

interface Side {
  name: SideName;
  latencies: Latencies;
  lifecycleMs: number[];
  wallMs: number;
  count: number;
  /** CPU seconds by process kind while this side ran (temporal, postgres, worker, bench client). */
  cpu: Record<string, number>;
  machineBusy: number;
}

runBench(async (cleanup) => {
  log(`lifecycle benchmark: ${N} lifecycles per side, ${CONCURRENCY} concurrent callers (think time ${THINK_MS} ms), ${ROUNDS} rounds, reporting period ${PERIOD_MS} ms`);
  const { engines, ds, dataKey, cipher, groupId, coordinatorId } = await startWorkflowBench('lifecycle', cleanup);
  const financeId = randomUUID();
  const sideNames: SideName[] = ['baseline', 'real'];
  // One person (and payer) per real lifecycle: the probe, then N.
  const people = await createPeople(ds, cipher, { groupId, count: 1 + N });
  const payers = people.map((_, i) => `BENCH-${i}`);
  await createPayers(ds, payers);
  // A payout run covers a closed period (issue 13 #3): the meetings are on last month's last day, paid by its run.
  const meetingDay = addDays(`${stockholmDate(new Date()).slice(0, 7)}-01`, -1);
  const payoutPeriod = meetingDay.slice(0, 7);

  // Both workers are child processes with the same cache size, alive for the whole run.
  const { appBundlePath, baseBundlePath } = await bundleBenchWorkflows(engines.tmpDir);
  const suffix = randomUUID().slice(0, 8);
  const appWorker = (name: string) =>
    startWorkerProcess({
      kind: 'app',
      taskQueue: `bench-${name}-${suffix}`,
      temporalAddress: engines.temporalAddress,
      databaseUrl: engines.databaseUrl,
      dataKey,
      maxCachedWorkflows: MAX_CACHED,
      workflowBundle: appBundlePath,
      logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
      logFile: path.join(engines.tmpDir, `worker-${name}.log`),
      execArgv: process.env.BENCH_WORKER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(process.env.BENCH_WORKER_PROFILE, name)}`] : [],
    });
  // The workers are child processes with the same cache size, alive for the whole run.
  const [real, base] = await Promise.all([
    appWorker('real'),
    startWorkerProcess({
      kind: 'baseline',
      taskQueue: `bench-base-${suffix}`,
      temporalAddress: engines.temporalAddress,
      maxCachedWorkflows: MAX_CACHED,
      workflowBundle: baseBundlePath,
      logFile: path.join(engines.tmpDir, 'worker-baseline.log'),
    }),
  ]);
  cleanup(() => base.stop());
  cleanup(() => real.stop());
  log(`workers ready (real pid ${real.pid}, baseline pid ${base.pid})`);

  const connection = await Connection.connect({ address: engines.temporalAddress });
  cleanup(() => connection.close());
  const client = new Client({ connection });

  // ---- the real lifecycle ------------------------------------------------------------------------------------------

  async function realLifecycle(i: number, lat: Latencies, taskQueue: string): Promise<void> {
    const p: BenchPerson = people[i];
    const payer = payers[i];
    const workflowId = assignmentWorkflowId(p.assignmentId);
    const input: AssignmentInput = {
      assignmentId: p.assignmentId,
      groupId,
      personId: p.personId,
      organisationId: null,
      representation: 'own-experience',
      payerCode: payer,
      reportingFrequency: 'monthly',
      policy: POLICY,
    };
    await client.workflow.start('assignmentWorkflow', { workflowId, taskQueue, args: [input] });
    const h = client.workflow.getHandle(workflowId);
    const rep = { actorId: p.repUserId };
    const coordinator = { actorId: coordinatorId };
    // The person answers the offer once it is made (the first workflow task has run). An `accept` that reaches
    // the very first task together with the start is lost: see the benchmark notes in the README.
    await poll(h, 'assignmentStatus', (s: AssignmentStatus) => s.transitions >= 1);
    await timed(lat, 'accept', () => h.executeUpdate('accept', { args: [rep] }));
    await timed(lat, 'detailsGiven', () => h.executeUpdate('detailsGiven', { args: [rep] }));
    const drafted = await poll(h, 'assignmentStatus', (s: AssignmentStatus) => s.state === 'agreement-drafted');
    const agreementId = drafted.agreementId as string;
    await timed(lat, 'agreementSigned', () => h.executeUpdate('agreementSigned', { args: [{ ...rep, agreementId }] }));
    await timed(lat, 'agreementCountersigned', () => h.executeUpdate('agreementCountersigned', { args: [{ ...coordinator, agreementId }] }));
    await timed(lat, 'declarationSubmitted', () => h.executeUpdate('declarationSubmitted', { args: [{ ...rep, declarationId: p.declarationId }] }));
    await timed(lat, 'declarationReviewed', () =>
      h.executeUpdate('declarationReviewed', { args: [{ ...coordinator, declarationId: p.declarationId, outcome: 'approved' }] }),
    );
    await timed(lat, 'introductionCompleted', () => h.executeUpdate('introductionCompleted', { args: [coordinator] }));

    // One reporting period: it ends, the person reports (the API stores the report, then signals), the coordinator attests.
    await sleep(PERIOD_MS);
    const ended = await poll(h, 'assignmentStatus', (s: AssignmentStatus) => s.reporting.periods[0]?.state === 'awaiting-report');
    const period = ended.reporting.periods[0].key;
    const timeReportId = randomUUID();
    // Against the group's meeting of that day (issue 13 §4.5.1), the assignment called to it, as the API stores them.
    const activityId = randomUUID();
    await ds.query(
      `INSERT INTO group_activity (id, group_id, title, kind, activity_date, duration_minutes, mode) VALUES ($1, $2, 'Möte', 'meeting', $3, 240, 'on-site')`,
      [activityId, groupId, meetingDay],
    );
    await ds.query(`INSERT INTO group_activity_called (activity_id, assignment_id) VALUES ($1, $2)`, [activityId, p.assignmentId]);
    await ds.query(
      `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, meeting_ref, activity_id, duration_minutes, travel_minutes,
                                participation, state, claim_deadline, submitted_at, first_submitted_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'meeting', $8, $9, 240, 60, 'on-site', 'submitted', ($6::date + interval '3 months')::date, now(), now(), $7)`,
      [timeReportId, p.assignmentId, p.personId, groupId, payer, meetingDay, p.repUserId, activityId, activityId],
    );
    await h.signal('reportSubmitted', { period, timeReportId, actorId: p.repUserId });
    await ds.query(
      `UPDATE time_report SET state = 'attested', attestation_decision = 'confirmed', attested_duration_minutes = 240, attested_travel_minutes = 60,
              attested_ticket_cost_ore = 0, attested_other_travel_cost_ore = 0, attested_car_km = 0, attested_by = $2, attested_at = now()
        WHERE id = $1`,
      [timeReportId, coordinatorId],
    );
    await timed(lat, 'reportAttested', () => h.executeUpdate('reportAttested', { args: [{ ...coordinator, period, timeReportId }] }));
    const result = (await h.result()) as { state: string };
    if (result.state !== 'ended') throw new Error(`assignment ${p.assignmentId} ended as ${result.state}`);

    // The payout: finance's run for the payer and month, approved; the workflow then makes the slip.
    const runId = payoutRunWorkflowId(payer, payoutPeriod);
    const runInput: PayoutRunInput = { payerCode: payer, period: payoutPeriod, policy: { approveWithin: '1 hour' } };
    await client.workflow.start('payoutRunWorkflow', { workflowId: runId, taskQueue, args: [runInput] });
    const run = client.workflow.getHandle(runId);
    await poll(run, 'payoutRunStatus', (s: PayoutRunStatus) => s.phase !== 'gathering');
    await timed(lat, 'approve', () => run.executeUpdate('approve', { args: [{ userId: financeId, roles: ['finance'], payerCode: payer }] }));
    const done = (await run.result()) as PayoutRunStatus;
    if (done.phase !== 'approved' || done.slips?.made !== 1) throw new Error(`payout run ${runId} ended ${JSON.stringify(done)}`);
  }

  // ---- the baseline lifecycle: the same calls to Temporal, against bare workflows -------------------------------

  /** Read from the probe's histories below. */
  const plans: { assignment?: BaselinePlan; payout?: BaselinePlan } = {};

  async function baselineLifecycle(i: number, lat: Latencies): Promise<void> {
    const p = people[i];
    const id = `baseline:${suffix}:${i}`;
    await client.workflow.start('baselineWorkflow', { workflowId: `${id}:assignment`, taskQueue: base.taskQueue, args: [plans.assignment!] });
    const h = client.workflow.getHandle(`${id}:assignment`);
    const rep = { actorId: p.repUserId };
    const coordinator = { actorId: coordinatorId };
    const agreementId = p.declarationId; // any UUID: the baseline checks nothing
    await poll(h, 'baselineProgress', (s: BaselineProgress) => s.stage >= 1);
    await timed(lat, 'accept', () => h.executeUpdate('accept', { args: [rep] }));
    await timed(lat, 'detailsGiven', () => h.executeUpdate('detailsGiven', { args: [rep] }));
    await poll(h, 'baselineProgress', (s: BaselineProgress) => s.waitingFor === 'agreementSigned');
    await timed(lat, 'agreementSigned', () => h.executeUpdate('agreementSigned', { args: [{ ...rep, agreementId }] }));
    await timed(lat, 'agreementCountersigned', () => h.executeUpdate('agreementCountersigned', { args: [{ ...coordinator, agreementId }] }));
    await timed(lat, 'declarationSubmitted', () => h.executeUpdate('declarationSubmitted', { args: [{ ...rep, declarationId: p.declarationId }] }));
    await timed(lat, 'declarationReviewed', () =>
      h.executeUpdate('declarationReviewed', { args: [{ ...coordinator, declarationId: p.declarationId, outcome: 'approved' }] }),
    );
    await timed(lat, 'introductionCompleted', () => h.executeUpdate('introductionCompleted', { args: [coordinator] }));
    await sleep(PERIOD_MS);
    await poll(h, 'baselineProgress', (s: BaselineProgress) => s.waitingFor === 'reportSubmitted');
    const timeReportId = randomUUID();
    await h.signal('reportSubmitted', { period: 'P1', timeReportId, actorId: p.repUserId });
    await timed(lat, 'reportAttested', () => h.executeUpdate('reportAttested', { args: [{ ...coordinator, period: 'P1', timeReportId }] }));
    await h.result();
    await client.workflow.start('baselineWorkflow', { workflowId: `${id}:payout`, taskQueue: base.taskQueue, args: [plans.payout!] });
    const run = client.workflow.getHandle(`${id}:payout`);
    await poll(run, 'baselineProgress', (s: BaselineProgress) => s.waitingFor === 'approve');
    await timed(lat, 'approve', () => run.executeUpdate('approve', { args: [{ userId: financeId, roles: ['finance'], payerCode: payers[i] }] }));
    await run.result();
  }

  // ---- probe: one real lifecycle, its histories become the baseline's plans -------------------------------------

  log('probe: one real lifecycle (warm-up; its histories give the baseline its plan)…');
  await realLifecycle(0, new Map(), real.taskQueue);
  const realAssignment = planFromHistory(await client.workflow.getHandle(assignmentWorkflowId(people[0].assignmentId)).fetchHistory());
  const realPayout = planFromHistory(await client.workflow.getHandle(payoutRunWorkflowId(payers[0], payoutPeriod)).fetchHistory());
  const assignmentPlan = (plans.assignment = realAssignment.plan);
  const payoutPlan = (plans.payout = realPayout.plan);
  const expected = HUMAN_STEPS.slice(0, -1).join(',');
  const planned = assignmentPlan.stages.flatMap((s) => (s.on.kind === 'update' ? [s.on.name] : [])).join(',');
  if (planned !== expected) throw new Error(`the real assignment's updates were ${planned}, not ${expected}: ${describePlan(assignmentPlan)}`);
  log(`assignment plan: ${describePlan(assignmentPlan)}`);
  log(`payout-run plan: ${describePlan(payoutPlan)}`);

  log('probe: one baseline lifecycle…');
  await baselineLifecycle(0, new Map());
  const baseAssignment = planFromHistory(await client.workflow.getHandle(`baseline:${suffix}:0:assignment`).fetchHistory()).counts;
  const basePayout = planFromHistory(await client.workflow.getHandle(`baseline:${suffix}:0:payout`).fetchHistory()).counts;
  const sum = (a: HistoryCounts, b: HistoryCounts) =>
    Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof HistoryCounts] + b[k as keyof HistoryCounts]])) as unknown as HistoryCounts;
  const realCounts = sum(realAssignment.counts, realPayout.counts);
  const baseCounts = sum(baseAssignment, basePayout);
  for (const k of ['activities', 'updates', 'signals', 'externalSignals', 'timersFired'] as const) {
    if (realCounts[k] !== baseCounts[k]) throw new Error(`baseline does not match the real lifecycle in ${k}: ${baseCounts[k]} vs ${realCounts[k]}`);
  }

  /** CPU so far of the engines, the workers and this process (the callers). */
  const workerPids = { [real.pid]: 'worker', [base.pid]: 'worker' };
  const cpuNow = (): Record<string, number> => {
    const c = descendantsCpu(workerPids);
    const me = process.cpuUsage();
    return { temporal: c.temporal ?? 0, postgres: c.postgres ?? 0, worker: c.worker ?? 0, client: (me.user + me.system) / 1e6 };
  };

  // ---- the measured rounds: each side in turn, the order reversed every other round ---------------------------------

  const sides = Object.fromEntries(
    sideNames.map((name) => [name, { name, latencies: new Map(), lifecycleMs: [], wallMs: 0, count: 0, cpu: {}, machineBusy: 0 } as Side]),
  ) as Record<SideName, Side>;
  const perRound = Math.ceil(N / ROUNDS);
  /** Index of the next person per side: the real side has its own people, the baseline reuses the same indexes. */
  const next: Record<SideName, number> = { baseline: 1, real: 1 };
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? sideNames : [...sideNames].reverse();
    for (const which of order) {
      const side = sides[which];
      const count = Math.min(perRound, N - side.count);
      if (count <= 0) continue;
      const first = next[which];
      next[which] += count;
      const cpu0 = cpuNow();
      const m0 = machineCpu();
      const t0 = now();
      await pool(count, CONCURRENCY, async (k) => {
        const s = now();
        if (which === 'baseline') await baselineLifecycle(first + k, side.latencies);
        else await realLifecycle(first + k, side.latencies, real.taskQueue);
        side.lifecycleMs.push(now() - s);
      });
      const wall = now() - t0;
      side.wallMs += wall;
      side.count += count;
      const cpu1 = cpuNow();
      for (const k of Object.keys(cpu1)) side.cpu[k] = (side.cpu[k] ?? 0) + cpu1[k] - (cpu0[k] ?? 0);
      side.machineBusy += machineCpu().busy - m0.busy;
      log(`round ${r + 1} ${which}: ${count} lifecycles in ${fmt(wall / 1000)} s (${fmt((count / wall) * 60_000)} per minute)`);
    }
  }

  // ---- report ---------------------------------------------------------------------------------------------------------

  const rate = (s: Side) => (s.count / s.wallMs) * 60_000;
  const ratio = rate(sides.real) / rate(sides.baseline);
  const lc = (s: Side) => summarise(s.lifecycleMs);
  console.log('');
  console.log(`== Lifecycle throughput (${new Date().toISOString()}) ==`);
  console.log(machine());
  console.log(engines.describe);
  console.log(
    `per lifecycle: ${realCounts.activities} activities (${realCounts.localActivities} of them local; the baseline's are all normal: ${baseCounts.localActivities} local), ${realCounts.updates} updates, ${realCounts.signals} signal, ${realCounts.timersFired} timer fired; ` +
      `real histories also hold ${realCounts.timersStarted} timers started (${realCounts.timersCanceled} cancelled), ${realCounts.searchAttributeUpserts} search-attribute upserts, ` +
      `${realCounts.workflowTasks} workflow tasks (baseline: ${baseCounts.workflowTasks}), ${realCounts.events} events (baseline: ${baseCounts.events})`,
  );
  console.log(
    table(
      ['side', 'lifecycles', 'wall s', 'per minute', 'vs baseline', 'lifecycle p50 ms', 'p95 ms', 'CPU ms/lifecycle: temporal', 'postgres', 'worker', 'client', 'machine busy'],
      sideNames.map((k) => {
        const s = sides[k];
        const per = (c: string) => fmt(((s.cpu[c] ?? 0) / s.count) * 1000, 0);
        return [
          SIDE_LABEL[k],
          s.count,
          fmt(s.wallMs / 1000),
          fmt(rate(s)),
          fmt(rate(s) / rate(sides.baseline), 2),
          fmt(lc(s).p50, 0),
          fmt(lc(s).p95, 0),
          per('temporal'),
          per('postgres'),
          per('worker'),
          per('client'),
          `${fmt((s.machineBusy / (s.wallMs / 1000) / os.cpus().length) * 100, 0)} %`,
        ];
      }),
    ),
  );
  console.log(`RATIO real / baseline lifecycles per minute: ${fmt(ratio, 2)} (target ≥ 0.80: ${ratio >= 0.8 ? 'met' : 'MISSED'})`);
  console.log('');
  console.log(`Update round trips with ${CONCURRENCY} concurrent callers, think time ${THINK_MS} ms (ms):`);
  const cols = ['baseline p50', 'baseline p95', 'real p50', 'real p95', 'real max'];
  const row = (name: string, values: (k: SideName) => number[]) => {
    const st = Object.fromEntries(sideNames.map((k) => [k, summarise(values(k))])) as Record<SideName, ReturnType<typeof summarise>>;
    return [
      name,
      st.real.n,
      ...sideNames.flatMap((k) => (k === 'real' ? [fmt(st.real.p50), fmt(st.real.p95), fmt(st.real.max)] : [fmt(st[k].p50), fmt(st[k].p95)])),
      st.real.p95 < 60 ? 'met' : 'MISSED',
    ];
  };
  const rows = HUMAN_STEPS.map((step) => row(step, (k) => sides[k].latencies.get(step) ?? []));
  rows.push(row('all', (k) => [...sides[k].latencies.values()].flat()));
  console.log(table(['update', 'n', ...cols, 'real p95 < 60 ms'], rows));
  saveResult('lifecycle', {
    N,
    CONCURRENCY,
    THINK_MS,
    ROUNDS,
    PERIOD_MS,
    perMinute: Object.fromEntries(sideNames.map((k) => [k, rate(sides[k])])),
    cpuPerLifecycle: Object.fromEntries(sideNames.map((k) => [k, Object.fromEntries(Object.entries(sides[k].cpu).map(([c, v]) => [c, v / sides[k].count]))])),
    ratio,
    updates: Object.fromEntries(HUMAN_STEPS.map((s) => [s, Object.fromEntries(sideNames.map((k) => [k, summarise(sides[k].latencies.get(s) ?? [])]))])),
    counts: { real: realCounts, baseline: baseCounts },
  });
});
