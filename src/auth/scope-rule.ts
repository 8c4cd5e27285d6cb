import { DiscoveryService } from '@nestjs/core';
import type { ExtensionScopeKind, ScopeContext } from './access-policy';
import type { AuthUser } from './auth-user';

/**
 * The rule for one extension scope kind, owned by the feature whose objects it guards. It must answer false both
 * for objects the user may not see and for objects that do not exist, and may delegate to other kinds through
 * `ctx.policy` (e.g. a nomination request is visible to whoever may see its organisation or its group).
 */
export interface ScopeRule {
  canSee(user: AuthUser, id: string, ctx: ScopeContext): Promise<boolean> | boolean;
}

export interface ScopeRuleOptions {
  kind: ExtensionScopeKind;
  /** `uuid` (default): any other id is refused without calling the rule (so it never reaches SQL). */
  idFormat?: 'uuid' | 'any';
}

/**
 * Marks a provider as the rule for a scope kind: `@ScopeRuleFor({ kind: 'document' })` on an `@Injectable()` class
 * implementing ScopeRule, listed in its feature module's `providers`. AccessPolicy finds every such provider when
 * the application starts (Nest's DiscoveryService), refuses two rules for one kind, and denies a kind without one.
 */
export const ScopeRuleFor = DiscoveryService.createDecorator<ScopeRuleOptions>();
