import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common';
import { Client } from 'pg';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { freePort, waitForPort } from './free-port';
import { PROJECT_ROOT } from './temporal-dev-server';

/**
 * The production topology without Docker (README "Production topology without Docker"): what docker-compose.yml
 * runs, on this machine's own binaries.
 *
 * - PostgreSQL from Debian's `postgresql` package (`/usr/lib/postgresql/<version>/bin`), its own cluster in a data
 *   folder, run as the `postgres` user when we are root (PostgreSQL refuses to run as root);
 * - the Temporal server v1.29.1 built with Go (`scripts/temporal-server.sh`), persisting to that PostgreSQL
 *   (databases `temporal` and `temporal_visibility`, schemas applied with its `temporal-sql-tool`), with a
 *   configuration made from the module's `config/development-postgres12.yaml`;
 * - the API and the worker as separate processes on DATABASE_URL and TEMPORAL_ADDRESS (started by the caller:
 *   `src/dev/start-all.ts --topology=production`, the production-topology test, the drill).
 *
 * Every engine can be stopped and started again on the same data and ports (the drill restarts them).
 */

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const PG_SUPERUSER = 'postgres';
const TEMPORAL_DB_USER = 'temporal';

export interface SystemPostgres {
  /** URL of the server's `postgres` database as the superuser; createDatabase makes application databases. */
  serverUrl: string;
  port: number;
  password: string;
  dataDir: string;
  /** Fast shutdown (SIGINT: disconnects clients, checkpoints). */
  stop(): Promise<void>;
  /** Immediate shutdown (SIGQUIT), as a crash would leave things: recovery from the WAL at the next start. */
  crash(): Promise<void>;
  /** Starts it again on the same data and port (after stop or crash). */
  start(): Promise<void>;
  readonly running: boolean;
}

/** The folder with Debian's PostgreSQL binaries (initdb, postgres): PG_BIN_DIR, else the newest /usr/lib/postgresql/<v>/bin. */
export function findPostgresBinaries(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) {
    if (!fs.existsSync(path.join(fromEnv, 'initdb'))) throw new Error(`PG_BIN_DIR=${fromEnv} has no initdb`);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')) && fs.existsSync(path.join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb): run `bash scripts/system-deps.sh` as root, or `sudo apt-get install postgresql`');
  }
  return path.join(root, versions[0], 'bin');
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user (made by Debian's package). */
function postgresUser(): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  try {
    const uid = Number(execFileSync('id', ['-u', PG_SUPERUSER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', PG_SUPERUSER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, PostgreSQL needs the `postgres` system user (made by Debian\'s postgresql package): apt-get install postgresql');
  }
}

/** The environment for PostgreSQL's programs: without PG* variables (PGPORT, PGDATA…) that would override their flags. */
function postgresEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
}

function chownTree(dir: string, as: RunAs) {
  if (as.uid === undefined || as.gid === undefined) return;
  fs.chownSync(dir, as.uid, as.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, as);
    else fs.chownSync(p, as.uid, as.gid);
  }
}

/**
 * Starts a PostgreSQL cluster of Debian's binaries in `baseDir` (`data/`, `run/` for its socket, `postgres.log`),
 * made with initdb at the first start. Password authentication over TCP on 127.0.0.1 only.
 */
