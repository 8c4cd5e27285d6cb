import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { renderTemplate, yearlyReportSv, type YearlyReportData } from '../../templates';
import { appendAudit } from '../audit/audit-log.repository';
import type { AuthUser } from '../auth/auth-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { stockholmDate } from '../common/stockholm-time';
import { DocumentsService, sha256Hex } from '../documents';
import { renderOffThread } from '../documents/pdf-render-pool';
import { LOGGER } from '../logging/logger';
import { WorkingGroupsService } from '../working-groups/working-groups.service';
import type { GroupKind } from '../working-groups/working-group.entity';
import { GroupReviewRow, GroupReviewsRepository, ReviewActivityRow, ReviewGroupRow, ReviewParticipationRow } from './group-reviews.repository';
import { ACTIVITY_KIND_SV, assignmentStateSv, GROUP_KIND_SV, MODE_SV, PERSPECTIVE_SV, REPRESENTATION_SV } from './report-labels';
import {
  isDueInWindow,
  openReviewWindow,
  REVIEW_DECISION_LABELS_SV,
  REVIEW_POLICY_LIMITS,
  reviewingGroupId,
  windowOf,
  type ReviewDecision,
  type ReviewPolicy,
  type ReviewWindow,
} from './review-policy';

export interface ReviewRepresentativeView {
  assignmentId: string;
  name: string;
  perspective: string | null;
  representation: string;
  organisationName: string | null;
  since: string;
  state: string;
  endedOn: string | null;
}

export interface ReviewDecisionView {
  decision: ReviewDecision;
  changes: string | null;
  decidedByName: string | null;
  decidedAt: Date;
  /** The yearly report stored when the decision was recorded, with its SHA-256 (null until it is stored). */
  document: { id: string; sha256: string } | null;
}

/** A group's review of one year: what it shows and where it stands. */
export interface GroupReviewView {
  groupId: string;
  groupName: string;
  groupKind: GroupKind;
  parentName: string | null;
  year: number;
  /** The group whose coordinators make the review: the NPO (or NSG) above it, or the group itself. */
  reviewedBy: { groupId: string; name: string };
  opensOn: string;
  dueOn: string;
  /** This is the review that is open now (the one a decision can be recorded for). */
  open: boolean;
  /** Open, undecided, and its last day has passed. */
  overdue: boolean;
  groupEnded: boolean;
  /** A decision can be recorded now; else `cannotDecideReason` says why. */
  canDecide: boolean;
  cannotDecideReason: string | null;
  staffing: { minimum: number; active: number; belowMinimumSince: Date | null; representatives: ReviewRepresentativeView[] };
  activities: ReviewActivityRow[];
  participation: ReviewParticipationRow[];
  decision: ReviewDecisionView | null;
}

export interface ReviewPolicyView extends ReviewPolicy {
  updatedAt: Date;
  /** The review open now under the policy. */
  openYear: number;
  opensOn: string;
  dueOn: string;
}

export interface RecordDecisionInput {
  decision: ReviewDecision;
  changes?: string | null;
  confirmEnd?: boolean;
}

export interface ReportDownload {
  fileName: string;
  sha256: string;
  content: Buffer;
  /** A stored report (the decision's) or a draft rendered now. */
  stored: boolean;
}

const NOT_FOUND = 'Gruppen finns inte.';
const CHANGES_MAX = 2000;

/**
 * The group's yearly review by its NPO (issue 16, §3.2). Derived from the database, no workflow: a group is due when
 * the policy's review month has begun and it has no decision for the year (`isDueInWindow`); the decision is a row
 * unique per group and year (`group_review_once`), audited, with the yearly report stored with its SHA-256; 'end'
 * ends the group through WorkingGroupsService.end, as the group page does.
 */
