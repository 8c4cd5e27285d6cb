import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { swedishDate } from './business-dates';
import { TimeReportsRepository } from './time-reports.repository';

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
  const repo = new TimeReportsRepository(ds);
  const rows = await repo.draftsDueForReminder(today);
  const out: DueReminder[] = [];
  for (const r of rows) {
    const message = `Din rapport för ${swedishDate(r.activity_date)} är inte inskickad. Skicka in den senast ${swedishDate(r.claim_deadline)}, annars kan ersättning inte betalas ut.`;
    const firstTime = await repo.recordReminderOnce({
      id: randomUUID(),
      reportId: r.id,
      personId: r.person_id,
      claimDeadline: r.claim_deadline,
      remindedOn: today,
      message,
    });
    out.push({
      timeReportId: r.id,
      personId: r.person_id,
      groupId: r.group_id,
      assignmentId: r.assignment_id,
      activityDate: r.activity_date,
      claimDeadline: r.claim_deadline,
      firstTime,
    });
  }
  return out;
}
