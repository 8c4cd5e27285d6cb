import type { AssignmentCarriedState, AssignmentPolicy, PeriodState, ReportingPeriodState } from '../assignment.messages';
import { isUuid } from '../checks';
import { toMs } from '../duration';
import { invalidInput, wrongState } from '../refusals';

/**
 * The reporting cycle of an active assignment: each period ends, the representative is asked to report by its
 * deadline (reminded `reportReminderBefore` it), a period with no report by then is missed, a submitted report not
 * attested within `attestWithin` after the deadline is unattested. Pure and deterministic.
 *
 * `running(p)`: the period has not ended yet. The workflow passes it in, since one case asks a patch lazily
 * (PATCH.assignmentSubmittedReportHook in versioning.ts): call it exactly where it was called before.
 */
export type Running = (p: ReportingPeriodState) => boolean;

/** Finalised periods kept in the state through continue-as-new (older ones live on in the read model). */
export const KEEP_PERIODS = 24;

export const reportReminderAt = (p: ReportingPeriodState, policy: AssignmentPolicy) => (p.dueAt === null ? null : p.dueAt - toMs(policy.reportReminderBefore));
export const attestDeadline = (p: ReportingPeriodState, policy: AssignmentPolicy) => (p.dueAt === null ? null : p.dueAt + toMs(policy.attestWithin));

/** A period that has ended, as recorded: its state then and its deadlines. */
export interface PeriodEnded {
  kind: 'period-ended';
  key: string;
  state: PeriodState;
  dueAt: number;
  endsAt: number;
}

/** Ends a period at `endsAt`: it gets its report deadline, and an open one waits for its report. */
export function closePeriod(p: ReportingPeriodState, endsAt: number, policy: AssignmentPolicy): PeriodEnded {
  p.endsAt = endsAt;
  p.dueAt = endsAt + toMs(policy.reportWithin);
  if (p.state === 'open') p.state = 'awaiting-report';
  return { kind: 'period-ended', key: p.key, state: p.state, dueAt: p.dueAt, endsAt };
}

export type PeriodEvent =
  | PeriodEnded
  | { kind: 'report-reminder'; key: string; dueAt: number | null }
  | { kind: 'report-missed'; key: string }
  | { kind: 'attestation-reminder'; key: string; attestBy: number | null }
  | { kind: 'report-unattested'; key: string };

/** What the periods' deadlines bring at `now` (updates the periods and `missedPeriods`), period by period, in order. */
export function reportingTimers(s: AssignmentCarriedState, now: number, policy: AssignmentPolicy, running: Running): PeriodEvent[] {
  const events: PeriodEvent[] = [];
  for (const p of s.periods) {
    if (running(p) && (now >= p.endsAt || s.state === 'ended')) events.push(closePeriod(p, Math.min(now, p.endsAt), policy));
    const remindAt = reportReminderAt(p, policy);
    if (p.state === 'awaiting-report' && !p.secondReminderSent && remindAt !== null && remindAt > p.endsAt && now >= remindAt && now < (p.dueAt ?? 0)) {
      p.secondReminderSent = true;
      events.push({ kind: 'report-reminder', key: p.key, dueAt: p.dueAt });
    }
    if (p.state === 'awaiting-report' && p.dueAt !== null && now >= p.dueAt) {
      p.state = 'missed';
      s.missedPeriods = [...s.missedPeriods, p.key].slice(-100);
      events.push({ kind: 'report-missed', key: p.key });
    }
    const attestBy = attestDeadline(p, policy);
    if (p.state === 'submitted' && p.dueAt !== null && now >= p.dueAt && !p.secondReminderSent) {
      p.secondReminderSent = true;
      events.push({ kind: 'attestation-reminder', key: p.key, attestBy });
    }
    if (p.state === 'submitted' && attestBy !== null && now >= attestBy) {
      p.state = 'unattested';
      events.push({ kind: 'report-unattested', key: p.key });
    }
  }
  return events;
}

/** The periods' deadlines (see `deadlines`). */
export function reportingDeadlines(s: AssignmentCarriedState, policy: AssignmentPolicy, running: Running): number[] {
  const at: number[] = [];
  for (const p of s.periods) {
    if (running(p)) at.push(p.endsAt);
    const remindAt = reportReminderAt(p, policy);
    if (p.state === 'awaiting-report' && !p.secondReminderSent && remindAt !== null && remindAt > p.endsAt) at.push(remindAt);
    if ((p.state === 'awaiting-report' || (p.state === 'submitted' && !p.secondReminderSent)) && p.dueAt !== null) at.push(p.dueAt);
    const attestBy = attestDeadline(p, policy);
    if (p.state === 'submitted' && attestBy !== null) at.push(attestBy);
  }
  return at;
}

