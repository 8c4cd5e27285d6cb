import { createHash } from 'node:crypto';
import type { Harness } from './harness';

/**
 * Test setup for time reports, which are made only against a group activity (issue 13 §4.5.1): the activity of a
 * group on a date, stored as a coordinator's `POST /working-groups/{id}/activities` would store it, with the given
 * assignments called to it. The same group, date, kind and title give the same activity (an id from them), so two
 * reports of "one meeting" are two reports of one activity. Returns the activity's id.
 */
export async function activityFor(
  h: Harness,
  o: {
    assignmentIds: string[];
    date: string;
    kind?: 'meeting' | 'other-work' | 'extra-preparation' | 'open-information-meeting';
    title?: string;
    durationMinutes?: number;
    mode?: 'on-site' | 'video' | 'phone';
    feeRule?: 'by-length' | 'hourly' | 'full-day' | 'half-day' | 'short';
  },
): Promise<string> {
  const [{ group_id: groupId }]: Array<{ group_id: string }> = await h.dataSource.query(`SELECT group_id FROM assignment WHERE id = $1`, [o.assignmentIds[0]]);
  const kind = o.kind ?? 'meeting';
  const title = o.title?.trim() || 'Möte';
  const hex = createHash('sha256').update(`test-activity:${groupId}:${o.date}:${kind}:${title}`).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  await h.dataSource.query(
    `INSERT INTO group_activity (id, group_id, title, kind, activity_date, duration_minutes, mode, fee_rule)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [id, groupId, title, kind, o.date, o.durationMinutes ?? 180, o.mode ?? 'video', o.feeRule ?? 'by-length'],
  );
  await h.dataSource.query(
    `INSERT INTO group_activity_called (activity_id, assignment_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [id, o.assignmentIds],
  );
  return id;
}

/**
 * A time report body as clients sent it before activities (`activityDate`, `kind`, `meetingRef`, the figures),
 * turned into one against the activity of that date, kind and meeting (made when missing, the assignment called).
 * `participation` is kept when given; extra preparation is called with the full day it was paid as.
 */
export async function againstActivity(h: Harness, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { activityDate, kind, meetingRef, ...rest } = body as { activityDate: string; kind?: string; meetingRef?: string } & Record<string, unknown>;
  const activityKind = kind === undefined || kind === 'introduction' ? 'meeting' : (kind as 'meeting');
  const activityId = await activityFor(h, {
    assignmentIds: [rest.assignmentId as string],
    date: activityDate,
    kind: activityKind,
    title: meetingRef ?? (kind === 'introduction' ? 'Introduktion' : undefined),
    // Agreed extra preparation was paid as the agreement's full (reading) day: the group's call says so now.
    ...(kind === 'extra-preparation' ? { feeRule: 'full-day' as const } : {}),
  });
  return { ...rest, activityId };
}

/**
 * Stores a time report as reports were stored before activities (no `activity_id`), for tests of that legacy data:
 * the database refuses such a row since migration 1765700000000 (`time_report_activity_required`), so that trigger is
 * off for this one transaction only (`ALTER TABLE … DISABLE TRIGGER` is transactional and locks the table until the
 * commit: no other writer ever sees it off). Every other trigger and constraint holds as for any insert.
 */
export async function insertLegacyTimeReport(h: Harness, sql: string, params: unknown[]): Promise<void> {
  const runner = h.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`ALTER TABLE time_report DISABLE TRIGGER time_report_activity_required`);
    await runner.query(sql, params);
    await runner.query(`ALTER TABLE time_report ENABLE TRIGGER time_report_activity_required`);
    await runner.commitTransaction();
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw e;
  } finally {
    await runner.release();
  }
}
