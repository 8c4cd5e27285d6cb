import { randomUUID } from 'node:crypto';
import { addDays, stockholmDate } from '../src/time-reports/business-dates';
import { activityFor } from './support/activities';
import { Harness, startHarness, TestUser } from './support/harness';
import { createGroup, createOrganisation, startRound } from './support/lifecycle';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Issue 14 #1, "eight simultaneous creates with one client id (four 201, four 500)": every create a client may retry
 * takes an optional client `id` (src/common/client-id.ts, one mechanism). Sent eight times at the same moment with
 * the same content, every answer is 2xx with the one stored object; the same id with other content is 409 in Swedish.
 */
describe('client ids on creates (issue 14 #1)', () => {
  let h: Harness;
  let groupId: string;
  let coordinator: TestUser;
  let rep: TestUser;
  let assignmentId: string;
  const today = stockholmDate(new Date());
  const EIGHT = Array.from({ length: 8 });

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.asAdmin();
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Klientens id', 'NSG', 'Prov.')`, [groupId]);
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    rep = await h.createUser({ roles: ['representative'], displayName: 'Klara Klient' });
    assignmentId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end)
       VALUES ($1, $2, $3, 'own-experience', 'active', $4, $5)`,
      [assignmentId, groupId, rep.user.personId, addDays(today, -300), addDays(today, 300)],
    );
  });

  afterAll(async () => {
    await h?.close();
  });

  const count = async (table: string, id: string): Promise<number> =>
    (await h.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = $1`, [id]))[0].n;

  const expectOne = (answers: Array<{ status: number; body: any }>, id: string, idOf: (b: any) => string) => {
    expect(answers.map((a) => a.status).filter((s) => s >= 300)).toEqual([]);
    for (const a of answers) expect(idOf(a.body)).toBe(id);
  };

  it('a group activity: eight at once are one activity; the same id with another title is 409', async () => {
    const body = { id: randomUUID(), title: 'Arbetsmöte Klient', kind: 'meeting', date: addDays(today, -10), durationMinutes: 120, mode: 'video', calledAssignmentIds: [assignmentId] };
    const answers = await Promise.all(EIGHT.map(() => coordinator.api.post(`/working-groups/${groupId}/activities`, body)));
    expectOne(answers, body.id, (b) => b.id);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await count('group_activity', body.id)).toBe(1);
    const [{ n: audits }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'activity.created'`, [body.id]);
    expect(audits).toBe(1);
    const other = await coordinator.api.post(`/working-groups/${groupId}/activities`, { ...body, title: 'Ett annat möte' });
    expect([other.status, other.body.message]).toEqual([409, 'En annan aktivitet finns redan med detta id.']);
  });

  it('a time report: eight at once are one report; the same id with other figures is 409', async () => {
    const activityId = await activityFor(h, { assignmentIds: [assignmentId], date: addDays(today, -12), title: 'Rapporteras åtta gånger' });
    const body = { id: randomUUID(), assignmentId, activityId, durationMinutes: 150, travelMinutes: 30 };
    const answers = await Promise.all(EIGHT.map(() => rep.api.post('/time-reports', body)));
    expectOne(answers, body.id, (b) => b.id);
    expect(answers.every((a) => a.body.reported?.durationMinutes === 150 && a.body.activity?.id === activityId)).toBe(true);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await count('time_report', body.id)).toBe(1);
    const [{ n: reports }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM time_report WHERE activity_id = $1`, [activityId]);
    expect(reports).toBe(1);
    // A repeat afterwards answers the same report; other figures under the same id are another report: 409.
    const again = await rep.api.post('/time-reports', body);
    expect([again.status, again.body.id]).toEqual([201, body.id]);
    const other = await rep.api.post('/time-reports', { ...body, durationMinutes: 90 });
    expect([other.status, other.body.message]).toEqual([409, 'En annan tidrapport finns redan med detta id.']);
    // Without an id, a second report of the activity is still refused as before.
    const second = await rep.api.post('/time-reports', { ...body, id: undefined });
    expect(second.status).toBe(409);
  });

  it('a nomination: eight at once are one nomination of one person', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const body = {
      id: randomUUID(),
      fullName: 'Nora Nominerad',
      email: `nora.${randomUUID().slice(0, 8)}@example.se`,
      perspective: 'patient',
      representation: 'mandate',
    };
    const answers = await Promise.all(EIGHT.map(() => org.contact.api.post(`/nomination-requests/${requests[org.id]}/nominations`, body)));
    expectOne(answers, body.id, (b) => b.id);
    expect(await count('nomination', body.id)).toBe(1);
    const [{ n: people }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM person WHERE lower(email) = lower($1)`, [body.email]);
    expect(people).toBe(1);
  });
});
