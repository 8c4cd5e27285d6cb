import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Organisation, type OrganisationPerspective } from './organisation.entity';

/** The fields of an organisation that people set (the rest is the id and when it was made). */
export type OrganisationFields = Pick<Organisation, 'name' | 'perspective' | 'contactEmail' | 'orgNumber'>;

/** Patient and next-of-kin organisations (organisation). Methods that take an EntityManager run in the caller's transaction. */
@Injectable()
export class OrganisationsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** One page of the organisations whose name contains `name` (any letter case) and of the perspective, by name; and how many in all. */
  async page(filter: { name?: string; perspective?: OrganisationPerspective }, offset: number, limit: number): Promise<[Organisation[], number]> {
    const qb = this.ds.getRepository(Organisation).createQueryBuilder('o');
    if (filter.name) qb.andWhere(`lower(o.name) LIKE :like`, { like: `%${filter.name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (filter.perspective) qb.andWhere('o.perspective = :perspective', { perspective: filter.perspective });
    return qb.orderBy('lower(o.name)').addOrderBy('o.id').offset(offset).limit(limit).getManyAndCount();
  }

  byId(id: string, em: EntityManager = this.ds.manager): Promise<Organisation | null> {
    return em.getRepository(Organisation).findOneBy({ id });
  }

  /** Creations and changes one at a time (a transaction-scoped advisory lock), so two of them cannot both take a free name. */
  async lockForChange(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('organisation'))`);
  }

  /** Stores a new organisation and answers it as stored. */
  async insert(id: string, fields: OrganisationFields, em: EntityManager): Promise<Organisation> {
    await em.getRepository(Organisation).insert({ id, ...fields });
    return em.getRepository(Organisation).findOneByOrFail({ id });
  }

  /** Changes the organisation's fields and answers it as stored. */
  async update(id: string, fields: OrganisationFields, em: EntityManager): Promise<Organisation> {
    await em.getRepository(Organisation).update({ id }, fields);
    return em.getRepository(Organisation).findOneByOrFail({ id });
  }

  /** Does another organisation than `exceptId` have this name (any letter case)? */
  async nameTaken(name: string, exceptId: string | null, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM organisation WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2) LIMIT 1`, [name, exceptId]);
    return rows.length > 0;
  }

  /** Does another organisation than `exceptId` have this organisation number? */
  async orgNumberTaken(orgNumber: string, exceptId: string | null, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM organisation WHERE org_number = $1 AND ($2::uuid IS NULL OR id <> $2) LIMIT 1`, [orgNumber, exceptId]);
    return rows.length > 0;
  }
}
