import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../logging/logger';
import { payerCodeOrNull, payerOf } from '../paying-bodies/payer-of-group';
import { samePayer } from '../paying-bodies/resolve-payer';
import { GroupCoordinatorsRepository } from '../users/group-coordinators.repository';
import { AccessRepository } from './access.repository';
import type { AuthUser } from './auth-user';
import type { ScopeKind } from './auth.decorators';
import { isUuid } from '../common/uuid';
import { ScopeRule, ScopeRuleFor } from './scope-rule';

/** The kinds whose rules live here. */
export const BUILT_IN_SCOPE_KINDS = ['group', 'assignment', 'organisation', 'organisation-record', 'person', 'payer'] as const;
export type BuiltInScopeKind = (typeof BUILT_IN_SCOPE_KINDS)[number];
/** The kinds another module answers for, with a `@ScopeRuleFor` provider (src/auth/scope-rule.ts). */
export type ExtensionScopeKind = Exclude<ScopeKind, BuiltInScopeKind>;

/** What a ScopeRule may use besides the user and the id. */
export interface ScopeContext {
  ds: DataSource;
  policy: AccessPolicy;
}


/**
 * Why a user may read a person's payment details (personnummer, bank account): they are the person, or they work
 * in finance for a payer that pays the person — the payer of an assignment the person has accepted (any state
 * after the offer, ended included; not one only offered or declined), or of a pending or paid payout line of
 * theirs. Null: they may not. (A nomination alone gives no payer access: anyone who may nominate could otherwise
 * open a person's details to the payer of their own group.)
 */
export type PaymentDetailsBasis =
  | { as: 'self' }
  | { as: 'finance'; payerCode: string; basis: 'assignment' | 'payout-line' };

/**
 * The one place that decides who may see what (the `@Scoped(kind, param)` guard asks it; services may too).
 *
 * - group: a coordinator of the group (group_coordinator), an administrator;
 * - assignment: the representative themself, a coordinator of its group, a contact of its nominating
 *   organisation, an administrator;
 * - organisation (acting for it: its nomination requests, its documents): its contacts, an administrator;
 * - organisation-record (reading the organisation's own record: name, perspective, address): an administrator,
 *   every coordinator (they list all organisations to choose whom to ask), its contacts;
 * - person (personal and payment details, payouts, slips: DOMAIN "Personal data"): the person themself, and
 *   finance of a payer that pays the person (`paymentDetailsBasis`); nobody else, administrators included;
 * - payer: finance of that payer;
 * - document, batch, nomination-request, time-report, activity: the `@ScopeRuleFor(kind)` provider of the owning
 *   module (found at start, see src/auth/scope-rule.ts); without one, nobody (fail closed).
 */
