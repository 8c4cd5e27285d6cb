import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { stockholmDate } from '../lifecycle/stockholm-time';
import { LOGGER } from '../logging/logger';
import { UsersService } from '../users/users.service';
import { requireUser, runStep } from '../lifecycle/workflow-calls';
import { Organisation } from '../organisations/organisation.entity';
import { WorkingGroup } from '../working-groups/working-group.entity';
import { recruitmentWorkflowId } from '../../workflows/ids';
import {
  appointUpdate,
  declineNominationRequestUpdate,
  nominateUpdate,
  rejectNomineeUpdate,
  RoundStarted,
  startRoundUpdate,
} from '../../workflows/recruitment.messages';
import { AppointDto } from './dto/appoint.dto';
import { NominateDto } from './dto/nominate.dto';
import { StartRoundDto } from './dto/start-round.dto';
import { refuseEndedPeriod, refuseRecruitingForEndedGroup } from './date-rules';
import { NominationRequest } from './nomination-request.entity';
import { Nomination } from './nomination.entity';

const GROUP_NOT_FOUND = 'Gruppen finns inte.';
const REQUEST_NOT_FOUND = 'Nomineringsförfrågan finns inte.';
const NOMINATION_NOT_FOUND = 'Nomineringen finns inte.';

export interface NominationView {
  id: string;
  groupId: string;
  requestId: string | null;
  organisationId: string | null;
  organisationName: string | null;
  state: string;
  representation: string;
  assignmentId: string | null;
  nominee: { personId: string; fullName: string; email: string; perspective: string | null };
  createdAt: Date;
  decidedAt: Date | null;
}

/**
 * The recruitment steps over HTTP (§4.2, §3.3): a coordinator starts a nomination round, organisations nominate
 * or decline, the coordinator appoints or rejects. What people submit (a nominee's name and address) is stored
 * here first; the recruitment workflow is then told, by ID only. Refusals come from the workflow's validators.
 */
