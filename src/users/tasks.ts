import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AssignmentState } from '../../workflows/assignment.messages';
import { assignmentStatusQuery } from '../../workflows/assignment.messages';
import {
  COORDINATOR_TURN,
  OVERDUE_DECISION_STATES,
  REPRESENTATIVE_TURN,
  whoseTurn,
  type CoordinatorTurnState,
  type RepresentativeTurnState,
  type Turn,
} from '../../workflows/assignment/turns';
import { assignmentWorkflowId } from '../../workflows/ids';
import { AccessPolicy } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { queryOrNull } from '../temporal/workflow-calls';
import { LOGGER } from '../logging/logger';
import { TasksRepository } from './tasks.repository';

/** Something that waits for the logged-in user. IDs, states and deadlines only. */
export interface UserTask {
  /** What to do, as a stable code, e.g. `assignment.sign-agreement`. */
  kind: string;
  /** What to do, in Swedish. */
  title: string;
  subject: { type: string; id: string };
  groupId: string | null;
  /** ISO timestamp, or null when the step has no deadline the read models know of. */
  deadline: string | null;
  urgent: boolean;
}

/**
 * A task as `GET /me/tasks` answers it (issue 17 #5): with the name of its group and of the person it is about, so
 * that "Att göra nu" says whose case each task is without another request. Null when the task has none (a payout
 * batch has no group, a nomination request no person yet).
 */
export interface UserTaskInContext extends UserTask {
  groupName: string | null;
  personName: string | null;
}

export interface TaskContext {
  ds: DataSource;
  policy: AccessPolicy;
}

/** Lists one kind of task for a user (an empty list when the user has none or the role does not apply). */
export type TaskProvider = (user: AuthUser, ctx: TaskContext) => Promise<UserTask[]>;

/** Another module's tasks for `GET /me/tasks`: an `@Injectable()` class marked `@TaskSourceFor({ name })`. */
export interface TaskSource {
  tasksFor(user: AuthUser, ctx: TaskContext): Promise<UserTask[]>;
}

/**
 * Marks a provider as a source of tasks, listed in its own feature module's `providers`; TaskRegistry finds every
 * one when the application starts (Nest's DiscoveryService) and refuses two with one name.
 */
export const TaskSourceFor = DiscoveryService.createDecorator<{ name: string }>();

/** What a task list reads from an assignment workflow's status query. */
export interface LiveAssignmentStatus {
  waitingFor: string | null;
  deadline: string | null;
  /** The step waits for the coordinator's decision after its reminders and notice (issue 16 #9). */
  overdue: boolean;
  declarationNextDueAt: string | null;
}

/** Shorter than a single status read's (QUERY_DEADLINE_MS): a task list asks many workflows at once. */
const TASKS_QUERY_DEADLINE_MS = 1500;
const MAX_LIVE_QUERIES = 50;

type AssignmentStep = { kind: string; title: string };
/**
 * What the user is asked to do in an assignment state that is their turn. Whose turn a state is comes from the
 * workflow's one definition (workflows/assignment/turns.ts); the live status refines it (a step already taken).
 */
const REPRESENTATIVE_STEPS: Record<RepresentativeTurnState, AssignmentStep> = {
  nominated: { kind: 'assignment.answer-offer', title: 'Svara på erbjudandet om uppdrag' },
  accepted: { kind: 'assignment.give-details', title: 'Lämna person- och betalningsuppgifter' },
  'agreement-drafted': { kind: 'assignment.sign-agreement', title: 'Signera överenskommelsen' },
  countersigned: { kind: 'assignment.submit-declaration', title: 'Lämna jävsdeklaration' },
  'declaration-needs-changes': { kind: 'assignment.revise-declaration', title: 'Komplettera jävsdeklarationen' },
};
const COORDINATOR_STEPS: Record<CoordinatorTurnState, AssignmentStep> = {
  signed: { kind: 'assignment.countersign-agreement', title: 'Kontrasignera överenskommelsen' },
  'declaration-submitted': { kind: 'assignment.review-declaration', title: 'Granska jävsdeklarationen' },
  'declaration-approved': { kind: 'assignment.record-introduction', title: 'Registrera genomförd introduktion' },
};

/** The coordinators' decision on an overdue step (issue 16 #9), done on the assignment's page. */
export const OVERDUE_STEP_TASK: AssignmentStep = { kind: 'assignment.decide-overdue-step', title: 'Ett steg är försenat: förläng tiden eller avsluta uppdraget' };

/** The task of `who` in an assignment in `state`, or undefined when the state is not their turn. */
export function assignmentStep(who: Turn, state: AssignmentState): AssignmentStep | undefined {
  if (whoseTurn(state) !== who) return undefined;
  return who === 'representative' ? REPRESENTATIVE_STEPS[state as RepresentativeTurnState] : COORDINATOR_STEPS[state as CoordinatorTurnState];
}

