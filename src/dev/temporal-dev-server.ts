import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { freePort, waitForPort } from './free-port';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '');

/**
 * Finds the `temporal` CLI through scripts/temporal.sh ($TEMPORAL_CLI, PATH, the project cache, or a Go build).
 * Returns undefined when none can be had; callers may then let the SDK download its dev server.
 */
export function resolveTemporalCli(): string | undefined {
  try {
    const out = execFileSync('bash', [path.join(PROJECT_ROOT, 'scripts', 'temporal.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** SQLite file that keeps workflows across restarts. */
  dbFile: string;
  port?: number;
  uiPort?: number;
  headless?: boolean;
  namespace?: string;
  /** More namespaces to create at start (each gets the search attributes too). */
  extraNamespaces?: string[];
  logFile?: string;
}

/**
 * Starts the real Temporal dev server (`temporal server start-dev`) with file persistence, the namespace and
 * the project's search attributes, on free ports. Falls back to the SDK's own download of the dev server where
 * no CLI can be found (that path needs internet).
 */
export async function startTemporalDevServer(opts: DevServerOptions): Promise<DevServer> {
  const port = opts.port ?? (await freePort());
  const namespace = opts.namespace ?? 'default';
  const searchAttributeArgs = Object.entries(SEARCH_ATTRIBUTES).flatMap(([k, t]) => ['--search-attribute', `${k}=${t}`]);
  fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
  const cli = resolveTemporalCli();

  if (!cli) {
    // No binary and no Go: the SDK downloads and manages the dev server (internet needed).
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port,
        namespace,
        ui: !opts.headless,
        extraArgs: (opts.extraNamespaces ?? []).flatMap((ns) => ['--namespace', ns]),
        dbFilename: opts.dbFile,
        searchAttributes: Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => ({ name, type: type.toUpperCase() as 'KEYWORD' })),
      },
    });
    return { address: `127.0.0.1:${port}`, stop: () => env.teardown() };
  }

  const uiPort = opts.headless ? undefined : (opts.uiPort ?? (await freePort()));
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--db-filename',
    opts.dbFile,
    '--namespace',
    namespace,
    ...(opts.extraNamespaces ?? []).flatMap((ns) => ['--namespace', ns]),
    '--log-level',
    'warn',
    ...searchAttributeArgs,
    ...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']),
  ];
  const log = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'ignore';
  const child: ChildProcess = spawn(cli, args, { stdio: ['ignore', log, log], detached: false });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  try {
    await waitForPort(port, '127.0.0.1', 60_000);
    await waitForNamespace(`127.0.0.1:${port}`, namespace);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`Temporal dev server did not start (${cli} ${args.join(' ')}): ${(e as Error).message}`);
  }

  return {
    address: `127.0.0.1:${port}`,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

async function waitForNamespace(address: string, namespace: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  const connection = await Connection.connect({ address });
  try {
    for (;;) {
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } catch (e) {
        if (Date.now() > until) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await connection.close();
  }
}
