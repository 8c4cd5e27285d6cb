import type { WorkflowHandle } from '@temporalio/client';
import { now, sleep } from './report';

/** Round-trip times by step name, in milliseconds. */
export type Latencies = Map<string, number[]>;

export const POLL_MS = 20;

/**
 * Think time: how long a caller pauses before each timed step (BENCH_THINK_MS, default 0: callers that never pause,
 * which keeps the machine saturated). A person reads a page before the next click; with a pause the round trips
 * show what a step costs at a given number of concurrent users rather than at the machine's saturation.
 */
export const THINK_MS = Math.max(0, Number(process.env.BENCH_THINK_MS ?? 0) || 0);

/** Runs fn (after the think time) and adds its round-trip time to `lat` under `name`. */
export async function timed<T>(lat: Latencies, name: string, fn: () => Promise<T>): Promise<T> {
  if (THINK_MS > 0) await sleep(THINK_MS);
  const t0 = now();
  const r = await fn();
  const ms = now() - t0;
  const list = lat.get(name) ?? [];
  list.push(ms);
  lat.set(name, list);
  return r;
}

/** Queries until `ok` (every POLL_MS), as a client waiting for the workflow's own next step would. */
export async function poll<T>(h: WorkflowHandle, query: string, ok: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = (await h.query(query)) as T;
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`${h.workflowId}: ${query} did not reach the expected state: ${JSON.stringify(v)}`);
    await sleep(POLL_MS);
  }
}

/** Runs `count` jobs with at most `concurrency` at a time; stops at the first error and throws it. */
export async function pool(count: number, concurrency: number, job: (k: number) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count && errors.length === 0) {
        const k = next++;
        try {
          await job(k);
        } catch (e) {
          errors.push(e);
        }
      }
    }),
  );
  if (errors.length) throw errors[0];
}

export const quietBundleLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (m: string) => process.stderr.write(`[bundle] ${m}\n`),
  error: (m: string) => process.stderr.write(`[bundle] ${m}\n`),
};
