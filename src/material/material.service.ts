import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log.repository';
import type { AuthUser } from '../auth/auth-user';
import { NotFoundError } from '../common/errors';
import { stockholmDate } from '../common/stockholm-time';
import { checkMaterial, MaterialStatus } from './material-rules';
import { MaterialRepository } from './material.repository';

/** One meeting's material against the group's notice policy. */
export interface MeetingMaterialView {
  activityId: string;
  title: string;
  date: string;
  materialSentOn: string | null;
  dueBy: string;
  daysBefore: number | null;
  status: MaterialStatus;
  flagged: boolean;
}

/** A group's meetings of a year with their material's timeliness under the group's notice policy. */
export interface MaterialTimelinessView {
  groupId: string;
  year: number;
  noticeDays: number;
  /** The day the figures are for (Stockholm): a material not yet sent is flagged once its due day has passed. */
  asOf: string;
  meetings: MeetingMaterialView[];
  flaggedCount: number;
}

export interface MaterialPolicyView {
  groupId: string;
  noticeDays: number;
}

const NOT_FOUND = 'Gruppen finns inte.';

/**
 * Material on time (issue 19 #3). A group's meetings have their date and their material's send date (the activity's
 * `materialSentOn`, which the coordinator records); the group's notice policy says how many days before a meeting
 * the material is due (default 14, 1–60). Material sent later, or not sent once the due day has passed, is flagged:
 * on the group's page, as a task for its coordinators, and to the yearly report through
 * `lateForGroupYear(groupId, year)` (and `timelinessForGroupYear`). Flags are computed with the policy as it is now.
 */
@Injectable()
export class MaterialService {
  constructor(@Inject(MaterialRepository) private readonly repo: MaterialRepository) {}

  async timelinessForGroupYear(groupId: string, year: number, today = stockholmDate(new Date())): Promise<MaterialTimelinessView> {
    const noticeDays = await this.repo.noticeDays(groupId);
    if (noticeDays === null) throw new NotFoundError(NOT_FOUND);
    const meetings = (await this.repo.meetingsOfGroup(groupId, `${year}-01-01`, `${year}-12-31`)).map((m) => ({
      activityId: m.activityId,
      title: m.title,
      date: m.date,
      materialSentOn: m.materialSentOn,
      ...checkMaterial(m.date, m.materialSentOn, noticeDays, today),
    }));
    return { groupId, year, noticeDays, asOf: today, meetings, flaggedCount: meetings.filter((m) => m.flagged).length };
  }

  /** The group's flagged meetings of the year (material sent late, or not sent once due): for the yearly report. */
  async lateForGroupYear(groupId: string, year: number, today = stockholmDate(new Date())): Promise<MaterialTimelinessView> {
    const all = await this.timelinessForGroupYear(groupId, year, today);
    return { ...all, meetings: all.meetings.filter((m) => m.flagged) };
  }

  async policy(groupId: string): Promise<MaterialPolicyView> {
    const noticeDays = await this.repo.noticeDays(groupId);
    if (noticeDays === null) throw new NotFoundError(NOT_FOUND);
    return { groupId, noticeDays };
  }

  async setPolicy(groupId: string, noticeDays: number, user: AuthUser): Promise<MaterialPolicyView> {
    await this.repo.transaction(async (em) => {
      const before = await this.repo.lockNoticeDays(groupId, em);
      if (before === null) throw new NotFoundError(NOT_FOUND);
      if (before === noticeDays) return;
      await this.repo.setNoticeDays(groupId, noticeDays, em);
      await appendAudit(em, {
        actor: user.id,
        action: 'material-policy.changed',
        subjectType: 'working_group',
        subjectId: groupId,
        details: { noticeDays: { from: before, to: noticeDays } },
      });
    });
    return { groupId, noticeDays };
  }
}
