import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity';
import { AssignmentStepsService } from '../assignments/assignment-steps.service';
import { appendAudit } from '../audit/audit-log.repository';
import { AccessPolicy } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { createOnce } from '../common/client-id';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors';
import { payerOfGroup } from '../paying-bodies/payer-of-group';
import { periodContaining } from '../payouts/period';
import { stockholmDate, swedishDate } from './business-dates';
import { activityDateProblems, claimDeadline, ClaimPolicyValues, deadlineProblem, receiptDateProblems } from './claim-policy';
import { AttestTimeReportDto, ClaimPolicyDto, CreateTimeReportDto, ListTimeReportsQueryDto, UpdateTimeReportDto } from './dto/time-report.dto';
import { activityView, agreementActivityId } from '../group-activities/activity-view';
import type { ActivityDto } from '../group-activities/dto/group-activity.dto';
import { GroupActivitiesRepository } from '../group-activities/group-activities.repository';
import { feeKindOf } from '../group-activities/group-activity.entity';
import { checkReceiptFile, cleanFileName, decodeUploadedFileName } from './receipt-file';
import { ClaimPolicy, ClaimReminder, TimeReport, TimeReportReceipt } from './time-report.entity';
import { TimeReportsRepository } from './time-reports.repository';

const NOT_FOUND = 'Tidrapporten finns inte.';
/** Assignment states in which a representative may report: active, or ended (for meetings within its period). */
const REPORTABLE_STATES = ['active', 'ended'];

/** What the upload interceptor hands over (multer's memory storage). */
export interface UploadedReceipt {
  originalname?: string;
  mimetype?: string;
  size: number;
  buffer: Buffer;
}

export interface ReceiptView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  receiptDate: string;
  uploadedAt: Date;
}

/** Whether and where a line has been paid (from payout_line; never stored on the report itself). */
export interface LinePayoutView {
  batchId: string;
  period: string;
  payerCode: string;
  state: 'pending' | 'paid' | 'held' | 'released';
  holdReason: string | null;
}

export interface TimeReportView {
  id: string;
  assignmentId: string;
  personId: string;
  groupId: string;
  payerCode: string;
  activityDate: string;
  kind: TimeReport['kind'];
  /** The activity the report is made against (null for a report from before activities). */
  activityId: string | null;
  /** The activity, shown next to what was reported (for attestation). */
  activity: ActivityDto | null;
  meetingRef: string;
  description: string | null;
  participation: TimeReport['participation'];
  reported: Figures;
  state: TimeReport['state'];
  claimDeadline: string;
  submittedAt: Date | null;
  attestation: {
    decision: TimeReport['attestationDecision'];
    /** Shown to the person: why the line was adjusted or rejected. */
    reason: string | null;
    attested: Figures | null;
    attestedBy: string | null;
    attestedAt: Date | null;
  };
  receipts: ReceiptView[];
  payout: LinePayoutView | null;
}

interface Figures {
  durationMinutes: number;
  travelMinutes: number;
  ticketCostOre: number;
  otherTravelCostOre: number;
  carKm: number;
}

/**
 * Time and cost reports of representatives (§4.5, step 6 of the routine), their receipts and the coordinator's
 * attestation. Only attested lines reach a payout run; a line in a pending or paid payout is frozen.
 */
