/* eslint-disable @typescript-eslint/no-unsafe-function-type -- class-validator and design:paramtypes key DTOs by their constructor */
import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { controllerRoutes, toOpenApiPath } from './controller-routes';
import { UUID_PATTERN } from './uuid';

/**
 * Publishes in the OpenAPI document the bounds the DTOs' class-validator decorators enforce (whole numbers,
 * minimum and maximum, lengths, patterns, dates, UUIDs, list sizes), so that what the document calls valid is
 * what the API accepts: request bodies (their component schemas, with `additionalProperties: false` since
 * unknown fields are refused, and `minProperties: 1` for a PATCH) and query parameters (the handler's `@Query()`
 * DTO). Without the Nest CLI plugin, @nestjs/swagger sees only what `@ApiProperty` repeats by hand.
 */
type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; $ref?: string; type?: string };
interface Meta {
  type: string;
  name?: string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}

/**
 * E-mail addresses as the OpenAPI document describes them: a part of what class-validator's isEmail accepts (its
 * ASCII local part, at most 64 characters; domain labels of letters, digits and inner hyphens; a top-level domain
 * of letters; at most 254 characters in all).
 */
export const EMAIL_PATTERN =
  "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,32}(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,15}){0,2}@([A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?\\.){1,5}[A-Za-z]{2,24}$";
const ISO_DATE_SOURCES = new Set(['^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', '^\\d{4}-\\d{2}-\\d{2}$']);

function metadataByClass(): Map<Function, Meta[]> {
  return (getMetadataStorage() as unknown as { validationMetadatas: Map<Function, Meta[]> }).validationMetadatas;
}

/** All validation metadata of a class and its ancestors (a DTO may extend a paging DTO). */
function metasOf(cls: Function): Meta[] {
  const all = metadataByClass();
  const out: Meta[] = [];
  for (let c: Function | null = cls; c && c !== Object && c !== Function.prototype; c = Object.getPrototypeOf(c) as Function | null) {
    out.push(...(all.get(c) ?? []));
  }
  return out;
}

/** Applies one property's constraints to its schema (to `items` where the decorator has `each`). */
function applyConstraints(target: Schema, metas: Meta[]) {
  for (const m of metas) {
    if (m.type !== 'customValidation' || !m.name) continue;
    const s: Schema = m.each ? ((target.items ??= {}) as Schema) : target;
    if (s.$ref) continue; // a nested DTO: described by its own component
    const c = m.constraints ?? [];
    switch (m.name) {
      case 'isInt':
        s.type = 'integer';
        break;
      case 'isNumber':
        if (s.type !== 'integer') s.type = 'number';
        break;
      case 'isBoolean':
        s.type = 'boolean';
        break;
      case 'isString':
        s.type ??= 'string';
        break;
      case 'min':
        if (typeof c[0] === 'number') s.minimum = c[0];
        break;
      case 'max':
        if (typeof c[0] === 'number') s.maximum = c[0];
        break;
      case 'minLength':
        if (typeof c[0] === 'number') s.minLength = Math.max(c[0], (s.minLength as number | undefined) ?? 0);
        break;
      case 'maxLength':
        if (typeof c[0] === 'number') s.maxLength = c[0];
        break;
      case 'isNotEmpty':
        if (s.type === 'string' || s.type === undefined) {
          s.minLength = Math.max(1, (s.minLength as number | undefined) ?? 0);
          s.pattern ??= '\\S'; // text is trimmed first: only spaces is empty
        }
        break;
      case 'arrayMinSize':
        if (typeof c[0] === 'number') target.minItems = c[0];
        break;
      case 'arrayMaxSize':
        if (typeof c[0] === 'number') target.maxItems = c[0];
        break;
      case 'isIn':
        if (Array.isArray(c[0]) && !s.enum) s.enum = c[0];
        break;
      case 'isIso8601':
        s.format ??= 'date';
        // validator's strict ISO 8601 reads years 0000–0099 as 19xx and refuses them
        if (s.format === 'date') s.pattern ??= '^([1-9]\\d{3}|0[1-9]\\d{2})-\\d{2}-\\d{2}$';
        break;
      case 'arrayUnique':
        target.uniqueItems = true;
        break;
      case 'isUuid':
        s.format = 'uuid';
        s.pattern ??= UUID_PATTERN;
        break;
      case 'isOrganisationNumber':
        s.pattern ??= '^\\d{6}-?\\d{4}$';
        break;
      case 'isEmail':
        s.format = 'email';
        // What class-validator's isEmail accepts is narrower than JSON Schema's email (a top-level domain of letters,
        // 64 characters before the @, 254 in all): the pattern is a part of what it accepts, so every address the
        // document calls valid is one the API takes (the fuzzer found a login refused for the domain ending `.oNn0`).
        s.pattern ??= EMAIL_PATTERN;
        break;
      case 'matches': {
        const re = c[0] instanceof RegExp ? c[0] : typeof c[0] === 'string' ? new RegExp(c[0], typeof c[1] === 'string' ? c[1] : '') : undefined;
        if (!re || re.flags.replace(/[gu]/g, '')) break; // case-insensitive or multiline patterns are not JSON Schema patterns
        s.pattern = re.source;
        if (ISO_DATE_SOURCES.has(re.source)) s.format = 'date';
        break;
      }
    }
  }
}

