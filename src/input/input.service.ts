import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { MailRequest } from '../../workflows/notifications';
import { appendAudit } from '../audit/audit-log.repository';
import { AccessPolicy } from '../auth/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { stockholmDate } from '../common/stockholm-time';
import { LOGGER } from '../logging/logger';
import { Mailer } from '../mail/mailer';
import type { AnswerEvaluationDto, ChangeInputItemDto, RecordInputItemDto } from './dto/input.dto';
import { aggregateEvaluations, cleanText, EVALUATION_QUESTION, evaluationOpen, EvaluationAggregate, InputOutcome, outcomeProblems } from './input-rules';
import { AssignmentOfInput, InputItemRow, InputRepository } from './input.repository';

/** An input item as the API answers it. Plain text: never HTML (the web app shows it as text). */
export interface InputItemView {
  id: string;
  activityId: string;
  activityTitle: string;
  activityDate: string | null;
  raised: string;
  raisedByAssignmentId: string | null;
  raisedByName: string | null;
  outcome: InputOutcome | null;
  reason: string | null;
  guidelineSection: string | null;
  outcomeRecordedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EvaluationAnswerView {
  score: number;
  comment: string | null;
  answeredAt: Date;
  updatedAt: Date;
}

/** A representative's evaluation for an assignment and year: the question, their answer, whether it can be given. */
export interface EvaluationView {
  assignmentId: string;
  year: number;
  question: string;
  open: boolean;
  answer: EvaluationAnswerView | null;
}

/** What an assignment's page shows of the group's input: every item of the group's meetings, and this year's evaluation. */
export interface AssignmentInputView {
  assignmentId: string;
  groupId: string;
  items: InputItemView[];
  /** The current year's evaluation; null for whoever is not the representative (only they answer it). */
  evaluation: EvaluationView | null;
}

/** States of an assignment that has not (yet) been taken up: not a representative of the group. */
const NOT_TAKEN_UP = new Set(['nominated', 'declined']);
const ASSIGNMENT_NOT_FOUND = 'Uppdraget finns inte.';

const view = (r: InputItemRow): InputItemView => ({
  id: r.id,
  activityId: r.activityId,
  activityTitle: r.activityTitle,
  activityDate: r.activityDate,
  raised: r.raised,
  raisedByAssignmentId: r.raisedByAssignmentId,
  raisedByName: r.raisedByName,
  outcome: r.outcome,
  reason: r.reason,
  guidelineSection: r.guidelineSection,
  outcomeRecordedAt: r.outcomeRecordedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const today = () => stockholmDate(new Date());

/**
 * How your input was used (issue 19 #1). Per activity of a group the coordinator records what the patient and
 * närstående representatives raised and what became of it; each recorded outcome is mailed (outbox, in the same
 * transaction as the outcome, one mail per outcome and representative) to the representatives called to the activity
 * and to the one who raised it. Representatives see every item of their group's activities on their assignment's
 * page; an organisation contact sees them for the representatives it nominated with mandate. Once a year each
 * representative answers "Kom din kunskap till användning?"; coordinators see the aggregate only.
 *
 * Read by the yearly report (issue 16 §3.2): `forGroupYear(groupId, year)` and `evaluationForGroupYear(groupId, year)`.
 */
@Injectable()
export class InputService {
  constructor(
    @Inject(InputRepository) private readonly repo: InputRepository,
    @Inject(AccessPolicy) private readonly policy: AccessPolicy,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The group's input items of activities dated in the year, by date (for the group's page and the yearly report). */
  async forGroupYear(groupId: string, year: number): Promise<InputItemView[]> {
    if (!(await this.repo.groupExists(groupId))) throw new NotFoundError('Gruppen finns inte.');
    return (await this.repo.itemsOfGroup(groupId, `${year}-01-01`, `${year}-12-31`)).map(view);
  }

  /** The aggregate of the group's answers for the year: no figures and no free texts for fewer than 3 answers. */
  async evaluationForGroupYear(groupId: string, year: number): Promise<EvaluationAggregate> {
    if (!(await this.repo.groupExists(groupId))) throw new NotFoundError('Gruppen finns inte.');
    return aggregateEvaluations(year, await this.repo.evaluationsOfGroup(groupId, year));
  }

  async listForActivity(activityId: string): Promise<InputItemView[]> {
    await this.meetingOf(activityId);
    return (await this.repo.itemsOfActivity(activityId)).map(view);
  }

  async record(activityId: string, dto: RecordInputItemDto, user: AuthUser): Promise<InputItemView> {
    const activity = await this.meetingOf(activityId);
    const fields = {
      raised: cleanText(dto.raised),
      raisedByAssignmentId: dto.raisedByAssignmentId ?? null,
      outcome: dto.outcome ?? null,
      reason: cleanText(dto.reason),
      guidelineSection: cleanText(dto.guidelineSection),
    };
    if (fields.raised === null) throw new InvalidInputError('Skriv vad som togs upp.', { raised: ['Skriv vad som togs upp.'] });
    await this.check(activity.groupId, fields.raisedByAssignmentId, fields.outcome, fields.reason);
    const id = dto.id ?? randomUUID();
    const mails: MailRequest[] = [];
    const inserted = await this.repo.transaction(async (em) => {
      const wrote = await this.repo.insertItem(em, { id, activityId, groupId: activity.groupId, ...fields, raised: fields.raised as string, actor: user.id });
      if (!wrote) return false;
      await appendAudit(em, {
        actor: user.id,
        action: 'input-item.recorded',
        subjectType: 'input_item',
        subjectId: id,
        details: { activityId, groupId: activity.groupId, outcome: fields.outcome, raisedBy: fields.raisedByAssignmentId, guidelineSection: fields.guidelineSection !== null },
      });
      if (fields.outcome !== null) mails.push(...(await this.stageOutcomeMails(em, id, activity.groupId, 1)));
      return true;
    });
    const stored = await this.repo.item(id);
    if (!stored) throw new ConflictError('Inspelet kunde inte sparas. Försök igen.');
    if (!inserted) {
      // The same client id again: the stored item when it is the same input, else a conflict.
      const same =
        stored.activityId === activityId &&
        stored.raised === fields.raised &&
        stored.raisedByAssignmentId === fields.raisedByAssignmentId &&
        stored.outcome === fields.outcome &&
        stored.reason === fields.reason &&
        stored.guidelineSection === fields.guidelineSection;
      if (!same) throw new ConflictError('Ett annat inspel finns redan med detta id.');
      return view(stored);
    }
    await this.deliver(mails);
    return view(stored);
  }

  async change(itemId: string, dto: ChangeInputItemDto, user: AuthUser): Promise<InputItemView> {
    const mails: MailRequest[] = [];
    await this.repo.transaction(async (em) => {
      const current = await this.repo.lockItem(itemId, em);
      if (!current) throw new NotFoundError('Inspelet finns inte.');
      const next = {
        raised: dto.raised !== undefined ? cleanText(dto.raised) : current.raised,
        raisedByAssignmentId: dto.raisedByAssignmentId !== undefined ? dto.raisedByAssignmentId : current.raisedByAssignmentId,
        outcome: dto.outcome !== undefined ? dto.outcome : current.outcome,
        reason: dto.reason !== undefined ? cleanText(dto.reason) : current.reason,
        guidelineSection: dto.guidelineSection !== undefined ? cleanText(dto.guidelineSection) : current.guidelineSection,
      };
      if (next.raised === null) throw new InvalidInputError('Skriv vad som togs upp.', { raised: ['Skriv vad som togs upp.'] });
      // An outcome taken away takes its reason with it.
      if (next.outcome === null && dto.reason === undefined) next.reason = null;
      await this.check(current.groupId, next.raisedByAssignmentId, next.outcome, next.reason);
      const outcomeChanged = next.outcome !== current.outcome || next.reason !== current.reason;
      const revision = outcomeChanged && next.outcome !== null ? current.outcomeRevision + 1 : current.outcomeRevision;
      const changed =
        outcomeChanged ||
        next.raised !== current.raised ||
        next.raisedByAssignmentId !== current.raisedByAssignmentId ||
        next.guidelineSection !== current.guidelineSection;
      if (!changed) return;
      await this.repo.updateItem(em, itemId, { ...next, raised: next.raised, outcomeRevision: revision, actor: user.id }, outcomeChanged);
      await appendAudit(em, {
        actor: user.id,
        action: 'input-item.changed',
        subjectType: 'input_item',
        subjectId: itemId,
        details: {
          activityId: current.activityId,
          groupId: current.groupId,
          outcome: { from: current.outcome, to: next.outcome },
          revision,
          fields: Object.keys(next).filter((k) => next[k as keyof typeof next] !== current[k as keyof InputItemRow]),
        },
      });
      if (outcomeChanged && next.outcome !== null) mails.push(...(await this.stageOutcomeMails(em, itemId, current.groupId, revision)));
    });
    await this.deliver(mails);
    const stored = await this.repo.item(itemId);
    if (!stored) throw new NotFoundError('Inspelet finns inte.');
    return view(stored);
  }

  /** The input of an assignment's group as its page shows it (the representative, a coordinator, an administrator, a mandating organisation). */
  async forAssignment(assignmentId: string, user: AuthUser): Promise<AssignmentInputView> {
    const a = await this.visibleAssignment(assignmentId, user);
    const items = NOT_TAKEN_UP.has(a.state) ? [] : (await this.repo.allItemsOfGroup(a.groupId)).map(view);
    const mine = user.personId !== null && user.personId === a.personId;
    return { assignmentId, groupId: a.groupId, items, evaluation: mine ? await this.evaluationView(a, Number(today().slice(0, 4))) : null };
  }

  /** The representative's own evaluation for a year. */
  async evaluation(assignmentId: string, year: number, user: AuthUser): Promise<EvaluationView> {
    return this.evaluationView(await this.ownAssignment(assignmentId, user), year);
  }

  async answerEvaluation(assignmentId: string, year: number, dto: AnswerEvaluationDto, user: AuthUser): Promise<EvaluationView> {
    const a = await this.ownAssignment(assignmentId, user);
    if (NOT_TAKEN_UP.has(a.state)) throw new ConflictError('Uppdraget har inte börjat: det finns inget att utvärdera ännu.');
    if (!evaluationOpen(year, today())) throw new ConflictError(`Utvärderingen för ${year} kan inte besvaras nu.`, { year: ['Svara för innevarande eller förra året.'] });
    const comment = cleanText(dto.comment);
    await this.repo.transaction(async (em) => {
      await this.repo.upsertEvaluation(em, { id: randomUUID(), assignmentId, groupId: a.groupId, year, score: dto.score, comment });
      // The answer itself is not in the audit log: with the actor it would tell whose answer is whose.
      await appendAudit(em, { actor: user.id, action: 'input-evaluation.answered', subjectType: 'assignment', subjectId: assignmentId, details: { year } });
    });
    return this.evaluationView(a, year);
  }

  private async evaluationView(a: AssignmentOfInput, year: number): Promise<EvaluationView> {
    const e = await this.repo.evaluation(a.id, year);
    return {
      assignmentId: a.id,
      year,
      question: EVALUATION_QUESTION,
      open: !NOT_TAKEN_UP.has(a.state) && evaluationOpen(year, today()),
      answer: e ? { score: e.score, comment: e.comment, answeredAt: e.answeredAt, updatedAt: e.updatedAt } : null,
    };
  }

  /** The assignment when it is the user's own (the representative answers their evaluation themself), else the 404. */
  private async ownAssignment(assignmentId: string, user: AuthUser): Promise<AssignmentOfInput> {
    const a = await this.repo.assignment(assignmentId);
    if (!a || user.personId === null || a.personId !== user.personId) throw new NotFoundError(ASSIGNMENT_NOT_FOUND);
    return a;
  }

  /**
   * The assignment when the user may see its group's input: the representative, a coordinator of the group, an
   * administrator, or a contact of the organisation that nominated the representative with mandate (not one who
   * represents only their own experience). Anyone else: the 404 of a missing assignment.
   */
  private async visibleAssignment(assignmentId: string, user: AuthUser): Promise<AssignmentOfInput> {
    const a = await this.repo.assignment(assignmentId);
    if (!a) throw new NotFoundError(ASSIGNMENT_NOT_FOUND);
    if (user.personId !== null && a.personId === user.personId) return a;
    if (this.policy.isAdmin(user) || (await this.policy.coordinates(user, a.groupId))) return a;
    const mandated = a.representation === 'mandate' || a.representation === 'both';
    if (mandated && a.nominatingOrganisationId !== null && this.policy.speaksFor(user, a.nominatingOrganisationId)) return a;
    throw new NotFoundError(ASSIGNMENT_NOT_FOUND);
  }

  /** The activity, when input can be recorded for it: one of the group's own activities, not an agreement's. */
  private async meetingOf(activityId: string) {
    const activity = await this.repo.activity(activityId);
    if (!activity) throw new NotFoundError('Aktiviteten finns inte.');
    if (activity.assignmentId !== null)
      throw new ConflictError('Inspel skrivs för gruppens möten och aktiviteter, inte för en överenskommelses eget arbete.');
    return activity;
  }

  private async check(groupId: string, raisedBy: string | null, outcome: InputOutcome | null, reason: string | null): Promise<void> {
    const problems = outcomeProblems(outcome, reason);
    if (raisedBy !== null) {
      const a = await this.repo.assignment(raisedBy);
      if (!a || a.groupId !== groupId || NOT_TAKEN_UP.has(a.state)) problems.raisedByAssignmentId = ['Välj en av gruppens företrädare.'];
    }
    if (Object.keys(problems).length) throw new InvalidInputError('Inspelet är inte giltigt. Rätta fälten och försök igen.', problems);
  }

  /** Writes the outcome's mail to each representative called to the activity and the one who raised it, in `em`. */
  private async stageOutcomeMails(em: Parameters<Mailer['stage']>[1], itemId: string, groupId: string, revision: number): Promise<MailRequest[]> {
    const requests: MailRequest[] = (await this.repo.recipientsOf(itemId, em)).map((r) => ({
      key: `input-outcome:${itemId}:r${revision}:${r.assignmentId}`,
      template: 'input-outcome',
      to: { kind: 'person', personId: r.personId },
      params: { groupId, assignmentId: r.assignmentId, personId: r.personId, inputItemId: itemId },
    }));
    for (const req of requests) await this.mailer.stage(req, em);
    return requests;
  }

  /** Delivers staged mails (with SMTP; the outbox already holds them either way). A failed delivery stays in the outbox as `sending` with its error. */
  private async deliver(mails: MailRequest[]): Promise<void> {
    for (const m of mails) {
      try {
        await this.mailer.send(m);
      } catch (e) {
        this.logger.warn({ err: (e as Error).message, template: m.template }, 'input outcome mail not delivered now; it stays in the outbox');
      }
    }
  }
}
