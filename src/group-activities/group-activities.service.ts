import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log.repository';
import { AccessPolicy } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { createOnce } from '../common/client-id';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import type { Page } from '../common/paging';
import { pageOf } from '../common/paging';
import { payerCodeOrNull, payerOfGroup } from '../paying-bodies/payer-of-group';
import { claimDeadline } from '../time-reports/claim-policy';
import { activityViews, AGREEMENT_STATES } from './activity-view';
import { ACTIVITY_PAGING, ActivityDto, CreateGroupActivityDto, ListGroupActivitiesQueryDto, UpdateGroupActivityDto } from './dto/group-activity.dto';
import { GroupActivitiesRepository } from './group-activities.repository';
import { feeKindOf, GroupActivity } from './group-activity.entity';

const NOT_FOUND = 'Aktiviteten finns inte.';
const GROUP_NOT_FOUND = 'Gruppen finns inte.';
/** Assignments called by default: accepted and not ended. */
const DEFAULT_EXCLUDED = ['nominated', 'declined', 'ended'];
/**
 * Assignments that can be called at all: not only nominated or declined (an ended one may be called to a meeting
 * of its period, which it may still report).
 */
const CALLABLE_EXCLUDED = ['nominated', 'declined'];
/** Assignments that give their representative a view of the group's activities (not a mere nomination). */
const MEMBER_EXCLUDED = ['nominated', 'declined'];

/** What a user may see of one group's activities: all of them, or those of these assignments (a representative). */
type GroupView = { all: true } | { all: false; assignmentIds: string[] };

/**
 * The activities a working group calls representatives to (§4.5.1) and each agreement's own activity. A
 * coordinator of the group (or an administrator) creates and changes them; representatives report against them.
 */
