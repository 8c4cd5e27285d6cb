import { assignmentWorkflowId } from '../workflows/ids';
import { eventually, Harness, startHarness } from './support/harness';
import { saveHistoryIfAsked } from './support/histories';
import { appointed, assignmentRow, auditActions, createGroup, createOrganisation, mailsFor, signDocument, startRound } from './support/lifecycle';
import { spawnWorker, WorkerProcess } from './support/worker-process-control';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies */

/**
 * A worker killed with SIGKILL in the middle of a lifecycle (while a step's effects are running), then a new
 * worker: the lifecycle finishes, and every step was recorded once and every mail sent once.
 */
describe('lifecycle: a worker crash in the middle', () => {
  let h: Harness;
  let worker: WorkerProcess | undefined;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
  });
  afterAll(async () => {
    await worker?.kill();
    await h?.close();
  });

  /** Waits until the workflow has accepted an update named `name` (its effects have then only just started). */
  const updateAccepted = (assignmentId: string, name: string) =>
    eventually(
      async () => {
        const events = (await h.client.workflow.getHandle(assignmentWorkflowId(assignmentId)).fetchHistory()).events ?? [];
        return events.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name);
      },
      20_000,
      20,
    );

  it('finishes the lifecycle after a kill, with no step done twice', async () => {
    worker = await spawnWorker(h);
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const a = `/assignments/${assignmentId}`;
    expect((await rep.api.post(`${a}/accept`)).status).toBe(200);

    // The details step: killed right after the workflow accepted it, while its effects (the record, the mail, the
    // agreement draft and its PDF) are under way.
    const details = rep.api.put(`${a}/personal-details`, { personalNumber: '19850709-9805', clearingNumber: '5000', accountNumber: '1234560' });
    await updateAccepted(assignmentId, 'detailsGiven');
    await worker.kill();
    worker = undefined;
    // Killed mid-step: the agreement had not been drafted yet.
    expect(await auditActions(h, 'assignment', assignmentId)).not.toContain('assignment.agreement-drafted');
    const answer = await details; // the API gave up waiting (503) or got its answer just before the kill
    expect([200, 503]).toContain(answer.status);

    // A new worker picks the lifecycle up where it stood.
    await h.startWorker();
    const view = await eventually(async () => {
      const v = (await rep.api.get(a)).body;
      return v.assignment.state === 'agreement-drafted' ? v : undefined;
    }, 60_000);
    await signDocument(rep.api, view.agreement.documentId, 'representative');
    expect((await rep.api.post(`${a}/agreement/sign`)).status).toBe(200);
    await signDocument(group.coordinator.api, view.agreement.documentId, 'countersigner');
    expect((await group.coordinator.api.post(`${a}/agreement/countersign`)).status).toBe(200);
    expect((await rep.api.post(`${a}/declaration`, { hasInterests: false })).status).toBe(200);
    expect((await group.coordinator.api.post(`${a}/declaration/review`, { outcome: 'approved' })).status).toBe(200);
    expect((await group.coordinator.api.post(`${a}/introduction`)).status).toBe(200);
    expect((await rep.api.post(`${a}/withdraw`)).status).toBe(200);
    expect(await assignmentRow(h, assignmentId)).toMatchObject({ state: 'ended', end_reason: 'withdrawn' });

    // Each transition once, in order; each mail once; one agreement draft and one PDF.
    const actions = await auditActions(h, 'assignment', assignmentId);
    expect(actions.slice(0, 10)).toEqual([
      'assignment.offered',
      'assignment.accepted',
      'assignment.details-given',
      'assignment.agreement-drafted',
      'assignment.agreement-signed',
      'assignment.agreement-countersigned',
      'assignment.declaration-submitted',
      'assignment.declaration-approved',
      'assignment.introduction-completed',
      expect.stringMatching(/^assignment\.(period-ended|ended)$/),
    ]);
    expect(new Set(actions).size).toBe(actions.length);
    // The last step's mails go out after its answer.
    const mails = await eventually(async () => {
      const templates = (await mailsFor(h, assignmentWorkflowId(assignmentId))).map((m) => m.template);
      return templates.includes('assignment-ended') ? templates : undefined;
    });
    expect(new Set(mails).size).toBe(mails.length);
    expect(mails).toEqual(expect.arrayContaining(['assignment-offer', 'details-requested', 'agreement-ready', 'assignment-active', 'assignment-ended']));
    const drafts: any[] = await h.dataSource.query(`SELECT id, document_id FROM agreement_draft WHERE assignment_id = $1`, [assignmentId]);
    expect(drafts).toHaveLength(1);
    const documents: any[] = await h.dataSource.query(`SELECT id FROM document WHERE subject_id = $1 AND kind = 'agreement' AND variant = 'original'`, [assignmentId]);
    expect(documents.length).toBeLessThanOrEqual(1);
    expect(documents.map((d) => d.id)).toEqual(drafts[0].document_id ? [drafts[0].document_id] : []);
    // The declaration's documents (as submitted, and the version with the coordinator's assessment) were made once each.
    const declarationDocs: any[] = await h.dataSource.query(`SELECT id FROM document WHERE subject_id = $1 AND kind = 'declaration' AND variant = 'original' ORDER BY created_at`, [assignmentId]);
    const declarations: any[] = await h.dataSource.query(`SELECT document_id, assessed_document_id FROM declaration WHERE assignment_id = $1`, [assignmentId]);
    expect(declarations).toHaveLength(1);
    expect(declarationDocs.map((d) => d.id).sort()).toEqual([declarations[0].document_id, declarations[0].assessed_document_id].filter(Boolean).sort());
    // Still running: it waits for the last period's report.
    await saveHistoryIfAsked(h, assignmentWorkflowId(assignmentId), 'assignment-after-worker-crash', { complete: false });
  });
});