export async function startSystemPostgres(opts: { baseDir: string; port?: number; password?: string; maxConnections?: number }): Promise<SystemPostgres> {
  const bin = findPostgresBinaries();
  const as = postgresUser();
  const baseDir = path.resolve(opts.baseDir);
  const dataDir = path.join(baseDir, 'data');
  const runDir = path.join(baseDir, 'run');
  const password = opts.password ?? 'medverkan';
  fs.mkdirSync(baseDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(baseDir, 0o755);
  fs.mkdirSync(runDir, { recursive: true, mode: 0o755 });
  chownTree(runDir, as);

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { mode: 0o700 });
    chownTree(dataDir, as);
    const pwFile = path.join(runDir, 'initdb-password');
    fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    chownTree(runDir, as);
    try {
      execFileSync(
        path.join(bin, 'initdb'),
        ['-D', dataDir, '-U', PG_SUPERUSER, '--pwfile', pwFile, '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'],
        { ...as, cwd: baseDir, env: postgresEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (e) {
      const err = e as { stderr?: Buffer; message: string };
      throw new Error(`initdb failed: ${err.stderr?.toString() ?? err.message}`);
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  const port = opts.port ?? (await freePort());
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${runDir}`,
    '-c',
    `max_connections=${opts.maxConnections ?? 300}`,
    '-c',
    'logging_collector=off',
  ];
  const logFile = path.join(baseDir, 'postgres.log');
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    if (child) return;
    // A postmaster.pid left by a crash of this process (not of PostgreSQL) would stop a new postmaster: if its
    // process is gone PostgreSQL removes it itself; if it still runs, stop that one first.
    await stopStale(dataDir);
    const log = fs.openSync(logFile, 'a');
    fs.fchownSync(log, as.uid ?? process.getuid?.() ?? 0, as.gid ?? process.getgid?.() ?? 0);
    const c = spawn(path.join(bin, 'postgres'), args, { ...as, cwd: baseDir, env: postgresEnv(), stdio: ['ignore', log, log] });
    fs.closeSync(log);
    child = c;
    exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    void exited.then(() => {
      if (child === c) child = undefined;
    });
    try {
      await waitForPostgres(`postgres://${PG_SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, c, 60_000);
    } catch (e) {
      c.kill('SIGKILL');
      await exited;
      throw new Error(`PostgreSQL did not start (${bin}/postgres ${args.join(' ')}; log ${logFile}): ${(e as Error).message}`);
    }
  };
  const signalAndWait = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c) return;
    const killer = setTimeout(() => c.kill('SIGKILL'), 30_000);
    c.kill(signal);
    await exited;
    clearTimeout(killer);
    child = undefined;
  };

  await start();
  return {
    serverUrl: `postgres://${PG_SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    password,
    dataDir,
    start,
    stop: () => signalAndWait('SIGINT'),
    crash: () => signalAndWait('SIGQUIT'),
    get running() {
      return child !== undefined;
    },
  };
}

async function stopStale(dataDir: string) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid)) return;
  process.kill(pid, 'SIGINT');
  const until = Date.now() + 30_000;
  while (alive(pid) && Date.now() < until) await sleep(200);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForPostgres(url: string, child: ChildProcess, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgres exited (${child.exitCode ?? child.signalCode})`);
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
    } finally {
      await client.end().catch(() => undefined);
    }
    await sleep(200);
  }
}

/** Runs SQL as the superuser on the server's `postgres` database. */
async function superuserQuery(serverUrl: string, fn: (c: Client) => Promise<void>) {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

// ---- the Temporal server -------------------------------------------------------------------------------------

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  /** The copy of the module's `schema/` and `config/` folders. */
  moduleDir: string;
}

