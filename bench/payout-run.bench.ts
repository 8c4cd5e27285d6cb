/**
 * Payout run (issue 9, benchmark 3): N attested lines (12 per person; the big case is 10 000 people × 12 lines =
 * 120 000 lines) gathered, computed by the fee engine, stored, approved and exported as the bank file, through the
 * same functions the payout-run activities and the API use — draftBatch and approveBatch (src/payouts/
 * payout-batches.ts, called by the activities draftPayoutBatch / approvePayoutBatch) and PayoutsService.exportCsv —
 * called directly, at 1 000 / 10 000 / 50 000 / 120 000 lines. The attested lines are inserted in bulk with SQL as
 * setup (not timed), together with last month's paid batch for the same people (BENCH_PAYOUT_HISTORY=0: none, as
 * in the very first run; see the README for what that does to the query plans). Target: linear, 120 000 lines in
 * < 10 s.
 *
 * Baseline, in the same run and on the same data: the floor of the same work — the product's own set-based pieces
 * (src/payouts/payouts.repository.ts and payout-compute.ts: one query gathers the lines, the same engine computes every
 * person, the rows are written in bulk with unnest, one statement marks the lines paid) and the same CSV function,
 * without the batch's lock, totals, audit, summary or the approval's check of the inputs — inside a transaction that
 * is rolled back, so the real path then finds the data untouched.
 *
 * Once, at the smallest size, the run also goes through the workflow (payoutRunWorkflow on the real worker):
 * draft, the `approve` update, and the payout slips the workflow then makes.
 *
 *   npm run bench:payout-run           (BENCH_PAYOUT_SIZES=1000,10000,50000,120000)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import type { DataSource, QueryRunner } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { AuthUser } from '../src/auth/auth-user';
import { loadConfig } from '../src/config/config';
import { FieldCipher } from '../src/crypto/field-cipher';
import { DocumentsService } from '../src/documents/documents.service';
import { rateTablesFor } from '../src/payouts/payers';
import { approveBatch, draftBatch } from '../src/payouts/payout-batches';
import * as calculation from '../src/payouts/payout-calculation';
import { calculatePeople } from '../src/payouts/payout-compute';
import { PayoutsRepository } from '../src/payouts/payouts.repository';
import { normaliseAccount, paymentCsv, paymentReference } from '../src/payouts/payout-exports';
import { PayingBodySettingsRepository } from '../src/paying-bodies/paying-body-settings.repository';
import { PayingBodySettingsService } from '../src/paying-bodies/paying-body-settings.service';
import { PayoutsService } from '../src/payouts/payouts.service';
import { addMonths, stockholmDate } from '../src/time-reports/business-dates';
import { payoutRunWorkflowId } from '../workflows/ids';
import type { PayoutRunInput, PayoutRunStatus } from '../workflows/payout-run.messages';
import { startEngines } from './support/engines';
import { createGroup, createPayers, createPeople, insertRows } from './support/fixtures';
import { envInt, fmt, log, machine, now, runBench, saveResult, sleep, table } from './support/report';
import { startWorkerProcess } from './support/worker-process';

const SIZES = (process.env.BENCH_PAYOUT_SIZES ?? '1000,10000,50000,120000').split(',').map((s) => Number(s.trim()));
const LINES_PER_PERSON = 12;
const WORKFLOW_SIZE = envInt('BENCH_PAYOUT_WORKFLOW_SIZE', Math.min(...SIZES));
/** 1: last month was paid already (a running system); 0: the payout tables are empty (the first run ever). */
const HISTORY = envInt('BENCH_PAYOUT_HISTORY', 1) === 1;
/** Longest a draft (or an approval) may run at one size before it is cancelled and its total projected. */
const BUDGET_S = envInt('BENCH_PAYOUT_BUDGET_S', 150);
const PAYER = 'BENCH-PAY';
const TARGET_LINES = 120_000;
const TARGET_S = 10;

// ---- instrumentation: round trips to PostgreSQL and the engine's own time --------------------------------------------

