import { randomUUID } from 'node:crypto';
import { TimeReportsAgainstActivities1765200100000 } from '../src/database/migrations/1765200100000-time-reports-against-activities';
import { agreementActivityId } from '../src/group-activities/activity-view';
import { addDays, addMonths, stockholmDate } from '../src/time-reports/business-dates';
import { insertLegacyTimeReport } from './support/activities';
import { Harness, startHarness, TestUser } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * The activity the group calls is a record (issue 13, §4.5.1), on the real database: a coordinator creates the
 * group's activities, who may see them, and time reports made against them — one per person and activity, held
 * by a unique index even when four are sent at the same moment.
 */
describe('group activities: CRUD, scope, one report per person and activity', () => {
  let h: Harness;
  let groupId: string;
  let otherGroupId: string;
  let coordinator: TestUser;
  let otherCoordinator: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let repOther: TestUser;
  let nominee: TestUser;
  let financeSodra: TestUser;
  let financeSkr: TestUser;
  let orgContact: TestUser;
  let aA: string;
  let aB: string;
  let aOther: string;
  let aNominated: string;
  const today = stockholmDate(new Date());
  const day = (n: number) => addDays(today, -n);

  beforeAll(async () => {
    h = await startHarness({ worker: false });
    groupId = randomUUID();
    otherGroupId = randomUUID();
    for (const [id, name] of [
      [groupId, 'NPO Hjärt- och kärlsjukdomar'],
      [otherGroupId, 'NPO Lung- och allergisjukdomar'],
    ]) {
      await h.dataSource.query(`INSERT INTO working_group (id, name, kind, host_region, commission) VALUES ($1, $2, 'NPO', 'sodra', 'Kunskapsstyrning.')`, [id, name]);
    }
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    otherCoordinator = await h.createUser({ roles: ['coordinator'], groupIds: [otherGroupId] });
    repA = await h.createUser({ roles: ['representative'] });
    repB = await h.createUser({ roles: ['representative'] });
    repOther = await h.createUser({ roles: ['representative'] });
    nominee = await h.createUser({ roles: ['representative'] });
    financeSodra = await h.createUser({ roles: ['finance'], payerCode: 'sodra' });
    financeSkr = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
    orgContact = await h.createUser({ roles: ['org-contact'] });
    aA = await assignment(repA.user.personId!, 'active');
    aB = await assignment(repB.user.personId!, 'active');
    aOther = await assignment(repOther.user.personId!, 'active', otherGroupId);
    aNominated = await assignment(nominee.user.personId!, 'nominated');
  });

  afterAll(async () => {
    await h?.close();
  });

  async function assignment(personId: string, state: string, group = groupId): Promise<string> {
    const id = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end) VALUES ($1, $2, $3, 'own-experience', $4, $5, $6)`,
      [id, group, personId, state, addMonths(today, -12), addMonths(today, 12)],
    );
    return id;
  }

  const meeting = (over: Record<string, unknown> = {}) => ({
    title: 'Arbetsmöte 1',
    kind: 'meeting',
    date: day(5),
    startTime: '09:30',
    durationMinutes: 180,
    mode: 'video',
    agenda: ['Välkommen', 'Remissvar'],
    materialSentOn: day(12),
    ...over,
  });
  const report = (assignmentId: string, activityId: string, over: Record<string, unknown> = {}) => ({
    assignmentId,
    activityId,
    durationMinutes: 180,
    travelMinutes: 30,
    ...over,
  });

  it('lets the group coordinator create an activity (idempotent by client id), calling every accepted assignment by default', async () => {
    const id = randomUUID();
    const created = await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ id }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id,
      groupId,
      title: 'Arbetsmöte 1',
      kind: 'meeting',
      date: day(5),
      startTime: '09:30',
      durationMinutes: 180,
      mode: 'video',
      feeRule: 'by-length',
      agenda: ['Välkommen', 'Remissvar'],
      materialSentOn: day(12),
      agreementActivity: false,
    });
    // The nominee (only nominated) and the other group's representative are not called.
    expect([...created.body.calledAssignmentIds].sort()).toEqual([aA, aB].sort());
    // A repeat with the same content answers the stored activity; the same id with other content is 409 (issue 14 #1).
    const again = await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ id }));
    expect(again.status).toBe(201);
    expect(again.body).toEqual(created.body);
    const changed = await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ id, title: 'Något annat' }));
    expect([changed.status, changed.body.message]).toEqual([409, 'En annan aktivitet finns redan med detta id.']);
    expect(await count(`SELECT count(*) FROM group_activity WHERE id = $1`, [id])).toBe(1);
    // The same id in another group is another activity: refused.
    const elsewhere = await otherCoordinator.api.post(`/working-groups/${otherGroupId}/activities`, meeting({ id }));
    expect(elsewhere.status).toBe(409);
  });

  it('refuses bad input with Swedish messages, and other groups, roles and scopes like a missing group', async () => {
    const bad = await coordinator.api.post(`/working-groups/${groupId}/activities`, {
      title: '',
      kind: 'fika',
      date: '2026-02-30',
      startTime: '25:00',
      durationMinutes: 0,
      mode: 'brev',
      feeRule: 'gratis',
      agenda: Array.from({ length: 51 }, () => 'punkt'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.kind[0]).toMatch(/^Typen måste vara en av/);
    expect(bad.body.fields.startTime).toEqual(['Starttiden måste anges som TT:MM (00:00–23:59).']);
    expect(bad.body.fields.durationMinutes).toEqual(['Längden måste vara minst 1 minut.']);
    expect(bad.body.fields.mode[0]).toMatch(/^Formen måste vara en av/);
    expect(bad.body.fields.feeRule[0]).toMatch(/^Arvodesregeln/);
    expect(bad.body.fields.agenda).toContain('Dagordningen får ha högst 50 punkter.');
    expect(bad.body.fields.date).toBeDefined();

    const foreign = await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ calledAssignmentIds: [aOther] }));
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields.calledAssignmentIds[0]).toMatch(/finns inte i gruppen/);
    const nominated = await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ calledAssignmentIds: [aNominated] }));
    expect(nominated.status).toBe(400);
    expect(nominated.body.fields.calledAssignmentIds[0]).toMatch(/bara nominerat/);

    const missing = await otherCoordinator.api.post(`/working-groups/${randomUUID()}/activities`, meeting());
    for (const who of [otherCoordinator, repA, financeSodra]) {
      const res = await who.api.post(`/working-groups/${groupId}/activities`, meeting());
      expect({ status: res.status, body: res.body }).toEqual({ status: 404, body: missing.body });
    }
    expect(await count(`SELECT count(*) FROM group_activity WHERE group_id = $1 AND assignment_id IS NULL`, [groupId])).toBe(1);
  });

  it('shows all activities to coordinators, admin and finance of the payer; a representative only what they are called to and their own', async () => {
    const onlyB = await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ title: 'Bara B', date: day(20), calledAssignmentIds: [aB] }));
    expect(onlyB.status).toBe(201);
    const later = await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ title: 'Läsdag', kind: 'extra-preparation', date: day(2), feeRule: 'full-day' }));
    expect(later.status).toBe(201);

    const titles = (res: any) => res.body.items.map((a: any) => a.title);
    const asCoordinator = await coordinator.api.get(`/working-groups/${groupId}/activities`);
    expect(asCoordinator.status).toBe(200);
    expect(titles(asCoordinator)).toEqual(['Bara B', 'Arbetsmöte 1', 'Läsdag']);
    expect(asCoordinator.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(titles(await (await h.asAdmin()).get(`/working-groups/${groupId}/activities`))).toEqual(['Bara B', 'Arbetsmöte 1', 'Läsdag']);
    expect(titles(await financeSodra.api.get(`/working-groups/${groupId}/activities`))).toEqual(['Bara B', 'Arbetsmöte 1', 'Läsdag']);
    const window = await coordinator.api.get(`/working-groups/${groupId}/activities?from=${day(10)}&to=${day(3)}`);
    expect(titles(window)).toEqual(['Arbetsmöte 1']);
    expect((await coordinator.api.get(`/working-groups/${groupId}/activities?from=${day(1)}&to=${day(3)}`)).status).toBe(400);

    // Representative A: not called to "Bara B"; sees the agreement's own activity (created on first sight).
    const asA = await repA.api.get(`/working-groups/${groupId}/activities`);
    expect(asA.status).toBe(200);
    expect(titles(asA)).toEqual(['Arbete enligt överenskommelsen', 'Arbetsmöte 1', 'Läsdag']);
    expect(asA.body.items[0]).toMatchObject({ id: agreementActivityId(aA), agreementActivity: true, assignmentId: aA, kind: 'other-work', date: null });
    expect(titles(await repB.api.get(`/working-groups/${groupId}/activities`))).toEqual(['Arbete enligt överenskommelsen', 'Bara B', 'Arbetsmöte 1', 'Läsdag']);
    expect((await repA.api.get(`/activities/${onlyB.body.id}`)).status).toBe(404);
    expect((await repB.api.get(`/activities/${onlyB.body.id}`)).status).toBe(200);
    expect((await repB.api.get(`/activities/${agreementActivityId(aA)}`)).status).toBe(404);
    expect((await repA.api.get(`/activities/${agreementActivityId(aA)}`)).status).toBe(200);

    // Nobody else: another group's people, another payer, a mere nominee, an organisation contact.
    const missingGroup = await repOther.api.get(`/working-groups/${randomUUID()}/activities`);
    for (const who of [repOther, otherCoordinator, financeSkr, nominee, orgContact]) {
      const res = await who.api.get(`/working-groups/${groupId}/activities`);
      expect({ status: res.status, body: res.body }).toEqual({ status: 404, body: missingGroup.body });
      expect((await who.api.get(`/activities/${later.body.id}`)).status).toBe(404);
    }

    // What A can report against.
    const forA = await repA.api.get(`/assignments/${aA}/activities`);
    expect(forA.status).toBe(200);
    expect(forA.body.map((a: any) => a.title)).toEqual(['Arbete enligt överenskommelsen', 'Arbetsmöte 1', 'Läsdag']);
    expect((await repB.api.get(`/assignments/${aA}/activities`)).status).toBe(404);
  });

  it('lets only the coordinator change an activity; a new date follows to its reports; not once one is attested', async () => {
    const act = (await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ title: 'Flyttas', date: day(30) }))).body;
    for (const who of [repA, otherCoordinator, financeSodra]) {
      expect((await who.api.patch(`/activities/${act.id}`, { title: 'Kapat' })).status).toBe(404);
    }
    const made = await repA.api.post('/time-reports', report(aA, act.id));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ activityDate: day(30), kind: 'meeting', participation: 'video', activityId: act.id, activity: { id: act.id, title: 'Flyttas' } });

    // A called assignment that has reported stays called.
    const drop = await coordinator.api.patch(`/activities/${act.id}`, { calledAssignmentIds: [aB] });
    expect(drop.status).toBe(409);
    const moved = await coordinator.api.patch(`/activities/${act.id}`, { date: day(31), title: 'Flyttat', kind: 'other-work' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ date: day(31), title: 'Flyttat', kind: 'other-work' });
    const after = await repA.api.get(`/time-reports/${made.body.id}`);
    expect(after.body).toMatchObject({ activityDate: day(31), kind: 'meeting', activity: { title: 'Flyttat', date: day(31) } });

    await h.dataSource.query(
      `UPDATE time_report SET state = 'attested', attestation_decision = 'confirmed', attested_duration_minutes = duration_minutes, attested_travel_minutes = travel_minutes,
              attested_ticket_cost_ore = 0, attested_other_travel_cost_ore = 0, attested_car_km = 0 WHERE id = $1`,
      [made.body.id],
    );
    const late = await coordinator.api.patch(`/activities/${act.id}`, { durationMinutes: 60 });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/attesterad/);
    expect((await coordinator.api.patch(`/activities/${agreementActivityId(aA)}`, { title: 'Eget' })).status).toBe(409);
  });

  it('refuses a field sent as null with 400 and its Swedish message, and clears the start time and material date with null (was a 500)', async () => {
    const act = (await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ title: 'Nollor' }))).body;
    for (const field of ['title', 'kind', 'date', 'durationMinutes', 'mode', 'feeRule', 'agenda', 'calledAssignmentIds']) {
      const res = await coordinator.api.patch(`/activities/${act.id}`, { [field]: null });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.fields[field]).toEqual([expect.stringMatching(/^[A-ZÅÄÖ].+\.$/)]);
    }
    // The same on creation: a field left out takes its default, a field sent as null is refused.
    for (const field of ['feeRule', 'agenda', 'calledAssignmentIds']) {
      const res = await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ [field]: null }));
      expect({ field, status: res.status, fields: Object.keys(res.body.fields ?? {}) }).toEqual({ field, status: 400, fields: [field] });
    }
    const cleared = await coordinator.api.patch(`/activities/${act.id}`, { startTime: null, materialSentOn: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ title: 'Nollor', startTime: null, materialSentOn: null, agenda: ['Välkommen', 'Remissvar'] });
    // The OpenAPI document says which fields may be null, so the fuzzer's generated bodies say the same.
    const doc = (await h.api().get('/api/docs-json')).body;
    const patch = doc.components.schemas.UpdateGroupActivityDto.properties;
    expect(patch.startTime.nullable).toBe(true);
    expect(patch.materialSentOn.nullable).toBe(true);
    expect(patch.title.nullable).toBeUndefined();
  });

  it('takes kind, date and participation from the activity, refuses what the person is not called to, and one report per person and activity', async () => {
    const act = (await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ title: 'Rapporteras', date: day(40), mode: 'on-site' }))).body;
    const onlyB = (await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ title: 'Bara B igen', date: day(41), calledAssignmentIds: [aB] }))).body;
    const open = (await coordinator.api.post(`/working-groups/${groupId}/activities`, meeting({ title: 'Öppet möte', kind: 'open-information-meeting', date: day(42) }))).body;

    const notCalled = await repA.api.post('/time-reports', report(aA, onlyB.id));
    expect(notCalled.status).toBe(403);
    expect(notCalled.body.message).toBe('Du är inte kallad till den här aktiviteten och kan inte rapportera den.');
    const foreign = await repOther.api.post('/time-reports', report(aOther, act.id));
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe('Aktiviteten finns inte.');
    const wrongDate = await repA.api.post('/time-reports', report(aA, act.id, { activityDate: day(39) }));
    expect(wrongDate.status).toBe(400);
    expect(wrongDate.body.fields.activityDate).toEqual([`Datumet kommer från aktiviteten (${day(40)}).`]);
    const noTravelAtOpen = await repA.api.post('/time-reports', report(aA, open.id, { carKm: 40 }));
    expect(noTravelAtOpen.status).toBe(400);

    const noActivity = await repA.api.post('/time-reports', { assignmentId: aA, activityDate: day(40), kind: 'meeting', durationMinutes: 60, participation: 'video' });
    expect(noActivity.status).toBe(400);
    expect(noActivity.body.fields.activityId).toEqual(['Ange aktiviteten (ett UUID): rapporter görs mot gruppens aktiviteter.']);
    expect(noActivity.body.fields.kind).toBeDefined(); // no free-text kind: it is the activity's

    const first = await repA.api.post('/time-reports', report(aA, act.id, { description: 'Var där hela dagen' }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ activityDate: day(40), kind: 'meeting', participation: 'on-site', activityId: act.id });
    const second = await repA.api.post('/time-reports', report(aA, act.id, { participation: 'phone', durationMinutes: 60 }));
    expect(second.status).toBe(409);
    expect(second.body.message).toBe('Du har redan rapporterat den här aktiviteten.');
    // A report of an activity keeps the activity's date.
    const moveReport = await repA.api.patch(`/time-reports/${first.body.id}`, { activityDate: day(38) });
    expect(moveReport.status).toBe(400);
    expect(moveReport.body.fields.activityDate).toEqual(['Datumet kommer från aktiviteten.']);

    // The database holds it too: the same person through a second (ended) assignment in the group (issue 13 #1).
    const secondAssignment = await assignment(repA.user.personId!, 'ended');
    await h.dataSource.query(`INSERT INTO group_activity_called (activity_id, assignment_id) VALUES ($1, $2)`, [act.id, secondAssignment]);
    const twice = await repA.api.post('/time-reports', report(secondAssignment, act.id));
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('Du har redan rapporterat den här aktiviteten.');

    // Four reports of one activity sent at the same moment with different client ids: exactly one is stored.
    const posts = await Promise.all([60, 61, 62, 63].map((m) => repB.api.post('/time-reports', report(aB, act.id, { id: randomUUID(), durationMinutes: m }))));
    expect(posts.map((p) => p.status).sort()).toEqual([201, 409, 409, 409]);
    for (const p of posts.filter((x) => x.status === 409)) expect(p.body.message).toBe('Du har redan rapporterat den här aktiviteten.');
    expect(await count(`SELECT count(*) FROM time_report WHERE activity_id = $1 AND person_id = $2`, [act.id, repB.user.personId])).toBe(1);
  });

  it("reports the agreement's own activity once per person and day, and only in that agreement", async () => {
    const own = agreementActivityId(aB);
    const noDay = await repB.api.post('/time-reports', report(aB, own, { participation: 'phone' }));
    expect(noDay.status).toBe(400);
    expect(noDay.body.fields.activityDate).toEqual(['Ange dagen då arbetet utfördes.']);
    const noMode = await repB.api.post('/time-reports', report(aB, own, { activityDate: day(50) }));
    expect(noMode.status).toBe(400);
    expect(noMode.body.fields.participation).toBeDefined();

    const first = await repB.api.post('/time-reports', report(aB, own, { activityDate: day(50), participation: 'phone', description: 'Läste remiss' }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ activityDate: day(50), kind: 'meeting', activity: { agreementActivity: true, assignmentId: aB } });
    const sameDay = await repB.api.post('/time-reports', report(aB, own, { activityDate: day(50), participation: 'phone', durationMinutes: 30 }));
    expect(sameDay.status).toBe(409);
    expect(sameDay.body.message).toBe('Du har redan rapporterat den här aktiviteten för den här dagen.');
    const nextDay = await repB.api.post('/time-reports', report(aB, own, { activityDate: day(49), participation: 'phone' }));
    expect(nextDay.status).toBe(201);
    // Its day may be corrected (to a free day).
    expect((await repB.api.patch(`/time-reports/${nextDay.body.id}`, { activityDate: day(48) })).status).toBe(200);

    const othersOwn = await repA.api.post('/time-reports', report(aA, own, { activityDate: day(50), participation: 'phone' }));
    expect(othersOwn.status).toBe(403);
    expect(othersOwn.body.message).toMatch(/annat uppdrags egen aktivitet/);
    const stolen = await repB.api.post('/time-reports', report(aB, agreementActivityId(aA), { activityDate: day(50), participation: 'phone' }));
    expect(stolen.status).toBe(403);
  });

  it('gives the reports from before activities an activity each of their meetings (migration 1765200100000), so old data stays valid', async () => {
    const legacyGroup = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, host_region, commission) VALUES ($1, 'NPO Gamla rapporter', 'NPO', 'sodra', 'Prov.')`, [legacyGroup]);
    const x1 = await assignment(repA.user.personId!, 'ended', legacyGroup);
    const x2 = await assignment(repA.user.personId!, 'active', legacyGroup);
    const y = await assignment(repB.user.personId!, 'active', legacyGroup);
    // A's agreement has one reading day a year (the database holds the agreed days: time_report_extra_preparation_limit).
    await h.dataSource.query(`UPDATE assignment SET extra_preparation_days = 1 WHERE id = $1`, [x2]);
    const legacy = async (assignmentId: string, personId: string, date: string, kind: string, ref: string, minutes: number, at: string) => {
      const id = randomUUID();
      await insertLegacyTimeReport(
        h,
        `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, meeting_ref, duration_minutes, participation, state, claim_deadline, created_at)
         VALUES ($1, $2, $3, $4, 'sodra', $5, $6, $7, $8, 'video', 'draft', $9, $10)`,
        [id, assignmentId, personId, legacyGroup, date, kind, ref, minutes, addMonths(date, 3), at],
      );
      return id;
    };
    // A meeting A reported twice, through two assignments (issue 13 #1), and B once; A's agreed reading day.
    const a1 = await legacy(x1, repA.user.personId!, day(60), 'meeting', 'Arbetsmöte 7', 120, '2026-01-01T10:00:00Z');
    const a2 = await legacy(x2, repA.user.personId!, day(60), 'meeting', 'Arbetsmöte 7', 150, '2026-01-02T10:00:00Z');
    const b = await legacy(y, repB.user.personId!, day(60), 'meeting', 'Arbetsmöte 7', 180, '2026-01-01T11:00:00Z');
    const reading = await legacy(x2, repA.user.personId!, day(61), 'extra-preparation', '', 480, '2026-01-03T10:00:00Z');

    const runner = h.dataSource.createQueryRunner();
    try {
      await new TimeReportsAgainstActivities1765200100000().up(runner);
    } finally {
      await runner.release();
    }
    const rows: Array<{ id: string; activity_id: string | null }> = await h.dataSource.query(`SELECT id, activity_id FROM time_report WHERE group_id = $1`, [legacyGroup]);
    const activityOf = (id: string) => rows.find((r) => r.id === id)!.activity_id;
    expect(activityOf(a1)).not.toBeNull();
    expect(activityOf(b)).toBe(activityOf(a1));
    expect(activityOf(a2)).toBeNull(); // the second report of one meeting by one person gets none: it is the duplicate
    const meetingView = (await coordinator.api.get(`/activities/${activityOf(a1)}`)).status;
    expect(meetingView).toBe(404); // another group's coordinator
    const [meeting]: any[] = await h.dataSource.query(`SELECT * FROM group_activity WHERE id = $1`, [activityOf(a1)]);
    expect(meeting).toMatchObject({ group_id: legacyGroup, title: 'Arbetsmöte 7', kind: 'meeting', duration_minutes: 180, mode: 'video', fee_rule: 'by-length' });
    const called: Array<{ assignment_id: string }> = await h.dataSource.query(`SELECT assignment_id FROM group_activity_called WHERE activity_id = $1 ORDER BY 1`, [activityOf(a1)]);
    expect(called.map((c) => c.assignment_id).sort()).toEqual([x1, x2, y].sort());
    const [day61]: any[] = await h.dataSource.query(`SELECT * FROM group_activity WHERE id = $1`, [activityOf(reading)]);
    expect(day61).toMatchObject({ title: 'Extra förberedelse', kind: 'extra-preparation', fee_rule: 'full-day' });
    // B reads the report with its activity.
    expect((await repB.api.get(`/time-reports/${b}`)).body.activity).toMatchObject({ id: activityOf(a1), title: 'Arbetsmöte 7', date: day(60) });

    // The duplicate that kept no activity is still a row a person can sort out (an update leaving it without one).
    await h.dataSource.query(`UPDATE time_report SET state = 'rejected', attestation_decision = 'rejected', attestation_reason = 'Dubblett' WHERE id = $1`, [a2]);
    expect((await h.dataSource.query(`SELECT state FROM time_report WHERE id = $1`, [a2]))[0].state).toBe('rejected');
    // A report that has an activity cannot lose it.
    const refusedUpdate = await h.dataSource.query(`UPDATE time_report SET activity_id = NULL WHERE id = $1`, [a1]).then(
      () => 'accepted',
      (e: { constraint?: string; message: string }) => e.constraint ?? e.message,
    );
    expect(refusedUpdate).toBe('time_report_activity_required');
    expect(activityOf(a1)).toBe((await h.dataSource.query(`SELECT activity_id FROM time_report WHERE id = $1`, [a1]))[0].activity_id);
  });

  it('refuses a time report stored without an activity, whoever writes it (migration 1765700000000)', async () => {
    const rep = await h.createUser({ roles: ['representative'], displayName: 'Utan Aktivitet' });
    const a = await assignment(rep.user.personId!, 'active');
    const refused = await h.dataSource
      .query(
        `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, meeting_ref, duration_minutes, participation, state, claim_deadline)
         VALUES ($1, $2, $3, $4, 'sodra', $5, 'meeting', 'Utan aktivitet', 60, 'video', 'draft', $6)`,
        [randomUUID(), a, rep.user.personId, groupId, day(70), addMonths(day(70), 3)],
      )
      .then(
        () => 'accepted',
        (e: { constraint?: string; message: string }) => e.constraint ?? e.message,
      );
    expect(refused).toBe('time_report_activity_required');
    expect(await count(`SELECT count(*) FROM time_report WHERE assignment_id = $1`, [a])).toBe(0);
  });

  const count = async (sql: string, params: unknown[]): Promise<number> => Number((await h.dataSource.query(sql.replace('count(*)', 'count(*)::int AS n'), params))[0].n);
});
