import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../common/errors';
import { AccessPolicy, SCOPE_NOT_FOUND_MESSAGES } from './access-policy';
import type { AuthUser, Role } from './auth-user';
import { IS_PUBLIC, REQUIRED_ROLES, SCOPE, ScopeKind } from './auth.decorators';
import { ResolvedSession, SessionService } from './session.service';

/** Where requireSessionBeforeBody (session-before-body.ts) leaves the session it resolved before the body was read. */
export const PRE_RESOLVED_SESSION = Symbol('preResolvedSession');

/** A request after the guard: `user` is the logged-in user, `authSessionId` their session. */
export interface AuthedRequest extends Request {
  user?: AuthUser;
  authSessionId?: string;
  authSessionExpiresAt?: Date;
  [PRE_RESOLVED_SESSION]?: ResolvedSession;
}

export const MESSAGES = {
  noToken: 'Du behöver logga in för att använda tjänsten.',
  badToken: 'Din inloggning har gått ut eller är ogiltig. Logga in igen.',
  forbidden: 'Du har inte behörighet att göra detta.',
} as const;

/** `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/**
 * The user as a route's `@Roles` see them: only the roles the route lists, and only the scope those roles give
 * (`personId` with representative, `organisationId` with org-contact, `payerCode` with finance; groups are
 * coordinated only with coordinator, which AccessPolicy already checks). Without `@Roles`, the user as they are.
 * The guard checks `@Scoped` with it; the handler still gets the whole user (e.g. "not your own report" checks).
 */
export function actingAs(user: AuthUser, roles: readonly Role[] | undefined): AuthUser {
  if (!roles?.length) return user;
  const acting = user.roles.filter((r) => roles.includes(r));
  return {
    ...user,
    roles: acting,
    personId: acting.includes('representative') ? user.personId : null,
    organisationId: acting.includes('org-contact') ? user.organisationId : null,
    payerCode: acting.includes('finance') ? user.payerCode : null,
  };
}

/**
 * The global guard (APP_GUARD). Every endpoint needs a valid session unless it is `@Public()` (401 otherwise).
 * `@Roles(...)`: the user needs one of the roles (403). `@Scoped(kind, param)`: AccessPolicy decides whether the
 * user may see the object the route parameter names, in the scope of the listed roles only (`actingAs`); on a
 * scoped endpoint every refusal, the role check
 * included, answers 404 with the same message as a missing object, so nothing tells whether it exists.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(AccessPolicy) private readonly policy: AccessPolicy,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const token = bearerToken(req);
    if (!token) throw new UnauthorizedError(MESSAGES.noToken);
    const session = req[PRE_RESOLVED_SESSION] ?? (await this.sessions.resolve(token));
    if (!session) throw new UnauthorizedError(MESSAGES.badToken);
    req.user = session.user;
    req.authSessionId = session.sessionId;
    req.authSessionExpiresAt = session.expiresAt;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const roleOk = !roles?.length || roles.some((r) => session.user.roles.includes(r));
    const scope = this.reflector.getAllAndOverride<{ kind: ScopeKind; param: string } | undefined>(SCOPE, targets);
    if (scope) {
      const id = (req.params as Record<string, string | undefined>)[scope.param];
      // The scope of the role that grants the action, not of another role the user also has (a coordinator who
      // is also a representative gets no representative's step on a colleague's assignment of their group).
      if (!roleOk || !(await this.policy.canAccess(actingAs(session.user, roles), scope.kind, id))) {
        throw new NotFoundError(SCOPE_NOT_FOUND_MESSAGES[scope.kind] ?? 'Finns inte.');
      }
      return true;
    }
    if (!roleOk) throw new ForbiddenError(MESSAGES.forbidden);
    return true;
  }
}
