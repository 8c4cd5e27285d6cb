import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { AuthUser } from '../auth/auth-user';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { stockholmDate } from '../common/stockholm-time';
import { LOGGER } from '../logging/logger';
import { InvitationStatus, UsersService } from '../users/users.service';
import { queryOrNull, requireUser, runStep, UnavailableError } from '../temporal/workflow-calls';
import { violatedConstraint } from '../people/people';
import { PeopleRepository } from '../people/people.repository';
import { WorkingGroup } from '../working-groups/working-group.entity';
import { assignmentStatusQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflowId, recruitmentWorkflowId } from '../../workflows/ids';
import {
  appointUpdate,
  declineNominationRequestUpdate,
  MAX_REPLY_DAYS,
  MAX_WANTED,
  nominateUpdate,
  rejectNomineeUpdate,
  RoundStarted,
  startRoundUpdate,
} from '../../workflows/recruitment.messages';
import { ALREADY_IN_GROUP, ALREADY_NOMINATED, wantedReached } from '../../workflows/recruitment.rules';
import { RejectNomineeDto } from './dto/reject.dto';
import { AppointDto } from './dto/appoint.dto';
import { NominateDto } from './dto/nominate.dto';
import { StartRoundDto } from './dto/start-round.dto';
import { refuseEndedPeriod, refuseRecruitingForEndedGroup, replyDeadline } from './date-rules';
import { NominationRequest } from './nomination-request.entity';
import { Nomination } from './nomination.entity';
import { NominationView, RecruitmentRepository, RequestNominationView, StoredNomination } from './recruitment.repository';

export type { NominationView } from './recruitment.repository';

const GROUP_NOT_FOUND = 'Gruppen finns inte.';
const REQUEST_NOT_FOUND = 'Nomineringsförfrågan finns inte.';
const NOMINATION_NOT_FOUND = 'Nomineringen finns inte.';
const NOMINATION_UNCONFIRMED =
  'Nomineringen är sparad, men gruppens rekrytering svarar inte just nu. Skicka samma nominering igen om en stund – den registreras bara en gång.';

/** The Update ID of a nomination: a retry of the same nomination is one step in the workflow. */
export const nominateUpdateId = (nominationId: string) => `nominate:${nominationId}`;

/**
 * The recruitment steps over HTTP (§4.2, §3.3): a coordinator starts a nomination round, organisations nominate
 * or decline, the coordinator appoints or rejects. What people submit (a nominee's name and address) is stored
 * here first; the recruitment workflow is then told, by ID only. Refusals come from the workflow's validators.
 */