@Injectable()
export class RecruitmentService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(Client) private readonly temporal: Client,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private handle(groupId: string) {
    return this.temporal.workflow.getHandle(recruitmentWorkflowId(groupId));
  }

  private step<T>(groupId: string, call: () => Promise<T>): Promise<T> {
    return runStep(this.temporal, call, {
      notFound: 'Gruppens rekrytering är inte igång.',
      closed: async () => ((await this.group(groupId)).recruitmentState === 'ended' ? 'Gruppen har avslutats: rekryteringen är stängd.' : null),
    });
  }

  /** Starts a nomination round; urgent when the group has already started its work (§4.2). */
  async startRound(groupId: string, dto: StartRoundDto, user: AuthUser | undefined): Promise<RoundStarted> {
    const actor = requireUser(user);
    const group = await this.group(groupId);
    refuseRecruitingForEndedGroup(group.endsOn, stockholmDate(Date.now()));
    const organisationIds = dto.organisationIds ?? [];
    if (organisationIds.length > 0) {
      const found = await this.ds.getRepository(Organisation).findBy({ id: In(organisationIds) });
      const missing = organisationIds.filter((id) => !found.some((o) => o.id === id));
      if (missing.length) {
        throw new InvalidInputError('Någon av organisationerna finns inte.', { organisationIds: missing.map((id) => `Organisationen ${id} finns inte.`) });
      }
    }
    const urgent = group.workStartedOn !== null && group.workStartedOn <= stockholmDate(Date.now());
    return this.step(groupId, () =>
      this.handle(groupId).executeUpdate(startRoundUpdate, {
        args: [{ actorId: actor.id, organisationIds, directRecruitment: dto.directRecruitment ?? false, urgent }],
      }),
    );
  }

  async listRequests(groupId: string): Promise<NominationRequest[]> {
    await this.group(groupId);
    return this.ds.getRepository(NominationRequest).find({ where: { groupId }, order: { round: 'DESC', createdAt: 'ASC' } });
  }

  /** An organisation contact's requests (their own organisation), newest first. */
  async requestsForOrganisation(user: AuthUser | undefined): Promise<Array<NominationRequest & { groupName: string }>> {
    const actor = requireUser(user);
    if (!actor.organisationId) return [];
    const rows = await this.ds.getRepository(NominationRequest).find({ where: { organisationId: actor.organisationId }, order: { createdAt: 'DESC' } });
    const groups = await this.ds.getRepository(WorkingGroup).findBy({ id: In([...new Set(rows.map((r) => r.groupId))]) });
    return rows.map((r) => ({ ...r, groupName: groups.find((g) => g.id === r.groupId)?.name ?? '' }));
  }

  async getRequest(requestId: string): Promise<NominationRequest & { groupName: string; commission: string }> {
    const r = await this.request(requestId);
    const g = await this.group(r.groupId);
    return { ...r, groupName: g.name, commission: g.commission };
  }

  /** An organisation nominates a person in answer to its request. */
  async nominate(requestId: string, dto: NominateDto, user: AuthUser | undefined): Promise<NominationView> {
    const actor = requireUser(user);
    const request = await this.request(requestId);
    if (request.state === 'declined') throw new ConflictError('Organisationen har redan avstått från att nominera i den här omgången.');
    if (request.state === 'no-answer' || request.state === 'cancelled') throw new ConflictError('Nomineringstiden har gått ut.');
    refuseRecruitingForEndedGroup((await this.group(request.groupId)).endsOn, stockholmDate(Date.now()));
    return this.storeAndNominate(request.groupId, dto, actor, request);
  }

  /** Direct recruitment by the coordinator: the person represents their own experience. */
  async nominateDirectly(groupId: string, dto: NominateDto, user: AuthUser | undefined): Promise<NominationView> {
    const actor = requireUser(user);
    refuseRecruitingForEndedGroup((await this.group(groupId)).endsOn, stockholmDate(Date.now()));
    if (dto.representation !== 'own-experience') {
      throw new InvalidInputError('En direktrekryterad företrädare företräder sin egen erfarenhet.', {
        representation: ['Välj own-experience vid direktrekrytering.'],
      });
    }
    return this.storeAndNominate(groupId, dto, actor, null);
  }

  async declineRequest(requestId: string, user: AuthUser | undefined): Promise<NominationRequest> {
    const actor = requireUser(user);
    const request = await this.request(requestId);
    await this.step(request.groupId, () =>
      this.handle(request.groupId).executeUpdate(declineNominationRequestUpdate, {
        args: [{ actorId: actor.id, requestId, organisationId: request.organisationId }],
      }),
    );
    return this.request(requestId);
  }

  async listNominations(groupId: string): Promise<NominationView[]> {
    await this.group(groupId);
    return this.nominationViews(`n.group_id = $1 AND n.state <> 'submitted'`, [groupId]);
  }

  /** The coordinator appoints a nominee: the recruitment workflow creates the assignment and starts its workflow. */
  async appoint(
    groupId: string,
    nominationId: string,
    dto: AppointDto,
    user: AuthUser | undefined,
  ): Promise<{ assignmentId: string; invitation: { userId: string; invited: boolean } | null }> {
    const actor = requireUser(user);
    const n = await this.nomination(groupId, nominationId);
    if (dto.periodEnd && dto.periodEnd < dto.periodStart) {
      throw new InvalidInputError('Uppdragets slutdatum ligger före startdatumet.', { periodEnd: ['Slutdatumet ska vara samma dag som eller efter startdatumet.'] });
    }
    const today = stockholmDate(Date.now());
    refuseRecruitingForEndedGroup((await this.group(groupId)).endsOn, today);
    refuseEndedPeriod(dto.periodEnd, today);
    let appointed: { assignmentId: string };
    try {
      appointed = await this.step(groupId, () =>
        this.handle(groupId).executeUpdate(appointUpdate, {
          args: [
            {
              actorId: actor.id,
              nominationId: n.id,
              terms: {
                periodStart: dto.periodStart,
                periodEnd: dto.periodEnd ?? null,
                reportingFrequency: dto.reportingFrequency ?? 'quarterly',
                feeMode: dto.feeMode ?? 'session',
                estimatedMeetingHours: dto.estimatedMeetingHours ?? null,
                estimatedOtherHours: dto.estimatedOtherHours ?? null,
                extraPreparationDays: dto.extraPreparationDays ?? 0,
                employedByOrganisation: dto.employedByOrganisation ?? false,
              },
            },
          ],
        }),
      );
    } catch (e) {
      // A retried appointment is refused (the nominee is no longer waiting); the login may still be missing.
      const again = await this.ds.getRepository(Nomination).findOneBy({ id: n.id });
      if (again?.state === 'appointed') await this.inviteAppointee(actor, n.personId);
      throw e;
    }
    const invitation = await this.inviteAppointee(actor, n.personId);
    return { ...appointed, invitation };
  }

  /**
   * The offer mail asks the nominee to log in: one who has no account yet gets an invitation (a single-use,
   * expiring link in a separate mail). The appointment stands even when the invitation fails; it is logged and
   * the coordinator can invite by hand (POST /auth/invitations).
   */
  private async inviteAppointee(actor: AuthUser, personId: string): Promise<{ userId: string; invited: boolean } | null> {
    try {
      return await this.users.ensureRepresentativeInvited(actor, personId);
    } catch (e) {
      this.logger.warn({ personId, err: e instanceof Error ? e.message : String(e) }, 'appointed nominee could not be invited');
      return null;
    }
  }

  async reject(groupId: string, nominationId: string, user: AuthUser | undefined): Promise<NominationView> {
    const actor = requireUser(user);
    const n = await this.nomination(groupId, nominationId);
    await this.step(groupId, () => this.handle(groupId).executeUpdate(rejectNomineeUpdate, { args: [{ actorId: actor.id, nominationId: n.id }] }));
    return (await this.nominationViews(`n.id = $1`, [n.id]))[0];
  }

  /** The group's recruitment audit log, oldest first. */
  async audit(groupId: string): Promise<AuditEntry[]> {
    await this.group(groupId);
    return this.ds.getRepository(AuditEntry).find({ where: { subjectType: 'working_group', subjectId: groupId }, order: { at: 'ASC', id: 'ASC' } });
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Stores the nominee (a person record, re-used when the address is known) and the nomination (state
   * `submitted`), then tells the workflow. If the workflow refuses, the stored rows are removed again.
   */
  private async storeAndNominate(groupId: string, dto: NominateDto, actor: AuthUser, request: NominationRequest | null): Promise<NominationView> {
    const nominationId = randomUUID();
    const email = dto.email.trim().toLowerCase();
    let createdPersonId: string | null = null;
    const personId = await this.ds.transaction(async (em) => {
      const existing: Array<{ id: string }> = await em.query(`SELECT id FROM person WHERE lower(email) = $1 ORDER BY created_at LIMIT 1`, [email]);
      let id = existing[0]?.id;
      if (!id) {
        id = randomUUID();
        createdPersonId = id;
        await em.query(`INSERT INTO person (id, full_name, email, phone, perspective) VALUES ($1, $2, $3, $4, $5)`, [
          id,
          dto.fullName.trim(),
          email,
          dto.phone?.trim() ?? null,
          dto.perspective,
        ]);
      }
      await em.query(
        `INSERT INTO nomination (id, group_id, request_id, organisation_id, person_id, representation, state, nominated_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7)`,
        [nominationId, groupId, request?.id ?? null, request?.organisationId ?? null, id, dto.representation, actor.id],
      );
      return id;
    });
    try {
      await this.step(groupId, () =>
        this.handle(groupId).executeUpdate(nominateUpdate, {
          args: [
            {
              actorId: actor.id,
              nominationId,
              personId,
              representation: dto.representation,
              requestId: request?.id ?? null,
              organisationId: request?.organisationId ?? null,
            },
          ],
        }),
      );
    } catch (e) {
      await this.ds.transaction(async (em) => {
        await em.query(`DELETE FROM nomination WHERE id = $1 AND state = 'submitted'`, [nominationId]);
        if (createdPersonId) {
          await em.query(
            `DELETE FROM person p WHERE p.id = $1
               AND NOT EXISTS (SELECT 1 FROM nomination WHERE person_id = p.id)
               AND NOT EXISTS (SELECT 1 FROM assignment WHERE person_id = p.id)
               AND NOT EXISTS (SELECT 1 FROM user_account WHERE person_id = p.id)`,
            [createdPersonId],
          );
        }
      });
      throw e;
    }
    return (await this.nominationViews(`n.id = $1`, [nominationId]))[0];
  }

  private async nominationViews(where: string, params: unknown[]): Promise<NominationView[]> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT n.id, n.group_id, n.request_id, n.organisation_id, o.name AS organisation_name, n.state, n.representation, n.assignment_id,
              n.person_id, p.full_name, p.email, p.perspective, n.created_at, n.decided_at
       FROM nomination n JOIN person p ON p.id = n.person_id LEFT JOIN organisation o ON o.id = n.organisation_id
       WHERE ${where} ORDER BY n.created_at, n.id`,
      params,
    );
    return rows.map((r) => ({
      id: String(r.id),
      groupId: String(r.group_id),
      requestId: (r.request_id as string | null) ?? null,
      organisationId: (r.organisation_id as string | null) ?? null,
      organisationName: (r.organisation_name as string | null) ?? null,
      state: String(r.state),
      representation: String(r.representation),
      assignmentId: (r.assignment_id as string | null) ?? null,
      nominee: { personId: String(r.person_id), fullName: String(r.full_name), email: String(r.email), perspective: (r.perspective as string | null) ?? null },
      createdAt: r.created_at as Date,
      decidedAt: (r.decided_at as Date | null) ?? null,
    }));
  }

  private async group(id: string): Promise<WorkingGroup> {
    const g = await this.ds.getRepository(WorkingGroup).findOneBy({ id });
    if (!g) throw new NotFoundError(GROUP_NOT_FOUND);
    return g;
  }

  private async request(id: string): Promise<NominationRequest> {
    const r = await this.ds.getRepository(NominationRequest).findOneBy({ id });
    if (!r) throw new NotFoundError(REQUEST_NOT_FOUND);
    return r;
  }

  private async nomination(groupId: string, id: string): Promise<Nomination> {
    const n = await this.ds.getRepository(Nomination).findOneBy({ id, groupId });
    if (!n || n.state === 'submitted') throw new NotFoundError(NOMINATION_NOT_FOUND);
    return n;
  }
}
