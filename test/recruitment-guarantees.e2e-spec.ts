import { randomUUID } from 'node:crypto';
import { eventually, Harness, startHarness } from './support/harness';
import {
  appoint,
  appointed,
  createGroup,
  createOrganisation,
  nominate,
  Organisation,
  recruitmentStatus,
  signDocument,
  startRound,
  TERMS,
  TestGroup,
} from './support/lifecycle';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies */

/**
 * One person, one place per group (issue 13 #1), and a step sent to the recruitment workflow is never undone
 * because it got no answer (issue 14 #4). Through HTTP on the real API, worker, Temporal and PostgreSQL.
 */
describe('recruitment guarantees', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const nominee = (email: string, over: Record<string, unknown> = {}) => ({
    fullName: 'Anna Andersson',
    email,
    perspective: 'patient',
    representation: 'mandate',
    ...over,
  });
  const count = async (sql: string, params: unknown[]): Promise<number> => (await h.dataSource.query(sql, params))[0].n;
  const people = (email: string) => count(`SELECT count(*)::int AS n FROM person WHERE lower(email) = lower($1)`, [email]);
  const nominationRows = (groupId: string, email: string) =>
    h.dataSource.query(
      `SELECT n.id, n.state, n.request_id FROM nomination n JOIN person p ON p.id = n.person_id
        WHERE n.group_id = $1 AND lower(p.email) = lower($2) ORDER BY n.created_at`,
      [groupId, email],
    ) as Promise<Array<{ id: string; state: string; request_id: string | null }>>;

  async function groupWithRequests(orgCount: number): Promise<{ group: TestGroup; orgs: Organisation[]; requests: Record<string, string> }> {
    const group = await createGroup(h);
    const orgs: Organisation[] = [];
    for (let i = 0; i < orgCount; i++) orgs.push(await createOrganisation(h));
    const requests = await startRound(group, orgs, true);
    return { group, orgs, requests };
  }

  describe('one person, one open nomination and one live assignment per group (13 #1)', () => {
    it('four simultaneous nominations of one address in different letter case: one 201, three 409, one person', async () => {
      const { group, orgs, requests } = await groupWithRequests(1);
      const tag = randomUUID().slice(0, 8);
      const spellings = [`anna.${tag}@example.se`, `Anna.${tag}@Example.se`, `ANNA.${tag}@EXAMPLE.SE`, `anna.${tag}@EXAMPLE.se`];
      const answers = await Promise.all(spellings.map((email) => orgs[0].contact.api.post(`/nomination-requests/${requests[orgs[0].id]}/nominations`, nominee(email))));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.message).toBe('Personen är redan nominerad till gruppen.');
      expect(await people(spellings[0])).toBe(1);
      const rows = await nominationRows(group.id, spellings[0]);
      expect(rows).toHaveLength(1);
      const status = await recruitmentStatus(h, group.id);
      expect(status.pendingNominations.map((n) => n.id)).toEqual([rows[0].id]);
    });

    it('the same person in answer to two requests of the group is refused; so is direct recruitment of them', async () => {
      const { group, orgs, requests } = await groupWithRequests(2);
      const email = `bertil.${randomUUID().slice(0, 8)}@example.se`;
      const first = await orgs[0].contact.api.post(`/nomination-requests/${requests[orgs[0].id]}/nominations`, nominee(email));
      expect(first.status).toBe(201);
      const second = await orgs[1].contact.api.post(`/nomination-requests/${requests[orgs[1].id]}/nominations`, nominee(email.toUpperCase()));
      expect(second.status).toBe(409);
      expect(second.body.message).toBe('Personen är redan nominerad till gruppen.');
      const direct = await group.coordinator.api.post(`/working-groups/${group.id}/nominations`, nominee(email, { representation: 'own-experience' }));
      expect(direct.status).toBe(409);
      expect(await nominationRows(group.id, email)).toHaveLength(1);
      expect((await recruitmentStatus(h, group.id)).pendingNominations).toHaveLength(1);
    });

    it('a person with a live assignment in the group cannot be nominated, recruited directly or appointed again', async () => {
      const { group, orgs, requests } = await groupWithRequests(2);
      const first = await nominate(orgs[0], requests[orgs[0].id]);
      await appoint(group, first.id);
      const email: string = first.nominee.email;
      const again = await orgs[1].contact.api.post(`/nomination-requests/${requests[orgs[1].id]}/nominations`, nominee(email.toUpperCase()));
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('Personen har redan ett uppdrag i gruppen.');
      const direct = await group.coordinator.api.post(`/working-groups/${group.id}/nominations`, nominee(email, { representation: 'own-experience' }));
      expect(direct.status).toBe(409);
      expect(direct.body.message).toBe('Personen har redan ett uppdrag i gruppen.');
      const reappoint = await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${first.id}/appoint`, TERMS);
      expect(reappoint.status).toBe(409);
      const live = await count(`SELECT count(*)::int AS n FROM assignment WHERE group_id = $1 AND person_id = $2`, [group.id, first.nominee.personId]);
      expect(live).toBe(1);
      expect((await recruitmentStatus(h, group.id)).assignments).toHaveLength(1);
      // The group's recruitment audit log (GET …/recruitment/audit) shows the one appointment, not the refused one.
      const audit = await group.coordinator.api.get(`/working-groups/${group.id}/recruitment/audit`);
      expect(audit.status).toBe(200);
      expect((audit.body as Array<{ action: string }>).filter((e) => e.action === 'recruitment.nominee-appointed')).toHaveLength(1);
    });

    it('an invitation of a representative at a nominee\'s address (any letter case) is the same person, not a second one', async () => {
      const { orgs, requests } = await groupWithRequests(1);
      const email = `gun.${randomUUID().slice(0, 8)}@example.se`;
      const nominated = await orgs[0].contact.api.post(`/nomination-requests/${requests[orgs[0].id]}/nominations`, nominee(email));
      expect(nominated.status).toBe(201);
      const admin = await h.asAdmin();
      const invited = await admin.post('/auth/invitations', { email: email.toUpperCase(), displayName: 'Gun Gustavsson', roles: ['representative'] });
      expect(invited.status).toBe(201);
      expect(invited.body.user.personId).toBe(nominated.body.nominee.personId);
      expect(await people(email)).toBe(1);
    });

    it('the database itself refuses a second open nomination, a second live assignment and a second person per address', async () => {
      const { group } = await groupWithRequests(0);
      const tag = randomUUID().slice(0, 8);
      const [p] = await h.dataSource.query(`INSERT INTO person (id, full_name, email) VALUES ($1, 'Cilla', $2) RETURNING id`, [randomUUID(), `cilla.${tag}@example.se`]);
      await expect(
        h.dataSource.query(`INSERT INTO person (id, full_name, email) VALUES ($1, 'Cilla', $2)`, [randomUUID(), `CILLA.${tag}@example.se`]),
      ).rejects.toMatchObject({ constraint: 'person_email_once' });
      const nominationSql = `INSERT INTO nomination (id, group_id, person_id, representation, state, nominated_by) VALUES ($1, $2, $3, 'own-experience', $4, $5)`;
      await h.dataSource.query(nominationSql, [randomUUID(), group.id, p.id, 'proposed', group.coordinator.user.id]);
      await expect(h.dataSource.query(nominationSql, [randomUUID(), group.id, p.id, 'submitted', group.coordinator.user.id])).rejects.toMatchObject({
        constraint: 'nomination_open_once',
      });
      const assignmentSql = `INSERT INTO assignment (id, group_id, person_id, representation, state) VALUES ($1, $2, $3, 'own-experience', $4)`;
      await h.dataSource.query(assignmentSql, [randomUUID(), group.id, p.id, 'ended']);
      await h.dataSource.query(assignmentSql, [randomUUID(), group.id, p.id, 'accepted']);
      await expect(h.dataSource.query(assignmentSql, [randomUUID(), group.id, p.id, 'nominated'])).rejects.toMatchObject({ constraint: 'assignment_live_once' });
      await h.dataSource.query(`UPDATE nomination SET state = 'appointed' WHERE group_id = $1 AND person_id = $2`, [group.id, p.id]);
      await expect(h.dataSource.query(nominationSql, [randomUUID(), group.id, p.id, 'proposed', group.coordinator.user.id])).rejects.toMatchObject({
        constraint: 'nomination_person_has_assignment',
      });
    });
  });

  describe('a nomination that got no answer is kept, and the retry is the same nomination (14 #4)', () => {
    it('worker down: 503 with Retry-After, rows kept; worker back: the retry answers with the one nomination, which can be appointed', async () => {
      const { group, orgs, requests } = await groupWithRequests(1);
      const path = `/nomination-requests/${requests[orgs[0].id]}/nominations`;
      const email = `dora.${randomUUID().slice(0, 8)}@example.se`;
      await h.stopWorker();
      let restarted = false;
      try {
        const unanswered = await orgs[0].contact.api.post(path, nominee(email));
        expect(unanswered.status).toBe(503);
        expect(unanswered.headers.get('retry-after')).toBeTruthy();
        // Kept: the workflow may still take it (today it did, while the rows were gone).
        expect(await people(email)).toBe(1);
        expect((await nominationRows(group.id, email)).map((r) => r.state)).toEqual(['submitted']);
        await h.startWorker();
        restarted = true;
      } finally {
        if (!restarted) await h.startWorker();
      }
      const retry = await orgs[0].contact.api.post(path, nominee(email.toUpperCase()));
      expect(retry.status).toBe(201);
      const rows = await nominationRows(group.id, email);
      expect(rows).toHaveLength(1);
      expect(retry.body.id).toBe(rows[0].id);
      await eventually(async () => (await nominationRows(group.id, email))[0]?.state === 'proposed');
      const status = await recruitmentStatus(h, group.id);
      expect(status.pendingNominations.map((n) => n.id)).toEqual([rows[0].id]);
      // The coordinator sees it once and can appoint it.
      const listed = (await group.coordinator.api.get(`/working-groups/${group.id}/nominations`)).body as any[];
      expect(listed.filter((n) => n.nominee.email === email.toLowerCase()).map((n) => n.id)).toEqual([rows[0].id]);
      const assignmentId = await appoint(group, rows[0].id);
      expect(assignmentId).toBeTruthy();
      // A further repeat of the answered nomination is a second nomination of the person: refused.
      expect((await orgs[0].contact.api.post(path, nominee(email))).status).toBe(409);
    });

    it('a declaration sent while the worker is down is kept (503); sent again, it is one declaration', async () => {
      const group = await createGroup(h);
      const org = await createOrganisation(h);
      const requests = await startRound(group, [org]);
      const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
      const a = `/assignments/${assignmentId}`;
      expect((await rep.api.post(`${a}/accept`)).status).toBe(200);
      expect((await rep.api.put(`${a}/personal-details`, { personalNumber: '19850709-9805', clearingNumber: '5000', accountNumber: '1234560' })).status).toBe(200);
      const view = await eventually(async () => {
        const v = (await rep.api.get(a)).body;
        return v.assignment.state === 'agreement-drafted' ? v : undefined;
      });
      await signDocument(rep.api, view.agreement.documentId, 'representative');
      expect((await rep.api.post(`${a}/agreement/sign`)).status).toBe(200);
      await signDocument(group.coordinator.api, view.agreement.documentId, 'countersigner');
      expect((await group.coordinator.api.post(`${a}/agreement/countersign`)).status).toBe(200);
      const declarations = () => h.dataSource.query(`SELECT id, state FROM declaration WHERE assignment_id = $1`, [assignmentId]) as Promise<any[]>;

      await h.stopWorker();
      let restarted = false;
      try {
        const unanswered = await rep.api.post(`${a}/declaration`, { hasInterests: true, interests: 'Styrelseledamot i Hjärtförbundet.' });
        expect(unanswered.status).toBe(503);
        expect((await declarations()).map((d) => d.state)).toEqual(['stored']);
        await h.startWorker();
        restarted = true;
      } finally {
        if (!restarted) await h.startWorker();
      }
      const again = await rep.api.post(`${a}/declaration`, { hasInterests: true, interests: 'Styrelseledamot i Hjärtförbundet.' });
      expect(again.status).toBe(200);
      expect(again.body.state).toBe('declaration-submitted');
      await eventually(async () => (await declarations()).every((d) => d.state === 'submitted'));
      expect(await declarations()).toHaveLength(1);
      const submitted = await h.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE subject_type = 'assignment' AND subject_id = $1 AND action = 'assignment.declaration-submitted'`,
        [assignmentId],
      );
      expect(submitted[0].n).toBe(1);
    });

    it('the same client id twice (also at the same moment) is one nomination', async () => {
      const { group, orgs, requests } = await groupWithRequests(1);
      const path = `/nomination-requests/${requests[orgs[0].id]}/nominations`;
      const id = randomUUID();
      const email = `erik.${randomUUID().slice(0, 8)}@example.se`;
      const both = await Promise.all([orgs[0].contact.api.post(path, nominee(email, { id })), orgs[0].contact.api.post(path, nominee(email, { id }))]);
      expect(both.map((a) => [a.status, a.body.id])).toEqual([
        [201, id],
        [201, id],
      ]);
      const later = await orgs[0].contact.api.post(path, nominee(email, { id }));
      expect([later.status, later.body.id]).toEqual([201, id]);
      expect(await nominationRows(group.id, email)).toHaveLength(1);
      expect((await recruitmentStatus(h, group.id)).pendingNominations.map((n) => n.id)).toEqual([id]);
    });

    it('a refusal by the workflow still removes what was stored', async () => {
      const group = await createGroup(h, { recruitment: { nominationWithin: '4 seconds', nominationReminderBefore: '1 second' } });
      const org = await createOrganisation(h);
      const requests = await startRound(group, [org]);
      await nominate(org, requests[org.id]);
      // The round closes; the request stays `nominated`, so only the workflow knows the time is up.
      await eventually(async () => !(await recruitmentStatus(h, group.id)).roundOpen, 20_000);
      const email = `frida.${randomUUID().slice(0, 8)}@example.se`;
      const refused = await org.contact.api.post(`/nomination-requests/${requests[org.id]}/nominations`, nominee(email));
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe('Nomineringstiden har gått ut.');
      expect(await nominationRows(group.id, email)).toHaveLength(0);
      expect(await people(email)).toBe(0);
    });
  });
});
