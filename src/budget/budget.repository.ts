import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { BudgetPlanFigures, BudgetTravel } from './budget-plan';

/** A stored plan (migration 1765910000000). */
export interface BudgetPlanRow extends BudgetPlanFigures {
  id: string;
  groupId: string;
  year: number;
  note: string | null;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface BudgetPlanVersionRow {
  version: number;
  savedAt: Date;
  savedByName: string | null;
  figures: BudgetPlanFigures & { note: string | null };
}

/** What approved payout runs paid for a group's activities of one year, per payer. */
export interface PaidRow {
  payerCode: string;
  feesOre: number;
  travelOre: number;
  contributionsOre: number;
  people: number;
  lines: number;
  runs: number;
}

type RawPlan = {
  id: string;
  group_id: string;
  year: number;
  representatives: number;
  full_days: number;
  half_days: number;
  short_sessions: number;
  extra_preparation_days: number;
  travel: BudgetTravel[];
  note: string | null;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
};

const toPlan = (r: RawPlan): BudgetPlanRow => ({
  id: r.id,
  groupId: r.group_id,
  year: r.year,
  representatives: r.representatives,
  fullDays: r.full_days,
  halfDays: r.half_days,
  shortSessions: r.short_sessions,
  extraPreparationDays: r.extra_preparation_days,
  travel: r.travel.map((t) => ({ representatives: t.representatives, tripsPerRepresentative: t.tripsPerRepresentative, costPerTripOre: t.costPerTripOre })),
  note: r.note,
  version: r.version,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
});

/** The plan's travel as stored: exactly the three keys the database's check reads. */
const travelJson = (travel: readonly BudgetTravel[]) =>
  JSON.stringify(travel.map((t) => ({ representatives: t.representatives, tripsPerRepresentative: t.tripsPerRepresentative, costPerTripOre: t.costPerTripOre })));

/** The year's budget plans of working groups, and what was paid against them (src/budget). */
@Injectable()
export class BudgetRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async groupName(groupId: string): Promise<string | null> {
    const rows: Array<{ name: string }> = await this.ds.query(`SELECT name FROM working_group WHERE id = $1`, [groupId]);
    return rows[0]?.name ?? null;
  }

  /** The group's plan for the year; `FOR UPDATE` (of the plan row) inside a save's transaction. */
  async planOf(groupId: string, year: number, em?: EntityManager, forUpdate = false): Promise<BudgetPlanRow | null> {
    const rows: RawPlan[] = await (em ?? this.ds).query(
      `SELECT p.id, p.group_id, p.year, p.representatives, p.full_days, p.half_days, p.short_sessions, p.extra_preparation_days,
              p.travel, p.note, p.version, p.updated_at, u.display_name AS updated_by_name
         FROM budget_plan p LEFT JOIN user_account u ON u.id = p.updated_by
        WHERE p.group_id = $1 AND p.year = $2${forUpdate ? ' FOR UPDATE OF p' : ''}`,
      [groupId, year],
    );
    return rows[0] ? toPlan(rows[0]) : null;
  }

