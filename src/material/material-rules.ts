import { addDays } from '../common/stockholm-time';

/**
 * Material on time (issue 19 #3): a meeting's material is due `noticeDays` before the meeting (the group's notice
 * policy, default 14 days, so an organisation can anchor its position). Pure: no I/O.
 */

export const MATERIAL_NOTICE = { defaultDays: 14, minDays: 1, maxDays: 60 } as const;

export const MATERIAL_STATUSES = ['on-time', 'late', 'not-sent-overdue', 'not-due-yet'] as const;
/**
 * - `on-time`: sent on or before the due day;
 * - `late`: sent after the due day (flagged);
 * - `not-sent-overdue`: not recorded as sent, and the due day has passed (flagged);
 * - `not-due-yet`: not sent yet, and the due day is today or later.
 */
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

export interface MaterialCheck {
  /** The last day the material is on time: the meeting's date minus the notice days. */
  dueBy: string;
  /** Whole days between sending and the meeting; null when not sent. */
  daysBefore: number | null;
  status: MaterialStatus;
  flagged: boolean;
}

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/** Days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Whether a meeting on `meetingDate` got its material in time under `noticeDays`, as of `today`. */
export function checkMaterial(meetingDate: string, materialSentOn: string | null, noticeDays: number, today: string): MaterialCheck {
  const dueBy = addDays(meetingDate, -noticeDays);
  if (materialSentOn !== null) {
    const late = materialSentOn > dueBy;
    return { dueBy, daysBefore: daysBetween(materialSentOn, meetingDate), status: late ? 'late' : 'on-time', flagged: late };
  }
  const overdue = today > dueBy;
  return { dueBy, daysBefore: null, status: overdue ? 'not-sent-overdue' : 'not-due-yet', flagged: overdue };
}