@Injectable()
export class TimeReportsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(AssignmentStepsService) private readonly lifecycle: AssignmentStepsService,
    @Inject(TimeReportsRepository) private readonly repo: TimeReportsRepository,
    @Inject(GroupActivitiesRepository) private readonly activities: GroupActivitiesRepository,
  ) {}

  /**
   * A representative reports a meeting or activity of their own assignment (as a draft, until submitted). Against
   * an activity (`activityId`), kind, date and (by default) participation come from the activity, and only an
   * assignment called to it (or, for an agreement's own activity, that assignment) may report it: once per person
   * (the agreement's own activity: once per person and day).
   */
  async create(dto: CreateTimeReportDto, user: AuthUser): Promise<TimeReportView> {
    const id = dto.id ?? randomUUID();
    const figures = this.figures(dto);
    // A client id (issue 14 #1, src/common/client-id.ts): the same id with the same report answers the stored one,
    // also when sent at the same moment; other content under the id is 409.
    return createOnce({
      find: () => this.repo.byId(id),
      matches: (existing) =>
        existing.personId === user.personId &&
        existing.assignmentId === dto.assignmentId &&
        existing.activityId === dto.activityId &&
        (dto.activityDate === undefined || existing.activityDate === dto.activityDate) &&
        (dto.participation === undefined || existing.participation === dto.participation) &&
        (existing.description ?? null) === (dto.description ?? null) &&
        (Object.keys(figures) as Array<keyof typeof figures>).every((k) => existing[k] === figures[k]),
      answer: (existing) => this.view(existing),
      conflict: 'En annan tidrapport finns redan med detta id.',
      create: () => this.store(id, dto, figures, user),
    });
  }

  private async store(id: string, dto: CreateTimeReportDto, figures: ReturnType<TimeReportsService['figures']>, user: AuthUser): Promise<TimeReportView> {
    const assignment = await this.ownAssignment(dto.assignmentId, user);
    const fromActivity = await this.reportedActivity(dto, assignment);
    const { activityDate, kind } = fromActivity;
    const payer = await this.payerOf(assignment.groupId);
    const policy = await this.policyFor(this.ds.manager, payer);
    const row: Partial<TimeReport> = {
      id,
      assignmentId: assignment.id,
      personId: assignment.personId,
      groupId: assignment.groupId,
      payerCode: payer,
      activityDate,
      kind,
      activityId: fromActivity.activityId,
      // The old report key (assignment, date, kind, meeting) stays unique with the activity's id as the meeting.
      meetingRef: fromActivity.activityId,
      activityPerDay: fromActivity.perDay,
      description: dto.description ?? null,
      participation: fromActivity.participation,
      ...figures,
      state: 'draft',
      claimDeadline: claimDeadline(activityDate, policy),
      createdBy: user.id,
    };
    await this.validate(this.ds.manager, row as TimeReport, assignment, policy, { checkDeadline: true });
    await this.insertOrConflict(row);
    await this.audit(this.ds.manager, user.id, 'time-report.created', id, {
      assignmentId: assignment.id,
      kind,
      activityDate,
      activityId: fromActivity.activityId,
    });
    return this.get(id);
  }

  /**
   * What a report against `dto.activityId` takes from the activity, after checking that the assignment may report
   * it: 404 for an activity that does not exist or is of another group, 403 for one the assignment is not called to
   * (or another assignment's own activity), 400 for a kind or date other than the activity's.
   */
  private async reportedActivity(
    dto: CreateTimeReportDto,
    assignment: Assignment,
  ): Promise<{ activityId: string; activityDate: string; kind: TimeReport['kind']; participation: TimeReport['participation']; perDay: boolean }> {
    const activityId = dto.activityId;
    let activity = await this.activities.byId(activityId);
    if (!activity && activityId === agreementActivityId(assignment.id)) {
      await this.activities.ensureAgreementActivity(assignment);
      activity = await this.activities.byId(activityId);
    }
    if (!activity || activity.groupId !== assignment.groupId) {
      throw new NotFoundError('Aktiviteten finns inte.', { activityId: ['Ingen aktivitet med detta id finns i uppdragets grupp.'] });
    }
    const fields: Record<string, string[]> = {};
    const kind = feeKindOf(activity.kind);
    let activityDate: string;
    if (activity.assignmentId !== null) {
      if (activity.assignmentId !== assignment.id) throw new ForbiddenError('Det här är ett annat uppdrags egen aktivitet: rapportera mot ditt eget uppdrags.');
      if (dto.activityDate === undefined) fields.activityDate = ['Ange dagen då arbetet utfördes.'];
      activityDate = dto.activityDate ?? '';
    } else {
      if (!(await this.activities.isCalled(activity.id, assignment.id))) throw new ForbiddenError('Du är inte kallad till den här aktiviteten och kan inte rapportera den.');
      activityDate = activity.activityDate!;
      if (dto.activityDate !== undefined && dto.activityDate !== activityDate) fields.activityDate = [`Datumet kommer från aktiviteten (${activityDate}).`];
    }
    const participation = dto.participation ?? activity.mode;
    if (!participation) fields.participation = ['Ange hur du deltog: on-site, video eller phone.'];
    if (Object.keys(fields).length) throw new InvalidInputError(Object.values(fields)[0][0], fields);
    return { activityId: activity.id, activityDate, kind, participation: participation!, perDay: activity.assignmentId !== null };
  }

  /** Edits a report that is not attested; a rejected report becomes a draft again (to be submitted anew). */
  async update(id: string, dto: UpdateTimeReportDto, user: AuthUser): Promise<TimeReportView> {
    await this.repo.transaction(async (em) => {
      const report = await this.lockOwn(em, id, user);
      if (report.state === 'attested') throw new ConflictError('Raden är attesterad och kan inte ändras. Kontakta samordnaren.');
      const assignment = await this.repo.assignmentOrFail(report.assignmentId, em);
      const policy = await this.policyFor(em, report.payerCode);
      const next: TimeReport = { ...report };
      const changed = (Object.keys(dto) as Array<keyof UpdateTimeReportDto>).filter((key) => dto[key] !== undefined);
      if (report.activityId !== null) {
        // An ordinary activity's date is the activity's: a report of it cannot change it.
        const fields: Record<string, string[]> = {};
        if (dto.activityDate !== undefined && dto.activityDate !== report.activityDate && !report.activityPerDay) {
          fields.activityDate = ['Datumet kommer från aktiviteten.'];
        }
        if (Object.keys(fields).length) throw new InvalidInputError(Object.values(fields)[0][0], fields);
      }
      for (const key of changed) (next as unknown as Record<string, unknown>)[key] = dto[key];
      if (next.activityDate !== report.activityDate) next.claimDeadline = claimDeadline(next.activityDate, policy);
      // The deadline is about sending the claim in: once sent in time, a correction may come later.
      const checkDeadline = report.firstSubmittedAt === null || next.activityDate !== report.activityDate;
      await this.validate(em, next, assignment, policy, { checkDeadline, selfId: report.id });
      if (report.state === 'rejected') next.state = 'draft';
      await this.saveOrConflict(em, next);
      await this.audit(em, user.id, 'time-report.updated', id, { fields: changed });
    });
    return this.get(id);
  }

  /** Deletes a report that never reached a payout and is not attested. */
  async remove(id: string, user: AuthUser): Promise<void> {
    await this.repo.transaction(async (em) => {
      const report = await this.lockOwn(em, id, user);
      if (report.state === 'attested') throw new ConflictError('Raden är attesterad och kan inte tas bort. Kontakta samordnaren.');
      if (await this.repo.hasBeenInPayout(id, em)) throw new ConflictError('Raden har varit med i en utbetalning och kan inte tas bort.');
      await this.repo.delete(id, em);
      await this.audit(em, user.id, 'time-report.deleted', id, { activityDate: report.activityDate, kind: report.kind });
    });
  }

  /**
   * Sends the report to the coordinator. The claim deadline applies to the first submission (a rejected report
   * may be corrected and sent again); costs are reimbursed against receipts, so costs need one.
   */
  async submit(id: string, user: AuthUser): Promise<TimeReportView> {
    await this.repo.transaction(async (em) => {
      const report = await this.lockOwn(em, id, user);
      if (report.state === 'submitted') return;
      if (report.state === 'attested') throw new ConflictError('Raden är redan attesterad.');
      const today = stockholmDate(new Date());
      if (report.firstSubmittedAt === null && today > report.claimDeadline) {
        throw new InvalidInputError('Sista dag att begära ersättning har passerat.', {
          activityDate: [`Ersättning för aktiviteten skulle begäras senast ${report.claimDeadline}.`],
        });
      }
      if (report.ticketCostOre + report.otherTravelCostOre > 0) {
        const receipts = await this.repo.receiptCount(id, em);
        if (receipts === 0) {
          throw new InvalidInputError('Bifoga kvitto för biljetter och andra resekostnader innan du skickar in rapporten.', {
            receipts: ['Minst ett kvitto krävs när resekostnader anges.'],
          });
        }
      }
      const now = new Date();
      await this.repo.update(
        id,
        {
          state: 'submitted',
          submittedAt: now,
          firstSubmittedAt: report.firstSubmittedAt ?? now,
          attestationDecision: null,
          attestationReason: null,
          attestedBy: null,
          attestedAt: null,
        },
        em,
      );
      await this.audit(em, user.id, 'time-report.submitted', id, {});
    });
    const view = await this.get(id);
    // The one path to the assignment workflow (issue 13 #11a); a repeated submit sends it again (same update ID).
    await this.lifecycle.recordSubmittedReport({ assignmentId: view.assignmentId, activityDate: view.activityDate, timeReportId: id, submittedAt: view.submittedAt, actorId: user.id });
    return view;
  }

  /**
   * The coordinator's decision on one line: confirm, adjust (figures and a reason the person sees) or reject (a
   * reason). A line may be decided again until it is in a pending or paid payout; a held or released line may.
   */
  async attest(id: string, dto: AttestTimeReportDto, user: AuthUser): Promise<TimeReportView> {
    const reason = dto.reason?.trim() || null;
    if (dto.decision !== 'confirm' && !reason) {
      throw new InvalidInputError('Ange ett skäl: företrädaren ser det.', { reason: ['Skäl krävs vid justering och avslag.'] });
    }
    let hook: { assignmentId: string; activityDate: string } | undefined;
    await this.repo.transaction(async (em) => {
      // The activity first (shared), then the report: a change of the activity (which locks it exclusively first)
      // waits for this attestation and then sees it, or goes first (review finding 7; trigger time_report_attest_locks_activity).
      await this.repo.lockActivityOfShared(id, em);
      const report = await this.repo.lockById(id, em);
      if (!report) throw new NotFoundError(NOT_FOUND);
      if (report.personId === user.personId) throw new ForbiddenError('Du kan inte attestera din egen tidrapport.');
      if (report.state === 'draft') throw new ConflictError('Rapporten är inte inskickad ännu.');
      if (await this.repo.isInLivePayout(id, em)) throw new ConflictError('Raden ingår redan i en utbetalning och kan inte attesteras om.');

      const reported = this.figuresOf(report);
      const patch: Partial<TimeReport> = { attestedBy: user.id, attestedAt: new Date(), attestationReason: reason };
      if (dto.decision === 'reject') {
        Object.assign(patch, { state: 'rejected', attestationDecision: 'rejected', ...nullFigures });
      } else {
        const attested: Figures = {
          durationMinutes: dto.durationMinutes ?? reported.durationMinutes,
          travelMinutes: dto.travelMinutes ?? reported.travelMinutes,
          ticketCostOre: dto.ticketCostOre ?? reported.ticketCostOre,
          otherTravelCostOre: dto.otherTravelCostOre ?? reported.otherTravelCostOre,
          carKm: dto.carKm ?? reported.carKm,
        };
        const changed = (Object.keys(attested) as Array<keyof Figures>).some((k) => attested[k] !== reported[k]);
        if (dto.decision === 'confirm' && changed) {
          throw new InvalidInputError('Ändrade uppgifter är en justering: välj adjust och ange ett skäl.', { decision: ['Välj adjust.'] });
        }
        if (dto.decision === 'adjust' && !changed) {
          throw new InvalidInputError('Justeringen ändrar ingenting: ange de nya uppgifterna eller godkänn raden.', {
            durationMinutes: ['Ange minst en ändrad uppgift.'],
          });
        }
        Object.assign(patch, {
          state: 'attested',
          attestationDecision: dto.decision === 'adjust' ? 'adjusted' : 'confirmed',
          attestedDurationMinutes: attested.durationMinutes,
          attestedTravelMinutes: attested.travelMinutes,
          attestedTicketCostOre: attested.ticketCostOre,
          attestedOtherTravelCostOre: attested.otherTravelCostOre,
          attestedCarKm: attested.carKm,
        });
        hook = { assignmentId: report.assignmentId, activityDate: report.activityDate };
      }
      try {
        await this.repo.update(id, patch, em);
      } catch (e) {
        throw duplicateOr(e);
      }
      await this.audit(em, user.id, `time-report.${dto.decision === 'reject' ? 'rejected' : dto.decision === 'adjust' ? 'adjusted' : 'confirmed'}`, id, {
        reason,
      });
    });
    if (hook) await this.tellAssignmentWorkflow(hook.assignmentId, hook.activityDate, id, user.id);
    return this.get(id);
  }

  async get(id: string): Promise<TimeReportView> {
    const report = await this.repo.byId(id);
    if (!report) throw new NotFoundError(NOT_FOUND);
    return this.view(report);
  }

  /** The representative's own reports. */
  async listOwn(user: AuthUser, q: ListTimeReportsQueryDto): Promise<TimeReportView[]> {
    if (!user.personId) return [];
    const rows = await this.repo.ofPerson(user.personId, { state: q.state, assignmentId: q.assignmentId });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  /** A group's reports, for its coordinator (default: those waiting for attestation). */
  async listForGroup(groupId: string, q: ListTimeReportsQueryDto): Promise<TimeReportView[]> {
    const rows = await this.repo.ofGroup(groupId, { state: q.state ?? 'submitted', assignmentId: q.assignmentId });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  /** Stores a receipt (PDF/JPEG/PNG, ≤ 10 MB, type from its content) with its SHA-256; the same file again is the same receipt. */
  async addReceipt(
    id: string,
    file: UploadedReceipt | undefined,
    receiptDate: string | undefined,
    user: AuthUser,
  ): Promise<ReceiptView> {
    const checked = checkReceiptFile(file);
    if (!checked.type || !file) throw new InvalidInputError(checked.problem ?? 'Filen kan inte tas emot.', { file: [checked.problem ?? ''] });
    const type = checked.type;
    return this.repo.transaction(async (em) => {
      const report = await this.lockOwn(em, id, user);
      if (report.state === 'attested') throw new ConflictError('Raden är attesterad: kvitton kan inte läggas till.');
      const policy = await this.policyFor(em, report.payerCode);
      const date = receiptDate ?? report.activityDate;
      const problems = receiptDateProblems(date, stockholmDate(new Date()), policy);
      if (problems.length) throw new InvalidInputError(problems[0], { receiptDate: problems });
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      const receiptId = randomUUID();
      const stored = await this.repo.addReceiptOnce(
        {
          id: receiptId,
          reportId: id,
          fileName: cleanFileName(decodeUploadedFileName(file.originalname), type),
          contentType: type,
          sizeBytes: file.size,
          sha256,
          content: file.buffer,
          receiptDate: date,
          uploadedBy: user.id,
        },
        em,
      );
      if (stored.id === receiptId) await this.audit(em, user.id, 'time-report.receipt-added', id, { receiptId, sha256, sizeBytes: file.size });
      return receiptView(stored);
    });
  }

  async getReceipt(id: string, receiptId: string): Promise<{ receipt: ReceiptView; content: Buffer }> {
    const row = await this.repo.receiptWithContent(id, receiptId);
    if (!row) throw new NotFoundError('Kvittot finns inte.');
    return { receipt: receiptView(row), content: row.content };
  }

  async removeReceipt(id: string, receiptId: string, user: AuthUser): Promise<void> {
    await this.repo.transaction(async (em) => {
      const report = await this.lockOwn(em, id, user);
      if (report.state === 'attested') throw new ConflictError('Raden är attesterad: kvitton kan inte tas bort.');
      if (!(await this.repo.deleteReceipt(id, receiptId, em))) throw new NotFoundError('Kvittot finns inte.');
      await this.audit(em, user.id, 'time-report.receipt-removed', id, { receiptId });
    });
  }

  /** The reminders recorded for the representative (claims about to pass their deadline). */
  async remindersOf(user: AuthUser): Promise<ClaimReminder[]> {
    if (!user.personId) return [];
    return this.repo.remindersOf(user.personId);
  }

  async getPolicy(scope: string): Promise<ClaimPolicy> {
    const row = await this.repo.policy(scope);
    if (!row) throw new NotFoundError('Det finns ingen regel för ersättningsanspråk för denna betalare.');
    return row;
  }

  /** An administrator sets the claim rules of a payer (or `default`). Reports made later get the new deadline. */
  async putPolicy(scope: string, dto: ClaimPolicyDto, user: AuthUser): Promise<ClaimPolicy> {
    if (scope !== 'default') {
      if (!(await this.repo.payingBodyExists(scope))) throw new NotFoundError('Betalaren finns inte.');
    }
    await this.repo.putPolicy(scope, dto, user.id);
    await this.audit(this.ds.manager, user.id, 'claim-policy.updated', scope, { ...dto });
    return this.getPolicy(scope);
  }

  /** The claim policy of a payer: its own row, else `default`. */
  async policyFor(em: EntityManager, payerCode: string): Promise<ClaimPolicyValues> {
    const rows = await this.repo.policiesFor(payerCode, em);
    const row = rows.find((r) => r.scope === payerCode) ?? rows.find((r) => r.scope === 'default');
    if (!row) throw new Error('claim_policy has no default row');
    return row;
  }

  private figures(dto: Partial<Figures>): Figures {
    return {
      durationMinutes: dto.durationMinutes ?? 0,
      travelMinutes: dto.travelMinutes ?? 0,
      ticketCostOre: dto.ticketCostOre ?? 0,
      otherTravelCostOre: dto.otherTravelCostOre ?? 0,
      carKm: dto.carKm ?? 0,
    };
  }

  private figuresOf(r: TimeReport): Figures {
    return { durationMinutes: r.durationMinutes, travelMinutes: r.travelMinutes, ticketCostOre: r.ticketCostOre, otherTravelCostOre: r.otherTravelCostOre, carKm: r.carKm };
  }

  /** The rules a report must meet: the agreement's period and state, not in the future, the claim deadline, agreed extra preparation. */
  private async validate(
    em: EntityManager,
    r: TimeReport,
    a: Assignment,
    policy: ClaimPolicyValues,
    opts: { checkDeadline: boolean; selfId?: string },
  ): Promise<void> {
    const fields: Record<string, string[]> = {};
    if (!REPORTABLE_STATES.includes(a.state)) {
      throw new InvalidInputError('Uppdraget är inte aktivt: tid kan rapporteras först när överenskommelsen gäller.', {
        assignmentId: ['Överenskommelsen är inte aktiv.'],
      });
    }
    const today = stockholmDate(new Date());
    const dateProblems = activityDateProblems(r.activityDate, today, { start: a.periodStart, end: a.periodEnd });
    const late = opts.checkDeadline ? deadlineProblem(r.activityDate, today, policy) : undefined;
    if (late) dateProblems.push(late);
    // An ended assignment is reported on only up to the day it ended (the database's time_report_within_assignment too).
    if (a.endedOn !== null && r.activityDate > a.endedOn) dateProblems.push(afterEndMessage(a.endedOn));
    if (dateProblems.length) fields.activityDate = dateProblems;
    if (r.kind === 'open-information-meeting' && r.ticketCostOre + r.otherTravelCostOre + r.carKm > 0) {
      fields.kind = ['Allmänna öppna informationsmöten ger varken arvode eller reseersättning (rutinen §4.5.2).'];
    }
    // Extra preparation the group calls as an activity is agreed by that call; reported freely, the agreement's days count.
    if (r.kind === 'extra-preparation' && !r.activityId) {
      if (a.extraPreparationDays <= 0) {
        fields.kind = ['Överenskommelsen innehåller inget extra förberedelsearbete.'];
      } else {
        const year = r.activityDate.slice(0, 4);
        if ((await this.repo.extraPreparationCount(a.id, Number(year), opts.selfId, em)) >= a.extraPreparationDays) {
          fields.kind = [`Överenskommelsen ger ${a.extraPreparationDays} dag(ar) extra förberedelse per år, och ${year} års är redan rapporterade.`];
        }
      }
    }
    if (!fields.activityDate) {
      // Meeting plus travel per person and day is at most 24 hours across all their reports (issue 13 #9; the
      // database's time_report_day_limit trigger holds it under concurrent writers too).
      const others = await this.repo.minutesOfDay(r.personId, r.activityDate, opts.selfId, em);
      if (others + r.durationMinutes + r.travelMinutes > DAY_MINUTES) {
        fields.durationMinutes = [dayLimitMessage(others)];
      }
    }
    if (Object.keys(fields).length) {
      const first = Object.values(fields)[0][0];
      throw new InvalidInputError(first, fields);
    }
  }

  private async insertOrConflict(row: Partial<TimeReport>) {
    try {
      await this.repo.insert(row);
    } catch (e) {
      throw duplicateOr(e, row.activityId == null ? false : row.activityPerDay ? 'per-day' : 'once');
    }
  }

  private async saveOrConflict(em: EntityManager, row: TimeReport) {
    try {
      const { id, createdAt: _c, updatedAt: _u, ...rest } = row;
      await this.repo.update(id, rest, em);
    } catch (e) {
      throw duplicateOr(e, row.activityId === null ? false : row.activityPerDay ? 'per-day' : 'once');
    }
  }

  private async ownAssignment(assignmentId: string, user: AuthUser): Promise<Assignment> {
    const a = await this.repo.assignment(assignmentId);
    // Someone else's assignment answers like a missing one.
    if (!a || user.personId === null || a.personId !== user.personId) {
      throw new NotFoundError('Uppdraget finns inte.', { assignmentId: ['Inget uppdrag med detta id är ditt.'] });
    }
    return a;
  }

  private async lockOwn(em: EntityManager, id: string, user: AuthUser): Promise<TimeReport> {
    const report = await this.repo.lockById(id, em);
    if (!report || user.personId === null || report.personId !== user.personId) throw new NotFoundError(NOT_FOUND);
    return report;
  }

  private async payerOf(groupId: string): Promise<string> {
    const r = await payerOfGroup(this.ds, groupId);
    if ('problem' in r) throw new ConflictError(`Det går inte att avgöra vem som betalar för gruppen: ${r.problem}`);
    return r.payerCode;
  }

  /**
   * Tells the assignment lifecycle that a report of its period was attested, through its hook (the only path from
   * time reports to the workflow): retried there, applied to the read model and audit log when the workflow has
   * completed or no longer knows the period (issue 13 #11c). The attestation is stored first; when the workflow
   * does not answer the caller gets 503, and attesting again sends it again (the same update ID).
   */
  private async tellAssignmentWorkflow(assignmentId: string, activityDate: string, timeReportId: string, actorId: string) {
    const found = await this.lifecycle.periodFor(assignmentId, activityDate);
    const a = await this.repo.assignmentOrFail(assignmentId);
    const period = found?.periodKey ?? periodContaining(activityDate, a.reportingFrequency).key;
    await this.lifecycle.recordAttestedReport({ assignmentId, period, timeReportId, actorId });
  }

  private async audit(em: EntityManager, actor: string, action: string, subjectId: string, details: Record<string, unknown>) {
    await appendAudit(em, { actor, action, subjectType: action.startsWith('claim-policy') ? 'claim_policy' : 'time_report', subjectId, details });
  }

  private async view(r: TimeReport): Promise<TimeReportView> {
    const receipts = await this.repo.receiptsOf(r.id);
    const p = await this.repo.payoutLineOf(r.id);
    return {
      id: r.id,
      assignmentId: r.assignmentId,
      personId: r.personId,
      groupId: r.groupId,
      payerCode: r.payerCode,
      activityDate: r.activityDate,
      kind: r.kind,
      activityId: r.activityId,
      activity: r.activityId ? await activityView(this.activities, r.activityId) : null,
      meetingRef: r.meetingRef,
      description: r.description,
      participation: r.participation,
      reported: this.figuresOf(r),
      state: r.state,
      claimDeadline: r.claimDeadline,
      submittedAt: r.submittedAt,
      attestation: {
        decision: r.attestationDecision,
        reason: r.attestationReason,
        attested:
          r.attestedDurationMinutes === null
            ? null
            : {
                durationMinutes: r.attestedDurationMinutes,
                travelMinutes: r.attestedTravelMinutes ?? 0,
                ticketCostOre: r.attestedTicketCostOre ?? 0,
                otherTravelCostOre: r.attestedOtherTravelCostOre ?? 0,
                carKm: r.attestedCarKm ?? 0,
              },
        attestedBy: r.attestedBy,
        attestedAt: r.attestedAt,
      },
      receipts: receipts.map(receiptView),
      payout: p ? { batchId: p.batch_id, period: p.period, payerCode: p.payer_code, state: p.state, holdReason: p.hold_reason } : null,
    };
  }
}

const nullFigures = {
  attestedDurationMinutes: null,
  attestedTravelMinutes: null,
  attestedTicketCostOre: null,
  attestedOtherTravelCostOre: null,
  attestedCarKm: null,
};

function receiptView(r: TimeReportReceipt): ReceiptView {
  return { id: r.id, fileName: r.fileName, contentType: r.contentType, sizeBytes: r.sizeBytes, sha256: r.sha256, receiptDate: r.receiptDate, uploadedAt: r.uploadedAt };
}

const DAY_MINUTES = 1440;

function afterEndMessage(endedOn: string): string {
  return `Uppdraget avslutades ${swedishDate(endedOn)}: tid och kostnader kan bara rapporteras för dagar till och med den dagen.`;
}

function dayLimitMessage(others?: number): string {
  const base = 'Mötestid och restid får tillsammans vara högst 24 timmar (1 440 minuter) per dag, räknat över alla dina rapporter.';
  return others === undefined ? base : `${base} Dina andra rapporter för dagen har redan ${others} minuter.`;
}

const ACTIVITY_CONSTRAINTS = ['time_report_activity_once', 'time_report_agreement_activity_day', 'time_report_activity_key'];

/**
 * A database error as the API answers it; `ofActivity`: the report is made against an ordinary activity (`once`)
 * or an agreement's own activity (`per-day`).
 */
function duplicateOr(e: unknown, ofActivity: false | 'once' | 'per-day' = false): unknown {
  if (e instanceof QueryFailedError && (e as QueryFailedError & { code?: string }).code === '23514' && /time_report_day_limit/.test(e.message)) {
    return new InvalidInputError(dayLimitMessage(), { durationMinutes: [dayLimitMessage()] });
  }
  if (e instanceof QueryFailedError && (e as QueryFailedError & { code?: string }).code === '23514' && /time_report_extra_preparation_limit/.test(e.message)) {
    return new InvalidInputError('Överenskommelsens dagar för extra förberedelse det året är redan rapporterade.', {
      kind: ['Inga fler dagar extra förberedelse finns kvar det året.'],
    });
  }
  if (e instanceof QueryFailedError && (e as QueryFailedError & { code?: string }).code === '23514' && /time_report_after_end/.test(e.message)) {
    return new InvalidInputError('Uppdraget har avslutats: rapportera bara dagar till och med den dag det avslutades.', {
      activityDate: ['Datumet ligger efter att uppdraget avslutades.'],
    });
  }
  if (e instanceof QueryFailedError && (e as QueryFailedError & { code?: string }).code === '23505') {
    const constraint = (e as unknown as { constraint?: string }).constraint;
    if (constraint === 'time_report_agreement_person_day') {
      return new ConflictError('Du har redan rapporterat arbete utanför möten i den här gruppen för den här dagen (i ett annat uppdrag i gruppen).', {
        activityDate: ['En rapport av arbete utanför möten för denna dag finns redan i gruppen.'],
      });
    }
    if (constraint === 'time_report_agreement_activity_day' || (ofActivity === 'per-day' && constraint === 'time_report_activity_key')) {
      return new ConflictError('Du har redan rapporterat den här aktiviteten för den här dagen.', { activityDate: ['En rapport för denna dag finns redan.'] });
    }
    if (ofActivity && constraint !== undefined && ACTIVITY_CONSTRAINTS.includes(constraint)) {
      return new ConflictError('Du har redan rapporterat den här aktiviteten.', { activityId: ['En rapport för denna aktivitet finns redan.'] });
    }
    if (constraint === 'time_report_activity_key') {
      return new ConflictError('Aktiviteten är redan rapporterad: samma uppdrag, datum, typ och möte finns redan.', {
        activityDate: ['En rapport för detta möte finns redan.'],
      });
    }
    return new ConflictError('En tidrapport med detta id finns redan.');
  }
  return e;
}
