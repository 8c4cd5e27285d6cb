import type { DataSource } from 'typeorm';
import { DEMO_ORGANISATIONS } from './demo-data';

/**
 * Inserts the demo organisations (no API creates organisations yet). Idempotent by fixed IDs. Called by the start
 * command after the migrations, before the API seeds the rest.
 */
export async function seedDemoOrganisations(ds: DataSource): Promise<void> {
  for (const o of DEMO_ORGANISATIONS) {
    await ds.query(
      `INSERT INTO organisation (id, name, perspective, contact_email) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [o.id, o.name, o.perspective, o.contactEmail],
    );
  }
}