const probe = { queries: 0, queryMs: 0, engineMs: 0, enginePersons: 0, firstEngineAt: NaN };
/** Time per statement (its first words), to show which ones the time goes to. */
let bySql = new Map<string, { n: number; ms: number }>();
const query = PostgresQueryRunner.prototype.query;
PostgresQueryRunner.prototype.query = async function (this: PostgresQueryRunner, ...args: Parameters<typeof query>) {
  const t0 = now();
  try {
    return await query.apply(this, args);
  } finally {
    const ms = now() - t0;
    probe.queries++;
    probe.queryMs += ms;
    const key = String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 90);
    const e = bySql.get(key) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += ms;
    bySql.set(key, e);
  }
} as typeof query;
const calculatePerson = calculation.calculatePerson;
(calculation as { calculatePerson: typeof calculatePerson }).calculatePerson = (args) => {
  const t0 = now();
  if (Number.isNaN(probe.firstEngineAt)) probe.firstEngineAt = t0;
  try {
    return calculatePerson(args);
  } finally {
    probe.engineMs += now() - t0;
    probe.enginePersons++;
  }
};
const resetProbe = () => Object.assign(probe, { queries: 0, queryMs: 0, engineMs: 0, enginePersons: 0, firstEngineAt: NaN });

interface Phase {
  ms: number;
  queries: number;
  queryMs: number;
  engineMs: number;
}

async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; phase: Phase }> {
  resetProbe();
  const t0 = now();
  const result = await fn();
  return { result, phase: { ms: now() - t0, queries: probe.queries, queryMs: probe.queryMs, engineMs: probe.engineMs } };
}

/**
 * Like measure, but past BUDGET_S cancels the statement running in PostgreSQL (the function's transaction then
 * rolls back) and projects the whole time: the work before the first person's computation as measured, the
 * per-person part (one person after the other, each alike) scaled from the people done to all `persons`.
 */
async function measureWithBudget<T>(ds: DataSource, fn: () => Promise<T>, persons: number): Promise<{ result?: T; phase: Phase; projectedMs?: number }> {
  resetProbe();
  const t0 = now();
  let cancelledAt: { ms: number; queries: number; personsDone: number; firstPersonMs: number } | undefined;
  let canceller: NodeJS.Timeout | undefined;
  const budget = setTimeout(() => {
    cancelledAt = { ms: now() - t0, queries: probe.queries, personsDone: probe.enginePersons, firstPersonMs: probe.firstEngineAt - t0 };
    const cancel = () =>
      ds
        .query(`SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`)
        .catch(() => undefined);
    void cancel();
    canceller = setInterval(() => void cancel(), 200);
  }, BUDGET_S * 1000);
  try {
    const result = await fn();
    return { result, phase: { ms: now() - t0, queries: probe.queries, queryMs: probe.queryMs, engineMs: probe.engineMs } };
  } catch (e) {
    if (!cancelledAt) throw e;
    const phase = { ms: cancelledAt.ms, queries: cancelledAt.queries, queryMs: probe.queryMs, engineMs: probe.engineMs };
    const c = cancelledAt;
    return { phase, projectedMs: c.personsDone > 0 ? c.firstPersonMs + ((c.ms - c.firstPersonMs) * persons) / c.personsDone : undefined };
  } finally {
    clearTimeout(budget);
    if (canceller) clearInterval(canceller);
  }
}

// ---- setup -------------------------------------------------------------------------------------------------------------

interface Dataset {
  lines: number;
  persons: number;
  period: string;
  payerCode: string;
}

/**
 * Empties what a previous size left, so each size starts from the same empty tables (TRUNCATE: the payout tables'
 * "final" triggers are row triggers). The append-only audit log and documents refuse TRUNCATE and keep their rows.
 */
async function reset(ds: DataSource) {
  await ds.query(
    `TRUNCATE payout_approval, payout_line, payout_payee, payout_person, payout_batch, time_report, declaration, agreement_draft, assignment_reporting_period,
              assignment, person, group_coordinator, working_group, outbox CASCADE`,
  );
}

/**
 * Time reports are made against the group's activities (issue 13 §4.5.1; the database refuses one without, migration
 * 1765700000000): one meeting on each of `days`, every assignment of the group called; the reports are then stored
 * against their day's meeting (as the API stores them).
 */
