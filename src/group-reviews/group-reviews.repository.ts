import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { GroupKind } from '../working-groups/working-group.entity';
import type { ReviewDecision, ReviewPolicy } from './review-policy';

/** A group as its review reads it. */
export interface ReviewGroupRow {
  id: string;
  name: string;
  kind: GroupKind;
  parentGroupId: string | null;
  parentName: string | null;
  createdAt: Date;
  ended: boolean;
  endsOn: string | null;
  minRepresentatives: number;
  belowMinimumSince: Date | null;
}

export interface ReviewRepresentativeRow {
  assignmentId: string;
  name: string;
  perspective: string | null;
  representation: string;
  organisationName: string | null;
  since: string;
  state: string;
  endedOn: string | null;
}

export interface ReviewActivityRow {
  id: string;
  date: string;
  title: string;
  kind: string;
  mode: string | null;
  called: number;
  reports: number;
  materialSentOn: string | null;
}

export interface ReviewParticipationRow {
  assignmentId: string;
  name: string;
  called: number;
  reported: number;
}

export interface GroupReviewRow {
  id: string;
  groupId: string;
  year: number;
  decision: ReviewDecision;
  changes: string | null;
  decidedBy: string;
  decidedByName: string | null;
  decidedAt: Date;
  reportData: Record<string, unknown>;
  documentId: string | null;
  documentSha256: string | null;
}

type RawGroup = {
  id: string;
  name: string;
  kind: GroupKind;
  parent_group_id: string | null;
  parent_name: string | null;
  created_at: Date;
  ended: boolean;
  ends_on: string | null;
  min_representatives: number;
  below_minimum_since: Date | null;
};

const toGroup = (r: RawGroup): ReviewGroupRow => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  parentGroupId: r.parent_group_id,
  parentName: r.parent_name,
  createdAt: r.created_at,
  ended: r.ended,
  endsOn: r.ends_on,
  minRepresentatives: r.min_representatives,
  belowMinimumSince: r.below_minimum_since,
});

const GROUP_COLUMNS = `g.id, g.name, g.kind, g.parent_group_id, p.name AS parent_name, g.created_at, g.recruitment_state = 'ended' AS ended,
  g.ends_on::text AS ends_on, g.min_representatives, g.below_minimum_since`;

