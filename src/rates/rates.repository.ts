import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RateTable } from '../fees';
import { PayingBody } from '../paying-bodies/paying-body.entity';
import { fromRateTable, RateTableRow } from './rate-table.entity';

/** Serialises additions of tables per payer, so two overlapping tables cannot both pass the overlap check. */
const RATE_TABLE_LOCK = 724_113_100;

/**
 * Rate tables and paying bodies as stored. A Nest provider, also built from the DataSource where RatesService is
 * (`new RatesService(ds)`). Methods taking an EntityManager run on it (the caller's transaction).
 */
@Injectable()
export class RatesRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Every paying body, by kind and code. */
  payingBodiesByKind(): Promise<PayingBody[]> {
    return this.ds.getRepository(PayingBody).find({ order: { kind: 'ASC', code: 'ASC' } });
  }

  /** The paying body with exactly this code. */
  payingBodyByCode(code: string): Promise<PayingBody | null> {
    return this.ds.getRepository(PayingBody).findOneBy({ code });
  }

  allPayingBodies(): Promise<PayingBody[]> {
    return this.ds.getRepository(PayingBody).find();
  }

  /**
   * The tables by first day (national before a payer's on the same day): the national ones and `payerCode`'s when
   * given, only those valid some day of `year` when given.
   */
  listTables(q: { payerCode?: string; year?: number }): Promise<RateTableRow[]> {
    const qb = this.ds.getRepository(RateTableRow).createQueryBuilder('t').orderBy('t.valid_from', 'ASC').addOrderBy('t.payer_code', 'ASC', 'NULLS FIRST');
    if (q.payerCode !== undefined) qb.andWhere('(t.payer_code IS NULL OR t.payer_code = :payer)', { payer: q.payerCode });
    if (q.year !== undefined) qb.andWhere('t.valid_from <= :last AND t.valid_to >= :first', { first: `${q.year}-01-01`, last: `${q.year}-12-31` });
    return qb.getMany();
  }

  /** The paying body whose code (any letter case) or alias is `code`, on the caller's EntityManager. */
  payingBodyNamed(em: EntityManager, code: string): Promise<PayingBody | null> {
    return em
      .getRepository(PayingBody)
      .createQueryBuilder('p')
      .where('lower(p.code) = lower(:code) OR :code = ANY(p.aliases)', { code })
      .getOne();
  }

  /** Every paying body by code, on the caller's EntityManager. */
  payingBodiesByCode(em: EntityManager): Promise<PayingBody[]> {
    return em.getRepository(PayingBody).find({ order: { code: 'ASC' } });
  }

  /** The national tables and the payer's own (code in any letter case), by first day and newest version first. */
  tablesOfPayer(em: EntityManager, payerCode: string): Promise<RateTableRow[]> {
    return em
      .getRepository(RateTableRow)
      .createQueryBuilder('t')
      .where('t.payer_code IS NULL OR lower(t.payer_code) = lower(:payerCode)', { payerCode })
      .orderBy('t.valid_from', 'ASC')
      .addOrderBy('t.version', 'DESC')
      .getMany();
  }

  /** The latest version of the table with this code. */
  latestVersion(code: string): Promise<RateTableRow | null> {
    return this.ds.getRepository(RateTableRow).findOne({ where: { code }, order: { version: 'DESC' } });
  }

  /** The national tables and the payer's own, by first day. */
  candidatesFor(payerCode: string): Promise<RateTableRow[]> {
    return this.ds
      .getRepository(RateTableRow)
      .createQueryBuilder('t')
      .where('t.payer_code IS NULL OR t.payer_code = :payer', { payer: payerCode })
      .orderBy('t.valid_from', 'ASC')
      .getMany();
  }

  findTableOrFail(id: string): Promise<RateTableRow> {
    return this.ds.getRepository(RateTableRow).findOneByOrFail({ id });
  }

  /** Serialises additions of the payer's tables (null: the national ones) until the transaction ends. */
  async lockPayerTables(em: EntityManager, payerCode: string | null): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RATE_TABLE_LOCK, payerCode ?? '']);
  }

  /** The first table of the same payer (or national, for null) valid some day from `from` to `to`. */
  firstOverlapping(em: EntityManager, t: { payerCode: string | null; validFrom: string; validTo: string }): Promise<RateTableRow | null> {
    return em
      .getRepository(RateTableRow)
      .createQueryBuilder('t')
      .where('t.payer_code IS NOT DISTINCT FROM :payer', { payer: t.payerCode })
      .andWhere('t.valid_from <= :to AND t.valid_to >= :from', { from: t.validFrom, to: t.validTo })
      .orderBy('t.valid_from', 'ASC')
      .getOne();
  }

  codeExists(em: EntityManager, code: string): Promise<boolean> {
    return em.getRepository(RateTableRow).existsBy({ code });
  }

  /** Stores a new table; returns its id. */
  async insertTable(em: EntityManager, table: RateTable, source: string): Promise<string> {
    const inserted = await em.getRepository(RateTableRow).insert(fromRateTable(table, source));
    return (inserted.identifiers[0] as { id: string }).id;
  }
}