@Injectable()
export class GroupActivitiesService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(GroupActivitiesRepository) private readonly repo: GroupActivitiesRepository,
  ) {}

  async create(groupId: string, dto: CreateGroupActivityDto, user: AuthUser): Promise<ActivityDto> {
    const id = dto.id ?? randomUUID();
    // A client id (issue 14 #1, src/common/client-id.ts): the same id with the same activity answers the stored one.
    return createOnce({
      find: () => this.repo.byId(id),
      matches: (a) =>
        a.groupId === groupId &&
        a.assignmentId === null &&
        a.title === dto.title.trim() &&
        a.kind === dto.kind &&
        a.activityDate === dto.date &&
        a.durationMinutes === dto.durationMinutes &&
        a.mode === dto.mode &&
        a.feeRule === (dto.feeRule ?? 'by-length'),
      answer: (a) => this.view(a.id),
      conflict: 'En annan aktivitet finns redan med detta id.',
      create: () => this.store(id, groupId, dto, user),
    });
  }

  private async store(id: string, groupId: string, dto: CreateGroupActivityDto, user: AuthUser): Promise<ActivityDto> {
    await this.repo.transaction(async (em) => {
      const called = dto.calledAssignmentIds ?? (await this.callableAssignments(em, groupId));
      if (dto.calledAssignmentIds) await this.checkCallable(em, groupId, dto.calledAssignmentIds);
      const stored = await this.repo.insertOnce(
        {
          id,
          groupId,
          title: dto.title.trim(),
          kind: dto.kind,
          date: dto.date,
          startTime: dto.startTime ?? null,
          durationMinutes: dto.durationMinutes,
          mode: dto.mode,
          feeRule: dto.feeRule ?? 'by-length',
          agenda: (dto.agenda ?? []).map((a) => a.trim()),
          materialSentOn: dto.materialSentOn ?? null,
          createdBy: user.id,
        },
        em,
      );
      // The same id stored at the same moment by another request: createOnce answers this one as its repeat.
      if (!stored) throw new ConflictError('En annan aktivitet finns redan med detta id.');
      await this.insertCalled(em, id, called);
      await this.audit(em, user.id, 'activity.created', id, { groupId, kind: dto.kind, date: dto.date, called: called.length });
    });
    return this.view(id);
  }

  /** A group's activities the user may see, paged (by date, then start time). */
  async list(groupId: string, q: ListGroupActivitiesQueryDto, user: AuthUser): Promise<Page<ActivityDto>> {
    if (q.from && q.to && q.from > q.to) {
      throw new InvalidInputError('Från-datumet ligger efter till-datumet.', { from: ['from får inte vara senare än to.'] });
    }
    const scope = await this.groupView(groupId, user);
    if (!scope) throw new NotFoundError(GROUP_NOT_FOUND);
    if (!scope.all) {
      for (const a of await this.repo.assignments(scope.assignmentIds)) {
        if ((AGREEMENT_STATES as readonly string[]).includes(a.state)) await this.repo.ensureAgreementActivity(a);
      }
    }
    const { page, pageSize, offset } = pageOf(q, ACTIVITY_PAGING);
    const [rows, total] = await this.repo.pageOfGroup(groupId, { from: q.from, to: q.to, assignmentIds: scope.all ? undefined : scope.assignmentIds }, offset, pageSize);
    return { items: await activityViews(this.repo, rows), total, page, pageSize };
  }

  /** One activity (the scope guard has checked the user may see it). */
  async get(id: string): Promise<ActivityDto> {
    return this.view(id);
  }

  /**
   * A coordinator changes an activity. Not once a report against it is attested (what it pays is then fixed); a
   * new date or kind is carried to the reports made against it. An assignment that has reported it stays called.
   */
  async update(id: string, dto: UpdateGroupActivityDto, user: AuthUser): Promise<ActivityDto> {
    await this.repo.transaction(async (em) => {
      const a = await this.repo.lockById(id, em);
      if (!a) throw new NotFoundError(NOT_FOUND);
      if (a.assignmentId !== null) throw new ConflictError('Överenskommelsens egen aktivitet kan inte ändras.');
      if (await this.repo.hasAttestedReport(id, em)) throw new ConflictError('En rapport för aktiviteten är redan attesterad: aktiviteten kan inte ändras längre.');
      const reports = await this.repo.lockReportsOf(id, em);
      if (dto.calledAssignmentIds) {
        await this.checkCallable(em, a.groupId, dto.calledAssignmentIds, reports.map((r) => r.assignment_id));
        const dropped = reports.filter((r) => !dto.calledAssignmentIds!.includes(r.assignment_id));
        if (dropped.length > 0) {
          throw new ConflictError('Ett uppdrag som redan har rapporterat aktiviteten kan inte strykas från de kallade.', {
            calledAssignmentIds: ['Behåll de uppdrag som redan har rapporterat aktiviteten.'],
          });
        }
      }
      const next: Partial<GroupActivity> = {};
      if (dto.title !== undefined) next.title = dto.title.trim();
      if (dto.kind !== undefined) next.kind = dto.kind;
      if (dto.date !== undefined) next.activityDate = dto.date;
      if (dto.startTime !== undefined) next.startTime = dto.startTime;
      if (dto.durationMinutes !== undefined) next.durationMinutes = dto.durationMinutes;
      if (dto.mode !== undefined) next.mode = dto.mode;
      if (dto.feeRule !== undefined) next.feeRule = dto.feeRule;
      if (dto.agenda !== undefined) next.agenda = dto.agenda.map((s) => s.trim());
      if (dto.materialSentOn !== undefined) next.materialSentOn = dto.materialSentOn;
      if (Object.keys(next).length > 0) await this.repo.update(id, next, em);
      if (dto.calledAssignmentIds) {
        await this.repo.removeCalledBut(id, dto.calledAssignmentIds, em);
        await this.insertCalled(em, id, dto.calledAssignmentIds);
      }
      const date = next.activityDate ?? a.activityDate!;
      const kind = feeKindOf(next.kind ?? a.kind);
      if (reports.length > 0 && (date !== a.activityDate || (next.kind !== undefined && feeKindOf(next.kind) !== feeKindOf(a.kind)))) {
        for (const r of reports) {
          const policy = await this.policyFor(em, r.payer_code);
          await this.repo.moveReport(r.id, date, kind, claimDeadline(date, policy), em);
        }
      }
      await this.audit(em, user.id, 'activity.updated', id, { fields: Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined) });
    });
    return this.view(id);
  }

  /**
   * What the representative of an assignment can report against: the activities the assignment is called to and
   * the agreement's own activity (created here when the assignment has an agreement and no own activity yet).
   */
  async forAssignment(assignmentId: string): Promise<ActivityDto[]> {
    const a = await this.repo.assignment(assignmentId);
    if (!a) throw new NotFoundError('Uppdraget finns inte.');
    if ((AGREEMENT_STATES as readonly string[]).includes(a.state)) await this.repo.ensureAgreementActivity(a);
    return activityViews(this.repo, await this.repo.ofAssignment(assignmentId));
  }

  /**
   * What `user` may see of the group's activities, or null (nothing: answered as a missing group). Admin,
   * coordinators of the group and finance of its payer see all; a representative with an assignment in the group
   * sees the activities of their assignments there.
   */
  async groupView(groupId: string, user: AuthUser): Promise<GroupView | null> {
    if (await this.access.canAccess(user, 'group', groupId)) return { all: true };
    if (user.roles.includes('finance') && user.payerCode !== null) {
      const payerCode = payerCodeOrNull(await payerOfGroup(this.ds, groupId));
      if (payerCode !== null && (await this.access.canAccess(user, 'payer', payerCode))) return { all: true };
    }
    if (user.roles.includes('representative') && user.personId !== null) {
      const assignmentIds = await this.repo.assignmentIdsOfPersonInGroup(groupId, user.personId, MEMBER_EXCLUDED);
      if (assignmentIds.length > 0) return { all: false, assignmentIds };
    }
    return null;
  }

  private async view(id: string): Promise<ActivityDto> {
    const row = await this.repo.byId(id);
    if (!row) throw new NotFoundError(NOT_FOUND);
    return (await activityViews(this.repo, [row]))[0];
  }

  private async callableAssignments(em: EntityManager, groupId: string): Promise<string[]> {
    return this.repo.assignmentIdsOfGroup(groupId, DEFAULT_EXCLUDED, em);
  }

  /** Every called assignment is one of the group's that can be called (or has already reported the activity). */
  private async checkCallable(em: EntityManager, groupId: string, ids: string[], reported: string[] = []) {
    if (ids.length === 0) return;
    const rows = await this.repo.statesOfGroupAssignments(groupId, ids, em);
    const problems: string[] = [];
    for (const id of ids) {
      const row = rows.find((r) => r.id === id);
      if (!row) problems.push(`Uppdraget ${id} finns inte i gruppen.`);
      else if (CALLABLE_EXCLUDED.includes(row.state) && !reported.includes(id)) {
        problems.push(`Uppdraget ${id} kan inte kallas: det är ${row.state === 'declined' ? 'avböjt' : 'bara nominerat'}.`);
      }
    }
    if (problems.length) throw new InvalidInputError(problems[0], { calledAssignmentIds: problems });
  }

  private async insertCalled(em: EntityManager, activityId: string, assignmentIds: string[]) {
    if (assignmentIds.length === 0) return;
    await this.repo.addCalled(activityId, assignmentIds, em);
  }

  private async policyFor(em: EntityManager, payerCode: string) {
    const rows = await this.repo.claimPolicies(payerCode, em);
    const row = rows.find((r) => r.scope === payerCode) ?? rows.find((r) => r.scope === 'default');
    if (!row) throw new Error('claim_policy has no default row');
    return { claimWithinMonths: row.claim_within_months, receiptMaxAgeMonths: row.receipt_max_age_months, remindDaysBefore: row.remind_days_before };
  }

  private async audit(em: EntityManager, actor: string, action: string, subjectId: string, details: Record<string, unknown>) {
    await appendAudit(em, { actor, action, subjectType: 'group_activity', subjectId, details });
  }
}
