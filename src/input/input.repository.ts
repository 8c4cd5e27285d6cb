import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { InputOutcome } from './input-rules';

/** A stored input item with its activity's and raiser's names (migration 1766000000000). */
export interface InputItemRow {
  id: string;
  activityId: string;
  activityTitle: string;
  activityDate: string | null;
  activityKind: string;
  groupId: string;
  raised: string;
  raisedByAssignmentId: string | null;
  raisedByName: string | null;
  outcome: InputOutcome | null;
  reason: string | null;
  guidelineSection: string | null;
  outcomeRevision: number;
  outcomeRecordedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

type RawItem = {
  id: string;
  activity_id: string;
  activity_title: string;
  activity_date: string | null;
  activity_kind: string;
  group_id: string;
  raised: string;
  raised_by_assignment_id: string | null;
  raised_by_name: string | null;
  outcome: InputOutcome | null;
  reason: string | null;
  guideline_section: string | null;
  outcome_revision: number;
  outcome_recorded_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

const toItem = (r: RawItem): InputItemRow => ({
  id: r.id,
  activityId: r.activity_id,
  activityTitle: r.activity_title,
  activityDate: r.activity_date,
  activityKind: r.activity_kind,
  groupId: r.group_id,
  raised: r.raised,
  raisedByAssignmentId: r.raised_by_assignment_id,
  raisedByName: r.raised_by_name,
  outcome: r.outcome,
  reason: r.reason,
  guidelineSection: r.guideline_section,
  outcomeRevision: r.outcome_revision,
  outcomeRecordedAt: r.outcome_recorded_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const ITEM_SELECT = `
  SELECT i.id, i.activity_id, a.title AS activity_title, to_char(a.activity_date, 'YYYY-MM-DD') AS activity_date, a.kind AS activity_kind,
         i.group_id, i.raised, i.raised_by_assignment_id, p.full_name AS raised_by_name, i.outcome, i.reason, i.guideline_section,
         i.outcome_revision, i.outcome_recorded_at, i.created_at, i.updated_at
  FROM input_item i
  JOIN group_activity a ON a.id = i.activity_id
  LEFT JOIN assignment ra ON ra.id = i.raised_by_assignment_id
  LEFT JOIN person p ON p.id = ra.person_id`;
const ITEM_ORDER = `ORDER BY a.activity_date NULLS LAST, a.start_time NULLS LAST, a.id, i.created_at, i.id`;

export interface NewInputItem {
  id: string;
  activityId: string;
  groupId: string;
  raised: string;
  raisedByAssignmentId: string | null;
  outcome: InputOutcome | null;
  reason: string | null;
  guidelineSection: string | null;
  actor: string;
}

export interface InputItemChange {
  raised: string;
  raisedByAssignmentId: string | null;
  outcome: InputOutcome | null;
  reason: string | null;
  guidelineSection: string | null;
  outcomeRevision: number;
  actor: string;
}

export interface AssignmentOfInput {
  id: string;
  groupId: string;
  personId: string;
  state: string;
  representation: string;
  nominatingOrganisationId: string | null;
  periodStart: string | null;
}

export interface EvaluationRow {
  assignmentId: string;
  year: number;
  score: number;
  comment: string | null;
  answeredAt: Date;
  updatedAt: Date;
}

/** The input items of group activities and the representatives' yearly evaluation answers (src/input). */
@Injectable()
export class InputRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async activity(id: string): Promise<{ id: string; groupId: string; assignmentId: string | null; title: string; date: string | null } | null> {
    const rows: Array<{ id: string; group_id: string; assignment_id: string | null; title: string; activity_date: string | null }> = await this.ds.query(
      `SELECT id, group_id, assignment_id, title, to_char(activity_date, 'YYYY-MM-DD') AS activity_date FROM group_activity WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    return r ? { id: r.id, groupId: r.group_id, assignmentId: r.assignment_id, title: r.title, date: r.activity_date } : null;
  }

  async groupExists(groupId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM working_group WHERE id = $1`, [groupId]);
    return rows.length > 0;
  }

  async assignment(id: string): Promise<AssignmentOfInput | null> {
    const rows: Array<{
      id: string;
      group_id: string;
      person_id: string;
      state: string;
      representation: string;
      nominating_organisation_id: string | null;
      period_start: string | null;
    }> = await this.ds.query(
      `SELECT id, group_id, person_id, state, representation, nominating_organisation_id, to_char(period_start, 'YYYY-MM-DD') AS period_start
       FROM assignment WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          groupId: r.group_id,
          personId: r.person_id,
          state: r.state,
          representation: r.representation,
          nominatingOrganisationId: r.nominating_organisation_id,
          periodStart: r.period_start,
        }
      : null;
  }

  async item(id: string, em?: EntityManager): Promise<InputItemRow | null> {
    const rows: RawItem[] = await (em ?? this.ds).query(`${ITEM_SELECT} WHERE i.id = $1`, [id]);
    return rows[0] ? toItem(rows[0]) : null;
  }

  /** The item's row locked for a change (inside `em`'s transaction). */
  async lockItem(id: string, em: EntityManager): Promise<InputItemRow | null> {
    await em.query(`SELECT 1 FROM input_item WHERE id = $1 FOR UPDATE`, [id]);
    return this.item(id, em);
  }

  async groupOfItem(id: string): Promise<string | null> {
    const rows: Array<{ group_id: string }> = await this.ds.query(`SELECT group_id FROM input_item WHERE id = $1`, [id]);
    return rows[0]?.group_id ?? null;
  }

  async itemsOfActivity(activityId: string): Promise<InputItemRow[]> {
    const rows: RawItem[] = await this.ds.query(`${ITEM_SELECT} WHERE i.activity_id = $1 ${ITEM_ORDER}`, [activityId]);
    return rows.map(toItem);
  }

  /** The group's items of activities dated in the year (from `from` to `to`, both included). */
  async itemsOfGroup(groupId: string, from: string, to: string): Promise<InputItemRow[]> {
    const rows: RawItem[] = await this.ds.query(`${ITEM_SELECT} WHERE i.group_id = $1 AND a.activity_date BETWEEN $2 AND $3 ${ITEM_ORDER}`, [groupId, from, to]);
    return rows.map(toItem);
  }

  /** Every item of the group's activities (what a representative of the group sees). */
  async allItemsOfGroup(groupId: string): Promise<InputItemRow[]> {
    const rows: RawItem[] = await this.ds.query(`${ITEM_SELECT} WHERE i.group_id = $1 ${ITEM_ORDER}`, [groupId]);
    return rows.map(toItem);
  }

  /** Inserts the item unless its id exists; whether this call inserted it. */
  async insertItem(em: EntityManager, i: NewInputItem): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO input_item (id, activity_id, group_id, raised, raised_by_assignment_id, outcome, reason, guideline_section,
                               outcome_revision, outcome_recorded_at, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $6::text IS NULL THEN 0 ELSE 1 END, CASE WHEN $6::text IS NULL THEN NULL ELSE now() END, $9, $9)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [i.id, i.activityId, i.groupId, i.raised, i.raisedByAssignmentId, i.outcome, i.reason, i.guidelineSection, i.actor],
    );
    return rows.length > 0;
  }

  async updateItem(em: EntityManager, id: string, c: InputItemChange, outcomeChanged: boolean): Promise<void> {
    await em.query(
      `UPDATE input_item SET raised = $2, raised_by_assignment_id = $3, outcome = $4, reason = $5, guideline_section = $6, outcome_revision = $7,
              outcome_recorded_at = CASE WHEN $4::text IS NULL THEN NULL WHEN $8 THEN now() ELSE outcome_recorded_at END,
              updated_by = $9, updated_at = now()
       WHERE id = $1`,
      [id, c.raised, c.raisedByAssignmentId, c.outcome, c.reason, c.guidelineSection, c.outcomeRevision, outcomeChanged, c.actor],
    );
  }

  /**
   * Whom an item's outcome is mailed to: the representatives (person and assignment) called to its activity and the
   * one who raised it, of assignments that were accepted and not declined.
   */
  async recipientsOf(itemId: string, em: EntityManager): Promise<Array<{ assignmentId: string; personId: string }>> {
    const rows: Array<{ assignment_id: string; person_id: string }> = await em.query(
      `SELECT DISTINCT s.id AS assignment_id, s.person_id
       FROM input_item i
       JOIN assignment s ON s.group_id = i.group_id
       WHERE i.id = $1 AND s.state NOT IN ('nominated', 'declined')
         AND (s.id = i.raised_by_assignment_id
              OR EXISTS (SELECT 1 FROM group_activity_called c WHERE c.activity_id = i.activity_id AND c.assignment_id = s.id))
       ORDER BY s.id`,
      [itemId],
    );
    return rows.map((r) => ({ assignmentId: r.assignment_id, personId: r.person_id }));
  }

  async evaluation(assignmentId: string, year: number): Promise<EvaluationRow | null> {
    const rows: Array<{ assignment_id: string; year: number; score: number; comment: string | null; answered_at: Date; updated_at: Date }> = await this.ds.query(
      `SELECT assignment_id, year, score, comment, answered_at, updated_at FROM input_evaluation WHERE assignment_id = $1 AND year = $2`,
      [assignmentId, year],
    );
    const r = rows[0];
    return r ? { assignmentId: r.assignment_id, year: r.year, score: r.score, comment: r.comment, answeredAt: r.answered_at, updatedAt: r.updated_at } : null;
  }

  /** Stores the answer, or changes the one stored for the assignment and year (one per assignment and year). */
  async upsertEvaluation(em: EntityManager, e: { id: string; assignmentId: string; groupId: string; year: number; score: number; comment: string | null }): Promise<void> {
    await em.query(
      `INSERT INTO input_evaluation (id, assignment_id, group_id, year, score, comment) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT input_evaluation_once DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment, updated_at = now()`,
      [e.id, e.assignmentId, e.groupId, e.year, e.score, e.comment],
    );
  }

  /** The group's answers for the year: scores and free texts only, no one's assignment or name. */
  async evaluationsOfGroup(groupId: string, year: number): Promise<Array<{ score: number; comment: string | null }>> {
    return this.ds.query(`SELECT score, comment FROM input_evaluation WHERE group_id = $1 AND year = $2 ORDER BY score, comment NULLS FIRST`, [groupId, year]);
  }

  /** A representative's assignments that are asked the year's question and have not answered it. */
  async unansweredEvaluations(personId: string, year: number): Promise<Array<{ id: string; group_id: string }>> {
    return this.ds.query(
      `SELECT s.id, s.group_id FROM assignment s
       WHERE s.person_id = $1 AND s.state = 'active'
         AND NOT EXISTS (SELECT 1 FROM input_evaluation e WHERE e.assignment_id = s.id AND e.year = $2)
       ORDER BY s.id`,
      [personId, year],
    );
  }
}
