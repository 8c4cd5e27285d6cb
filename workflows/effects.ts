import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, log, workflowInfo, type LocalActivityOptions } from '@temporalio/workflow';

/**
 * The side effects of a workflow (step records, mails, child starts, signals to other workflows). Handlers change
 * the workflow's state synchronously (so the next validator already sees it) and queue the effects; an update
 * handler then waits with `answerable()` before it answers, so the caller gets an answer after the read model is
 * written (the API and web app read it right after the update).
 *
 * Two modes, chosen once per run by the workflow's `patched(PATCH.…LocalRecords)` call (see versioning.ts):
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
export async function recordStep<A, R>(local: (args: A) => Promise<R>, remote: (args: A) => Promise<R>, args: A, inFlight?: LocalResults): Promise<R> {
  try {
    return await (inFlight ? inFlight.run(() => local(args)) : local(args));
  } catch (err) {
    if (!(err instanceof ActivityFailure) || (err.cause instanceof ApplicationFailure && err.cause.nonRetryable)) throw err;
    log.warn('a local activity kept failing; retrying it as a normal activity', { activity: err.activityType, error: String(err.cause ?? err) });
    return await remote(args);
  }
}

/**
 * The local activities a workflow has started and whose results its code has not yet seen, each with the workflow
 * task it was started in (`historyLength`, the task's started event). See docs/drill/README.md (2026-12-04): a
 * Query answered in a workflow task makes sdk-core complete that task as soon as the Query is answered — with a
 * local activity's marker when the activity had finished meanwhile, but before the workflow code was given its
 * result — and ask for a new task; an Update (or Signal) that reached the server meanwhile comes in that new task,
 * in one activation with the held-back result, and Core puts Updates and Signals first. Replayed, the marker
 * resolves the activity within the task that holds it, alone, before the Update: the workflow then issues the
 * result's commands first and the history (written Update first) no longer matches. `heldOver` tells an Update's
 * validator that it is in exactly that position, so that it refuses (`busy`) instead of running before a result
 * that replay would deliver before it.
 */
export class LocalResults {
  private readonly started = new Map<number, number>();
  private seq = 0;

  async run<R>(call: () => Promise<R>): Promise<R> {
    const id = ++this.seq;
    this.started.set(id, workflowInfo().historyLength);
    try {
      return await call();
    } finally {
      this.started.delete(id);
    }
  }

  /** A local activity started in an earlier workflow task than this one, whose result the code has not yet seen. */
  get heldOver(): boolean {
    const task = workflowInfo().historyLength;
    for (const startedIn of this.started.values()) if (startedIn < task) return true;
    return false;
  }
}
