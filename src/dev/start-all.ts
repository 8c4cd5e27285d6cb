import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config';
import { openDatabase } from '../database/data-source';
import { DEMO_ADMIN, seedDemoData } from '../demo/demo-data';
import { createDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { freePort, waitForPort } from './free-port';
import { startProductionEngines } from './production-topology';
import { PROJECT_ROOT, startTemporalDevServer } from './temporal-dev-server';

/**
 * The start command's orchestrator (`npm start`): brings up everything on the embedded defaults and keeps it
 * running until Ctrl-C. Uses DATABASE_URL / TEMPORAL_ADDRESS instead when they are set.
 *
 * `--topology=production` (`npm run start:production`) starts the production topology instead of the embedded
 * engines: Debian's PostgreSQL and the Temporal server built with Go persisting to it
 * (src/dev/production-topology.ts), data in `.data/production/`.
 */
async function main() {
  const topology = topologyArg(process.argv.slice(2));
  const dataDir = process.env.MEDVERKAN_DATA_DIR ?? path.join(PROJECT_ROOT, '.data');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);
  const stops: Array<() => Promise<void>> = [];
  const children: ChildProcess[] = [];
  const say = (msg: string) => process.stdout.write(`[medverkan] ${msg}\n`);

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all(children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGTERM'))))));
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  env.DATA_ENCRYPTION_KEY ??= devKey(path.join(dataDir, 'dev-encryption-key'));
  // The demo's first administrator, made by the API at its first start (README "Demo accounts").
  if (!env.BOOTSTRAP_ADMIN_EMAIL && !env.BOOTSTRAP_ADMIN_PASSWORD) {
    env.BOOTSTRAP_ADMIN_EMAIL = DEMO_ADMIN.email;
    env.BOOTSTRAP_ADMIN_PASSWORD = DEMO_ADMIN.password;
  }

  if (topology === 'production' && !env.DATABASE_URL && !env.TEMPORAL_ADDRESS) {
    const engines = await startProductionEngines({
      baseDir: path.join(dataDir, 'production'),
      pgPort: await preferred(Number(env.PGPORT ?? 54330)),
      temporalPort: await preferred(7233),
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      say,
    });
    stops.push(() => engines.stop());
    env.DATABASE_URL = engines.databaseUrl;
    env.TEMPORAL_ADDRESS = engines.temporalAddress;
  } else if (topology === 'production') {
    throw new Error('--topology=production starts its own PostgreSQL and Temporal server: unset DATABASE_URL and TEMPORAL_ADDRESS, or start without it');
  }

  if (!env.DATABASE_URL) {
    say('starting embedded PostgreSQL (.data/postgres)…');
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: await preferred(Number(env.PGPORT ?? 54329)) });
    stops.push(() => pg.stop());
    env.DATABASE_URL = await createDatabase(pg.serverUrl, 'medverkan');
  }

  let temporalUi: string | undefined = env.TEMPORAL_UI_URL;
  if (!env.TEMPORAL_ADDRESS) {
    say('starting the Temporal dev server (.data/temporal.sqlite)…');
    const server = await startTemporalDevServer({
      dbFile: path.join(dataDir, 'temporal.sqlite'),
      port: await preferred(7233),
      uiPort: await preferred(8233),
      logFile: path.join(dataDir, 'temporal.log'),
    });
    stops.push(() => server.stop());
    env.TEMPORAL_ADDRESS = server.address;
    temporalUi = server.uiUrl ?? "";
  }
  if (temporalUi) env.TEMPORAL_UI_URL = temporalUi;
  env.PORT ??= String(await preferred(3000));

  const config = loadConfig(env);
  say('applying database migrations…');
  const ds = await openDatabase(config.database.url, true, 'medverkan-start');
  await ds.destroy();

  const dist = path.join(PROJECT_ROOT, 'dist', 'src');
  for (const [name, file, nodeArgs] of [
    ['worker', 'main.worker.js', [`--max-old-space-size=${config.temporal.workerHeapMb}`]],
    ['api', 'main.api.js', []],
  ] as const) {
    const child = spawn(process.execPath, [...nodeArgs, path.join(dist, file)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) => {
      if (!stopping) {
        say(`${name} exited with code ${code}`);
        void stopAll(1);
      }
    });
    children.push(child);
  }
  await waitForPort(config.http.port, '127.0.0.1', 120_000);
  const api = `http://localhost:${config.http.port}`;
  await waitForHealth(api);
  await seedDemoData(api, say, { email: env.BOOTSTRAP_ADMIN_EMAIL, password: env.BOOTSTRAP_ADMIN_PASSWORD });

  say('everything is up:');
  say(`  API          ${api}`);
  say(`  API docs     ${api}/api/docs`);
  say(`  Health       ${api}/health`);
  if (temporalUi) say(`  Temporal UI  ${temporalUi}`);
  say(`  Temporal     ${config.temporal.address} (namespace ${config.temporal.namespace})`);
  say('press Ctrl-C to stop');
}

function topologyArg(args: string[]): 'embedded' | 'production' {
  const arg = args.find((a) => a.startsWith('--topology='));
  const value = arg?.slice('--topology='.length) ?? process.env.MEDVERKAN_TOPOLOGY ?? 'embedded';
  if (value !== 'embedded' && value !== 'production') throw new Error(`--topology must be embedded or production, not ${value}`);
  return value;
}

/** The port if free, else any free port. */
async function preferred(port: number): Promise<number> {
  const net = await import('node:net');
  const free = await new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
  return free ? port : freePort();
}

async function waitForHealth(api: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${api}/health`)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`${api}/health did not answer 200 in time`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A development key for personal data at rest, made once and kept in .data/ (never in production). */
function devKey(file: string): string {
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

main().catch((e) => {
  process.stderr.write(`[medverkan] start failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
