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
  startRound,
} from './support/lifecycle';

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