/** The group's yearly review (migration 1766100000000): its policy, the figures it shows and its decision. */
@Injectable()
export class GroupReviewsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async policy(): Promise<ReviewPolicy & { updatedAt: Date }> {
    const [r] = await this.ds.query(`SELECT review_month, min_age_days, updated_at FROM group_review_policy WHERE id = 1`);
    return { reviewMonth: r.review_month, minAgeDays: r.min_age_days, updatedAt: r.updated_at };
  }

  async savePolicy(policy: ReviewPolicy, userId: string, em: EntityManager): Promise<void> {
    await em.query(`UPDATE group_review_policy SET review_month = $1, min_age_days = $2, updated_by = $3, updated_at = now() WHERE id = 1`, [
      policy.reviewMonth,
      policy.minAgeDays,
      userId,
    ]);
  }

  async group(groupId: string): Promise<ReviewGroupRow | null> {
    const rows: RawGroup[] = await this.ds.query(
      `SELECT ${GROUP_COLUMNS} FROM working_group g LEFT JOIN working_group p ON p.id = g.parent_group_id WHERE g.id = $1`,
      [groupId],
    );
    return rows[0] ? toGroup(rows[0]) : null;
  }

  /**
   * Groups reviewed by one of `reviewerGroupIds` (their NAGs, and themselves when nothing is above them) that have no
   * decision for `year`: the candidates of the review task, which `isDueInWindow` decides.
   */
  async undecidedGroupsReviewedBy(reviewerGroupIds: readonly string[], year: number): Promise<ReviewGroupRow[]> {
    if (!reviewerGroupIds.length) return [];
    const rows: RawGroup[] = await this.ds.query(
      `SELECT ${GROUP_COLUMNS} FROM working_group g LEFT JOIN working_group p ON p.id = g.parent_group_id
        WHERE (g.parent_group_id = ANY($1::uuid[]) OR (g.parent_group_id IS NULL AND g.id = ANY($1::uuid[])))
          AND NOT EXISTS (SELECT 1 FROM group_review r WHERE r.group_id = g.id AND r.year = $2)
        ORDER BY g.created_at, g.id`,
      [reviewerGroupIds, year],
    );
    return rows.map(toGroup);
  }

  /** The group's representatives who held an assignment in the year (from the offer's acceptance; ended ones that year too). */
  async representatives(groupId: string, from: string, to: string): Promise<ReviewRepresentativeRow[]> {
    const rows: Array<{
      assignment_id: string;
      full_name: string;
      perspective: string | null;
      representation: string;
      organisation_name: string | null;
      since: string;
      state: string;
      ended_on: string | null;
    }> = await this.ds.query(
      `SELECT a.id AS assignment_id, p.full_name, coalesce(a.perspective, p.perspective) AS perspective, a.representation, o.name AS organisation_name,
              coalesce(a.period_start, (a.created_at AT TIME ZONE 'Europe/Stockholm')::date)::text AS since, a.state, a.ended_on::text AS ended_on
         FROM assignment a JOIN person p ON p.id = a.person_id LEFT JOIN organisation o ON o.id = a.nominating_organisation_id
        WHERE a.group_id = $1 AND a.state NOT IN ('nominated', 'declined')
          AND (a.created_at AT TIME ZONE 'Europe/Stockholm')::date <= $3::date
          AND (a.state <> 'ended' OR coalesce(a.ended_on, (a.updated_at AT TIME ZONE 'Europe/Stockholm')::date) >= $2::date)
        ORDER BY (a.state = 'active') DESC, since, lower(p.full_name), a.id`,
      [groupId, from, to],
    );
    return rows.map((r) => ({
      assignmentId: r.assignment_id,
      name: r.full_name,
      perspective: r.perspective,
      representation: r.representation,
      organisationName: r.organisation_name,
      since: r.since,
      state: r.state,
      endedOn: r.ended_on,
    }));
  }

  /** The group's activities (meetings and other work it called to) dated in [from, to], with who was called and the reports sent in. */
  async activities(groupId: string, from: string, to: string): Promise<ReviewActivityRow[]> {
    const rows: Array<{
      id: string;
      activity_date: string;
      title: string;
      kind: string;
      mode: string | null;
      called: number;
      reports: number;
      material_sent_on: string | null;
    }> = await this.ds.query(
      `SELECT ga.id, ga.activity_date::text AS activity_date, ga.title, ga.kind, ga.mode, ga.material_sent_on::text AS material_sent_on,
              (SELECT count(*) FROM group_activity_called c WHERE c.activity_id = ga.id)::int AS called,
              (SELECT count(*) FROM time_report t WHERE t.activity_id = ga.id AND t.state IN ('submitted', 'attested'))::int AS reports
         FROM group_activity ga
        WHERE ga.group_id = $1 AND ga.assignment_id IS NULL AND ga.activity_date BETWEEN $2::date AND $3::date
        ORDER BY ga.activity_date, ga.start_time NULLS FIRST, ga.id`,
      [groupId, from, to],
    );
    return rows.map((r) => ({
      id: r.id,
      date: r.activity_date,
      title: r.title,
      kind: r.kind,
      mode: r.mode,
      called: r.called,
      reports: r.reports,
      materialSentOn: r.material_sent_on,
    }));
  }

  /** Per representative called to the year's activities: to how many, and for how many they sent in a report. */
  async participation(groupId: string, from: string, to: string): Promise<ReviewParticipationRow[]> {
    const rows: Array<{ assignment_id: string; full_name: string; called: number; reported: number }> = await this.ds.query(
      `SELECT a.id AS assignment_id, p.full_name, count(DISTINCT c.activity_id)::int AS called,
              count(DISTINCT t.activity_id)::int AS reported
         FROM group_activity ga
         JOIN group_activity_called c ON c.activity_id = ga.id
         JOIN assignment a ON a.id = c.assignment_id
         JOIN person p ON p.id = a.person_id
         LEFT JOIN time_report t ON t.activity_id = ga.id AND t.assignment_id = a.id AND t.state IN ('submitted', 'attested')
        WHERE ga.group_id = $1 AND ga.assignment_id IS NULL AND ga.activity_date BETWEEN $2::date AND $3::date
        GROUP BY a.id, p.full_name
        ORDER BY lower(p.full_name), a.id`,
      [groupId, from, to],
    );
    return rows.map((r) => ({ assignmentId: r.assignment_id, name: r.full_name, called: r.called, reported: r.reported }));
  }

  async reviewOf(groupId: string, year: number): Promise<GroupReviewRow | null> {
    const rows: Array<{
      id: string;
      group_id: string;
      year: number;
      decision: ReviewDecision;
      changes: string | null;
      decided_by: string;
      decided_by_name: string | null;
      decided_at: Date;
      report_data: Record<string, unknown>;
      document_id: string | null;
      sha256: string | null;
    }> = await this.ds.query(
      `SELECT r.id, r.group_id, r.year, r.decision, r.changes, r.decided_by, u.display_name AS decided_by_name, r.decided_at, r.report_data,
              r.document_id, d.sha256
         FROM group_review r LEFT JOIN user_account u ON u.id = r.decided_by LEFT JOIN document d ON d.id = r.document_id
        WHERE r.group_id = $1 AND r.year = $2`,
      [groupId, year],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      groupId: r.group_id,
      year: r.year,
      decision: r.decision,
      changes: r.changes,
      decidedBy: r.decided_by,
      decidedByName: r.decided_by_name,
      decidedAt: r.decided_at,
      reportData: r.report_data,
      documentId: r.document_id,
      documentSha256: r.sha256,
    };
  }

  /** Stores the decision (a second for the group and year meets `group_review_once`: the caller's to answer). */
  async insertReview(
    em: EntityManager,
    row: { id: string; groupId: string; year: number; decision: ReviewDecision; changes: string | null; decidedBy: string; decidedAt: Date; reportData: object },
  ): Promise<void> {
    await em.query(
      `INSERT INTO group_review (id, group_id, year, decision, changes, decided_by, decided_at, report_data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, row.groupId, row.year, row.decision, row.changes, row.decidedBy, row.decidedAt, JSON.stringify(row.reportData)],
    );
  }

  /** The stored yearly report of a decision (set once; the database refuses any other change). */
  async setDocument(reviewId: string, documentId: string): Promise<void> {
    await this.ds.query(`UPDATE group_review SET document_id = $2 WHERE id = $1 AND document_id IS NULL`, [reviewId, documentId]);
  }

  async userName(userId: string): Promise<string | null> {
    const rows: Array<{ display_name: string }> = await this.ds.query(`SELECT display_name FROM user_account WHERE id = $1`, [userId]);
    return rows[0]?.display_name ?? null;
  }
}
