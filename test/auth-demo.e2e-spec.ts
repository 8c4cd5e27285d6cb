import { DEMO_ADMIN, DEMO_GROUPS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS, seedDemoData } from '../src/demo/demo-data';
import { Harness, startHarness } from './support/harness';

describe('demo accounts: seeded through the API by the bootstrap administrator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { BOOTSTRAP_ADMIN_EMAIL: DEMO_ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: DEMO_ADMIN.password } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('gives every role a working login with the documented password, linked to the demo groups, organisations and payers, idempotently', async () => {
    await seedDemoData(h.baseUrl);
    // A second start changes nothing and does not fail; a changed role is put back.
    const sara = DEMO_USERS.find((u) => u.email === 'samordnare@demo.medverkan.se')!;
    const admin = h.api(await h.login(DEMO_ADMIN.email, DEMO_PASSWORD));
    const saraId = (await admin.get(`/users?q=${sara.email}`)).body.items[0].id;
    expect((await admin.put(`/users/${saraId}/access`, { roles: ['finance'], payerCode: 'SKR' })).status).toBe(200);
    // A changed demo organisation is put back too.
    const hjarta = DEMO_ORGANISATIONS[0];
    expect((await admin.patch(`/organisations/${hjarta.id}`, { name: 'Omdöpt förbund' })).status).toBe(200);
    await seedDemoData(h.baseUrl);

    // The organisations came through the API (POST /organisations by the administrator), not straight into the database.
    const created: Array<{ subject_id: string; actor: string }> = await h.dataSource.query(
      `SELECT subject_id, actor FROM audit_log WHERE action = 'organisation.created' ORDER BY subject_id`,
    );
    expect(created.map((c) => c.subject_id)).toEqual(DEMO_ORGANISATIONS.map((o) => o.id).sort());
    expect((await admin.get(`/organisations/${hjarta.id}`)).body).toMatchObject({ name: hjarta.name, perspective: hjarta.perspective, contactEmail: hjarta.contactEmail });

    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM organisation`))[0].n).toBe(DEMO_ORGANISATIONS.length);
    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM working_group`))[0].n).toBe(DEMO_GROUPS.length);
    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM user_account`))[0].n).toBe(DEMO_USERS.length + 1);

    const roles = new Set<string>(['admin']);
    for (const u of DEMO_USERS) {
      const me = (await h.api(await h.login(u.email, DEMO_PASSWORD)).get('/auth/me')).body;
      expect(me.user).toMatchObject({ email: u.email, displayName: u.displayName, roles: u.roles, organisationId: u.organisationId ?? null, payerCode: u.payerCode ?? null });
      expect(me.coordinatedGroupIds.sort()).toEqual([...(u.groupIds ?? [])].sort());
      if (u.roles.includes('representative')) expect(me.user.personId).toEqual(expect.any(String));
      u.roles.forEach((r) => roles.add(r));
    }
    expect([...roles].sort()).toEqual(['admin', 'coordinator', 'finance', 'org-contact', 'representative']);
    expect(DEMO_USERS.filter((u) => u.roles.includes('finance')).map((u) => u.payerCode)).toEqual(['SKR', 'sodra']);
    // Every demo group has a coordinator who can open it.
    for (const g of DEMO_GROUPS) {
      const coordinator = DEMO_USERS.find((u) => u.groupIds?.includes(g.id))!;
      expect((await h.api(await h.login(coordinator.email, DEMO_PASSWORD)).get(`/working-groups/${g.id}`)).status).toBe(200);
    }
  });
});
