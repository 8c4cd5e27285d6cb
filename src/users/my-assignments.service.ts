import { Inject, Injectable } from '@nestjs/common';
import type { AssignmentState } from '../../workflows/assignment.messages';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { AuthUser } from '../auth/auth-user';
import { NotFoundError } from '../common/errors';
import type { MyAssignmentDto, MyAssignmentEventDto } from './dto/users.dto';
import { nextStepOf, timelineEvent } from './my-assignments';
import { TaskRegistry } from './tasks';
import { UsersRepository } from './users.repository';

const NOT_FOUND = 'Uppdraget finns inte.';

/**
 * "Mina uppdrag" (issue 17 #1): the logged-in representative's own assignments with their next step, deadline,
 * reporting periods and documents, and each one's timeline from the audit log. Only the user's own person record;
 * no personal numbers, bank accounts or declared interests.
 */
@Injectable()
export class MyAssignmentsService {
  constructor(
    @Inject(UsersRepository) private readonly repo: UsersRepository,
    @Inject(AuditLogRepository) private readonly auditLog: AuditLogRepository,
    @Inject(TaskRegistry) private readonly tasks: TaskRegistry,
  ) {}

  async list(user: AuthUser): Promise<MyAssignmentDto[]> {
    if (!user.personId) return [];
    const rows = await this.repo.assignmentsOfPerson(user.personId);
    const ids = rows.map((r) => r.id);
    const [periods, agreements, declarations, live] = await Promise.all([
      this.repo.reportingPeriodsOf(ids),
      this.repo.latestAgreementsOf(ids),
      this.repo.latestDeclarationsOf(ids),
      // The workflow's own deadline for the current step (whose turn it is comes from turns.ts either way).
      this.tasks.liveStatuses(rows.filter((r) => r.state !== 'ended' && r.state !== 'declined').map((r) => r.id)),
    ]);
    return rows.map((r) => {
      const own = periods
        .filter((p) => p.assignment_id === r.id)
        .map((p) => ({ key: p.period_key, startsOn: p.starts_on, endsOn: p.ends_on, state: p.state, dueAt: p.due_at ? new Date(p.due_at).toISOString() : null }));
      const agreement = agreements.find((a) => a.assignment_id === r.id);
      const declaration = declarations.find((d) => d.assignment_id === r.id);
      const status = live.get(r.id);
      return {
        id: r.id,
        groupId: r.group_id,
        groupName: r.group_name,
        state: r.state,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        nextStep: nextStepOf(r.state as AssignmentState, status?.deadline ?? null, own),
        reportingPeriods: own,
        documents: agreement ? [{ kind: 'agreement' as const, title: `Överenskommelse, version ${agreement.version}`, documentId: agreement.document_id, state: agreement.state }] : [],
        declaration: declaration
          ? { state: declaration.state, submittedAt: new Date(declaration.submitted_at).toISOString(), nextDueAt: status?.declarationNextDueAt ?? null }
          : null,
      };
    });
  }

  /** The assignment's timeline, oldest first; 404 unless it is the user's own. */
  async timeline(user: AuthUser, assignmentId: string): Promise<MyAssignmentEventDto[]> {
    if (!user.personId || !(await this.repo.isAssignmentOf(assignmentId, user.personId))) throw new NotFoundError(NOT_FOUND);
    const trail = await this.auditLog.trailOf('assignment', assignmentId);
    return trail.map((e) => {
      const byYou = e.actor === user.id;
      return { at: e.at.toISOString(), event: timelineEvent(e.action, e.details ?? {}, byYou), byYou };
    });
  }
}
