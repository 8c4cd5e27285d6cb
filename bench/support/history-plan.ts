import type { temporal } from '@temporalio/proto';
import type { BaselinePlan, Stage, Wave } from '../baseline.workflows';

type History = temporal.api.history.v1.IHistory;
type Duration = { seconds?: { toNumber(): number } | number | string | null; nanos?: number | null } | null | undefined;

/** What a history holds, counted: what the baseline has to match, and what it leaves out. */
export interface HistoryCounts {
  events: number;
  workflowTasks: number;
  /** Activities of every kind: normal ones and local ones (`localActivities`, recorded as markers). */
  activities: number;
  localActivities: number;
  updates: number;
  signals: number;
  externalSignals: number;
  timersStarted: number;
  timersFired: number;
  timersCanceled: number;
  searchAttributeUpserts: number;
  /** Child workflows, continue-as-new, other markers (patches): the baseline cannot mirror these. */
  unsupported: number;
}

const ms = (d: Duration) => (d ? Number(d.seconds ?? 0) * 1000 + Math.round((d.nanos ?? 0) / 1e6) : 0);
const id = (v: unknown) => String(v);

/**
 * Reads a workflow's history into the baseline's plan: a stage per trigger (start, each accepted update, each
 * signal, each fired timer, and what the workflow did on its own after an update answered), each with the waves
 * of activities it scheduled (activities scheduled in the same workflow task run in parallel).
 */
export function planFromHistory(history: History): { plan: BaselinePlan; counts: HistoryCounts } {
  const counts: HistoryCounts = {
    events: 0,
    workflowTasks: 0,
    activities: 0,
    localActivities: 0,
    updates: 0,
    signals: 0,
    externalSignals: 0,
    timersStarted: 0,
    timersFired: 0,
    timersCanceled: 0,
    searchAttributeUpserts: 0,
    unsupported: 0,
  };
  const stages: Array<Stage & { wft: string[] }> = [];
  let current: (Stage & { wft: string[] }) | undefined;
  const push = (on: Stage['on']) => {
    current = { on, waves: [], wft: [] };
    stages.push(current);
    return current;
  };
  const updateStages = new Map<string, Stage & { wft: string[] }>();
  const timers = new Map<string, number>();
  let lastWft = '';
  const wave = (wftId: unknown, local?: unknown): Wave => {
    // A local activity is a wave of its own (the workflows run them one after the other, before the answer of
    // the update they belong to): the baseline runs a normal activity in its place, at the same point.
    const key = local === undefined ? id(wftId) : `${id(wftId)}:local:${id(local)}`;
    if (!current) throw new Error('history starts without WorkflowExecutionStarted');
    const i = current.wft.lastIndexOf(key);
    if (i >= 0 && i === current.wft.length - 1) return current.waves[i];
    current.waves.push({ activities: 0, externalSignals: 0 });
    current.wft.push(key);
    return current.waves[current.waves.length - 1];
  };

  for (const e of history.events ?? []) {
    counts.events++;
    if (e.workflowExecutionStartedEventAttributes) {
      push({ kind: 'start' });
    } else if (e.workflowTaskCompletedEventAttributes) {
      counts.workflowTasks++;
      lastWft = id(e.eventId);
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      counts.updates++;
      const a = e.workflowExecutionUpdateAcceptedEventAttributes;
      const s = push({ kind: 'update', name: String(a.acceptedRequest?.input?.name) });
      updateStages.set(String(a.acceptedRequest?.meta?.updateId ?? a.protocolInstanceId), s);
    } else if (e.workflowExecutionUpdateCompletedEventAttributes) {
      const s = updateStages.get(String(e.workflowExecutionUpdateCompletedEventAttributes.meta?.updateId));
      if (s && s === current && s.on.kind === 'update') {
        // Work scheduled in the task that answered the update is not part of the answer: it comes after.
        const after = push({ kind: 'after', of: s.on.name });
        while (s.wft.length && s.wft[s.wft.length - 1] === lastWft) {
          after.wft.unshift(s.wft.pop()!);
          after.waves.unshift(s.waves.pop()!);
        }
      }
    } else if (e.workflowExecutionSignaledEventAttributes) {
      counts.signals++;
      push({ kind: 'signal', name: String(e.workflowExecutionSignaledEventAttributes.signalName) });
    } else if (e.timerStartedEventAttributes) {
      counts.timersStarted++;
      timers.set(String(e.timerStartedEventAttributes.timerId), ms(e.timerStartedEventAttributes.startToFireTimeout as Duration));
    } else if (e.timerFiredEventAttributes) {
      counts.timersFired++;
      push({ kind: 'timer', ms: timers.get(String(e.timerFiredEventAttributes.timerId)) ?? 0 });
    } else if (e.timerCanceledEventAttributes) {
      counts.timersCanceled++;
    } else if (e.activityTaskScheduledEventAttributes) {
      counts.activities++;
      wave(e.activityTaskScheduledEventAttributes.workflowTaskCompletedEventId).activities++;
    } else if (e.signalExternalWorkflowExecutionInitiatedEventAttributes) {
      counts.externalSignals++;
      wave(e.signalExternalWorkflowExecutionInitiatedEventAttributes.workflowTaskCompletedEventId).externalSignals++;
    } else if (e.upsertWorkflowSearchAttributesEventAttributes) {
      counts.searchAttributeUpserts++;
    } else if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') {
      counts.activities++;
      counts.localActivities++;
      wave(e.markerRecordedEventAttributes.workflowTaskCompletedEventId, e.eventId).activities++;
    } else if (
      e.startChildWorkflowExecutionInitiatedEventAttributes ||
      e.workflowExecutionContinuedAsNewEventAttributes ||
      e.markerRecordedEventAttributes
    ) {
      counts.unsupported++;
    }
  }
  const plan: BaselinePlan = {
    stages: stages.filter((s) => !(s.on.kind === 'after' && s.waves.length === 0)).map((s) => ({ on: s.on, waves: s.waves })),
  };
  return { plan, counts };
}

/** One line per stage, e.g. `update accept: 1+1`. */
export function describePlan(plan: BaselinePlan): string {
  return plan.stages
    .map((s) => {
      const on = s.on.kind === 'update' || s.on.kind === 'signal' ? `${s.on.kind} ${s.on.name}` : s.on.kind === 'timer' ? `timer ${s.on.ms} ms` : s.on.kind === 'after' ? `after ${s.on.of}` : 'start';
      const waves = s.waves.map((w) => `${w.activities}${w.externalSignals ? `(+${w.externalSignals} ext)` : ''}`).join('+');
      return `${on}: ${waves || '–'}`;
    })
    .join('; ');
}
