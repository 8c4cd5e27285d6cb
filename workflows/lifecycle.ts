import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  log,
  sleep,
  type LocalActivityOptions,
} from '@temporalio/workflow';
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
 * a change that would break a running workflow fails the build. Histories of runs that may still be open in
 * production under an older version are kept in subfolders named after the patch they predate
 * (test/fixtures/histories/before-<patch>/); new ones are saved at the top with scripts/save-histories.sh.
 *
 * Patches in force (evaluate `patched` once, at the top of the workflow function, before any command):
 * - `assignment-2026-11-local-step-records` and `recruitment-2026-11-local-step-records`: step records
 *   (`recordAssignmentStep`, `recordRecruitmentStep`, `appointNominee`) run as local activities as soon as a
 *   step is taken, and an update answers once its record is written (`planReportingPeriod` and `planTenure`
 *   run as local activities too); mails and signals to other workflows run afterwards, in one wave (see
 *   `EffectQueue`); search attributes are upserted only when a value changes; the deadline timer is kept
 *   while it fires no later than the next deadline (`DeadlineTimer`). Runs older than
 *   the patch keep the old behaviour: every effect one after the other as normal activities, the update
 *   answering after all of them, a new timer (and the old one cancelled) on every pass of the main loop.
 *   Histories of the old behaviour: test/fixtures/histories/before-2026-11-local-step-records/.
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
 * The side effects of a workflow (step records, mails, child starts, signals to other workflows). Handlers change
 * the workflow's state synchronously (so the next validator already sees it) and queue the effects; an update
 * handler then waits with `answerable()` before it answers, so the caller gets an answer after the read model is
 * written (the API and web app read it right after the update).
 *
 * Two modes, chosen once per run by the workflow's `patched()` call (see the versioning note above):
 *
 * - `localRecords: false` (runs started before the 2026-11 patch; exactly the old commands): every effect, the
 *   records included, runs in the main loop's `drain()` one at a time in order (mails next to each other run
 *   together), and `answerable()` waits for everything queued so far — records *and* mails.
 * - `localRecords: true`: step records (`record()`) start at once, one after the other in the order the steps
 *   were taken, as the workflow's `recordStep` runs them (a local activity: no round trip through the server);
 *   `answerable()` waits only for the records queued so far. Everything else (`add`, `addConcurrent`) waits for
 *   the main loop: `drain()` first waits until every record queued so far is written (also those of steps taken
 *   while it waited, so no mail or signal goes out before its own step's record), then runs all queued effects in one
 *   wave — the concurrent ones (mails: independent and idempotent) together, the ordered ones (signals, child
 *   starts) one after the other alongside them. A record that fails for good fails `answerable()` and `drain()`
 *   (so the main loop, and the workflow, as before). Records and mails are idempotent by their keys, so a
 *   worker that dies after a local activity but before its workflow task completed repeats no-ops when the
 *   update is delivered again (the server redelivers it while the caller waits). Accepted trade-off: if it is
 *   never delivered again (the caller gave up, or its validator now refuses it), the record of a step that did
 *   not happen stays in the audit log and the read model until the case's next step is recorded (see
 *   docs/LIFECYCLE.md). Runs before the patch could not do this: they recorded after the update was accepted.
 */
export class EffectQueue {
  private readonly queue: Array<{ run: () => Promise<unknown>; concurrent: boolean }> = [];
  private added = 0;
  private done = 0;
  private recordsQueued = 0;
  private recordsDone = 0;
  private recordChain: Promise<void> = Promise.resolve();
  private recordFailure: { error: unknown } | undefined;

  constructor(private readonly localRecords = false) {}

  /** Ordered effects (old mode: everything; new mode: signals and child starts). Returns their mark. */
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

  /** The record of a step (audit line + read model). New mode: starts now, after the records before it. */
  record(run: () => Promise<unknown>): void {
    if (!this.localRecords) {
      this.add(run);
      return;
    }
    const mark = ++this.recordsQueued;
    this.recordChain = this.recordChain.then(async () => {
      await run();
      this.recordsDone = mark;
    });
    this.recordChain.catch((error: unknown) => {
      this.recordFailure ??= { error };
    });
  }

