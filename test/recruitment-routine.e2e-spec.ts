import { randomUUID } from 'node:crypto';
import { eventually, Harness, startHarness } from './support/harness';
import { assignmentWorkflowId } from '../workflows/ids';
import {
  appoint,
  assignmentStatus,
  createGroup,
  createOrganisation,
  groupState,
  invitationTokenFor,
  mailsFor,
  nominate,
  recruitmentStatus,
  startRound,
} from './support/lifecycle';
import { addDays, stockholmDate, stockholmMidnight } from '../src/common/stockholm-time';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies */

/**
 * Recruitment as "Rutin för patientmedverkan" describes it (issue 16 #1–#3), through HTTP on the real API, worker,
 * Temporal and PostgreSQL.
 */
describe('recruitment as the routine describes it (issue 16)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const tag = () => randomUUID().slice(0, 8);

  describe('several nominations per request, up to what it asks for, with outcomes and reasons (16 #1)', () => {
    const person = (name: string) => ({ fullName: name, email: `${name.toLowerCase().replace(/[^a-z]/g, '.')}.${tag()}@example.se`, perspective: 'patient', representation: 'mandate' });
    const roundWith = async (group: Awaited<ReturnType<typeof createGroup>>, org: Awaited<ReturnType<typeof createOrganisation>>, body: Record<string, unknown>) => {
      const res = await group.coordinator.api.post(`/working-groups/${group.id}/recruitment/rounds`, { organisationIds: [org.id], ...body });
      expect(res.status).toBe(201);
      return res.body.requests[0].id as string;
    };

    it('an organisation nominates up to the wanted count, sees whom the coordinator appointed or declined and why, and the declined nominee is told', async () => {
      const group = await createGroup(h);
      const org = await createOrganisation(h);
      const requestId = await roundWith(group, org, { wanted: 2, message: 'Vi söker gärna någon med erfarenhet som närstående.' });
      const path = `/nomination-requests/${requestId}/nominations`;

      const request = await org.contact.api.get(`/nomination-requests/${requestId}`);
      expect(request.body).toMatchObject({ wanted: 2, message: 'Vi söker gärna någon med erfarenhet som närstående.' });
      const asked = await eventually(async () => {
        const rows: Array<{ body: string }> = await h.dataSource.query(`SELECT body FROM outbox WHERE template = 'nomination-request' AND group_id = $1`, [group.id]);
        return rows[0];
      });
      expect(asked.body).toContain('upp till 2 personer');
      expect(asked.body).toContain('Vi söker gärna någon med erfarenhet som närstående.');

      const first = await org.contact.api.post(path, person('Första Person'));
      const second = await org.contact.api.post(path, person('Andra Person'));
      expect([first.status, second.status]).toEqual([201, 201]);
      const third = await org.contact.api.post(path, person('Tredje Person'));
      expect(third.status).toBe(409);
      expect(third.body.message).toMatch(/^Förfrågan gäller 2 personer, och organisationen har redan nominerat 2\./);

      // The coordinator declines with a reason: required and length-limited.
      const rejectPath = `/working-groups/${group.id}/nominations/${second.body.id}/reject`;
      expect((await group.coordinator.api.post(rejectPath, {})).status).toBe(400);
      expect((await group.coordinator.api.post(rejectPath, { reason: '   ' })).status).toBe(400);
      expect((await group.coordinator.api.post(rejectPath, { reason: 'x'.repeat(1001) })).status).toBe(400);
      const reason = 'Gruppen har redan en företrädare med samma diagnos; vi söker någon med erfarenhet som närstående.';
      const rejected = await group.coordinator.api.post(rejectPath, { reason });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ state: 'rejected', declineReason: reason });
      await appoint(group, first.body.id);

      // The organisation sees each nomination's outcome, and may nominate someone else in the declined one's place.
      const outcomes = await org.contact.api.get(path);
      expect(outcomes.status).toBe(200);
      expect((outcomes.body as any[]).map((n) => [n.fullName, n.state, n.declineReason])).toEqual([
        ['Första Person', 'appointed', null],
        ['Andra Person', 'rejected', reason],
      ]);
      const other = await createOrganisation(h);
      expect([403, 404]).toContain((await other.contact.api.get(path)).status);
      const replacement = await org.contact.api.post(path, person('Ersättare Person'));
      expect(replacement.status).toBe(201);
      expect((await org.contact.api.post(path, person('Fjärde Person'))).status).toBe(409);
      const after = (await org.contact.api.get(path)).body as any[];
      expect(after.map((n) => n.state)).toEqual(['appointed', 'rejected', 'proposed']);

      // The declined nominee gets one mail in plain words with the reason; the organisation's mail says whom and why.
      const declinedMails = await eventually(async () => {
        const rows: Array<{ to_address: string; body: string; subject: string }> = await h.dataSource.query(
          `SELECT to_address, subject, body FROM outbox WHERE template = 'nomination-declined' AND group_id = $1`,
          [group.id],
        );
        return rows.length ? rows : undefined;
      });
      expect(declinedMails).toHaveLength(1);
      expect(declinedMails[0].to_address).toBe(second.body.nominee.email);
      expect(declinedMails[0].subject).toContain('Besked om din nominering');
      expect(declinedMails[0].body).toContain('Hej Andra Person!');
      expect(declinedMails[0].body).toContain('bestämt att inte ge dig uppdraget');
      expect(declinedMails[0].body).toContain(`Samordnarens skäl: ${reason}`);
      const orgMail = await eventually(async () => {
        const rows: Array<{ body: string }> = await h.dataSource.query(`SELECT body FROM outbox WHERE template = 'nominee-rejected' AND group_id = $1`, [group.id]);
        return rows[0];
      });
      expect(orgMail.body).toContain('valt att inte utse Andra Person');
      expect(orgMail.body).toContain(reason);
      expect(orgMail.body).toContain(`/nomineringar/${requestId}`);
      // The reason never enters workflow history: the workflow is told the nomination's id only.
      const payloads: string[] = [];
      const walk = (v: unknown): void => {
        if (v instanceof Uint8Array) payloads.push(Buffer.from(v).toString('utf8'));
        else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
      };
      walk(await h.client.workflow.getHandle(`recruitment:${group.id}`).fetchHistory());
      expect(payloads.join('\n')).toContain(second.body.id); // the id is there …
      expect(payloads.join('\n')).not.toContain('samma diagnos'); // … the reason and the message are not
      expect(payloads.join('\n')).not.toContain('erfarenhet som närstående');
    });

    it('simultaneous nominations never exceed the wanted count (API, workflow and database agree)', async () => {
      const group = await createGroup(h);
      const org = await createOrganisation(h);
      const requestId = await roundWith(group, org, { wanted: 2 });
      const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => org.contact.api.post(`/nomination-requests/${requestId}/nominations`, person(`Samtidig Person ${'abcde'[i - 1]}`))));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 409, 409, 409]);
      const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM nomination WHERE request_id = $1`, [requestId]);
      expect(n).toBe(2);
      const status = await recruitmentStatus(h, group.id);
      expect(status.pendingNominations).toHaveLength(2);
      // The database holds it on its own too: a third row in answer to the request is refused.
      const [p] = await h.dataSource.query(`SELECT person_id FROM nomination WHERE request_id = $1 LIMIT 1`, [requestId]);
      await expect(
        h.dataSource.query(
          `INSERT INTO nomination (id, group_id, request_id, organisation_id, person_id, representation, state, nominated_by)
           VALUES ($1, $2, $3, $4, $5, 'mandate', 'submitted', $6)`,
          [randomUUID(), group.id, requestId, org.id, p.person_id, org.contact.user.id],
        ),
      ).rejects.toMatchObject({ constraint: 'nomination_request_wanted' });
    });

    it('the coordinator chooses the reply deadline (bounded; the workflow waits until it) and the default is the group\'s minimum and 21 days', async () => {
      const group = await createGroup(h);
      const org = await createOrganisation(h);
      const today = stockholmDate(Date.now());
      const rounds = `/working-groups/${group.id}/recruitment/rounds`;
      for (const bad of [
        { replyBy: today },
        { replyBy: addDays(today, 121) },
        { replyBy: '2026-02-30' },
        { wanted: 0 },
        { wanted: 21 },
        { wanted: 1.5 },
        { message: 'x'.repeat(2001) },
        { message: '  ' },
      ]) {
        const res = await group.coordinator.api.post(rounds, { organisationIds: [org.id], ...bad });
        expect([res.status, bad]).toEqual([400, bad]);
      }
      const replyBy = addDays(today, 10);
      const requestId = await roundWith(group, org, { replyBy, wanted: 1 });
      const request = (await org.contact.api.get(`/nomination-requests/${requestId}`)).body;
      const deadline = stockholmMidnight(addDays(replyBy, 1)) - 60_000;
      expect(Date.parse(request.deadline)).toBe(deadline);
      expect(request.wanted).toBe(1);
      const status = await recruitmentStatus(h, group.id);
      expect(Date.parse(status.roundDeadline as string)).toBe(deadline);
      expect((await org.contact.api.post(`/nomination-requests/${requestId}/nominations`, person('Enda Person'))).status).toBe(201);
      const second = await org.contact.api.post(`/nomination-requests/${requestId}/nominations`, person('Andra Person'));
      expect(second.status).toBe(409);
      expect(second.body.message).toMatch(/^Förfrågan gäller en person/);

      // Without terms: the group's minimum (2) per organisation, the policy's reply time (the tests' is 1 hour).
      const plain = await createGroup(h);
      const before = Date.now();
      const plainRequest = await roundWith(plain, org, {});
      const shown = (await org.contact.api.get(`/nomination-requests/${plainRequest}`)).body;
      expect(shown.wanted).toBe(2);
      expect(shown.message).toBeNull();
      expect(Date.parse(shown.deadline)).toBeGreaterThanOrEqual(before + 3600_000 - 5_000);
      expect(Date.parse(shown.deadline)).toBeLessThanOrEqual(Date.now() + 3600_000 + 5_000);
    });
  });

  describe('direct recruitment keeps how a person represents and their perspective (16 #2)', () => {
    it('an existing person recruited directly as next of kin with an organisation\'s mandate and own experience keeps both', async () => {
      const first = await createGroup(h);
      const org = await createOrganisation(h);
      const requests = await startRound(first, [org]);
      const earlier = await nominate(org, requests[org.id]); // a patient in the first group
      const email: string = earlier.nominee.email;

      const group = await createGroup(h);
      const path = `/working-groups/${group.id}/nominations`;
      const person = { fullName: 'Samma Person', email: email.toUpperCase(), perspective: 'next-of-kin' };
      const noOrganisation = await group.coordinator.api.post(path, { ...person, representation: 'mandate' });
      expect(noOrganisation.status).toBe(400);
      expect(noOrganisation.body.fields.organisationId[0]).toMatch(/organisationen vars mandat/);
      const ownWithOrganisation = await group.coordinator.api.post(path, { ...person, representation: 'own-experience', organisationId: org.id });
      expect(ownWithOrganisation.status).toBe(400);
      const unknown = await group.coordinator.api.post(path, { ...person, representation: 'both', organisationId: randomUUID() });
      expect(unknown.status).toBe(400);
      expect(unknown.body.fields.organisationId).toEqual(['Organisationen finns inte.']);

      const direct = await group.coordinator.api.post(path, { ...person, representation: 'both', organisationId: org.id });
      expect(direct.status).toBe(201);
      expect(direct.body).toMatchObject({ state: 'proposed', requestId: null, organisationId: org.id, representation: 'both' });
      expect(direct.body.nominee.personId).toBe(earlier.nominee.personId);
      const listed = (await group.coordinator.api.get(path)).body as any[];
      expect(listed.find((n) => n.id === direct.body.id)).toMatchObject({ representation: 'both', organisationId: org.id, nominee: { perspective: 'next-of-kin' } });
      // The first group still sees the perspective the person was nominated with there.
      const firstListed = (await first.coordinator.api.get(`/working-groups/${first.id}/nominations`)).body as any[];
      expect(firstListed.find((n) => n.id === earlier.id).nominee.perspective).toBe('patient');

      const assignmentId = await appoint(group, direct.body.id);
      const view = await group.coordinator.api.get(`/assignments/${assignmentId}`);
      expect(view.status).toBe(200);
      expect(view.body.assignment).toMatchObject({ representation: 'both', perspective: 'next-of-kin', nominatingOrganisationId: org.id });
    });
  });

  describe('an ended group says so first (16 #1)', () => {
    it('simultaneous nominations of one person to an ended group all answer "Gruppen har avslutats"', async () => {
      const group = await createGroup(h);
      const org = await createOrganisation(h);
      const requests = await startRound(group, [org]);
      await nominate(org, requests[org.id]);
      expect((await group.coordinator.api.post(`/working-groups/${group.id}/end`)).status).toBe(200);
      await eventually(async () => (await groupState(h, group.id)) === 'ended');
      const email = `efter.${tag()}@example.se`;
      const body = { fullName: 'Efter Slutet', email, perspective: 'patient', representation: 'mandate' };
      const answers = await Promise.all([
        ...[0, 1, 2, 3].map(() => org.contact.api.post(`/nomination-requests/${requests[org.id]}/nominations`, body)),
        group.coordinator.api.post(`/working-groups/${group.id}/nominations`, { ...body, representation: 'own-experience' }),
      ]);
      expect(answers.map((a) => [a.status, a.body.message])).toEqual(answers.map(() => [409, 'Gruppen har avslutats: rekryteringen är stängd.']));
      const rows = await h.dataSource.query(`SELECT 1 FROM nomination n JOIN person p ON p.id = n.person_id WHERE lower(p.email) = $1`, [email]);
      expect(rows).toHaveLength(0);
    });
  });

  describe('the invitation outlives the answer window (16 #3)', () => {
    it('is valid until the answer deadline, can be sent again (the old link dead), and shows when it was sent and used', async () => {
      const group = await createGroup(h, { assignment: { answerWithin: '14 days', answerReminderBefore: '4 days' } });
      const org = await createOrganisation(h);
      const requests = await startRound(group, [org]);
      const nomination = await nominate(org, requests[org.id]);
      const assignmentId = await appoint(group, nomination.id);
      const personId: string = nomination.nominee.personId;
      const invitations = () =>
        h.dataSource.query(
          `SELECT i.expires_at, i.revoked_at, i.accepted_at FROM user_invitation i JOIN user_account u ON u.id = i.user_id WHERE u.person_id = $1 ORDER BY i.created_at`,
          [personId],
        ) as Promise<Array<{ expires_at: Date; revoked_at: Date | null; accepted_at: Date | null }>>;

      const deadline = Date.parse((await assignmentStatus(h, assignmentId)).deadline as string);
      expect(deadline).toBeGreaterThan(Date.now() + 13 * 24 * 3600_000);
      const [first] = await invitations();
      expect(Math.abs(first.expires_at.getTime() - deadline)).toBeLessThan(2_000);

      const view = await group.coordinator.api.get(`/assignments/${assignmentId}`);
      expect(view.body.invitation).toMatchObject({ state: 'sent', usedAt: null });
      expect(Date.parse(view.body.invitation.validUntil)).toBe(first.expires_at.getTime());
      const listed = (await group.coordinator.api.get(`/working-groups/${group.id}/nominations`)).body as any[];
      expect(listed.find((n) => n.id === nomination.id).invitation).toMatchObject({ state: 'sent' });

      // Every mail carries the direct link to the page of its step.
      const offer = await eventually(async () => (await mailsFor(h, assignmentWorkflowId(assignmentId))).find((m) => m.template === 'assignment-offer'));
      expect(offer.body).toContain(`http://localhost:${h.config.http.port}/uppdrag/${assignmentId}`);
      const asked = await eventually(async () => {
        const rows: Array<{ body: string }> = await h.dataSource.query(`SELECT body FROM outbox WHERE template = 'nomination-request' AND group_id = $1`, [group.id]);
        return rows[0];
      });
      expect(asked.body).toContain(`/nomineringar/${requests[org.id]}`);

      const oldToken = await invitationTokenFor(h, personId);
      const org2 = await createOrganisation(h);
      expect([403, 404]).toContain((await org2.contact.api.post(`/assignments/${assignmentId}/invitation/resend`)).status);
      const resent = await group.coordinator.api.post(`/assignments/${assignmentId}/invitation/resend`);
      expect(resent.status).toBe(201);
      expect(resent.body).toMatchObject({ state: 'sent', usedAt: null });
      const newToken = await invitationTokenFor(h, personId);
      expect(newToken).toBeTruthy();
      expect(newToken).not.toBe(oldToken);
      const rows = await invitations();
      expect(rows).toHaveLength(2);
      expect(rows[0].revoked_at).not.toBeNull();
      expect(Math.abs(rows[1].expires_at.getTime() - deadline)).toBeLessThan(2_000);

      const password = `Test-${randomUUID()}`;
      const dead = await h.api().post('/auth/invitations/accept', { token: oldToken, password });
      expect(dead.status).toBe(400);
      expect((await h.api().post('/auth/invitations/accept', { token: newToken, password })).status).toBe(200);
      const after = await group.coordinator.api.get(`/assignments/${assignmentId}`);
      expect(after.body.invitation.state).toBe('used');
      expect(after.body.invitation.usedAt).toBeTruthy();
      const again = await group.coordinator.api.post(`/assignments/${assignmentId}/invitation/resend`);
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('Personen har redan aktiverat sitt konto och loggar in med sitt lösenord.');
    });
  });
});
