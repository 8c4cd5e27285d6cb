import { allHandlersFinished, ApplicationFailure, condition } from '@temporalio/workflow';
import type { PolicyDuration } from './duration';

/**
 * Shared pieces of the lifecycle workflows (recruitment and assignment). Deterministic code only.
 *
 * VERSIONING CONVENTION — read before changing a workflow in this folder.
 * Recruitment and assignment workflows run for years, so a deployed change meets histories written by the old
 * code. Any change that alters the commands a workflow issues for an existing history (a new or removed
 * activity, timer, child workflow or signal; a different order; a different branch for the same events) goes
 * behind `patched('<workflow>-<yyyy-mm>-<what>')`:
 *
 *   if (patched('assignment-2026-03-second-reminder')) { ...new behaviour... } else { ...old behaviour... }
 *
 * Once no run older than the patch is open, replace `patched` by `deprecatePatch` with the same ID, and after
 * that remove it. Changes that only touch handlers' validators, queries or the data carried through
 * continue-as-new (with defaults for missing fields) need no patch. The replay test
 * (test/replay.e2e-spec.ts) replays the saved histories in test/fixtures/histories/ against the current bundle:
 * a change that would break a running workflow fails the build. There are no old versions yet, so there is no
 * `patched` call yet.
 */

/** The failure types a validator refuses with; the API maps InvalidInput to 400 and WrongState to 409. */
export const REFUSAL = { invalidInput: 'InvalidInput', wrongState: 'WrongState' } as const;

/** A malformed update: refused by its validator, so nothing enters history. */
export function invalidInput(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL.invalidInput, message, nonRetryable: true });
}

/** An update that does not fit the case's current state: refused by its validator. */
export function wrongState(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL.wrongState, message, nonRetryable: true });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** A user id for the audit log: refuses anything else, so no free text (or personal data) reaches history. */
export function requireActor(args: unknown): string {
  const actorId = (args as { actorId?: unknown } | undefined)?.actorId;
  if (!isUuid(actorId)) throw invalidInput('Den som utför steget måste anges (användarens id).');
  return actorId;
}

export const isIsoDate = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

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

/** A policy duration in milliseconds (the `ms` package's format, which Temporal's timers accept). */
export function toMs(d: PolicyDuration): number {
  if (typeof d === 'number') return d;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)?$/i.exec(String(d).trim());
  const unit = (m?.[2] ?? 'ms').toLowerCase();
  if (!m || UNIT_MS[unit] === undefined) throw new Error(`not a duration: ${String(d)}`);
  return Math.round(Number(m[1]) * UNIT_MS[unit]);
}

/**
 * The ordered side effects of a workflow (activities, child starts, external signals). Handlers change the
 * workflow's state synchronously (so the next validator already sees it) and queue the effects; the main loop
 * runs them one at a time, in order. An update handler waits with `until(mark)` for its own effects, so the
 * caller gets an answer after the read model is written.
 */
export class EffectQueue {
  private readonly queue: Array<{ run: () => Promise<unknown>; concurrent: boolean }> = [];
  private added = 0;
  private done = 0;

  add(...effects: Array<() => Promise<unknown>>): number {
    this.queue.push(...effects.map((run) => ({ run, concurrent: false })));
    this.added += effects.length;
    return this.added;
  }

  /** An effect that may run together with its concurrent neighbours (mails: independent of each other and of records). */
  addConcurrent(effect: () => Promise<unknown>): number {
    this.queue.push({ run: effect, concurrent: true });
    return ++this.added;
  }

  get pending(): boolean {
    return this.queue.length > 0;
  }

  /** The mark of everything queued so far. */
  get mark(): number {
    return this.added;
  }

  async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const first = this.queue.shift()!;
      const batch = [first];
      while (first.concurrent && this.queue[0]?.concurrent) batch.push(this.queue.shift()!);
      await Promise.all(batch.map((e) => e.run()));
      this.done += batch.length;
    }
  }

  until(mark: number): Promise<void> {
    return condition(() => this.done >= mark);
  }

  /** Before the workflow returns: runs what is queued until no update handler is left waiting for its effects. */
  async settle(): Promise<void> {
    for (;;) {
      await this.drain();
      await condition(() => this.pending || allHandlersFinished());
      if (!this.pending) return;
    }
  }
}

/** Milliseconds to wait for a deadline, at least 1 (a zero timeout would mean "no timeout"). */
export const waitMs = (at: number, now: number) => Math.max(1, at - now);

export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
