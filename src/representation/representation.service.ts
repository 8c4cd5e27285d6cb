import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { appendAudit } from '../audit/audit-log.repository';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { type Page, pageOf } from '../common/paging';
import { FIELD_CIPHER, FieldCipher } from '../crypto/field-cipher';
import type { OrganisationPerspective } from '../organisations/organisation.entity';
import { HEALTHCARE_REGIONS, type GroupKind, type HealthcareRegion } from '../working-groups/working-group.entity';
import { aggregateDiversity, type AgeBand, type DiversityAnswers, type DiversityFigures, parseAnswers, serialiseAnswers } from './diversity';
import {
  type BelowSinceReason,
  type DiversityScope,
  LAST_ASKED_PAGING,
  type OrganisationsLastAskedQuery,
  type SaveDiversityDto,
  type UpdateRepresentationSettingsDto,
} from './dto/representation.dto';
import { type DiversityScopeFilter, RepresentationRepository } from './representation.repository';

export interface GroupStaffingView {
  groupId: string;
  name: string;
  kind: GroupKind;
  parentGroupId: string | null;
  minimum: number;
  active: number;
  onboarding: number;
  belowMinimum: boolean;
  belowMinimumSince: Date | null;
  belowSinceReason: BelowSinceReason | null;
}

export interface PersonWorkloadView {
  personId: string;
  fullName: string;
  assignments: number;
  offers: number;
  aboveThreshold: boolean;
  warning: string | null;
  availableForMore: boolean;
}

export interface OrganisationWorkloadView {
  organisationId: string;
  name: string;
  assignments: number;
  aboveThreshold: boolean;
  warning: string | null;
}

export interface WorkloadView {
  personThreshold: number;
  organisationThreshold: number;
  people: PersonWorkloadView[];
  organisations: OrganisationWorkloadView[];
}

export interface AvailablePersonView {
  personId: string;
  fullName: string;
  email: string;
  availableSince: Date;
  assignments: number;
  aboveThreshold: boolean;
}

export interface OrganisationLastAskedView {
  organisationId: string;
  name: string;
  perspective: OrganisationPerspective;
  lastRequestAt: Date | null;
  requests: number;
}
export type OrganisationLastAskedPage = Page<OrganisationLastAskedView>;

export interface RepresentationSettingsView {
  personThreshold: number;
  organisationThreshold: number;
  updatedAt: Date | null;
}

export interface MyAvailabilityView {
  available: boolean;
  availableSince: Date | null;
}

export interface MyDiversityView {
  consented: boolean;
  consentedAt: Date | null;
  answers: DiversityAnswers | null;
}

export interface DiversityFiguresView extends DiversityFigures {
  scope: DiversityScope;
  scopeName: string;
  warnings: string[];
}

export interface DiversityScopesView {
  npos: Array<{ groupId: string; name: string; hostRegion: HealthcareRegion | null }>;
  regions: HealthcareRegion[];
}

const AGE_BAND_NAMES: Record<AgeBand, string> = { 'under-30': 'under 30 år', '30-49': '30–49 år', '50-64': '50–64 år', '65-plus': '65 år eller äldre' };
const REGION_NAMES: Record<HealthcareRegion, string> = {
  norra: 'Norra sjukvårdsregionen',
  mellansverige: 'Sjukvårdsregion Mellansverige',
  'stockholm-gotland': 'Sjukvårdsregion Stockholm-Gotland',
  sydostra: 'Sydöstra sjukvårdsregionen',
  vastra: 'Västra sjukvårdsregionen',
  sodra: 'Södra sjukvårdsregionen',
};
const NO_PERSON = 'Du har ingen personpost: uppgifterna hör till en företrädare.';
export const NPO_NOT_FOUND = 'Programområdet finns inte.';

/**
 * Representativeness and workload (issue 19 #2), for coordinators (their own groups' staffing and people; every
 * organisation; aggregate diversity figures) and administrators (everything, and the thresholds). A person's own
 * availability and diversity answers are theirs alone: no endpoint answers them to anyone else.
 */