async function meetingsOn(ds: DataSource, groupId: string, days: string[]) {
  await ds.query(
    `INSERT INTO group_activity (id, group_id, title, kind, activity_date, duration_minutes, mode, fee_rule)
     SELECT gen_random_uuid(), $1, 'Möte ' || d, 'meeting', d::date, 420, 'on-site', 'by-length' FROM (SELECT DISTINCT unnest($2::text[]) AS d) days`,
    [groupId, days],
  );
  await ds.query(
    `INSERT INTO group_activity_called (activity_id, assignment_id)
     SELECT g.id, a.id FROM group_activity g JOIN assignment a ON a.group_id = g.group_id WHERE g.group_id = $1 AND g.assignment_id IS NULL
     ON CONFLICT DO NOTHING`,
    [groupId],
  );
}

/**
 * `lines` attested lines of `payerCode`, 12 per person, in `period`: meetings of every length, some by car. With
 * `history`, the month before was paid already for the same people (an approved batch of as many lines), as in a
 * running system: payout_line and payout_person then hold rows and statistics when the run starts.
 */
async function createLines(ds: DataSource, cipher: FieldCipher, lines: number, payerCode: string, period: string, history: boolean): Promise<Dataset> {
  const persons = Math.ceil(lines / LINES_PER_PERSON);
  const { groupId, coordinatorId } = await createGroup(ds);
  const people = await createPeople(ds, cipher, { groupId, count: persons, state: 'active' });
  const months = history ? [addMonths(`${period}-01`, -1).slice(0, 7), period] : [period];
  const reportIds: Record<string, string[]> = {};
  for (const month of months) {
    const cols: unknown[][] = [[], [], [], [], [], [], [], []];
    for (let i = 0; i < lines; i++) {
      const p = people[Math.floor(i / LINES_PER_PERSON)];
      const k = i % LINES_PER_PERSON;
      cols[0].push(randomUUID());
      cols[1].push(p.assignmentId);
      cols[2].push(p.personId);
      cols[3].push(`${month}-${String(k + 1).padStart(2, '0')}`);
      cols[4].push([90, 180, 300, 420][(i * 7) % 4]); // short, half day, full day (travel included)
      cols[5].push([0, 30, 60][i % 3]);
      cols[6].push(i % 5 === 0 ? 60 : 0); // car km
      cols[7].push(['on-site', 'video', 'phone'][i % 3]);
    }
    reportIds[month] = cols[0] as string[];
    await meetingsOn(ds, groupId, cols[3] as string[]);
    await insertRows(
      ds,
      `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, meeting_ref, activity_id, duration_minutes, travel_minutes, car_km,
                                participation, state, claim_deadline, submitted_at, first_submitted_at, attestation_decision,
                                attested_duration_minutes, attested_travel_minutes, attested_ticket_cost_ore, attested_other_travel_cost_ore,
                                attested_car_km, attested_by, attested_at)
       SELECT t.id, assignment, person, $9, $10, day::date, 'meeting', g.id::text, g.id, minutes, travel, km, participation, 'attested', (day::date + interval '3 months')::date,
              now(), now(), 'confirmed', minutes, travel, 0, 0, km, $11, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[])
              AS t(id, assignment, person, day, minutes, travel, km, participation)
         JOIN group_activity g ON g.group_id = $9 AND g.activity_date = t.day::date AND g.assignment_id IS NULL`,
      cols,
      [groupId, payerCode, coordinatorId],
    );
  }
  if (history) {
    // Last month's run, approved and paid (its figures only roughly right: they feed the year's earlier pay).
    const month = months[0];
    const batchId = randomUUID();
    const paid = `${addMonths(`${month}-01`, 1).slice(0, 7)}-05`;
    await ds.query(
      `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for, payment_date, approved_by, approved_at,
                                 person_count, line_count)
       VALUES ($1, $2, $3, $4, 'approved', ($3 || '-28')::date, $5, $5, $6, now(), $7, $8)`,
      [batchId, payerCode, month, `payout-run:${payerCode}:${month}`, paid, coordinatorId, persons, lines],
    );
    await ds.query(`INSERT INTO payout_approval (batch_id, approved_by, payment_date, net_ore, line_count) VALUES ($1, $2, $3, $4, $5)`, [
      batchId,
      coordinatorId,
      paid,
      persons * 1_000_000,
      lines,
    ]);
    await insertRows(
      ds,
      `INSERT INTO payout_person (batch_id, person_id, fees_ore, tax_free_travel_ore, tax_free_car_ore, taxable_travel_ore, taxable_pay_ore,
          contributions_ore, tax_withheld_ore, gross_ore, net_ore, cost_ore, earlier_taxable_pay_ore, contribution_category, agi_pay_field, calculation)
       SELECT $2, person, 1300000, 0, 0, 0, 1300000, 408460, 390000, 1300000, 910000, 1708460, 0, NULL, '011', '{}'::jsonb
         FROM unnest($1::uuid[]) AS t(person)`,
      [people.map((p) => p.personId)],
      [batchId],
    );
    await insertRows(
      ds,
      `INSERT INTO payout_line (id, batch_id, time_report_id, person_id, activity_date, state, fee_ore)
       SELECT gen_random_uuid(), $4, tr, person, day::date, 'paid', 106600 FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(tr, person, day)`,
      [
        reportIds[month],
        Array.from({ length: lines }, (_, i) => people[Math.floor(i / LINES_PER_PERSON)].personId),
        Array.from({ length: lines }, (_, i) => `${month}-${String((i % LINES_PER_PERSON) + 1).padStart(2, '0')}`),
      ],
      [batchId],
    );
  }
  await ds.query(`VACUUM ANALYZE`);
  return { lines, persons, period, payerCode };
}

