import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Declaration } from './declaration.entity';

export interface RecusalRow {
  id: string;
  declarationId: string;
  assignmentId: string;
  interestNo: number;
  matter: string;
  activityId: string | null;
  activityTitle: string | null;
  activityDate: string | null;
  agendaItem: string | null;
  createdAt: string;
}

export interface GroupRecusalRow extends RecusalRow {
  personId: string;
  personName: string;
}

const RECUSAL_COLUMNS = `r.id, r.declaration_id, r.assignment_id, r.interest_no, r.matter, r.activity_id, ga.title AS activity_title,
  to_char(ga.activity_date, 'YYYY-MM-DD') AS activity_date, r.agenda_item, r.created_at`;

const toRecusal = (r: Record<string, unknown>): RecusalRow => ({
  id: String(r.id),
  declarationId: String(r.declaration_id),
  assignmentId: String(r.assignment_id),
  interestNo: Number(r.interest_no),
  matter: String(r.matter),
  activityId: (r.activity_id as string | null) ?? null,
  activityTitle: (r.activity_title as string | null) ?? null,
  activityDate: (r.activity_date as string | null) ?? null,
  agendaItem: (r.agenda_item as string | null) ?? null,
  createdAt: new Date(r.created_at as string).toISOString(),
});

/**
 * The declaration's documents and its recusals (jäv, issue 16 #7): which matters or agenda items of the group's
 * activities a member takes no part in, per declared interest. Recusals belong to the declaration they were
 * recorded on; the assignment lists those of its latest approved or pending declaration.
 */
@Injectable()
export class DeclarationsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  declaration(id: string): Promise<Declaration | null> {
    return this.ds.getRepository(Declaration).findOneBy({ id });
  }

  /** The assignment's latest declaration the workflow took (submitted, approved or needs changes). */
  latestTaken(assignmentId: string): Promise<Declaration | null> {
    return this.ds
      .getRepository(Declaration)
      .createQueryBuilder('d')
      .where('d.assignment_id = :assignmentId AND d.state <> :stored', { assignmentId, stored: 'stored' })
      .orderBy('d.submitted_at', 'DESC')
      .getOne();
  }

  /** Whether the assignment had a declaration approved before this one (a renewal, not the first). */
  async approvedBefore(assignmentId: string, declarationId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM declaration WHERE assignment_id = $1 AND id <> $2 AND state = 'approved' LIMIT 1`,
      [assignmentId, declarationId],
    );
    return rows.length > 0;
  }

  async setDocument(declarationId: string, documentId: string): Promise<void> {
    await this.ds.query(`UPDATE declaration SET document_id = $2 WHERE id = $1`, [declarationId, documentId]);
  }

  async setAssessedDocument(declarationId: string, documentId: string): Promise<void> {
    await this.ds.query(`UPDATE declaration SET assessed_document_id = $2 WHERE id = $1`, [declarationId, documentId]);
  }

  /** The review's comment, stored before the review reaches the workflow (its mail reads it). */
  async setReviewComment(declarationId: string, comment: string | null): Promise<void> {
    await this.ds.query(`UPDATE declaration SET review_comment = $2 WHERE id = $1`, [declarationId, comment]);
  }

  /** One of the group's activities, with its agenda (null when it is not the group's). */
  async activityOfGroup(activityId: string, groupId: string): Promise<{ id: string; title: string; agenda: string[] } | null> {
    const [row] = (await this.ds.query(`SELECT id, title, agenda FROM group_activity WHERE id = $1 AND group_id = $2`, [activityId, groupId])) as Array<{
      id: string;
      title: string;
      agenda: string[] | null;
    }>;
    return row ? { id: row.id, title: row.title, agenda: row.agenda ?? [] } : null;
  }

  async insertRecusal(
    em: EntityManager,
    r: { id: string; declarationId: string; assignmentId: string; interestNo: number; activityId: string | null; agendaItem: string | null; matter: string; createdBy: string },
  ): Promise<void> {
    await em.query(
      `INSERT INTO declaration_recusal (id, declaration_id, assignment_id, interest_no, activity_id, agenda_item, matter, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [r.id, r.declarationId, r.assignmentId, r.interestNo, r.activityId, r.agendaItem, r.matter, r.createdBy],
    );
  }

  /** Deletes one recusal of the assignment; whether it was there. */
  async deleteRecusal(em: EntityManager, assignmentId: string, recusalId: string): Promise<RecusalRow | null> {
    const rows = (await em.query(
      `DELETE FROM declaration_recusal r WHERE r.id = $1 AND r.assignment_id = $2
       RETURNING r.id, r.declaration_id, r.assignment_id, r.interest_no, r.matter, r.activity_id, NULL AS activity_title, NULL AS activity_date, r.agenda_item, r.created_at`,
      [recusalId, assignmentId],
    )) as [Array<Record<string, unknown>>, number] | Array<Record<string, unknown>>;
    const list = Array.isArray(rows[0]) ? (rows[0] as Array<Record<string, unknown>>) : (rows as Array<Record<string, unknown>>);
    return list[0] ? toRecusal(list[0]) : null;
  }

  /** The recusals recorded on one declaration, in the order they were recorded. */
  async recusalsOfDeclaration(declarationId: string): Promise<RecusalRow[]> {
    const rows = (await this.ds.query(
      `SELECT ${RECUSAL_COLUMNS} FROM declaration_recusal r LEFT JOIN group_activity ga ON ga.id = r.activity_id
       WHERE r.declaration_id = $1 ORDER BY r.created_at, r.id`,
      [declarationId],
    )) as Array<Record<string, unknown>>;
    return rows.map(toRecusal);
  }

  /**
   * The group's recusals in force: for each live assignment (not declined or ended) those of its latest declaration
   * the workflow took, with the member's name (the group's overview).
   */
  async recusalsOfGroup(groupId: string): Promise<GroupRecusalRow[]> {
    const rows = (await this.ds.query(
      `SELECT ${RECUSAL_COLUMNS}, p.id AS person_id, p.full_name
         FROM assignment a
         JOIN person p ON p.id = a.person_id
         JOIN LATERAL (SELECT d.id FROM declaration d WHERE d.assignment_id = a.id AND d.state <> 'stored'
                       ORDER BY d.submitted_at DESC LIMIT 1) latest ON true
         JOIN declaration_recusal r ON r.declaration_id = latest.id
         LEFT JOIN group_activity ga ON ga.id = r.activity_id
        WHERE a.group_id = $1 AND a.state NOT IN ('declined', 'ended')
        ORDER BY p.full_name, r.created_at, r.id`,
      [groupId],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ ...toRecusal(r), personId: String(r.person_id), personName: String(r.full_name) }));
  }
}
