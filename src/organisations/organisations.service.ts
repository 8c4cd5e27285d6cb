import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SCOPE_NOT_FOUND_MESSAGES } from '../auth/access-policy';
import { appendAudit } from '../audit/audit-log.repository';
import type { AuthUser } from '../auth/auth-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { Page, pageOf } from '../common/paging';
import { checkOrganisationNumber } from '../identity';
import { CreateOrganisationDto, ListOrganisationsQuery, ORGANISATION_PAGING, UpdateOrganisationDto } from './dto/organisation.dto';
import { Organisation } from './organisation.entity';
import { type OrganisationFields, OrganisationsRepository } from './organisations.repository';

const NOT_FOUND = SCOPE_NOT_FOUND_MESSAGES.organisation;

const FIELDS: ReadonlyArray<keyof OrganisationFields> = ['name', 'perspective', 'contactEmail', 'orgNumber'];

/**
 * Patient and next-of-kin organisations: listed, read and created by administrators and coordinators (who ask them
 * for nominations), read by their own contacts, changed by administrators (src/auth/README.md). Names and
 * organisation numbers are unique (names regardless of case); every change is written to the audit log.
 */
@Injectable()
export class OrganisationsService {
  constructor(@Inject(OrganisationsRepository) private readonly repo: OrganisationsRepository) {}

  async list(q: ListOrganisationsQuery): Promise<Page<Organisation>> {
    const { page, pageSize, offset } = pageOf(q, ORGANISATION_PAGING);
    const [items, total] = await this.repo.page({ name: q.name?.trim() || undefined, perspective: q.perspective }, offset, pageSize);
    return { items, total, page, pageSize };
  }

  async get(id: string): Promise<Organisation> {
    const found = await this.repo.byId(id);
    if (!found) throw new NotFoundError(NOT_FOUND);
    return found;
  }

  /**
   * Stores a new organisation. Idempotent: the same client id with the same fields returns the organisation
   * stored the first time; the same id with other fields is a conflict.
   */
  async create(dto: CreateOrganisationDto, actor: AuthUser): Promise<Organisation> {
    const id = dto.id ?? randomUUID();
    const fields: OrganisationFields = {
      name: dto.name.trim(),
      perspective: dto.perspective,
      contactEmail: dto.contactEmail.trim(),
      orgNumber: normaliseOrgNumber(dto.orgNumber),
    };
    return this.repo.transaction(async (em) => {
      await this.repo.lockForChange(em);
      const existing = await this.repo.byId(id, em);
      if (existing) {
        if (changedFields(existing, fields).length > 0) throw new ConflictError('En annan organisation finns redan med detta id.');
        return existing;
      }
      await this.assertUnique(em, fields, null);
      const created = await this.repo.insert(id, fields, em);
      await appendAudit(em, { actor: actor.id, action: 'organisation.created', subjectType: 'organisation', subjectId: id, details: { ...fields } });
      return created;
    });
  }

  /** Changes the fields given (`orgNumber: null` removes the number). A change that changes nothing is not logged. */
  async update(id: string, dto: UpdateOrganisationDto, actor: AuthUser): Promise<Organisation> {
    const missing: Record<string, string[]> = {};
    if (dto.name === null) missing.name = ['Ange organisationens namn.'];
    if (dto.perspective === null) missing.perspective = ['Ange perspektiv.'];
    if (dto.contactEmail === null) missing.contactEmail = ['Ange en giltig e-postadress.'];
    if (Object.keys(missing).length) throw new InvalidInputError('Uppgifterna är inte giltiga. Rätta fälten och försök igen.', missing);
    return this.repo.transaction(async (em) => {
      await this.repo.lockForChange(em);
      const before = await this.repo.byId(id, em);
      if (!before) throw new NotFoundError(NOT_FOUND);
      const after: OrganisationFields = {
        name: dto.name?.trim() ?? before.name,
        perspective: dto.perspective ?? before.perspective,
        contactEmail: dto.contactEmail?.trim() ?? before.contactEmail,
        orgNumber: dto.orgNumber === undefined ? before.orgNumber : normaliseOrgNumber(dto.orgNumber),
      };
      const changed = changedFields(before, after);
      if (changed.length === 0) return before;
      await this.assertUnique(em, after, id);
      const updated = await this.repo.update(id, after, em);
      await appendAudit(em, {
        actor: actor.id,
        action: 'organisation.updated',
        subjectType: 'organisation',
        subjectId: id,
        details: { before: pick(before, changed), after: pick(after, changed) },
      });
      return updated;
    });
  }

  private async assertUnique(em: EntityManager, f: OrganisationFields, exceptId: string | null): Promise<void> {
    const fields: Record<string, string[]> = {};
    if (await this.repo.nameTaken(f.name, exceptId, em)) fields.name = ['Det finns redan en organisation med det namnet.'];
    if (f.orgNumber && (await this.repo.orgNumberTaken(f.orgNumber, exceptId, em))) fields.orgNumber = ['Det finns redan en organisation med det organisationsnumret.'];
    if (Object.keys(fields).length) throw new ConflictError(Object.values(fields)[0][0], fields);
  }
}

function normaliseOrgNumber(input: string | null | undefined): string | null {
  if (input === undefined || input === null) return null;
  const check = checkOrganisationNumber(input);
  if (!check.ok) throw new InvalidInputError(check.message, { orgNumber: [check.message] }); // the DTO has checked it already
  return check.normalized;
}

function changedFields(before: OrganisationFields, after: OrganisationFields): Array<keyof OrganisationFields> {
  return FIELDS.filter((k) => before[k] !== after[k]);
}

function pick(f: OrganisationFields, keys: ReadonlyArray<keyof OrganisationFields>): Partial<OrganisationFields> {
  return Object.fromEntries(keys.map((k) => [k, f[k]]));
}
