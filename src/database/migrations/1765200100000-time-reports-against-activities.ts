import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time reports exist only against activities (issue 13 §4.5.1, step 3): the API requires `activityId` from now on,
 * and the reports written before it stay valid — every distinct (group, date, kind, meeting reference) of the
 * existing reports becomes one group activity (id: an MD5-based UUID of that key; title the meeting reference, or
 * the kind in Swedish; length the longest reported; mode the most common participation; agreed extra preparation
 * keeps its full day as the fee rule; an introduction is a meeting), every assignment that reported it is called
 * to it, and each person's first report of it (by creation) is made against it. A second report of the same
 * meeting by the same person (through a second assignment: issue 13 #1) keeps no activity — the unique index
 * refuses two — and is left as it was (it cannot be paid again: see payout_line_once and the run's gathering).
 * Payout lines of the reports get the activity too (paid lines are final: that trigger is off for the copy only).
 */
export class TimeReportsAgainstActivities1765200100000 implements MigrationInterface {
  name = 'TimeReportsAgainstActivities1765200100000';

  async up(q: QueryRunner): Promise<void> {
    const key = `md5('legacy-activity:' || tr.group_id::text || ':' || tr.activity_date::text || ':' || tr.kind || ':' || tr.meeting_ref)::uuid`;
    await q.query(`
      INSERT INTO group_activity (id, group_id, title, kind, activity_date, duration_minutes, mode, fee_rule, created_at)
      SELECT ${key}, tr.group_id,
             left(CASE WHEN length(trim(tr.meeting_ref)) > 0 THEN trim(tr.meeting_ref)
                       WHEN tr.kind = 'introduction' THEN 'Introduktion'
                       WHEN tr.kind = 'extra-preparation' THEN 'Extra förberedelse'
                       WHEN tr.kind = 'open-information-meeting' THEN 'Öppet informationsmöte'
                       ELSE 'Möte' END, 200),
             CASE WHEN tr.kind = 'introduction' THEN 'meeting' ELSE tr.kind END,
             tr.activity_date, max(tr.duration_minutes), mode() WITHIN GROUP (ORDER BY tr.participation),
             CASE WHEN tr.kind = 'extra-preparation' THEN 'full-day' ELSE 'by-length' END,
             min(tr.created_at)
        FROM time_report tr
       WHERE tr.activity_id IS NULL
       GROUP BY tr.group_id, tr.activity_date, tr.kind, tr.meeting_ref
      ON CONFLICT (id) DO NOTHING`);
    await q.query(`
      INSERT INTO group_activity_called (activity_id, assignment_id)
      SELECT DISTINCT ${key}, tr.assignment_id FROM time_report tr WHERE tr.activity_id IS NULL
      ON CONFLICT DO NOTHING`);
    await q.query(`
      UPDATE time_report t SET activity_id = first.activity
        FROM (SELECT DISTINCT ON (tr.person_id, ${key}) tr.id, ${key} AS activity
                FROM time_report tr WHERE tr.activity_id IS NULL
               ORDER BY tr.person_id, ${key}, tr.created_at, tr.id) first
       WHERE t.id = first.id`);
    await q.query(`ALTER TABLE payout_line DISABLE TRIGGER payout_line_final`);
    await q.query(`
      UPDATE payout_line l SET activity_id = tr.activity_id FROM time_report tr
       WHERE tr.id = l.time_report_id AND tr.activity_id IS NOT NULL AND l.activity_id IS NULL`);
    await q.query(`ALTER TABLE payout_line ENABLE TRIGGER payout_line_final`);
  }

  async down(): Promise<void> {
    // The activities made here are records now; going back leaves them (the reports keep their own kind and date).
  }
}
