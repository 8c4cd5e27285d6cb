import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createApi } from '../../src/api.bootstrap';
import type { AuthUser, Role } from '../../src/auth/auth-user';
import { PasswordHasher } from '../../src/auth/password-hasher';
import { AppConfig, loadConfig } from '../../src/config/config';
import { createDatabase } from '../../src/dev/embedded-postgres';
import { createLogger } from '../../src/logging/logger';
import { createWorker, RunningWorker } from '../../src/worker.bootstrap';
import { FieldCipher } from '../../src/crypto/field-cipher';
import { givePayersTestAccounts } from './payers';
import { ensureNationalRateTableForToday } from './rates';
import { stopPdfRenderThreads } from '../../src/documents/pdf-render-pool';

/**
 * Boots the API and the worker in-process against the real engines started by global-setup, each test file on
 * its own fresh database and its own task queue.
 */
export interface Harness {
  config: AppConfig;
  app: INestApplication;
  baseUrl: string;
  client: Client;
  dataSource: DataSource;
  worker: RunningWorker | undefined;
  startWorker(): Promise<void>;
  /** Stops the worker as a crash would leave things: nothing completes after this. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
  /**
   * Inserts a user straight into the database (with a person record for a representative and an organisation
   * for an organisation contact when none is given; coordinator of `groupIds`) and logs in through the API.
   */
  createUser(opts?: CreateUserOptions): Promise<TestUser>;
  /** POST /auth/login; the bearer token. Throws unless the login succeeds. */
  login(email: string, password: string): Promise<string>;
  /** Small fetch helpers against the API, with `Authorization: Bearer <token>` when a token is given. */
  api(token?: string): ApiClient;
  /** An API client logged in as an administrator (made on first use, then reused). */
  asAdmin(): Promise<ApiClient>;
}

export interface CreateUserOptions {
  roles?: Role[];
  email?: string;
  displayName?: string;
  password?: string;
  personId?: string;
  organisationId?: string;
  payerCode?: string;
  /** Groups the user coordinates (the groups must exist). */
  groupIds?: string[];
}