  /** Something for the main loop to do: effects queued, or records not yet written. */
  get pending(): boolean {
    return this.queue.length > 0 || this.recordsDone < this.recordsQueued;
  }

  /** The mark of everything queued so far (see `until`). */
  get mark(): number {
    return this.added;
  }

  /** What an update handler waits for before it answers (see the class comment). */
  answerable(): Promise<void> {
    return this.localRecords ? this.recorded(this.recordsQueued) : this.until(this.added);
  }

  private async recorded(mark: number): Promise<void> {
    await condition(() => this.recordsDone >= mark || this.recordFailure !== undefined);
    if (this.recordFailure) throw this.recordFailure.error;
  }

  async drain(): Promise<void> {
    if (!this.localRecords) {
      while (this.queue.length > 0) {
        const first = this.queue.shift()!;
        const batch = [first];
        while (first.concurrent && this.queue[0]?.concurrent) batch.push(this.queue.shift()!);
        await Promise.all(batch.map((e) => e.run()));
        this.done += batch.length;
      }
      return;
    }
    for (;;) {
      await this.recorded(this.recordsQueued);
      // A step taken while we waited queued a record *and* effects: those effects wait for their own record too.
      if (this.recordsDone < this.recordsQueued) continue;
      if (this.queue.length === 0) return;
      const wave = this.queue.splice(0);
      const ordered = wave.filter((e) => !e.concurrent);
      await Promise.all([
        ...wave.filter((e) => e.concurrent).map((e) => e.run()),
        (async () => {
          for (const e of ordered) await e.run();
        })(),
      ]);
      this.done += wave.length;
    }
  }

  /** Until the effects up to `mark` (from `add`/`addConcurrent`) have run. */
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

/**
 * Options of the step records' local activities. A record is one short, idempotent transaction; an attempt that
 * hangs is given up after 5 s (the retry then finds the audit line's key taken, or writes it), and attempts are
 * retried within the worker for at most 30 s in all (the workflow task is kept alive meanwhile). After that
 * `recordStep` hands the record to a normal activity, which the server retries without growing the history.
 */
export const LOCAL_RECORD_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: '5 seconds',
  scheduleToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '100 ms', backoffCoefficient: 2, maximumInterval: '5 seconds' },
};

/**
 * Runs a short, idempotent activity (a step record, or planning a reporting period) as a local activity; if that
 * keeps failing (or times out) it falls back to the same activity run normally. A refusal for good (a
 * non-retryable failure) fails as a normal activity's would.
 */
export async function recordStep<A, R>(local: (args: A) => Promise<R>, remote: (args: A) => Promise<R>, args: A): Promise<R> {
  try {
    return await local(args);
  } catch (err) {
    if (!(err instanceof ActivityFailure) || (err.cause instanceof ApplicationFailure && err.cause.nonRetryable)) throw err;
    log.warn('a local activity kept failing; retrying it as a normal activity', { activity: err.activityType, error: String(err.cause ?? err) });
    return await remote(args);
  }
}

/**
 * The main loop's deadline timer (new mode): one timer at a time, kept while it fires no later than the next
 * deadline — a step that moves the deadline later costs no new timer and no cancellation; the timer then fires
 * early, the loop finds nothing due and sets one for the real deadline. A deadline earlier than the running
 * timer replaces it.
 */
export class DeadlineTimer {
  private at: number | null = null;
  private scope: CancellationScope | null = null;
  private firedFlag = false;

  /** Has the timer fired (since the last `arm`)? */
  get fired(): boolean {
    return this.firedFlag;
  }

  /** Makes sure a timer fires at `at` or earlier. */
  arm(at: number, now: number): void {
    if (this.at !== null && !this.firedFlag && this.at <= at) return;
    if (!this.firedFlag) this.scope?.cancel();
    const scope = new CancellationScope();
    this.scope = scope;
    this.at = at;
    this.firedFlag = false;
    scope.run(() => sleep(waitMs(at, now))).then(
      () => {
        if (this.scope === scope) this.firedFlag = true;
      },
      () => undefined, // cancelled: a nearer deadline replaced it
    );
  }
}

/** Milliseconds to wait for a deadline, at least 1 (a zero timeout would mean "no timeout"). */
export const waitMs = (at: number, now: number) => Math.max(1, at - now);

export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
