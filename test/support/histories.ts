import fs from 'node:fs';
import path from 'node:path';
import type { Harness } from './harness';

export const HISTORIES_DIR = path.resolve(__dirname, '..', 'fixtures', 'histories');

/**
 * With SAVE_HISTORIES=1 (scripts/save-histories.sh), writes a workflow's history to
 * test/fixtures/histories/<name>.json for the replay test (test/replay.e2e-spec.ts). Otherwise does nothing.
 * By default it waits for the workflow to complete and saves its latest run; `runId` picks an earlier run
 * (e.g. one that continued as new); `complete: false` saves a running workflow's history so far.
 */
export async function saveHistoryIfAsked(
  h: Harness,
  workflowId: string,
  name: string,
  opts: { runId?: string; complete?: boolean } = {},
): Promise<void> {
  if (process.env.SAVE_HISTORIES !== '1') return;
  const handle = h.client.workflow.getHandle(workflowId, opts.runId);
  if (opts.complete !== false && !opts.runId) await handle.result();
  // The SDK's replayer reads this JSON form back (`Worker.runReplayHistory` converts it).
  const history = JSON.parse(JSON.stringify(await handle.fetchHistory()));
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), JSON.stringify({ workflowId, history }) + '\n');
}

/**
 * Everything a workflow's history says, as text: the history's JSON plus every payload decoded (payloads are
 * base64 in the JSON), so a test can look for personal data in it.
 */
export function historyText(history: unknown): string {
  const json = JSON.stringify(history);
  const decoded: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string' && key === 'data') decoded.push(Buffer.from(v, 'base64').toString('utf8'));
    else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(JSON.parse(json));
  return `${json}\n${decoded.join('\n')}`;
}
