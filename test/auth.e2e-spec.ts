import { randomUUID } from 'node:crypto';
import { Harness, startHarness, TestUser } from './support/harness';

const group = (name = 'NPO Njursjukdomar') => ({ name, kind: 'NPO', hostRegion: 'norra', commission: 'Kunskapsstyrning inom njursjukdomar.' });

describe('auth: login, sessions and the global guard', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('login', () => {
    it('logs in with email (any case) and password, and the token works until logout', async () => {
      const u = await h.createUser({ roles: ['coordinator'], email: 'sara.samordnare@example.se', displayName: 'Sara Samordnare' });
      const res = await h.api().post('/auth/login', { email: 'Sara.Samordnare@EXAMPLE.se', password: u.password });
      expect(res.status).toBe(200);
      expect(res.body.token).toMatch(/^mvs_[\w-]{40,}$/);
      expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 7 * 3600_000);
      expect(res.body.user).toEqual({
        id: u.user.id,
        email: 'sara.samordnare@example.se',
        displayName: 'Sara Samordnare',
        roles: ['coordinator'],
        personId: null,
        organisationId: null,
        payerCode: null,
      });
      const api = h.api(res.body.token);
      const me = await api.get('/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.id).toBe(u.user.id);
      expect(me.body.coordinatedGroupIds).toEqual([]);

      expect((await api.post('/auth/logout')).status).toBe(204);
      const after = await api.get('/auth/me');
      expect(after.status).toBe(401);
      expect(after.body.message).toMatch(/Logga in igen/);
      // Another session of the same user is not affected.
      expect((await u.api.get('/auth/me')).status).toBe(200);
    });

    it('stores neither the password nor the token in the clear', async () => {
      const u = await h.createUser({ roles: ['admin'] });
      const [account] = await h.dataSource.query(`SELECT password_hash FROM user_account WHERE id = $1`, [u.user.id]);
      expect(account.password_hash).toMatch(/^\$argon2id\$/);
      expect(account.password_hash).not.toContain(u.password);
      const sessions: Array<{ token_hash: string }> = await h.dataSource.query(`SELECT token_hash FROM auth_session WHERE user_id = $1`, [u.user.id]);
      expect(sessions).toHaveLength(1);
      expect(sessions[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(sessions[0].token_hash).not.toContain(u.token);
    });

    it('answers an unknown email and a wrong password alike', async () => {
      const u = await h.createUser({ roles: ['finance'] });
      const wrong = await h.api().post('/auth/login', { email: u.user.email, password: 'fel-lösenord-123' });
      const unknown = await h.api().post('/auth/login', { email: 'ingen@example.se', password: 'fel-lösenord-123' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.body.message).toMatch(/Inloggningen misslyckades/);
    });

    it('refuses malformed login input with field messages', async () => {
      const res = await h.api().post('/auth/login', { email: 'inte-en-adress', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.body.fields.email).toEqual(['Ange en giltig e-postadress.']);
      expect(res.body.fields.password).toBeDefined();
      expect(res.body.fields.extra).toBeDefined();
    });

    it('locks the account after 5 failed logins for 15 minutes, even for the right password, without saying so', async () => {
      const u = await h.createUser({ roles: ['coordinator'] });
      for (let i = 0; i < 4; i++) expect((await h.api().post('/auth/login', { email: u.user.email, password: `fel-${i}-lösenord` })).status).toBe(401);
      // A success resets the counter…
      expect((await h.api().post('/auth/login', { email: u.user.email, password: u.password })).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await h.api().post('/auth/login', { email: u.user.email, password: `fel-${i}-lösenord` })).status).toBe(401);
      expect((await h.api().post('/auth/login', { email: u.user.email, password: u.password })).status).toBe(200);
      // …five in a row lock it.
      let fifth;
      for (let i = 0; i < 5; i++) fifth = await h.api().post('/auth/login', { email: u.user.email, password: `fel-${i}-lösenord` });
      const locked = await h.api().post('/auth/login', { email: u.user.email, password: u.password });
      expect(locked.status).toBe(401);
      expect(locked.body).toEqual(fifth!.body);
      const [row] = await h.dataSource.query(`SELECT locked_until FROM user_account WHERE id = $1`, [u.user.id]);
      const minutes = (new Date(row.locked_until).getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(14);
      expect(minutes).toBeLessThanOrEqual(15);
      const audit = await h.dataSource.query(`SELECT action FROM audit_log WHERE subject_id = $1 AND action = 'auth.login-locked'`, [u.user.id]);
      expect(audit).toHaveLength(1);
      // Sessions already open keep working; when the lock has passed, the right password works again.
      expect((await u.api.get('/auth/me')).status).toBe(200);
      await h.dataSource.query(`UPDATE user_account SET locked_until = now() - interval '1 second' WHERE id = $1`, [u.user.id]);
      expect((await h.api().post('/auth/login', { email: u.user.email, password: u.password })).status).toBe(200);
    });

    it('refuses a disabled account and ends its sessions', async () => {
      const u = await h.createUser({ roles: ['org-contact'] });
      await h.dataSource.query(`UPDATE user_account SET disabled_at = now() WHERE id = $1`, [u.user.id]);
      expect((await u.api.get('/auth/me')).status).toBe(401);
      expect((await h.api().post('/auth/login', { email: u.user.email, password: u.password })).status).toBe(401);
    });
  });

  describe('sessions', () => {
    it('refuses requests without a token, with a malformed or unknown token, and with an expired session', async () => {
      const none = await h.api().get('/working-groups');
      expect(none.status).toBe(401);
      expect(none.body.message).toBe('Du behöver logga in för att använda tjänsten.');
      expect((await h.api().fetch('/working-groups', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
      expect((await h.api('mvs_unknown').get('/working-groups')).status).toBe(401);

      const u = await h.createUser({ roles: ['admin'] });
      expect((await u.api.get('/working-groups')).status).toBe(200);
      await h.dataSource.query(`UPDATE auth_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [u.user.id]);
      expect((await u.api.get('/working-groups')).status).toBe(401);
    });

    it('slides: a session in use is extended', async () => {
      const u = await h.createUser({ roles: ['admin'] });
      await h.dataSource.query(
        `UPDATE auth_session SET last_seen_at = now() - interval '2 hours', expires_at = now() + interval '6 hours' WHERE user_id = $1`,
        [u.user.id],
      );
      const me = await u.api.get('/auth/me');
      expect(me.status).toBe(200);
      const hoursLeft = (new Date(me.body.sessionExpiresAt).getTime() - Date.now()) / 3600_000;
      expect(hoursLeft).toBeGreaterThan(7.9);
    });

    it('keeps /health, /auth/login and the OpenAPI document public', async () => {
      expect((await h.api().get('/health')).status).toBe(200);
      const doc = await h.api().get('/api/docs-json');
      expect(doc.status).toBe(200);
      expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });
  });

  describe('roles and scope on working groups', () => {
    let coordinator: TestUser;
    let other: TestUser;
    let groupId: string;
    beforeAll(async () => {
      coordinator = await h.createUser({ roles: ['coordinator'] });
      other = await h.createUser({ roles: ['coordinator'] });
      const res = await coordinator.api.post('/working-groups', group());
      expect(res.status).toBe(201);
      groupId = res.body.group.id;
    });

    it('makes the coordinator who creates a group its coordinator', async () => {
      expect((await coordinator.api.get('/auth/me')).body.coordinatedGroupIds).toEqual([groupId]);
      expect((await coordinator.api.get(`/working-groups/${groupId}`)).status).toBe(200);
    });

    it("answers 404, exactly as for a missing group, to another coordinator, a representative and finance", async () => {
      const missing = await coordinator.api.get(`/working-groups/${randomUUID()}`);
      expect(missing.status).toBe(404);
      for (const u of [other, await h.createUser({ roles: ['representative'] }), await h.createUser({ roles: ['finance'] })]) {
        const res = await u.api.get(`/working-groups/${groupId}`);
        expect(res.status).toBe(404);
        expect(res.body).toEqual(missing.body);
        expect((await u.api.post(`/working-groups/${groupId}/recruitment`)).status).toBe(404);
      }
    });

    it('lets an administrator see every group', async () => {
      const admin = await h.asAdmin();
      expect((await admin.get(`/working-groups/${groupId}`)).status).toBe(200);
      expect((await admin.get('/working-groups')).body.map((g: { id: string }) => g.id)).toContain(groupId);
    });

    it('refuses group creation and listing to roles other than coordinator and admin with 403', async () => {
      for (const roles of [['representative'], ['org-contact'], ['finance']] as const) {
        const u = await h.createUser({ roles: [...roles] });
        const before = await h.dataSource.query(`SELECT count(*)::int AS n FROM working_group`);
        const res = await u.api.post('/working-groups', group('NPO Otillåten'));
        expect(res.status).toBe(403);
        expect(res.body.message).toBe('Du har inte behörighet att göra detta.');
        expect((await u.api.get('/working-groups')).status).toBe(403);
        expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM working_group`)).toEqual(before);
      }
    });

    it("does not let another coordinator take over a group by re-posting its id", async () => {
      const res = await other.api.post('/working-groups', { ...group(), id: groupId });
      expect(res.status).toBe(409);
      expect((await other.api.get(`/working-groups/${groupId}`)).status).toBe(404);
      // The coordinator's own retry is idempotent.
      expect((await coordinator.api.post('/working-groups', { ...group(), id: groupId })).status).toBe(201);
    });
  });
});

describe('auth: per-IP rate limit on login', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ worker: false, env: { AUTH_LOGIN_MAX_PER_IP: '3', AUTH_LOGIN_IP_WINDOW_SECONDS: '600' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers 429 with Retry-After once an address has used up its attempts', async () => {
    for (let i = 0; i < 3; i++) expect((await h.api().post('/auth/login', { email: 'x@example.se', password: 'fel-lösenord' })).status).toBe(401);
    const res = await h.api().post('/auth/login', { email: 'x@example.se', password: 'fel-lösenord' });
    expect(res.status).toBe(429);
    expect(res.body.message).toMatch(/För många inloggningsförsök/);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(500);
  });
});
