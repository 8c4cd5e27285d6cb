import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
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

/* eslint-disable @typescript-eslint/no-explicit-any -- protobuf's JSON form, walked by its reflection types */
/**
 * A history as `temporal workflow show --output json` writes it (proto3 JSON: RFC 3339 timestamps, "10s" durations)
 * into a History message. The SDK's `historyFromJSON` cannot be used here: @temporalio/common brings protobufjs 8,
 * whose protojson refuses the protobufjs 7 types of @temporalio/proto ("type must be a Type").
 */
export function historyFromCliJson(json: unknown): temporal.api.history.v1.History {
  const History = temporal.api.history.v1.History;
  const walk = (type: any, v: any): any => {
    if (v === null || (typeof v !== 'object' && typeof v !== 'string')) return v;
    if (type.fullName === '.google.protobuf.Timestamp' && typeof v === 'string') {
      const fraction = /\.(\d+)Z$/.exec(v)?.[1] ?? '';
      return { seconds: Math.floor(Date.parse(v) / 1000), nanos: fraction ? Number(fraction.padEnd(9, '0').slice(0, 9)) : 0 };
    }
    if (type.fullName === '.google.protobuf.Duration' && typeof v === 'string') {
      const s = Number(v.replace(/s$/, ''));
      return { seconds: Math.floor(s), nanos: Math.round((s - Math.floor(s)) * 1e9) };
    }
    if (typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(v)) {
      const field = type.fields[k];
      const t = field?.resolve().resolvedType;
      // A message field (enums and scalars are read by fromObject as they are).
      if (!field || !t?.fields) out[k] = value;
      else if (field.map) out[k] = Object.fromEntries(Object.entries(value as object).map(([mk, mv]) => [mk, walk(t, mv)]));
      else if (field.repeated) out[k] = (value as unknown[]).map((x) => walk(t, x));
      else out[k] = walk(t, value);
    }
    return out;
  };
  // The static class of @temporalio/proto is its reflection type too (fields, fullName).
  return History.fromObject(walk(History, json));
}
