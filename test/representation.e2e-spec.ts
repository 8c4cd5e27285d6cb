import { randomUUID } from 'node:crypto';
import { eventually, Harness, startHarness, TestUser } from './support/harness';
import {
  appoint,
  auditActions,
  createGroup,
  createOrganisation,
  nominate,
  onboard,
  type Organisation,
  recruitmentStatus,
  representativeFor,
  startRound,
  type TestGroup,
} from './support/lifecycle';

/* eslint-disable @typescript-eslint/no-explicit-any -- bodies are whatever the endpoint answers */

/**
 * Representativeness and workload (issue 19 #2), on the real engines: staffing against the minimum and since when
 * below, assignments per person and organisation with the administrator's thresholds, who is free, organisations by
 * their last request, and consented aggregate-only diversity figures (never for fewer than 5, never per person).
 */
describe('representativeness and workload (issue 19 #2)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const directRound = async (group: TestGroup) => {
    expect((await group.coordinator.api.post(`/working-groups/${group.id}/recruitment/rounds`, { organisationIds: [], directRecruitment: true })).status).toBe(201);
  };
  /** The coordinator recruits the person directly and appoints them; returns the assignment and the nomination. */
  const recruitDirectly = async (group: TestGroup, person: { fullName: string; email: string }) => {
    const nomination = await group.coordinator.api.post(`/working-groups/${group.id}/nominations`, { ...person, perspective: 'patient', representation: 'own-experience' });
    expect(nomination.status).toBe(201);
    return { assignmentId: await appoint(group, nomination.body.id), nomination: nomination.body };
  };
  const accept = async (rep: TestUser, assignmentId: string) => expect((await rep.api.post(`/assignments/${assignmentId}/accept`)).status).toBe(200);
  const newPerson = (name: string) => ({ fullName: name, email: `${name.toLowerCase().replace(/[^a-z]/g, '')}-${randomUUID().slice(0, 6)}@example.se` });

  it('a person with assignments above the threshold shows the warning; so does an organisation; the administrator sets the thresholds, audited', async () => {
    const admin = await h.asAdmin();
    const g1 = await createGroup(h);
    const g2 = await createGroup(h);
    const g3 = await createGroup(h);
    const org: Organisation = await createOrganisation(h);
    await directRound(g1);
    const anna = newPerson('Anna Andersson');
    const bo = newPerson('Bo Berg');
    const a1 = await recruitDirectly(g1, anna);
    const annaRep = await representativeFor(h, a1.nomination);
    await accept(annaRep, a1.assignmentId);
    const b1 = await recruitDirectly(g1, bo);
    await accept(await representativeFor(h, b1.nomination), b1.assignmentId);
    // The organisation nominates Anna (the same address: the same person) to g2, and someone else to g3.
    const r2 = await startRound(g2, [org]);
    const n2 = await org.contact.api.post(`/nomination-requests/${r2[org.id]}/nominations`, { ...anna, perspective: 'patient', representation: 'mandate' });
    expect(n2.status).toBe(201);
    const a2 = await appoint(g2, n2.body.id);
    const r3 = await startRound(g3, [org]);
    const n3 = await nominate(org, r3[org.id]);
    const c3 = await appoint(g3, n3.id);
    await accept(annaRep, a2);
    await accept(await representativeFor(h, n3), c3);

    // The thresholds: a coordinator reads them but cannot change them; bad values are refused in Swedish.
    expect((await g1.coordinator.api.get('/representation/settings')).body).toMatchObject({ personThreshold: 3, organisationThreshold: 10 });
    expect((await g1.coordinator.api.patch('/representation/settings', { personThreshold: 1 })).status).toBe(403);
    for (const bad of [{ personThreshold: 0 }, { personThreshold: 101 }, { personThreshold: 1.5 }, { organisationThreshold: 'tio' }, { organisationThreshold: null }, { personThreshold: 2, other: 1 }]) {
      const res = await admin.patch('/representation/settings', bad);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(expect.any(String));
    }
    expect((await admin.patch('/representation/settings', { personThreshold: 0 })).body.fields.personThreshold).toEqual(['Gränsen för en person måste vara minst 1.']);
    const set = await admin.patch('/representation/settings', { personThreshold: 1, organisationThreshold: 1 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ personThreshold: 1, organisationThreshold: 1 });
    const audited = await h.dataSource.query(`SELECT details FROM audit_log WHERE action = 'representation.settings-updated'`);
    expect(audited.map((r: any) => r.details)).toEqual([{ before: { personThreshold: 3, organisationThreshold: 10 }, after: { personThreshold: 1, organisationThreshold: 1 } }]);

    // Anna holds two assignments (g1 and g2), above the threshold of 1: the warning. Bo holds one: none.
    const seen = (await g1.coordinator.api.get('/representation/workload')).body;
    const annaLoad = seen.people.find((p: any) => p.fullName === anna.fullName);
    expect(annaLoad).toMatchObject({ assignments: 2, aboveThreshold: true, warning: 'Har 2 pågående uppdrag, fler än gränsen 1.' });
    expect(seen.people.find((p: any) => p.fullName === bo.fullName)).toMatchObject({ assignments: 1, aboveThreshold: false, warning: null });
    // A coordinator sees the people of their own groups only (counted across all groups); the third person is in g3.
    expect(seen.people.map((p: any) => p.fullName).sort()).toEqual([anna.fullName, bo.fullName].sort());
    expect((await g2.coordinator.api.get('/representation/workload')).body.people.map((p: any) => p.fullName)).toEqual([anna.fullName]);
    expect((await admin.get('/representation/workload')).body.people).toHaveLength(3);
    // The organisation's nominees hold two assignments (Anna in g2, the nominee in g3): above 1.
    expect(seen.organisations.find((o: any) => o.organisationId === org.id)).toMatchObject({
      assignments: 2,
      aboveThreshold: true,
      warning: 'Organisationens nominerade har 2 pågående uppdrag, fler än gränsen 1.',
    });

    // Raised to 2, nobody is above it any more.
    expect((await admin.patch('/representation/settings', { personThreshold: 2, organisationThreshold: 2 })).status).toBe(200);
    const after = (await g1.coordinator.api.get('/representation/workload')).body;
    expect(after.people.find((p: any) => p.fullName === anna.fullName)).toMatchObject({ assignments: 2, aboveThreshold: false, warning: null });
    expect(after.organisations.find((o: any) => o.organisationId === org.id)).toMatchObject({ aboveThreshold: false });
  });

  it('shows per group the active representatives against the minimum and since when it has been below', async () => {
    const never = await createGroup(h);
    const left = await createGroup(h);
    await directRound(left);
    const first = await recruitDirectly(left, newPerson('Cecilia Carlsson'));
    const second = await recruitDirectly(left, newPerson('Didrik Dahl'));
    const firstRep = await representativeFor(h, first.nomination);
    await onboard(h, left, first.assignmentId, firstRep);
    await onboard(h, left, second.assignmentId, await representativeFor(h, second.nomination));
    await eventually(async () => (await recruitmentStatus(h, left.id)).state === 'staffed');
    const staffed = await eventually(async () => {
      const rows = (await left.coordinator.api.get('/representation/groups')).body;
      return rows[0]?.active === 2 ? rows : undefined;
    });
    expect(staffed).toEqual([
      expect.objectContaining({ groupId: left.id, minimum: 2, active: 2, onboarding: 0, belowMinimum: false, belowMinimumSince: null, belowSinceReason: null }),
    ]);

    const before = Date.now();
    expect((await firstRep.api.post(`/assignments/${first.assignmentId}/withdraw`)).status).toBe(200);
    const below = await eventually(async () => {
      // The moment is the recruitment workflow's record of the shortfall (issue 13 #10), a step after the assignment ended.
      const [g] = (await left.coordinator.api.get('/representation/groups')).body;
      return g.belowSinceReason === 'representative-left' ? g : undefined;
    });
    expect(below).toMatchObject({ active: 1, minimum: 2, belowMinimum: true });
    const [stored] = await h.dataSource.query(`SELECT below_minimum_since FROM working_group WHERE id = $1`, [left.id]);
    expect(below.belowMinimumSince).toBe(new Date(stored.below_minimum_since).toISOString());
    expect(new Date(below.belowMinimumSince).getTime()).toBeGreaterThanOrEqual(before - 1000);

    // A group that never reached its minimum is below since it was made.
    const [created] = await h.dataSource.query(`SELECT created_at FROM working_group WHERE id = $1`, [never.id]);
    const admin = await h.asAdmin();
    const all = (await admin.get('/representation/groups')).body;
    expect(all.find((g: any) => g.groupId === never.id)).toMatchObject({
      active: 0,
      minimum: 2,
      belowMinimum: true,
      belowSinceReason: 'never-staffed',
      belowMinimumSince: new Date(created.created_at).toISOString(),
    });
    // Below first; the coordinator of one group sees only it.
    expect(all.findIndex((g: any) => !g.belowMinimum)).not.toBe(0);
    expect((await never.coordinator.api.get('/representation/groups')).body.map((g: any) => g.groupId)).toEqual([never.id]);
  });

  it('lets a person say they would take another assignment, and coordinators see who is free', async () => {
    const group = await createGroup(h);
    await directRound(group);
    const dora = newPerson('Dora Dahl');
    const a = await recruitDirectly(group, dora);
    const rep = await representativeFor(h, a.nomination);
    expect((await rep.api.get('/me/availability')).body).toEqual({ available: false, availableSince: null });
    expect((await rep.api.put('/me/availability', { available: 'ja' })).status).toBe(400);
    const on = await rep.api.put('/me/availability', { available: true });
    expect(on.status).toBe(200);
    expect(on.body.available).toBe(true);
    const coordinator = await h.createUser({ roles: ['coordinator'] });
    const free = (await coordinator.api.get('/representation/available')).body;
    expect(free.find((p: any) => p.email === dora.email)).toMatchObject({ fullName: dora.fullName, assignments: 0 });
    expect((await group.coordinator.api.get('/representation/workload')).body.people.find((p: any) => p.fullName === dora.fullName)).toMatchObject({
      availableForMore: true,
      offers: 1,
    });
    expect((await rep.api.put('/me/availability', { available: false })).body).toEqual({ available: false, availableSince: null });
    expect((await coordinator.api.get('/representation/available')).body.some((p: any) => p.email === dora.email)).toBe(false);
    expect(await auditActions(h, 'person', rep.user.personId as string)).toEqual(expect.arrayContaining(['person.available-for-more', 'person.not-available-for-more']));
  });

  it('lists organisations by their last nomination request, never asked and oldest first', async () => {
    const never = await createOrganisation(h);
    const earlier = await createOrganisation(h);
    const later = await createOrganisation(h);
    const g = await createGroup(h);
    await startRound(g, [earlier]);
    const g2 = await createGroup(h);
    await startRound(g2, [later]);
    const coordinator = await h.createUser({ roles: ['coordinator'] });
    const page = (await coordinator.api.get('/representation/organisations-by-last-request?pageSize=200')).body;
    const at = (id: string) => page.items.findIndex((o: any) => o.organisationId === id);
    expect(page.items[at(never.id)]).toMatchObject({ lastRequestAt: null, requests: 0 });
    expect(page.items[at(earlier.id)]).toMatchObject({ requests: 1 });
    expect(at(never.id)).toBeLessThan(at(earlier.id));
    expect(at(earlier.id)).toBeLessThan(at(later.id));
    expect((await coordinator.api.get('/representation/organisations-by-last-request?pageSize=201')).status).toBe(400);
  });

  it('fewer than 5 consenting people give no figures; from 5 only aggregates, small cells hidden; withdrawal erases the answers', async () => {
    const npo = await createGroup(h, { kind: 'NPO' });
    await directRound(npo);
    const reps: TestUser[] = [];
    const ages = ['50-64', '50-64', '50-64', '65-plus', '65-plus'];
    for (let i = 0; i < 5; i++) {
      const a = await recruitDirectly(npo, newPerson(`Person Mångfald ${'ABCDE'[i]}`));
      const rep = await representativeFor(h, a.nomination);
      await accept(rep, a.assignmentId);
      reps.push(rep);
    }
    const coordinator = npo.coordinator.api;
    const figures = async (q: string) => {
      const res = await coordinator.get(`/representation/diversity/${q}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    // Consent is required, and the answers are one of the choices.
    expect((await reps[0].api.put('/me/diversity', { ageBand: '50-64' })).status).toBe(400);
    expect((await reps[0].api.put('/me/diversity', { consent: false, ageBand: '50-64' })).status).toBe(400);
    expect((await reps[0].api.put('/me/diversity', { consent: true, ageBand: '12-15' })).status).toBe(400);
    expect((await reps[0].api.put('/me/diversity', { consent: true, region: null })).status).toBe(400);
    for (let i = 0; i < 4; i++) {
      const saved = await reps[i].api.put('/me/diversity', { consent: true, ageBand: ages[i], perspective: 'patient', work: i % 2 ? 'working' : 'not-working', region: 'sodra' });
      expect(saved.status).toBe(200);
    }
    // The person reads their own answers back; nobody else can.
    expect((await reps[0].api.get('/me/diversity')).body).toMatchObject({ consented: true, answers: { ageBand: '50-64', perspective: 'patient', work: 'not-working', region: 'sodra' } });
    expect((await npo.coordinator.api.get('/me/diversity')).status).toBe(403);
    expect((await (await h.asAdmin()).get('/me/diversity')).status).toBe(403);
    // Stored encrypted, and the audit log records the consent, never the answers.
    const [stored] = await h.dataSource.query(`SELECT answers_enc FROM diversity_answer WHERE person_id = $1`, [reps[0].user.personId]);
    expect(stored.answers_enc).toMatch(/^v1\./);
    expect(stored.answers_enc).not.toContain('50-64');
    const consentLines = await h.dataSource.query(`SELECT details FROM audit_log WHERE action = 'person.diversity-consent-given' AND subject_id = $1`, [reps[0].user.personId]);
    expect(consentLines).toEqual([{ details: {} }]);

    // Four: no figures, not even how many, and the answer says why.
    const four = await figures(`npos/${npo.id}`);
    expect(four).toMatchObject({ scope: 'npo', people: null, figuresShown: false, dimensions: [], missingAgeBands: [], warnings: [] });
    expect(four.reason).toMatch(/^Färre än 5 personer/);
    expect(await figures('national')).toMatchObject({ people: null, figuresShown: false });

    // The fifth consents: figures, each cell under 5 hidden; the NPO's groups have no one under 50 (a warning).
    expect((await reps[4].api.put('/me/diversity', { consent: true, ageBand: ages[4], perspective: 'next-of-kin', work: 'working', region: 'sodra' })).status).toBe(200);
    const five = await figures(`npos/${npo.id}`);
    expect(five).toMatchObject({ people: 5, figuresShown: true, reason: null, missingAgeBands: ['under-30', '30-49'] });
    const cells = (dimension: string) => Object.fromEntries(five.dimensions.find((d: any) => d.dimension === dimension).cells.map((c: any) => [c.value, c.count]));
    expect(cells('ageBand')).toEqual({ 'under-30': 0, '30-49': 0, '50-64': null, '65-plus': null, 'not-answered': 0 });
    expect(cells('perspective')).toEqual({ patient: null, 'next-of-kin': null, 'not-answered': 0 });
    expect(five.dimensions.find((d: any) => d.dimension === 'region')).toMatchObject({ shown: false });
    expect(five.warnings).toEqual(['Ingen av de svarande i programområdets grupper är under 30 år.', 'Ingen av de svarande i programområdets grupper är 30–49 år.']);
    expect(JSON.stringify(five)).not.toContain(reps[0].user.personId as string);
    // The NPO is hosted by Södra: the same people there; none in Norra.
    expect(await figures('regions/sodra')).toMatchObject({ people: 5, figuresShown: true });
    expect(await figures('regions/norra')).toMatchObject({ people: null, figuresShown: false });

    // Withdrawing the consent erases the answers: back to four, no figures.
    const withdrawn = await reps[4].api.delete('/me/diversity');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ consented: false, consentedAt: null, answers: null });
    expect(await h.dataSource.query(`SELECT 1 FROM diversity_answer WHERE person_id = $1`, [reps[4].user.personId])).toEqual([]);
    expect(await auditActions(h, 'person', reps[4].user.personId as string)).toEqual(expect.arrayContaining(['person.diversity-consent-given', 'person.diversity-consent-withdrawn']));
    expect(await figures(`npos/${npo.id}`)).toMatchObject({ people: null, figuresShown: false });

    // An unknown region: 400 in Swedish; an id that is not of an NPO (or not an id): 404.
    const mars = await coordinator.get('/representation/diversity/regions/mars');
    expect([mars.status, mars.body.fields]).toEqual([400, { region: [expect.stringMatching(/^Sjukvårdsregionen måste vara en av/)] }]);
    expect((await coordinator.get('/representation/diversity/npos/nej')).status).toBe(404);
    const notNpo = await createGroup(h);
    expect((await coordinator.get(`/representation/diversity/npos/${notNpo.id}`)).body).toMatchObject({ statusCode: 404, message: 'Programområdet finns inte.' });
    expect((await coordinator.get('/representation/diversity/scopes')).body.npos.map((n: any) => n.groupId)).toContain(npo.id);
  });

  it('is for coordinators and administrators only: everyone else is refused', async () => {
    const rep = await h.createUser({ roles: ['representative'] });
    const finance = await h.createUser({ roles: ['finance'] });
    const contact = await h.createUser({ roles: ['org-contact'] });
    const paths = ['/representation/groups', '/representation/workload', '/representation/available', '/representation/organisations-by-last-request', '/representation/settings', '/representation/diversity/national', '/representation/diversity/regions/sodra', '/representation/diversity/scopes'];
    for (const p of paths) {
      for (const u of [rep, finance, contact]) expect([p, u.user.roles[0], (await u.api.get(p)).status]).toEqual([p, u.user.roles[0], 403]);
      expect((await h.api().get(p)).status).toBe(401);
    }
    for (const u of [finance, contact]) {
      expect((await u.api.get('/me/diversity')).status).toBe(403);
      expect((await u.api.put('/me/availability', { available: true })).status).toBe(403);
    }
    expect((await rep.api.patch('/representation/settings', { personThreshold: 5 })).status).toBe(403);
  });
});
