import { randomUUID } from 'node:crypto';
import { ApiClient, Harness, startHarness, TestUser } from './support/harness';

/** Patient and next-of-kin organisations through the API: create, list, read, change, with the audit log. */
describe('organisations API', () => {
  let h: Harness;
  let admin: ApiClient;
  let coordinator: TestUser;

  beforeAll(async () => {
    h = await startHarness({ worker: false });
    admin = await h.asAdmin();
    coordinator = await h.createUser({ roles: ['coordinator'] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const auditOf = (id: string): Promise<Array<{ actor: string; action: string; details: Record<string, unknown> }>> =>
    h.dataSource.query(`SELECT actor, action, details FROM audit_log WHERE subject_type = 'organisation' AND subject_id = $1 ORDER BY id`, [id]);
  const rowCount = async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM organisation`))[0].n as number;

  it('lets a coordinator add an organisation, with its number stored as NNNNNN-NNNN and an audit line', async () => {
    const res = await coordinator.api.post('/organisations', {
      name: '  Riksförbundet HjärtLung  ',
      perspective: 'patient',
      contactEmail: 'kansli@hjartlung.example.se',
      orgNumber: '8020123454',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Riksförbundet HjärtLung', perspective: 'patient', contactEmail: 'kansli@hjartlung.example.se', orgNumber: '802012-3454' });
    expect(res.body.id).toEqual(expect.any(String));
    const [row] = await h.dataSource.query(`SELECT name, org_number, perspective, contact_email FROM organisation WHERE id = $1`, [res.body.id]);
    expect(row).toEqual({ name: 'Riksförbundet HjärtLung', org_number: '802012-3454', perspective: 'patient', contact_email: 'kansli@hjartlung.example.se' });
    expect(await auditOf(res.body.id)).toEqual([
      expect.objectContaining({ actor: coordinator.user.id, action: 'organisation.created', details: expect.objectContaining({ name: 'Riksförbundet HjärtLung', orgNumber: '802012-3454' }) }),
    ]);
  });

  it('refuses bad input with a Swedish message per field, and stores nothing', async () => {
    const before = await rowCount();
    const res = await admin.post('/organisations', { name: ' ', perspective: 'patienter', contactEmail: 'inte-en-adress', orgNumber: '802012-3456' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Uppgifterna är inte giltiga. Rätta fälten och försök igen.');
    expect(res.body.fields.name).toEqual(['Ange organisationens namn.']);
    expect(res.body.fields.perspective).toEqual(['Perspektivet måste vara ett av patient, next-of-kin, both.']);
    expect(res.body.fields.contactEmail).toEqual(['Ange en giltig e-postadress.']);
    expect(res.body.fields.orgNumber).toEqual(['Kontrollsiffran (den sista siffran) stämmer inte. Kontrollera organisationsnumret.']);
    // A personnummer is no organisation number (and must never be stored in clear).
    const pnr = await admin.post('/organisations', { name: 'Enskild firma', perspective: 'patient', contactEmail: 'a@example.se', orgNumber: '850709-9805' });
    expect(pnr.status).toBe(400);
    expect(pnr.body.fields.orgNumber[0]).toMatch(/personnummer, inte ett organisationsnummer/);
    expect(JSON.stringify(pnr.body)).not.toContain('850709');
    expect(await rowCount()).toBe(before);
  });

  it('is idempotent with a client id, and refuses another organisation under the same id, name or number', async () => {
    const id = randomUUID();
    const body = { id, name: 'Närstående i psykiatrin', perspective: 'next-of-kin', contactEmail: 'info@narstaende.example.se' };
    const first = await admin.post('/organisations', body);
    const again = await admin.post('/organisations', body);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['organisation.created']);
    expect(first.body.orgNumber).toBeNull();

    const other = await admin.post('/organisations', { ...body, name: 'Något annat förbund' });
    expect(other.status).toBe(409);
    expect(other.body.message).toBe('En annan organisation finns redan med detta id.');
    const sameName = await coordinator.api.post('/organisations', { ...body, id: undefined, name: 'NÄRSTÅENDE I PSYKIATRIN' });
    expect(sameName.status).toBe(409);
    expect(sameName.body.fields).toEqual({ name: ['Det finns redan en organisation med det namnet.'] });
    const sameNumber = await coordinator.api.post('/organisations', { name: 'Kopian', perspective: 'both', contactEmail: 'k@example.se', orgNumber: '802012-3454' });
    expect(sameNumber.status).toBe(409);
    expect(sameNumber.body.fields).toEqual({ orgNumber: ['Det finns redan en organisation med det organisationsnumret.'] });
  });

  it('lists organisations by name, a page at a time, filtered by part of the name or by perspective', async () => {
    for (const [name, perspective] of [
      ['Astma- och Allergiförbundet', 'patient'],
      ['Anhörigas Riksförbund', 'next-of-kin'],
      ['Hjärnförbundet', 'both'],
    ]) {
      expect((await admin.post('/organisations', { name, perspective, contactEmail: 'kontakt@example.se' })).status).toBe(201);
    }
    const all = await coordinator.api.get('/organisations');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 50, total: 5 });
    expect(all.body.items.map((o: { name: string }) => o.name)).toEqual([
      'Anhörigas Riksförbund',
      'Astma- och Allergiförbundet',
      'Hjärnförbundet',
      'Närstående i psykiatrin',
      'Riksförbundet HjärtLung',
    ]);
    const second = await admin.get('/organisations?pageSize=2&page=2');
    expect(second.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.body.items.map((o: { name: string }) => o.name)).toEqual(['Hjärnförbundet', 'Närstående i psykiatrin']);
    const byName = await admin.get(`/organisations?name=${encodeURIComponent('HJÄR')}`);
    expect(byName.body.items.map((o: { name: string }) => o.name)).toEqual(['Hjärnförbundet', 'Riksförbundet HjärtLung']);
    const byPerspective = await admin.get('/organisations?perspective=next-of-kin');
    expect(byPerspective.body.items.map((o: { name: string }) => o.name)).toEqual(['Anhörigas Riksförbund', 'Närstående i psykiatrin']);
    expect((await admin.get('/organisations?name=100%25')).body.total).toBe(0); // % is a character, not a wildcard

    const bad = await admin.get('/organisations?pageSize=1000&perspective=alla');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['pageSize', 'perspective']);
    for (const role of ['representative', 'org-contact', 'finance'] as const) {
      expect((await (await h.createUser({ roles: [role] })).api.get('/organisations')).status).toBe(403);
    }
  });

  it('shows an organisation to administrators, coordinators and its contacts only; to others as if it did not exist', async () => {
    const created = await admin.post('/organisations', { name: 'Reumatikerförbundet', perspective: 'patient', contactEmail: 'info@reuma.example.se' });
    const id = created.body.id as string;
    const contact = await h.createUser({ roles: ['org-contact'], organisationId: id });
    const otherContact = await h.createUser({ roles: ['org-contact'] });

    expect((await admin.get(`/organisations/${id}`)).body).toEqual(created.body);
    expect((await contact.api.get(`/organisations/${id}`)).body).toMatchObject({ id, name: 'Reumatikerförbundet' });
    const missing = await otherContact.api.get(`/organisations/${randomUUID()}`);
    expect(missing).toMatchObject({ status: 404, body: { message: 'Organisationen finns inte.' } });
    // Coordinators list every organisation to ask them for nominations, so they read each one too.
    expect((await coordinator.api.get(`/organisations/${id}`)).body).toEqual(created.body);
    for (const outsider of [otherContact.api, (await h.createUser({ roles: ['representative'] })).api, (await h.createUser({ roles: ['finance'] })).api]) {
      const res = await outsider.get(`/organisations/${id}`);
      expect([res.status, res.body]).toEqual([404, missing.body]);
    }
    expect((await admin.get(`/organisations/${randomUUID()}`)).body).toEqual(missing.body);
    expect((await admin.get('/organisations/inte-ett-id')).body).toEqual(missing.body);
  });

  it('lets an administrator change an organisation, with the change in the audit log', async () => {
    const created = await coordinator.api.post('/organisations', {
      name: 'Diabetesförbundet',
      perspective: 'patient',
      contactEmail: 'gammal@diabetes.example.se',
      orgNumber: '802481-1468',
    });
    const id = created.body.id as string;

    const changed = await admin.patch(`/organisations/${id}`, { name: 'Svenska Diabetesförbundet', perspective: 'both', contactEmail: 'ny@diabetes.example.se' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, name: 'Svenska Diabetesförbundet', perspective: 'both', contactEmail: 'ny@diabetes.example.se', orgNumber: '802481-1468' });
    expect((await admin.get(`/organisations/${id}`)).body.name).toBe('Svenska Diabetesförbundet');
    const adminUser = (await admin.get('/auth/me')).body.user.id as string;
    expect((await auditOf(id)).at(-1)).toEqual({
      actor: adminUser,
      action: 'organisation.updated',
      details: {
        before: { name: 'Diabetesförbundet', perspective: 'patient', contactEmail: 'gammal@diabetes.example.se' },
        after: { name: 'Svenska Diabetesförbundet', perspective: 'both', contactEmail: 'ny@diabetes.example.se' },
      },
    });

    // orgNumber: null removes the number; a change that changes nothing writes nothing.
    expect((await admin.patch(`/organisations/${id}`, { orgNumber: null })).body.orgNumber).toBeNull();
    const lines = (await auditOf(id)).length;
    expect((await admin.patch(`/organisations/${id}`, { name: 'Svenska Diabetesförbundet' })).status).toBe(200);
    expect((await admin.patch(`/organisations/${id}`, {})).status).toBe(400); // nothing to change (test/access-scope.e2e-spec.ts)
    expect((await auditOf(id)).length).toBe(lines);

    const bad = await admin.patch(`/organisations/${id}`, { name: null, orgNumber: '123' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['orgNumber']);
    const noName = await admin.patch(`/organisations/${id}`, { name: null });
    expect([noName.status, noName.body.fields]).toEqual([400, { name: ['Ange organisationens namn.'] }]);
    const taken = await admin.patch(`/organisations/${id}`, { name: 'hjärnförbundet' });
    expect([taken.status, taken.body.fields]).toEqual([409, { name: ['Det finns redan en organisation med det namnet.'] }]);
    expect((await admin.patch(`/organisations/${randomUUID()}`, { name: 'X' })).status).toBe(404);

    // Only administrators change organisations; a coordinator or the organisation's own contact, who both read it,
    // is refused (403), not told that an organisation they can read is missing.
    const contact = await h.createUser({ roles: ['org-contact'], organisationId: id });
    for (const other of [coordinator.api, contact.api]) {
      const res = await other.patch(`/organisations/${id}`, { name: 'Kapat' });
      expect([res.status, res.body.message]).toEqual([403, 'Du har inte behörighet att göra detta.']);
    }
    expect((await admin.get(`/organisations/${id}`)).body.name).toBe('Svenska Diabetesförbundet');
  });
});