@Injectable()
export class GroupReviewsService {
  constructor(
    @Inject(GroupReviewsRepository) private readonly repo: GroupReviewsRepository,
    @Inject(DocumentsService) private readonly documents: DocumentsService,
    @Inject(WorkingGroupsService) private readonly groups: WorkingGroupsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async policy(): Promise<ReviewPolicyView> {
    const p = await this.repo.policy();
    const w = openReviewWindow(p, Date.now());
    return { reviewMonth: p.reviewMonth, minAgeDays: p.minAgeDays, updatedAt: p.updatedAt, openYear: w.year, opensOn: w.opensOn, dueOn: w.dueOn };
  }

  async savePolicy(input: ReviewPolicy, user: AuthUser): Promise<ReviewPolicyView> {
    const L = REVIEW_POLICY_LIMITS;
    const fields: Record<string, string[]> = {};
    if (!Number.isInteger(input.reviewMonth) || input.reviewMonth < L.reviewMonth.min || input.reviewMonth > L.reviewMonth.max) fields.reviewMonth = ['Ange en månad från 1 till 12.'];
    if (!Number.isInteger(input.minAgeDays) || input.minAgeDays < L.minAgeDays.min || input.minAgeDays > L.minAgeDays.max) fields.minAgeDays = ['Ange ett antal dagar från 0 till 3650.'];
    if (Object.keys(fields).length) throw new InvalidInputError('Policyn för den årliga översynen är inte giltig.', fields);
    const before = await this.repo.policy();
    await this.repo.transaction(async (em) => {
      await this.repo.savePolicy(input, user.id, em);
      await appendAudit(em, {
        actor: user.id,
        action: 'group-review.policy-updated',
        subjectType: 'group_review_policy',
        subjectId: '1',
        details: { before: { reviewMonth: before.reviewMonth, minAgeDays: before.minAgeDays }, after: { reviewMonth: input.reviewMonth, minAgeDays: input.minAgeDays } },
      });
    });
    return this.policy();
  }

  /** The groups `reviewerGroupIds` review whose open review has no decision: the coordinators' tasks. */
  async dueFor(reviewerGroupIds: readonly string[], nowMs = Date.now()): Promise<Array<{ group: ReviewGroupRow; window: ReviewWindow }>> {
    if (!reviewerGroupIds.length) return [];
    const policy = await this.repo.policy();
    const window = openReviewWindow(policy, nowMs);
    const rows = await this.repo.undecidedGroupsReviewedBy(reviewerGroupIds, window.year);
    return rows.filter((g) => isDueInWindow(g, policy, window)).map((group) => ({ group, window }));
  }

  async view(groupId: string, year: number): Promise<GroupReviewView> {
    const group = await this.findGroup(groupId);
    const policy = await this.repo.policy();
    const now = Date.now();
    const open = openReviewWindow(policy, now);
    const window = windowOf(policy, year);
    const [review, reviewer, figures] = await Promise.all([this.repo.reviewOf(groupId, year), this.reviewer(group), this.figures(group, year)]);
    const refusal = review ? this.alreadyDecided(group, review) : this.whyNotDecidable(group, policy, open, year);
    return {
      groupId: group.id,
      groupName: group.name,
      groupKind: group.kind,
      parentName: group.parentName,
      year,
      reviewedBy: reviewer,
      opensOn: window.opensOn,
      dueOn: window.dueOn,
      open: year === open.year,
      overdue: year === open.year && !review && now >= window.dueAt && isDueInWindow(group, policy, open),
      groupEnded: group.ended,
      canDecide: refusal === null,
      cannotDecideReason: refusal,
      ...figures,
      decision: review
        ? {
            decision: review.decision,
            changes: review.changes,
            decidedByName: review.decidedByName,
            decidedAt: review.decidedAt,
            document: review.documentId && review.documentSha256 ? { id: review.documentId, sha256: review.documentSha256 } : null,
          }
        : null,
    };
  }

  /**
   * Records the decision of the group's open review, once (a second answers 409, also when two arrive at once: the
   * database's `group_review_once`), with an audit line and the yearly report stored with its SHA-256; 'end' then
   * ends the group. Repeating an 'end' whose group did not end (the engine was unavailable) finishes ending it.
   */
  async decide(groupId: string, year: number, input: RecordDecisionInput, user: AuthUser): Promise<GroupReviewView> {
    const group = await this.findGroup(groupId);
    const existing = await this.repo.reviewOf(groupId, year);
    if (existing) {
      if (existing.decision === 'end' && input.decision === 'end' && !group.ended && input.confirmEnd === true) {
        await this.endGroup(group.id, user);
        return this.view(groupId, year);
      }
      throw new ConflictError(this.alreadyDecided(group, existing));
    }
    const policy = await this.repo.policy();
    const refusal = this.whyNotDecidable(group, policy, openReviewWindow(policy, Date.now()), year);
    if (refusal) throw new ConflictError(refusal);
    const changes = this.checkDecision(input);

    const reviewId = randomUUID();
    const decidedAt = new Date();
    const decidedBy = (await this.repo.userName(user.id)) ?? user.email;
    const data = await this.reportData(group, year, decidedAt, {
      label: REVIEW_DECISION_LABELS_SV[input.decision],
      changes,
      decidedBy,
      decidedOn: stockholmDate(decidedAt),
    });
    try {
      await this.repo.transaction(async (em) => {
        await this.repo.insertReview(em, { id: reviewId, groupId, year, decision: input.decision, changes, decidedBy: user.id, decidedAt, reportData: data });
        await appendAudit(em, {
          actor: user.id,
          action: 'group-review.decided',
          subjectType: 'working_group',
          subjectId: groupId,
          idempotencyKey: `group-review:${groupId}:${year}`,
          details: { year, decision: input.decision, reviewId, changed: changes !== null },
        });
      });
    } catch (e) {
      if ((e as { code?: string; driverError?: { code?: string } }).code === '23505' || (e as { driverError?: { code?: string } }).driverError?.code === '23505') {
        const other = await this.repo.reviewOf(groupId, year);
        throw new ConflictError(other ? this.alreadyDecided(group, other) : `Översynen av ${group.name} för ${year} är redan beslutad.`);
      }
      throw e;
    }
    await this.storeReport(reviewId, groupId, data, user.id).catch((e: unknown) => {
      // The decision stands; the report is stored from its kept data on the next download.
      this.logger.warn({ err: e instanceof Error ? e.message : String(e), reviewId }, 'yearly report not stored with the decision; it is stored on download');
    });
    if (input.decision === 'end') await this.endGroup(group.id, user);
    return this.view(groupId, year);
  }

  /** The yearly report: the decision's stored PDF (stored now from its kept data if that failed before), or a draft. */
  async report(groupId: string, year: number, user: AuthUser): Promise<ReportDownload> {
    const group = await this.findGroup(groupId);
    const review = await this.repo.reviewOf(groupId, year);
    if (review) {
      const documentId = review.documentId ?? (await this.storeReport(review.id, groupId, review.reportData as unknown as YearlyReportData, user.id));
      const file = await this.documents.download(documentId, user.id);
      return { fileName: file.fileName, sha256: file.sha256, content: file.content, stored: true };
    }
    const data = await this.reportData(group, year, new Date(), null);
    const rendered = await renderOffThread(yearlyReportSv.id, yearlyReportSv.version, data, () => renderTemplate(yearlyReportSv, data));
    return { fileName: `${yearlyReportSv.fileName(data)}-utkast.pdf`, sha256: sha256Hex(rendered.pdf), content: rendered.pdf, stored: false };
  }

  private async storeReport(reviewId: string, groupId: string, data: YearlyReportData, actor: string): Promise<string> {
    const doc = await this.documents.generate({
      template: 'yearly-report.sv',
      data,
      subject: { type: 'group', id: groupId },
      actor,
      idempotencyKey: `yearly-report:${reviewId}`,
    });
    await this.repo.setDocument(reviewId, doc.id);
    return doc.id;
  }

  private async endGroup(groupId: string, user: AuthUser): Promise<void> {
    try {
      await this.groups.end(groupId, user);
    } catch (e) {
      // Already ended (by the group page meanwhile): what the decision asked for has happened.
      if (!(e instanceof ConflictError)) throw e;
    }
  }

  private checkDecision(input: RecordDecisionInput): string | null {
    const changes = typeof input.changes === 'string' ? input.changes.trim() : '';
    if (input.decision === 'change') {
      if (!changes) throw new InvalidInputError('Beskriv vilka förändringar som ska göras i gruppen.', { changes: ['Beskriv förändringarna.'] });
      if (changes.length > CHANGES_MAX) throw new InvalidInputError(`Förändringarna får vara högst ${CHANGES_MAX} tecken.`, { changes: [`Högst ${CHANGES_MAX} tecken.`] });
      return changes;
    }
    if (changes) {
      throw new InvalidInputError('Förändringar anges bara när beslutet är att gruppen fortsätter med förändringar.', {
        changes: ['Lämna tomt, eller välj att gruppen fortsätter med förändringar.'],
      });
    }
    if (input.decision === 'end' && input.confirmEnd !== true) {
      throw new InvalidInputError('Bekräfta att gruppen ska avslutas. Rekryteringen stängs och alla uppdrag i gruppen avslutas; det går inte att ångra.', {
        confirmEnd: ['Bekräfta att gruppen ska avslutas.'],
      });
    }
    return null;
  }

  private alreadyDecided(group: ReviewGroupRow, review: GroupReviewRow): string {
    return `Översynen av ${group.name} för ${review.year} är redan beslutad: ${REVIEW_DECISION_LABELS_SV[review.decision].toLowerCase()} (${stockholmDate(review.decidedAt)}). Ett beslut kan inte ändras.`;
  }

  private whyNotDecidable(group: ReviewGroupRow, policy: ReviewPolicy, open: ReviewWindow, year: number): string | null {
    if (group.ended) return 'Gruppen är avslutad och ses inte över.';
    if (year !== open.year) {
      return `Översynen för ${year} är inte öppen. Den öppna översynen gäller ${open.year} och ska vara klar senast ${open.dueOn}.`;
    }
    if (!isDueInWindow(group, policy, open)) {
      if (group.endsOn !== null && group.endsOn < open.opensOn) return `Gruppens tid tog slut ${group.endsOn}, före översynen ${year}.`;
      return `Gruppen ses inte över ${year}: den bildades mindre än ${policy.minAgeDays} dagar före översynsmånaden. Första översynen blir ${year + 1}.`;
    }
    return null;
  }

  private async reviewer(group: ReviewGroupRow): Promise<{ groupId: string; name: string }> {
    const id = reviewingGroupId(group);
    if (id === group.id) return { groupId: id, name: group.name };
    return { groupId: id, name: group.parentName ?? '' };
  }

  private async figures(group: ReviewGroupRow, year: number) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [representatives, activities, participation] = await Promise.all([
      this.repo.representatives(group.id, from, to),
      this.repo.activities(group.id, from, to),
      this.repo.participation(group.id, from, to),
    ]);
    return {
      staffing: {
        minimum: group.minRepresentatives,
        active: representatives.filter((r) => r.state === 'active').length,
        belowMinimumSince: group.belowMinimumSince,
        representatives,
      },
      activities,
      participation,
    };
  }