/** Builds (once) and finds the Temporal server and its SQL tool through scripts/temporal-server.sh. */
export function resolveTemporalServer(): TemporalServerBinaries {
  let out: string;
  try {
    out = execFileSync('bash', [path.join(PROJECT_ROOT, 'scripts', 'temporal-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (e) {
    throw new Error(`the Temporal server ${TEMPORAL_SERVER_VERSION} could not be built (scripts/temporal-server.sh needs Go): ${(e as Error).message}`);
  }
  const [binDir, moduleDir] = out.trim().split('\n');
  return { server: path.join(binDir, 'temporal-server'), sqlTool: path.join(binDir, 'temporal-sql-tool'), moduleDir };
}

export interface TemporalServer {
  address: string;
  namespace: string;
  /** SIGTERM (graceful), SIGKILL after 15 s. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same databases and ports; resolves once the frontend answers SERVING. */
  start(): Promise<void>;
  readonly running: boolean;
}

export interface TemporalServerOptions {
  /** Folder for the rendered configuration and the log. */
  baseDir: string;
  /** The PostgreSQL it persists to (its superuser makes the `temporal` role and databases). */
  postgres: { serverUrl: string; port: number };
  port?: number;
  namespace?: string;
  extraNamespaces?: string[];
  /** How long closed workflows are kept (default 3 days). */
  retentionDays?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * Starts the production Temporal server (all four services in one process) on PostgreSQL: makes the `temporal`
 * role and its two databases when missing, applies and updates the schemas with temporal-sql-tool, renders the
 * configuration from `config/development-postgres12.yaml` with free ports, starts `temporal-server --allow-no-auth
 * start`, waits for SERVING, registers the namespaces and the project's search attributes.
 */
export async function startTemporalServer(opts: TemporalServerOptions): Promise<TemporalServer> {
  const bins = resolveTemporalServer();
  const baseDir = path.resolve(opts.baseDir);
  const namespace = opts.namespace ?? 'default';
  const namespaces = [namespace, ...(opts.extraNamespaces ?? [])];
  fs.mkdirSync(path.join(baseDir, 'config', 'dynamicconfig'), { recursive: true });

  const dbPassword = 'temporal';
  await superuserQuery(opts.postgres.serverUrl, async (c) => {
    const role = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [TEMPORAL_DB_USER]);
    if (role.rowCount === 0) await c.query(`CREATE ROLE ${TEMPORAL_DB_USER} LOGIN PASSWORD '${dbPassword}'`);
    for (const db of ['temporal', 'temporal_visibility']) {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
      if (exists.rowCount === 0) await c.query(`CREATE DATABASE ${db} OWNER ${TEMPORAL_DB_USER}`);
    }
  });
  for (const [db, schema] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    applySchema(bins, opts.postgres.port, dbPassword, db, path.join(bins.moduleDir, 'schema', 'postgresql', 'v12', schema, 'versioned'));
  }

  const port = opts.port ?? (await freeLowPort());
  const ports = new Map<number, number>([[7233, port]]);
  // The template's other ports (history, matching, worker, membership, HTTP, pprof, metrics), each a free one.
  // Below 32768: the cluster_membership table keeps membership ports as smallint.
  for (const p of [7234, 7235, 7239, 6933, 6934, 6935, 6939, 7243, 7936, 8000]) ports.set(p, await freeLowPort(new Set(ports.values())));
  const dynamicConfigFile = path.join(baseDir, 'config', 'dynamicconfig', 'development-sql.yaml');
  fs.writeFileSync(dynamicConfigFile, renderDynamicConfig(fs.readFileSync(path.join(bins.moduleDir, 'config', 'dynamicconfig', 'development-sql.yaml'), 'utf8'), ports));
  fs.writeFileSync(
    path.join(baseDir, 'config', 'development.yaml'),
    renderServerConfig(fs.readFileSync(path.join(bins.moduleDir, 'config', 'development-postgres12.yaml'), 'utf8'), {
      ports,
      pgPort: opts.postgres.port,
      user: TEMPORAL_DB_USER,
      password: dbPassword,
      dynamicConfigFile,
      logLevel: opts.logLevel ?? 'warn',
      archivalDir: path.join(baseDir, 'archival'),
    }),
  );

  const address = `127.0.0.1:${port}`;
  const logFile = path.join(baseDir, 'temporal-server.log');
  const args = ['--root', baseDir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    if (child) return;
    const log = fs.openSync(logFile, 'a');
    const c = spawn(bins.server, args, { cwd: baseDir, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    child = c;
    exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    void exited.then(() => {
      if (child === c) child = undefined;
    });
    try {
      await waitForPort(port, '127.0.0.1', 90_000);
      await waitForServing(address, c, 90_000);
    } catch (e) {
      c.kill('SIGKILL');
      await exited;
      throw new Error(`the Temporal server did not start (${bins.server} ${args.join(' ')}; log ${logFile}): ${(e as Error).message}`);
    }
  };
  const signalAndWait = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c) return;
    const killer = setTimeout(() => c.kill('SIGKILL'), 15_000);
    c.kill(signal);
    await exited;
    clearTimeout(killer);
    child = undefined;
  };

  await start();
  try {
    for (const ns of namespaces) await ensureNamespace(address, ns, opts.retentionDays ?? 3);
  } catch (e) {
    await signalAndWait('SIGKILL');
    throw e;
  }
  return {
    address,
    namespace,
    start,
    stop: () => signalAndWait('SIGTERM'),
    kill: () => signalAndWait('SIGKILL'),
    get running() {
      return child !== undefined;
    },
  };
}

/** A free TCP port on loopback in 20000–32767 (not one of `taken`). */
async function freeLowPort(taken: Set<number> = new Set()): Promise<number> {
  const net = await import('node:net');
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_767);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port found in 20000–32767');
}

/** setup-schema (versioning tables, once) and update-schema to the newest version (idempotent). */
function applySchema(bins: TemporalServerBinaries, pgPort: number, password: string, db: string, versionedDir: string) {
  const common = ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(pgPort), '-u', TEMPORAL_DB_USER, '--pw', password, '--db', db];
  const run = (args: string[]) => {
    try {
      execFileSync(bins.sqlTool, [...common, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { stderr?: Buffer; stdout?: Buffer; message: string };
      throw new Error(`temporal-sql-tool ${args[0]} on ${db} failed: ${err.stderr?.toString() || err.stdout?.toString() || err.message}`);
    }
  };
  run(['setup-schema', '-v', '0.0']);
  run(['update-schema', '-d', versionedDir]);
}

/** The module's development-postgres12.yaml with this cluster's address, credentials, ports and log level. */
export function renderServerConfig(
  template: string,
  o: { ports: Map<number, number>; pgPort: number; user: string; password: string; dynamicConfigFile: string; logLevel: string; archivalDir: string },
): string {
  let text = template;
  const replace = (pattern: RegExp, value: string, what: string) => {
    if (!pattern.test(text)) throw new Error(`config/development-postgres12.yaml of Temporal ${TEMPORAL_SERVER_VERSION} has no ${what}: the template changed`);
    text = text.replace(pattern, value);
  };
  replace(/connectAddr: "127\.0\.0\.1:5432"/g, `connectAddr: "127.0.0.1:${o.pgPort}"`, 'connectAddr');
  replace(/user: "temporal"/g, `user: "${o.user}"`, 'user');
  replace(/password: "temporal"/g, `password: "${o.password}"`, 'password');
  replace(/filepath: "config\/dynamicconfig\/development-sql\.yaml"/, `filepath: "${o.dynamicConfigFile}"`, 'dynamicConfigClient.filepath');
  replace(/(log:\n\s+stdout: true\n\s+level: )info/, `$1${o.logLevel}`, 'log level');
  replace(/file:\/\/\/tmp\/temporal_archival\/development/, `file://${o.archivalDir}/history`, 'history archival URI');
  replace(/file:\/\/\/tmp\/temporal_vis_archival\/development/, `file://${o.archivalDir}/visibility`, 'visibility archival URI');
  for (const [from, to] of o.ports) {
    replace(new RegExp(`(?<![0-9])${from}(?![0-9])`, 'g'), String(to), `port ${from}`);
  }
  return text;
}

/** The module's dynamic config for SQL, with its port and what the project needs (as the dev server sets it). */
export function renderDynamicConfig(template: string, ports: Map<number, number>): string {
  let text = template;
  for (const [from, to] of ports) text = text.replace(new RegExp(`(?<![0-9])${from}(?![0-9])`, 'g'), String(to));
  return `${text.trimEnd()}
# Added by src/dev/production-topology.ts: search attributes registered at start are seen at once (as the dev
# server does), and Updates (the project's human steps) are allowed.
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
frontend.enableUpdateWorkflowExecution:
  - value: true
`;
}

async function waitForServing(address: string, child: ChildProcess, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`temporal-server exited (${child.exitCode ?? child.signalCode})`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        const res = await connection.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
        // 1 = SERVING
        if (res.status === 1) return;
        last = new Error(`health status ${res.status}`);
      } finally {
        await connection.close();
      }
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`not SERVING after ${timeoutMs} ms: ${String(last)}`);
    await sleep(500);
  }
}