/**
 * The next period to plan once the last has ended (none while one runs: the workflow checks), or null when the
 * agreement ends before it would start. The first starts at activation, or with the agreement (`fromAgreementStart`,
 * the planning activity finds its start) since PATCH.assignmentPeriodsFromAgreement.
 */
export function nextPeriod(
  s: AssignmentCarriedState,
  policy: AssignmentPolicy,
  periodsFromAgreement: boolean,
): { startsAt: number; lengthMs: number | null; fromAgreementStart?: true } | null {
  const last = s.periods[s.periods.length - 1];
  const startsAt = last ? last.endsAt : (s.activatedAt as number);
  if (s.tenureEndsAt !== null && startsAt >= s.tenureEndsAt) return null;
  return {
    startsAt,
    lengthMs: policy.reportingPeriodLength === null ? null : toMs(policy.reportingPeriodLength),
    ...(periodsFromAgreement && !last ? { fromAgreementStart: true as const } : {}),
  };
}

/** A planned period, open. Before PATCH.assignmentPeriodsFromAgreement its start is the one asked for. */
export function openedPeriod(
  index: number,
  planned: { key: string; startsAt: number; endsAt: number },
  startsAt: number,
  periodsFromAgreement: boolean,
): ReportingPeriodState {
  return {
    index,
    key: planned.key,
    startsAt: periodsFromAgreement ? planned.startsAt : startsAt,
    endsAt: planned.endsAt,
    dueAt: null,
    state: 'open',
    secondReminderSent: false,
  };
}

/** Periods still waiting for something (their end, a report, an attestation). */
export const pendingPeriods = (s: AssignmentCarriedState) => s.periods.some((p) => p.state === 'open' || p.state === 'awaiting-report' || p.state === 'submitted');

/** The workflow is done: declined, or ended with every period's report in or missed. */
export const finished = (s: AssignmentCarriedState) => s.state === 'declined' || (s.state === 'ended' && !pendingPeriods(s));

/** The last report deadline of the periods still waiting for a report (told to the representative at the end). */
export function finalReportDue(s: AssignmentCarriedState): number | null {
  const due = s.periods.filter((p) => p.state === 'awaiting-report').map((p) => p.dueAt ?? 0);
  return due.length ? Math.max(...due) : null;
}

/** The periods carried through continue-as-new: every unfinished one and the last KEEP_PERIODS finalised. */
export function carriedPeriods(periods: ReportingPeriodState[]): ReportingPeriodState[] {
  const finalised = periods.filter((p) => p.state === 'attested' || p.state === 'missed' || p.state === 'unattested');
  const keep = new Set(finalised.slice(-KEEP_PERIODS));
  return periods.filter((p) => !finalised.includes(p) || keep.has(p));
}

/** Attests a period's report (the payouts hook); true the first time. */
export function attest(s: AssignmentCarriedState, p: ReportingPeriodState): boolean {
  if (p.state === 'attested') return false;
  p.state = 'attested';
  s.attestedPeriods++;
  s.missedPeriods = s.missedPeriods.filter((k) => k !== p.key);
  return true;
}

/**
 * A report submitted for a period (the time-report hook, issue 13 #11a): counts while the period is open or
 * awaits its report, and for a period recorded as missed if it was submitted by the deadline. Otherwise (already
 * submitted, attested, or late) nothing changes: the attestation decides. Returns what changed.
 */
export function submitReport(s: AssignmentCarriedState, p: ReportingPeriodState, submittedAt: unknown): { submitted: boolean; correctedFromMissed: boolean } {
  const at = typeof submittedAt === 'string' ? Date.parse(submittedAt) : NaN;
  const inTimeButMissed = p.state === 'missed' && p.dueAt !== null && Number.isFinite(at) && at <= p.dueAt;
  if (p.state !== 'open' && p.state !== 'awaiting-report' && !inTimeButMissed) return { submitted: false, correctedFromMissed: false };
  p.state = 'submitted';
  if (inTimeButMissed) s.missedPeriods = s.missedPeriods.filter((k) => k !== p.key);
  return { submitted: true, correctedFromMissed: inTimeButMissed };
}

/** A period named by an update (its key and an optional time report). */
export function refusePeriodArgs(s: AssignmentCarriedState, a: { period?: unknown; timeReportId?: unknown }): void {
  if (typeof a?.period !== 'string' || !/^[A-Za-z0-9-]{1,20}$/.test(a.period)) throw invalidInput('Ange rapportperioden, till exempel 2026-03.');
  if (a.timeReportId !== undefined && a.timeReportId !== null && !isUuid(a.timeReportId)) throw invalidInput('timeReportId måste vara ett UUID.');
}

export function refuseUnknownPeriod(s: AssignmentCarriedState, period: string): void {
  if (!s.periods.some((x) => x.key === period)) throw wrongState(`Uppdraget har ingen rapportperiod ${period}.`);
}
