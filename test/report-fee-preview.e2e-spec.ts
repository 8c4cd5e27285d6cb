import { randomUUID } from 'node:crypto';
import { addDays, addMonths, stockholmDate } from '../src/time-reports/business-dates';
import { Harness, startHarness, TestUser } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * The report form's amount (issue 17 #7): `POST /assignments/:id/fee-preview` gives what a report against the
 * activity would be paid, with the payout's calculation (`calculatePerson`) — here checked against the fee engine's
 * own preview (`POST /fees/preview`) for the same figures, and against the activity's fixed tier; only the
 * assignment's person (and the group's coordinators) may ask, and only for an activity the assignment is called to.
 */
describe('fee preview of a report against an activity', () => {
  let h: Harness;
  let groupId: string;
  let coordinator: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let aA: string;
  let aB: string;
  const today = stockholmDate(new Date());
  const date = addDays(today, -3);

  beforeAll(async () => {
    h = await startHarness({ worker: false });
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, host_region, commission) VALUES ($1, 'NPO Förhandsvisning', 'NPO', 'sodra', 'Kunskapsstyrning.')`, [groupId]);
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    repA = await h.createUser({ roles: ['representative'] });
    repB = await h.createUser({ roles: ['representative'] });
    aA = await assignment(repA.user.personId!);
    aB = await assignment(repB.user.personId!);
  });

  afterAll(async () => {
    await h?.close();
  });

  async function assignment(personId: string): Promise<string> {
    const id = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end) VALUES ($1, $2, $3, 'own-experience', 'active', $4, $5)`,
      [id, groupId, personId, addMonths(today, -12), addMonths(today, 12)],
    );
    return id;
  }

  async function activity(over: Record<string, unknown>): Promise<string> {
    const res = await coordinator.api.post(`/working-groups/${groupId}/activities`, {
      title: 'Arbetsmöte',
      kind: 'meeting',
      date,
      durationMinutes: 180,
      mode: 'on-site',
      calledAssignmentIds: [aA],
      ...over,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  it('answers what the payout would pay: the engine\'s fee by length and travel, or the activity\'s fixed tier', async () => {
    const byLength = await activity({ title: 'Arbetsmöte efter tid' });
    const figures = { durationMinutes: 180, travelMinutes: 90, ticketCostOre: 64_000, carKm: 0 };
    const res = await repA.api.post(`/assignments/${aA}/fee-preview`, { activityId: byLength, ...figures });
    expect(res.status).toBe(200);
    const engine = await coordinator.api.post('/fees/preview', {
      payerCode: 'sodra',
      birthYear: 1970,
      activities: [{ date, kind: 'meeting', durationMinutes: 180, travelMinutes: 90, tickets: [{ amountOre: 64_000, receipt: true }] }],
    });
    expect(engine.status).toBe(200);
    const fee = engine.body.lines.find((l: any) => l.kind === 'fee');
    expect(res.body).toMatchObject({ feeOre: fee.amountOre, travelOre: engine.body.totals.taxFreeTravelOre + engine.body.totals.taxableTravelOre, payerCode: 'sodra' });
    expect(res.body.feeOre).toBeGreaterThan(0);

    // A fixed full day: half an hour is paid as a full day, the same as 390 minutes by length, more than half an hour by length.
    const fullDay = await activity({ title: 'Heldag', feeRule: 'full-day' });
    const fixed = await repA.api.post(`/assignments/${aA}/fee-preview`, { activityId: fullDay, durationMinutes: 30 });
    expect(fixed.status).toBe(200);
    const long = await repA.api.post(`/assignments/${aA}/fee-preview`, { activityId: byLength, durationMinutes: 300, travelMinutes: 90 });
    expect(fixed.body.feeOre).toBe(long.body.feeOre);
    const short = await repA.api.post(`/assignments/${aA}/fee-preview`, { activityId: byLength, durationMinutes: 30 });
    expect(fixed.body.feeOre).toBeGreaterThan(short.body.feeOre);
    expect(short.body.feeOre).toBeGreaterThan(0);

    // An open information meeting pays no fee.
    const open = await activity({ title: 'Öppet möte', kind: 'open-information-meeting' });
    expect((await repA.api.post(`/assignments/${aA}/fee-preview`, { activityId: open, durationMinutes: 90 })).body).toMatchObject({ feeOre: 0 });
  });

  it('is only for the assignment\'s person and coordinators, for an activity it is called to, with Swedish messages', async () => {
    const meeting = await activity({ title: 'Arbetsmöte för A' });
    // Another representative's assignment: as if it did not exist.
    expect((await repB.api.post(`/assignments/${aA}/fee-preview`, { activityId: meeting, durationMinutes: 60 })).status).toBe(404);
    // Not called to it.
    const notCalled = await repB.api.post(`/assignments/${aB}/fee-preview`, { activityId: meeting, durationMinutes: 60 });
    expect(notCalled.status).toBe(403);
    expect(notCalled.body.message).toMatch(/inte kallat/);
    // No such activity.
    const missing = await repA.api.post(`/assignments/${aA}/fee-preview`, { activityId: randomUUID(), durationMinutes: 60 });
    expect(missing.status).toBe(404);
    expect(missing.body.fields).toMatchObject({ activityId: [expect.stringMatching(/Ingen aktivitet/)] });
    // Bad figures: 400 per field.
    const bad = await repA.api.post(`/assignments/${aA}/fee-preview`, { activityId: meeting, durationMinutes: 0, carKm: -1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['carKm', 'durationMinutes']);
    // The coordinator may ask too.
    expect((await coordinator.api.post(`/assignments/${aA}/fee-preview`, { activityId: meeting, durationMinutes: 60 })).status).toBe(200);
  });
});