@Injectable()
export class RecruitmentService {
  constructor(
    @Inject(RecruitmentRepository) private readonly repo: RecruitmentRepository,
    @Inject(AuditLogRepository) private readonly auditLog: AuditLogRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
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
      const found = await this.repo.findOrganisations(organisationIds);
      const missing = organisationIds.filter((id) => !found.some((o) => o.id === id));
      if (missing.length) {
        throw new InvalidInputError('Någon av organisationerna finns inte.', { organisationIds: missing.map((id) => `Organisationen ${id} finns inte.`) });
      }
    }
    const today = stockholmDate(Date.now());
    const urgent = group.workStartedOn !== null && group.workStartedOn <= today;
    // Issue 16 #1: how many each organisation may nominate (default: the group's minimum), the reply deadline the
    // coordinator chose (the end of that day; default: the workflow's policy, 21 days) and their message, stored
    // here first: the workflow is told its id, never the text.
    const deadline = dto.replyBy ? new Date(replyDeadline(dto.replyBy, today, MAX_REPLY_DAYS)).toISOString() : null;
    const wanted = dto.wanted ?? Math.min(MAX_WANTED, Math.max(1, group.minRepresentatives));
    let messageId: string | null = null;
    if (dto.message) {
      messageId = randomUUID();
      await this.repo.insertRequestMessage({ id: messageId, groupId, body: dto.message.trim(), createdBy: actor.id });
    }
    return this.step(groupId, () =>
      this.handle(groupId).executeUpdate(startRoundUpdate, {
        args: [{ actorId: actor.id, organisationIds, directRecruitment: dto.directRecruitment ?? false, urgent, wanted, messageId, deadline }],
      }),
    );
  }

  /**
   * The nominations an organisation made in answer to a request, with the coordinator's decision and reason
   * (issue 16 #1, 17 #4): waiting, appointed, or declined and why.
   */
  async nominationsOfRequest(requestId: string): Promise<RequestNominationView[]> {
    await this.request(requestId);
    return this.repo.nominationsOfRequest(requestId);
  }

  async listRequests(groupId: string): Promise<NominationRequest[]> {
    await this.group(groupId);
    return this.repo.requestsOfGroup(groupId);
  }

  /** An organisation contact's requests (their own organisation), newest first. */
  async requestsForOrganisation(user: AuthUser | undefined): Promise<Array<NominationRequest & { groupName: string }>> {
    const actor = requireUser(user);
    if (!actor.organisationId) return [];
    const rows = await this.repo.requestsOfOrganisation(actor.organisationId);
    const groups = await this.repo.findGroups([...new Set(rows.map((r) => r.groupId))]);
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
    // An ended group answers that first, whatever else is wrong (issue 16 #1).
    const group = await this.group(request.groupId);
    refuseEndedGroup(group);
    if (request.state === 'declined') throw new ConflictError('Organisationen har redan avstått från att nominera i den här omgången.');
    if (request.state === 'no-answer' || request.state === 'cancelled') throw new ConflictError('Nomineringstiden har gått ut.');
    refuseRecruitingForEndedGroup(group.endsOn, stockholmDate(Date.now()));
    if (dto.organisationId && dto.organisationId !== request.organisationId) {
      throw new InvalidInputError('En nominering görs för organisationen som fick förfrågan.', {
        organisationId: ['Lämna organisationId tomt: nomineringen gäller organisationen som fick förfrågan.'],
      });
    }
    return asSent(await this.storeAndNominate(request.groupId, dto, actor, request), dto);
  }

  /**
   * Direct recruitment by the coordinator (§4.2): the person represents their own experience, an organisation's
   * mandate, or both (§3.3) — with a mandate, `organisationId` names the organisation.
   */
  async nominateDirectly(groupId: string, dto: NominateDto, user: AuthUser | undefined): Promise<NominationView> {
    const actor = requireUser(user);
    const group = await this.group(groupId);
    refuseEndedGroup(group);
    refuseRecruitingForEndedGroup(group.endsOn, stockholmDate(Date.now()));
    if (dto.representation === 'own-experience' && dto.organisationId) {
      throw new InvalidInputError('Den som företräder sin egen erfarenhet har inget mandat från en organisation.', {
        organisationId: ['Lämna organisationen tom, eller välj mandat (mandate) eller både och (both).'],
      });
    }
    if (dto.representation !== 'own-experience') {
      if (!dto.organisationId) {
        throw new InvalidInputError('Ange organisationen vars mandat personen har.', {
          organisationId: ['Ange organisationen vars mandat personen har, eller välj egen erfarenhet (own-experience).'],
        });
      }
      if ((await this.repo.findOrganisations([dto.organisationId])).length === 0) {
        throw new InvalidInputError('Organisationen finns inte.', { organisationId: ['Organisationen finns inte.'] });
      }
    }
    return asSent(await this.storeAndNominate(groupId, dto, actor, null), dto);
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

  /** The group's nominations; an appointed one shows its person's invitation: sent when, valid until, used (16 #3). */
  async listNominations(groupId: string): Promise<Array<NominationView & { invitation?: InvitationStatus }>> {
    await this.group(groupId);
    const views = await this.repo.nominationViewsOfGroup(groupId);
    return Promise.all(views.map(async (v) => (v.state === 'appointed' ? { ...v, invitation: await this.users.invitationOfPerson(v.nominee.personId) } : v)));
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
    if (n.state === 'proposed') {
      // Issue 13 #1: never a second live assignment for one person in one group (also refused by the workflow and
      // the database; asked here first so that the workflow never meets the database's refusal).
      if (await this.repo.hasLiveAssignment(groupId, n.personId)) throw new ConflictError(ALREADY_IN_GROUP);
    }
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
      if ((await this.repo.nominationState(n.id)) === 'appointed') await this.inviteAppointee(actor, n.personId);
      throw e;
    }
    const invitation = await this.inviteAppointee(actor, n.personId, await this.answerDeadline(appointed.assignmentId));
    return { ...appointed, invitation };
  }

  /**
   * The appointed person's answer deadline, from the assignment workflow (the offer is its first step), or null
   * when it does not answer in time or has no answer pending: the invitation then gets its usual validity.
   */
  private async answerDeadline(assignmentId: string): Promise<Date | null> {
    const handle = this.temporal.workflow.getHandle(assignmentWorkflowId(assignmentId));
    for (let attempt = 0; attempt < 10; attempt++) {
      const status = await queryOrNull(this.temporal, () => handle.query(assignmentStatusQuery), 2_000).catch(() => null);
      if (status) return status.state === 'nominated' && status.deadline ? new Date(status.deadline) : null;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return null;
  }

  /**
   * The coordinator sends an appointed person's invitation again (issue 16 #3): a new link, valid until the answer
   * deadline while the offer is open (or the usual time), the old link dead. 409 once the person has activated
   * their account, and for an assignment that has ended or was declined.
   */
  async resendInvitation(assignmentId: string, user: AuthUser | undefined): Promise<InvitationStatus & { delivery: string; acceptUrl?: string }> {
    const actor = requireUser(user);
    const a = await this.repo.assignmentParties(assignmentId);
    if (!a) throw new NotFoundError('Uppdraget finns inte.');
    if (a.state === 'declined' || a.state === 'ended') throw new ConflictError('Uppdraget är avslutat: det finns ingen inbjudan att skicka igen.');
    const result = await this.users.resendRepresentativeInvitation(actor, a.personId, await this.answerDeadline(assignmentId));
    const status = await this.users.invitationOfPerson(a.personId);
    return { ...status, delivery: result.invitation.delivery, ...(result.invitation.acceptUrl ? { acceptUrl: result.invitation.acceptUrl } : {}) };
  }

  /**
   * The offer mail asks the nominee to log in: one who has no account yet gets an invitation (a single-use,
   * expiring link in a separate mail). The appointment stands even when the invitation fails; it is logged and
   * the coordinator can invite by hand (POST /auth/invitations).
   */
  private async inviteAppointee(actor: AuthUser, personId: string, validUntil: Date | null = null): Promise<{ userId: string; invited: boolean } | null> {
    try {
      return await this.users.ensureRepresentativeInvited(actor, personId, validUntil);
    } catch (e) {
      this.logger.warn({ personId, err: e instanceof Error ? e.message : String(e) }, 'appointed nominee could not be invited');
      return null;
    }
  }

  /**
   * The coordinator declines a nominee, saying why (issue 16 #1). The reason is stored first (never in workflow
   * history); the workflow's record of the decline writes the nominee's mail with it, in the same transaction.
   */
  async reject(groupId: string, nominationId: string, dto: RejectNomineeDto, user: AuthUser | undefined): Promise<NominationView> {
    const actor = requireUser(user);
    const n = await this.nomination(groupId, nominationId);
    if (n.state !== 'proposed' || !(await this.repo.setDeclineReason(n.id, dto.reason.trim()))) {
      throw new ConflictError('Nomineringen väntar inte på beslut.');
    }
    await this.step(groupId, () => this.handle(groupId).executeUpdate(rejectNomineeUpdate, { args: [{ actorId: actor.id, nominationId: n.id }] }));
    return this.repo.nominationView(n.id);
  }

  /** The group's recruitment audit log, oldest first. */
  async audit(groupId: string): Promise<AuditEntry[]> {
    await this.group(groupId);
    return this.auditLog.trailOf('working_group', groupId);
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Stores the nominee (one person per e-mail address, any letter case) and the nomination (state `submitted`),
   * then tells the workflow with the Update ID `nominate:<nominationId>`. One person has one open nomination and
   * no second live assignment per group (issue 13 #1): the database refuses a second one, answered with a
   * Swedish 409.
   *
   * A nomination whose Update got no answer (the worker is down: 503) is never undone (issue 14 #4): the workflow
   * may still take it when the worker is back. The row is kept and marked `unconfirmed_at`; the client's retry
   * (the same client `id`, or the same person from the same request) finds it and sends the same Update again,
   * which the workflow runs once. A stale unconfirmed nomination from another request is settled the same way
   * before a new one is considered. Rows are removed only when the workflow definitively refused them.
   */
  private async storeAndNominate(groupId: string, dto: NominateDto, actor: AuthUser, request: NominationRequest | null): Promise<NominationView> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.storeNomination(groupId, dto, actor, request);
      if (stored.kind === 'answered') return this.confirmed(stored.row.id);
      const outcome = await this.sendNomination(groupId, stored.row, stored.createdPersonId);
      if (outcome.accepted) {
        if (stored.kind !== 'stale') return this.confirmed(stored.row.id);
        throw new ConflictError(ALREADY_NOMINATED);
      }
      // A stale nomination of another request was refused and removed: this one is considered afresh (once).
      if (stored.kind !== 'stale' || attempt >= 2) throw outcome.error;
    }
  }

  /**
   * The nomination to send: a new row, or the kept one this request is a retry of (`retry`, `answered` when the
   * workflow already took it), or a stale unconfirmed one of another request to settle first (`stale`).
   */
  private async storeNomination(
    groupId: string,
    dto: NominateDto,
    actor: AuthUser,
    request: NominationRequest | null,
  ): Promise<{ row: StoredNomination; kind: 'new' | 'retry' | 'answered' | 'stale'; createdPersonId: string | null }> {
    const requestId = request?.id ?? null;
    try {
      return await this.repo.transaction(async (em) => {
        const person = await this.people.findOrCreate({ fullName: dto.fullName, email: dto.email, phone: dto.phone, perspective: dto.perspective }, em);
        const organisationId = request?.organisationId ?? dto.organisationId ?? null;
        if (dto.id) {
          const same = await this.repo.findNominationById(dto.id, em);
          if (same) {
            if (same.groupId !== groupId || same.personId !== person.id || same.requestId !== requestId || same.organisationId !== organisationId) {
              throw new ConflictError('En annan nominering finns redan med detta id.');
            }
            // 'proposed' in the read model is not the workflow's answer: the record is written by the workflow task
            // that takes the nomination, and that task can be lost after it (the drill: a worker killed, the nomination
            // then unknown to the workflow and its appointment refused). The retry sends the same Update again; a
            // workflow that has it refuses it as registered, which sendNomination takes as accepted.
            return { row: toStored(same), kind: same.state === 'submitted' || same.state === 'proposed' ? 'retry' : 'answered', createdPersonId: null };
          }
        }
        const open = await this.repo.findOpenNomination(groupId, person.id, em);
        if (open) {
          const ours = open.requestId === requestId;
          if (open.state === 'submitted' && open.stale) return { row: toStored(open), kind: ours ? 'retry' : 'stale', createdPersonId: null };
          // The answer to an unconfirmed nomination never reached its sender: this is their retry, sent again (above).
          if (open.state === 'proposed' && ours && open.unconfirmed) return { row: toStored(open), kind: 'retry', createdPersonId: null };
          throw new ConflictError(ALREADY_NOMINATED);
        }
        if (await this.repo.hasLiveAssignment(groupId, person.id, em)) throw new ConflictError(ALREADY_IN_GROUP);
        const row: StoredNomination = {
          id: dto.id ?? randomUUID(),
          personId: person.id,
          representation: dto.representation,
          requestId,
          organisationId,
          nominatedBy: actor.id,
        };
        await this.repo.insertSubmittedNomination(groupId, row, dto.perspective, em, dto.fullName.trim());
        return { row, kind: 'new', createdPersonId: person.created ? person.id : null };
      });
    } catch (e) {
      const constraint = violatedConstraint(e);
      // The group ended meanwhile: that is the answer, not the person's other nomination (issue 16 #1).
      if (constraint && constraint !== 'nomination_pkey') refuseEndedGroup(await this.group(groupId));
      if (constraint === 'nomination_open_once') throw new ConflictError(ALREADY_NOMINATED);
      // Issue 16 #1: the request has as many nominations as it asks for (the trigger counted them one at a time).
      if (constraint === 'nomination_request_wanted') throw new ConflictError(wantedReached(request?.wanted ?? 1));
      if (constraint === 'nomination_person_has_assignment' || constraint === 'assignment_live_once') throw new ConflictError(ALREADY_IN_GROUP);
      // The same client id at the same moment: the other request stored it; this one is its retry.
      if (constraint === 'nomination_pkey' && dto.id) return this.storeNomination(groupId, dto, actor, request);
      throw e;
    }
  }

  /** Sends the nominate Update; removes the stored rows only when the workflow refused them for good. */
  private async sendNomination(
    groupId: string,
    row: StoredNomination,
    createdPersonId: string | null,
  ): Promise<{ accepted: true } | { accepted: false; error: unknown }> {
    try {
      await this.step(groupId, () =>
        this.handle(groupId).executeUpdate(nominateUpdate, {
          updateId: nominateUpdateId(row.id),
          args: [
            {
              actorId: row.nominatedBy,
              nominationId: row.id,
              personId: row.personId,
              representation: row.representation,
              requestId: row.requestId,
              organisationId: row.organisationId,
            },
          ],
        }),
      );
      return { accepted: true };
    } catch (e) {
      if (!(e instanceof ConflictError || e instanceof InvalidInputError || e instanceof NotFoundError)) {
        // No answer: the workflow may still take it. Keep the rows; the retry sends the same Update again.
        // Not marked: the row still counts as stale once the answer's deadline has passed, so the retry finds it.
        await this.repo.markUnconfirmed(row.id).catch((err: unknown) =>
          this.logger.warn({ nominationId: row.id, err: err instanceof Error ? err.message : String(err) }, 'nomination could not be marked unconfirmed'),
        );
        if (e instanceof UnavailableError) throw new UnavailableError(NOMINATION_UNCONFIRMED);
        throw e;
      }
      await this.repo.transaction(async (em) => {
        await this.repo.deleteSubmittedNomination(row.id, em);
        if (createdPersonId) await this.repo.deletePersonIfUnreferenced(createdPersonId, em);
      });
      // Refused now, but an earlier send of the same Update was taken meanwhile: the nomination stands.
      const after = await this.repo.nominationState(row.id);
      if (after !== null && after !== 'submitted') return { accepted: true };
      return { accepted: false, error: e };
    }
  }

  /** The view of a nomination the workflow took; its sender has now had the answer. */
  private async confirmed(nominationId: string): Promise<NominationView> {
    await this.repo.markConfirmed(nominationId);
    return this.repo.nominationView(nominationId);
  }

  private async group(id: string): Promise<WorkingGroup> {
    const g = await this.repo.findGroup(id);
    if (!g) throw new NotFoundError(GROUP_NOT_FOUND);
    return g;
  }

  private async request(id: string): Promise<NominationRequest> {
    const r = await this.repo.findRequest(id);
    if (!r) throw new NotFoundError(REQUEST_NOT_FOUND);
    return r;
  }

  private async nomination(groupId: string, id: string): Promise<Nomination> {
    const n = await this.repo.findNomination(groupId, id);
    if (!n || n.state === 'submitted') throw new NotFoundError(NOMINATION_NOT_FOUND);
    return n;
  }
}

const GROUP_ENDED = 'Gruppen har avslutats: rekryteringen är stängd.';

/** Nothing more is recruited to an ended group: 409 before any other check (issue 16 #1). */
function refuseEndedGroup(group: WorkingGroup): void {
  if (group.recruitmentState === 'ended') throw new ConflictError(GROUP_ENDED);
}

/** What the workflow is told about a kept nomination. */
function toStored(n: StoredNomination): StoredNomination {
  return {
    id: n.id,
    personId: n.personId,
    representation: n.representation,
    requestId: n.requestId,
    organisationId: n.organisationId,
    nominatedBy: n.nominatedBy,
  };
}

/**
 * The answer to a nomination shows the nominee as the caller sent them, never the stored person: the e-mail
 * address may be of a person already registered (one person per address), whose name and perspective the caller
 * may not see (review finding s2 (5)). The coordinator's list (`GET …/nominations`) shows the stored person.
 */
function asSent(view: NominationView, dto: NominateDto): NominationView {
  return { ...view, nominee: { personId: view.nominee.personId, fullName: dto.fullName.trim(), email: dto.email.trim(), perspective: dto.perspective } };
}
