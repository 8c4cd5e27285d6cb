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

  /**
   * The first table of the same payer (or national, for null) valid some day from `from` to `to`, other than the
   * versions of `exceptCode` (a supersession overlaps the version it supersedes).
   */
  firstOverlapping(em: EntityManager, t: { payerCode: string | null; validFrom: string; validTo: string }, exceptCode?: string): Promise<RateTableRow | null> {
    const qb = em
      .getRepository(RateTableRow)
      .createQueryBuilder('t')
      .where('t.payer_code IS NOT DISTINCT FROM :payer', { payer: t.payerCode })
      .andWhere('t.valid_from <= :to AND t.valid_to >= :from', { from: t.validFrom, to: t.validTo });
    if (exceptCode !== undefined) qb.andWhere('t.code <> :exceptCode', { exceptCode });
    return qb.orderBy('t.valid_from', 'ASC').getOne();
  }

  /** The latest version of the code, locked until the transaction ends (a supersession reads and extends it). */
  latestVersionForUpdate(em: EntityManager, code: string): Promise<RateTableRow | null> {
    return em.getRepository(RateTableRow).createQueryBuilder('t').where('t.code = :code', { code }).orderBy('t.version', 'DESC').setLock('pessimistic_write').getOne();
  }

  /** One version of the code. */
  tableVersion(code: string, version: number): Promise<RateTableRow | null> {
    return this.ds.getRepository(RateTableRow).findOneBy({ code, version });
  }

  /** Every version of the code, oldest first. */
  versionsOf(code: string): Promise<RateTableRow[]> {
    return this.ds.getRepository(RateTableRow).find({ where: { code }, order: { version: 'ASC' } });
  }

  /** Every table (national and every payer's), by first day. */
  allTables(): Promise<RateTableRow[]> {
    return this.ds.getRepository(RateTableRow).find({ order: { validFrom: 'ASC', version: 'ASC' } });
  }

  /**
   * Attested lines with activity dates from `from` to `to` in no live payout line (what the next runs would pay), of
   * `payerCode` only when given, with what the engine needs (issue 18 #7, the effect of a new table version).
   */
  attestedUnpaidLines(
    from: string,
    to: string,
    payerCode: string | null,
  ): Promise<Array<Record<string, unknown>>> {
    return this.ds.query(
      `SELECT tr.id AS time_report_id, tr.payer_code, tr.person_id, p.full_name, g.name AS group_name, tr.assignment_id,
              tr.activity_date::text AS activity_date,
              CASE WHEN ga.id IS NULL THEN tr.kind WHEN ga.kind = 'other-work' THEN 'meeting' ELSE ga.kind END AS kind,
              ga.fee_rule, tr.attested_duration_minutes AS minutes, tr.attested_travel_minutes AS travel,
              tr.attested_ticket_cost_ore AS ticket, tr.attested_other_travel_cost_ore AS other, tr.attested_car_km AS km,
              EXISTS (SELECT 1 FROM time_report_receipt r WHERE r.time_report_id = tr.id) AS has_receipt,
              a.fee_mode, a.employed_by_organisation AS employed
         FROM time_report tr JOIN assignment a ON a.id = tr.assignment_id JOIN person p ON p.id = tr.person_id
         JOIN working_group g ON g.id = a.group_id LEFT JOIN group_activity ga ON ga.id = tr.activity_id
        WHERE tr.state = 'attested' AND tr.activity_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR lower(tr.payer_code) = lower($3))
          AND NOT EXISTS (SELECT 1 FROM payout_line l WHERE l.time_report_id = tr.id AND l.live)
        ORDER BY tr.payer_code, tr.activity_date, tr.id`,
      [from, to, payerCode],
    );
  }

  /**
   * The open agreements' coming work from `from` to `to` (issue 18 #7): for every assignment whose agreement is
   * countersigned and not ended, each dated activity of its group it is called to and has not reported, with its group
   * (and the parent, which decides who pays).
   */
  openAgreementActivities(from: string, to: string): Promise<Array<Record<string, unknown>>> {
    return this.ds.query(
      `SELECT a.id AS assignment_id, a.person_id, p.full_name, a.fee_mode, a.employed_by_organisation AS employed,
              g.id AS group_id, g.name AS group_name, g.kind AS group_kind, g.host_region, pg.kind AS parent_kind, pg.host_region AS parent_host_region,
              ga.id AS activity_id, ga.activity_date::text AS activity_date,
              CASE WHEN ga.kind = 'other-work' THEN 'meeting' ELSE ga.kind END AS kind, ga.fee_rule, ga.duration_minutes AS minutes
         FROM assignment a JOIN person p ON p.id = a.person_id JOIN working_group g ON g.id = a.group_id
         LEFT JOIN working_group pg ON pg.id = g.parent_group_id
         JOIN group_activity_called c ON c.assignment_id = a.id JOIN group_activity ga ON ga.id = c.activity_id
        WHERE a.state IN ('countersigned','declaration-submitted','declaration-needs-changes','declaration-approved','active')
          AND ga.activity_date BETWEEN $1 AND $2 AND (a.period_end IS NULL OR ga.activity_date <= a.period_end)
          AND NOT EXISTS (SELECT 1 FROM time_report tr WHERE tr.activity_id = ga.id AND tr.person_id = a.person_id AND tr.state <> 'rejected')
        ORDER BY a.id, ga.activity_date, ga.id`,
      [from, to],
    );
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
