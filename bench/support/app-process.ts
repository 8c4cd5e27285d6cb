import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';

/**
 * The API or the worker as a process of its own (as in production), which can be killed with SIGKILL and
 * started again with the same command and environment.
 */
export interface AppProcess {
  readonly name: string;
  readonly running: boolean;
  start(): Promise<void>;
  /** SIGKILL: nothing graceful, in-flight work is lost. */
  kill(): Promise<void>;
  /** SIGTERM, SIGKILL after 15 s. */
  stop(): Promise<void>;
}

export function appProcess(opts: {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is ready (a port answers, a line appears…). */
  ready: (child: ChildProcess, output: () => string) => Promise<void>;
  logFile?: string;
}): AppProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const log = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  const signalAndWait = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c) return;
    const killer = setTimeout(() => c.kill('SIGKILL'), 15_000);
    c.kill(signal);
    await exited;
    clearTimeout(killer);
    child = undefined;
  };
  return {
    name: opts.name,
    get running() {
      return child !== undefined;
    },
    async start() {
      if (child) return;
      let output = '';
      const c = spawn(process.execPath, opts.args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      const keep = (d: Buffer) => {
        output = (output + d.toString()).slice(-20_000);
        log?.write(d);
      };
      c.stdout!.on('data', keep);
      c.stderr!.on('data', keep);
      exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      void exited.then(() => {
        if (child === c) child = undefined;
      });
      const failed = exited.then(() => {
        throw new Error(`${opts.name} exited (${c.exitCode ?? c.signalCode}) before it was ready: ${output.slice(-3000)}`);
      });
      await Promise.race([opts.ready(c, () => output), failed]);
    },
    kill: () => signalAndWait('SIGKILL'),
    stop: () => signalAndWait('SIGTERM'),
  };
}

/** Resolves once `GET url` answers 200. */
export async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(5_000) })).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Resolves once the output contains `marker`. */
export async function waitForOutput(output: () => string, marker: string | RegExp, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const o = output();
    if (typeof marker === 'string' ? o.includes(marker) : marker.test(o)) return;
    if (Date.now() > until) throw new Error(`no "${String(marker)}" in ${timeoutMs} ms: ${o.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
