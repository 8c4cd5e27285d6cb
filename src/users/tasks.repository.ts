import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AssignmentState } from '../../workflows/assignment.messages';

/** The read models `GET /me/tasks` lists from: what waits for someone, by person, organisation, group or payer. */
@Injectable()
export class TasksRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** The person's assignments in `personStates` and the groups' assignments in `groupStates`, oldest change first. */
  async assignmentsWaiting(
    personId: string | null,
    personStates: readonly string[],
    groupIds: readonly string[],
    groupStates: readonly string[],
  ): Promise<Array<{ id: string; group_id: string; person_id: string; state: AssignmentState }>> {
    return this.ds.query(
      `SELECT id, group_id, person_id, state FROM assignment
        WHERE (person_id = $1 AND state = ANY($2::text[])) OR (group_id = ANY($3::uuid[]) AND state = ANY($4::text[]))
        ORDER BY updated_at`,
      [personId, personStates, groupIds, groupStates],
    );
  }

  /** Reporting periods the person has to report. */
  async reportingPeriodsWaiting(
    personId: string | null,
  ): Promise<Array<{ assignment_id: string; period_key: string; group_id: string; person_id: string; state: string; due_at: Date | null }>> {
    if (!personId) return [];
    return this.ds.query(
      `SELECT p.assignment_id, p.period_key, a.group_id, a.person_id, p.state, p.due_at
         FROM assignment_reporting_period p JOIN assignment a ON a.id = p.assignment_id
        WHERE a.person_id = $1 AND p.state = 'awaiting-report'`,
      [personId],
    );
  }

  /**
   * The groups' time reports sent in and waiting for attestation (what the attest page lists), oldest activity first.
   * Issue 17 #5: from the reports themselves, not the reporting periods — a report of a period the workflow does not
   * know (before the assignment became active) left its period untouched, and no attest task appeared.
   */
  async reportsToAttest(groupIds: readonly string[]): Promise<Array<{ id: string; assignment_id: string; group_id: string; activity_date: string }>> {
    if (!groupIds.length) return [];
    return this.ds.query(
      `SELECT id, assignment_id, group_id, activity_date::text AS activity_date FROM time_report
        WHERE group_id = ANY($1::uuid[]) AND state = 'submitted' ORDER BY activity_date, id`,
      [groupIds],
    );
  }

  /** The organisation's nomination requests still waiting for an answer. */
  async openNominationRequestsOf(organisationId: string): Promise<Array<{ id: string; group_id: string; deadline: Date; urgent: boolean }>> {
    return this.ds.query(`SELECT id, group_id, deadline, urgent FROM nomination_request WHERE organisation_id = $1 AND state IN ('sent', 'reminded')`, [
      organisationId,
    ]);
  }

  /** The groups' nominations waiting for a coordinator's decision. */
  async nominationsToDecide(groupIds: readonly string[]): Promise<Array<{ id: string; group_id: string }>> {
    return this.ds.query(`SELECT id, group_id FROM nomination WHERE group_id = ANY($1::uuid[]) AND state IN ('submitted', 'proposed')`, [groupIds]);
  }

  /** Those of the groups below their minimum of active representatives (not ended), with their open requests' latest deadline. */
  async groupsBelowMinimum(groupIds: readonly string[]): Promise<Array<{ id: string; min_representatives: number; deadline: Date | null }>> {
    return this.ds.query(
      `SELECT g.id, g.min_representatives,
              (SELECT max(r.deadline) FROM nomination_request r WHERE r.group_id = g.id AND r.state IN ('sent', 'reminded')) AS deadline
         FROM working_group g
        WHERE g.id = ANY($1::uuid[]) AND g.below_minimum_since IS NOT NULL AND g.recruitment_state <> 'ended'`,
      [groupIds],
    );
  }

  /** Every payout batch still a draft (awaiting finance's approval), earliest period first. */
  async draftBatches(): Promise<Array<{ id: string; payer_code: string; period: string; supplement: number }>> {
    // A supplementary run (issue 13 #3) says so.
    return this.ds.query(
      `SELECT id, payer_code, period, supplement FROM payout_batch WHERE state = 'draft' ORDER BY period_end, id`,
    );
  }

  /** Group names by id. */
  async groupNames(groupIds: readonly string[]): Promise<Array<{ id: string; name: string }>> {
    if (!groupIds.length) return [];
    return this.ds.query(`SELECT id, name FROM working_group WHERE id = ANY($1::uuid[])`, [groupIds]);
  }

  /** The name of the person of each assignment and each nomination (a task names who it is about). */
  async personNamesOf(assignmentIds: readonly string[], nominationIds: readonly string[]): Promise<Array<{ subject_id: string; full_name: string }>> {
    if (!assignmentIds.length && !nominationIds.length) return [];
    return this.ds.query(
      `SELECT a.id AS subject_id, p.full_name FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.id = ANY($1::uuid[])
       UNION ALL
       SELECT n.id AS subject_id, p.full_name FROM nomination n JOIN person p ON p.id = n.person_id WHERE n.id = ANY($2::uuid[])`,
      [assignmentIds, nominationIds],
    );
  }
}
