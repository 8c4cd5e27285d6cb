import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/database/data-source';
import { createDatabase, EmbeddedDb, startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { DevServer, startTemporalDevServer } from '../../src/dev/temporal-dev-server';
import { FieldCipher } from '../../src/crypto/field-cipher';
import { createGroup } from './fixtures';
import { log, machine } from './report';
import { bundleWorkflowCode } from '@temporalio/worker';
import { quietBundleLogger } from './drive';

/**
 * The real engines a benchmark runs on: the Temporal dev server (CLI from scripts/temporal.sh, SQLite file in a
 * temporary folder) and an embedded PostgreSQL, or the servers in TEMPORAL_ADDRESS / DATABASE_URL when set.
 * Each benchmark gets its own fresh database (created on the DATABASE_URL server when one is given, dropped at
 * the end) with the project's migrations applied.
 */
export interface Engines {
  temporalAddress: string;
  databaseUrl: string;
  /** Migrated, connected; pool of 10 like the application's. */
  ds: DataSource;
  tmpDir: string;
  /** What was started, for the printed report. */
  describe: string;
  stop(): Promise<void>;
}

export async function startEngines(name: string): Promise<Engines> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `medverkan-bench-${name}-`));
  fs.chmodSync(tmpDir, 0o755); // embedded-postgres runs initdb as the postgres user when we are root
  const externalTemporal = process.env.TEMPORAL_ADDRESS;
  const externalPg = process.env.DATABASE_URL;
  // Where the dev server keeps its SQLite file: in memory (/dev/shm) by default, so the dev server's own fsyncs
  // (one SQLite file, about 3 ms each on this machine's disk) do not set the limit for both sides; a production
  // Temporal persists to its own database cluster. BENCH_TEMPORAL_DB_DIR=<dir> puts it elsewhere (e.g. /tmp: disk).
  const dbRoot = process.env.BENCH_TEMPORAL_DB_DIR ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : undefined);
  const temporalDbDir = dbRoot ? fs.mkdtempSync(path.join(dbRoot, `medverkan-bench-${name}-temporal-`)) : tmpDir;
  let temporal: DevServer | undefined;
  let pg: EmbeddedDb | undefined;
  try {
    [temporal, pg] = await Promise.all([
      externalTemporal
        ? Promise.resolve(undefined)
        : startTemporalDevServer({ dbFile: path.join(temporalDbDir, 'temporal.sqlite'), headless: true, logFile: path.join(tmpDir, 'temporal.log') }),
      externalPg ? Promise.resolve(undefined) : startEmbeddedPostgres({ dataDir: path.join(tmpDir, 'pg'), persistent: false }),
    ]);
  } catch (e) {
    await Promise.allSettled([temporal?.stop(), pg?.stop()]);
    throw e;
  }
  const serverUrl = externalPg ?? pg!.serverUrl;
  const dbName = `bench_${name.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await createDatabase(serverUrl, dbName);
  const ds = await openDatabase(databaseUrl, true, `medverkan-bench-${name}`);
  const temporalAddress = externalTemporal ?? temporal!.address;
  return {
    temporalAddress,
    databaseUrl,
    ds,
    tmpDir,
    describe: `Temporal ${externalTemporal ? `at ${externalTemporal}` : `dev server (SQLite file in ${path.dirname(temporalDbDir)})`}, PostgreSQL ${externalPg ? 'from DATABASE_URL' : 'embedded'} (database ${dbName})`,
    async stop() {
      await ds.destroy().catch(() => undefined);
      if (externalPg) {
        const c = new PgClient({ connectionString: externalPg });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => undefined);
        await c.end();
      }
      await Promise.allSettled([temporal?.stop(), pg?.stop()]);
      if (!process.env.BENCH_KEEP_TMP) {
        fs.rmSync(tmpDir, { recursive: true, force: true });
        if (temporalDbDir !== tmpDir) fs.rmSync(temporalDbDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * What the workflow benchmarks (lifecycle, open work) start with: the engines (stopped by `cleanup`), a data key
 * for the workers with its cipher for the fixtures, and one working group with its coordinator.
 */
export async function startWorkflowBench(name: string, cleanup: (fn: () => Promise<void>) => void) {
  log(machine());
  const engines = await startEngines(name);
  cleanup(() => engines.stop());
  log(engines.describe);
  const dataKey = randomBytes(32).toString('base64');
  const cipher = new FieldCipher(Buffer.from(dataKey, 'base64'));
  const group = await createGroup(engines.ds);
  return { engines, ds: engines.ds, dataKey, cipher, ...group };
}

/**
 * Bundles the project's workflows and the bare baseline's once, into `dir`, for the workers in child processes
 * (each loads its bundle from the file instead of bundling again).
 */
export async function bundleBenchWorkflows(dir: string): Promise<{ appBundlePath: string; baseBundlePath: string }> {
  log('bundling workflows…');
  const [appBundle, baseBundle] = await Promise.all([
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietBundleLogger }),
    bundleWorkflowCode({ workflowsPath: require.resolve('../baseline.workflows'), logger: quietBundleLogger }),
  ]);
  const appBundlePath = path.join(dir, 'app-bundle.js');
  const baseBundlePath = path.join(dir, 'baseline-bundle.js');
  fs.writeFileSync(appBundlePath, appBundle.code);
  fs.writeFileSync(baseBundlePath, baseBundle.code);
  return { appBundlePath, baseBundlePath };
}