@Injectable()
export class AccessPolicy implements OnModuleInit {
  private readonly rules = new Map<ScopeKind, { rule: ScopeRule; idFormat: 'uuid' | 'any' }>();

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(AccessRepository) private readonly repo: AccessRepository,
    @Inject(GroupCoordinatorsRepository) private readonly coordinators: GroupCoordinatorsRepository,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
  ) {}

  /** Collects the feature modules' scope rules (every provider marked `@ScopeRuleFor`); one per kind. */
  onModuleInit() {
    for (const wrapper of this.discovery.getProviders({ metadataKey: ScopeRuleFor.KEY })) {
      const options = this.discovery.getMetadataByDecorator(ScopeRuleFor, wrapper);
      if (!options) continue;
      const rule = wrapper.instance as ScopeRule | undefined;
      const kind = options.kind;
      if ((BUILT_IN_SCOPE_KINDS as readonly string[]).includes(kind)) throw new Error(`scope kind "${kind}" is decided by AccessPolicy itself`);
      if (!rule || typeof rule.canSee !== 'function') throw new Error(`${wrapper.name}: a @ScopeRuleFor provider must be a singleton with canSee()`);
      if (this.rules.has(kind)) throw new Error(`two scope rules for "${kind}" (${wrapper.name} and another)`);
      this.rules.set(kind, { rule, idFormat: options.idFormat ?? 'uuid' });
    }
  }

  /** Whether a kind is decided here or by a discovered rule (for diagnostics and tests). */
  hasRule(kind: ScopeKind): boolean {
    return (BUILT_IN_SCOPE_KINDS as readonly string[]).includes(kind) || this.rules.has(kind);
  }

  /** May `user` see object `id` of `kind`? False for objects that do not exist. */
  async canAccess(user: AuthUser, kind: ScopeKind, id: string | undefined): Promise<boolean> {
    if (typeof id !== 'string' || id.length === 0 || id.length > 200) return false;
    switch (kind) {
      case 'group':
        return isUuid(id) && (this.isAdmin(user) || (await this.coordinates(user, id)));
      case 'assignment':
        return isUuid(id) && this.canAccessAssignment(user, id);
      case 'organisation':
        return isUuid(id) && (this.isAdmin(user) || this.speaksFor(user, id));
      case 'organisation-record':
        return isUuid(id) && this.mayReadOrganisation(user, id);
      case 'person':
        return isUuid(id) && (await this.paymentDetailsBasis(user, id)) !== null;
      case 'payer':
        return user.roles.includes('finance') && user.payerCode !== null && samePayer(user.payerCode, id);
      default: {
        const ext = this.rules.get(kind);
        if (!ext) {
          this.logger.warn({ kind }, 'no scope rule provided for this kind: access denied');
          return false;
        }
        if (ext.idFormat === 'uuid' && !isUuid(id)) return false;
        return (await ext.rule.canSee(user, id, { ds: this.ds, policy: this })) === true;
      }
    }
  }

  isAdmin(user: AuthUser): boolean {
    return user.roles.includes('admin');
  }

  /** An organisation contact of this organisation. */
  speaksFor(user: AuthUser, organisationId: string): boolean {
    return user.roles.includes('org-contact') && user.organisationId !== null && user.organisationId.toLowerCase() === organisationId.toLowerCase();
  }

  /**
   * May `user` read the record of organisation `id` (GET /organisations/:id)? Administrators and coordinators
   * (who list every organisation and ask them for nominations, so one they just created is readable too), and the
   * organisation's own contacts. False for an organisation that does not exist.
   */
  async mayReadOrganisation(user: AuthUser, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    if (!this.isAdmin(user) && !user.roles.includes('coordinator') && !this.speaksFor(user, id)) return false;
    return this.repo.organisationExists(id);
  }

  /**
   * Why `user` may read person `personId`'s payment details and payouts, or null (see PaymentDetailsBasis):
   * the person themself, or finance of a payer with an assignment the person has accepted, or with a pending or
   * paid payout line for the person. Any other finance officer, an administrator, a coordinator, a contact: null.
   */
  async paymentDetailsBasis(user: AuthUser, personId: string): Promise<PaymentDetailsBasis | null> {
    if (!isUuid(personId)) return null;
    if (user.personId !== null && user.personId.toLowerCase() === personId.toLowerCase()) return { as: 'self' };
    if (!user.roles.includes('finance') || user.payerCode === null) return null;
    const payer = user.payerCode;
    const linePayers = await this.repo.payerCodesOfPayoutLines(personId);
    if (linePayers.some((code) => samePayer(code, payer))) return { as: 'finance', payerCode: payer, basis: 'payout-line' };
    const groups = await this.repo.groupsOfAcceptedAssignments(personId);
    for (const g of groups) {
      const code = payerCodeOrNull(payerOf({ kind: g.kind, hostRegion: g.host_region }, g.parent_kind ? { kind: g.parent_kind, hostRegion: g.parent_host } : null));
      if (samePayer(code, payer)) return { as: 'finance', payerCode: payer, basis: 'assignment' };
    }
    return null;
  }

  /** A coordinator of this group (the coordinator role and a group_coordinator row). */
  async coordinates(user: AuthUser, groupId: string): Promise<boolean> {
    if (!user.roles.includes('coordinator') || !isUuid(groupId)) return false;
    return this.coordinators.isRecorded(user.id, groupId);
  }

  /** The groups a user coordinates (empty unless they have the coordinator role). */
  async coordinatedGroupIds(user: AuthUser): Promise<string[]> {
    if (!user.roles.includes('coordinator')) return [];
    return this.coordinators.groupIdsOf(user.id);
  }

  private async canAccessAssignment(user: AuthUser, id: string): Promise<boolean> {
    const a = await this.repo.assignmentParties(id);
    if (!a) return false;
    if (this.isAdmin(user)) return true;
    if (user.personId !== null && a.person_id === user.personId) return true;
    if (user.roles.includes('org-contact') && user.organisationId !== null && a.nominating_organisation_id === user.organisationId) return true;
    return this.coordinates(user, a.group_id);
  }
}

/** The 404 message for a denied or missing object of a kind: the same either way, so nothing is revealed. */
export const SCOPE_NOT_FOUND_MESSAGES: Record<ScopeKind, string> = {
  group: 'Gruppen finns inte.',
  assignment: 'Uppdraget finns inte.',
  organisation: 'Organisationen finns inte.',
  'organisation-record': 'Organisationen finns inte.',
  person: 'Personen finns inte.',
  payer: 'Betalaren finns inte.',
  document: 'Dokumentet finns inte.',
  batch: 'Utbetalningsomgången finns inte.',
  'nomination-request': 'Nomineringsförfrågan finns inte.',
  'time-report': 'Tidrapporten finns inte.',
  activity: 'Aktiviteten finns inte.',
  'group-budget': 'Gruppen finns inte.',
  'input-item': 'Inspelet finns inte.',
  'group-review': 'Gruppen finns inte.',
};