/** Registers the namespace when missing, adds the project's search attributes, and waits until both are usable. */
async function ensureNamespace(address: string, namespace: string, retentionDays: number) {
  const connection = await Connection.connect({ address });
  try {
    try {
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) });
    } catch (e) {
      if ((e as { code?: number }).code !== 6) throw e; // ALREADY_EXISTS
    }
    // The frontend's namespace cache learns of a new namespace within seconds; until then calls answer NOT_FOUND.
    const until = Date.now() + 60_000;
    for (;;) {
      try {
        await ensureSearchAttributes(address, namespace);
        await connection.workflowService.countWorkflowExecutions({ namespace, query: 'MedverkanKind = "probe"' });
        return;
      } catch (e) {
        if (Date.now() > until) throw new Error(`namespace ${namespace} not usable on ${address}: ${(e as Error).message}`);
        await sleep(500);
      }
    }
  } finally {
    await connection.close();
  }
}

// ---- the whole topology --------------------------------------------------------------------------------------

export interface ProductionEngines {
  postgres: SystemPostgres;
  temporal: TemporalServer;
  /** DATABASE_URL of the application database `database`. */
  databaseUrl: string;
  temporalAddress: string;
  stop(): Promise<void>;
}

/** PostgreSQL (Debian's) and the Temporal server on it, data in `baseDir/postgres` and `baseDir/temporal`. */
export async function startProductionEngines(opts: {
  baseDir: string;
  database?: string;
  pgPort?: number;
  temporalPort?: number;
  namespace?: string;
  extraNamespaces?: string[];
  say?: (msg: string) => void;
}): Promise<ProductionEngines> {
  const say = opts.say ?? (() => undefined);
  say(`starting PostgreSQL (${findPostgresBinaries()}, ${path.join(opts.baseDir, 'postgres')})…`);
  const postgres = await startSystemPostgres({ baseDir: path.join(opts.baseDir, 'postgres'), port: opts.pgPort });
  try {
    const { createDatabase } = await import('./embedded-postgres');
    const databaseUrl = await createDatabase(postgres.serverUrl, opts.database ?? 'medverkan');
    say(`starting the Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL (${path.join(opts.baseDir, 'temporal')})…`);
    const temporal = await startTemporalServer({
      baseDir: path.join(opts.baseDir, 'temporal'),
      postgres,
      port: opts.temporalPort,
      namespace: opts.namespace,
      extraNamespaces: opts.extraNamespaces,
    });
    return {
      postgres,
      temporal,
      databaseUrl,
      temporalAddress: temporal.address,
      async stop() {
        await temporal.stop();
        await postgres.stop();
      },
    };
  } catch (e) {
    await postgres.stop();
    throw e;
  }
}
