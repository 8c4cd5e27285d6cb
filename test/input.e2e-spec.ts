import { randomUUID } from 'node:crypto';
import { stockholmDate } from '../src/common/stockholm-time';
import { evaluationAsked } from '../src/input/input-rules';
import { eventually, Harness, startHarness, TestUser } from './support/harness';
import { appointed, auditActions, createGroup, createOrganisation, onboard, Organisation, startRound, TestGroup } from './support/lifecycle';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * How your input was used (issue 19 #1), on the real API, database, outbox and recruitment workflow: the coordinator
 * records per meeting what the representatives raised and what became of it; the representative sees the outcome on
 * their assignment's page and in a mail; the organisation that nominated them with mandate sees it too; the yearly
 * evaluation "Kom din kunskap till användning?" is answered once per assignment and year and aggregated without names.
 */
describe('how your input was used', () => {
  let h: Harness;
  let group: TestGroup;
  let otherGroup: TestGroup;
  let org: Organisation;
  let otherOrg: Organisation;
  let mandated: { assignmentId: string; rep: TestUser; nomination: any };
  let ownExperience: { assignmentId: string; rep: TestUser; nomination: any };
  let third: { assignmentId: string; rep: TestUser; nomination: any };
  let meetingId: string;
  const year = Number(stockholmDate(new Date()).slice(0, 4));

  const outcomeMails = (itemId: string): Promise<Array<{ to_address: string; subject: string; body: string; idempotency_key: string }>> =>
    h.dataSource.query(`SELECT to_address, subject, body, idempotency_key FROM outbox WHERE template = 'input-outcome' AND idempotency_key LIKE $1 ORDER BY idempotency_key`, [
      `input-outcome:${itemId}:%`,
    ]);
  const emailOf = async (rep: TestUser): Promise<string> =>
    (await h.dataSource.query(`SELECT email FROM user_account WHERE id = $1`, [rep.user.id]))[0].email;

  beforeAll(async () => {
    h = await startHarness();
    group = await createGroup(h);
    otherGroup = await createGroup(h);
    org = await createOrganisation(h);
    otherOrg = await createOrganisation(h);
    const requests = await startRound(group, [org, otherOrg]);
    mandated = await appointed(h, group, org, requests[org.id], 'mandate');
    ownExperience = await appointed(h, group, org, requests[org.id], 'own-experience');
    third = await appointed(h, group, otherOrg, requests[otherOrg.id], 'both');
    for (const a of [mandated, ownExperience, third]) expect((await a.rep.api.post(`/assignments/${a.assignmentId}/accept`)).status).toBe(200);
    const meeting = await group.coordinator.api.post(`/working-groups/${group.id}/activities`, {
      title: 'Arbetsmöte 3',
      kind: 'meeting',
      date: `${year}-03-12`,
      durationMinutes: 180,
      mode: 'video',
      calledAssignmentIds: [mandated.assignmentId, ownExperience.assignmentId],
    });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a representative sees the recorded outcome of their input on their page and in a mail', async () => {
    const record = (body: Record<string, unknown>) => group.coordinator.api.post(`/activities/${meetingId}/input-items`, body);
    const raised = 'Patienter behöver skriftlig information om <b>läkemedel</b> efter utskrivning.';
    // Not taken in needs a reason: refused in Swedish, nothing stored, nothing mailed.
    const noReason = await record({ raised, raisedByAssignmentId: mandated.assignmentId, outcome: 'not-taken-in' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields.reason).toEqual(['Ange varför inspelet inte togs in.']);
    expect(await h.dataSource.query(`SELECT 1 FROM input_item`)).toHaveLength(0);

    const id = randomUUID();
    const body = { id, raised, raisedByAssignmentId: mandated.assignmentId, outcome: 'not-taken-in', reason: 'Det finns ännu inget underlag om det i studierna.', guidelineSection: '3.2 Uppföljning' };
    const created = await record(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, activityTitle: 'Arbetsmöte 3', activityDate: `${year}-03-12`, raised, outcome: 'not-taken-in', raisedByName: mandated.nomination.nominee.fullName });

    // On the representative's assignment page: the outcome, the reason and the section, the text as it was written.
    const page = await mandated.rep.api.get(`/assignments/${mandated.assignmentId}/input-items`);
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([expect.objectContaining({ id, raised, outcome: 'not-taken-in', reason: body.reason, guidelineSection: '3.2 Uppföljning' })]);

    // In a mail to each representative called to the meeting (and the one who raised it), once.
    const mails = await outcomeMails(id);
    expect(mails.map((m) => m.to_address).sort()).toEqual([await emailOf(mandated.rep), await emailOf(ownExperience.rep)].sort());
    const mine = mails.find((m) => m.idempotency_key.endsWith(mandated.assignmentId));
    expect(mine?.subject).toContain('Så användes ert inspel');
    expect(mine?.body).toContain(`Inspel: ${raised}`);
    expect(mine?.body).toContain('Utfall: Togs inte in');
    expect(mine?.body).toContain(`Skäl: ${body.reason}`);
    expect(mine?.body).toContain(`/uppdrag/${mandated.assignmentId}`);

    // The same client id again: the same item, no second mail; another content under it: 409.
    expect((await record(body)).status).toBe(201);
    expect(await outcomeMails(id)).toHaveLength(2);
    expect((await record({ ...body, raised: 'Något annat' })).status).toBe(409);

    // A change of the outcome is a new outcome: mailed again; a change of nothing mails nothing.
    const changed = await group.coordinator.api.patch(`/input-items/${id}`, { outcome: 'changed-text', reason: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ outcome: 'changed-text', reason: null });
    expect((await group.coordinator.api.patch(`/input-items/${id}`, { outcome: 'changed-text' })).status).toBe(200);
    const after = await outcomeMails(id);
    expect(after).toHaveLength(4);
    expect(after.filter((m) => m.idempotency_key.includes(':r2:')).every((m) => m.body.includes('Utfall: Ändrade texten'))).toBe(true);
    expect(await auditActions(h, 'input_item', id)).toEqual(['input-item.recorded', 'input-item.changed']);

    // The database holds the rule too: not taken in without a reason is refused.
    await expect(h.dataSource.query(`UPDATE input_item SET outcome = 'not-taken-in', reason = NULL WHERE id = $1`, [id])).rejects.toThrow(/input_item_reason_required/);
  });

  it('is recorded only by the group’s coordinators, and seen by its representatives and the organisation that gave a mandate', async () => {
    const item = await group.coordinator.api.post(`/activities/${meetingId}/input-items`, { raised: 'Tillgänglighet för personer med hörselnedsättning.' });
    expect(item.status).toBe(201);
    expect(item.body.outcome).toBeNull();
    const stranger = otherGroup.coordinator;
    expect((await stranger.api.post(`/activities/${meetingId}/input-items`, { raised: 'x' })).status).toBe(404);
    expect((await stranger.api.patch(`/input-items/${item.body.id}`, { outcome: 'taken-in' })).status).toBe(404);
    expect((await stranger.api.get(`/working-groups/${group.id}/input-items?year=${year}`)).status).toBe(404);
    // A representative (called to the meeting) records nothing: the same 404 as for anything they may not see.
    expect((await mandated.rep.api.post(`/activities/${meetingId}/input-items`, { raised: 'x' })).status).toBe(404);
    expect((await mandated.rep.api.patch(`/input-items/${item.body.id}`, { outcome: 'taken-in' })).status).toBe(404);
    // A raiser from another group is refused.
    const foreign = await group.coordinator.api.post(`/activities/${meetingId}/input-items`, { raised: 'x', raisedByAssignmentId: randomUUID() });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields.raisedByAssignmentId).toEqual(['Välj en av gruppens företrädare.']);

    // Every representative of the group sees the group's items, also one not called to the meeting.
    const thirdPage = await third.rep.api.get(`/assignments/${third.assignmentId}/input-items`);
    expect(thirdPage.status).toBe(200);
    expect(thirdPage.body.items.length).toBe(2);
    // Nobody sees another's assignment page.
    expect((await third.rep.api.get(`/assignments/${mandated.assignmentId}/input-items`)).status).toBe(404);
    // The organisation: for the representatives it nominated with mandate (or both), not for own experience only.
    expect((await org.contact.api.get(`/assignments/${mandated.assignmentId}/input-items`)).body.items.length).toBe(2);
    expect((await otherOrg.contact.api.get(`/assignments/${third.assignmentId}/input-items`)).status).toBe(200);
    expect((await org.contact.api.get(`/assignments/${third.assignmentId}/input-items`)).status).toBe(404);
    const notMandated = await org.contact.api.get(`/assignments/${ownExperience.assignmentId}/input-items`);
    expect(notMandated.status).toBe(404);
    expect((await otherOrg.contact.api.get(`/assignments/${mandated.assignmentId}/input-items`)).status).toBe(404);
    // The organisation does not see the representative's evaluation.
    expect((await org.contact.api.get(`/assignments/${mandated.assignmentId}/input-items`)).body.evaluation).toBeNull();

    // The coordinators' list for the year (what the yearly report reads).
    const ofYear = await group.coordinator.api.get(`/working-groups/${group.id}/input-items?year=${year}`);
    expect(ofYear.status).toBe(200);
    expect(ofYear.body).toHaveLength(2);
    expect((await group.coordinator.api.get(`/working-groups/${group.id}/input-items?year=${year - 1}`)).body).toEqual([]);
    expect((await group.coordinator.api.get(`/working-groups/${group.id}/input-items?year=20x6`)).status).toBe(400);
  });

  it('asks each representative once a year whether their knowledge was used, and shows coordinators the aggregate without names', async () => {
    const answer = (a: { assignmentId: string; rep: TestUser }, body: Record<string, unknown>, y = year) => a.rep.api.put(`/assignments/${a.assignmentId}/evaluations/${y}`, body);
    const tasks = async (rep: TestUser) => ((await rep.api.get('/me/tasks')).body as any[]).filter((t) => t.kind === 'input.evaluate');
    // From 1 November the question waits in "Att göra nu" until it is answered — for an assignment that has begun:
    // one accepted but not yet signed and introduced is not asked.
    expect(await tasks(mandated.rep)).toHaveLength(0);
    await onboard(h, group, mandated.assignmentId, mandated.rep, true);
    await eventually(async () => ((await mandated.rep.api.get(`/assignments/${mandated.assignmentId}`)).body.assignment.state === 'active' ? true : undefined));
    expect(await tasks(mandated.rep)).toHaveLength(evaluationAsked(stockholmDate(new Date())) ? 1 : 0);

    expect((await answer(mandated, { score: 6 })).status).toBe(400);
    expect((await answer(mandated, { score: 4, comment: 'x'.repeat(2001) })).status).toBe(400);
    const closed = await answer(mandated, { score: 4 }, year - 2);
    expect([closed.status, closed.body.message]).toEqual([409, `Utvärderingen för ${year - 2} kan inte besvaras nu.`]);
    expect((await ownExperience.rep.api.put(`/assignments/${mandated.assignmentId}/evaluations/${year}`, { score: 1 })).status).toBe(404);
    const first = await answer(mandated, { score: 2, comment: 'Vi fick sällan veta vad som hände sedan.' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ question: 'Kom din kunskap till användning?', year, open: true, answer: { score: 2 } });
    expect(await tasks(mandated.rep)).toHaveLength(0);
    // A second answer replaces the first: one per assignment and year, also in the database.
    expect((await answer(mandated, { score: 4, comment: 'Vi fick veta vad som hände sedan.' })).body.answer.score).toBe(4);
    expect(await h.dataSource.query(`SELECT score FROM input_evaluation WHERE assignment_id = $1`, [mandated.assignmentId])).toEqual([{ score: 4 }]);
    await expect(
      h.dataSource.query(`INSERT INTO input_evaluation (id, assignment_id, group_id, year, score) VALUES ($1, $2, $3, $4, 3)`, [randomUUID(), mandated.assignmentId, group.id, year]),
    ).rejects.toThrow(/input_evaluation_once/);

    const aggregate = () => group.coordinator.api.get(`/working-groups/${group.id}/evaluations/${year}`);
    expect((await answer(ownExperience, { score: 5 })).status).toBe(200);
    const two = await aggregate();
    expect(two.status).toBe(200);
    expect(two.body).toMatchObject({ count: 2, shown: false, mean: null, distribution: [], comments: [] });
    expect(two.body.hiddenReason).toContain('minst 3');

    expect((await answer(third, { score: 3, comment: 'Bra möten.' })).status).toBe(200);
    const three = (await aggregate()).body;
    expect(three).toMatchObject({ count: 3, shown: true, mean: 4, comments: ['Bra möten.', 'Vi fick veta vad som hände sedan.'] });
    expect(three.distribution).toEqual([1, 2, 3, 4, 5].map((score) => ({ score, count: score >= 3 ? 1 : 0 })));
    expect(JSON.stringify(three)).not.toContain(mandated.nomination.nominee.fullName);
    expect((await mandated.rep.api.get(`/working-groups/${group.id}/evaluations/${year}`)).status).toBe(404);
    expect((await otherGroup.coordinator.api.get(`/working-groups/${group.id}/evaluations/${year}`)).status).toBe(404);
  });
});
