import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Role } from './auth-user';
import { IS_PUBLIC, REQUIRED_ROLES, SCOPE, ScopeKind } from './auth.decorators';

/** How an endpoint is protected, as published in the OpenAPI document (`x-auth` on each operation). */
export interface EndpointAuth {
  public: boolean;
  roles: Role[];
  scope: { kind: ScopeKind; param: string } | null;
}

export interface DiscoveredEndpoint extends EndpointAuth {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options' | 'all';
  /** Express style: `/working-groups/:id`. */
  path: string;
  /** The handler reads the request body (`@Body()`). */
  takesBody: boolean;
}

/** Every controller route of the application with how it is protected (from the same metadata the guard reads). */
export function discoverEndpoints(app: INestApplication): DiscoveredEndpoint[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const out: DiscoveredEndpoint[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    const ctrlPaths = ([] as string[]).concat((Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined) ?? '/');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPaths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase() as DiscoveredEndpoint['method'];
      const targets = [handler, metatype];
      const auth: EndpointAuth = {
        public: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
        roles: reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [],
        scope: reflector.getAllAndOverride<{ kind: ScopeKind; param: string } | undefined>(SCOPE, targets) ?? null,
      };
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<string, unknown>;
      const takesBody = Object.keys(args).some((k) => k.split(':')[0] === String(RouteParamtypes.BODY));
      for (const c of ctrlPaths) {
        for (const m of ([] as string[]).concat(methodPaths)) {
          out.push({ method, path: joinPath(c, m), takesBody, ...auth });
        }
      }
    }
  }
  return out;
}

/**
 * Declares in the OpenAPI document what the guard enforces: bearer auth on every operation except `@Public()`
 * ones (`security: []`), an `x-auth` extension with the roles and scope, and the 401/403/404 answers.
 */
export function describeAuthInOpenApi(app: INestApplication, doc: OpenAPIObject): OpenAPIObject {
  for (const e of discoverEndpoints(app)) {
    const item = doc.paths[toOpenApiPath(e.path)] as Record<string, Record<string, unknown> | undefined> | undefined;
    const op = item?.[e.method];
    if (!op) continue;
    op.security = e.public ? [] : [{ bearer: [] }];
    op['x-auth'] = { public: e.public, roles: e.roles, scope: e.scope };
    const responses = (op.responses ??= {}) as Record<string, unknown>;
    if (!e.public) responses['401'] ??= { description: 'Inte inloggad, eller sessionen har gått ut.' };
    if (!e.public && e.roles.length && !e.scope) responses['403'] ??= { description: `Kräver någon av rollerna: ${e.roles.join(', ')}.` };
    if (e.scope) {
      responses['404'] ??= { description: 'Finns inte, eller får inte visas för den inloggade användaren (samma svar).' };
    }
    // src/common/non-empty-patch.ts: a PATCH without a field to change is refused.
    if (e.method === 'patch') responses['400'] ??= { description: 'Ogiltiga uppgifter, eller inget fält att ändra.' };
  }
  return doc;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

/** `/a/:id` → `/a/{id}` */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
