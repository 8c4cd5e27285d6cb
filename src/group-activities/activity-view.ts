import { createHash } from 'node:crypto';
import type { ActivityDto } from './dto/group-activity.dto';
import type { GroupActivitiesRepository } from './group-activities.repository';
import type { GroupActivity } from './group-activity.entity';
import { ASSIGNMENT_STATES, AssignmentState } from '../../workflows/assignment.messages';

/**
 * Reading activities (shared by the activities and time-report modules, which must not depend on each other's
 * services): their API view, and the id of an agreement's own activity. The reads are GroupActivitiesRepository's.
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

/** The API view of activities, with their called assignments, in the order given. */
export async function activityViews(repo: GroupActivitiesRepository, rows: GroupActivity[]): Promise<ActivityDto[]> {
  if (rows.length === 0) return [];
  const called = await repo.calledTo(rows.map((r) => r.id));
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

export async function activityView(repo: GroupActivitiesRepository, id: string): Promise<ActivityDto | null> {
  const row = await repo.byId(id);
  return row ? (await activityViews(repo, [row]))[0] : null;
}
