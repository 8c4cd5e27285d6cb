import { addDays, stockholmDate } from '../src/common/stockholm-time';
import { Harness, startHarness, TestUser } from './support/harness';
import { appointed, auditActions, createGroup, createOrganisation, startRound, TestGroup } from './support/lifecycle';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Material on time (issue 19 #3), on the real API and database: the coordinator records a meeting's date and when
 * its material was sent; under the group's notice policy (default 14 days, bounded, editable by the coordinator)
 * material sent later, or not sent once its due day has passed, is flagged on the group's material API, as a task in
 * GET /me/tasks and in the list the yearly report reads.
 */
describe('material on time', () => {
  let h: Harness;
  let group: TestGroup;
  let otherGroup: TestGroup;
  let rep: TestUser;
  const today = stockholmDate(new Date());
  const yearOf = (d: string) => Number(d.slice(0, 4));
  const meeting = async (title: string, date: string, materialSentOn?: string) => {
    const res = await group.coordinator.api.post(`/working-groups/${group.id}/activities`, {
      title,
      kind: 'meeting',
      date,
      durationMinutes: 120,
      mode: 'video',
      ...(materialSentOn ? { materialSentOn } : {}),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const material = (date: string, user: TestUser = group.coordinator, late = false) =>
    user.api.get(`/working-groups/${group.id}/material${late ? '/late' : ''}?year=${yearOf(date)}`);
  const find = (body: any, id: string) => body.meetings.find((m: any) => m.activityId === id);

  beforeAll(async () => {
    h = await startHarness();
    group = await createGroup(h);
    otherGroup = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    rep = (await appointed(h, group, org, requests[org.id])).rep;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('material sent 10 days before a meeting is flagged under a 14-day policy', async () => {
    const date = addDays(today, 20);
    const id = await meeting('Arbetsmöte om uppföljning', date, addDays(date, -10));
    const res = await material(date);
    expect(res.status).toBe(200);
    expect(res.body.noticeDays).toBe(14);
    expect(find(res.body, id)).toEqual({
      activityId: id,
      title: 'Arbetsmöte om uppföljning',
      date,
      materialSentOn: addDays(date, -10),
      dueBy: addDays(date, -14),
      daysBefore: 10,
      status: 'late',
      flagged: true,
    });
    // In the coordinator's tasks, and in what the yearly report reads.
    const tasks = (await group.coordinator.api.get('/me/tasks')).body as any[];
    expect(tasks).toContainEqual(
      expect.objectContaining({ kind: 'material.sent-late', subject: { type: 'group', id: group.id }, title: expect.stringContaining('10 dagar före mötet, policyn är 14 dagar') }),
    );
    expect((await material(date, group.coordinator, true)).body.meetings.map((m: any) => m.activityId)).toContain(id);

    // Sent on the due day is on time; under a 10-day policy 10 days is on time too.
    const onTime = await meeting('Arbetsmöte i tid', date, addDays(date, -14));
    expect(find((await material(date)).body, onTime)).toMatchObject({ status: 'on-time', flagged: false });
    const changed = await group.coordinator.api.put(`/working-groups/${group.id}/material-policy`, { noticeDays: 10 });
    expect(changed.body).toEqual({ groupId: group.id, noticeDays: 10 });
    expect(find((await material(date)).body, id)).toMatchObject({ status: 'on-time', flagged: false, dueBy: addDays(date, -10) });
    expect(await auditActions(h, 'working_group', group.id)).toContain('material-policy.changed');
    expect((await group.coordinator.api.put(`/working-groups/${group.id}/material-policy`, { noticeDays: 14 })).status).toBe(200);
  });

  it('flags material not sent once its due day has passed, as an urgent task, and not before', async () => {
    const soon = addDays(today, 5);
    const later = addDays(today, 40);
    const overdue = await meeting('Möte utan underlag', soon);
    const notYet = await meeting('Möte längre fram', later);
    expect(find((await material(soon)).body, overdue)).toMatchObject({ status: 'not-sent-overdue', flagged: true, materialSentOn: null, daysBefore: null });
    expect(find((await material(later)).body, notYet)).toMatchObject({ status: 'not-due-yet', flagged: false });
    const task = ((await group.coordinator.api.get('/me/tasks')).body as any[]).find((t) => t.kind === 'material.send-overdue' && t.title.includes('Möte utan underlag'));
    expect(task).toMatchObject({ urgent: true, groupId: group.id });

    // Recording the send date (PATCH /activities/{id}) turns it into material sent late, no longer to be sent.
    expect((await group.coordinator.api.patch(`/activities/${overdue}`, { materialSentOn: today })).status).toBe(200);
    expect(find((await material(soon)).body, overdue)).toMatchObject({ status: 'late', daysBefore: 5 });
    const after = ((await group.coordinator.api.get('/me/tasks')).body as any[]).filter((t) => t.title.includes('Möte utan underlag'));
    expect(after.map((t) => t.kind)).toEqual(['material.sent-late']);
  });

  it('keeps the policy within 1–60 days and to the group’s coordinators', async () => {
    for (const noticeDays of [0, 61, 14.5, '14']) {
      const res = await group.coordinator.api.put(`/working-groups/${group.id}/material-policy`, { noticeDays });
      expect(res.status).toBe(400);
      expect(res.body.fields.noticeDays).toBeDefined();
    }
    await expect(h.dataSource.query(`UPDATE working_group SET material_notice_days = 0 WHERE id = $1`, [group.id])).rejects.toThrow(/working_group_material_notice_bounds/);
    expect((await group.coordinator.api.get(`/working-groups/${group.id}/material-policy`)).body.noticeDays).toBe(14);
    expect((await otherGroup.coordinator.api.put(`/working-groups/${group.id}/material-policy`, { noticeDays: 7 })).status).toBe(404);
    expect((await otherGroup.coordinator.api.get(`/working-groups/${group.id}/material?year=${yearOf(today)}`)).status).toBe(404);
    expect((await rep.api.get(`/working-groups/${group.id}/material?year=${yearOf(today)}`)).status).toBe(404);
    expect(((await otherGroup.coordinator.api.get('/me/tasks')).body as any[]).filter((t) => t.kind.startsWith('material.'))).toEqual([]);
    expect((await group.coordinator.api.get(`/working-groups/${group.id}/material?year=abc`)).status).toBe(400);
  });
});
