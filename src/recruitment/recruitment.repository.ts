import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { UPDATE_DEADLINE_MS } from '../temporal/workflow-calls';
import { Organisation } from '../organisations/organisation.entity';
import { WorkingGroup } from '../working-groups/working-group.entity';
import type { Representation } from '../assignments/assignment.entity';
import type { Perspective } from '../people/person.entity';
import type { NominationRequestState, RecruitmentState } from '../../workflows/recruitment.messages';
import { NominationRequest } from './nomination-request.entity';
import { Nomination } from './nomination.entity';

/** A nomination as stored, with what the workflow is told about it. */
export interface StoredNomination {
  id: string;
  personId: string;
  representation: Representation;
  requestId: string | null;
  organisationId: string | null;
  nominatedBy: string;
}

/** A stored nomination found again: a retry of it, or the person's open nomination in the group. */
export interface KeptNomination extends StoredNomination {
  groupId: string;
  state: string;
  /** The API gave up waiting for the workflow, or the row is older than any request that may still wait for it. */
  stale: boolean;
  unconfirmed: boolean;
}

export interface NominationView {
  id: string;
  groupId: string;
  requestId: string | null;
  organisationId: string | null;
  organisationName: string | null;
  state: string;
  representation: string;
  assignmentId: string | null;
  nominee: { personId: string; fullName: string; email: string; perspective: string | null };
  createdAt: Date;
  decidedAt: Date | null;
  /** Why the coordinator declined the nominee (issue 16 #1); null unless declined. */
  declineReason: string | null;
}

/**
 * A nomination as the organisation that made it sees it (issue 16 #1, 17 #4): whom it nominated (the name as it
 * wrote it), and whether the coordinator appointed or declined them, and why.
 */
export interface RequestNominationView {
  id: string;
  requestId: string;
  fullName: string;
  perspective: string | null;
  representation: string;
  state: 'proposed' | 'appointed' | 'rejected';
  declineReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

interface RawNomination {
  id: string;
  group_id: string;
  person_id: string;
  request_id: string | null;
  organisation_id: string | null;
  representation: Representation;
  nominated_by: string;
  state: string;
  stale: boolean;
  unconfirmed: boolean;
}
const NOMINATION_COLUMNS = `id, group_id, person_id, request_id, organisation_id, representation, nominated_by, state,
  (unconfirmed_at IS NOT NULL OR created_at < now() - interval '${Math.ceil(UPDATE_DEADLINE_MS / 1000) + 5} seconds') AS stale,
  unconfirmed_at IS NOT NULL AS unconfirmed`;
const toKept = (r: RawNomination): KeptNomination => ({
  id: r.id,
  groupId: r.group_id,
  personId: r.person_id,
  representation: r.representation,
  requestId: r.request_id ?? null,
  organisationId: r.organisation_id ?? null,
  nominatedBy: r.nominated_by,
  state: r.state,
  stale: r.stale,
  unconfirmed: r.unconfirmed,
});

const NOMINATION_VIEW_SELECT = `SELECT n.id, n.group_id, n.request_id, n.organisation_id, o.name AS organisation_name, n.state, n.representation,
          n.assignment_id, n.person_id, p.full_name, p.email, COALESCE(n.perspective, p.perspective) AS perspective, n.created_at, n.decided_at,
          CASE WHEN n.state = 'rejected' THEN n.decline_reason END AS decline_reason
   FROM nomination n JOIN person p ON p.id = n.person_id LEFT JOIN organisation o ON o.id = n.organisation_id`;
const toView = (r: Record<string, unknown>): NominationView => ({
  id: String(r.id),
  groupId: String(r.group_id),
  requestId: (r.request_id as string | null) ?? null,
  organisationId: (r.organisation_id as string | null) ?? null,
  organisationName: (r.organisation_name as string | null) ?? null,
  state: String(r.state),
  representation: String(r.representation),
  assignmentId: (r.assignment_id as string | null) ?? null,
  nominee: { personId: String(r.person_id), fullName: String(r.full_name), email: String(r.email), perspective: (r.perspective as string | null) ?? null },
  createdAt: r.created_at as Date,
  decidedAt: (r.decided_at as Date | null) ?? null,
  declineReason: (r.decline_reason as string | null) ?? null,
});

/**
 * Recruitment's data: nomination requests, nominations, and the group's recruitment state. A Nest provider for
 * the API, built from the DataSource by the worker's activities. Methods taking an EntityManager run on it (the
 * caller's transaction); the others run on their own.
 */
@Injectable()
export class RecruitmentRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  // --- reads for the API ------------------------------------------------------------------------------------------