// ---- the floor: the same work in bulk -----------------------------------------------------------------------------------

/** Where the floor's time goes, in ms. */
interface FloorSteps {
  gather: number;
  compute: number;
  /** payout_line and payout_person rows, written together. */
  store: number;
  approve: number;
  exportCsv: number;
}

async function floorRun(
  ds: DataSource,
  cipher: FieldCipher,
  d: Dataset,
  today: string,
): Promise<{ phase: Phase; csvBytes: number; netOre: number; steps: FloorSteps }> {
  const qr: QueryRunner = ds.createQueryRunner();
  await qr.connect();
  const steps: FloorSteps = { gather: 0, compute: 0, store: 0, approve: 0, exportCsv: 0 };
  let mark = now();
  const step = (k: keyof FloorSteps) => {
    const t = now();
    steps[k] += t - mark;
    mark = t;
  };
  try {
    return await measure(async () => {
      await qr.startTransaction();
      mark = now();
      const em = qr.manager;
      const repo = new PayoutsRepository(ds);
      const periodEnd = `${d.period}-${String(new Date(Date.UTC(Number(d.period.slice(0, 4)), Number(d.period.slice(5, 7)), 0)).getUTCDate()).padStart(2, '0')}`;
      const batchId = randomUUID();
      // The product's own set-based pieces (src/payouts/payouts.repository.ts, payout-compute.ts), without the batch's
      // lock, totals, audit and summary.
      const lines = await repo.gatherCandidateLines(em, d.payerCode, periodEnd);
      const { inputs } = await repo.personInputs(em, { payerCode: d.payerCode, paymentDate: today, batchId, lines });
      const tables = await rateTablesFor(em, d.payerCode);
      step('gather');
      await qr.query(
        `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for) VALUES ($1, $2, $3, 'floor', 'draft', $4, $5)`,
        [batchId, d.payerCode, d.period, periodEnd, today],
      );
      const computed = calculatePeople({ payerCode: d.payerCode, paymentDate: today, tables, people: inputs }).map((o) => {
        if ('error' in o) throw o.error;
        return { personId: o.personId, inputsKey: o.inputsKey, calc: o.calc, lines: o.input.lines };
      });
      const net = computed.reduce((sum, p) => sum + p.calc.figures.netOre, 0);
      step('compute');
      const lineCount = await repo.insertNewPeople(em, batchId, today, computed);
      step('store');
      await repo.freezePayeeDetails(em, batchId);
      await qr.query(`INSERT INTO payout_approval (batch_id, approved_by, payment_date, net_ore, line_count) VALUES ($1, $2, $3, $4, $5)`, [
        batchId,
        randomUUID(),
        today,
        net,
        lineCount,
      ]);
      await repo.markLinesPaid(em, batchId);
      step('approve');
      const out: Array<{ net_ore: string; personal_number_enc: string; bank_account_enc: string }> = await qr.query(
        `SELECT pp.net_ore, f.personal_number_enc, f.bank_account_enc FROM payout_person pp JOIN person p ON p.id = pp.person_id
           JOIN payout_payee f ON f.batch_id = pp.batch_id AND f.person_id = pp.person_id
          WHERE pp.batch_id = $1 ORDER BY p.full_name, pp.person_id`,
        [batchId],
      );
      const reference = paymentReference(d.period);
      const csv = paymentCsv(
        out.map((r) => ({
          personalNumber: cipher.decrypt(r.personal_number_enc).replace(/\D/g, ''),
          account: normaliseAccount(cipher.decrypt(r.bank_account_enc)),
          netOre: Number(r.net_ore),
          reference,
        })),
      );
      step('exportCsv');
      await qr.rollbackTransaction();
      return { csvBytes: Buffer.byteLength(csv), netOre: net };
    }).then(({ result, phase }) => ({ phase, steps, ...result }));
  } finally {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    await qr.release();
  }
}