/**
 * `GET /me/tasks`: what waits for the logged-in user, from the read models, soonest deadline first.
 * Built in: assignment steps for the representative and for the group's coordinators (deadline and whose turn
 * from the assignment workflow's status query when it answers in time), the coordinators' decision on an overdue step
 * (from the same query), reports due and reports to attest,
 * nomination requests for organisation contacts, nominations to decide for coordinators, groups below their
 * minimum for their coordinators (urgent), and payout batches
 * awaiting finance's approval. Other modules add theirs with a `@TaskSourceFor({ name })` provider (TaskSource).
 */
@Injectable()
export class TaskRegistry implements OnModuleInit {
  private readonly sources = new Map<string, TaskSource>();

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(AccessPolicy) private readonly policy: AccessPolicy,
    @Inject(Client) private readonly temporal: Client,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(TasksRepository) private readonly repo: TasksRepository,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
  ) {}

  /** Collects the other modules' task sources (every provider marked `@TaskSourceFor`); one per name. */
  onModuleInit() {
    for (const wrapper of this.discovery.getProviders({ metadataKey: TaskSourceFor.KEY })) {
      const meta = this.discovery.getMetadataByDecorator(TaskSourceFor, wrapper);
      if (!meta) continue;
      const source = wrapper.instance as TaskSource | undefined;
      if (!source || typeof source.tasksFor !== 'function') throw new Error(`${wrapper.name}: a @TaskSourceFor provider must be a singleton with tasksFor()`);
      if (this.sources.has(meta.name)) throw new Error(`two task sources named "${meta.name}"`);
      this.sources.set(meta.name, source);
    }
  }

  async tasksFor(user: AuthUser): Promise<UserTaskInContext[]> {
    const ctx: TaskContext = { ds: this.ds, policy: this.policy };
    const builtIn: TaskProvider[] = [
      (u) => this.assignmentSteps(u),
      (u, c) => reportTasks(u, c, this.repo),
      (u, c) => nominationTasks(u, c, this.repo),
      (u, c) => belowMinimumTasks(u, c, this.repo),
      (u, c) => batchTasks(u, c, this.repo),
    ];
    const others: TaskProvider[] = [...this.sources.values()].map((s) => (u, c) => s.tasksFor(u, c));
    const lists = await Promise.all([...builtIn, ...others].map((p) => p(user, ctx)));
    return this.inContext(lists.flat().sort(byDeadline));
  }

  /** Adds each task's group name and person name (one query each for the whole list). */
  private async inContext(tasks: UserTask[]): Promise<UserTaskInContext[]> {
    const groupIds = [...new Set(tasks.map((t) => t.groupId).filter((g): g is string => !!g))];
    const ids = (type: string) => [...new Set(tasks.filter((t) => t.subject.type === type).map((t) => t.subject.id))];
    const [groups, people] = await Promise.all([this.repo.groupNames(groupIds), this.repo.personNamesOf(ids('assignment'), ids('nomination'))]);
    const groupName = new Map(groups.map((g) => [g.id, g.name]));
    const personName = new Map(people.map((p) => [p.subject_id, p.full_name]));
    return tasks.map((t) => ({
      ...t,
      groupName: (t.groupId && groupName.get(t.groupId)) ?? null,
      personName: t.subject.type === 'assignment' || t.subject.type === 'nomination' ? (personName.get(t.subject.id) ?? null) : null,
    }));
  }

  private async assignmentSteps(user: AuthUser): Promise<UserTask[]> {
    const groups = await this.policy.coordinatedGroupIds(user);
    if (!user.personId && groups.length === 0) return [];
    // The groups' assignments in every state whose step can become overdue: the coordinator decides an overdue one.
    const rows = await this.repo.assignmentsWaiting(user.personId, [...REPRESENTATIVE_TURN], groups, [...new Set([...COORDINATOR_TURN, ...OVERDUE_DECISION_STATES])]);
    const live = await this.liveStatuses(rows.slice(0, MAX_LIVE_QUERIES).map((r) => r.id));
    const tasks: UserTask[] = [];
    for (const r of rows) {
      const status = live.get(r.id);
      const candidates: Array<[Turn, AssignmentStep | undefined]> = [
        ['representative', r.person_id === user.personId ? assignmentStep('representative', r.state) : undefined],
        ['coordinator', groups.includes(r.group_id) ? assignmentStep('coordinator', r.state) : undefined],
      ];
      for (const [who, step] of candidates) {
        if (!step) continue;
        if (status && status.waitingFor !== who) continue;
        tasks.push({
          kind: step.kind,
          title: step.title,
          subject: { type: 'assignment', id: r.id },
          groupId: r.group_id,
          deadline: status?.deadline ?? null,
          urgent: false,
        });
      }
      // Issue 16 #9: an overdue step (the workflow's own `overdue`, workflows/assignment/turns.ts) is the coordinators'
      // decision: extend the deadline or end the assignment. Urgent; its deadline is the next reminder (or, under the
      // policy `end`, when the assignment ends by itself).
      if (status?.overdue && groups.includes(r.group_id)) {
        tasks.push({
          kind: OVERDUE_STEP_TASK.kind,
          title: OVERDUE_STEP_TASK.title,
          subject: { type: 'assignment', id: r.id },
          groupId: r.group_id,
          deadline: status.deadline,
          urgent: true,
        });
      }
    }
    return tasks;
  }

  /** Whose turn and the deadline, from each assignment workflow's status query; missing when it does not answer. */
  async liveStatuses(ids: string[]): Promise<Map<string, LiveAssignmentStatus>> {
    const out = new Map<string, LiveAssignmentStatus>();
    await Promise.all(
      ids.slice(0, MAX_LIVE_QUERIES).map(async (id) => {
        const s = await queryOrNull(this.temporal, () => this.temporal.workflow.getHandle(assignmentWorkflowId(id)).query(assignmentStatusQuery), TASKS_QUERY_DEADLINE_MS);
        if (s) out.set(id, { waitingFor: s.waitingFor, deadline: s.deadline, overdue: s.overdue === true, declarationNextDueAt: s.declaration?.nextDueAt ?? null });
      }),
    );
    return out;
  }
}

