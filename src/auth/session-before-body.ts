import type { ArgumentsHost, INestApplication } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { NextFunction, Request, Response } from 'express';
import { UnauthorizedError } from '../common/errors';
import { hasBody } from '../common/text-input';
import { AuthedRequest, bearerToken, MESSAGES, PRE_RESOLVED_SESSION } from './auth.guard';
import { discoverEndpoints, DiscoveredEndpoint } from './openapi-auth';
import { SessionService } from './session.service';

interface CompiledRoute {
  re: RegExp;
  method: string;
  public: boolean;
}

/**
 * Which routes a request may reach, and whether they are public, from the metadata the guard itself reads
 * (`discoverEndpoints`: `@Public()` on handler or controller), so there is one source of truth for public routes.
 * Paths are matched as express 5 routes them: `:param` is one segment, case-insensitive, a trailing slash allowed.
 */
export function compileRoutes(endpoints: DiscoveredEndpoint[]): CompiledRoute[] {
  return endpoints.map((e) => ({
    re: new RegExp(`^${e.path.split('/').map(segment).join('/')}/?$`, 'i'),
    method: e.method.toUpperCase(),
    public: e.public,
  }));
}

/**
 * 'public' when a public route of the method matches the path (its body is read as usual), 'authenticated' when
 * only routes that need a session match, 'none' when no route of the method matches (404/405 answer as before).
 */
export function routeAccess(routes: CompiledRoute[], method: string, path: string): 'public' | 'authenticated' | 'none' {
  let found = false;
  for (const r of routes) {
    if ((r.method !== method && r.method !== 'ALL') || !r.re.test(path)) continue;
    if (r.public) return 'public';
    found = true;
  }
  return found ? 'authenticated' : 'none';
}

/**
 * A request that carries a body to a route that needs a session gets 401 before the body is read, parsed or
 * echoed: malformed JSON, a too large body or one of a type the API does not take answer 401 like any other
 * request without (or with an expired) session, never 400/413/415. Runs after the URL check and before
 * `refuseNonJsonBodies` and the JSON parser. The session it resolves is handed to the AuthGuard (same request,
 * no second lookup); roles and scope are still the guard's. Requests without a body are left to the guard.
 * Should the session lookup itself fail (database away), `onError` answers it as the exception filter would (503).
 */
export function requireSessionBeforeBody(app: INestApplication, onError: (e: unknown, host: ArgumentsHost) => void) {
  const routes = compileRoutes(discoverEndpoints(app));
  const sessions = app.get(SessionService, { strict: false });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req) || routeAccess(routes, req.method, req.path) !== 'authenticated') return next();
    const token = bearerToken(req);
    const refuse = (message: string) => onError(new UnauthorizedError(message), new ExecutionContextHost([req, res, next]));
    if (!token) return refuse(MESSAGES.noToken);
    sessions.resolve(token).then(
      (session) => {
        if (!session) return refuse(MESSAGES.badToken);
        (req as AuthedRequest)[PRE_RESOLVED_SESSION] = session;
        next();
      },
      (e: unknown) => onError(e, new ExecutionContextHost([req, res, next])),
    );
  };
}

function segment(s: string): string {
  return s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
