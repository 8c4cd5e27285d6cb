import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity';
import { ClaimPolicy, ClaimReminder, TimeReport, TimeReportReceipt } from './time-report.entity';

/** No report has this id: stands for "no report to leave out" in the sums below. */
const NO_REPORT = '00000000-0000-0000-0000-000000000000';

/**
 * Time reports (time_report), their receipts, the claim policies and reminders, and what the time-reports feature
 * reads of assignments and payout lines. Methods that take an EntityManager run in the caller's transaction.
 */
@Injectable()
export class TimeReportsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  byId(id: string): Promise<TimeReport | null> {
    return this.ds.getRepository(TimeReport).findOneBy({ id });
  }

  /** Whose a report is: its person, group and payer. */
  async partiesOf(id: string): Promise<{ person_id: string; group_id: string; payer_code: string } | undefined> {
    const rows: Array<{ person_id: string; group_id: string; payer_code: string }> = await this.ds.query(
      `SELECT person_id, group_id, payer_code FROM time_report WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** The report, held (FOR UPDATE) until the transaction ends. */
  lockById(id: string, em: EntityManager): Promise<TimeReport | null> {
    return em.getRepository(TimeReport).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The report's activity, held shared until the transaction ends (an activity's change locks it exclusively first). */
  async lockActivityOfShared(reportId: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT 1 FROM group_activity WHERE id = (SELECT activity_id FROM time_report WHERE id = $1) FOR SHARE`, [reportId]);
  }

  /** Stores a new report (a database error, e.g. a unique violation, is the caller's to answer). */
  async insert(row: Partial<TimeReport>): Promise<void> {
    await this.ds.getRepository(TimeReport).insert(row);
  }

  async update(id: string, patch: Partial<TimeReport>, em: EntityManager): Promise<void> {
    await em.update(TimeReport, { id }, patch);
  }

  async delete(id: string, em: EntityManager): Promise<void> {
    await em.delete(TimeReport, { id });
  }

  /** The person's reports, by activity date and creation. */
  ofPerson(personId: string, filter: { state?: TimeReport['state']; assignmentId?: string }): Promise<TimeReport[]> {
    return this.ds.getRepository(TimeReport).find({
      where: { personId, ...(filter.state ? { state: filter.state } : {}), ...(filter.assignmentId ? { assignmentId: filter.assignmentId } : {}) },
      order: { activityDate: 'ASC', createdAt: 'ASC' },
    });
  }

  /** The group's reports in one state, by activity date and creation. */
  ofGroup(groupId: string, filter: { state: TimeReport['state']; assignmentId?: string }): Promise<TimeReport[]> {
    return this.ds.getRepository(TimeReport).find({
      where: { groupId, state: filter.state, ...(filter.assignmentId ? { assignmentId: filter.assignmentId } : {}) },
      order: { activityDate: 'ASC', createdAt: 'ASC' },
    });
  }

  assignment(id: string): Promise<Assignment | null> {
    return this.ds.getRepository(Assignment).findOneBy({ id });
  }

  assignmentOrFail(id: string, em: EntityManager = this.ds.manager): Promise<Assignment> {
    return em.getRepository(Assignment).findOneByOrFail({ id });
  }

  /** Has the report been in a payout (any line, in any state)? */
  async hasBeenInPayout(reportId: string, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM payout_line WHERE time_report_id = $1 LIMIT 1`, [reportId]);
    return rows.length > 0;
  }

  /** Is the report in a live payout line (pending or paid)? */
  async isInLivePayout(reportId: string, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM payout_line WHERE time_report_id = $1 AND live`, [reportId]);
    return rows.length > 0;
  }

  /** The report's payout line that tells where it was paid: a pending or paid one first, else the latest. */
  async payoutLineOf(
    reportId: string,
  ): Promise<{ batch_id: string; period: string; payer_code: string; state: 'pending' | 'paid' | 'held' | 'released'; hold_reason: string | null } | undefined> {
    const rows: Array<{ batch_id: string; period: string; payer_code: string; state: 'pending' | 'paid' | 'held' | 'released'; hold_reason: string | null }> =
      await this.ds.query(
        `SELECT l.batch_id, b.period, b.payer_code, l.state, l.hold_reason FROM payout_line l JOIN payout_batch b ON b.id = l.batch_id
          WHERE l.time_report_id = $1 ORDER BY (l.state IN ('pending','paid')) DESC, l.created_at DESC LIMIT 1`,
        [reportId],
      );
    return rows[0];
  }

  /** How many extra-preparation reports (not rejected) the assignment has in the year, leaving out `exceptId`. */
  async extraPreparationCount(assignmentId: string, year: number, exceptId: string | undefined, em: EntityManager): Promise<number> {
    const rows: Array<{ n: string }> = await em.query(
      `SELECT count(*) AS n FROM time_report WHERE assignment_id = $1 AND kind = 'extra-preparation' AND state <> 'rejected'
         AND date_part('year', activity_date) = $2 AND id <> $3`,
      [assignmentId, year, exceptId ?? NO_REPORT],
    );
    return Number(rows[0].n);
  }

  /** The meeting and travel minutes (attested where attested) of the person's reports of the day, leaving out `exceptId`. */
  async minutesOfDay(personId: string, date: string, exceptId: string | undefined, em: EntityManager): Promise<number> {
    const rows: Array<{ n: string }> = await em.query(
      `SELECT coalesce(sum(coalesce(attested_duration_minutes, duration_minutes) + coalesce(attested_travel_minutes, travel_minutes)), 0) AS n
         FROM time_report WHERE person_id = $1 AND activity_date = $2 AND state <> 'rejected' AND id <> $3`,
      [personId, date, exceptId ?? NO_REPORT],
    );
    return Number(rows[0].n);
  }

  receiptCount(reportId: string, em: EntityManager): Promise<number> {
    return em.getRepository(TimeReportReceipt).countBy({ timeReportId: reportId });
  }

  receiptsOf(reportId: string): Promise<TimeReportReceipt[]> {
    return this.ds.getRepository(TimeReportReceipt).find({ where: { timeReportId: reportId }, order: { uploadedAt: 'ASC' } });
  }

  /** Stores the receipt unless the report has one with the same SHA-256; answers the report's receipt with that hash. */
  async addReceiptOnce(
    r: { id: string; reportId: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; content: Buffer; receiptDate: string; uploadedBy: string },
    em: EntityManager,
  ): Promise<TimeReportReceipt> {
    await em.query(
      `INSERT INTO time_report_receipt (id, time_report_id, file_name, content_type, size_bytes, sha256, content, receipt_date, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (time_report_id, sha256) DO NOTHING`,
      [r.id, r.reportId, r.fileName, r.contentType, r.sizeBytes, r.sha256, r.content, r.receiptDate, r.uploadedBy],
    );
    return em.getRepository(TimeReportReceipt).findOneByOrFail({ timeReportId: r.reportId, sha256: r.sha256 });
  }

  /** The report's receipt with its content, or null. */
  receiptWithContent(reportId: string, receiptId: string): Promise<TimeReportReceipt | null> {
    return this.ds
      .getRepository(TimeReportReceipt)
      .createQueryBuilder('r')
      .addSelect('r.content')
      .where('r.id = :receiptId AND r.time_report_id = :id', { receiptId, id: reportId })
      .getOne();
  }

  /** Deletes the report's receipt; answers whether there was one. */
  async deleteReceipt(reportId: string, receiptId: string, em: EntityManager): Promise<boolean> {
    const res = await em.delete(TimeReportReceipt, { id: receiptId, timeReportId: reportId });
    return !!res.affected;
  }

  /** The person's latest 100 reminders, newest first. */
  remindersOf(personId: string): Promise<ClaimReminder[]> {
    return this.ds.getRepository(ClaimReminder).find({ where: { personId }, order: { createdAt: 'DESC' }, take: 100 });
  }

  policy(scope: string): Promise<ClaimPolicy | null> {
    return this.ds.getRepository(ClaimPolicy).findOneBy({ scope });
  }

  /** The payer's own claim policy and the default one (whichever exist). */
  policiesFor(payerCode: string, em: EntityManager = this.ds.manager): Promise<ClaimPolicy[]> {
    return em.getRepository(ClaimPolicy).find({ where: [{ scope: payerCode }, { scope: 'default' }] });
  }

  async payingBodyExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM paying_body WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  /** Stores the claim policy of a scope (a payer or `default`), replacing the one it had. */
  async putPolicy(
    scope: string,
    p: { claimWithinMonths: number; receiptMaxAgeMonths: number; remindDaysBefore: number },
    updatedBy: string,
  ): Promise<void> {
    await this.ds.query(
      `INSERT INTO claim_policy (scope, claim_within_months, receipt_max_age_months, remind_days_before, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (scope) DO UPDATE SET claim_within_months = EXCLUDED.claim_within_months,
         receipt_max_age_months = EXCLUDED.receipt_max_age_months, remind_days_before = EXCLUDED.remind_days_before,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [scope, p.claimWithinMonths, p.receiptMaxAgeMonths, p.remindDaysBefore, updatedBy],
    );
  }

  /**
   * Reports not yet sent in (draft, never submitted) whose claim deadline has not passed on `today` and falls within
   * their payer's (else the default) `remind_days_before` days from it, by deadline.
   */
  async draftsDueForReminder(
    today: string,
  ): Promise<Array<{ id: string; person_id: string; group_id: string; assignment_id: string; activity_date: string; claim_deadline: string }>> {
    return this.ds.query(
      `SELECT tr.id, tr.person_id, tr.group_id, tr.assignment_id, tr.activity_date::text AS activity_date, tr.claim_deadline::text AS claim_deadline
         FROM time_report tr
         JOIN LATERAL (SELECT remind_days_before FROM claim_policy cp WHERE cp.scope IN (tr.payer_code, 'default')
                        ORDER BY (cp.scope = 'default') LIMIT 1) p ON true
        WHERE tr.state = 'draft' AND tr.first_submitted_at IS NULL
          AND tr.claim_deadline >= $1::date AND tr.claim_deadline - p.remind_days_before <= $1::date
        ORDER BY tr.claim_deadline, tr.id`,
      [today],
    );
  }

  /** Records a reminder, once per report and deadline; answers whether this call recorded it. */
  async recordReminderOnce(r: { id: string; reportId: string; personId: string; claimDeadline: string; remindedOn: string; message: string }): Promise<boolean> {
    const inserted: unknown[] = await this.ds.query(
      `INSERT INTO claim_reminder (id, time_report_id, person_id, claim_deadline, reminded_on, message) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (time_report_id, claim_deadline) DO NOTHING RETURNING id`,
      [r.id, r.reportId, r.personId, r.claimDeadline, r.remindedOn, r.message],
    );
    return inserted.length > 0;
  }
}
