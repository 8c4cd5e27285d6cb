import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActivityDto } from './dto/group-activity.dto';
import { GroupActivity } from './group-activity.entity';
import { ASSIGNMENT_STATES, AssignmentState } from '../../workflows/assignment.messages';

/**
 * Reading activities (shared by the activities and time-report modules, which must not depend on each other's
 * services): their API view, and the id of an agreement's own activity.
 */

/**
 * The id of an assignment's own agreement activity: a name-based UUID (version 5 layout, SHA-1 of a fixed
 * namespace and the assignment id), so the client can report against it before anyone has listed it, and
 * creating it twice is one row.
 */
export function agreementActivityId(assignmentId: string): string {
  const h = createHash('sha1').update(`medverkan:agreement-activity:${assignmentId.toLowerCase()}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Assignment states with an agreement (drafted or later): these have an agreement's own activity. */
export const AGREEMENT_STATES: readonly AssignmentState[] = ASSIGNMENT_STATES.slice(ASSIGNMENT_STATES.indexOf('agreement-drafted'));

/** Creates the agreement's own activity of an assignment when it has none (idempotent). */
export async function ensureAgreementActivity(db: DataSource | EntityManager, assignment: { id: string; groupId: string }): Promise<string> {
  const id = agreementActivityId(assignment.id);
  await db.query(
    `INSERT INTO group_activity (id, group_id, assignment_id, title, kind, fee_rule)
     VALUES ($1, $2, $3, 'Arbete enligt överenskommelsen', 'other-work', 'by-length') ON CONFLICT DO NOTHING`,
    [id, assignment.groupId, assignment.id],
  );
  return id;
}

/** The API view of activities, with their called assignments, in the order given. */
export async function activityViews(db: DataSource | EntityManager, rows: GroupActivity[]): Promise<ActivityDto[]> {
  if (rows.length === 0) return [];
  const called: Array<{ activity_id: string; assignment_id: string }> = await db.query(
    `SELECT activity_id, assignment_id FROM group_activity_called WHERE activity_id = ANY($1::uuid[]) ORDER BY assignment_id`,
    [rows.map((r) => r.id)],
  );
  const byActivity = new Map<string, string[]>();
  for (const c of called) byActivity.set(c.activity_id, [...(byActivity.get(c.activity_id) ?? []), c.assignment_id]);
  return rows.map((r) => ({
    id: r.id,
    groupId: r.groupId,
    title: r.title,
    kind: r.kind,
    date: r.activityDate,
    startTime: r.startTime ? r.startTime.slice(0, 5) : null,
    durationMinutes: r.durationMinutes,
    mode: r.mode,
    feeRule: r.feeRule,
    agenda: r.agenda ?? [],
    calledAssignmentIds: byActivity.get(r.id) ?? [],
    materialSentOn: r.materialSentOn,
    agreementActivity: r.assignmentId !== null,
    assignmentId: r.assignmentId,
    createdAt: r.createdAt,
  }));
}

export async function activityView(db: DataSource | EntityManager, id: string): Promise<ActivityDto | null> {
  const row = await db.getRepository(GroupActivity).findOneBy({ id });
  return row ? (await activityViews(db, [row]))[0] : null;
}
