import { createHash, randomUUID } from 'node:crypto';
import { payoutScheduleId } from '../src/payouts/payout-schedule';
import { addDays, addMonths, stockholmDate } from '../src/time-reports/business-dates';
import { activityFor, againstActivity } from './support/activities';
import { eventually, Harness, startHarness, TestUser } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Time and cost reports on the real engines: the rules a report must meet (with the default claim policy of
 * 3 months and 6-month-old receipts), receipts, the coordinator's attestation and who may see what, and the
 * reminder before a claim deadline passes.
 */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR kvitto parkering')]);

describe('time reports: reporting, receipts, attestation, claim deadlines', () => {
  let h: Harness;
  let groupId: string;
  let otherGroupId: string;
  let rep: TestUser;
  let otherRep: TestUser;
  let coordinator: TestUser;
  let otherCoordinator: TestUser;
  let assignmentId: string;
  let endedAssignmentId: string;
  const today = stockholmDate(new Date());

  beforeAll(async () => {
    h = await startHarness();
    groupId = randomUUID();
    otherGroupId = randomUUID();
    for (const [id, name] of [
      [groupId, 'NPO Hjärt- och kärlsjukdomar'],
      [otherGroupId, 'NPO Lung- och allergisjukdomar'],
    ]) {
      await h.dataSource.query(`INSERT INTO working_group (id, name, kind, host_region, commission) VALUES ($1, $2, 'NPO', 'sodra', 'Kunskapsstyrning.')`, [id, name]);
    }
    rep = await h.createUser({ roles: ['representative'], displayName: 'Cecilia Carlsson' });
    otherRep = await h.createUser({ roles: ['representative'] });
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    otherCoordinator = await h.createUser({ roles: ['coordinator'], groupIds: [otherGroupId] });
    assignmentId = await assignment(rep.user.personId!, 'active', addMonths(today, -12), addMonths(today, 12));
    endedAssignmentId = await assignment(rep.user.personId!, 'nominated', null, null, otherGroupId);
  });

  afterAll(async () => {
    await h?.close();
  });

  async function assignment(personId: string, state: string, start: string | null, end: string | null, group = groupId): Promise<string> {
    const id = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end) VALUES ($1, $2, $3, 'own-experience', $4, $5, $6)`,
      [id, group, personId, state, start, end],
    );
    return id;
  }

  const meeting = (over: Record<string, unknown> = {}) => ({
    assignmentId,
    activityDate: addDays(today, -10),
    kind: 'meeting',
    durationMinutes: 120,
    participation: 'video',
    ...over,
  });

  /** Reports the meeting of that date, kind and reference: against its activity (made when missing, the assignment called). */
  const post = async (who: TestUser, body: Record<string, unknown>) => who.api.post('/time-reports', await againstActivity(h, body));

  const upload = (who: TestUser, id: string, content: Buffer, name: string, type: string, receiptDate?: string) => {
    const form = new FormData();
    form.append('file', new Blob([content], { type }), name);
    if (receiptDate) form.append('receiptDate', receiptDate);
    return who.api.fetch(`/time-reports/${id}/receipts`, { method: 'POST', body: form });
  };

  it('refuses reports outside the rules with Swedish messages, and a duplicate with 409', async () => {
    const bad = await rep.api.post('/time-reports', { assignmentId, activityDate: '2026-13-01', kind: 'fika', durationMinutes: 0, participation: 'brev', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.activityDate).toEqual(['Datumet måste anges som ÅÅÅÅ-MM-DD.']);
    // A report is made against an activity: the free-text kind is gone (issue 13 §4.5.1).
    expect(bad.body.fields.activityId).toEqual(['Ange aktiviteten (ett UUID): rapporter görs mot gruppens aktiviteter.']);
    expect(bad.body.fields.kind).toBeDefined();
    expect(bad.body.fields.durationMinutes).toEqual(['Tiden måste vara minst 1 minut.']);
    expect(bad.body.fields.participation[0]).toMatch(/Sättet att delta/);

    const future = await post(rep, meeting({ activityDate: addDays(today, 1) }));
    expect(future.status).toBe(400);
    expect(future.body.fields.activityDate[0]).toMatch(/framtiden/);

    const outside = await post(rep, meeting({ activityDate: addMonths(today, -13) }));
    expect(outside.status).toBe(400);
    expect(outside.body.fields.activityDate.join(' ')).toMatch(/utanför överenskommelsens period/);

    // Default policy: claims within 3 months of the activity.
    const late = await post(rep, meeting({ activityDate: addMonths(today, -4) }));
    expect(late.status).toBe(400);
    expect(late.body.fields.activityDate.join(' ')).toMatch(/Sista dag att begära ersättning .* var .* \(inom 3 månader efter aktiviteten\)/);

    const notActive = await post(rep, meeting({ assignmentId: endedAssignmentId }));
    expect(notActive.status).toBe(400);
    expect(notActive.body.message).toMatch(/inte aktivt/);

    const notMine = await post(otherRep, meeting());
    expect(notMine.status).toBe(404);

    // Extra preparation the group called the person to is agreed by that call (the agreement's own days limited free-text reports).
    const extra = await post(rep, meeting({ kind: 'extra-preparation' }));
    expect(extra.status).toBe(201);
    expect(extra.body.kind).toBe('extra-preparation');

    const created = await post(rep, meeting({ meetingRef: 'Arbetsmöte 3' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'draft', payerCode: 'sodra', claimDeadline: addMonths(addDays(today, -10), 3) });
    const duplicate = await post(rep, meeting({ meetingRef: 'Arbetsmöte 3', participation: 'phone' }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toBe('Du har redan rapporterat den här aktiviteten.');
    // Another meeting the same day is not a duplicate.
    expect((await post(rep, meeting({ meetingRef: 'Arbetsmöte 4' }))).status).toBe(201);
    // Only coordinators and representatives of the group see reports; others get 404.
    expect((await otherRep.api.get(`/time-reports/${created.body.id}`)).status).toBe(404);
    expect((await otherCoordinator.api.get(`/time-reports/${created.body.id}`)).status).toBe(404);
    expect((await coordinator.api.get(`/time-reports/${created.body.id}`)).status).toBe(200);
  });

  it('keeps meeting plus travel time per person and day at most 24 hours across all their reports (issue 13 #9)', async () => {
    const day = addDays(today, -17);
    // One report of 1 440 minutes of meeting and 1 440 of travel was accepted before.
    const both = await post(rep, meeting({ activityDate: day, meetingRef: 'Dygn', durationMinutes: 1440, travelMinutes: 1440 }));
    expect(both.status).toBe(400);
    expect(both.body.message).toMatch(/högst 24 timmar \(1 440 minuter\) per dag/);

    const first = await post(rep, meeting({ activityDate: day, meetingRef: 'Förmiddag', durationMinutes: 1000, travelMinutes: 200 }));
    expect(first.status).toBe(201);
    const over = await post(rep, meeting({ activityDate: day, meetingRef: 'Kväll', durationMinutes: 200, travelMinutes: 41 }));
    expect(over.status).toBe(400);
    expect(over.body.fields.durationMinutes[0]).toMatch(/redan 1200 minuter/);
    // Exactly 24 hours is allowed; then an edit that would go over is refused.
    const rest = await post(rep, meeting({ activityDate: day, meetingRef: 'Kväll', durationMinutes: 200, travelMinutes: 40 }));
    expect(rest.status).toBe(201);
    const longer = await rep.api.patch(`/time-reports/${rest.body.id}`, { travelMinutes: 41 });
    expect(longer.status).toBe(400);
    expect(longer.body.message).toMatch(/högst 24 timmar/);

    // Two reports sent at the same moment cannot both pass (the database's trigger serialises them).
    const other = addDays(today, -18);
    const race = await Promise.all(
      ['A', 'B'].map((ref) => post(rep, meeting({ activityDate: other, meetingRef: `Samtidigt ${ref}`, durationMinutes: 700, travelMinutes: 100 }))),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 400]);

    // The database holds the limit for writers that bypass the API too.
    const direct = await activityFor(h, { assignmentIds: [assignmentId], date: day, title: 'Direkt' });
    await expect(
      h.dataSource.query(
        `INSERT INTO time_report (id, assignment_id, person_id, group_id, payer_code, activity_date, kind, meeting_ref, activity_id, duration_minutes, travel_minutes,
           participation, state, claim_deadline) VALUES ($1, $2, $3, $4, 'sodra', $5, 'meeting', 'Direkt', $7, 1, 0, 'video', 'draft', $6)`,
        [randomUUID(), assignmentId, rep.user.personId, groupId, day, addMonths(day, 3), direct],
      ),
    ).rejects.toThrow(/time_report_day_limit/);

    // A rejected report does not count: once the coordinator rejects the first, the day has room again.
    expect((await rep.api.post(`/time-reports/${first.body.id}/submit`)).status).toBe(200);
    const rejected = await coordinator.api.post(`/time-reports/${first.body.id}/attestation`, { decision: 'reject', reason: 'Fel dag.' });
    expect(rejected.status).toBe(200);
    expect((await rep.api.patch(`/time-reports/${rest.body.id}`, { travelMinutes: 41 })).status).toBe(200);
  });

  it('stores receipts (PDF/JPEG/PNG up to 10 MB, with SHA-256) and needs one for costs', async () => {
    const created = await post(rep, meeting({ activityDate: addDays(today, -12), participation: 'on-site', otherTravelCostOre: 12_000 }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const noReceipt = await rep.api.post(`/time-reports/${id}/submit`);
    expect(noReceipt.status).toBe(400);
    expect(noReceipt.body.message).toMatch(/Bifoga kvitto/);

    const text = await upload(rep, id, Buffer.from('inte ett kvitto'), 'kvitto.txt', 'text/plain');
    expect(text.status).toBe(400);
    expect(((await text.json()) as any).message).toBe('Kvittot måste vara en PDF-, JPEG- eller PNG-fil.');
    const disguised = await upload(rep, id, PNG, 'kvitto.pdf', 'application/pdf');
    expect(disguised.status).toBe(400);
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(rep, id, big, 'stor.png', 'image/png');
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as any).message).toBe('Filen är större än 10 MB.');
    const old = await upload(rep, id, PNG, 'gammalt.png', 'image/png', addMonths(today, -7));
    expect(old.status).toBe(400);
    expect(((await old.json()) as any).fields.receiptDate[0]).toMatch(/äldre än 6 månader/);

    const ok = await upload(rep, id, PNG, 'parkering.png', 'image/png');
    expect(ok.status).toBe(201);
    const receipt = (await ok.json()) as any;
    expect(receipt).toMatchObject({ contentType: 'image/png', sizeBytes: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex'), fileName: 'parkering.png' });
    const again = (await (await upload(rep, id, PNG, 'parkering-igen.png', 'image/png')).json()) as any;
    expect(again.id).toBe(receipt.id);

    const download = await coordinator.api.fetch(`/time-reports/${id}/receipts/${receipt.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await otherRep.api.fetch(`/time-reports/${id}/receipts/${receipt.id}`)).status).toBe(404);

    const submitted = await rep.api.post(`/time-reports/${id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', receipts: [{ id: receipt.id }] });
  });

  it('lets the group coordinator confirm, adjust or reject each line, with the reason shown to the person', async () => {
    const mk = async (over: Record<string, unknown>) => {
      const r = await post(rep, meeting(over));
      expect(r.status).toBe(201);
      expect((await rep.api.post(`/time-reports/${r.body.id}/submit`)).status).toBe(200);
      return r.body.id as string;
    };
    const a = await mk({ activityDate: addDays(today, -20), durationMinutes: 300, travelMinutes: 60 });
    const b = await mk({ activityDate: addDays(today, -21), durationMinutes: 200 });
    const c = await mk({ activityDate: addDays(today, -22) });

    const queue = await coordinator.api.get(`/working-groups/${groupId}/time-reports`);
    expect(queue.status).toBe(200);
    expect(queue.body.map((r: any) => r.id)).toEqual(expect.arrayContaining([a, b, c]));
    expect((await otherCoordinator.api.get(`/working-groups/${groupId}/time-reports`)).status).toBe(404);

    // Only the group's coordinator attests.
    expect((await rep.api.post(`/time-reports/${a}/attestation`, { decision: 'confirm' })).status).toBe(404);
    expect((await otherCoordinator.api.post(`/time-reports/${a}/attestation`, { decision: 'confirm' })).status).toBe(404);

    const confirmed = await coordinator.api.post(`/time-reports/${a}/attestation`, { decision: 'confirm' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'attested', attestation: { decision: 'confirmed', attested: { durationMinutes: 300, travelMinutes: 60 } } });

    const noReason = await coordinator.api.post(`/time-reports/${b}/attestation`, { decision: 'adjust', durationMinutes: 110 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields.reason).toBeDefined();
    const sneaky = await coordinator.api.post(`/time-reports/${b}/attestation`, { decision: 'confirm', durationMinutes: 110 });
    expect(sneaky.status).toBe(400);
    const adjusted = await coordinator.api.post(`/time-reports/${b}/attestation`, { decision: 'adjust', durationMinutes: 110, reason: 'Mötet slutade 11.50.' });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body).toMatchObject({ state: 'attested', reported: { durationMinutes: 200 }, attestation: { decision: 'adjusted', attested: { durationMinutes: 110 } } });

    expect((await coordinator.api.post(`/time-reports/${c}/attestation`, { decision: 'reject', reason: '' })).status).toBe(400);
    const rejected = await coordinator.api.post(`/time-reports/${c}/attestation`, { decision: 'reject', reason: 'Mötet ställdes in.' });
    expect(rejected.status).toBe(200);

    // The person sees the decisions and the reasons.
    const mine = (await rep.api.get('/time-reports')).body as any[];
    expect(mine.find((r) => r.id === b).attestation).toMatchObject({ decision: 'adjusted', reason: 'Mötet slutade 11.50.' });
    expect(mine.find((r) => r.id === c)).toMatchObject({ state: 'rejected', attestation: { decision: 'rejected', reason: 'Mötet ställdes in.', attested: null } });

    // An attested line is frozen for the person; a rejected one can be corrected and sent again.
    expect((await rep.api.patch(`/time-reports/${a}`, { durationMinutes: 400 })).status).toBe(409);
    expect((await rep.api.delete(`/time-reports/${a}`)).status).toBe(409);
    const corrected = await rep.api.patch(`/time-reports/${c}`, { participation: 'phone', description: 'Mötet hölls per telefon i stället.' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.state).toBe('draft');
    expect((await rep.api.post(`/time-reports/${c}/submit`)).body).toMatchObject({ state: 'submitted', attestation: { decision: null, reason: null } });
    expect((await coordinator.api.post(`/time-reports/${c}/attestation`, { decision: 'confirm' })).status).toBe(200);
  });

  it('reminds the person of a report not sent in before its claim deadline passes, once', async () => {
    const draft = await post(rep, meeting({ activityDate: addDays(addMonths(today, -3), 5), meetingRef: 'Glömt möte' }));
    expect(draft.status).toBe(201);
    const id = draft.body.id as string;
    const schedule = h.client.schedule.getHandle(payoutScheduleId(h.config.temporal.taskQueue));
    await schedule.trigger();
    const reminder = await eventually(async () => {
      const r = await rep.api.get('/time-reports/reminders');
      return (r.body as any[]).find((x) => x.timeReportId === id);
    }, 60_000);
    expect(reminder).toMatchObject({ claimDeadline: draft.body.claimDeadline, remindedOn: today });
    expect(reminder.message).toMatch(/Skicka in den senast/);
    // The reminder is recorded first and mailed by the next activity of the same tick.
    const mail = await eventually(async () => {
      const rows = await h.dataSource.query(`SELECT template, to_address, subject FROM outbox WHERE idempotency_key = $1`, [`claim-deadline:${id}:${draft.body.claimDeadline}`]);
      return rows.length > 0 ? rows : undefined;
    }, 30_000);
    expect(mail).toEqual([{ template: 'report-reminder', to_address: rep.user.email, subject: expect.stringMatching(/^Påminnelse: rapportera tid och kostnader/) }]);

    // A second tick the same day reminds nobody twice.
    const before = await h.dataSource.query(`SELECT count(*) AS n FROM claim_reminder WHERE time_report_id = $1`, [id]);
    const tick = await h.client.workflow.start('payoutScheduleWorkflow', { taskQueue: h.config.temporal.taskQueue, workflowId: `tick-${randomUUID()}`, args: [{}] });
    expect(await tick.result()).toMatchObject({ reminders: 0 });
    expect(await h.dataSource.query(`SELECT count(*) AS n FROM claim_reminder WHERE time_report_id = $1`, [id])).toEqual(before);
    expect(before).toEqual([{ n: '1' }]);
  });
});