  /** Serialises saves of one group's plan for one year (also the first, when there is no row to lock yet). */
  async lockPlan(em: EntityManager, groupId: string, year: number): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('budget_plan:' || $1::text || ':' || $2::text))`, [groupId, year]);
  }

  async insertPlan(em: EntityManager, p: { id: string; groupId: string; year: number; figures: BudgetPlanFigures; note: string | null; actor: string }): Promise<void> {
    const f = p.figures;
    await em.query(
      `INSERT INTO budget_plan (id, group_id, year, representatives, full_days, half_days, short_sessions, extra_preparation_days, travel, note,
                                version, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, 1, $11, $11)`,
      [p.id, p.groupId, p.year, f.representatives, f.fullDays, f.halfDays, f.shortSessions, f.extraPreparationDays, travelJson(f.travel), p.note, p.actor],
    );
  }

  async updatePlan(em: EntityManager, p: { id: string; version: number; figures: BudgetPlanFigures; note: string | null; actor: string }): Promise<void> {
    const f = p.figures;
    await em.query(
      `UPDATE budget_plan SET representatives = $2, full_days = $3, half_days = $4, short_sessions = $5, extra_preparation_days = $6,
              travel = $7::jsonb, note = $8, version = $9, updated_by = $10, updated_at = now()
        WHERE id = $1`,
      [p.id, f.representatives, f.fullDays, f.halfDays, f.shortSessions, f.extraPreparationDays, travelJson(f.travel), p.note, p.version, p.actor],
    );
  }

  async insertVersion(em: EntityManager, v: { planId: string; version: number; figures: BudgetPlanFigures; note: string | null; actor: string }): Promise<void> {
    const f = v.figures;
    const figures = {
      representatives: f.representatives,
      fullDays: f.fullDays,
      halfDays: f.halfDays,
      shortSessions: f.shortSessions,
      extraPreparationDays: f.extraPreparationDays,
      travel: JSON.parse(travelJson(f.travel)) as BudgetTravel[],
      note: v.note,
    };
    await em.query(`INSERT INTO budget_plan_version (plan_id, version, figures, saved_by) VALUES ($1, $2, $3::jsonb, $4)`, [
      v.planId,
      v.version,
      JSON.stringify(figures),
      v.actor,
    ]);
  }

  /** Every saved version of a plan, newest first. */
  async versionsOf(planId: string): Promise<BudgetPlanVersionRow[]> {
    const rows: Array<{ version: number; saved_at: Date; saved_by_name: string | null; figures: BudgetPlanVersionRow['figures'] }> = await this.ds.query(
      `SELECT v.version, v.saved_at, u.display_name AS saved_by_name, v.figures
         FROM budget_plan_version v LEFT JOIN user_account u ON u.id = v.saved_by
        WHERE v.plan_id = $1 ORDER BY v.version DESC`,
      [planId],
    );
    return rows.map((r) => ({ version: r.version, savedAt: r.saved_at, savedByName: r.saved_by_name, figures: r.figures }));
  }

  /**
   * The groups with a budget for the year, or with lines of that year's activities paid by `payerCode` in an
   * approved run (the caller keeps those the payer pays), by name.
   */
  async groupsWithBudgetOrPaid(payerCode: string, year: number): Promise<Array<{ id: string; name: string }>> {
    return this.ds.query(
      `SELECT g.id, g.name FROM working_group g
        WHERE EXISTS (SELECT 1 FROM budget_plan p WHERE p.group_id = g.id AND p.year = $2)
           OR EXISTS (SELECT 1 FROM payout_line pl
                        JOIN payout_batch b ON b.id = pl.batch_id AND b.state = 'approved' AND b.payer_code = $1
                        JOIN time_report tr ON tr.id = pl.time_report_id
                       WHERE tr.group_id = g.id AND pl.state = 'paid'
                         AND pl.activity_date BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31))
        ORDER BY g.name, g.id`,
      [payerCode, year],
    );
  }

  /**
   * What approved payout runs paid for the group's activities of the year (by the line's activity date), per payer:
   * the lines' fees and travel, and each person's employer contributions of the run in the share of the run's fees
   * to that person that were this group's (a person paid for two groups in one run has the contributions split).
   */
  async paidByPayer(groupId: string, year: number): Promise<PaidRow[]> {
    const rows: Array<{ payer_code: string; fees: string; travel: string; contributions: string; people: number; lines: number; runs: number }> =
      await this.ds.query(
        `WITH mine AS (
           SELECT b.payer_code, pl.batch_id, pl.person_id, sum(pl.fee_ore) AS fee, sum(pl.travel_ore) AS travel, count(*) AS lines
             FROM payout_line pl
             JOIN payout_batch b ON b.id = pl.batch_id AND b.state = 'approved'
             JOIN time_report tr ON tr.id = pl.time_report_id
            WHERE pl.state = 'paid' AND tr.group_id = $1 AND pl.activity_date BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31)
            GROUP BY b.payer_code, pl.batch_id, pl.person_id)
         SELECT m.payer_code,
                sum(m.fee)::text AS fees,
                sum(m.travel)::text AS travel,
                sum(CASE WHEN pp.fees_ore > 0 THEN round(pp.contributions_ore::numeric * m.fee / pp.fees_ore) ELSE 0 END)::bigint::text AS contributions,
                count(DISTINCT m.person_id)::int AS people,
                sum(m.lines)::int AS lines,
                count(DISTINCT m.batch_id)::int AS runs
           FROM mine m
           JOIN payout_person pp ON pp.batch_id = m.batch_id AND pp.person_id = m.person_id
          GROUP BY m.payer_code
          ORDER BY m.payer_code`,
        [groupId, year],
      );
    return rows.map((r) => ({
      payerCode: r.payer_code,
      feesOre: Number(r.fees),
      travelOre: Number(r.travel),
      contributionsOre: Number(r.contributions),
      people: r.people,
      lines: r.lines,
      runs: r.runs,
    }));
  }
}
