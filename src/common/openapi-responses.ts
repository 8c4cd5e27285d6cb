import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { discoverEndpoints } from '../auth/openapi-auth';

/**
 * The answers every operation can give besides its own, published in the OpenAPI document so that a client (and
 * the fuzzer of test/fuzz.e2e-spec.ts) can rely on it: each with the one error body of the API
 * (`ErrorBody` of domain-exception.filter.ts) as `application/json`.
 */
const ERROR_BODY_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string' },
    message: { type: 'string', description: 'På svenska, för en människa att läsa.' },
    fields: {
      type: 'object',
      description: 'Ett eller flera meddelanden per fält som inte är giltigt.',
      additionalProperties: { type: 'array', items: { type: 'string' } },
    },
  },
};

const DESCRIPTIONS: Record<string, string> = {
  '400': 'Ogiltiga uppgifter (parametrar eller innehåll), med ett meddelande per fält.',
  '401': 'Inte inloggad, eller sessionen har gått ut.',
  '403': 'Saknar behörighet för detta.',
  '404': 'Finns inte, eller får inte visas för den inloggade användaren (samma svar).',
  '405': 'Metoden stöds inte för denna adress (se Allow).',
  '409': 'Går inte i ärendets eller postens nuvarande läge, eller krockar med en befintlig post.',
  '413': 'Innehållet är för stort.',
  '415': 'Innehållet har en typ som inte tas emot (JSON, eller multipart där en fil laddas upp).',
  '429': 'För många försök; försök igen senare (se Retry-After).',
  '503': 'Tjänsten är tillfälligt otillgänglig (databasen eller arbetsflödesmotorn); försök igen om en stund (se Retry-After).',
};

type Operation = {
  parameters?: Array<{ in?: string; $ref?: string }>;
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
  security?: unknown[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Adds to every operation the error answers it can give, and the error body to every error answer:
 * - 400 where it takes parameters or a body; 413 and 415 where it takes a body;
 * - 401 and 403 where a session is needed (auth guard, scope and service rules);
 * - 404 where it has parameters or a body (the object, or one it names, does not exist or is not the user's); 409 for every change (state of a workflow, uniqueness);
 * - 429 for public changes (login and invitation rate limits);
 * - 503 everywhere (an engine is briefly unavailable).
 */
export function describeErrorResponses(doc: OpenAPIObject): OpenAPIObject {
  const components = (doc.components ??= {});
  const schemas = (components.schemas ??= {}) as Record<string, unknown>;
  schemas.ErrorBody = ERROR_BODY_SCHEMA;
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } };
  const retryAfter = { 'Retry-After': { description: 'Sekunder att vänta innan nästa försök.', schema: { type: 'integer', minimum: 0 } } };
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const responses = (op.responses ??= {});
      const params = op.parameters ?? [];
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      const add = (status: string) => (responses[status] ??= { description: DESCRIPTIONS[status] });
      if (params.length || op.requestBody) add('400');
      if (op.requestBody) {
        add('413');
        add('415');
      }
      if (!isPublic) {
        add('401');
        add('403');
      }
      if (params.length || op.requestBody) add('404');
      if (WRITES.has(method)) add('409');
      if (isPublic && WRITES.has(method)) add('429');
      add('503');
      for (const [status, response] of Object.entries(responses)) {
        if (!/^[45]\d\d$/.test(status)) continue;
        response.content ??= errorContent;
        if (status === '429' || status === '503') response.headers ??= retryAfter;
        if (status === '405') response.headers ??= { Allow: { description: 'Metoder som stöds.', schema: { type: 'string' } } };
      }
    }
  }
  return doc;
}

/**
 * Answers 405 with `Allow` (and the API's error body) to a method that a known path does not support, instead of
 * Nest's 404 "Cannot TRACE /x". Paths that match no route keep their 404.
 */
export function methodNotAllowed(app: INestApplication) {
  const routes = new Map<string, { re: RegExp; methods: Set<string> }>();
  for (const e of discoverEndpoints(app)) {
    const key = e.path.replace(/:[A-Za-z0-9_]+/g, ':');
    const r = routes.get(key) ?? { re: new RegExp(`^${e.path.split('/').map(segment).join('/')}/?$`), methods: new Set<string>() };
    r.methods.add(e.method.toUpperCase());
    if (e.method === 'get') r.methods.add('HEAD');
    routes.set(key, r);
  }
  const list = [...routes.values()];
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS') return next();
    const matching = list.filter((r) => r.re.test(req.path));
    if (matching.length === 0 || matching.some((r) => r.methods.has(req.method) || r.methods.has('ALL'))) return next();
    const allow = [...new Set(matching.flatMap((r) => [...r.methods]))].sort().join(', ');
    res
      .status(405)
      .set('Allow', allow)
      .json({ statusCode: 405, error: 'Method Not Allowed', message: `Metoden ${req.method} stöds inte för denna adress. Använd ${allow}.` });
  };
}

function segment(s: string): string {
  return s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
