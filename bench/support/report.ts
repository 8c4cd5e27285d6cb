import fs from 'node:fs';
import os from 'node:os';

/** Small helpers every benchmark uses: sizes from the environment, timing, percentiles, and the printed report. */

export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${v}`);
  return n;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Milliseconds since an arbitrary start, with sub-millisecond resolution. */
export const now = () => performance.now();

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function summarise(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] ?? NaN, mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) };
}

export const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

/** The machine and its load, for the figures' context. */
export function machine(): string {
  const [l1, l5, l15] = os.loadavg();
  return `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, load ${fmt(l1, 2)} ${fmt(l5, 2)} ${fmt(l15, 2)}, Node ${process.version}`;
}

export const loadAverage = () => os.loadavg()[0];

/** Prints a table with aligned columns. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function log(msg: string) {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

/**
 * Runs a benchmark's main function; makes sure whatever it started is stopped on errors and on Ctrl-C
 * (cleanups run newest first), and sets the exit code.
 */
export function runBench(main: (cleanup: (fn: () => Promise<void>) => void) => Promise<void>) {
  const cleanups: Array<() => Promise<void>> = [];
  let cleaning: Promise<void> | undefined;
  const cleanAll = () =>
    (cleaning ??= (async () => {
      for (const fn of cleanups.reverse()) await fn().catch((e) => process.stderr.write(`cleanup: ${String(e)}\n`));
    })());
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      process.stderr.write(`\n${sig}: stopping…\n`);
      void cleanAll().then(() => process.exit(130));
    });
  }
  main((fn) => cleanups.push(fn))
    .then(cleanAll, async (e) => {
      process.stderr.write(`${describeError(e)}\n`);
      await cleanAll();
      process.exitCode = 1;
    })
    .finally(() => {
      // Open handles (pools, gRPC) must not keep a finished benchmark alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
    });
}

/** Appends the run's figures as one JSON line to BENCH_RESULTS_FILE when set (to compare runs). */
export function saveResult(name: string, result: unknown) {
  const file = process.env.BENCH_RESULTS_FILE;
  if (!file) return;
  fs.appendFileSync(file, `${JSON.stringify({ bench: name, at: new Date().toISOString(), machine: machine(), result })}\n`);
}

/** An error with its chain of causes (Temporal wraps a workflow's refusal in WorkflowUpdateFailedError). */
export function describeError(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 6; depth++) {
    parts.push(cur instanceof Error ? (depth === 0 ? (cur.stack ?? cur.message) : `caused by ${cur.name}: ${cur.message}`) : String(cur));
    cur = cur instanceof Error ? (cur as { cause?: unknown }).cause : undefined;
  }
  return parts.join('\n');
}
