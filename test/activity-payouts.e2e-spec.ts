import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../src/crypto/field-cipher';
import { Harness, startHarness, TestUser } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * The payout engine pays a report of a group activity by the activity (issue 13 §4.5.1): the tier from the
 * activity's fee rule, the minutes and travel from the report; and at most one pending or paid line per person and
 * activity (issue 13 #1) — held by the payout run and by unique indexes on payout_line even when the report-level
 * index that keeps a second report out is removed (as a scratch database's mutation).
 */
describe('payouts of activity reports: tier from the activity, one paid line per person and activity', () => {
  let h: Harness;
  let groupId: string;
  let anna: TestUser;
  let coordinator: TestUser;
  let finance: TestUser;
  let assignmentId: string;
  let fullDay: any;
  const PNR = '198507099805';

  beforeAll(async () => {
    h = await startHarness();
    const cipher = new FieldCipher(h.config.crypto.dataKey);
    const admin = await h.asAdmin();
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Aktiviteter som betalas', 'NSG', 'Prov.')`, [groupId]);
    anna = await h.createUser({ roles: ['representative'], displayName: 'Anna Andersson' });
    await h.dataSource.query(
      `UPDATE person SET personal_number_enc = $2, personal_number_index = $3, bank_account_enc = $4, birth_date = '1985-07-09' WHERE id = $1`,
      [anna.user.personId, cipher.encrypt(PNR), cipher.blindIndex(PNR), cipher.encrypt('8327-9, 123 456 789-0')],
    );
    assignmentId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end)
       VALUES ($1, $2, $3, 'own-experience', 'active', '2026-01-01', '2026-12-31')`,
      [assignmentId, groupId, anna.user.personId],
    );
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
    const created = await coordinator.api.post(`/working-groups/${groupId}/activities`, {
      title: 'Heldag om riktlinjen',
      kind: 'meeting',
      date: '2026-09-10',
      durationMinutes: 420,
      mode: 'on-site',
      feeRule: 'full-day',
    });
    expect(created.status).toBe(201);
    fullDay = created.body;
  });

  afterAll(async () => {
    await h?.close();
  });

  async function reportAndAttest(body: Record<string, unknown>): Promise<string> {
    const created = await anna.api.post('/time-reports', { assignmentId, ...body });
    expect(created.status).toBe(201);
    expect((await anna.api.post(`/time-reports/${created.body.id}/submit`)).status).toBe(200);
    const attested = await coordinator.api.post(`/time-reports/${created.body.id}/attestation`, { decision: 'confirm' });
    expect(attested.status).toBe(200);
    expect(attested.body.activity).toMatchObject({ id: body.activityId, title: 'Heldag om riktlinjen', feeRule: 'full-day' });
    return created.body.id;
  }

  it('pays the tier of the activity, and one line per person and activity even when the report index is gone', async () => {
    // Anna left after an hour: by length that is the short tier; the activity pays a full day.
    const first = await reportAndAttest({ activityId: fullDay.id, durationMinutes: 60 });

    // The mutation: without the report-level unique indexes a second report of the same activity gets in.
    await h.dataSource.query(`DROP INDEX time_report_activity_once`);
    await h.dataSource.query(`DROP INDEX time_report_activity_key`);
    const second = await reportAndAttest({ activityId: fullDay.id, durationMinutes: 90 });

    const started = await finance.api.post('/payers/SKR/payout-runs', { period: '2026-09' });
    expect(started.status).toBe(202);
    const batchId = started.body.batch.batch.id as string;
    const lines: Array<{ time_report_id: string; activity_id: string; fee_rule: string; fee_ore: string; state: string }> = await h.dataSource.query(
      `SELECT time_report_id, activity_id, fee_rule, fee_ore, state FROM payout_line WHERE batch_id = $1 ORDER BY created_at`,
      [batchId],
    );
    // Before: two lines, each paid by its own length (short tier).
    expect(lines).toHaveLength(1);
    // One of the two (the first by date and id) is in the run; the other is left unpaid.
    expect([first, second]).toContain(lines[0].time_report_id);
    expect(lines[0]).toMatchObject({ activity_id: fullDay.id, state: 'pending' });
    const unpaid = lines[0].time_report_id === first ? second : first;
    expect(lines[0].fee_rule).toMatch(/^fee\.full-day\..+\.agreed$/);

    // The database refuses a second live line for the person and activity, whoever writes it.
    let refused = 'accepted';
    try {
      await h.dataSource.query(
        `INSERT INTO payout_line (id, batch_id, time_report_id, person_id, activity_date, state) VALUES ($1, $2, $3, $4, '2026-09-10', 'pending')`,
        [randomUUID(), batchId, unpaid, anna.user.personId],
      );
    } catch (e) {
      refused = (e as { constraint?: string }).constraint ?? (e as Error).message;
    }
    expect(refused).toBe('payout_line_activity_once');

    let approved: any;
    for (let i = 0; i < 3 && !approved; i++) {
      const r = await finance.api.post(`/payout-runs/${batchId}/approve`);
      if (r.status === 200) approved = r.body;
      else expect(r.status).toBe(409);
    }
    expect(approved.batch.state).toBe('approved');
    const paid: Array<{ n: number }> = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM payout_line WHERE person_id = $1 AND activity_id = $2 AND state = 'paid'`,
      [anna.user.personId, fullDay.id],
    );
    expect(paid[0].n).toBe(1);
    // The second report stays unpaid in the next run too.
    const again = await finance.api.post('/payers/SKR/payout-runs', { period: '2026-10' });
    expect(again.status).toBeLessThan(300);
    const later: unknown[] = await h.dataSource.query(`SELECT 1 FROM payout_line WHERE time_report_id = $1`, [unpaid]);
    expect(later).toEqual([]);
  });
});
