import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser, Role } from './auth-user';

export const IS_PUBLIC = 'auth:isPublic';
export const REQUIRED_ROLES = 'auth:roles';

/** The endpoint needs no login (health, login itself, OpenAPI). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The endpoint needs one of these roles (admin is not implied; list it when admins may act). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated user of the request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user as AuthUser;
});

export const SCOPE = 'auth:scope';
/** The kinds of object an endpoint's route parameter can name; the scope guard checks the user may see it. */
export type ScopeKind =
  | 'group'
  | 'assignment'
  | 'organisation'
  | 'organisation-record'
  | 'person'
  | 'payer'
  | 'document'
  | 'batch'
  | 'nomination-request'
  | 'time-report'
  | 'activity'
  | 'group-budget'
  | 'input-item'
  | 'group-review';

/**
 * Declares which route parameter names the object this endpoint acts on, e.g.
 * `@Scoped('group', 'id')` on `POST /working-groups/:id/recruitment`. The global scope guard (src/auth/) loads
 * the object and checks the user's scope in one place; a denied request answers 404, so it never reveals
 * whether the object exists.
 */
export const Scoped = (kind: ScopeKind, param = 'id') => SetMetadata(SCOPE, { kind, param });