  findGroup(id: string): Promise<WorkingGroup | null> {
    return this.ds.getRepository(WorkingGroup).findOneBy({ id });
  }

  findGroups(ids: string[]): Promise<WorkingGroup[]> {
    return this.ds.getRepository(WorkingGroup).findBy({ id: In(ids) });
  }

  findOrganisations(ids: string[]): Promise<Organisation[]> {
    return this.ds.getRepository(Organisation).findBy({ id: In(ids) });
  }

  findRequest(id: string): Promise<NominationRequest | null> {
    return this.ds.getRepository(NominationRequest).findOneBy({ id });
  }

  /** A group's nomination requests, latest round first. */
  requestsOfGroup(groupId: string): Promise<NominationRequest[]> {
    return this.ds.getRepository(NominationRequest).find({ where: { groupId }, order: { round: 'DESC', createdAt: 'ASC' } });
  }

  /** The nomination requests sent to one organisation, newest first. */
  requestsOfOrganisation(organisationId: string): Promise<NominationRequest[]> {
    return this.ds.getRepository(NominationRequest).find({ where: { organisationId }, order: { createdAt: 'DESC' } });
  }

  /** Who a nomination request concerns (for the access rule), or null when there is none with that id. */
  async requestParties(id: string): Promise<{ groupId: string; organisationId: string } | null> {
    const rows: Array<{ group_id: string; organisation_id: string }> = await this.ds.query(
      `SELECT group_id, organisation_id FROM nomination_request WHERE id = $1`,
      [id],
    );
    return rows[0] ? { groupId: rows[0].group_id, organisationId: rows[0].organisation_id } : null;
  }

  findNomination(groupId: string, id: string): Promise<Nomination | null> {
    return this.ds.getRepository(Nomination).findOneBy({ id, groupId });
  }

  async nominationState(id: string): Promise<string | null> {
    const [row]: Array<{ state: string }> = await this.ds.query(`SELECT state FROM nomination WHERE id = $1`, [id]);
    return row?.state ?? null;
  }

