import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { FieldCipher } from '../src/crypto/field-cipher';
import { approveBatch } from '../src/payouts/payout-batches';
import { payoutScheduleId } from '../src/payouts/payout-schedule';
import { lastEndedPeriod } from '../src/payouts/period';
import { stockholmDate } from '../src/time-reports/business-dates';
import { payoutRunWorkflowId } from '../workflows/ids';
import { approveUpdate, holdLineUpdate } from '../workflows/payout-run.messages';
import { againstActivity } from './support/activities';
import { eventually, Harness, startHarness, TestUser } from './support/harness';
import { pdfText } from './support/pdf-text';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * The whole payout journey on the real engines: representatives report, the coordinator attests, finance runs,
 * holds, approves and exports; a second run comes from the Temporal Schedule. Expected amounts are computed here
 * from DOMAIN.md's reference figures (2026: PBB 59 200 kr, contributions 31.42 % / 10.21 %, tax 30 %, car
 * 25 kr per mil), independently of the fee engine.
 */
const PBB_2026 = 59_200;
const kr = (x: number) => x * 100;
/** Percent of PBB in kronor, rounded to whole kronor, halves up (3.6 % → 2 131.20 → 2 131). */
const feeKr = (bp: number) => Math.floor((PBB_2026 * bp + 5_000) / 10_000);
const FULL = feeKr(360); // 2 131
const HALF = feeKr(180); // 1 066
const SHORT = feeKr(90); // 533
/** Contributions: bp of pay, to whole kronor, halves up. */
const contrib = (payKr: number, bp: number) => Math.floor((payKr * bp + 5_000) / 10_000);
/** Tax withheld: 30 % to whole kronor, rounded down. */
const tax30 = (payKr: number) => Math.floor((payKr * 3_000) / 10_000);

