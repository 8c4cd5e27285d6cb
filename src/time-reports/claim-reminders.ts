import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { swedishDate } from './business-dates';

export interface DueReminder {
  timeReportId: string;
  personId: string;
  groupId: string;
  assignmentId: string;
  activityDate: string;
  claimDeadline: string;
  /** True the first time this reminder is recorded (a retried call finds it recorded). */
  firstTime: boolean;
}

/**
 * Records a reminder for every report not yet sent in (draft) whose claim deadline falls within the payer's
 * `remind_days_before` days from `today` and has not passed. One per report and deadline (unique), so a daily
 * tick, a retry or a second tick the same day never records a second one.
 */
export async function recordClaimReminders(ds: DataSource, today: string): Promise<DueReminder[]> {
  const rows: Array<{ id: string; person_id: string; group_id: string; assignment_id: string; activity_date: string; claim_deadline: string }> =
    await ds.query(
      `SELECT tr.id, tr.person_id, tr.group_id, tr.assignment_id, tr.activity_date::text AS activity_date, tr.claim_deadline::text AS claim_deadline
         FROM time_report tr
         JOIN LATERAL (SELECT remind_days_before FROM claim_policy cp WHERE cp.scope IN (tr.payer_code, 'default')
                        ORDER BY (cp.scope = 'default') LIMIT 1) p ON true
        WHERE tr.state = 'draft' AND tr.first_submitted_at IS NULL
          AND tr.claim_deadline >= $1::date AND tr.claim_deadline - p.remind_days_before <= $1::date
        ORDER BY tr.claim_deadline, tr.id`,
      [today],
    );
  const out: DueReminder[] = [];
  for (const r of rows) {
    const message = `Din rapport för ${swedishDate(r.activity_date)} är inte inskickad. Skicka in den senast ${swedishDate(r.claim_deadline)}, annars kan ersättning inte betalas ut.`;
    const inserted: unknown[] = await ds.query(
      `INSERT INTO claim_reminder (id, time_report_id, person_id, claim_deadline, reminded_on, message) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (time_report_id, claim_deadline) DO NOTHING RETURNING id`,
      [randomUUID(), r.id, r.person_id, r.claim_deadline, today, message],
    );
    out.push({
      timeReportId: r.id,
      personId: r.person_id,
      groupId: r.group_id,
      assignmentId: r.assignment_id,
      activityDate: r.activity_date,
      claimDeadline: r.claim_deadline,
      firstTime: inserted.length > 0,
    });
  }
  return out;
}
