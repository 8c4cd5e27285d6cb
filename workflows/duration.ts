import type { sleep } from '@temporalio/workflow';

/**
 * Durations in policies: strings Temporal understands ("14 days", "36h", "500ms") or milliseconds.
 * Policies travel in workflow input, so tests can shorten every deadline.
 */
export type PolicyDuration = Parameters<typeof sleep>[0];

const UNIT_MS: Record<string, number> = {
  ms: 1,
  msec: 1,
  msecs: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
  y: 31_557_600_000,
  yr: 31_557_600_000,
  yrs: 31_557_600_000,
  year: 31_557_600_000,
  years: 31_557_600_000,
};

/** A policy duration in milliseconds (the `ms` package's format, which Temporal's timers accept). The one reading of durations in workflow code. */
export function toMs(d: PolicyDuration): number {
  if (typeof d === 'number') return d;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)?$/i.exec(String(d).trim());
  const unit = (m?.[2] ?? 'ms').toLowerCase();
  if (!m || UNIT_MS[unit] === undefined) throw new Error(`not a duration: ${String(d)}`);
  return Math.round(Number(m[1]) * UNIT_MS[unit]);
}

/** Milliseconds to wait for a deadline, at least 1 (a zero timeout would mean "no timeout"). */
export const waitMs = (at: number, now: number) => Math.max(1, at - now);

/** An instant (epoch milliseconds) as the ISO timestamp a status or a mail shows, or null. */
export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
