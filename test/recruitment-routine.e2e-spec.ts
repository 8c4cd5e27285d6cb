import { randomUUID } from 'node:crypto';
import { eventually, Harness, startHarness } from './support/harness';
import { appoint, createGroup, createOrganisation, groupState, nominate, startRound } from './support/lifecycle';

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
});
