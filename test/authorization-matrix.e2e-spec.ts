import { randomUUID } from 'node:crypto';
import { SCOPE_NOT_FOUND_MESSAGES } from '../src/auth/access-policy';
import type { Role } from '../src/auth/auth-user';
import type { ScopeKind } from '../src/auth/auth.decorators';
import { MESSAGES } from '../src/auth/auth.guard';
import { DiscoveredEndpoint, discoverEndpoints, toOpenApiPath } from '../src/auth/openapi-auth';
import { ApiClient, ApiResponse, CreateUserOptions, Harness, startHarness } from './support/harness';

/**
 * Every endpoint registered in the application (discovered from Nest's router metadata, so new endpoints are
 * covered without editing this file), tried with no token, as every role, and as a user of another scope.
 * Objects: two of each kind (A and B); each user belongs to side A or B (or neither).
 */
type Who = 'admin' | 'coordA' | 'coordB' | 'orgA' | 'orgB' | 'repA' | 'repB' | 'finA' | 'finB';
type Side = 'A' | 'B';
const WHO: Who[] = ['admin', 'coordA', 'coordB', 'orgA', 'orgB', 'repA', 'repB', 'finA', 'finB'];
const ROLE_OF: Record<Who, Role> = {
  admin: 'admin',
  coordA: 'coordinator',
  coordB: 'coordinator',
  orgA: 'org-contact',
  orgB: 'org-contact',
  repA: 'representative',
  repB: 'representative',
  finA: 'finance',
  finB: 'finance',
};
const FIXTURE_KINDS = ['group', 'assignment', 'organisation', 'organisation-record', 'person', 'payer'] as const;
type FixtureKind = (typeof FIXTURE_KINDS)[number];

/** The rules, written independently of AccessPolicy: who may see object `side` of `kind`. */
function sees(who: Who, kind: FixtureKind, side: Side): boolean {
  switch (kind) {
    case 'group':
      return who === 'admin' || who === `coord${side}`;
    case 'assignment':
      return who === 'admin' || who === `coord${side}` || who === `org${side}` || who === `rep${side}`;
    case 'organisation':
      return who === 'admin' || who === `org${side}`;
    case 'organisation-record':
      return who === 'admin' || who === 'coordA' || who === 'coordB' || who === `org${side}`;
    case 'person':
      // The person, and finance of the payer of their assignment (A: an NSG, paid by SKR; B: an NPO hosted by Södra).
      return who === `rep${side}` || who === `fin${side}`;
    case 'payer':
      return who === `fin${side}`;
  }
}

const isFixtureKind = (k: ScopeKind): k is FixtureKind => (FIXTURE_KINDS as readonly string[]).includes(k);
const roleOk = (who: Who, e: DiscoveredEndpoint) => e.roles.length === 0 || e.roles.includes(ROLE_OF[who]);
const label = (e: DiscoveredEndpoint) => `${e.method.toUpperCase()} ${e.path}`;
const isLogout = (e: DiscoveredEndpoint) => e.path === '/auth/logout';
const WRITE = new Set(['post', 'put', 'patch', 'delete']);