// ---- the benchmark ----------------------------------------------------------------------------------------------------

interface SizeResult {
  lines: number;
  persons: number;
  /** False when the draft or the approval was cancelled at BENCH_PAYOUT_BUDGET_S (then see projectedTotalMs). */
  completed: boolean;
  projectedTotalMs?: number;
  draft: Phase;
  approve: Phase;
  /** The statements that took most of draft + approve. */
  topSql: Array<{ sql: string; n: number; ms: number }>;
  exportCsv: Phase;
  floor: Phase;
  floorSteps: FloorSteps;
  totalMs: number;
  summaryKb: number;
  netOre: number;
  floorNetOre: number;
}

runBench(async (cleanup) => {
  log(
    `payout-run benchmark: sizes ${SIZES.join(', ')} lines (${LINES_PER_PERSON} per person), ${HISTORY ? 'last month paid already' : 'empty payout tables'}; workflow once at ${WORKFLOW_SIZE}`,
  );
  log(machine());
  const engines = await startEngines('payout');
  cleanup(() => engines.stop());
  log(engines.describe);
  const { ds } = engines;
  const dataKey = randomBytes(32).toString('base64');
  const cipher = new FieldCipher(Buffer.from(dataKey, 'base64'));
  const config = loadConfig({ DATABASE_URL: engines.databaseUrl, DATA_ENCRYPTION_KEY: dataKey, LOG_LEVEL: 'silent' });
  const service = new PayoutsService(ds, new PayoutsRepository(ds), undefined as unknown as Client, config, cipher, pino({ level: 'silent' }), new DocumentsService(ds), new PayingBodySettingsService(new PayingBodySettingsRepository(ds), cipher));
  const today = stockholmDate(new Date());
  const period = addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  await createPayers(ds, [PAYER, 'BENCH-WF']);
  const finance: AuthUser = { id: randomUUID(), email: 'ekonomi@bench.medverkan.se', displayName: 'Ekonomi', roles: ['finance'], personId: null, organisationId: null, payerCode: PAYER };

  const results: SizeResult[] = [];
  for (const lines of SIZES) {
    await reset(ds);
    log(`${lines} lines: setting up…`);
    const d = await createLines(ds, cipher, lines, PAYER, period, HISTORY);
    // Both paths start from warm caches: read what they read once.
    await ds.query(`SELECT count(*) FROM time_report t JOIN assignment a ON a.id = t.assignment_id JOIN person p ON p.id = t.person_id`);
    log(`${lines} lines: floor (bulk, rolled back)…`);
    const floor = await floorRun(ds, cipher, d, today);
    log(`${lines} lines: draftBatch…`);
    bySql = new Map();
    /** The approval's share, from the last size measured to the end. */
    const lastDone = [...results].reverse().find((x) => x.completed);
    const draft = await measureWithBudget(
      ds,
      () => draftBatch(ds, { payerCode: PAYER, period, workflowId: payoutRunWorkflowId(PAYER, period), today, auditKey: `bench:${lines}:drafted` }),
      d.persons,
    );
    let r: SizeResult;
    if (!draft.result) {
      // Cancelled at the budget: project draft and approval from the share of statements done.
      const projectedDraft = draft.projectedMs ?? NaN;
      const projectedApprove = lastDone ? projectedDraft * (lastDone.approve.ms / lastDone.draft.ms) : NaN;
      log(`${lines} lines: draftBatch cancelled after ${BUDGET_S} s (${probe.enginePersons} of ${d.persons} people computed); projected ≈ ${fmt(projectedDraft / 1000, 0)} s`);
      r = {
        lines,
        persons: d.persons,
        completed: false,
        draft: draft.phase,
        approve: { ms: NaN, queries: 0, queryMs: 0, engineMs: 0 },
        topSql: [...bySql].map(([sql, e]) => ({ sql, ...e })).sort((a, b) => b.ms - a.ms).slice(0, 5),
        exportCsv: { ms: NaN, queries: 0, queryMs: 0, engineMs: 0 },
        floor: floor.phase,
        floorSteps: floor.steps,
        totalMs: NaN,
        projectedTotalMs: projectedDraft + projectedApprove + (lastDone ? lastDone.exportCsv.ms * (lines / lastDone.lines) : 0),
        summaryKb: NaN,
        netOre: NaN,
        floorNetOre: floor.netOre,
      };
      results.push(r);
      continue;
    }
    if (draft.result.pendingLines !== lines) throw new Error(`drafted ${draft.result.pendingLines} lines of ${lines}`);
    log(`${lines} lines: approveBatch…`);
    const approve = await measureWithBudget(
      ds,
      () => approveBatch(ds, { batchId: draft.result!.batchId, userId: finance.id, today, auditKey: `bench:${lines}:approved` }),
      d.persons,
    );
    const topSql = [...bySql].map(([sql, e]) => ({ sql, ...e })).sort((a, b) => b.ms - a.ms).slice(0, 5);
    if (!approve.result) {
      log(`${lines} lines: approveBatch cancelled after ${BUDGET_S} s; projected ≈ ${fmt((approve.projectedMs ?? NaN) / 1000, 0)} s`);
      results.push({
        lines,
        persons: d.persons,
        completed: false,
        draft: draft.phase,
        approve: approve.phase,
        topSql,
        exportCsv: { ms: NaN, queries: 0, queryMs: 0, engineMs: 0 },
        floor: floor.phase,
        floorSteps: floor.steps,
        totalMs: NaN,
        projectedTotalMs: draft.phase.ms + (approve.projectedMs ?? NaN),
        summaryKb: Buffer.byteLength(JSON.stringify(draft.result)) / 1024,
        netOre: NaN,
        floorNetOre: floor.netOre,
      });
      continue;
    }
    if (approve.result.outcome !== 'approved') throw new Error(`approval answered ${approve.result.outcome}`);
    log(`${lines} lines: exportCsv…`);
    const exported = await measure(() => service.exportCsv(draft.result!.batchId, finance));
    const rows = exported.result.csv.split('\r\n').length - 2;
    if (rows !== d.persons) throw new Error(`the bank file has ${rows} rows for ${d.persons} people`);
    r = {
      lines,
      persons: d.persons,
      completed: true,
      draft: draft.phase,
      approve: approve.phase,
      topSql,
      exportCsv: exported.phase,
      floor: floor.phase,
      floorSteps: floor.steps,
      totalMs: draft.phase.ms + approve.phase.ms + exported.phase.ms,
      summaryKb: Buffer.byteLength(JSON.stringify(draft.result)) / 1024,
      netOre: Number(approve.result.summary.netOre),
      floorNetOre: floor.netOre,
    };
    if (r.netOre !== r.floorNetOre) throw new Error(`the floor computed ${r.floorNetOre} öre net, the real path ${r.netOre}`);
    results.push(r);
    log(
      `${lines} lines: total ${fmt(r.totalMs / 1000, 2)} s (draft ${fmt(draft.phase.ms / 1000, 2)}, approve ${fmt(approve.phase.ms / 1000, 2)}, export ${fmt(exported.phase.ms / 1000, 2)}); floor ${fmt(floor.phase.ms / 1000, 2)} s`,
    );
  }

  // ---- once through the workflow, at the smallest size ---------------------------------------------------------------

  await reset(ds);
  log(`${WORKFLOW_SIZE} lines through payoutRunWorkflow…`);
  const wd = await createLines(ds, cipher, WORKFLOW_SIZE, 'BENCH-WF', period, HISTORY);
  const worker = await startWorkerProcess({
    kind: 'app',
    taskQueue: `bench-payout-${randomUUID().slice(0, 8)}`,
    temporalAddress: engines.temporalAddress,
    databaseUrl: engines.databaseUrl,
    dataKey,
    logLevel: 'warn',
    logFile: path.join(engines.tmpDir, 'worker.log'),
    // The heap cap the launchers give the worker (WORKER_HEAP_MB): the draft and approval must fit in it.
    execArgv: [`--max-old-space-size=${envInt('WORKER_HEAP_MB', 256)}`],
  });
  cleanup(() => worker.stop());
  const connection = await Connection.connect({ address: engines.temporalAddress });
  cleanup(() => connection.close());
  const client = new Client({ connection });
  const runId = payoutRunWorkflowId('BENCH-WF', period);
  const input: PayoutRunInput = { payerCode: 'BENCH-WF', period, policy: { approveWithin: '1 hour' } };
  const t0 = now();
  await client.workflow.start('payoutRunWorkflow', { workflowId: runId, taskQueue: worker.taskQueue, args: [input] });
  const h = client.workflow.getHandle(runId);
  let st: PayoutRunStatus;
  for (;;) {
    st = (await h.query('payoutRunStatus')) as PayoutRunStatus;
    if (st.phase !== 'gathering') break;
    await sleep(20);
  }
  const tDraft = now() - t0;
  const a0 = now();
  await h.executeUpdate('approve', { args: [{ userId: finance.id, roles: ['finance'], payerCode: 'BENCH-WF' }] });
  const tApprove = now() - a0;
  const done = (await h.result()) as PayoutRunStatus;
  const tTotal = now() - t0;
  if (done.phase !== 'approved' || done.slips?.made !== wd.persons) throw new Error(`the workflow ended ${JSON.stringify(done)}`);
  const e0 = now();
  const csv = await service.exportCsv(done.batchId!, { ...finance, payerCode: 'BENCH-WF' });
  const tExport = now() - e0;
  if (csv.csv.split('\r\n').length - 2 !== wd.persons) throw new Error('bank file rows');

  // ---- report ----------------------------------------------------------------------------------------------------------

  const s = (ms: number) => fmt(ms / 1000, 2);
  const us = (ms: number, n: number) => fmt((ms / n) * 1000, 0);
  console.log('');
  console.log(`== Payout run (${new Date().toISOString()}) ==`);
  console.log(machine());
  console.log(HISTORY ? 'last month paid already (a running system)' : 'empty payout tables (the first run ever)');
  console.log(engines.describe);
  /** Measured total, or the projection when the run was cancelled at the budget. */
  const total = (r: SizeResult) => (r.completed ? r.totalMs : (r.projectedTotalMs ?? NaN));
  const shown = (r: SizeResult, ms: number) => (r.completed ? s(ms) : Number.isFinite(ms) ? `>${s(ms)}` : '–');
  const kbPerLine = results.find((r) => Number.isFinite(r.summaryKb)) ? results.filter((r) => Number.isFinite(r.summaryKb)).map((r) => r.summaryKb / r.lines)[0] : NaN;
  console.log(
    table(
      ['lines', 'people', 'draft s', 'approve s', 'export s', 'total s', 'µs/line', 'statements', 'in PostgreSQL s', 'engine s', 'floor s', 'total/floor', 'summary KB'],
      results.map((r) => [
        r.lines,
        r.persons,
        shown(r, r.draft.ms),
        shown(r, r.approve.ms),
        shown(r, r.exportCsv.ms),
        r.completed ? s(r.totalMs) : `≈${s(total(r))} (projected)`,
        `${r.completed ? '' : '≈'}${us(total(r), r.lines)}`,
        `${r.draft.queries + r.approve.queries + r.exportCsv.queries}${r.completed ? '' : ' (so far)'}`,
        s(r.draft.queryMs + r.approve.queryMs + r.exportCsv.queryMs),
        s(r.draft.engineMs + r.approve.engineMs),
        s(r.floor.ms),
        `${r.completed ? '' : '≈'}${fmt(total(r) / r.floor.ms, 1)}`,
        Number.isFinite(r.summaryKb) ? fmt(r.summaryKb, 0) : `≈${fmt(kbPerLine * r.lines, 0)}`,
      ]),
    ),
  );
  if (results.some((r) => !r.completed)) {
    console.log(
      `(≈: cancelled after ${BUDGET_S} s; projected: the part before the first person as measured, the per-person part scaled from the people done; ` +
        'the approval from the draft in the proportion of the size before)',
    );
  }
  const growth = results.slice(1).map((r, i) => {
    const p = results[i];
    return `${p.lines}→${r.lines}: ×${fmt(r.lines / p.lines, 1)} lines, ×${fmt(total(r) / total(p), 2)} time (per line ×${fmt(total(r) / r.lines / (total(p) / p.lines), 2)})`;
  });
  console.log(`growth: ${growth.join('; ')}`);
  const last = results[results.length - 1];
  console.log(`where draft + approve spent their time in PostgreSQL at ${last.lines} lines${last.completed ? '' : ' (until cancelled)'}:`);
  for (const q of last.topSql) console.log(`  ${fmt(q.ms / 1000, 2).padStart(7)} s  ${String(q.n).padStart(7)} × ${fmt((q.ms / q.n) * 1000, 0).padStart(6)} µs  ${q.sql}`);
  console.log(
    `floor steps (s): ${results
      .map((r) => `${r.lines}: ${Object.entries(r.floorSteps).map(([k, v]) => `${k} ${s(v)}`).join(', ')}`)
      .join(' | ')}`,
  );
  const big = results.find((r) => r.lines === TARGET_LINES);
  if (big) {
    console.log(
      `RATIO ${TARGET_LINES} lines: ${big.completed ? '' : '≈'}${s(total(big))} s / ${TARGET_S} s target = ${fmt(total(big) / 1000 / TARGET_S, 2)} ` +
        `(${total(big) / 1000 < TARGET_S ? 'met' : 'MISSED'}); vs the bulk floor of the same work: ${fmt(total(big) / big.floor.ms, 1)}× (floor ${s(big.floor.ms)} s: ` +
        `${big.floor.ms / 1000 < TARGET_S ? 'under' : 'over'} the target too)`,
    );
  }
  console.log(
    `through the workflow at ${WORKFLOW_SIZE} lines: draft visible after ${s(tDraft)} s, approve update ${s(tApprove)} s, ` +
      `approved with ${done.slips?.made} payout slips (PDF) after ${s(tTotal)} s in all; export ${s(tExport)} s. ` +
      `Direct at ${results[0].lines} lines: ${s(total(results[0]))} s.`,
  );
  const summaryLimit = results.find((r) => (Number.isFinite(r.summaryKb) ? r.summaryKb : kbPerLine * r.lines) > 2048);
  console.log(
    `the draft's summary (activity result and workflow state): ${results
      .map((r) => `${Number.isFinite(r.summaryKb) ? '' : '≈'}${fmt(Number.isFinite(r.summaryKb) ? r.summaryKb : kbPerLine * r.lines, 0)} KB at ${r.lines}`)
      .join(', ')}` + ` (Temporal refuses payloads over 2 MB, warns from 512 KB${summaryLimit ? `: the workflow path fails at ${summaryLimit.lines} lines` : ''})`,
  );
  saveResult('payout-run', { results, workflow: { lines: WORKFLOW_SIZE, draftMs: tDraft, approveMs: tApprove, totalMs: tTotal, exportMs: tExport } });
});
