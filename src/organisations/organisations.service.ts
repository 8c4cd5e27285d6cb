import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { SCOPE_NOT_FOUND_MESSAGES } from '../auth/access-policy';
import { appendAudit } from '../auth/audit';
import type { AuthUser } from '../auth/auth-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { Page, pageOf } from '../common/paging';
import { checkOrganisationNumber } from '../identity';
import { CreateOrganisationDto, ListOrganisationsQuery, ORGANISATION_PAGING, UpdateOrganisationDto } from './dto/organisation.dto';
import { Organisation } from './organisation.entity';

const NOT_FOUND = SCOPE_NOT_FOUND_MESSAGES.organisation;

/** The fields of an organisation that people set (the rest is the id and when it was made). */
type OrganisationFields = Pick<Organisation, 'name' | 'perspective' | 'contactEmail' | 'orgNumber'>;
const FIELDS: ReadonlyArray<keyof OrganisationFields> = ['name', 'perspective', 'contactEmail', 'orgNumber'];

/**
 * Patient and next-of-kin organisations: listed, read and created by administrators and coordinators (who ask them
 * for nominations), read by their own contacts, changed by administrators (src/auth/README.md). Names and
 * organisation numbers are unique (names regardless of case); every change is written to the audit log.
 */
@Injectable()
export class OrganisationsService {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async list(q: ListOrganisationsQuery): Promise<Page<Organisation>> {
    const { page, pageSize, offset } = pageOf(q, ORGANISATION_PAGING);
    const qb = this.ds.getRepository(Organisation).createQueryBuilder('o');
    const name = q.name?.trim();
    if (name) qb.andWhere(`lower(o.name) LIKE :like`, { like: `%${name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (q.perspective) qb.andWhere('o.perspective = :perspective', { perspective: q.perspective });
    const [items, total] = await qb.orderBy('lower(o.name)').addOrderBy('o.id').offset(offset).limit(pageSize).getManyAndCount();
    return { items, total, page, pageSize };
  }

  async get(id: string): Promise<Organisation> {
    const found = await this.ds.getRepository(Organisation).findOneBy({ id });
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
    return this.ds.transaction(async (em) => {
      await lockOrganisations(em);
      const existing = await em.getRepository(Organisation).findOneBy({ id });
      if (existing) {
        if (changedFields(existing, fields).length > 0) throw new ConflictError('En annan organisation finns redan med detta id.');
        return existing;
      }
      await assertUnique(em, fields, null);
      await em.getRepository(Organisation).insert({ id, ...fields });
      await appendAudit(em, { actor: actor.id, action: 'organisation.created', subjectType: 'organisation', subjectId: id, details: { ...fields } });
      return em.getRepository(Organisation).findOneByOrFail({ id });
    });
  }

  /** Changes the fields given (`orgNumber: null` removes the number). A change that changes nothing is not logged. */
  async update(id: string, dto: UpdateOrganisationDto, actor: AuthUser): Promise<Organisation> {
    const missing: Record<string, string[]> = {};
    if (dto.name === null) missing.name = ['Ange organisationens namn.'];
    if (dto.perspective === null) missing.perspective = ['Ange perspektiv.'];
    if (dto.contactEmail === null) missing.contactEmail = ['Ange en giltig e-postadress.'];
    if (Object.keys(missing).length) throw new InvalidInputError('Uppgifterna är inte giltiga. Rätta fälten och försök igen.', missing);
    return this.ds.transaction(async (em) => {
      await lockOrganisations(em);
      const before = await em.getRepository(Organisation).findOneBy({ id });
      if (!before) throw new NotFoundError(NOT_FOUND);
      const after: OrganisationFields = {
        name: dto.name?.trim() ?? before.name,
        perspective: dto.perspective ?? before.perspective,
        contactEmail: dto.contactEmail?.trim() ?? before.contactEmail,
        orgNumber: dto.orgNumber === undefined ? before.orgNumber : normaliseOrgNumber(dto.orgNumber),
      };
      const changed = changedFields(before, after);
      if (changed.length === 0) return before;
      await assertUnique(em, after, id);
      await em.getRepository(Organisation).update({ id }, after);
      await appendAudit(em, {
        actor: actor.id,
        action: 'organisation.updated',
        subjectType: 'organisation',
        subjectId: id,
        details: { before: pick(before, changed), after: pick(after, changed) },
      });
      return em.getRepository(Organisation).findOneByOrFail({ id });
    });
  }
}

/** Creations and changes one at a time, so two of them cannot both take a free name. */
const lockOrganisations = (em: EntityManager) => em.query(`SELECT pg_advisory_xact_lock(hashtext('organisation'))`);

function normaliseOrgNumber(input: string | null | undefined): string | null {
  if (input === undefined || input === null) return null;
  const check = checkOrganisationNumber(input);
  if (!check.ok) throw new InvalidInputError(check.message, { orgNumber: [check.message] }); // the DTO has checked it already
  return check.normalized;
}

async function assertUnique(em: EntityManager, f: OrganisationFields, exceptId: string | null): Promise<void> {
  const others = (where: string, value: string): Promise<unknown[]> =>
    em.query(`SELECT 1 FROM organisation WHERE ${where} AND ($2::uuid IS NULL OR id <> $2) LIMIT 1`, [value, exceptId]);
  const fields: Record<string, string[]> = {};
  if ((await others('lower(name) = lower($1)', f.name)).length) fields.name = ['Det finns redan en organisation med det namnet.'];
  if (f.orgNumber && (await others('org_number = $1', f.orgNumber)).length) fields.orgNumber = ['Det finns redan en organisation med det organisationsnumret.'];
  if (Object.keys(fields).length) throw new ConflictError(Object.values(fields)[0][0], fields);
}

function changedFields(before: OrganisationFields, after: OrganisationFields): Array<keyof OrganisationFields> {
  return FIELDS.filter((k) => before[k] !== after[k]);
}

function pick(f: OrganisationFields, keys: ReadonlyArray<keyof OrganisationFields>): Partial<OrganisationFields> {
  return Object.fromEntries(keys.map((k) => [k, f[k]]));
}
