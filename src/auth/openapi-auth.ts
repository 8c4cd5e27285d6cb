import { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Role } from './auth-user';
import { controllerRoutes, toOpenApiPath } from '../common/controller-routes';
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
  const reflector = app.get(Reflector);
  return controllerRoutes(app).map(({ metatype, name, handler, method, path }) => {
    const targets = [handler as (...args: unknown[]) => unknown, metatype as new (...args: unknown[]) => unknown];
    const auth: EndpointAuth = {
      public: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
      roles: reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [],
      scope: reflector.getAllAndOverride<{ kind: ScopeKind; param: string } | undefined>(SCOPE, targets) ?? null,
    };
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<string, unknown>;
    const takesBody = Object.keys(args).some((k) => k.split(':')[0] === String(RouteParamtypes.BODY));
    return { method, path, takesBody, ...auth };
  });
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

export { toOpenApiPath };
