import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A worker running in a child process (bench/support/worker-child.ts). */
export interface WorkerProcess {
  pid: number;
  taskQueue: string;
  /** Resident memory now and its peak so far (VmRSS, VmHWM from /proc/<pid>/status), in MB. */
  memory(): { rssMb: number; peakRssMb: number };
  /** CPU time the process has used so far (user + system), in seconds. */
  cpuSeconds(): number;
  /** The main thread's heap (process.memoryUsage) and the number of cached workflows, asked over IPC. */
  stats(): Promise<{ memory: NodeJS.MemoryUsage; cached: number }>;
  stop(): Promise<void>;
}

export interface WorkerProcessOptions {
  kind: 'app' | 'baseline';
  taskQueue: string;
  temporalAddress: string;
  /** For kind app: the database and the key its encrypted fields were written with. */
  databaseUrl?: string;
  dataKey?: string;
  maxCachedWorkflows?: number;
  /** A prebuilt workflow bundle (saves each child its own webpack build). */
  workflowBundle?: string;
  /** The worker's log level (app). Logs go to `logFile`. */
  logLevel?: string;
  logFile: string;
  /** Extra node flags, e.g. --cpu-prof. */
  execArgv?: string[];
}

export async function startWorkerProcess(o: WorkerProcessOptions): Promise<WorkerProcess> {
  const log = fs.openSync(o.logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    BENCH_WORKER_KIND: o.kind,
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_TASK_QUEUE: o.taskQueue,
    WORKER_MAX_CACHED_WORKFLOWS: String(o.maxCachedWorkflows ?? 1000),
    LOG_LEVEL: o.logLevel ?? 'info',
    // Worker tuning under test, passed through when set.
    ...Object.fromEntries(['WORKER_WORKFLOW_THREADS', 'WORKER_MAX_CONCURRENT_ACTIVITIES'].filter((k) => process.env[k]).map((k) => [k, process.env[k]])),
    ...(o.workflowBundle ? { BENCH_WORKFLOW_BUNDLE: o.workflowBundle } : {}),
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl, DATABASE_MIGRATE_ON_START: 'false' } : {}),
    ...(o.dataKey ? { DATA_ENCRYPTION_KEY: o.dataKey } : {}),
  };
  const child: ChildProcess = fork(path.join(__dirname, 'worker-child.js'), [], {
    env,
    stdio: ['ignore', log, log, 'ipc'],
    execArgv: o.execArgv ?? [],
  });
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker (${o.kind}) not ready in 180 s; see ${o.logFile}`)), 180_000);
    child.on('message', (m: { type?: string }) => {
      if (m?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker (${o.kind}) exited with ${String(code)} before it was ready; see ${o.logFile}`));
    });
  });
  const pid = child.pid!;
  return {
    pid,
    taskQueue: o.taskQueue,
    memory: () => readMemory(pid),
    cpuSeconds: () => readCpuSeconds(pid),
    stats: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('worker did not answer stats')), 10_000);
        const onMessage = (m: { type?: string; memory?: NodeJS.MemoryUsage; cached?: number }) => {
          if (m?.type !== 'stats') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve({ memory: m.memory!, cached: m.cached ?? -1 });
        };
        child.on('message', onMessage);
        child.send({ type: 'stats' });
      }),
    async stop() {
      if (exited) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.send({ type: 'stop' });
      await exit;
      clearTimeout(killer);
      fs.closeSync(log);
    },
  };
}

export function readMemory(pid: number): { rssMb: number; peakRssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** utime + stime of a process from /proc/<pid>/stat (clock ticks of 1/100 s on Linux). */
export function readCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Busy and total CPU time of the whole machine so far (from /proc/stat), in seconds of all cores. */
export function machineCpu(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + (cpu[4] ?? 0);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

/**
 * CPU seconds used so far by the processes this benchmark started (its descendants), by command name
 * ('temporal', 'postgres', 'node' …); `named` gives chosen processes (e.g. the workers) their own key.
 */
export function descendantsCpu(named: Record<number, string> = {}, root = process.pid): Record<string, number> {
  const parent = new Map<number, number>();
  const info = new Map<number, { comm: string; cpu: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      // utime + stime, and cutime + cstime: the CPU of its children that have ended (postgres' short-lived workers).
      info.set(Number(entry), { comm, cpu: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100 });
    } catch {
      // the process ended meanwhile
    }
  }
  const out: Record<string, number> = {};
  for (const [pid, i] of info) {
    let p = parent.get(pid);
    let mine = false;
    for (let depth = 0; p && depth < 10; depth++) {
      if (p === root) {
        mine = true;
        break;
      }
      p = parent.get(p);
    }
    if (!mine) continue;
    const key = named[pid] ?? i.comm;
    out[key] = (out[key] ?? 0) + i.cpu;
  }
  return out;
}
