import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log.repository';
import { AccessPolicy } from '../auth/access-policy';
import { queryOrNull } from '../temporal/workflow-calls';
import type { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, AppConfig } from '../config/config';
import { GroupCoordinatorsRepository } from '../users/group-coordinators.repository';
import { createOnce } from '../common/client-id';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { payerCodeOrNull, payerOfGroup } from '../paying-bodies/payer-of-group';
import { recruitmentWorkflowId } from '../../workflows/ids';
import { groupEndedSignal, RecruitmentStatus, recruitmentStatusQuery } from '../../workflows/recruitment.messages';
import { recruitmentWorkflow } from '../../workflows/recruitment.workflow';
import { CreateWorkingGroupDto } from './dto/create-working-group.dto';
import { refuseNewGroupEndedBefore } from '../recruitment/date-rules';
import { stockholmDate } from '../common/stockholm-time';
import { WorkingGroup } from './working-group.entity';
import { DeclarationsRepository, type GroupRecusalRow } from '../assignments/declarations.repository';
import { WorkingGroupsRepository } from './working-groups.repository';


export interface WorkingGroupView {
  group: WorkingGroup;
  recruitment: { workflowId: string; status: RecruitmentStatus | null; running: boolean };
  /** The group's overview for its coordinators: every live member's recusals (jäv, issue 16 #7). */
  recusals?: GroupRecusalRow[];
}