@Injectable()
export class RepresentationService {
  constructor(
    @Inject(RepresentationRepository) private readonly repo: RepresentationRepository,
    @Inject(AccessPolicy) private readonly policy: AccessPolicy,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  /** The groups a user oversees here: every group for an administrator, their own for a coordinator. */
  private async groupScope(user: AuthUser): Promise<string[] | null> {
    return this.policy.isAdmin(user) ? null : this.policy.coordinatedGroupIds(user);
  }

  /** Per group: active representatives against the minimum, and since when below (fewest and longest below first). */
  async staffing(user: AuthUser): Promise<GroupStaffingView[]> {
    const rows = await this.repo.staffing(await this.groupScope(user));
    const views = rows.map((r): GroupStaffingView => {
      const below = r.active < r.min_representatives;
      const left = below && r.below_minimum_since !== null;
      return {
        groupId: r.id,
        name: r.name,
        kind: r.kind,
        parentGroupId: r.parent_group_id,
        minimum: r.min_representatives,
        active: r.active,
        onboarding: r.onboarding,
        belowMinimum: below,
        belowMinimumSince: below ? (r.below_minimum_since ?? r.created_at) : null,
        belowSinceReason: below ? (left ? 'representative-left' : 'never-staffed') : null,
      };
    });
    return views.sort((a, b) => Number(b.belowMinimum) - Number(a.belowMinimum) || time(a.belowMinimumSince) - time(b.belowMinimumSince));
  }

  async settings(): Promise<RepresentationSettingsView> {
    return settingsView(await this.repo.settings());
  }

  /** Changes the thresholds (administrators); audited with the values before and after. */
  async updateSettings(dto: UpdateRepresentationSettingsDto, actor: AuthUser): Promise<RepresentationSettingsView> {
    return this.repo.transaction(async (em) => {
      const before = await this.repo.settings(em);
      const after = {
        personThreshold: dto.personThreshold ?? before.person_threshold,
        organisationThreshold: dto.organisationThreshold ?? before.organisation_threshold,
      };
      if (after.personThreshold === before.person_threshold && after.organisationThreshold === before.organisation_threshold) return settingsView(before);
      const row = await this.repo.updateSettings(after, actor.id, em);
      await appendAudit(em, {
        actor: actor.id,
        action: 'representation.settings-updated',
        subjectType: 'representation_setting',
        subjectId: 'thresholds',
        details: { before: { personThreshold: before.person_threshold, organisationThreshold: before.organisation_threshold }, after },
      });
      return settingsView(row);
    });
  }

  /** How many assignments the people of the user's groups and every organisation's nominees hold, with warnings. */
  async workload(user: AuthUser): Promise<WorkloadView> {
    const [settings, people, organisations] = await Promise.all([this.repo.settings(), this.repo.personLoads(await this.groupScope(user)), this.repo.organisationLoads()]);
    const pt = settings.person_threshold;
    const ot = settings.organisation_threshold;
    return {
      personThreshold: pt,
      organisationThreshold: ot,
      people: people.map((p) => ({
        personId: p.id,
        fullName: p.full_name,
        assignments: p.held,
        offers: p.offered,
        aboveThreshold: p.held > pt,
        warning: p.held > pt ? `Har ${p.held} pågående uppdrag, fler än gränsen ${pt}.` : null,
        availableForMore: p.available_since !== null,
      })),
      organisations: organisations.map((o) => ({
        organisationId: o.id,
        name: o.name,
        assignments: o.held,
        aboveThreshold: o.held > ot,
        warning: o.held > ot ? `Organisationens nominerade har ${o.held} pågående uppdrag, fler än gränsen ${ot}.` : null,
      })),
    };
  }

  /** People who have said they would take another assignment (they chose to be seen by coordinators). */
  async available(): Promise<AvailablePersonView[]> {
    const [settings, rows] = await Promise.all([this.repo.settings(), this.repo.availablePeople()]);
    return rows.map((r) => ({
      personId: r.id,
      fullName: r.full_name,
      email: r.email,
      availableSince: r.available_since,
      assignments: r.held,
      aboveThreshold: r.held > settings.person_threshold,
    }));
  }

  async organisationsByLastRequest(q: OrganisationsLastAskedQuery): Promise<OrganisationLastAskedPage> {
    const { page, pageSize, offset } = pageOf(q, LAST_ASKED_PAGING);
    const [rows, total] = await this.repo.organisationsByLastRequest(offset, pageSize);
    return {
      items: rows.map((r) => ({ organisationId: r.id, name: r.name, perspective: r.perspective, lastRequestAt: r.last_request_at, requests: r.requests })),
      total,
      page,
      pageSize,
    };
  }

  async myAvailability(user: AuthUser): Promise<MyAvailabilityView> {
    const since = await this.repo.availableSince(ownPerson(user));
    if (since === undefined) throw new NotFoundError(NO_PERSON);
    return { available: since !== null, availableSince: since };
  }

  /** The person's own flag; a change is audited (nothing but the flag). */
  async setMyAvailability(user: AuthUser, available: boolean): Promise<MyAvailabilityView> {
    const personId = ownPerson(user);
    return this.repo.transaction(async (em) => {
      const changed = await this.repo.setAvailable(personId, available, em);
      if (!changed) throw new NotFoundError(NO_PERSON);
      if ((changed.before === null) !== (changed.after === null)) {
        await appendAudit(em, {
          actor: user.id,
          action: available ? 'person.available-for-more' : 'person.not-available-for-more',
          subjectType: 'person',
          subjectId: personId,
        });
      }
      return { available: changed.after !== null, availableSince: changed.after };
    });
  }

  async myDiversity(user: AuthUser): Promise<MyDiversityView> {
    const row = await this.repo.ownAnswers(ownPerson(user));
    if (!row) return { consented: false, consentedAt: null, answers: null };
    return { consented: true, consentedAt: row.consented_at, answers: parseAnswers(this.cipher.decrypt(row.answers_enc)) };
  }

  /** Stores the person's answers with their consent (encrypted); the audit log records the consent, never the answers. */
  async saveMyDiversity(user: AuthUser, dto: SaveDiversityDto): Promise<MyDiversityView> {
    const personId = ownPerson(user);
    if (dto.consent !== true) throw new InvalidInputError('Uppgifterna sparas bara med ditt samtycke.', { consent: ['Kryssa i att du samtycker.'] });
    const answers: DiversityAnswers = { ageBand: dto.ageBand ?? null, perspective: dto.perspective ?? null, work: dto.work ?? null, region: dto.region ?? null };
    await this.repo.transaction(async (em) => {
      const existed = await this.repo.saveAnswers(personId, this.cipher.encrypt(serialiseAnswers(answers)), em);
      await appendAudit(em, {
        actor: user.id,
        action: existed ? 'person.diversity-answers-changed' : 'person.diversity-consent-given',
        subjectType: 'person',
        subjectId: personId,
      });
    });
    return this.myDiversity(user);
  }

  /** Withdraws the consent: the answers are erased at once (and with them the person's part of every figure). */
  async withdrawMyDiversity(user: AuthUser): Promise<MyDiversityView> {
    const personId = ownPerson(user);
    await this.repo.transaction(async (em) => {
      if (await this.repo.eraseAnswers(personId, em)) {
        await appendAudit(em, { actor: user.id, action: 'person.diversity-consent-withdrawn', subjectType: 'person', subjectId: personId, details: { erased: true } });
      }
    });
    return { consented: false, consentedAt: null, answers: null };
  }

  async diversityScopes(): Promise<DiversityScopesView> {
    const npos = await this.repo.npos();
    return { npos: npos.map((n) => ({ groupId: n.id, name: n.name, hostRegion: n.host_region })), regions: [...HEALTHCARE_REGIONS] };
  }

  /** Aggregate figures of one scope, with the disclosure rules of aggregateDiversity; never anyone's answers. */
  async diversity(q: DiversityScopeFilter): Promise<DiversityFiguresView> {
    let filter: DiversityScopeFilter = q;
    let scopeName = 'Hela landet';
    if (q.scope === 'npo') {
      const npo = await this.repo.npoById(q.groupId);
      if (!npo) throw new NotFoundError(NPO_NOT_FOUND);
      filter = { scope: 'npo', groupId: npo.id };
      scopeName = `${npo.name} med dess arbetsgrupper`;
    } else if (q.scope === 'region') {
      scopeName = `Grupperna i ${REGION_NAMES[q.region]}`;
    }
    const answers = (await this.repo.consentedAnswersIn(filter)).map((enc) => parseAnswers(this.cipher.decrypt(enc)));
    const figures = aggregateDiversity(answers);
    const warnings = figures.missingAgeBands.map((band) =>
      q.scope === 'npo'
        ? `Ingen av de svarande i programområdets grupper är ${AGE_BAND_NAMES[band]}.`
        : `Ingen av de svarande är ${AGE_BAND_NAMES[band]}.`,
    );
    return { ...figures, scope: q.scope, scopeName, warnings };
  }
}

function ownPerson(user: AuthUser): string {
  if (!user.personId) throw new NotFoundError(NO_PERSON);
  return user.personId;
}

function settingsView(r: { person_threshold: number; organisation_threshold: number; updated_at: Date | null }): RepresentationSettingsView {
  return { personThreshold: r.person_threshold, organisationThreshold: r.organisation_threshold, updatedAt: r.updated_at };
}

const time = (d: Date | null) => (d ? d.getTime() : Number.MAX_SAFE_INTEGER);
