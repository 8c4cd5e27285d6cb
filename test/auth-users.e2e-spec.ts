import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../src/crypto/field-cipher';
import { Injectable, Module } from '@nestjs/common';
import type { AuthUser } from '../src/auth/auth-user';
import { TaskSource, TaskSourceFor, UserTask } from '../src/users/tasks';
import { UsersService } from '../src/users/users.service';
import { ApiClient, Harness, startHarness, TestUser } from './support/harness';

/** Another module's task source, as a feature module would add one. */
@Injectable()
@TaskSourceFor({ name: 'test-batches' })
class TestBatchTasks implements TaskSource {
  async tasksFor(user: AuthUser): Promise<UserTask[]> {
    return user.roles.includes('finance')
      ? [{ kind: 'batch.approve', title: 'Attestera utbetalningen', subject: { type: 'batch', id: 'b1' }, groupId: null, deadline: '2030-02-01T00:00:00.000Z', urgent: false }]
      : [];
  }
}
@Module({ providers: [TestBatchTasks] })
class TestTasksModule {}

const tokenOf = (acceptUrl: string) => new URL(acceptUrl).hash.replace(/^#token=/, '');

describe('accounts: invitations, user management, payment details and tasks', () => {
  let h: Harness;
  let admin: ApiClient;
  let groupId: string;
  let coordinator: TestUser;
  let organisationId: string;
  const count = async (table: string) => (await h.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    h = await startHarness({ worker: false });
    admin = await h.asAdmin();
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, host_region, commission) VALUES ($1, 'NPO Lungsjukdomar', 'NPO', 'vastra', 'x')`, [
      groupId,
    ]);
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    organisationId = randomUUID();
    await h.dataSource.query(`INSERT INTO organisation (id, name, perspective, contact_email) VALUES ($1, 'Hjärt-Lung', 'patient', 'info@hjartlung.example')`, [
      organisationId,
    ]);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('invitations', () => {
    it('invites an organisation contact by a single-use link that sets the password and logs in', async () => {
      const res = await admin.post('/auth/invitations', { email: 'Kontakt@HjartLung.example', displayName: 'Karin Kontakt', roles: ['org-contact'], organisationId });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ email: 'kontakt@hjartlung.example', roles: ['org-contact'], organisationId, status: 'invited' });
      expect(res.body.invitation.delivery).toBe('outbox');
      const mails = await h.dataSource.query(`SELECT to_address, subject, body FROM outbox WHERE template = 'user-invitation' AND to_address = $1`, [
        'kontakt@hjartlung.example',
      ]);
      expect(mails).toHaveLength(1);
      expect(mails[0].body).toContain(res.body.invitation.acceptUrl);
      const token = tokenOf(res.body.invitation.acceptUrl);
      const [stored] = await h.dataSource.query(`SELECT token_hash FROM user_invitation WHERE id = $1`, [res.body.invitation.id]);
      expect(stored.token_hash).not.toContain(token);

      // No password yet: no login.
      expect((await h.api().post('/auth/login', { email: 'kontakt@hjartlung.example', password: 'Karins-lösen-2026' })).status).toBe(401);
      const short = await h.api().post('/auth/invitations/accept', { token, password: 'kort' });
      expect(short.status).toBe(400);
      expect(short.body.fields.password).toEqual(['Lösenordet måste vara minst 10 tecken.']);

      const accepted = await h.api().post('/auth/invitations/accept', { token, password: 'Karins-lösen-2026' });
      expect(accepted.status).toBe(200);
      expect(accepted.body.user).toMatchObject({ email: 'kontakt@hjartlung.example', organisationId });
      expect((await h.api(accepted.body.token).get('/auth/me')).status).toBe(200);
      expect((await h.api().post('/auth/login', { email: 'kontakt@hjartlung.example', password: 'Karins-lösen-2026' })).status).toBe(200);

      const again = await h.api().post('/auth/invitations/accept', { token, password: 'Någon-annans-lösen-1' });
      expect(again.status).toBe(400);
      expect(again.body.message).toMatch(/Inbjudan är ogiltig/);
      expect((await admin.get(`/users/${res.body.user.id}`)).body.status).toBe('active');
    });

    it('refuses an expired link, and a new invitation replaces the old link', async () => {
      const body = { email: 'ny.kontakt@example.se', displayName: 'Nils Ny', roles: ['org-contact'], organisationId };
      const first = await admin.post('/auth/invitations', body);
      expect(first.status).toBe(201);
      const second = await admin.post('/auth/invitations', body);
      expect(second.status).toBe(201);
      expect(second.body.user.id).toBe(first.body.user.id);
      expect((await h.api().post('/auth/invitations/accept', { token: tokenOf(first.body.invitation.acceptUrl), password: 'Nils-lösen-2026' })).status).toBe(400);

      await h.dataSource.query(`UPDATE user_invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [second.body.invitation.id]);
      expect((await h.api().post('/auth/invitations/accept', { token: tokenOf(second.body.invitation.acceptUrl), password: 'Nils-lösen-2026' })).status).toBe(400);
      // Other roles or scope for a pending address is a conflict, not a silent change.
      expect((await admin.post('/auth/invitations', { ...body, roles: ['finance'], organisationId: undefined, payerCode: 'SKR' })).status).toBe(409);
    });

    it('lets an administrator invite a new representative, a coordinator one of their groups, and nobody else', async () => {
      const fresh = await admin.post('/auth/invitations', { email: 'rut@example.se', displayName: 'Rut Företrädare', roles: ['representative'] });
      expect(fresh.status).toBe(201);
      const personId = fresh.body.user.personId as string;
      expect((await h.dataSource.query(`SELECT full_name, email FROM person WHERE id = $1`, [personId]))[0]).toEqual({ full_name: 'Rut Företrädare', email: 'rut@example.se' });
      // A coordinator invites only people of their own groups (test/access-scope.e2e-spec.ts has the rest).
      expect((await coordinator.api.post('/auth/invitations', { email: 'ny@example.se', displayName: 'Ny', roles: ['representative'] })).status).toBe(403);

      const stranger = randomUUID();
      await h.dataSource.query(`INSERT INTO person (id, full_name, email) VALUES ($1, 'Sten Främling', 'sten@example.se')`, [stranger]);
      const refused = await coordinator.api.post('/auth/invitations', { roles: ['representative'], personId: stranger });
      expect(refused.status).toBe(400);
      expect(refused.body.fields.personId).toEqual(['Personen finns inte.']);
      await h.dataSource.query(`INSERT INTO assignment (id, group_id, person_id, representation) VALUES ($1, $2, $3, 'own-experience')`, [
        randomUUID(),
        groupId,
        stranger,
      ]);
      const wrongAddress = await coordinator.api.post('/auth/invitations', { roles: ['representative'], personId: stranger, email: 'annan@example.se' });
      expect(wrongAddress.status).toBe(400);
      expect(wrongAddress.body.fields.email).toBeDefined();
      const ok = await coordinator.api.post('/auth/invitations', { roles: ['representative'], personId: stranger });
      expect(ok.status).toBe(201);
      expect(ok.body.user).toMatchObject({ email: 'sten@example.se', displayName: 'Sten Främling', personId: stranger });

      const before = await count('user_account');
      const asAdmin = await coordinator.api.post('/auth/invitations', { email: 'x@example.se', displayName: 'X', roles: ['admin'] });
      expect(asAdmin.status).toBe(403);
      for (const roles of [['representative'], ['finance'], ['org-contact']] as const) {
        const u = await h.createUser({ roles: [...roles] });
        expect((await u.api.post('/auth/invitations', { email: 'y@example.se', displayName: 'Y', roles: ['representative'] })).status).toBe(403);
      }
      expect(await count('user_account')).toBe(before + 3);
      const taken = await admin.post('/auth/invitations', { email: coordinator.user.email, displayName: 'Dubblett', roles: ['admin'] });
      expect(taken.status).toBe(409);
    });

    it('refuses invitations whose roles and scope do not fit, naming the fields', async () => {
      const before = await count('user_account');
      const res = await admin.post('/auth/invitations', { email: 'z@example.se', displayName: 'Z', roles: ['finance', 'org-contact'], groupIds: [groupId] });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.fields).sort()).toEqual(['groupIds', 'organisationId', 'payerCode']);
      const unknownOrg = await admin.post('/auth/invitations', { email: 'z@example.se', displayName: 'Z', roles: ['org-contact'], organisationId: randomUUID() });
      expect(unknownOrg.status).toBe(400);
      expect(unknownOrg.body.fields.organisationId).toEqual(['Organisationen finns inte.']);
      const badRole = await admin.post('/auth/invitations', { email: 'z@example.se', displayName: 'Z', roles: ['superuser'] });
      expect(badRole.status).toBe(400);
      expect(badRole.body.fields.roles[0]).toMatch(/Varje roll/);
      expect(await count('user_account')).toBe(before);
    });
  });

  describe('user management (admin only)', () => {
    it('lists users paged and filtered', async () => {
      const page = await admin.get('/users?role=coordinator&pageSize=1&page=1');
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.total).toBeGreaterThanOrEqual(1);
      expect(page.body.items[0].roles).toContain('coordinator');
      const byGroup = await admin.get(`/users?groupId=${groupId}`);
      expect(byGroup.body.items.map((u: { id: string }) => u.id)).toEqual([coordinator.user.id]);
      expect(byGroup.body.items[0].coordinatedGroupIds).toEqual([groupId]);
      const search = await admin.get(`/users?q=${encodeURIComponent(coordinator.user.email.slice(0, 18).toUpperCase())}`);
      expect(search.body.items.map((u: { id: string }) => u.id)).toContain(coordinator.user.id);
      const bad = await admin.get('/users?pageSize=1000&status=nope');
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields).sort()).toEqual(['pageSize', 'status']);
      expect((await coordinator.api.get('/users')).status).toBe(403);
    });

    it('changes roles and scope with effect on the next request, and disables and enables accounts', async () => {
      const u = await h.createUser({ roles: ['coordinator'] });
      expect((await u.api.get('/working-groups')).status).toBe(200);
      const set = await admin.put(`/users/${u.user.id}/access`, { roles: ['finance'], payerCode: 'SKR' });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ roles: ['finance'], payerCode: 'SKR', coordinatedGroupIds: [] });
      expect((await u.api.get('/working-groups')).status).toBe(403);
      expect((await u.api.get('/auth/me')).body.user.payerCode).toBe('SKR');

      const back = await admin.put(`/users/${u.user.id}/access`, { roles: ['coordinator'], groupIds: [groupId] });
      expect(back.body.coordinatedGroupIds).toEqual([groupId]);
      expect((await u.api.get(`/working-groups/${groupId}`)).status).toBe(200);

      const disabled = await admin.post(`/users/${u.user.id}/disable`);
      expect(disabled.status).toBe(200);
      expect(disabled.body.status).toBe('disabled');
      expect((await u.api.get('/auth/me')).status).toBe(401);
      expect((await h.api().post('/auth/login', { email: u.user.email, password: u.password })).status).toBe(401);
      expect((await admin.post(`/users/${u.user.id}/enable`)).body.status).toBe('active');
      expect((await h.api().post('/auth/login', { email: u.user.email, password: u.password })).status).toBe(200);

      const actions = (await h.dataSource.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [u.user.id])).map(
        (r: { action: string }) => r.action,
      );
      expect(actions).toEqual(expect.arrayContaining(['user.access-changed', 'user.disabled', 'user.enabled']));
    });

    it('refuses inconsistent access, self-lockout and unknown users, changing nothing', async () => {
      const me = (await admin.get('/auth/me')).body.user;
      const u = await h.createUser({ roles: ['org-contact'] });
      const bad = await admin.put(`/users/${u.user.id}/access`, { roles: ['representative'], payerCode: 'SKR' });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields).sort()).toEqual(['payerCode', 'personId']);
      expect((await admin.put(`/users/${me.id}/access`, { roles: ['coordinator'] })).status).toBe(409);
      expect((await admin.post(`/users/${me.id}/disable`)).status).toBe(409);
      expect((await admin.get(`/users/${randomUUID()}`)).status).toBe(404);
      expect((await admin.post(`/users/not-a-uuid/disable`)).status).toBe(404);
      expect((await admin.get(`/users/${u.user.id}`)).body).toMatchObject({ roles: ['org-contact'], status: 'active' });
      expect((await admin.get('/auth/me')).body.user.roles).toEqual(['admin']);
    });
  });

  describe('payment details (the person and finance of their payer only)', () => {
    it('decrypts for the person and finance of their payer, logs each read, and answers 404 to everyone else', async () => {
      const cipher = new FieldCipher(h.config.crypto.dataKey);
      const rep = await h.createUser({ roles: ['representative'] });
      await h.dataSource.query(`UPDATE person SET personal_number_enc = $2, bank_account_enc = $3, details_given_at = now() WHERE id = $1`, [
        rep.user.personId,
        cipher.encrypt('19121212-1212'),
        cipher.encrypt('8327-9 123 456 789-0'),
      ]);
      const path = `/people/${rep.user.personId}/payment-details`;
      const own = await rep.api.get(path);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ personId: rep.user.personId, personalNumber: '19121212-1212', bankAccount: '8327-9 123 456 789-0' });
      expect(own.headers.get('cache-control')).toBe('no-store');
      // The group (an NPO hosted by Västra) is paid by Västra: its finance reads the details of a representative there, SKR's does not.
      await h.dataSource.query(`INSERT INTO assignment (id, group_id, person_id, representation, state) VALUES ($1, $2, $3, 'own-experience', 'active')`, [
        randomUUID(),
        groupId,
        rep.user.personId,
      ]);
      const finance = await h.createUser({ roles: ['finance'], payerCode: 'vastra' });
      expect((await finance.api.get(path)).body.personalNumber).toBe('19121212-1212');

      const missing = await finance.api.get(`/people/${randomUUID()}/payment-details`);
      expect(missing.status).toBe(404);
      const others = [
        admin,
        coordinator.api,
        (await h.createUser({ roles: ['finance'], payerCode: 'SKR' })).api,
        (await h.createUser({ roles: ['representative'] })).api,
        (await h.createUser({ roles: ['org-contact'] })).api,
      ];
      for (const api of others) {
        const res = await api.get(path);
        expect(res.status).toBe(404);
        expect(res.body).toEqual(missing.body);
      }
      const reads = await h.dataSource.query(`SELECT actor, details::text AS details FROM audit_log WHERE action = 'person.payment-details-read' AND subject_id = $1 ORDER BY id`, [
        rep.user.personId,
      ]);
      expect(reads.map((r: { actor: string }) => r.actor)).toEqual([rep.user.id, finance.user.id]);
      expect(reads.map((r: { details: string }) => r.details).join()).not.toMatch(/1212|8327/);
    });
  });

  describe('GET /me/tasks', () => {
    it("lists each user's waiting steps: the representative's and the coordinator's, soonest deadline first", async () => {
      const rep = await h.createUser({ roles: ['representative'] });
      const toSign = randomUUID();
      const toCountersign = randomUUID();
      const other = await h.createUser({ roles: ['representative'] });
      await h.dataSource.query(
        `INSERT INTO assignment (id, group_id, person_id, representation, state) VALUES ($1, $3, $4, 'own-experience', 'agreement-drafted'), ($2, $3, $5, 'own-experience', 'signed')`,
        [toSign, toCountersign, groupId, rep.user.personId, other.user.personId],
      );
      const mine = await rep.api.get('/me/tasks');
      expect(mine.status).toBe(200);
      expect(mine.body).toEqual([
        { kind: 'assignment.sign-agreement', title: 'Signera överenskommelsen', subject: { type: 'assignment', id: toSign }, groupId, groupName: expect.any(String), personName: expect.stringMatching(/\S/), deadline: null, urgent: false },
      ]);
      expect((await other.api.get('/me/tasks')).body).toEqual([]);
      const coord = (await coordinator.api.get('/me/tasks')).body as Array<{ kind: string; subject: { id: string } }>;
      expect(coord).toContainEqual(expect.objectContaining({ kind: 'assignment.countersign-agreement', subject: { type: 'assignment', id: toCountersign } }));
      expect(coord.map((t) => t.subject.id)).not.toContain(toSign);
      expect((await (await h.createUser({ roles: ['coordinator'] })).api.get('/me/tasks')).body).toEqual([]);
    });

    it('shows an organisation contact its open nomination requests with their deadlines', async () => {
      const contact = await h.createUser({ roles: ['org-contact'], organisationId });
      const soon = randomUUID();
      const later = randomUUID();
      await h.dataSource.query(
        `INSERT INTO nomination_request (id, group_id, organisation_id, round, state, deadline) VALUES
           ($1, $3, $4, 1, 'sent', '2030-01-10T10:00:00Z'), ($2, $3, $4, 2, 'reminded', '2030-01-05T10:00:00Z'), ($5, $3, $4, 3, 'nominated', '2030-01-01T10:00:00Z')`,
        [later, soon, groupId, organisationId, randomUUID()],
      );
      const tasks = (await contact.api.get('/me/tasks')).body as Array<{ subject: { id: string }; deadline: string }>;
      expect(tasks.map((t) => [t.subject.id, t.deadline])).toEqual([
        [soon, '2030-01-05T10:00:00.000Z'],
        [later, '2030-01-10T10:00:00.000Z'],
      ]);
    });

    it("shows finance the draft payout batches of their own payer", async () => {
      const skr = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
      const sodra = await h.createUser({ roles: ['finance'], payerCode: 'sodra' });
      const batch = randomUUID();
      await h.dataSource.query(
        `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for) VALUES ($1, 'SKR', '2030-01', 'payout-run:SKR:2030-01', 'draft', '2030-01-31', '2030-01-31')`,
        [batch],
      );
      try {
        expect((await skr.api.get('/me/tasks')).body).toEqual([
          expect.objectContaining({ kind: 'batch.approve', subject: { type: 'batch', id: batch }, title: 'Granska och godkänn utbetalningen för 2030-01' }),
        ]);
        expect((await sodra.api.get('/me/tasks')).body).toEqual([]);
        await h.dataSource.query(`UPDATE payout_batch SET state = 'cancelled' WHERE id = $1`, [batch]);
        expect((await skr.api.get('/me/tasks')).body).toEqual([]);
      } finally {
        await h.dataSource.query(`DELETE FROM payout_batch WHERE id = $1`, [batch]);
      }
    });

    it("includes tasks from other modules' task sources", async () => {
      // Without the module the finance user has nothing to do; with it (a second API), its source's tasks appear.
      const finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
      expect((await finance.api.get('/me/tasks')).body).toEqual([]);
      const other = await startHarness({ worker: false, modules: [TestTasksModule] });
      try {
        const otherFinance = await other.createUser({ roles: ['finance'], payerCode: 'SKR' });
        const otherCoordinator = await other.createUser({ roles: ['coordinator'] });
        expect((await otherFinance.api.get('/me/tasks')).body.map((t: { kind: string }) => t.kind)).toEqual(['batch.approve']);
        expect((await otherCoordinator.api.get('/me/tasks')).body.map((t: { kind: string }) => t.kind)).not.toContain('batch.approve');
      } finally {
        await other.close();
      }
    });
  });
});

describe('accounts: the bootstrap administrator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ worker: false, env: { BOOTSTRAP_ADMIN_EMAIL: 'Admin@Demo.Medverkan.se', BOOTSTRAP_ADMIN_PASSWORD: 'Demo-2026!' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is created at the first start and not touched once an administrator exists', async () => {
    const token = await h.login('admin@demo.medverkan.se', 'Demo-2026!');
    expect((await h.api(token).get('/auth/me')).body.user.roles).toEqual(['admin']);
    expect(await h.app.get(UsersService).ensureBootstrapAdmin()).toBe('exists');
    const admins = await h.dataSource.query(`SELECT count(*)::int AS n FROM user_account WHERE 'admin' = ANY(roles)`);
    expect(admins[0].n).toBe(1);
  });
});