function groupByProperty(metas: Meta[]): Map<string, Meta[]> {
  const out = new Map<string, Meta[]>();
  for (const m of metas) {
    const list = out.get(m.propertyName) ?? [];
    list.push(m);
    out.set(m.propertyName, list);
  }
  return out;
}

function refName(s: Schema | undefined): string | undefined {
  // A nested DTO with a description or `nullable` is written `allOf: [{ $ref }]` by @nestjs/swagger.
  const allOf = (s?.allOf as Schema[] | undefined)?.[0];
  const ref = s?.$ref ?? s?.items?.$ref ?? allOf?.$ref;
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined;
}

export function describeValidationInOpenApi(app: INestApplication, doc: OpenAPIObject): OpenAPIObject {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  const classes = new Map<string, Function>();
  for (const cls of metadataByClass().keys()) classes.set(cls.name, cls);
  const handlers = routeHandlers(app);
  // A DTO made with PartialType() & co. has its decorators on a parent class: found through the handlers' @Body().
  for (const h of handlers) for (const cls of h.bodyTypes) if (!classes.has(cls.name)) classes.set(cls.name, cls);

  // Component schemas of DTO classes.
  for (const [name, schema] of Object.entries(schemas)) {
    const cls = classes.get(name);
    if (!cls || !schema.properties) continue;
    for (const [prop, metas] of groupByProperty(metasOf(cls))) {
      const p = schema.properties[prop];
      if (p) applyConstraints(p, metas);
    }
  }

  // Schemas reached from request bodies refuse unknown fields (the validation pipe's forbidNonWhitelisted).
  const closed = new Set<string>();
  const close = (name: string | undefined) => {
    if (!name || closed.has(name) || !schemas[name]) return;
    closed.add(name);
    const s = schemas[name];
    if (s.type === 'object' || s.properties) s.additionalProperties = false;
    for (const p of Object.values(s.properties ?? {})) close(refName(p));
  };
  for (const item of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>)) {
      const json = op?.requestBody?.content?.['application/json']?.schema;
      const name = refName(json);
      close(name);
      if (method === 'patch' && name && schemas[name]) schemas[name].minProperties = 1;
    }
  }

  // Query parameters: the constraints of each handler's @Query() DTO.
  for (const h of handlers) {
    const op = (doc.paths[h.path] as Record<string, { parameters?: Array<{ in?: string; name?: string; schema?: Schema }> }> | undefined)?.[h.method];
    for (const cls of h.queryTypes) {
      const byProp = groupByProperty(metasOf(cls));
      for (const param of op?.parameters ?? []) {
        const metas = param.in === 'query' && param.name ? byProp.get(param.name) : undefined;
        if (metas) applyConstraints((param.schema ??= {}), metas);
      }
    }
  }
  return doc;
}

interface RouteHandler {
  method: string;
  /** OpenAPI style: `/working-groups/{id}`. */
  path: string;
  bodyTypes: Function[];
  queryTypes: Function[];
}

/** Every route with the DTO classes of its whole-object `@Body()` and `@Query()` parameters. */
function routeHandlers(app: INestApplication): RouteHandler[] {
  return controllerRoutes(app).map(({ metatype, prototype, name, method, path }) => {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<string, { index: number; data?: string }>;
    const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as Function[];
    const of = (kind: RouteParamtypes) =>
      Object.entries(args)
        .filter(([k, a]) => k.split(':')[0] === String(kind) && !a.data)
        .map(([, a]) => types[a.index])
        .filter((t): t is Function => typeof t === 'function' && t !== Object && t !== String && t !== Number);
    return { method, path: toOpenApiPath(path), bodyTypes: of(RouteParamtypes.BODY), queryTypes: of(RouteParamtypes.QUERY) };
  });
}
