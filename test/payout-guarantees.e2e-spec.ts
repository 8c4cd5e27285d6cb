import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../src/crypto/field-cipher';
import { stockholmDate } from '../src/time-reports/business-dates';
import { payoutRunWorkflowId } from '../workflows/ids';
import { periodOpenMessage } from '../workflows/payout-period';
import { approveUpdate } from '../workflows/payout-run.messages';
import { againstActivity } from './support/activities';
import { Harness, startHarness, TestUser } from './support/harness';
import { saveHistoryIfAsked } from './support/histories';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Issue 13 #3 (below): a run covers a closed period; a line attested after its period's run was approved is paid by
 * a supplementary run (kompletteringsomgång), once.
 *
 * Issue 13 #2: approval freezes what is paid. The bank file, the AGI figures and the slip of an approved run are
 * those of the moment of approval, whatever the person changes afterwards; the database refuses changes to an
 * approved run's people; a later change of details is paid by the next run and shown there to finance as a warning.
 */
describe('payout guarantees: an approved run is frozen', () => {
  let h: Harness;
  let cipher: FieldCipher;
  let groupId: string;
  let anna: TestUser;
  let coordinator: TestUser;
  let finance: TestUser;
  let assignmentId: string;
  const OLD_ACCOUNT = '8327-9, 123 456 789-0';
  const NEW_ACCOUNT = '6000 987 654 321';
  const PNR = '198507099805';

  beforeAll(async () => {
    h = await startHarness();
    cipher = new FieldCipher(h.config.crypto.dataKey);
    const admin = await h.asAdmin();
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Frysta utbetalningar', 'NSG', 'Prov.')`, [groupId]);
    anna = await h.createUser({ roles: ['representative'], displayName: 'Anna Andersson' });
    await setDetails(anna.user.personId!, OLD_ACCOUNT);
    assignmentId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end)
       VALUES ($1, $2, $3, 'own-experience', 'active', '2026-01-01', '2026-12-31')`,
      [assignmentId, groupId, anna.user.personId],
    );
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
    for (const activityDate of ['2026-09-10', '2026-10-15']) {
      const created = await anna.api.post('/time-reports', await againstActivity(h, { assignmentId, activityDate, kind: 'meeting', durationMinutes: 240, participation: 'video' }));
      expect(created.status).toBe(201);
      expect((await anna.api.post(`/time-reports/${created.body.id}/submit`)).status).toBe(200);
      expect((await coordinator.api.post(`/time-reports/${created.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  /** The person's details as the payment-details step stores them (encrypted, a fresh ciphertext every time). */
  async function setDetails(personId: string, account: string) {
    await h.dataSource.query(
      `UPDATE person SET personal_number_enc = $2, personal_number_index = $3, bank_account_enc = $4, birth_date = '1985-07-09' WHERE id = $1`,
      [personId, cipher.encrypt(PNR), cipher.blindIndex(PNR), cipher.encrypt(account)],
    );
  }

  async function attestedReport(activityDate: string): Promise<string> {
    const created = await anna.api.post(
      '/time-reports',
      await againstActivity(h, { assignmentId, activityDate, kind: 'meeting', meetingRef: `Möte ${randomUUID()}`, durationMinutes: 240, participation: 'video' }),
    );
    expect(created.status).toBe(201);
    expect((await anna.api.post(`/time-reports/${created.body.id}/submit`)).status).toBe(200);
    expect((await coordinator.api.post(`/time-reports/${created.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);
    return created.body.id as string;
  }

  const paidLines = async (timeReportId: string) =>
    (await h.dataSource.query(`SELECT l.batch_id FROM payout_line l WHERE l.time_report_id = $1 AND l.state = 'paid'`, [timeReportId])).map((r: any) => r.batch_id);

  async function startRun(period: string): Promise<any> {
    const started = await finance.api.post('/payers/SKR/payout-runs', { period });
    expect(started.status).toBe(202);
    expect(started.body.batch).not.toBeNull();
    return started.body.batch;
  }

  async function approve(batchId: string): Promise<any> {
    // A recomputation answers 409 once (finance looks again); then the approval goes through.
    for (let i = 0; i < 3; i++) {
      const r = await finance.api.post(`/payout-runs/${batchId}/approve`);
      if (r.status === 200) return r.body;
      expect(r.status).toBe(409);
    }
    throw new Error('not approved');
  }

  async function bankFileRows(batchId: string): Promise<string[]> {
    const csv = await finance.api.fetch(`/payout-runs/${batchId}/payments.csv`);
    expect(csv.status).toBe(200);
    return (await csv.text()).replace(/^\ufeff/, '').trim().split('\r\n').slice(1);
  }

  const dbError = async (sql: string, params: unknown[]): Promise<string> => {
    try {
      await h.dataSource.query(sql, params);
    } catch (e) {
      return (e as Error).message;
    }
    return 'accepted';
  };

  let september: any;

  it('approve, change the account, export: the bank file pays the account of the approval', async () => {
    const draft = await startRun('2026-09');
    september = await approve(draft.batch.id);
    expect(september.batch.state).toBe('approved');
    expect(await bankFileRows(september.batch.id)).toEqual([expect.stringMatching(/^198507099805;8327-9,123456789-0;\d+,\d\d;Arvode medverkan 2026-09$/)]);

    await setDetails(anna.user.personId!, NEW_ACCOUNT);
    // The same file after the change: still the account the approval froze (before the fix: the new one).
    expect(await bankFileRows(september.batch.id)).toEqual([expect.stringMatching(/^198507099805;8327-9,123456789-0;/)]);
    const agi = await finance.api.get(`/payout-runs/${september.batch.id}/agi`);
    expect(agi.status).toBe(200);
    expect(agi.body.persons.map((p: any) => p.field215)).toEqual([PNR]);
    expect(draft.warnings).toEqual([]);
    // The approved run itself shows no warning: it paid what it froze.
    expect((await finance.api.get(`/payout-runs/${september.batch.id}`)).body.warnings).toEqual([]);
  });

  it('refuses in the database any change to an approved run’s people, and an approval without the frozen details', async () => {
    const batchId = september.batch.id as string;
    for (const sql of [
      `UPDATE payout_payee SET bank_account_enc = $2 WHERE batch_id = $1`,
      `UPDATE payout_payee SET personal_number_enc = $2 WHERE batch_id = $1`,
    ]) {
      expect(await dbError(sql, [batchId, cipher.encrypt(NEW_ACCOUNT)])).toMatch(/frozen payment details of a payout are final/);
    }
    expect(await dbError(`DELETE FROM payout_payee WHERE batch_id = $1`, [batchId])).toMatch(/are final/);
    expect(await dbError(`UPDATE payout_person SET net_ore = net_ore + 100, tax_withheld_ore = 0 WHERE batch_id = $1`, [batchId])).toMatch(
      /people of an approved payout batch are final/,
    );
    expect(await dbError(`DELETE FROM payout_person WHERE batch_id = $1`, [batchId])).toMatch(/are final/);
    const frozen = await h.dataSource.query(`SELECT bank_account_enc, personal_number_enc, frozen_at FROM payout_payee WHERE batch_id = $1`, [batchId]);
    expect(frozen).toHaveLength(1);
    expect(cipher.decrypt(frozen[0].bank_account_enc)).toBe(OLD_ACCOUNT);
    expect(cipher.decrypt(frozen[0].personal_number_enc)).toBe(PNR);
    expect(frozen[0].frozen_at).not.toBeNull();
  });

  it('the next run pays the new account and warns finance that the details changed', async () => {
    const october = await startRun('2026-10');
    expect(october.batch.state).toBe('draft');
    expect(october.persons).toEqual([expect.objectContaining({ personId: anna.user.personId, paymentDetailsChanged: true })]);
    expect(october.warnings).toEqual([
      {
        kind: 'payment-details-changed',
        personId: anna.user.personId,
        personName: 'Anna Andersson',
        message: expect.stringMatching(/^Anna Andersson: bankkontot eller personnumret har ändrats sedan utbetalningen för .+\. Kontrollera/),
      },
    ]);
    // The database refuses an approval row while a person's details are not frozen (the approval copies them first).
    expect(await dbError(`INSERT INTO payout_approval (batch_id, approved_by, payment_date, net_ore, line_count) VALUES ($1, $2, current_date, 0, 0)`, [october.batch.id, finance.user.id])).toMatch(
      /details frozen/,
    );
    const approved = await approve(october.batch.id);
    expect(approved.warnings).toHaveLength(1); // finance still sees what it approved over
    expect(await bankFileRows(october.batch.id)).toEqual([expect.stringMatching(/^198507099805;6000987654321;\d+,\d\d;Arvode medverkan 2026-10$/)]);
    expect(await bankFileRows(september.batch.id)).toEqual([expect.stringMatching(/^198507099805;8327-9,123456789-0;/)]);
  });

  it('giving the same details again is no change', async () => {
    await setDetails(anna.user.personId!, NEW_ACCOUNT.replace(/ /g, '')); // a fresh ciphertext, the same account
    const created = await anna.api.post(
      '/time-reports',
      await againstActivity(h, { assignmentId, activityDate: '2026-11-12', kind: 'meeting', durationMinutes: 240, participation: 'video' }),
    );
    expect(created.status).toBe(201);
    expect((await anna.api.post(`/time-reports/${created.body.id}/submit`)).status).toBe(200);
    expect((await coordinator.api.post(`/time-reports/${created.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);
    const november = await startRun('2026-11');
    expect(november.persons).toEqual([expect.objectContaining({ paymentDetailsChanged: false })]);
    expect(november.warnings).toEqual([]);
  });

  it('a run covers a closed period: this month is refused with the date it can be run from (issue 13 #3)', async () => {
    const month = stockholmDate(new Date()).slice(0, 7);
    const early = await finance.api.post('/payers/SKR/payout-runs', { period: month });
    expect(early.status).toBe(409); // before the fix: 202 and a draft of a month that had not ended
    expect(early.body.message).toBe(periodOpenMessage(month));
    expect(early.body.message).toMatch(/har inte tagit slut\. Utbetalningen för perioden kan göras från och med 1 \p{L}+ 20\d\d\.$/u);
    expect(await h.dataSource.query(`SELECT id FROM payout_batch WHERE period = $1`, [month])).toEqual([]);
    // A supplementary run of an open period is refused the same way.
    expect((await finance.api.post('/payers/SKR/payout-runs', { period: month, supplementary: true })).status).toBe(409);
    expect((await finance.api.post('/payers/SKR/payout-runs', { period: month, supplementary: 'ja' })).status).toBe(400);
  });

  it('a draft of an open period (made before the rule) is not approved: API 409, the workflow’s validator, the database', async () => {
    const month = stockholmDate(new Date()).slice(0, 7);
    const periodEnd = (await h.dataSource.query(`SELECT (date_trunc('month', $1::date) + interval '1 month - 1 day')::date::text AS d`, [`${month}-01`]))[0].d;
    const report = await attestedReport(`${month}-01`);
    const batchId = randomUUID();
    const workflowId = payoutRunWorkflowId('SKR', month);
    await h.dataSource.query(
      `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for) VALUES ($1, 'SKR', $2, $3, 'draft', $4, $5)`,
      [batchId, month, workflowId, periodEnd, `${month}-01`],
    );
    await h.dataSource.query(`INSERT INTO payout_line (id, batch_id, time_report_id, person_id, activity_date, state) VALUES ($1, $2, $3, $4, $5, 'pending')`, [
      randomUUID(),
      batchId,
      report,
      anna.user.personId,
      `${month}-01`,
    ]);
    // Its run, started directly (the API refuses): it waits for the period to end before it gathers anything.
    const run = await h.client.workflow.start('payoutRunWorkflow', { workflowId, taskQueue: h.config.temporal.taskQueue, args: [{ payerCode: 'SKR', period: month }] });
    try {
      const approve = await finance.api.post(`/payout-runs/${batchId}/approve`);
      expect(approve.status).toBe(409); // before the fix: the update went to the run, which went on to approve the draft
      expect(approve.body.message).toBe(periodOpenMessage(month));
      // The workflow's validator refuses the approval of its open period whatever the caller.
      const refusal = await run.executeUpdate(approveUpdate, { args: [{ userId: finance.user.id, roles: ['finance'], payerCode: 'SKR' }] }).then(
        () => 'accepted',
        (e: any) => String(e?.cause?.message ?? e?.message),
      );
      expect(refusal).toBe(periodOpenMessage(month));
      // The database refuses an approval dated within the period.
      expect(
        await dbError(`INSERT INTO payout_approval (batch_id, approved_by, payment_date, net_ore, line_count) VALUES ($1, $2, current_date, 0, 1)`, [batchId, finance.user.id]),
      ).toMatch(/approved only after its period has ended/);
      expect(await paidLines(report)).toEqual([]);
      expect((await h.dataSource.query(`SELECT state FROM payout_batch WHERE id = $1`, [batchId]))[0].state).toBe('draft');
      await saveHistoryIfAsked(h, workflowId, 'payout-run-waiting-for-period-end', { complete: false });
    } finally {
      await run.terminate('test done');
      await h.dataSource.query(`DELETE FROM payout_line WHERE batch_id = $1`, [batchId]);
      await h.dataSource.query(`DELETE FROM payout_batch WHERE id = $1`, [batchId]);
    }
  });

  it('a line attested after its period’s run was approved is paid by a supplementary run, once, however many start it at once', async () => {
    // November's ordinary run is a draft (above): no supplementary run while it waits.
    const refused = await finance.api.post('/payers/SKR/payout-runs', { period: '2026-11', supplementary: true });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/ordinarie utbetalningsomgången för november 2026 väntar på godkännande/);
    const november = (await finance.api.get('/payers/SKR/payout-runs')).body.find((b: any) => b.period === '2026-11');
    expect(november).toMatchObject({ supplement: 0, supplementary: false, label: 'november 2026' });
    await approve(november.id);

    const late = await attestedReport('2026-11-20');
    // Starting November again finds the approved ordinary run; it does not take the late line.
    expect((await startRun('2026-11')).batch).toMatchObject({ id: november.id, state: 'approved' });
    // Two supplementary starts at the same moment: one run, one batch, the late line in it and nothing else.
    const [a, b] = await Promise.all([
      finance.api.post('/payers/SKR/payout-runs', { period: '2026-11', supplementary: true }),
      finance.api.post('/payers/skl/payout-runs', { period: '2026-11', supplementary: true }),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]); // before the fix: 400, `supplementary` was an unknown field
    expect(a.body.workflowId).toBe(payoutRunWorkflowId('SKR', '2026-11', 1));
    expect(b.body.workflowId).toBe(a.body.workflowId);
    const supplement = a.body.batch ?? b.body.batch;
    expect(supplement.batch).toMatchObject({ period: '2026-11', supplement: 1, supplementary: true, label: 'november 2026, kompletteringsomgång 1', state: 'draft' });
    expect(b.body.batch?.batch.id ?? supplement.batch.id).toBe(supplement.batch.id);
    expect(supplement.lines.map((l: any) => l.timeReportId)).toEqual([late]);
    // Finance's task names it as the supplementary run it is.
    expect((await finance.api.get('/me/tasks')).body).toEqual([
      expect.objectContaining({ kind: 'batch.approve', title: 'Granska och godkänn kompletteringsomgång 1 för 2026-11', subject: { type: 'batch', id: supplement.batch.id } }),
    ]);
    expect(await h.dataSource.query(`SELECT supplement, state FROM payout_batch WHERE payer_code = 'SKR' AND period = '2026-11' ORDER BY supplement`)).toEqual([
      { supplement: 0, state: 'approved' },
      { supplement: 1, state: 'draft' },
    ]);
    const runs: string[] = [];
    for await (const wf of h.client.workflow.list({ query: `WorkflowId = "${payoutRunWorkflowId('SKR', '2026-11', 1)}"` })) runs.push(wf.runId);
    expect(runs).toHaveLength(1);
    // The database: no second draft of the period, no supplementary run before the previous one is closed.
    const insertBatch = (supplementNo: number, state: string) =>
      dbError(
        `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for, supplement) VALUES ($1, 'SKR', '2026-11', 'manual', $2, '2026-11-30', current_date, $3)`,
        [randomUUID(), state, supplementNo],
      );
    expect(await insertBatch(1, 'empty')).toMatch(/payout_batch_run_key/);
    expect(await insertBatch(2, 'draft')).toMatch(/follows a closed run of the same period|payout_batch_one_draft/);
    expect(await insertBatch(2, 'empty')).toMatch(/follows a closed run of the same period/);

    const paid = await approve(supplement.batch.id);
    expect(paid.batch.state).toBe('approved');
    expect(await paidLines(late)).toEqual([supplement.batch.id]);
    expect(await bankFileRows(supplement.batch.id)).toEqual([expect.stringMatching(/^198507099805;6000987654321;\d+,\d\d;Arvode medv\. 2026-11 K1$/)]);
    await saveHistoryIfAsked(h, payoutRunWorkflowId('SKR', '2026-11', 1), 'payout-run-supplementary-approved');
    // Nothing left to add: a further supplementary run is refused; December's run will not take the line again.
    const nothing = await finance.api.post('/payers/SKR/payout-runs', { period: '2026-11', supplementary: true });
    expect(nothing.status).toBe(409);
    expect(nothing.body.message).toMatch(/inga attesterade rader för november 2026/);
    const candidates = await h.dataSource.query(
      `SELECT tr.id FROM time_report tr WHERE tr.state = 'attested' AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE l.time_report_id = tr.id AND l.live) AND tr.activity_date < '2026-12-01'`,
    );
    expect(candidates).toEqual([]);
    // The runs of the period as finance lists them: the supplementary one first, with its label.
    const listed = (await finance.api.get('/payers/SKR/payout-runs')).body.filter((x: any) => x.period === '2026-11');
    expect(listed.map((x: any) => x.label)).toEqual(['november 2026, kompletteringsomgång 1', 'november 2026']);
  });

  it('an approval while no worker answers is 503 with Retry-After within the update deadline, and approving again approves once (issue 15 #7)', async () => {
    await attestedReport('2026-08-12');
    const draft = await startRun('2026-08');
    const batchId = draft.batch.id as string;
    await h.stopWorker();
    let restarted = false;
    try {
      const started = Date.now();
      const unanswered = await finance.api.post(`/payout-runs/${batchId}/approve`);
      // Before the fix the request waited for a worker with no end.
      expect(unanswered.status).toBe(503);
      expect(unanswered.headers.get('retry-after')).toBeTruthy();
      expect(unanswered.body.message).toBe('Ärendet svarar inte just nu. Försök igen om en stund.');
      expect(Date.now() - started).toBeLessThan(30_000);
      // Reading the run meanwhile is the stored batch without its live status, not an error.
      const read = await finance.api.get(`/payout-runs/${batchId}`);
      expect(read.status).toBe(200);
      expect(read.body.batch.state).toBe('draft');
      expect(read.body.run.status).toBeNull();
      await h.startWorker();
      restarted = true;
    } finally {
      if (!restarted) await h.startWorker();
    }
    const approved = await approve(batchId);
    expect(approved.batch.state).toBe('approved');
    expect(
      (await h.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'payout.approved' AND subject_id = $1`, [batchId]))[0].n,
    ).toBe(1);
  });
});
