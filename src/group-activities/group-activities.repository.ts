import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity';
import { agreementActivityId } from './activity-view';
import { GroupActivity } from './group-activity.entity';

/** A new activity as stored (agenda as a list of lines). */
export interface NewGroupActivity {
  id: string;
  groupId: string;
  title: string;
  kind: string;
  date: string;
  startTime: string | null;
  durationMinutes: number;
  mode: string;
  feeRule: string;
  agenda: string[];
  materialSentOn: string | null;
  createdBy: string;
}

/**
 * A group's activities (group_activity), the assignments called to them (group_activity_called), and what the
 * activities feature reads of assignments, reports and claim policies. Methods that take an EntityManager run in the
 * caller's transaction.
 */
@Injectable()
export class GroupActivitiesRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  byId(id: string, em: EntityManager = this.ds.manager): Promise<GroupActivity | null> {
    return em.getRepository(GroupActivity).findOneBy({ id });
  }

  /** Whose an activity is: its group, and the assignment of an agreement's own activity (else null). */
  async partiesOf(id: string): Promise<{ group_id: string; assignment_id: string | null } | undefined> {
    const rows: Array<{ group_id: string; assignment_id: string | null }> = await this.ds.query(`SELECT group_id, assignment_id FROM group_activity WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Is the assignment the person's? */
  async isAssignmentOf(assignmentId: string, personId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM assignment WHERE id = $1 AND person_id = $2`, [assignmentId, personId]);
    return rows.length > 0;
  }

  /** Is one of the person's assignments (accepted: not only nominated or declined) called to the activity? */
  async isPersonCalled(activityId: string, personId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM group_activity_called c JOIN assignment s ON s.id = c.assignment_id
        WHERE c.activity_id = $1 AND s.person_id = $2 AND s.state NOT IN ('nominated', 'declined') LIMIT 1`,
      [activityId, personId],
    );
    return rows.length > 0;
  }

  byIdOrFail(id: string): Promise<GroupActivity> {
    return this.ds.getRepository(GroupActivity).findOneByOrFail({ id });
  }

  /** The activity, held (FOR UPDATE) until the transaction ends. */
  lockById(id: string, em: EntityManager): Promise<GroupActivity | null> {
    return em.getRepository(GroupActivity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Stores the activity unless one with its id exists; answers whether this call stored it. */
  async insertOnce(a: NewGroupActivity, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO group_activity (id, group_id, title, kind, activity_date, start_time, duration_minutes, mode, fee_rule, agenda, material_sent_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [a.id, a.groupId, a.title, a.kind, a.date, a.startTime, a.durationMinutes, a.mode, a.feeRule, JSON.stringify(a.agenda), a.materialSentOn, a.createdBy],
    );
    return rows.length > 0;
  }

  async update(id: string, patch: Partial<GroupActivity>, em: EntityManager): Promise<void> {
    await em.update(GroupActivity, { id }, patch);
  }

  /** Creates the agreement's own activity of an assignment when it has none (idempotent); answers its id. */
  async ensureAgreementActivity(assignment: { id: string; groupId: string }, db: DataSource | EntityManager = this.ds): Promise<string> {
    const id = agreementActivityId(assignment.id);
    await db.query(
      `INSERT INTO group_activity (id, group_id, assignment_id, title, kind, fee_rule)
       VALUES ($1, $2, $3, 'Arbete enligt överenskommelsen', 'other-work', 'by-length') ON CONFLICT DO NOTHING`,
      [id, assignment.groupId, assignment.id],
    );
    return id;
  }

  /** Which assignments are called to these activities, by assignment id. */
  async calledTo(activityIds: readonly string[]): Promise<Array<{ activity_id: string; assignment_id: string }>> {
    return this.ds.query(`SELECT activity_id, assignment_id FROM group_activity_called WHERE activity_id = ANY($1::uuid[]) ORDER BY assignment_id`, [
      activityIds,
    ]);
  }

  /** Is the assignment called to the activity? */
  async isCalled(activityId: string, assignmentId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM group_activity_called WHERE activity_id = $1 AND assignment_id = $2`, [activityId, assignmentId]);
    return rows.length > 0;
  }

  async addCalled(activityId: string, assignmentIds: readonly string[], em: EntityManager): Promise<void> {
    await em.query(`INSERT INTO group_activity_called (activity_id, assignment_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [
      activityId,
      assignmentIds,
    ]);
  }

  /** Every assignment but these stops being called to the activity. */
  async removeCalledBut(activityId: string, assignmentIds: readonly string[], em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM group_activity_called WHERE activity_id = $1 AND NOT (assignment_id = ANY($2::uuid[]))`, [activityId, assignmentIds]);
  }

  /**
   * One page of the group's activities between `from` and `to` (an activity without a date always), only those of
   * these assignments (their own or called to) when `assignmentIds` is given; by date, start time, creation. And how many in all.
   */
  pageOfGroup(
    groupId: string,
    filter: { from?: string; to?: string; assignmentIds?: readonly string[] },
    offset: number,
    limit: number,
  ): Promise<[GroupActivity[], number]> {
    const qb = this.ds.getRepository(GroupActivity).createQueryBuilder('a').where('a.group_id = :groupId', { groupId });
    if (filter.from) qb.andWhere('(a.activity_date IS NULL OR a.activity_date >= :from)', { from: filter.from });
    if (filter.to) qb.andWhere('(a.activity_date IS NULL OR a.activity_date <= :to)', { to: filter.to });
    if (filter.assignmentIds) {
      const ids = filter.assignmentIds;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('a.assignment_id = ANY(:ids::uuid[])', { ids })
            .orWhere('EXISTS (SELECT 1 FROM group_activity_called c WHERE c.activity_id = a.id AND c.assignment_id = ANY(:ids::uuid[]))', { ids }),
        ),
      );
    }
    qb.orderBy('a.activity_date', 'ASC', 'NULLS FIRST').addOrderBy('a.start_time', 'ASC', 'NULLS FIRST').addOrderBy('a.created_at', 'ASC').addOrderBy('a.id', 'ASC');
    return qb.skip(offset).take(limit).getManyAndCount();
  }

  /** The assignment's own activity and those it is called to, by date and start time. */
  ofAssignment(assignmentId: string): Promise<GroupActivity[]> {
    return this.ds
      .getRepository(GroupActivity)
      .createQueryBuilder('g')
      .where('g.assignment_id = :id', { id: assignmentId })
      .orWhere('EXISTS (SELECT 1 FROM group_activity_called c WHERE c.activity_id = g.id AND c.assignment_id = :id)', { id: assignmentId })
      .orderBy('g.activity_date', 'ASC', 'NULLS FIRST')
      .addOrderBy('g.start_time', 'ASC', 'NULLS FIRST')
      .addOrderBy('g.created_at', 'ASC')
      .getMany();
  }

  assignment(id: string): Promise<Assignment | null> {
    return this.ds.getRepository(Assignment).findOneBy({ id });
  }

  assignments(ids: readonly string[]): Promise<Assignment[]> {
    return this.ds.getRepository(Assignment).findBy(ids.map((id) => ({ id })));
  }

  /** The person's assignments in the group that are in none of the `excludedStates`. */
  async assignmentIdsOfPersonInGroup(groupId: string, personId: string, excludedStates: readonly string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ds.query(`SELECT id FROM assignment WHERE group_id = $1 AND person_id = $2 AND NOT (state = ANY($3::text[]))`, [
      groupId,
      personId,
      excludedStates,
    ]);
    return rows.map((r) => r.id);
  }

  /** The group's assignments in none of the `excludedStates`, by id. */
  async assignmentIdsOfGroup(groupId: string, excludedStates: readonly string[], em: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(`SELECT id FROM assignment WHERE group_id = $1 AND NOT (state = ANY($2::text[])) ORDER BY id`, [
      groupId,
      excludedStates,
    ]);
    return rows.map((r) => r.id);
  }

  /** The states of those of these assignments that belong to the group. */
  async statesOfGroupAssignments(groupId: string, ids: readonly string[], em: EntityManager): Promise<Array<{ id: string; state: string }>> {
    return em.query(`SELECT id, state FROM assignment WHERE group_id = $1 AND id = ANY($2::uuid[])`, [groupId, ids]);
  }

  async hasAttestedReport(activityId: string, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM time_report WHERE activity_id = $1 AND state = 'attested' LIMIT 1`, [activityId]);
    return rows.length > 0;
  }

  /** The reports made against the activity, held until the transaction ends. */
  async lockReportsOf(activityId: string, em: EntityManager): Promise<Array<{ id: string; assignment_id: string; payer_code: string }>> {
    return em.query(`SELECT id, assignment_id, payer_code FROM time_report WHERE activity_id = $1 FOR UPDATE`, [activityId]);
  }

  /** Carries an activity's new date and kind to a report made against it, with the claim deadline of that date. */
  async moveReport(reportId: string, date: string, kind: string, claimDeadline: string, em: EntityManager): Promise<void> {
    await em.query(`UPDATE time_report SET activity_date = $2, kind = $3, claim_deadline = $4, updated_at = now() WHERE id = $1`, [
      reportId,
      date,
      kind,
      claimDeadline,
    ]);
  }

  /** The claim policies of the payer and the default one (whichever exist). */
  async claimPolicies(
    payerCode: string,
    em: EntityManager,
  ): Promise<Array<{ scope: string; claim_within_months: number; receipt_max_age_months: number; remind_days_before: number }>> {
    return em.query(`SELECT scope, claim_within_months, receipt_max_age_months, remind_days_before FROM claim_policy WHERE scope IN ($1, 'default')`, [
      payerCode,
    ]);
  }
}
