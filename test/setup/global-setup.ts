import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { startTemporalDevServer } from '../../src/dev/temporal-dev-server';

/**
 * Each harness claims a namespace of its own from this pool: workflow IDs are unique per namespace, and the
 * application's IDs are deterministic (`payout-run:SKR:2026-11`), so test files must not share one.
 */
const TEST_NAMESPACES = Array.from({ length: 80 }, (_, i) => `test-${String(i + 1).padStart(2, '0')}`);

/**
 * Starts the real engines once for the integration suite: the Temporal dev server (from scripts/temporal.sh)
 * and PostgreSQL (DATABASE_URL when given, else embedded-postgres). Each test file makes its own database.
 * The workflow bundle is built once and shared.
 */
export default async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medverkan-test-'));
  fs.chmodSync(dir, 0o755); // embedded-postgres runs initdb as the postgres user when we are root
  const g = globalThis as Record<string, unknown>;
  g.__medverkanTmp = dir;

  const [temporal, pg, bundle] = await Promise.all([
    process.env.TEMPORAL_ADDRESS
      ? Promise.resolve(undefined)
      : startTemporalDevServer({
          dbFile: path.join(dir, 'temporal.sqlite'),
          headless: true,
          logFile: path.join(dir, 'temporal.log'),
          extraNamespaces: TEST_NAMESPACES,
        }),
    process.env.DATABASE_URL ? Promise.resolve(undefined) : startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false }),
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger }),
  ]);
  g.__medverkanTemporal = temporal;
  g.__medverkanPg = pg;

  const bundlePath = path.join(dir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.TEST_TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? temporal!.address;
  process.env.TEST_PG_SERVER_URL = process.env.DATABASE_URL ?? pg!.serverUrl;
  process.env.TEST_TMP_DIR = dir;
  // Without our own dev server (TEMPORAL_ADDRESS given) there is no pool: every harness uses that server's namespace.
  if (temporal) process.env.TEST_TEMPORAL_NAMESPACES = TEST_NAMESPACES.join(',');
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (m: string) => process.stderr.write(`[bundle] ${m}\n`),
  error: (m: string) => process.stderr.write(`[bundle] ${m}\n`),
};