describe('payouts: reports → attestation → payout runs → approval → bank file, AGI and slips', () => {
  let h: Harness;
  let cipher: FieldCipher;
  let groupId: string;
  let anna: TestUser; // born 1985: full contributions
  let bertil: TestUser; // born 1950: only the old-age pension fee (67 or older on 1 January 2026)
  let coordinator: TestUser;
  let finance: TestUser;
  let otherFinance: TestUser;
  let annaAssignment: string;
  let bertilAssignment: string;
  const reports: Record<string, string> = {};
  let run1: any;

  beforeAll(async () => {
    h = await startHarness();
    cipher = new FieldCipher(h.config.crypto.dataKey);
    const admin = await h.asAdmin();
    // SKR lets claims come in late here, so the fixed 2026 dates below stay valid whenever the test runs.
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);

    groupId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Metoder för kunskapsstöd', 'NSG', 'Utveckla metoder för kunskapsstöd.')`,
      [groupId],
    );
    anna = await h.createUser({ roles: ['representative'], displayName: 'Anna Andersson' });
    bertil = await h.createUser({ roles: ['representative'], displayName: 'Bertil Berg' });
    await payee(anna.user.personId!, '198507099805', '1985-07-09', '8327-9, 123 456 789-0');
    await payee(bertil.user.personId!, '195003152385', '1950-03-15', '6000 123 456 789');
    annaAssignment = await assignment(anna.user.personId!, 1);
    bertilAssignment = await assignment(bertil.user.personId!, 0);
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
    otherFinance = await h.createUser({ roles: ['finance'], payerCode: 'sodra' });

    // Anna: a full day with a train ticket (receipt), a short video meeting (to be held back), a rejected duplicate;
    // in October her agreed extra reading day and a half day by car.
    reports.a1 = await report(anna, annaAssignment, { activityDate: '2026-09-10', kind: 'meeting', durationMinutes: 240, travelMinutes: 90, participation: 'on-site', ticketCostOre: kr(640) }, true);
    reports.a2 = await report(anna, annaAssignment, { activityDate: '2026-09-24', kind: 'meeting', durationMinutes: 90, participation: 'video' });
    reports.a5 = await report(anna, annaAssignment, { activityDate: '2026-09-25', kind: 'meeting', meetingRef: 'avstämning', durationMinutes: 60, participation: 'phone' });
    reports.a3 = await report(anna, annaAssignment, { activityDate: '2026-10-08', kind: 'extra-preparation', durationMinutes: 480, participation: 'on-site' });
    reports.a4 = await report(anna, annaAssignment, { activityDate: '2026-10-15', kind: 'meeting', durationMinutes: 180, travelMinutes: 60, participation: 'on-site', carKm: 120 });
    // Bertil: reported 150 minutes, adjusted to 60; an open information meeting (no fee); an October full day.
    reports.b1 = await report(bertil, bertilAssignment, { activityDate: '2026-09-17', kind: 'meeting', durationMinutes: 150, participation: 'phone' });
    reports.b2 = await report(bertil, bertilAssignment, { activityDate: '2026-09-30', kind: 'open-information-meeting', durationMinutes: 120, participation: 'on-site' });
    reports.b3 = await report(bertil, bertilAssignment, { activityDate: '2026-10-20', kind: 'meeting', durationMinutes: 300, participation: 'on-site' });

    const c = coordinator.api;
    for (const k of ['a1', 'a2', 'a3', 'a4', 'b2', 'b3']) expect((await c.post(`/time-reports/${reports[k]}/attestation`, { decision: 'confirm' })).status).toBe(200);
    const adjusted = await c.post(`/time-reports/${reports.b1}/attestation`, { decision: 'adjust', durationMinutes: 60, reason: 'Mötet varade en timme enligt protokollet.' });
    expect(adjusted.status).toBe(200);
    expect((await c.post(`/time-reports/${reports.a5}/attestation`, { decision: 'reject', reason: 'Avstämningen ingick i mötet den 24 september.' })).status).toBe(200);
    // The person sees why.
    const seen = await bertil.api.get(`/time-reports/${reports.b1}`);
    expect(seen.body.attestation).toMatchObject({ decision: 'adjusted', reason: 'Mötet varade en timme enligt protokollet.', attested: { durationMinutes: 60 } });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function payee(personId: string, pnr: string, birthDate: string, account: string) {
    await h.dataSource.query(
      `UPDATE person SET personal_number_enc = $2, personal_number_index = $3, bank_account_enc = $4, birth_date = $5 WHERE id = $1`,
      [personId, cipher.encrypt(pnr), cipher.blindIndex(pnr), cipher.encrypt(account), birthDate],
    );
  }

  async function assignment(personId: string, extraDays: number): Promise<string> {
    const id = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end, extra_preparation_days)
       VALUES ($1, $2, $3, 'own-experience', 'active', '2026-01-01', '2026-12-31', $4)`,
      [id, groupId, personId, extraDays],
    );
    return id;
  }

  async function report(who: TestUser, assignmentId: string, body: Record<string, unknown>, receipt = false): Promise<string> {
    const created = await who.api.post('/time-reports', await againstActivity(h, { assignmentId, ...body }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    if (receipt) {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from('%PDF-1.4\n% kvitto SJ\n%%EOF\n')], { type: 'application/pdf' }), 'sj-biljett.pdf');
      form.append('receiptDate', body.activityDate as string);
      expect((await who.api.fetch(`/time-reports/${id}/receipts`, { method: 'POST', body: form })).status).toBe(201);
    }
    const submitted = await who.api.post(`/time-reports/${id}/submit`);
    expect(submitted.status).toBe(200);
    return id;
  }

  /** The message of a refused Update (the validator's Swedish text). */
  async function refusal(p: Promise<unknown>): Promise<string> {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(WorkflowUpdateFailedError);
      return String((e as { cause?: { message?: string } }).cause?.message);
    }
    throw new Error('the update was accepted');
  }

  const lineOf = (batch: any, timeReportId: string) => batch.lines.find((l: any) => l.timeReportId === timeReportId);
  const personOf = (batch: any, who: TestUser) => batch.persons.find((p: any) => p.personId === who.user.personId);
  /** People's rows of a batch written by the approval's own transaction (a recomputation rewrites them all). */
  const rewrittenByApproval = async (batchId: string) =>
    Number(
      (
        await h.dataSource.query(
          `SELECT count(*) AS n FROM payout_person pp JOIN payout_approval a ON a.batch_id = pp.batch_id WHERE pp.batch_id = $1 AND pp.xmin = a.xmin`,
          [batchId],
        )
      )[0].n,
    );
  const approvals = async (batchId: string) => Number((await h.dataSource.query(`SELECT count(*) AS n FROM payout_approval WHERE batch_id = $1`, [batchId]))[0].n);
  const paidCount = async (timeReportId: string) =>
    Number((await h.dataSource.query(`SELECT count(*) AS n FROM payout_line WHERE time_report_id = $1 AND state = 'paid'`, [timeReportId]))[0].n);

  it('runs September by hand: starting twice finds one run, finance holds a line, wrong approvers are refused, a double approval pays once', async () => {
    // The run is started with one payout slip per activity (the policy travels in the input), so its two slips are
    // made by two activities at once and their counts must add up. Then started twice in a row and twice at once
    // through the API: one workflow, one batch.
    await h.client.workflow.start('payoutRunWorkflow', {
      workflowId: payoutRunWorkflowId('SKR', '2026-09'),
      taskQueue: h.config.temporal.taskQueue,
      args: [{ payerCode: 'SKR', period: '2026-09', policy: { slipsPerActivity: 1 } }],
    });
    const first = await finance.api.post('/payers/SKR/payout-runs', { period: '2026-09' });
    expect(first.status).toBe(202);
    expect(first.body.workflowId).toBe(payoutRunWorkflowId('SKR', '2026-09'));
    const again = await Promise.all([finance.api.post('/payers/SKR/payout-runs', { period: '2026-09' }), finance.api.post('/payers/skl/payout-runs', { period: '2026-09' })]);
    for (const r of again) expect(r.status).toBe(202);
    const batchId = first.body.batch.batch.id as string;
    expect(again.map((r) => r.body.batch.batch.id)).toEqual([batchId, batchId]);
    expect(Number((await h.dataSource.query(`SELECT count(*) AS n FROM payout_batch WHERE payer_code = 'SKR' AND period = '2026-09'`))[0].n)).toBe(1);
    const runs: string[] = [];
    for await (const wf of h.client.workflow.list({ query: `WorkflowId = "${payoutRunWorkflowId('SKR', '2026-09')}"` })) runs.push(wf.runId);
    expect(runs).toHaveLength(1);

    // September's attested lines, and nothing rejected or from October.
    let batch = first.body.batch;
    expect(batch.batch.state).toBe('draft');
    expect(batch.lines.map((l: any) => l.timeReportId).sort()).toEqual([reports.a1, reports.a2, reports.b1, reports.b2].sort());
    expect(lineOf(batch, reports.a1)).toMatchObject({ feeOre: kr(FULL), travelOre: kr(640), state: 'pending', rateTable: 'nationell-2026 v1' });
    expect(lineOf(batch, reports.b1)).toMatchObject({ feeOre: kr(SHORT), minutes: 60 });
    expect(lineOf(batch, reports.b2)).toMatchObject({ feeOre: 0, travelOre: 0 });

    // Wrong people cannot hold or approve: a coordinator, finance of another payer (404: they cannot see the batch).
    expect((await coordinator.api.post(`/payout-runs/${batchId}/approve`)).status).toBe(404);
    expect((await otherFinance.api.post(`/payout-runs/${batchId}/approve`)).status).toBe(404);
    expect((await anna.api.post(`/payout-runs/${batchId}/approve`)).status).toBe(404);
    // The workflow's own validator refuses another payer's finance even if the API were bypassed.
    const handle = h.client.workflow.getHandle(payoutRunWorkflowId('SKR', '2026-09'));
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [{ userId: otherFinance.user.id, roles: ['finance'], payerCode: 'sodra' }] }))).toMatch(
      /din egen betalare/,
    );
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [{ userId: coordinator.user.id, roles: ['coordinator'], payerCode: 'SKR' }] }))).toMatch(
      /Endast ekonomi/,
    );
    expect(await approvals(batchId)).toBe(0);

    // Finance holds Anna's short meeting back.
    const held = await finance.api.post(`/payout-runs/${batchId}/lines/${lineOf(batch, reports.a2).id}/hold`, { reason: 'Kallelsen saknas; betalas nästa månad.' });
    expect(held.status).toBe(200);
    batch = held.body;
    expect(lineOf(batch, reports.a2)).toMatchObject({ state: 'held', holdReason: 'Kallelsen saknas; betalas nästa månad.' });
    expect(batch.run.status).toMatchObject({ phase: 'awaiting-approval', pendingLines: 3, heldLines: 1 });
    expect((await finance.api.post(`/payout-runs/${batchId}/lines/${lineOf(batch, reports.a1).id}/hold`, { reason: '' })).status).toBe(400);
    // A line that is not in this batch is refused with a message a person understands; nothing changes.
    const stranger = await finance.api.post(`/payout-runs/${batchId}/lines/${randomUUID()}/hold`, { reason: 'Fel rad.' });
    expect(stranger.status).toBe(409);
    expect(stranger.body.message).toBe('Raden finns inte i denna utbetalning.');
    expect((await finance.api.post(`/payout-runs/${batchId}/lines/rad-1/hold`, { reason: 'Fel rad.' })).status).toBe(404);
    // Straight to the workflow (the API bypassed): a malformed line id never reaches the activity.
    expect(
      await refusal(handle.executeUpdate(holdLineUpdate, { args: [{ userId: finance.user.id, roles: ['finance'], payerCode: 'SKR', lineId: 'rad-1', reason: 'x' }] })),
    ).toMatch(/finns inte bland utbetalningens rader/);
    expect((await finance.api.get(`/payout-runs/${batchId}`)).body.lines.filter((l: any) => l.state === 'held')).toHaveLength(1);
    const keys = await h.dataSource.query(`SELECT inputs_key FROM payout_person WHERE batch_id = $1`, [batchId]);
    expect(keys.map((r: any) => r.inputs_key)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);

    // Anna: 2 131 kr fee (over 1 000 kr: contributions 31.42 %, tax 30 %) + 640 kr ticket tax-free.
    expect(personOf(batch, anna)).toMatchObject({
      feesOre: kr(FULL),
      taxFreeTravelOre: kr(640),
      contributionsOre: kr(contrib(FULL, 3142)),
      taxWithheldOre: kr(tax30(FULL)),
      netOre: kr(FULL + 640 - tax30(FULL)),
      agiPayField: '011',
    });
    // Bertil: 533 kr, the year's first from SKR and under 1 000 kr: no contributions, no tax, field 131.
    expect(personOf(batch, bertil)).toMatchObject({ feesOre: kr(SHORT), contributionsOre: 0, taxWithheldOre: 0, netOre: kr(SHORT), agiPayField: '131' });

    // Approving twice at once (a double click): one approval, every line paid once.
    const [x, y] = await Promise.all([finance.api.post(`/payout-runs/${batchId}/approve`), finance.api.post(`/payout-runs/${batchId}/approve`)]);
    expect([x.status, y.status].filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    for (const r of [x, y]) expect([200, 409]).toContain(r.status);
    expect(await approvals(batchId)).toBe(1);
    // Drafted today and nothing changed since: the approval paid the stored figures without computing them again.
    expect(await rewrittenByApproval(batchId)).toBe(0);
    const approved = (await finance.api.get(`/payout-runs/${batchId}`)).body;
    expect(approved.batch).toMatchObject({ state: 'approved', approvedBy: finance.user.id, paymentDate: stockholmDate(new Date()) });
    for (const k of ['a1', 'b1', 'b2']) expect(await paidCount(reports[k])).toBe(1);
    expect(await paidCount(reports.a2)).toBe(0);
    // Approving again later changes nothing.
    expect((await finance.api.post(`/payout-runs/${batchId}/approve`)).status).toBe(200);
    expect(await approvals(batchId)).toBe(1);
    const wf = await handle.result();
    expect(wf).toMatchObject({ phase: 'approved', slips: { made: 2, failed: null } });
    const slipActivities = (await handle.fetchHistory()).events?.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'generatePayoutSlips');
    expect(slipActivities).toHaveLength(2);
    run1 = approved;
  });

  it('gives finance the bank file, the AGI figures and the slips of the approved batch, and logs who saw personal numbers', async () => {
    const batchId = run1.batch.id as string;
    const csv = await finance.api.fetch(`/payout-runs/${batchId}/payments.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = (await csv.text()).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(rows).toEqual([
      'Personnummer;Kontonummer;Belopp;Referens',
      `198507099805;8327-9,123456789-0;${FULL + 640 - tax30(FULL)},00;Arvode medverkan 2026-09`,
      `195003152385;6000123456789;${SHORT},00;Arvode medverkan 2026-09`,
    ]);
    // Only finance of the payer; every export is in the audit log with who did it.
    expect((await coordinator.api.fetch(`/payout-runs/${batchId}/payments.csv`)).status).toBe(404);
    expect((await otherFinance.api.fetch(`/payout-runs/${batchId}/payments.csv`)).status).toBe(404);
    const exported = await h.dataSource.query(`SELECT actor, details FROM audit_log WHERE action = 'payout.exported' AND subject_id = $1`, [batchId]);
    expect(exported).toEqual([{ actor: finance.user.id, details: expect.objectContaining({ persons: 2 }) }]);
    expect(JSON.stringify(exported)).not.toContain('198507099805');

    const agi = await finance.api.get(`/payout-runs/${batchId}/agi`);
    expect(agi.status).toBe(200);
    const today = stockholmDate(new Date());
    expect(agi.body.period).toBe(today.slice(0, 7));
    const byPnr = Object.fromEntries(agi.body.persons.map((p: any) => [p.field215, p]));
    expect(byPnr['198507099805']).toMatchObject({ field011: FULL, field131: null, field001: tax30(FULL), field050: false });
    expect(byPnr['195003152385']).toMatchObject({ field011: null, field131: SHORT, field001: 0, field050: false });
    expect((await h.dataSource.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'payout.agi-viewed' AND actor = $1`, [finance.user.id]))[0].n).toBe('1');

    // The slip: a PDF for the person, with what was paid and what was reported, the personnummer masked.
    const slip = await finance.api.fetch(`/payout-runs/${batchId}/slips/${anna.user.personId}`);
    expect(slip.status).toBe(200);
    const pdf = Buffer.from(await slip.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Anna Andersson');
    expect(text).toContain('********-9805');
    expect(text).not.toContain('198507099805');
    expect(text).toContain('2 131,00');
    expect(text).toContain('2 131,20 kr 2 131,00 kr'); // "Före avrundning": 3,6 % of 59 200 kr, as the engine computed it before rounding
    expect(text).toContain('011');
    // Anna gets her own slip; Bertil cannot get Anna's.
    const own = await anna.api.fetch(`/people/${anna.user.personId}/payouts/${batchId}/slip`);
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await bertil.api.fetch(`/people/${anna.user.personId}/payouts/${batchId}/slip`)).status).toBe(404);
  });

  it('a run started by the Schedule pays the held line with October, survives a worker stop mid-run and pays nothing twice', async () => {
    const period = lastEndedPeriod(stockholmDate(new Date()), 'monthly').key;
    // The worker is down when the tick comes: nothing is lost, it runs when the worker is back.
    await h.stopWorker();
    await h.client.schedule.getHandle(payoutScheduleId(h.config.temporal.taskQueue)).trigger();
    await h.startWorker();
    const batchRow = await eventually(async () => {
      const rows = await h.dataSource.query(`SELECT id, state FROM payout_batch WHERE payer_code = 'SKR' AND period = $1`, [period]);
      return rows[0]?.state === 'draft' ? rows[0] : undefined;
    }, 60_000);
    const batchId = batchRow.id as string;
    let batch = (await finance.api.get(`/payout-runs/${batchId}`)).body;
    // The held September line comes back; the paid and rejected ones do not.
    expect(batch.lines.map((l: any) => l.timeReportId).sort()).toEqual([reports.a2, reports.a3, reports.a4, reports.b3].sort());
    expect(lineOf(batch, reports.a3)).toMatchObject({ feeOre: kr(FULL) }); // the agreed reading day is a full day
    expect(lineOf(batch, reports.a4)).toMatchObject({ feeOre: kr(HALF), travelOre: kr(300) }); // exactly 4 h incl. travel; 12 mil × 25 kr

    // Anna: 533 + 2 131 + 1 066 kr this time, 2 131 kr earlier this year; car 300 kr tax-free (box 050).
    const annaPay = SHORT + FULL + HALF;
    expect(personOf(batch, anna)).toMatchObject({
      feesOre: kr(annaPay),
      taxFreeTravelOre: kr(300),
      earlierTaxablePayOre: kr(FULL),
      contributionsOre: kr(contrib(annaPay, 3142)),
      taxWithheldOre: kr(tax30(annaPay)),
      netOre: kr(annaPay + 300 - tax30(annaPay)),
    });
    // Bertil: 2 131 kr takes his year (with 533 kr earlier) past 1 000 kr: the pension fee 10.21 % on this payout
    // and, once, on the earlier 533 kr; tax 30 % on this payout.
    expect(personOf(batch, bertil)).toMatchObject({
      feesOre: kr(FULL),
      earlierTaxablePayOre: kr(SHORT),
      contributionsOre: kr(contrib(FULL, 1021) + contrib(SHORT, 1021)),
      taxWithheldOre: kr(tax30(FULL)),
      netOre: kr(FULL - tax30(FULL)),
      agiPayField: '011',
    });

    // A second tick finds the run and starts nothing new.
    const tick = await h.client.workflow.start('payoutScheduleWorkflow', { taskQueue: h.config.temporal.taskQueue, workflowId: `tick-${randomUUID()}`, args: [{}] });
    expect((await tick.result()).started).toEqual([]);

    // The worker stops while finance approves: the approval waits in Temporal and is done once, after the restart.
    await h.stopWorker();
    const approving = finance.api.post(`/payout-runs/${batchId}/approve`);
    await new Promise((r) => setTimeout(r, 500));
    await h.startWorker();
    expect((await approving).status).toBe(200);
    expect(await approvals(batchId)).toBe(1);
    batch = (await finance.api.get(`/payout-runs/${batchId}`)).body;
    expect(batch.batch.state).toBe('approved');
    for (const k of ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3']) expect(await paidCount(reports[k])).toBe(1);
    expect(await paidCount(reports.a5)).toBe(0);

    // A retried approval activity (as after a crash between commit and reply) finds the approval and adds nothing.
    const retried = await approveBatch(h.dataSource, { batchId, userId: finance.user.id, today: stockholmDate(new Date()), auditKey: `retry-${randomUUID()}` });
    expect(retried.outcome).toBe('already-approved');
    expect(await approvals(batchId)).toBe(1);

    // Bertil's earlier 131 month must be corrected to 011 now that his year passed 1 000 kr.
    const agi = (await finance.api.get(`/payout-runs/${batchId}/agi`)).body;
    const b = agi.persons.find((p: any) => p.field215 === '195003152385');
    expect(b).toMatchObject({ field011: FULL, field001: tax30(FULL), correctEarlierPeriodsTo011: [run1.batch.paymentDate.slice(0, 7)] });

    // The year per person and payer.
    const year = Number(stockholmDate(new Date()).slice(0, 4));
    const summary = (await finance.api.get(`/payers/SKR/yearly-summary?year=${year}`)).body;
    const sa = summary.persons.find((p: any) => p.personId === anna.user.personId);
    expect(sa).toMatchObject({
      feesOre: kr(FULL + annaPay),
      taxFreeTravelOre: kr(640 + 300),
      contributionsOre: kr(contrib(FULL, 3142) + contrib(annaPay, 3142)),
      taxWithheldOre: kr(tax30(FULL) + tax30(annaPay)),
      payouts: 2,
    });
    const own = (await bertil.api.get(`/people/${bertil.user.personId}/payouts?year=${year}`)).body;
    expect(own.perPayer).toEqual([
      expect.objectContaining({ payerCode: 'SKR', feesOre: kr(SHORT + FULL), netOre: kr(SHORT + FULL - tax30(FULL)), payouts: 2 }),
    ]);
  });

  it('cancels a draft nobody approves in time, recomputes a draft when an earlier payout changed the year, and skips people without payment details', async () => {
    const admin = await h.asAdmin();
    expect((await admin.put('/claim-policies/sodra', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    const npo = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, host_region, commission) VALUES ($1, 'NPO Akut vård', 'NPO', 'sodra', 'Akut vård.')`, [npo]);
    const cecilia = await h.createUser({ roles: ['representative'], displayName: 'Cecilia Ceder' });
    const dora = await h.createUser({ roles: ['representative'], displayName: 'Dora Dahl' });
    await payee(cecilia.user.personId!, '196104022410', '1961-04-02', '9020 123 45 67');
    const ca = randomUUID();
    const da = randomUUID();
    for (const [id, person] of [
      [ca, cecilia.user.personId],
      [da, dora.user.personId],
    ]) {
      await h.dataSource.query(
        `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end) VALUES ($1, $2, $3, 'own-experience', 'active', '2026-01-01', '2026-12-31')`,
        [id, npo, person],
      );
    }
    const sodraCoordinator = await h.createUser({ roles: ['coordinator'], groupIds: [npo] });
    const short = { kind: 'meeting', durationMinutes: 90, participation: 'video' };
    const aug = await report(cecilia, ca, { ...short, activityDate: '2026-08-05' });
    const sep = await report(cecilia, ca, { ...short, activityDate: '2026-09-05' });
    const oct = await report(cecilia, ca, { ...short, activityDate: '2026-10-05' });
    const doraSep = await report(dora, da, { ...short, activityDate: '2026-09-06' });
    for (const id of [aug, sep, oct, doraSep]) expect((await sodraCoordinator.api.post(`/time-reports/${id}/attestation`, { decision: 'confirm' })).status).toBe(200);

    // Periods must fit the payer's frequency and have begun.
    expect((await otherFinance.api.post('/payers/sodra/payout-runs', { period: '2026-Q3' })).body.fields.period[0]).toMatch(/månadsvis/);
    expect((await otherFinance.api.post('/payers/sodra/payout-runs', { period: '2099-01' })).status).toBe(400);
    expect((await finance.api.post('/payers/sodra/payout-runs', { period: '2026-09' })).status).toBe(404); // SKR's finance

    // August's draft waits 3 seconds for approval (the policy travels in the input), then is cancelled: its line is free again.
    const august = await h.client.workflow.start('payoutRunWorkflow', {
      workflowId: payoutRunWorkflowId('sodra', '2026-08'),
      taskQueue: h.config.temporal.taskQueue,
      args: [{ payerCode: 'sodra', period: '2026-08', policy: { approveWithin: '3 seconds' } }],
    });
    expect(await august.result()).toMatchObject({ phase: 'cancelled', pendingLines: 0 });
    const cancelled = await h.dataSource.query(`SELECT state, cancel_reason FROM payout_batch WHERE payer_code = 'sodra' AND period = '2026-08'`);
    expect(cancelled).toEqual([{ state: 'cancelled', cancel_reason: expect.stringMatching(/godkändes inte i tid/) }]);

    // September takes the released August line; Dora has no personnummer or account, so her line waits.
    const september = (await otherFinance.api.post('/payers/sodra/payout-runs', { period: '2026-09' })).body.batch;
    expect(september.lines.map((l: any) => l.timeReportId).sort()).toEqual([aug, sep].sort());
    expect(september.batch.skipped).toEqual([{ personId: dora.user.personId, reason: expect.stringMatching(/saknas/) }]);
    // October is drafted while September still waits: as if nothing were paid this year, 533 kr is under 1 000 kr.
    const october = (await otherFinance.api.post('/payers/sodra/payout-runs', { period: '2026-10' })).body.batch;
    expect(october.lines.map((l: any) => l.timeReportId)).toEqual([oct]);
    expect(personOf(october, cecilia)).toMatchObject({ feesOre: kr(SHORT), contributionsOre: 0, taxWithheldOre: 0, agiPayField: '131' });

    // September's draft as if computed yesterday (the payment date its figures assume): the approval computes again
    // for today; the money is the same, so it is approved, with today's calculation stored for the slip.
    await h.dataSource.query(`UPDATE payout_batch SET computed_for = computed_for - 1 WHERE id = $1`, [september.batch.id]);
    await h.dataSource.query(
      `UPDATE payout_person pp SET calculation = jsonb_set(pp.calculation, '{paymentDate}', to_jsonb(b.computed_for::text))
         FROM payout_batch b WHERE b.id = pp.batch_id AND pp.batch_id = $1`,
      [september.batch.id],
    );
    const yesterday = (await h.dataSource.query(`SELECT calculation->>'paymentDate' AS day FROM payout_person WHERE batch_id = $1`, [september.batch.id]))[0].day;
    expect(yesterday).not.toBe(stockholmDate(new Date()));
    expect((await otherFinance.api.post(`/payout-runs/${september.batch.id}/approve`)).status).toBe(200);
    const septemberRows = await h.dataSource.query(`SELECT calculation->>'paymentDate' AS day FROM payout_person WHERE batch_id = $1`, [september.batch.id]);
    expect(septemberRows).toEqual([{ day: stockholmDate(new Date()) }]);
    // September paid 1 066 kr: October's figures change, so its approval is refused until finance has seen them.
    const stale = await otherFinance.api.post(`/payout-runs/${october.batch.id}/approve`);
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/räknats om/);
    const fresh = (await otherFinance.api.get(`/payout-runs/${october.batch.id}`)).body;
    expect(personOf(fresh, cecilia)).toMatchObject({
      earlierTaxablePayOre: kr(2 * SHORT),
      contributionsOre: kr(contrib(SHORT, 3142)),
      taxWithheldOre: kr(tax30(SHORT)),
      agiPayField: '011',
    });
    // Cecilia's tax details change before the second try (she now has the fee as main income, table 25 %): the
    // approval sees that her inputs differ from those of the stored figures and recomputes again.
    await h.dataSource.query(`UPDATE person SET tax_table_main_income = true, tax_table_percent = 25 WHERE id = $1`, [cecilia.user.personId]);
    const retaxed = await otherFinance.api.post(`/payout-runs/${october.batch.id}/approve`);
    expect(retaxed.status).toBe(409);
    expect(retaxed.body.message).toMatch(/räknats om/);
    const afterTax = personOf((await otherFinance.api.get(`/payout-runs/${october.batch.id}`)).body, cecilia);
    expect(afterTax.taxWithheldOre).toBe(kr(Math.floor((SHORT * 2_500) / 10_000)));
    expect(afterTax.contributionsOre).toBe(kr(contrib(SHORT, 3142)));
    expect((await otherFinance.api.post(`/payout-runs/${october.batch.id}/approve`)).status).toBe(200);
    expect(await approvals(october.batch.id)).toBe(1);
    for (const id of [aug, sep, oct]) expect(await paidCount(id)).toBe(1);
    expect(await paidCount(doraSep)).toBe(0);
    expect((await dora.api.get(`/time-reports/${doraSep}`)).body).toMatchObject({ state: 'attested', payout: null });
  });

  it('the database itself refuses to pay a line twice or to undo a payment', async () => {
    const paid = await h.dataSource.query(`SELECT id, batch_id, person_id FROM payout_line WHERE time_report_id = $1 AND state = 'paid'`, [reports.a1]);
    const otherBatch = randomUUID();
    await h.dataSource.query(
      `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for) VALUES ($1, 'SKR', '2030-01', 'manual', 'draft', '2030-01-31', '2030-01-15')`,
      [otherBatch],
    );
    await expect(
      h.dataSource.query(`INSERT INTO payout_line (id, batch_id, time_report_id, person_id, activity_date, state) VALUES ($1, $2, $3, $4, '2026-09-10', 'pending')`, [
        randomUUID(),
        otherBatch,
        reports.a1,
        paid[0].person_id,
      ]),
    ).rejects.toThrow(/payout_line_once/);
    await expect(h.dataSource.query(`UPDATE payout_line SET state = 'released' WHERE id = $1`, [paid[0].id])).rejects.toThrow(/final/);
    // A line is paid only in an approved batch: neither inserted as paid nor marked paid (checked once per statement).
    const insertLine = (state: string) =>
      h.dataSource.query(`INSERT INTO payout_line (id, batch_id, time_report_id, person_id, activity_date, state) VALUES ($1, $2, $3, $4, '2026-09-25', $5)`, [
        randomUUID(),
        otherBatch,
        reports.a5,
        paid[0].person_id,
        state,
      ]);
    await expect(insertLine('paid')).rejects.toThrow(/only in an approved batch/);
    await insertLine('pending');
    await expect(h.dataSource.query(`UPDATE payout_line SET state = 'paid' WHERE batch_id = $1`, [otherBatch])).rejects.toThrow(/only in an approved batch/);
    expect(await paidCount(reports.a5)).toBe(0);
    await expect(h.dataSource.query(`UPDATE payout_batch SET state = 'cancelled' WHERE id = $1`, [paid[0].batch_id])).rejects.toThrow(/final/);
    await expect(h.dataSource.query(`INSERT INTO payout_approval (batch_id, approved_by, payment_date, net_ore, line_count) VALUES ($1, $2, '2026-11-25', 0, 0)`, [
      paid[0].batch_id,
      finance.user.id,
    ])).rejects.toThrow(/duplicate key/);
  });
});