describe('authorization matrix: every endpoint × no token, every role, another scope', () => {
  let h: Harness;
  let endpoints: DiscoveredEndpoint[];
  const api: Partial<Record<Who, ApiClient>> = {};
  /** A second session per user, for POST /auth/logout (which ends the session it is called with). */
  const spare: Partial<Record<Who, ApiClient>> = {};
  const objects = {} as Record<FixtureKind, Record<Side | 'missing', string>>;

  beforeAll(async () => {
    h = await startHarness({ worker: false });
    const ds = h.dataSource;
    const id = () => randomUUID();
    const g = { A: id(), B: id() };
    const o = { A: id(), B: id() };
    const p = { A: id(), B: id() };
    const a = { A: id(), B: id() };
    for (const s of ['A', 'B'] as const) {
      await ds.query(`INSERT INTO working_group (id, name, kind, host_region, commission) VALUES ($1, $2, $3, $4, 'Uppdrag')`, [
        g[s],
        `Grupp ${s}`,
        s === 'A' ? 'NSG' : 'NPO',
        s === 'A' ? null : 'sodra',
      ]);
      await ds.query(`INSERT INTO organisation (id, name, perspective, contact_email) VALUES ($1, $2, 'patient', 'org@example.se')`, [o[s], `Förbund ${s}`]);
      await ds.query(`INSERT INTO person (id, full_name, email) VALUES ($1, $2, $3)`, [p[s], `Person ${s}`, `person.${s}@example.se`]);
      // Accepted (not only offered): the payer of the group may then read the person's payment details.
      await ds.query(`INSERT INTO assignment (id, group_id, person_id, representation, nominating_organisation_id, state) VALUES ($1, $2, $3, 'mandate', $4, 'accepted')`, [
        a[s],
        g[s],
        p[s],
        o[s],
      ]);
    }
    objects.group = { ...g, missing: id() };
    objects.organisation = { ...o, missing: id() };
    objects['organisation-record'] = objects.organisation;
    objects.person = { ...p, missing: id() };
    objects.assignment = { ...a, missing: id() };
    objects.payer = { A: 'SKR', B: 'sodra', missing: 'ingen-betalare' };

    const made: Record<Who, CreateUserOptions> = {
      admin: { roles: ['admin'] },
      coordA: { roles: ['coordinator'], groupIds: [g.A] },
      coordB: { roles: ['coordinator'], groupIds: [g.B] },
      orgA: { roles: ['org-contact'], organisationId: o.A },
      orgB: { roles: ['org-contact'], organisationId: o.B },
      repA: { roles: ['representative'], personId: p.A },
      repB: { roles: ['representative'], personId: p.B },
      finA: { roles: ['finance'], payerCode: 'SKR' },
      finB: { roles: ['finance'], payerCode: 'sodra' },
    };
    for (const who of WHO) {
      const u = await h.createUser(made[who]);
      api[who] = u.api;
      spare[who] = h.api(await h.login(u.user.email, u.password));
    }
    endpoints = discoverEndpoints(h.app).filter((e) => e.method !== 'all' && e.method !== 'head' && e.method !== 'options');
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The path with the scoped parameter set to `value` and every other parameter to a random UUID. */
  const pathFor = (e: DiscoveredEndpoint, value?: string) =>
    e.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(e.scope && name === e.scope.param && value !== undefined ? value : randomUUID()));

  const call = (client: ApiClient, e: DiscoveredEndpoint, path: string): Promise<ApiResponse> =>
    e.method === 'get' ? client.get(path) : client[e.method as 'post' | 'put' | 'patch' | 'delete'](path, {});

  it('finds the endpoints, including these', () => {
    expect(endpoints.filter((e) => e.takesBody).map(label)).toEqual(
      expect.arrayContaining(['POST /auth/login', 'POST /working-groups', 'PUT /users/:id/access', 'POST /organisations', 'PATCH /organisations/:id']),
    );
    // Organisations: listed, created and read by administrators and coordinators (and read by its contacts),
    // changed by administrators only.  Invitations: administrators, coordinators and organisation contacts.
    const auth = (name: string) => endpoints.find((e) => label(e) === name);
    expect(auth('GET /organisations')).toMatchObject({ roles: ['admin', 'coordinator'], scope: null });
    expect(auth('POST /organisations')).toMatchObject({ roles: ['admin', 'coordinator'], scope: null });
    expect(auth('GET /organisations/:id')).toMatchObject({ roles: [], scope: { kind: 'organisation-record', param: 'id' } });
    expect(auth('PATCH /organisations/:id')).toMatchObject({ roles: ['admin'], scope: null });
    expect(auth('POST /auth/invitations')).toMatchObject({ roles: ['admin', 'coordinator', 'org-contact'], scope: null });
    expect(auth('GET /people/:id/payment-details')).toMatchObject({ roles: [], scope: { kind: 'person', param: 'id' } });
    const names = endpoints.map(label);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /health',
        'POST /auth/login',
        'GET /auth/me',
        'POST /working-groups',
        'GET /working-groups/:id',
        'GET /users',
        'POST /auth/invitations/accept',
        'GET /people/:id/payment-details',
        'GET /me/tasks',
        'GET /organisations',
        'GET /organisations/:id',
        'POST /organisations',
        'PATCH /organisations/:id',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('declares in the OpenAPI document how each endpoint is protected', async () => {
    const doc = (await h.api().get('/api/docs-json')).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const e of endpoints) {
      const op = doc.paths[toOpenApiPath(e.path)]?.[e.method];
      if (!op) continue; // excluded from the docs on purpose
      expect({ endpoint: label(e), security: op.security, auth: op['x-auth'] }).toEqual({
        endpoint: label(e),
        security: e.public ? [] : [{ bearer: [] }],
        auth: { public: e.public, roles: e.roles, scope: e.scope },
      });
    }
  });

  it('answers 401 without a token, or with an unknown one, on every endpoint that is not public', async () => {
    const problems: string[] = [];
    for (const e of endpoints) {
      const path = pathFor(e);
      for (const client of [h.api(), h.api('mvs_not-a-session')]) {
        const res = await call(client, e, path);
        if (e.public) {
          if (res.status === 401 || res.status >= 500) problems.push(`${label(e)} is public but answered ${res.status} ${JSON.stringify(res.body)}`);
        } else if (res.status !== 401 || typeof res.body?.message !== 'string' || !/logga in/i.test(res.body.message)) {
          problems.push(`${label(e)} (${client.token ? 'bad token' : 'no token'}) answered ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('enforces @Roles with 403 on endpoints without a scope, and lets the listed roles through', async () => {
    const problems: string[] = [];
    for (const e of endpoints.filter((x) => !x.public && !x.scope)) {
      for (const who of WHO) {
        const client = isLogout(e) ? spare[who]! : api[who]!;
        const res = await call(client, e, pathFor(e));
        const guardRefusal = res.status === 403 && res.body?.message === MESSAGES.forbidden;
        if (roleOk(who, e)) {
          if (res.status === 401 || guardRefusal || res.status >= 500) problems.push(`${label(e)} as ${who}: expected through, got ${res.status} ${JSON.stringify(res.body)}`);
        } else if (!guardRefusal) {
          problems.push(`${label(e)} as ${who}: expected 403, got ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('on scoped endpoints, answers 404 exactly as for a missing object to every other scope and role, and lets the right users through', async () => {
    const problems: string[] = [];
    for (const e of endpoints.filter((x) => x.scope)) {
      const kind = e.scope!.kind;
      for (const who of WHO) {
        const client = isLogout(e) ? spare[who]! : api[who]!;
        if (!isFixtureKind(kind)) {
          // No object of this kind in the fixture: an unknown id reveals nothing and never passes silently.
          const res = await call(client, e, pathFor(e, randomUUID()));
          if (res.status !== 404 && !(roleOk(who, e) && res.status === 400)) problems.push(`${label(e)} as ${who} (unknown ${kind}): ${res.status} ${JSON.stringify(res.body)}`);
          continue;
        }
        const missing = await call(client, e, pathFor(e, objects[kind].missing));
        for (const side of ['A', 'B'] as const) {
          const res = await call(client, e, pathFor(e, objects[kind][side]));
          const allowed = roleOk(who, e) && sees(who, kind, side);
          if (allowed) {
            const guardRefusal = res.status === 404 && res.body?.message === SCOPE_NOT_FOUND_MESSAGES[kind];
            if (res.status === 401 || res.status === 403 || guardRefusal || res.status >= 500) {
              problems.push(`${label(e)} as ${who} on ${kind} ${side}: expected through, got ${res.status} ${JSON.stringify(res.body)}`);
            }
          } else if (res.status !== 404 || JSON.stringify(res.body) !== JSON.stringify(missing.body) || missing.status !== 404) {
            problems.push(
              `${label(e)} as ${who} on ${kind} ${side}: expected the missing-object answer ${missing.status} ${JSON.stringify(missing.body)}, got ${res.status} ${JSON.stringify(res.body)}`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses malformed input on every write endpoint that takes a body with a clear 4xx message and changes nothing', async () => {
    const snapshot = async () => {
      const tables: Array<{ t: string }> = await h.dataSource.query(
        `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('auth_session', 'migrations') ORDER BY 1`,
      );
      const parts: string[] = [];
      for (const { t } of tables) {
        const [r] = await h.dataSource.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`);
        parts.push(`${t}:${r.n}:${r.h}`);
      }
      return parts;
    };
    const problems: string[] = [];
    for (const e of endpoints.filter((x) => WRITE.has(x.method) && x.takesBody && !x.public && !isLogout(x))) {
      // A user the guard lets through: an administrator, or someone with the role on their own object (side A).
      const who =
        WHO.find((w) => roleOk(w, e) && (!e.scope || !isFixtureKind(e.scope.kind) || sees(w, e.scope.kind, 'A'))) ?? 'admin';
      const value = e.scope && isFixtureKind(e.scope.kind) ? objects[e.scope.kind].A : undefined;
      const path = pathFor(e, value);
      for (const [what, body] of [
        ['unknown field', JSON.stringify({ thisFieldDoesNotExist: 'x' })],
        ['broken JSON', '{"a": '],
        ['wrong types', JSON.stringify({ name: 17, roles: 'admin', email: ['x'], token: 5, password: 5, amount: 'mycket' })],
      ] as const) {
        const before = await snapshot();
        const res = await api[who]!.fetch(path, { method: e.method.toUpperCase(), headers: { 'content-type': 'application/json' }, body });
        const json = (await res.json().catch(() => undefined)) as { message?: unknown } | undefined;
        const after = await snapshot();
        if (res.status < 400 || res.status >= 500 || typeof json?.message !== 'string' || json.message.length < 5) {
          problems.push(`${label(e)} as ${who} with ${what}: ${res.status} ${JSON.stringify(json)}`);
        }
        const changed = after.filter((x, i) => x !== before[i]);
        if (changed.length) problems.push(`${label(e)} as ${who} with ${what} changed ${changed.map((c) => c.split(':')[0]).join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
