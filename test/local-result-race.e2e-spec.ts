import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { createLogger } from '../src/logging/logger';
import { createWorker, RunningWorker } from '../src/worker.bootstrap';
import { acceptUpdate, assignmentStatusQuery, type AssignmentInput } from '../workflows/assignment.messages';
import { assignmentWorkflowId } from '../workflows/ids';
import { REFUSAL } from '../workflows/refusals';
import { eventually, Harness, startHarness } from './support/harness';
import { appointed, auditActions, createGroup, createOrganisation, startRound } from './support/lifecycle';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

/**
 * The interleaving behind the drill's replay nondeterminism of 2026-12-04 (docs/drill/README.md), made on purpose
 * with the real engines: an assignment workflow's first task carries a Query (sent while no worker polled, as after
 * the drill's Temporal restart), the Query is answered slowly (an interceptor blocks the workflow thread as a
 * loaded worker does), the offered record's local activity finishes meanwhile, and the representative's `accept`
 * reaches the server before the task completes. sdk-core then completes the task with the record's marker but
 * before the workflow saw its result, and hands the result and the Update over together in the next task, Update
 * first. On the code of the drill the Update ran first and the history did not replay; now it is refused for the
 * moment (503 through the API), the history replays, and the same step a moment later is taken.
 */
describe('an update in the task after a held-back local activity result (issue 14, drill 2026-12-04)', () => {
  let h: Harness;
  let worker: RunningWorker | undefined;
  let running: Promise<void> | undefined;
  let slowQueryBundle: string;

  beforeAll(async () => {
    h = await startHarness();
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../workflows'),
      workflowInterceptorModules: [require.resolve('./support/slow-status-query.interceptor')],
      logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    slowQueryBundle = code;
  }, 120_000);
  afterAll(async () => {
    if (worker) {
      await worker.shutdown();
      await running;
    }
    await h?.close();
  });

  const replay = async (workflowId: string) => {
    const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE as string } }, history, workflowId);
    return history.events ?? [];
  };

  it('refuses the update for the moment, keeps a history that replays, and takes the step when asked again', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const workflowId = assignmentWorkflowId(assignmentId);

    // The same assignment's workflow again from its start, with the input the recruitment workflow gave it, while no
    // worker polls: its first task waits on the server, as the drill's did for 34 s during a Temporal restart.
    const started = (await h.client.workflow.getHandle(workflowId).fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
    const input = defaultPayloadConverter.fromPayload<AssignmentInput>(started!.input!.payloads![0]);
    await h.stopWorker();
    await h.client.workflow.getHandle(workflowId).terminate('test: the first task again');
    const handle = await h.client.workflow.start('assignmentWorkflow', { workflowId, taskQueue: h.config.temporal.taskQueue, args: [input] });

    // A status read (the API's GET /assignments/{id}) while the task waits: the server hands it out with the task.
    const status = handle.query(assignmentStatusQuery);
    await new Promise((r) => setTimeout(r, 500));
    worker = await createWorker(h.config, createLogger(h.config.logLevel, 'test'), { workflowBundle: { code: slowQueryBundle }, shutdownGraceTime: '1s' });
    running = worker.run();

    // The offered record is written (its local activity ran) while the Query is still being answered: the
    // representative accepts now, as the drill's client did on seeing `nominated`.
    await eventually(async () => (await auditActions(h, 'assignment', assignmentId)).filter((a) => a === 'assignment.offered').length === 2, 10_000, 10);
    const refusal = await handle.executeUpdate(acceptUpdate, { args: [{ actorId: rep.user.id }] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((await status).state).toBe('nominated');

    // The interleaving happened: the first task completed with the record's marker and nothing after it (the offer's
    // mail not yet sent), and the next task was handed out in the answer to that completion.
    const events: HistoryEvent[] = await replay(workflowId);
    const firstCompleted = events.findIndex((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    const secondStarted = events.findIndex((e, i) => i > firstCompleted && e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
    const firstTask = events.slice(firstCompleted + 1, secondStarted);
    expect(firstTask.at(-2)?.markerRecordedEventAttributes?.markerName).toBe('core_local_activity');
    expect(firstTask.some((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toBe(false);
    expect(events[secondStarted]?.workflowTaskStartedEventAttributes?.requestId).toBe('request-from-RespondWorkflowTaskCompleted');

    // The update came in that task with the record's result and was refused before it entered history.
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refusal as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(REFUSAL.busy);
    expect(events.some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).toBe(false);

    // Asked again through the API a moment later, the step is taken, and the history still replays.
    const accepted = await eventually(async () => {
      const res = await rep.api.post(`/assignments/${assignmentId}/accept`);
      return res.status === 200 ? res : undefined;
    }, 20_000, 200);
    expect(accepted.body.assignment?.state ?? accepted.body.state).toBe('accepted');
    const after = await replay(workflowId);
    expect(after.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).toHaveLength(1);
  }, 120_000);
});
