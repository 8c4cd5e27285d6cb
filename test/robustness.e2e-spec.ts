import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { MESSAGES } from '../src/auth/auth.guard';
import { CONTROL_MESSAGE } from '../src/common/text-input';
import { ApiClient, Harness, startHarness, TestUser } from './support/harness';

/**
 * What a client can send never answers 500 (issue 14, items 1, 2 and 5): control characters, blank names,
 * deep nesting, bodies that are not JSON, simultaneous creates with one client id, and a database that is away.
 */
describe('robustness of the API against what a client can send', () => {
  let h: Harness;
  let admin: ApiClient;
  let coordinator: TestUser;
  const group = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ name: `NPO Robust ${randomUUID().slice(0, 8)}`, kind: 'NPO', hostRegion: 'norra', commission: 'Ta fram ett vårdprogram.', ...over });
  const groupCount = async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM working_group`))[0].n as number;

  beforeAll(async () => {
    h = await startHarness({ worker: false });
    admin = await h.asAdmin();
    coordinator = await h.createUser({ roles: ['coordinator'] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a NUL byte or another control character in a text with 400 naming the field, storing nothing', async () => {
    const before = await groupCount();
    for (const name of ['NAG\u0000Hjärta', 'NAG \u001b[31m', 'NAG\u007f']) {
      const res = await coordinator.api.post('/working-groups', group({ name }));
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual({ name: [CONTROL_MESSAGE] });
    }
    const org = await admin.post('/organisations', { name: 'Förbundet', perspective: 'patient', contactEmail: 'a@example.se', postalAddress: 'Gatan 1\u0000' });
    expect(org.status).toBe(400);
    expect(await groupCount()).toBe(before);
  });

  it('refuses control characters in a path or a query string with 400, before any handler', async () => {
    const inPath = await admin.get('/rate-tables/nationell%00');
    expect(inPath.status).toBe(400);
    expect(inPath.body.message).toMatch(/otillåtna tecken/);
    const inQuery = await admin.get('/rate-tables?payerCode=SKR%00');
    expect(inQuery.status).toBe(400);
    const badEncoding = await admin.get('/rate-tables/%E0%A4%A');
    expect(badEncoding.status).toBe(400);
  });

  it('treats a name of only spaces as missing: the field says what to do, no database check answers 500', async () => {
    const res = await coordinator.api.post('/working-groups', group({ name: '    ' }));
    expect(res.status).toBe(400);
    expect(res.body.fields.name).toEqual(['Ange gruppens namn.']);
  });

  it('keeps tab and newline and stores text in NFC', async () => {
    const res = await coordinator.api.post('/working-groups', group({ name: `NPO Ta\u030ag ${randomUUID().slice(0, 6)}`, commission: 'Rad ett\nrad\ttvå' }));
    expect(res.status).toBe(201);
    const [row] = await h.dataSource.query(`SELECT name, commission FROM working_group WHERE id = $1`, [res.body.group.id]);
    expect(row.name.startsWith('NPO Tåg ')).toBe(true);
    expect(row.name).toBe(row.name.normalize('NFC'));
    expect(row.commission).toBe('Rad ett\nrad\ttvå');
  });

  it('refuses a 40 000-deep JSON array with 400', async () => {
    const deep = '['.repeat(40_000) + ']'.repeat(40_000);
    const res = await coordinator.api.fetch('/working-groups', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"name":"NAG","kind":"NAG","commission":"x","tags":${deep}}`,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/nästlad/);
  });

  it('answers 415 to a form-encoded body, which creates nothing', async () => {
    const before = await groupCount();
    const res = await coordinator.api.fetch('/working-groups', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=NAG+Formul%C3%A4r&kind=NAG&commission=x',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toMatch(/JSON/);
    expect(await groupCount()).toBe(before);
  });

  it('says in Swedish what is wrong with malformed JSON, a too large body and an unknown field, one message per field', async () => {
    const malformed = await coordinator.api.fetch('/working-groups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": "NAG",' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toMatch(/inte giltig JSON/);
    const large = await coordinator.api.fetch('/working-groups', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(group({ commission: 'x'.repeat(200_000) })),
    });
    expect(large.status).toBe(413);
    const largeBody = (await large.json()) as { message: string };
    expect(largeBody.message).toMatch(/för stor/);
    expect(largeBody.message).not.toMatch(/JSON/);
    const unknown = await coordinator.api.post('/working-groups', group({ colour: 'röd' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields.colour).toEqual(['Fältet "colour" finns inte här. Ta bort det och försök igen.']);
    const triple = await coordinator.api.post('/working-groups', group({ name: 12 }));
    expect(triple.status).toBe(400);
    expect(triple.body.fields.name).toHaveLength(1);
  });

  it('answers 401 to a body sent without a valid session before the body is parsed or echoed; public routes still read theirs', async () => {
    const anonymous = h.api();
    const expired = h.api('mvs_not-a-session');
    const secret = `hemligt-${randomUUID()}`;
    const before = await groupCount();
    const send = async (client: typeof anonymous, path: string, contentType: string, body: string) => {
      const res = await client.fetch(path, { method: 'POST', headers: { 'content-type': contentType }, body });
      return { status: res.status, text: await res.text() };
    };
    const cases: Array<[string, string, string]> = [
      ['/working-groups', 'application/json', `{"name": "${secret}",`], // malformed JSON (was 400)
      ['/working-groups', 'application/json', JSON.stringify(group({ name: secret, commission: 'x'.repeat(2_000_000) }))], // too large (was 413)
      ['/working-groups', 'application/x-www-form-urlencoded', `name=${secret}&kind=NAG&commission=x`], // not JSON (was 415)
      ['/working-groups/', 'text/plain', secret], // trailing slash: the same route
      ['/auth/logout', 'application/json', `{"${secret}": ${'['.repeat(40_000)}`],
    ];
    for (const [path, type, body] of cases) {
      const none = await send(anonymous, path, type, body);
      expect({ path, type, status: none.status }).toEqual({ path, type, status: 401 });
      expect(JSON.parse(none.text)).toEqual({ statusCode: 401, error: 'Unauthorized', message: MESSAGES.noToken });
      const bad = await send(expired, path, type, body);
      expect({ path, type, status: bad.status }).toEqual({ path, type, status: 401 });
      expect(JSON.parse(bad.text).message).toBe(MESSAGES.badToken);
      expect(none.text + bad.text).not.toContain(secret);
    }
    expect(await groupCount()).toBe(before);

    // Public routes parse their bodies as before: malformed JSON is 400, another type 415.
    const login = await send(anonymous, '/auth/login', 'application/json', '{"email": ');
    expect(login.status).toBe(400);
    expect(JSON.parse(login.text).message).toMatch(/inte giltig JSON/);
    const accept = await send(anonymous, '/auth/invitations/accept', 'application/x-www-form-urlencoded', 'token=x&password=y');
    expect(accept.status).toBe(415);
    // With a session the body is read as before.
    const malformed = await send(coordinator.api, '/working-groups', 'application/json', '{"name": "NAG",');
    expect(malformed.status).toBe(400);
  });

  it('answers eight simultaneous creates with one client id as one group, never 500', async () => {
    const body = group({ id: randomUUID() });
    const answers = await Promise.all(Array.from({ length: 8 }, () => coordinator.api.post('/working-groups', body)));
    expect(answers.map((a) => a.status).filter((s) => s >= 500)).toEqual([]);
    for (const a of answers) {
      expect([200, 201]).toContain(a.status);
      expect(a.body.group.id).toBe(body.id);
    }
    const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM working_group WHERE id = $1`, [body.id]);
    expect(n).toBe(1);
  });

  it('answers 503 with Retry-After and a Swedish message while the database refuses connections, then works again', async () => {
    const dbName = new URL(h.config.database.url).pathname.slice(1);
    const server = new PgClient({ connectionString: process.env.TEST_PG_SERVER_URL });
    await server.connect();
    try {
      await server.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
      await server.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
      const res = await coordinator.api.get('/working-groups');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body.message).toBe('Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.');
    } finally {
      await server.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
      await server.end();
    }
    let again = await coordinator.api.get('/working-groups');
    for (let i = 0; i < 20 && again.status !== 200; i++) again = await coordinator.api.get('/working-groups');
    expect(again.status).toBe(200);
  });
});
