import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface MeetingMaterialRow {
  activityId: string;
  groupId: string;
  title: string;
  date: string;
  materialSentOn: string | null;
}

type RawMeeting = { id: string; group_id: string; title: string; activity_date: string; material_sent_on: string | null };
const toMeeting = (r: RawMeeting): MeetingMaterialRow => ({ activityId: r.id, groupId: r.group_id, title: r.title, date: r.activity_date, materialSentOn: r.material_sent_on });

const MEETING_SELECT = `SELECT id, group_id, title, to_char(activity_date, 'YYYY-MM-DD') AS activity_date, to_char(material_sent_on, 'YYYY-MM-DD') AS material_sent_on
  FROM group_activity WHERE kind = 'meeting' AND assignment_id IS NULL AND activity_date IS NOT NULL`;

/** Groups' notice policies and their meetings' material dates (src/material; migration 1766010000000). */
@Injectable()
export class MaterialRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** The group's notice days, or null when the group does not exist. */
  async noticeDays(groupId: string, em?: EntityManager): Promise<number | null> {
    const rows: Array<{ material_notice_days: number }> = await (em ?? this.ds).query(`SELECT material_notice_days FROM working_group WHERE id = $1`, [groupId]);
    return rows[0]?.material_notice_days ?? null;
  }

  /** Locks the group's row and answers its notice days (null: no such group). */
  async lockNoticeDays(groupId: string, em: EntityManager): Promise<number | null> {
    const rows: Array<{ material_notice_days: number }> = await em.query(`SELECT material_notice_days FROM working_group WHERE id = $1 FOR UPDATE`, [groupId]);
    return rows[0]?.material_notice_days ?? null;
  }

  async setNoticeDays(groupId: string, days: number, em: EntityManager): Promise<void> {
    await em.query(`UPDATE working_group SET material_notice_days = $2 WHERE id = $1`, [groupId, days]);
  }

  /** The group's meetings dated from `from` to `to`, by date. */
  async meetingsOfGroup(groupId: string, from: string, to: string): Promise<MeetingMaterialRow[]> {
    const rows: RawMeeting[] = await this.ds.query(`${MEETING_SELECT} AND group_id = $1 AND activity_date BETWEEN $2 AND $3 ORDER BY activity_date, start_time NULLS LAST, id`, [
      groupId,
      from,
      to,
    ]);
    return rows.map(toMeeting);
  }

  /** The meetings of these groups from `from` on, with each group's notice days (for the coordinators' tasks). */
  async upcomingMeetings(groupIds: readonly string[], from: string): Promise<Array<MeetingMaterialRow & { noticeDays: number }>> {
    if (groupIds.length === 0) return [];
    const rows: Array<RawMeeting & { material_notice_days: number }> = await this.ds.query(
      `SELECT a.id, a.group_id, a.title, to_char(a.activity_date, 'YYYY-MM-DD') AS activity_date, to_char(a.material_sent_on, 'YYYY-MM-DD') AS material_sent_on, g.material_notice_days
       FROM group_activity a JOIN working_group g ON g.id = a.group_id
       WHERE a.kind = 'meeting' AND a.assignment_id IS NULL AND a.activity_date >= $2 AND a.group_id = ANY($1::uuid[])
       ORDER BY a.activity_date, a.id LIMIT 500`,
      [groupIds, from],
    );
    return rows.map((r) => ({ ...toMeeting(r), noticeDays: r.material_notice_days }));
  }
}
