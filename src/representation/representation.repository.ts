import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OrganisationPerspective } from '../organisations/organisation.entity';
import type { GroupKind, HealthcareRegion } from '../working-groups/working-group.entity';

/**
 * The states in which a person holds an assignment: accepted and on the way to active, or active. Not an offer still
 * unanswered (`nominated`), nor `declined` or `ended`.
 */
export const HELD_STATES_SQL = `('accepted','details-given','agreement-drafted','signed','countersigned','declaration-submitted','declaration-needs-changes','declaration-approved','active')`;

export interface StaffingRow {
  id: string;
  name: string;
  kind: GroupKind;
  parent_group_id: string | null;
  min_representatives: number;
  below_minimum_since: Date | null;
  created_at: Date;
  active: number;
  onboarding: number;
}

export interface PersonLoadRow {
  id: string;
  full_name: string;
  available_since: Date | null;
  held: number;
  offered: number;
}

export interface OrganisationLoadRow {
  id: string;
  name: string;
  held: number;
}

export interface AvailablePersonRow {
  id: string;
  full_name: string;
  email: string;
  available_since: Date;
  held: number;
}

export interface OrganisationLastAskedRow {
  id: string;
  name: string;
  perspective: OrganisationPerspective;
  last_request_at: Date | null;
  requests: number;
}

export interface RepresentationSettingsRow {
  person_threshold: number;
  organisation_threshold: number;
  updated_at: Date | null;
}

export interface NpoRow {
  id: string;
  name: string;
  host_region: HealthcareRegion | null;
}

/** Which groups' representatives diversity figures are of: all, one NPO with its NAGs, or one healthcare region's groups. */
export type DiversityScopeFilter = { scope: 'national' } | { scope: 'npo'; groupId: string } | { scope: 'region'; region: HealthcareRegion };