  /** The group's nominations the workflow has taken (not `submitted`), oldest first, with the nominee. */
  async nominationViewsOfGroup(groupId: string): Promise<NominationView[]> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `${NOMINATION_VIEW_SELECT} WHERE n.group_id = $1 AND n.state <> 'submitted' ORDER BY n.created_at, n.id`,
      [groupId],
    );
    return rows.map(toView);
  }

  async nominationView(id: string): Promise<NominationView> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(`${NOMINATION_VIEW_SELECT} WHERE n.id = $1 ORDER BY n.created_at, n.id`, [id]);
    return rows.map(toView)[0];
  }

  /** An assignment's person and state (for resending its invitation), or null when there is none. */
  async assignmentParties(id: string): Promise<{ personId: string; groupId: string; state: string } | null> {
    const [row]: Array<{ person_id: string; group_id: string; state: string }> = await this.ds.query(
      `SELECT person_id, group_id, state FROM assignment WHERE id = $1`,
      [id],
    );
    return row ? { personId: row.person_id, groupId: row.group_id, state: row.state } : null;
  }

  /** Whether the person has a live (not declined or ended, not a duplicate) assignment in the group. */
  async hasLiveAssignment(groupId: string, personId: string, em: EntityManager = this.ds.manager): Promise<boolean> {
    const [live] = await em.query(
      `SELECT 1 FROM assignment WHERE group_id = $1 AND person_id = $2 AND state NOT IN ('declined', 'ended') AND duplicate_of IS NULL`,
      [groupId, personId],
    );
    return Boolean(live);
  }

  // --- storing a nomination (the API, before the workflow is told) -------------------------------------------------

  async findNominationById(id: string, em: EntityManager): Promise<KeptNomination | null> {
    const [row]: RawNomination[] = await em.query(`SELECT ${NOMINATION_COLUMNS} FROM nomination WHERE id = $1`, [id]);
    return row ? toKept(row) : null;
  }

  /** The person's open (submitted or proposed, not a duplicate) nomination in the group. */
  async findOpenNomination(groupId: string, personId: string, em: EntityManager): Promise<KeptNomination | null> {
    const [row]: RawNomination[] = await em.query(
      `SELECT ${NOMINATION_COLUMNS} FROM nomination
        WHERE group_id = $1 AND person_id = $2 AND state IN ('submitted', 'proposed') AND duplicate_of IS NULL`,
      [groupId, personId],
    );
    return row ? toKept(row) : null;
  }

  /**
   * A nomination stored before the workflow is told, with the perspective the person brings to this group and the
   * name as the nominator wrote it. In answer to a request, the trigger `nomination_request_wanted` refuses it once
   * the request has as many nominations as it asks for.
   */
  async insertSubmittedNomination(groupId: string, row: StoredNomination, perspective: Perspective, em: EntityManager, nomineeName: string | null = null): Promise<void> {
    await em.query(
      `INSERT INTO nomination (id, group_id, request_id, organisation_id, person_id, representation, perspective, state, nominated_by, nominee_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, $9)`,
      [row.id, groupId, row.requestId, row.organisationId, row.personId, row.representation, perspective, row.nominatedBy, nomineeName],
    );
  }

  /** The coordinator's message for a round (issue 16 #1), stored before the workflow is told its id. */
  async insertRequestMessage(m: { id: string; groupId: string; body: string; createdBy: string }): Promise<void> {
    await this.ds.query(`INSERT INTO nomination_request_message (id, group_id, body, created_by) VALUES ($1, $2, $3, $4)`, [m.id, m.groupId, m.body, m.createdBy]);
  }

  /**
   * Why the coordinator declines a nomination that awaits a decision, stored before the workflow is told (issue
   * 16 #1); false when the nomination no longer awaits one.
   */
  async setDeclineReason(id: string, reason: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`UPDATE nomination SET decline_reason = $2 WHERE id = $1 AND state = 'proposed' RETURNING id`, [id, reason]);
    return rows.length > 0;
  }

  /** The nominations made in answer to a request, oldest first, as its organisation sees them (issue 16 #1). */
  async nominationsOfRequest(requestId: string): Promise<RequestNominationView[]> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT n.id, n.request_id, COALESCE(n.nominee_name, p.full_name) AS full_name, COALESCE(n.perspective, p.perspective) AS perspective,
              n.representation, n.state, CASE WHEN n.state = 'rejected' THEN n.decline_reason END AS decline_reason, n.created_at, n.decided_at
         FROM nomination n JOIN person p ON p.id = n.person_id
        WHERE n.request_id = $1 AND n.state <> 'submitted' AND n.duplicate_of IS NULL
        ORDER BY n.created_at, n.id`,
      [requestId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      requestId: String(r.request_id),
      fullName: String(r.full_name),
      perspective: (r.perspective as string | null) ?? null,
      representation: String(r.representation),
      state: r.state as RequestNominationView['state'],
      declineReason: (r.decline_reason as string | null) ?? null,
      createdAt: r.created_at as Date,
      decidedAt: (r.decided_at as Date | null) ?? null,
    }));
  }

  /** A declined nomination's person, group and reason, for the nominee's mail (issue 16 #1). */
  async declinedNominee(id: string, em: EntityManager): Promise<{ personId: string; organisationId: string | null } | null> {
    const [row]: Array<{ person_id: string; organisation_id: string | null }> = await em.query(
      `SELECT person_id, organisation_id FROM nomination WHERE id = $1 AND state = 'rejected'`,
      [id],
    );
    return row ? { personId: row.person_id, organisationId: row.organisation_id } : null;
  }

  /** The workflow gave no answer to the nomination (`submitted`, or `proposed` by the record of a workflow task that may have been lost). */
  async markUnconfirmed(id: string): Promise<void> {
    // Also 'proposed': a lost workflow task can have written that record without the workflow keeping the nomination.
    await this.ds.query(`UPDATE nomination SET unconfirmed_at = now() WHERE id = $1 AND state IN ('submitted', 'proposed')`, [id]);
  }

  /** The nomination's sender has had the workflow's answer. */
  async markConfirmed(id: string): Promise<void> {
    await this.ds.query(`UPDATE nomination SET unconfirmed_at = NULL WHERE id = $1 AND unconfirmed_at IS NOT NULL`, [id]);
  }

  async deleteSubmittedNomination(id: string, em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM nomination WHERE id = $1 AND state = 'submitted'`, [id]);
  }

  /** Removes a person stored for a refused nomination, unless anything (a nomination, assignment, login) refers to them. */
  async deletePersonIfUnreferenced(personId: string, em: EntityManager): Promise<void> {
    await em.query(
      `DELETE FROM person p WHERE p.id = $1
         AND NOT EXISTS (SELECT 1 FROM nomination WHERE person_id = p.id)
         AND NOT EXISTS (SELECT 1 FROM assignment WHERE person_id = p.id)
         AND NOT EXISTS (SELECT 1 FROM user_account WHERE person_id = p.id)`,
      [personId],
    );
  }

  // --- the read model the recruitment workflow's activities write -------------------------------------------------

  async setRecruitmentState(groupId: string, state: RecruitmentState, em: EntityManager): Promise<void> {
    await em.query(`UPDATE working_group SET recruitment_state = $2, updated_at = now() WHERE id = $1`, [groupId, state]);
  }

  /** The group fell below its minimum at this ISO time, or is staffed again (null). */
  async setBelowMinimumSince(groupId: string, since: string | null, em: EntityManager): Promise<void> {
    await em.query(`UPDATE working_group SET below_minimum_since = $2 WHERE id = $1`, [groupId, since]);
  }

  /** A nomination request sent (idempotent by id). */
  async insertSentRequest(
    groupId: string,
    r: { id: string; organisationId: string; round: number; deadline: string; urgent: boolean; wanted?: number; messageId?: string },
    em: EntityManager,
  ): Promise<void> {
    await em.query(
      `INSERT INTO nomination_request (id, group_id, organisation_id, round, state, urgent, deadline, wanted, message)
       VALUES ($1, $2, $3, $4, 'sent', $5, $6, $7, (SELECT body FROM nomination_request_message WHERE id = $8::uuid))
       ON CONFLICT (id) DO NOTHING`,
      [r.id, groupId, r.organisationId, r.round, r.urgent, r.deadline, r.wanted ?? null, r.messageId ?? null],
    );
  }

  /** A nomination request's new state; the first reminder and the first answer are timestamped. */
  async setRequestState(id: string, state: NominationRequestState, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE nomination_request SET state = $2, updated_at = now(),
         reminded_at = CASE WHEN $2 = 'reminded' THEN now() ELSE reminded_at END,
         answered_at = CASE WHEN $2 IN ('nominated', 'declined') AND answered_at IS NULL THEN now() ELSE answered_at END
       WHERE id = $1`,
      [id, state],
    );
  }

  /** The workflow proposed or rejected a nomination (decided by a coordinator when `decidedBy` is given). */
  async decideNomination(id: string, state: 'proposed' | 'rejected', decidedBy: string | null, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE nomination SET state = $2, updated_at = now(),
         decided_by = COALESCE($3, decided_by), decided_at = CASE WHEN $3 IS NULL THEN decided_at ELSE now() END
       WHERE id = $1`,
      [id, state, decidedBy],
    );
  }

  async markAppointed(id: string, assignmentId: string, decidedBy: string | null, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE nomination SET state = 'appointed', assignment_id = $2, decided_by = $3, decided_at = now(), updated_at = now() WHERE id = $1`,
      [id, assignmentId, decidedBy],
    );
    // The assignment keeps the perspective the person was nominated with (issue 16 #2).
    await em.query(`UPDATE assignment a SET perspective = n.perspective FROM nomination n WHERE n.id = $1 AND a.id = $2 AND n.perspective IS NOT NULL`, [
      id,
      assignmentId,
    ]);
  }
}