  /** The yearly report's data: exactly what is printed (labels included), so the stored PDF re-renders the same. */
  private async reportData(group: ReviewGroupRow, year: number, at: Date, decision: YearlyReportData['decision']): Promise<YearlyReportData> {
    const policy = await this.repo.policy();
    const window = windowOf(policy, year);
    const reviewer = await this.reviewer(group);
    const f = await this.figures(group, year);
    return {
      generatedAt: at.toISOString(),
      year,
      group: { name: group.name, kindLabel: GROUP_KIND_SV[group.kind] ?? group.kind, parentName: group.parentName },
      reviewedBy: reviewer.groupId === group.id ? `${group.name} (gruppen själv)` : reviewer.name,
      dueOn: window.dueOn,
      staffing: {
        minimum: f.staffing.minimum,
        active: f.staffing.active,
        belowMinimumSince: f.staffing.belowMinimumSince ? stockholmDate(f.staffing.belowMinimumSince) : null,
        representatives: f.staffing.representatives.map((r) => ({
          name: r.name,
          perspectiveLabel: (r.perspective && PERSPECTIVE_SV[r.perspective]) || 'Inte angivet',
          representationLabel: `${REPRESENTATION_SV[r.representation] ?? r.representation}${r.organisationName ? ` (${r.organisationName})` : ''}`,
          since: r.since,
          stateLabel: assignmentStateSv(r.state, r.endedOn),
        })),
      },
      activities: f.activities.map((a) => ({
        date: a.date,
        title: a.title,
        kindLabel: `${ACTIVITY_KIND_SV[a.kind] ?? a.kind}${a.mode ? `, ${MODE_SV[a.mode] ?? a.mode}` : ''}`,
        called: a.called,
        reports: a.reports,
        materialSentOn: a.materialSentOn,
      })),
      participation: f.participation.map((p) => ({ name: p.name, called: p.called, reported: p.reported })),
      decision,
    };
  }

  private async findGroup(groupId: string): Promise<ReviewGroupRow> {
    const group = await this.repo.group(groupId);
    if (!group) throw new NotFoundError(NOT_FOUND);
    return group;
  }
}
