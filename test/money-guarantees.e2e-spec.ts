import { randomUUID } from 'node:crypto';
import { agreementActivityId } from '../src/group-activities/activity-view';
import { Harness, startHarness, TestUser } from './support/harness';

/**
 * Money holes found by the adversarial review (main at 2174681), each held by the database first and answered by
 * the API with a Swedish 4xx: (3) an ended assignment is reported on only up to the day it ended, and one person
 * reports the agreement's own work once per group and day whatever assignment of the group they report it in.
 */
describe('money guarantees (review findings)', () => {
  let h: Harness;
  let groupId: string;
  let anna: TestUser;
  let coordinator: TestUser;

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.asAdmin();
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Pengar som hålls', 'NSG', 'Prov.')`, [groupId]);
    anna = await h.createUser({ roles: ['representative'], displayName: 'Anna Andersson' });
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function assignment(state: string, periodStart: string, periodEnd: string): Promise<string> {
    const id = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end)
       VALUES ($1, $2, $3, 'own-experience', $4, $5, $6)`,
      [id, groupId, anna.user.personId, state, periodStart, periodEnd],
    );
    return id;
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
    try {
      await h.dataSource.query(
        `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, meeting_ref, duration_minutes, participation, claim_deadline, state)
         VALUES ($1, $2, $3, $4, 'SKR', '2026-11-26', 'meeting', 'Direkt', 60, 'video', '2027-02-26', 'draft')`,
        [randomUUID(), first, anna.user.personId, groupId],
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
});
