import { allHandlersFinished, condition, defineQuery, defineSignal, defineUpdate, getExternalWorkflowHandle, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';

/**
 * The benchmarks' baseline: a bare workflow that makes the same Temporal calls as a real one and nothing else.
 * Its plan is read from a real workflow's history (bench/support/history-plan.ts): the same updates and signals
 * (by name), the same number of activities in the same order and parallelism (each a no-op), the same signals
 * to other workflows and the same timer waits. No database, no rules, no search attributes, no deadline timers.
 * So a benchmark's ratio real / baseline is how close the engine runs to what Temporal itself allows on the
 * machine. Deterministic code only (its own worker bundle and task queue, see bench/support/worker-child.ts).
 */

/** Activities started together (one workflow task) and signals sent to other workflows with them. */
export interface Wave {
  activities: number;
  externalSignals: number;
}

export type Trigger =
  | { kind: 'start' }
  | { kind: 'update'; name: string }
  | { kind: 'signal'; name: string }
  | { kind: 'timer'; ms: number }
  /** What the workflow does on its own after an update has answered (e.g. drafting the agreement). */
  | { kind: 'after'; of: string };

export interface Stage {
  on: Trigger;
  waves: Wave[];
}

export interface BaselinePlan {
  stages: Stage[];
}

export interface BaselineProgress {
  /** The update or signal the workflow waits for now (everything before it is done), or null while busy. */
  waitingFor: string | null;
  stage: number;
}

export const baselineProgressQuery = defineQuery<BaselineProgress>('baselineProgress');

const { benchNoop } = proxyActivities<{ benchNoop(): Promise<void> }>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function baselineWorkflow(plan: BaselinePlan): Promise<number> {
  const stages = plan.stages;
  let stage = 0;
  let queued = 0;
  let chain: Promise<void> = Promise.resolve();
  const nowhere = `baseline-nowhere:${workflowInfo().workflowId}`;

  const runWave = async (w: Wave) => {
    const calls: Array<Promise<unknown>> = [];
    for (let i = 0; i < w.activities; i++) calls.push(benchNoop());
    for (let i = 0; i < w.externalSignals; i++) calls.push(getExternalWorkflowHandle(nowhere).signal('nothing').catch(() => undefined));
    await Promise.all(calls);
  };
  /** Waves run one after another, in the order they were asked for (as the real workflows' effect queue does). */
  const enqueue = (waves: Wave[]): Promise<void> => {
    queued++;
    chain = chain.then(async () => {
      for (const w of waves) await runWave(w);
      queued--;
    });
    return chain;
  };
  const current = () => stages[stage]?.on;

  setHandler(baselineProgressQuery, () => {
    const on = current();
    return { waitingFor: queued === 0 && on && (on.kind === 'update' || on.kind === 'signal') ? on.name : null, stage };
  });

  /** The update or signal stage the workflow expects next (stages before it run on their own). */
  const nextMessage = () => {
    for (let j = stage; j < stages.length; j++) {
      const on = stages[j].on;
      if (on.kind === 'update' || on.kind === 'signal') return { j, name: on.name, kind: on.kind };
    }
    return undefined;
  };
  /** Takes the message's stage once the stages before it have started, and runs its waves. */
  const take = async (j: number) => {
    if (stage !== j) await condition(() => stage === j);
    stage++;
    await enqueue(stages[j].waves);
  };

  const updateNames = new Set(stages.flatMap((s) => (s.on.kind === 'update' ? [s.on.name] : [])));
  for (const name of updateNames) {
    setHandler(
      defineUpdate<BaselineProgress, [unknown]>(name),
      async (_arg: unknown) => {
        await take(nextMessage()!.j);
        return { waitingFor: null, stage };
      },
      {
        validator: (_arg: unknown) => {
          const next = nextMessage();
          if (!next || next.kind !== 'update' || next.name !== name) throw new Error(`not waiting for ${name}`);
        },
      },
    );
  }
  const signalNames = new Set(stages.flatMap((s) => (s.on.kind === 'signal' ? [s.on.name] : [])));
  for (const name of signalNames) {
    setHandler(defineSignal<[unknown]>(name), async () => {
      const next = nextMessage();
      if (!next || next.kind !== 'signal' || next.name !== name) return;
      await take(next.j);
    });
  }

  while (stage < stages.length) {
    const on = stages[stage].on;
    if (on.kind === 'start' || on.kind === 'after') {
      await enqueue(stages[stage++].waves);
    } else if (on.kind === 'timer') {
      await sleep(on.ms);
      await enqueue(stages[stage++].waves);
    } else {
      const at = stage;
      await condition(() => stage > at);
    }
  }
  await chain;
  await condition(allHandlersFinished);
  return stage;
}