export interface TestUser {
  user: AuthUser;
  password: string;
  token: string;
  /** `h.api(token)` for this user. */
  api: ApiClient;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- test helpers: bodies are whatever the endpoint answers */
export interface ApiResponse<T = any> {
  status: number;
  /** Parsed JSON, or the text when the answer is not JSON (undefined when empty). */
  body: T;
  headers: Headers;
}

export interface ApiClient {
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  /** Any request, with the token added; the raw Response (for PDFs and other binary answers). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  readonly token: string | undefined;
}

export function testConfig(databaseUrl: string, extra: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: required('TEST_TEMPORAL_ADDRESS'),
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    ...claimNamespace(),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // Every test logs in from 127.0.0.1; tests of the rate limit set their own.
    AUTH_LOGIN_MAX_PER_IP: '100000',
    ...extra,
  });
}

/**
 * Claims a namespace of the pool made by global-setup, once per harness, across jest's worker processes (an
 * atomic mkdir per namespace). Deterministic workflow IDs of one test file then never meet another file's.
 */
function claimNamespace(): { TEMPORAL_NAMESPACE: string } | Record<string, never> {
  const pool = process.env.TEST_TEMPORAL_NAMESPACES?.split(',').filter(Boolean) ?? [];
  if (pool.length === 0) return {};
  const claims = path.join(required('TEST_TMP_DIR'), 'namespace-claims');
  fs.mkdirSync(claims, { recursive: true });
  for (const ns of pool) {
    try {
      fs.mkdirSync(path.join(claims, ns));
      return { TEMPORAL_NAMESPACE: ns };
    } catch {
      // taken by another harness
    }
  }
  throw new Error(`all ${pool.length} test namespaces are taken: enlarge TEST_NAMESPACES in test/setup/global-setup.ts`);
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run integration tests through jest (global-setup starts the engines)`);
  return v;
}

/** A fresh, empty database on the test server. */
export async function freshDatabase(): Promise<string> {
  return createDatabase(required('TEST_PG_SERVER_URL'), `t_${randomBytes(6).toString('hex')}`);
}

let runtimeInstalled = false;
/** The SDK's own logs are kept to warnings in tests. */
export function quietTemporalRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger((process.env.TEST_TEMPORAL_LOG_LEVEL as 'WARN') ?? 'WARN') });
  } catch {
    // already installed by an earlier harness in this process
  }
}

export async function startHarness(
  opts: { worker?: boolean; env?: Record<string, string>; ratesForToday?: boolean; payerAccounts?: boolean; modules?: Array<Type | DynamicModule> } = {},
): Promise<Harness> {
  quietTemporalRuntime();
  const config = testConfig(await freshDatabase(), opts.env);
  const logger = createLogger(config.logLevel, 'test');
  const app = await createApi(config, logger, opts.modules);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  let running: Promise<void> | undefined;

  const h: Harness = {
    config,
    app,
    baseUrl,
    client,
    dataSource: app.get(DataSource),
    worker: undefined,
    async startWorker() {
      if (h.worker) return;
      h.worker = await createWorker(config, logger, {
        workflowBundle: { codePath: required('TEST_WORKFLOW_BUNDLE') },
        shutdownGraceTime: '1s',
      });
      running = h.worker.run();
    },
    async stopWorker() {
      if (!h.worker) return;
      await h.worker.shutdown();
      await running;
      h.worker = undefined;
      running = undefined;
    },
    async close() {
      await h.stopWorker();
      await connection.close();
      await app.close();
      await stopPdfRenderThreads();
    },
    createUser: (o) => createTestUser(h, o),
    async login(email, password) {
      const res = await h.api().post('/auth/login', { email, password });
      if (res.status !== 200) throw new Error(`login as ${email} failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    api: (token) => apiClient(baseUrl, token),
    asAdmin() {
      admin ??= h.createUser({ roles: ['admin'], displayName: 'Test Admin' }).then((u) => u.api);
      return admin;
    },
  };
  let admin: Promise<ApiClient> | undefined;
  if (opts.ratesForToday !== false) await ensureNationalRateTableForToday(h.dataSource);
  if (opts.payerAccounts !== false) await givePayersTestAccounts(h.dataSource, new FieldCipher(config.crypto.dataKey));
  if (opts.worker !== false) await h.startWorker();
  return h;
}

/** Polls fn until it returns a truthy value or the time runs out. */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function apiClient(baseUrl: string, token?: string): ApiClient {
  const send = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${baseUrl}${path}`, { ...init, headers });
  };
  const call = async (method: string, path: string, body?: unknown): Promise<ApiResponse> => {
    const res = await send(path, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text === '' ? undefined : text;
    if (text && (res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    token,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    delete: (path, body) => call('DELETE', path, body),
    fetch: send,
  };
}

const hasher = new PasswordHasher();

async function createTestUser(h: Harness, o: CreateUserOptions = {}): Promise<TestUser> {
  const roles = o.roles ?? ['representative'];
  const tag = randomBytes(4).toString('hex');
  const email = (o.email ?? `${roles.join('-') || 'user'}-${tag}@test.medverkan.se`).toLowerCase();
  const displayName = o.displayName ?? `Test ${roles.join('/') || 'user'} ${tag}`;
  const password = o.password ?? `Test-${randomBytes(9).toString('base64url')}`;
  const ds = h.dataSource;
  let personId = o.personId ?? null;
  if (!personId && roles.includes('representative')) {
    personId = randomUUID();
    await ds.query(`INSERT INTO person (id, full_name, email) VALUES ($1, $2, $3)`, [personId, displayName, email]);
  }
  let organisationId = o.organisationId ?? null;
  if (!organisationId && roles.includes('org-contact')) {
    organisationId = randomUUID();
    await ds.query(`INSERT INTO organisation (id, name, perspective, contact_email) VALUES ($1, $2, 'patient', $3)`, [
      organisationId,
      `Testförbundet ${tag}`,
      email,
    ]);
  }
  const payerCode = o.payerCode ?? (roles.includes('finance') ? 'SKR' : null);
  const id = randomUUID();
  await ds.query(
    `INSERT INTO user_account (id, email, display_name, roles, person_id, organisation_id, payer_code, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, email, displayName, roles, personId, organisationId, payerCode, await hasher.hash(password)],
  );
  for (const g of o.groupIds ?? []) {
    await ds.query(`INSERT INTO group_coordinator (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [g, id]);
  }
  const token = await h.login(email, password);
  const user: AuthUser = { id, email, displayName, roles: [...roles], personId, organisationId, payerCode };
  return { user, password, token, api: apiClient(h.baseUrl, token) };
}
