import { loadConfig } from '../config/config';
import { openDatabase, runMigrations } from './data-source';

/** `npm run migrate`: applies pending migrations to DATABASE_URL and exits. */
async function main() {
  const config = loadConfig();
  const ds = await openDatabase(config.database.url, false, 'medverkan-migrate');
  const done = await runMigrations(ds);
  process.stdout.write(JSON.stringify({ msg: 'migrations applied', migrations: done }) + '\n');
  await ds.destroy();
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