@Injectable()
export class WorkingGroupsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(GroupCoordinatorsRepository) private readonly coordinators: GroupCoordinatorsRepository,
    @Inject(WorkingGroupsRepository) private readonly repo: WorkingGroupsRepository,
    @Inject(DeclarationsRepository) private readonly declarations: DeclarationsRepository,
  ) {}

  /**
   * Stores the group and starts its recruitment workflow. Idempotent: the same client id returns the same group,
   * and the workflow ID is derived from the group ID, so a retried start finds the running workflow.
   * A coordinator who creates a group becomes its coordinator; someone who may not see an existing group with
   * this id gets the same answer as for a different group, so the id reveals nothing.
   */
  async create(dto: CreateWorkingGroupDto, actor?: AuthUser): Promise<WorkingGroupView> {
    const id = dto.id ?? randomUUID();
    // A client id (issue 14 #1, src/common/client-id.ts): the same id with the same group answers the stored one,
    // also for creates sent at the same moment; someone who may not see the group with this id gets the same 409 as
    // for a different group, so the id reveals nothing.
    await createOnce({
      find: () => this.repo.byId(id),
      matches: async (existing) =>
        (!actor || (await this.access.canAccess(actor, 'group', id))) && existing.name === dto.name.trim() && existing.kind === dto.kind,
      answer: async () => undefined,
      conflict: 'En annan grupp finns redan med detta id.',
      create: async () => {
        await this.validateParent(dto);
        refuseNewGroupEndedBefore(dto.endsOn, stockholmDate(Date.now()));
        // One transaction: the group never exists without the coordinator who created it.
        await this.repo.transaction(async (em) => {
          await this.repo.insert(
            {
              id,
              name: dto.name.trim(),
              kind: dto.kind,
              parentGroupId: dto.parentGroupId ?? null,
              hostRegion: dto.hostRegion ?? null,
              commission: dto.commission,
              standing: dto.standing ?? true,
              endsOn: dto.endsOn ?? null,
              workStartedOn: dto.workStartedOn ?? null,
              minRepresentatives: dto.minRepresentatives ?? 2,
            },
            em,
          );
          if (actor?.roles.includes('coordinator')) await this.coordinators.add(id, actor.id, em);
        });
      },
    });
    // Also for a repeat: a create that stored the group and then failed before its workflow started is completed here.
    await this.startRecruitment(id);
    return this.get(id);
  }

  /** Starts (or finds) the recruitment workflow of a stored group. */
  async startRecruitment(groupId: string): Promise<void> {
    const group = await this.findOrThrow(groupId);
    // Who pays the group's fees (§4.5.4–4.5.5); null when the stored group lacks what decides it.
    const payerCode = payerCodeOrNull(await payerOfGroup(this.ds, group.id));
    try {
      await this.temporal.workflow.start(recruitmentWorkflow, {
        workflowId: recruitmentWorkflowId(group.id),
        taskQueue: this.config.temporal.taskQueue,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        args: [
          {
            groupId: group.id,
            groupKind: group.kind,
            payerCode,
            minRepresentatives: group.minRepresentatives,
            urgent: group.workStartedOn !== null,
          },
        ],
      });
    } catch (e) {
      // A closed workflow with this ID (group ended) is not restarted.
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }

  /**
   * The stored group with the live recruitment status from a Query. When no worker answers in time (the worker
   * is restarting), the status is null and `running` still comes from Temporal; the read model's
   * `group.recruitmentState` then tells the last recorded state.
   */
  /** `get`, and for the group's coordinators (and administrators) the members' recusals: what they take no part in. */
  async overview(groupId: string, user: AuthUser | undefined): Promise<WorkingGroupView> {
    const view = await this.get(groupId);
    if (user && (user.roles.includes('admin') || (await this.access.coordinates(user, groupId)))) {
      view.recusals = await this.declarations.recusalsOfGroup(groupId);
    }
    return view;
  }

  async get(groupId: string): Promise<WorkingGroupView> {
    const group = await this.findOrThrow(groupId);
    const workflowId = recruitmentWorkflowId(group.id);
    const handle = this.temporal.workflow.getHandle(workflowId);
    let running = false;
    try {
      running = (await handle.describe()).status.name === 'RUNNING';
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return { group, recruitment: { workflowId, status: null, running: false } };
      throw e;
    }
    const status = await queryOrNull(this.temporal, () => handle.query(recruitmentStatusQuery));
    return { group, recruitment: { workflowId, status, running } };
  }

  /**
   * Ends the group: the recruitment workflow hears `groupEnded` (it cancels open requests and ends every
   * assignment, which ends its own workflow) and the decision is recorded in the audit log, once. 409 when the
   * group has already ended (or its end is already recorded).
   */
  async end(groupId: string, actor: AuthUser): Promise<WorkingGroupView> {
    const group = await this.findOrThrow(groupId);
    const already = new ConflictError('Gruppen är redan avslutad.');
    if (group.recruitmentState === 'ended') throw already;
    const handle = this.temporal.workflow.getHandle(recruitmentWorkflowId(group.id));
    let running = false;
    try {
      running = (await handle.describe()).status.name === 'RUNNING';
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) throw e;
    }
    if (!running && group.recruitmentState !== 'not-started') throw already;
    const recorded = await appendAudit(this.ds, {
      actor: actor.id,
      action: 'working-group.ended',
      subjectType: 'working_group',
      subjectId: group.id,
      idempotencyKey: `group-ended:${group.id}`,
      details: { recruitmentWasRunning: running },
    });
    if (!recorded) throw already;
    if (running) {
      await handle.signal(groupEndedSignal);
    } else {
      // Recruitment never started: nothing to end but the read model.
      await this.repo.markEnded(group.id);
    }
    return this.get(group.id);
  }

  async list(): Promise<WorkingGroup[]> {
    return this.repo.all();
  }

  private async findOrThrow(id: string): Promise<WorkingGroup> {
    const group = await this.repo.byId(id);
    if (!group) throw new NotFoundError('Gruppen finns inte.');
    return group;
  }

  private async validateParent(dto: CreateWorkingGroupDto) {
    if (dto.kind === 'NAG') {
      if (!dto.parentGroupId) {
        throw new InvalidInputError('En nationell arbetsgrupp (NAG) måste ha en överordnad NPO eller NSG.', {
          parentGroupId: ['Ange den NPO eller NSG som gruppen hör till.'],
        });
      }
      const parent = await this.repo.byId(dto.parentGroupId);
      if (!parent || (parent.kind !== 'NPO' && parent.kind !== 'NSG')) {
        throw new InvalidInputError('Den överordnade gruppen måste vara en befintlig NPO eller NSG.', {
          parentGroupId: ['Ingen NPO eller NSG med detta id.'],
        });
      }
    } else if (dto.parentGroupId) {
      throw new InvalidInputError('Endast en NAG har en överordnad grupp.', {
        parentGroupId: ['Lämna tomt för NPO, NSG, RPO och RAG.'],
      });
    }
    if ((dto.kind === 'NPO' || dto.kind === 'RPO' || dto.kind === 'RAG') && !dto.hostRegion) {
      throw new InvalidInputError('Ange gruppens värdregion.', { hostRegion: ['Välj en sjukvårdsregion.'] });
    }
    if (dto.standing === false && !dto.endsOn) {
      throw new InvalidInputError('En tidsbegränsad grupp behöver ett slutdatum.', { endsOn: ['Ange slutdatum.'] });
    }
  }
}
