import { offlineOpenApiDocument } from '../scripts/openapi-types';

/**
 * The OpenAPI document the web app's types are generated from (scripts/openapi-types.ts; issue 17: a changed API
 * breaks the web build). It is made without engines, and every schema in it says what it holds: an object schema
 * without properties becomes `Record<string, never>` in the generated types, which type-checks any use of it.
 */
describe('the OpenAPI document for the web types', () => {
  let doc: { paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>; components: { schemas: Record<string, unknown> } };
  beforeAll(async () => {
    doc = (await offlineOpenApiDocument()) as typeof doc;
  }, 60_000);

  it('is made without a database or Temporal and describes the API', () => {
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/auth/login', '/working-groups/{id}', '/payout-runs/{id}']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['UserTaskDto', 'ErrorBody']));
  });

  it('has no object schema that says nothing about its fields', () => {
    const vague: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.type === 'object' && !n.properties && !n.additionalProperties && !n.$ref && !n.allOf && !n.oneOf && !n.anyOf) vague.push(at);
      for (const [k, v] of Object.entries(n)) if (k !== 'example' && k !== 'examples') walk(v, `${at}/${k}`);
    };
    walk(doc.components.schemas, '#/components/schemas');
    expect(vague).toEqual([]);
  });
});
