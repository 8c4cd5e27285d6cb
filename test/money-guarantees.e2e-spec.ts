import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../src/crypto/field-cipher';
import { agreementActivityId } from '../src/group-activities/activity-view';
import { activityFor, insertLegacyTimeReport } from './support/activities';
import { Harness, startHarness, TestUser } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Money holes found by the adversarial review (main at 2174681), each held by the database first and answered by
 * the API with a Swedish 4xx: (3) an ended assignment is reported on only up to the day it ended, and one person
 * reports the agreement's own work once per group and day whatever assignment of the group they report it in;
 * (4) an approval freezes only payment details the draft was made with; (6) agreed extra preparation holds its
 * days per year under concurrent writers; (7) what an attested report pays cannot change under it.
 */
describe('money guarantees (review findings)', () => {
  let h: Harness;
  let groupId: string;
  let anna: TestUser;
  let coordinator: TestUser;
  let finance: TestUser;
  let cipher: FieldCipher;

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.asAdmin();
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Pengar som hålls', 'NSG', 'Prov.')`, [groupId]);
    anna = await h.createUser({ roles: ['representative'], displayName: 'Anna Andersson' });
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
    cipher = new FieldCipher(h.config.crypto.dataKey);
  });

  afterAll(async () => {
    await h?.close();
  });

  async function assignment(state: string, periodStart: string, periodEnd: string, personId = anna.user.personId): Promise<string> {
    const id = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end)
       VALUES ($1, $2, $3, 'own-experience', $4, $5, $6)`,
      [id, groupId, personId, state, periodStart, periodEnd],
    );
    return id;
  }

  /** A meeting of the group on `date` that `assignmentIds` are called to. */
  async function meeting(date: string, assignmentIds: string[], feeRule = 'by-length'): Promise<any> {
    const created = await coordinator.api.post(`/working-groups/${groupId}/activities`, {
      title: `Möte ${date}`,
      kind: 'meeting',
      date,
      durationMinutes: 120,
      mode: 'video',
      feeRule,
      calledAssignmentIds: assignmentIds,
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  /** A person with payment details, and an active assignment in the group. */
  async function payee(name: string, pnr: string, account: string): Promise<{ user: TestUser; assignmentId: string }> {
    const user = await h.createUser({ roles: ['representative'], displayName: name });
    await h.dataSource.query(
      `UPDATE person SET personal_number_enc = $2, personal_number_index = $3, bank_account_enc = $4, birth_date = $5 WHERE id = $1`,
      [user.user.personId, cipher.encrypt(pnr), cipher.blindIndex(pnr), cipher.encrypt(account), `${pnr.slice(0, 4)}-${pnr.slice(4, 6)}-${pnr.slice(6, 8)}`],
    );
    return { user, assignmentId: await assignment('active', '2026-01-01', '2026-12-31', user.user.personId) };
  }

  const ownWork = (assignmentId: string, activityDate: string) =>
    anna.api.post('/time-reports', { assignmentId, activityId: agreementActivityId(assignmentId), activityDate, participation: 'video', durationMinutes: 60 });

  it('(3) an ended assignment is reported on only up to the day it ended; a re-appointed person reports own work once per group and day', async () => {
    const first = await assignment('active', '2026-01-01', '2026-12-31');
    // The mandate is withdrawn on 20 November: the read model's write of the end transition (as recordAssignmentStep does).
    await h.dataSource.query(`UPDATE assignment SET state = 'ended', end_reason = 'mandate-withdrawn', updated_at = '2026-11-20T10:00:00Z' WHERE id = $1`, [
      first,
    ]);

    // Before: a day after the end was accepted (the period ran to 31 December and 'ended' is a reportable state).
    const after = await ownWork(first, '2026-11-25');
    expect(after.status).toBe(400);
    expect(after.body.message).toMatch(/avslutades 20 november 2026/);
    expect(after.body.fields?.activityDate?.[0]).toMatch(/till och med/);
    // The day it ended, and before, are still reported.
    expect((await ownWork(first, '2026-11-18')).status).toBe(201);
    expect((await ownWork(first, '2026-11-20')).status).toBe(201);
    const [row] = await h.dataSource.query(`SELECT ended_on::text AS ended_on FROM assignment WHERE id = $1`, [first]);
    expect(row.ended_on).toBe('2026-11-20');

    // The database refuses it whoever writes: a report after the end, and moving a report past it.
    let refused = 'accepted';
    const direct = await activityFor(h, { assignmentIds: [first], date: '2026-11-26', title: 'Direkt' });
    try {
      await h.dataSource.query(
        `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, meeting_ref, activity_id, duration_minutes, participation, claim_deadline, state)
         VALUES ($1, $2, $3, $4, 'SKR', '2026-11-26', 'meeting', 'Direkt', $5, 60, 'video', '2027-02-26', 'draft')`,
        [randomUUID(), first, anna.user.personId, groupId, direct],
      );
    } catch (e) {
      refused = (e as { constraint?: string }).constraint ?? (e as Error).message;
    }
    expect(refused).toBe('time_report_after_end');
    const [kept] = await h.dataSource.query(`SELECT id FROM time_report WHERE assignment_id = $1 AND activity_date = '2026-11-18'`, [first]);
    const moved = await anna.api.patch(`/time-reports/${kept.id}`, { activityDate: '2026-11-27' });
    expect(moved.status).toBe(400);

    // Re-appointed from 20 November: the new assignment's own activity on the day the old one still reported is refused.
    const second = await assignment('active', '2026-11-20', '2026-12-31');
    const twice = await ownWork(second, '2026-11-20');
    expect(twice.status).toBe(409);
    expect(twice.body.message).toMatch(/redan rapporterat arbete utanför möten i den här gruppen/);
    expect((await ownWork(second, '2026-11-21')).status).toBe(201);
    const perDay: Array<{ n: number }> = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM time_report WHERE person_id = $1 AND group_id = $2 AND activity_date = '2026-11-20'`,
      [anna.user.personId, groupId],
    );
    expect(perDay[0].n).toBe(1);

    // An assignment ended by the read model now gets today's date.
    await h.dataSource.query(`UPDATE assignment SET state = 'ended', end_reason = 'withdrawn', updated_at = now() WHERE id = $1`, [second]);
    const [today] = await h.dataSource.query(
      `SELECT ended_on::text = ((now() AT TIME ZONE 'Europe/Stockholm')::date)::text AS ok FROM assignment WHERE id = $1`,
      [second],
    );
    expect(today.ok).toBe(true);
    void coordinator;
  });

  it('(4) an approval freezes only payment details the draft was made with: changed since the draft, it is refused and warned', async () => {
    const bertil = await payee('Bertil Berg', '198507099805', '8327-9, 123 456 789-0');
    const m = await meeting('2026-11-10', [bertil.assignmentId]);
    const report = await bertil.user.api.post('/time-reports', { assignmentId: bertil.assignmentId, activityId: m.id, durationMinutes: 120 });
    expect(report.status).toBe(201);
    expect((await bertil.user.api.post(`/time-reports/${report.body.id}/submit`)).status).toBe(200);
    expect((await coordinator.api.post(`/time-reports/${report.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);

    const started = await finance.api.post('/payers/SKR/payout-runs', { period: '2026-11' });
    expect(started.status).toBe(202);
    const batchId = started.body.batch.batch.id as string;
    // A first-time payee: nothing to compare with, no warning. Finance reads the draft...
    expect((await finance.api.get(`/payout-runs/${batchId}`)).body.warnings).toEqual([]);
    // ...and then the bank account is given anew (someone else's account, say).
    const otherAccount = '8327-9, 999 888 777-6';
    await h.dataSource.query(`UPDATE person SET bank_account_enc = $2 WHERE id = $1`, [bertil.user.user.personId, cipher.encrypt(otherAccount)]);

    // Before: approved at once, freezing the account finance never saw.
    const refused = await finance.api.post(`/payout-runs/${batchId}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/Bankkontot eller personnumret för Bertil Berg har ändrats sedan utkastet/);
    const [batchRow] = await h.dataSource.query(`SELECT state FROM payout_batch WHERE id = $1`, [batchId]);
    expect(batchRow.state).toBe('draft');
    const seen = await finance.api.get(`/payout-runs/${batchId}`);
    expect(seen.body.warnings).toEqual([expect.objectContaining({ kind: 'payment-details-changed', personName: 'Bertil Berg', message: expect.stringMatching(/sedan utkastet/) })]);
    expect(seen.body.persons[0].paymentDetailsChanged).toBe(true);

    // The database freezes only what the draft (now: the warned draft) was made with, whoever writes.
    let frozen = 'accepted';
    try {
      await h.dataSource.query(`INSERT INTO payout_payee (batch_id, person_id, personal_number_enc, bank_account_enc) VALUES ($1, $2, $3, $4)`, [
        batchId,
        bertil.user.user.personId,
        cipher.encrypt('198507099805'),
        cipher.encrypt('8327-9, 123 456 789-0'),
      ]);
    } catch (e) {
      frozen = (e as { constraint?: string }).constraint ?? (e as Error).message;
    }
    expect(frozen).toBe('payout_payee_details_seen');

    // Finance has seen the warning: approving again pays the account shown.
    let approved: any;
    for (let i = 0; i < 3 && !approved; i++) {
      const r = await finance.api.post(`/payout-runs/${batchId}/approve`);
      if (r.status === 200) approved = r.body;
      else expect(r.status).toBe(409);
    }
    expect(approved.batch.state).toBe('approved');
    const [payeeRow] = await h.dataSource.query(`SELECT bank_account_enc FROM payout_payee WHERE batch_id = $1 AND person_id = $2`, [batchId, bertil.user.user.personId]);
    expect(cipher.decrypt(payeeRow.bank_account_enc)).toBe(otherAccount);
  });

  /** Whether another connection is waiting for a lock within `ms` (a statement blocked by an open transaction). */
  async function someoneWaits(ms = 3000): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const [w] = await h.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
      if (w.n > 0) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  it('(6) extra preparation without an activity holds the agreed days per year when two reports are moved into it at once', async () => {
    const dora = await h.createUser({ roles: ['representative'], displayName: 'Dora Dahl' });
    const id = await assignment('active', '2024-01-01', '2026-12-31', dora.user.personId);
    await h.dataSource.query(`UPDATE assignment SET extra_preparation_days = 1 WHERE id = $1`, [id]);
    // Reports without an activity exist only from before activities (a new one is refused since migration
    // 1765700000000): one reading day in 2024 and one in 2025, each within its year's agreed day.
    const legacy = async (day: string) => {
      const report = randomUUID();
      await insertLegacyTimeReport(
        h,
        `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, meeting_ref, duration_minutes, participation, claim_deadline, state)
         VALUES ($1, $2, $3, $4, 'SKR', $5, 'extra-preparation', '', 480, 'on-site', '2027-06-01', 'draft')`,
        [report, id, dora.user.personId, groupId, day],
      );
      return report;
    };
    const early = await legacy('2024-10-01');
    const late = await legacy('2025-10-01');
    const move = (report: string, day: string) => `UPDATE time_report SET activity_date = '${day}' WHERE id = '${report}'`;
    const first = h.dataSource.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    await first.query(move(early, '2026-10-01'));
    // Before: the check counted, then wrote; both writers counted 0 of 1 and both got in.
    const second = h.dataSource.query(move(late, '2026-10-02')).then(
      () => 'accepted',
      (e: { constraint?: string; message: string }) => e.constraint ?? e.message,
    );
    await someoneWaits();
    await first.commitTransaction();
    await first.release();
    expect(await second).toBe('time_report_extra_preparation_limit');
    const [n] = await h.dataSource.query(`SELECT count(*)::int AS n FROM time_report WHERE assignment_id = $1 AND activity_date >= '2026-01-01'`, [id]);
    expect(n.n).toBe(1);
  });

  it('(7) an activity’s fee rule cannot change under an attestation running at the same moment, nor after it', async () => {
    const cecilia = await h.createUser({ roles: ['representative'], displayName: 'Cecilia Ceder' });
    const id = await assignment('active', '2026-01-01', '2026-12-31', cecilia.user.personId);
    const m = await meeting('2026-11-12', [id], 'full-day');
    const report = await cecilia.api.post('/time-reports', { assignmentId: id, activityId: m.id, durationMinutes: 60 });
    expect(report.status).toBe(201);
    expect((await cecilia.api.post(`/time-reports/${report.body.id}/submit`)).status).toBe(200);

    // The attestation's transaction is open (as the coordinator's attest writes it) when the activity is changed.
    const attest = h.dataSource.createQueryRunner();
    await attest.connect();
    await attest.startTransaction();
    await attest.query(
      `UPDATE time_report SET state = 'attested', attestation_decision = 'confirmed', attested_duration_minutes = duration_minutes,
         attested_travel_minutes = travel_minutes, attested_ticket_cost_ore = 0, attested_other_travel_cost_ore = 0, attested_car_km = 0,
         attested_by = $2, attested_at = now() WHERE id = $1`,
      [report.body.id, coordinator.user.id],
    );
    const change = coordinator.api.patch(`/activities/${m.id}`, { feeRule: 'short' });
    expect(await someoneWaits()).toBe(true);
    await attest.commitTransaction();
    await attest.release();
    // Before: the change had checked for an attested report before the attestation committed, and went through (200).
    const changed = await change;
    expect(changed.status).toBe(409);
    expect(changed.body.message).toMatch(/redan attesterad/);
    const [row] = await h.dataSource.query(`SELECT fee_rule FROM group_activity WHERE id = $1`, [m.id]);
    expect(row.fee_rule).toBe('full-day');

    // The database holds it whoever writes: the fee rule, kind, date and length are fixed; the title is not.
    let refused = 'accepted';
    try {
      await h.dataSource.query(`UPDATE group_activity SET fee_rule = 'hourly' WHERE id = $1`, [m.id]);
    } catch (e) {
      refused = (e as { constraint?: string }).constraint ?? (e as Error).message;
    }
    expect(refused).toBe('group_activity_attested');
    await h.dataSource.query(`UPDATE group_activity SET title = 'Möte om riktlinjen' WHERE id = $1`, [m.id]);
  });
});
