import { offlineOpenApiDocument } from '../scripts/openapi-types';
import { ENUM_LABELS } from '../web/src/labels';

/**
 * No raw codes in Swedish text (issue 17 #8): every enum value of the OpenAPI document — the values the web app's
 * generated types allow — has a Swedish name in web/src/labels.ts (ENUM_LABELS, by schema and field).
 */
describe('web labels for every code of the API', () => {
  it('names every enum value of every schema in Swedish', async () => {
    const doc = (await offlineOpenApiDocument()) as { components: { schemas: Record<string, { properties?: Record<string, { enum?: string[]; items?: { enum?: string[] } }> }> } };
    const missing: string[] = [];
    for (const [schema, s] of Object.entries(doc.components.schemas)) {
      for (const [field, p] of Object.entries(s.properties ?? {})) {
        const values = p.enum ?? p.items?.enum;
        if (!values) continue;
        const key = `${schema}.${field}`;
        const labels = ENUM_LABELS[key];
        for (const v of values) if (!labels?.[v]?.trim()) missing.push(`${key}: ${v}`);
      }
    }
    expect(missing).toEqual([]);
  }, 60_000);
});