/** Representativeness and workload (issue 19 #2): the only SQL of src/representation. */
@Injectable()
export class RepresentationRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Groups not ended (all, or those of `groupIds`) with their active representatives and those on the way (accepted, not yet active). */
  async staffing(groupIds: string[] | null): Promise<StaffingRow[]> {
    const rows: StaffingRow[] = await this.ds.query(
      `SELECT g.id, g.name, g.kind, g.parent_group_id, g.min_representatives, g.below_minimum_since, g.created_at,
              count(a.id) FILTER (WHERE a.state = 'active')::int AS active,
              count(a.id) FILTER (WHERE a.state IN ${HELD_STATES_SQL} AND a.state <> 'active')::int AS onboarding
         FROM working_group g LEFT JOIN assignment a ON a.group_id = g.id
        WHERE g.recruitment_state <> 'ended' AND ($1::uuid[] IS NULL OR g.id = ANY($1::uuid[]))
        GROUP BY g.id
        ORDER BY lower(g.name), g.id`,
      [groupIds],
    );
    return rows;
  }

  /**
   * People to weigh the load of: with an assignment (not declined or ended) or an open nomination in one of `groupIds`
   * (all such people when null), each with how many assignments they hold across all groups and how many offers wait.
   */
  async personLoads(groupIds: string[] | null): Promise<PersonLoadRow[]> {
    return this.ds.query(
      `WITH scope AS (
         SELECT person_id FROM assignment WHERE state NOT IN ('declined','ended') AND ($1::uuid[] IS NULL OR group_id = ANY($1::uuid[]))
         UNION
         SELECT person_id FROM nomination WHERE state IN ('submitted','proposed') AND ($1::uuid[] IS NULL OR group_id = ANY($1::uuid[])))
       SELECT p.id, p.full_name, p.available_since,
              (SELECT count(*) FROM assignment a WHERE a.person_id = p.id AND a.state IN ${HELD_STATES_SQL})::int AS held,
              (SELECT count(*) FROM assignment a WHERE a.person_id = p.id AND a.state = 'nominated')::int AS offered
         FROM person p JOIN scope s ON s.person_id = p.id
        ORDER BY held DESC, lower(p.full_name), p.id`,
      [groupIds],
    );
  }

  /** Organisations whose nominees hold assignments, with how many (across all groups), most first. */
  async organisationLoads(): Promise<OrganisationLoadRow[]> {
    return this.ds.query(
      `SELECT o.id, o.name, count(a.id)::int AS held
         FROM organisation o JOIN assignment a ON a.nominating_organisation_id = o.id AND a.state IN ${HELD_STATES_SQL}
        GROUP BY o.id ORDER BY held DESC, lower(o.name), o.id`,
    );
  }

  /** People who have said they would take another assignment, longest waiting first. */
  async availablePeople(): Promise<AvailablePersonRow[]> {
    return this.ds.query(
      `SELECT p.id, p.full_name, p.email, p.available_since,
              (SELECT count(*) FROM assignment a WHERE a.person_id = p.id AND a.state IN ${HELD_STATES_SQL})::int AS held
         FROM person p WHERE p.available_since IS NOT NULL
        ORDER BY p.available_since, p.id`,
    );
  }

  /** Since when the person has said they would take another assignment (null: not said). */
  async availableSince(personId: string): Promise<Date | null | undefined> {
    const [row]: Array<{ available_since: Date | null }> = await this.ds.query(`SELECT available_since FROM person WHERE id = $1`, [personId]);
    return row ? row.available_since : undefined;
  }

  /** Sets or clears the flag; answers the value before (undefined: no such person). */
  async setAvailable(personId: string, available: boolean, em: EntityManager): Promise<{ before: Date | null; after: Date | null } | undefined> {
    const [row]: Array<{ available_since: Date | null }> = await em.query(`SELECT available_since FROM person WHERE id = $1 FOR UPDATE`, [personId]);
    if (!row) return undefined;
    if (available === (row.available_since !== null)) return { before: row.available_since, after: row.available_since };
    // An UPDATE answers [rows, count] (TypeORM's PostgreSQL driver).
    const [[after]]: [Array<{ available_since: Date | null }>, number] = await em.query(
      `UPDATE person SET available_since = CASE WHEN $2 THEN now() ELSE NULL END WHERE id = $1 RETURNING available_since`,
      [personId, available],
    );
    return { before: row.available_since, after: after.available_since };
  }

  /** One page of the organisations by their last nomination request, never asked and oldest first; and how many in all. */
  async organisationsByLastRequest(offset: number, limit: number): Promise<[OrganisationLastAskedRow[], number]> {
    const rows: OrganisationLastAskedRow[] = await this.ds.query(
      `SELECT o.id, o.name, o.perspective, max(r.created_at) AS last_request_at, count(r.id)::int AS requests
         FROM organisation o LEFT JOIN nomination_request r ON r.organisation_id = o.id
        GROUP BY o.id
        ORDER BY max(r.created_at) ASC NULLS FIRST, lower(o.name), o.id
        OFFSET $1 LIMIT $2`,
      [offset, limit],
    );
    const [{ n }]: Array<{ n: number }> = await this.ds.query(`SELECT count(*)::int AS n FROM organisation`);
    return [rows, n];
  }

  async settings(em: EntityManager | DataSource = this.ds): Promise<RepresentationSettingsRow> {
    const [row]: RepresentationSettingsRow[] = await em.query(
      `SELECT person_threshold, organisation_threshold, updated_at FROM representation_setting WHERE singleton FOR UPDATE`,
    );
    return row;
  }

  async updateSettings(s: { personThreshold: number; organisationThreshold: number }, actorId: string, em: EntityManager): Promise<RepresentationSettingsRow> {
    const [[row]]: [RepresentationSettingsRow[], number] = await em.query(
      `UPDATE representation_setting SET person_threshold = $1, organisation_threshold = $2, updated_at = now(), updated_by = $3
        WHERE singleton RETURNING person_threshold, organisation_threshold, updated_at`,
      [s.personThreshold, s.organisationThreshold, actorId],
    );
    return row;
  }

  /** The NPOs not ended, by name (the scopes of diversity figures). */
  async npos(): Promise<NpoRow[]> {
    return this.ds.query(`SELECT id, name, host_region FROM working_group WHERE kind = 'NPO' AND recruitment_state <> 'ended' ORDER BY lower(name), id`);
  }

  async npoById(id: string): Promise<NpoRow | undefined> {
    const [row]: NpoRow[] = await this.ds.query(`SELECT id, name, host_region FROM working_group WHERE id = $1 AND kind = 'NPO'`, [id]);
    return row;
  }

  /**
   * The encrypted answers of the consenting people who hold an assignment in the scope (each person once): in an NPO or
   * one of its groups; in a group whose host region (or whose parent's) is the region; or anywhere.
   */
  async consentedAnswersIn(filter: DiversityScopeFilter): Promise<string[]> {
    const rows: Array<{ answers_enc: string }> = await this.ds.query(
      `SELECT d.answers_enc FROM diversity_answer d
        WHERE EXISTS (
          SELECT 1 FROM assignment a JOIN working_group g ON g.id = a.group_id LEFT JOIN working_group pg ON pg.id = g.parent_group_id
           WHERE a.person_id = d.person_id AND a.state IN ${HELD_STATES_SQL}
             AND ($1::text = 'national'
               OR ($1::text = 'npo' AND (g.id = $2::uuid OR g.parent_group_id = $2::uuid))
               OR ($1::text = 'region' AND coalesce(g.host_region, pg.host_region) = $3::text)))`,
      [filter.scope, filter.scope === 'npo' ? filter.groupId : null, filter.scope === 'region' ? filter.region : null],
    );
    return rows.map((r) => r.answers_enc);
  }

  /** The person's own stored answers (encrypted) and consent, or undefined. */
  async ownAnswers(personId: string, em: EntityManager | DataSource = this.ds): Promise<{ answers_enc: string; consented_at: Date; updated_at: Date } | undefined> {
    const [row] = await em.query(`SELECT answers_enc, consented_at, updated_at FROM diversity_answer WHERE person_id = $1`, [personId]);
    return row;
  }

  /** Stores the answers with consent (the first consent's time is kept); whether the person had consented before. */
  async saveAnswers(personId: string, answersEnc: string, em: EntityManager): Promise<boolean> {
    const [row]: Array<{ existed: boolean }> = await em.query(
      `INSERT INTO diversity_answer (person_id, consented_at, answers_enc) VALUES ($1, now(), $2)
       ON CONFLICT (person_id) DO UPDATE SET answers_enc = EXCLUDED.answers_enc, updated_at = now()
       RETURNING (xmax <> 0) AS existed`,
      [personId, answersEnc],
    );
    return row.existed;
  }

  /** Erases the answers (consent withdrawn); whether there were any. */
  async eraseAnswers(personId: string, em: EntityManager): Promise<boolean> {
    const [, count]: [unknown[], number] = await em.query(`DELETE FROM diversity_answer WHERE person_id = $1`, [personId]);
    return count > 0;
  }
}