async function reportTasks(user: AuthUser, ctx: TaskContext, repo: TasksRepository): Promise<UserTask[]> {
  const groups = await ctx.policy.coordinatedGroupIds(user);
  if (!user.personId && groups.length === 0) return [];
  const [periods, reports] = await Promise.all([repo.reportingPeriodsWaiting(user.personId), repo.reportsToAttest(groups)]);
  return [
    ...periods.map((r) => ({
      kind: 'report.submit',
      title: `Rapportera tid och kostnader för ${r.period_key}`,
      subject: { type: 'assignment', id: r.assignment_id },
      groupId: r.group_id,
      deadline: r.due_at?.toISOString() ?? null,
      urgent: false,
    })),
    // A report sent in is the coordinator's turn (attest); it has no deadline of its own.
    ...reports.map((r) => ({
      kind: 'report.attest',
      title: `Attestera tidrapporten från ${r.activity_date}`,
      subject: { type: 'assignment', id: r.assignment_id },
      groupId: r.group_id,
      deadline: null,
      urgent: false,
    })),
  ];
}

async function nominationTasks(user: AuthUser, ctx: TaskContext, repo: TasksRepository): Promise<UserTask[]> {
  const tasks: UserTask[] = [];
  if (user.roles.includes('org-contact') && user.organisationId) {
    const rows = await repo.openNominationRequestsOf(user.organisationId);
    for (const r of rows) {
      tasks.push({
        kind: 'nomination-request.answer',
        title: 'Nominera en företrädare eller tacka nej',
        subject: { type: 'nomination-request', id: r.id },
        groupId: r.group_id,
        deadline: r.deadline.toISOString(),
        urgent: r.urgent,
      });
    }
  }
  const groups = await ctx.policy.coordinatedGroupIds(user);
  if (groups.length) {
    const rows = await repo.nominationsToDecide(groups);
    for (const r of rows) {
      tasks.push({
        kind: 'nomination.decide',
        title: 'Pröva nomineringen och utse eller avböj',
        subject: { type: 'nomination', id: r.id },
        groupId: r.group_id,
        deadline: null,
        urgent: false,
      });
    }
  }
  return tasks;
}

/**
 * Issue 13 #10: a group below its minimum of active representatives (after one left) is an urgent task for its
 * coordinators until it is staffed again; the deadline is the urgent round's (its open requests'), when it has one.
 */
async function belowMinimumTasks(user: AuthUser, ctx: TaskContext, repo: TasksRepository): Promise<UserTask[]> {
  const groups = await ctx.policy.coordinatedGroupIds(user);
  if (!groups.length) return [];
  const rows = await repo.groupsBelowMinimum(groups);
  return rows.map((r) => ({
    kind: 'working-group.below-minimum',
    title: `Gruppen har färre än ${r.min_representatives} aktiva företrädare: följ upp den brådskande nomineringsomgången`,
    subject: { type: 'group', id: r.id },
    groupId: r.id,
    deadline: r.deadline ? new Date(r.deadline).toISOString() : null,
    urgent: true,
  }));
}

async function batchTasks(user: AuthUser, ctx: TaskContext, repo: TasksRepository): Promise<UserTask[]> {
  if (!user.roles.includes('finance') || !user.payerCode) return [];
  const rows = await repo.draftBatches();
  const mine: UserTask[] = [];
  for (const r of rows) {
    if (!(await ctx.policy.canAccess(user, 'payer', r.payer_code))) continue;
    mine.push({
      kind: 'batch.approve',
      title: r.supplement > 0 ? `Granska och godkänn kompletteringsomgång ${r.supplement} för ${r.period}` : `Granska och godkänn utbetalningen för ${r.period}`,
      subject: { type: 'batch', id: r.id },
      groupId: null,
      deadline: null,
      urgent: false,
    });
  }
  return mine;
}

function byDeadline(a: UserTask, b: UserTask): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  if (a.deadline === b.deadline) return a.kind.localeCompare(b.kind);
  if (a.deadline === null) return 1;
  if (b.deadline === null) return -1;
  return a.deadline.localeCompare(b.deadline);
}
