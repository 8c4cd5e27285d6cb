import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';

export function createDataSource(url: string, opts: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: opts.poolSize ?? 10,
    applicationName: opts.applicationName ?? 'medverkan',
  });
}

const MIGRATION_LOCK_ID = 724_113_001;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so the API and the worker starting at the same
 * time do not race. Each migration runs in its own transaction.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

/** Creates and connects the DataSource, running migrations first when asked. */
export async function openDatabase(url: string, migrate: boolean, applicationName?: string): Promise<DataSource> {
  const ds = createDataSource(url, { applicationName });
  await ds.initialize();
  if (migrate) await runMigrations(ds);
  return ds;
}
