import fs from 'node:fs';
import type { DevServer } from '../../src/dev/temporal-dev-server';
import type { EmbeddedDb } from '../../src/dev/embedded-postgres';

export default async function globalTeardown() {
  const g = globalThis as Record<string, unknown>;
  await Promise.allSettled([(g.__medverkanTemporal as DevServer | undefined)?.stop(), (g.__medverkanPg as EmbeddedDb | undefined)?.stop()]);
  const dir = g.__medverkanTmp as string | undefined;
  if (dir && !process.env.KEEP_TEST_TMP) fs.rmSync(dir, { recursive: true, force: true });
}
