import { createActivities } from '../activities';
import type { AssignmentStepArgs } from '../activities/assignment.activities';
import { FIELD_CIPHER } from '../src/crypto/field-cipher';
import { DocumentsService } from '../src/documents/documents.service';
import { AuthenticatedUserSigner } from '../src/documents/signing/authenticated-user.signer';
import { createLogger } from '../src/logging/logger';
import { assignmentStatusQuery } from '../workflows/assignment.messages';
import { randomUUID } from 'node:crypto';
import { PeopleRepository } from '../src/people/people.repository';
import { RecruitmentRepository } from '../src/recruitment/recruitment.repository';
import { recruitmentStatusQuery } from '../workflows/recruitment.messages';
import { assignmentWorkflowId, recruitmentWorkflowId } from '../workflows/ids';
import { eventually, Harness, startHarness } from './support/harness';
import { appointed, assignmentRow, auditActions, createGroup, createOrganisation, signDocument, startRound, TERMS, testPersonnummer } from './support/lifecycle';

/**
 * Issue 14 (the drill): 9 read models one step ahead of their workflow and 10 lifecycles stuck waiting for it. A
 * step's record (audit line + read model) is a local activity of the workflow task that takes the step; when that
 * task is lost before the server records it (worker killed, Temporal server restarted) and the Update with it, the
 * read model shows the step although the workflow never took it, and the client's retry was refused or skipped
 * because the API decided from the read model. Here the lost task's record is made by the real activity with the
 * arguments that task gave it; then the client retries the step as a client does, and the retry completes it:
 * the workflow takes the step, the read model equals the workflow, each audit line is there once.
 */
describe('a step whose workflow task was lost after its record was written', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const handle = (id: string) => h.client.workflow.getHandle(assignmentWorkflowId(id));
  const live = async (id: string) => (await handle(id).query(assignmentStatusQuery)).state;

  const realActivities = () =>
    createActivities({
      dataSource: h.dataSource,
      logger: createLogger('silent', 'test'),
      config: h.config,
      cipher: h.app.get(FIELD_CIPHER),
      documents: h.app.get(DocumentsService),
    });

  /** What the lost workflow task's local activity wrote: the step's record, under the number the workflow gives its next step. */
  async function lostRecord(assignmentId: string, step: Pick<AssignmentStepArgs, 'action' | 'actor' | 'state'> & Partial<AssignmentStepArgs>) {
    const acts = createActivities({
      dataSource: h.dataSource,
      logger: createLogger('silent', 'test'),
      config: h.config,
      cipher: h.app.get(FIELD_CIPHER),
      documents: h.app.get(DocumentsService),
    });
    const status = await handle(assignmentId).query(assignmentStatusQuery);
    const { runId } = await handle(assignmentId).describe(); // no continue-as-new during onboarding: the chain is this run
    await acts.recordAssignmentStep({ assignmentId, workflowId: assignmentWorkflowId(assignmentId), chainId: runId, transitionNo: status.transitions + 1, ...step });
  }

  /** The document's signature stored as POST /documents/{id}/signatures stores it, its follow-up (the workflow's Update) lost. */
  async function storedSignature(documentId: string, role: 'representative' | 'countersigner', user: { id: string; name: string }) {
    const docs = h.app.get(DocumentsService);
    const doc = await docs.get(documentId);
    await docs.sign(documentId, { role, expectedSha256: doc.sha256 }, new AuthenticatedUserSigner(user, { ipAddress: null, userAgent: null }));
  }

  it('a signature, a countersignature and a declaration review: the retry completes each, read model == workflow', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const a = `/assignments/${assignmentId}`;
    expect((await rep.api.post(`${a}/accept`)).status).toBe(200);
    expect((await rep.api.put(`${a}/personal-details`, { personalNumber: '19850709-9805', clearingNumber: '5000', accountNumber: '1234560' })).status).toBe(200);
    const view = await eventually(async () => {
      const v = (await rep.api.get(a)).body;
      return v.assignment.state === 'agreement-drafted' && v.workflow?.status?.state === 'agreement-drafted' ? v : undefined;
    }, 60_000);
    const documentId: string = view.agreement.documentId;
    const agreementId: string = view.agreement.id;
    expect(documentId).toBeTruthy();

    // 1. The representative's signature: stored, its Update lost, its record written.
    await storedSignature(documentId, 'representative', { id: rep.user.id, name: rep.user.displayName });
    await lostRecord(assignmentId, {
      action: 'agreement-signed',
      actor: rep.user.id,
      state: 'signed',
      agreement: { id: agreementId, state: 'signed' },
      details: { agreementId },
    });
    expect((await assignmentRow(h, assignmentId)).state).toBe('signed');
    expect(await live(assignmentId)).toBe('agreement-drafted'); // the read model ahead, as in the drill
    // The client reads the workflow's state (agreement-drafted) and signs again.
    await signDocument(rep.api, documentId, 'representative');
    expect(await live(assignmentId)).toBe('signed');

    // 2. The group's countersignature, the same way.
    await storedSignature(documentId, 'countersigner', { id: group.coordinator.user.id, name: group.coordinator.user.displayName });
    await lostRecord(assignmentId, {
      action: 'agreement-countersigned',
      actor: group.coordinator.user.id,
      state: 'countersigned',
      agreement: { id: agreementId, state: 'countersigned' },
      details: { agreementId },
    });
    expect(await live(assignmentId)).toBe('signed');
    await signDocument(group.coordinator.api, documentId, 'countersigner');
    expect(await live(assignmentId)).toBe('countersigned');

    // 3. The declaration's review: its record written (the read model shows it approved), the Update lost.
    expect((await rep.api.post(`${a}/declaration`, { hasInterests: false })).status).toBe(200);
    const declarationId: string = (await handle(assignmentId).query(assignmentStatusQuery)).declaration.declarationId as string;
    await lostRecord(assignmentId, {
      action: 'declaration-approved',
      actor: group.coordinator.user.id,
      state: 'declaration-approved',
      declaration: { id: declarationId, state: 'approved' },
      details: { declarationId, outcome: 'approved' },
    });
    expect((await assignmentRow(h, assignmentId)).state).toBe('declaration-approved');
    expect(await live(assignmentId)).toBe('declaration-submitted');
    const review = await group.coordinator.api.post(`${a}/declaration/review`, { outcome: 'approved' });
    expect(review.status).toBe(200);
    expect(review.body.state).toBe('declaration-approved');

    // The rest of the way, and the read model equal to the workflow with every step recorded once.
    expect((await group.coordinator.api.post(`${a}/introduction`)).status).toBe(200);
    expect(await live(assignmentId)).toBe('active');
    expect((await assignmentRow(h, assignmentId)).state).toBe('active');
    const actions = await auditActions(h, 'assignment', assignmentId);
    for (const step of ['agreement-signed', 'agreement-countersigned', 'declaration-submitted', 'declaration-approved', 'introduction-completed']) {
      expect({ step, times: actions.filter((x) => x === `assignment.${step}`).length }).toEqual({ step, times: 1 });
    }
    const declarations: Array<{ state: string }> = await h.dataSource.query(`SELECT state FROM declaration WHERE assignment_id = $1`, [assignmentId]);
    expect(declarations).toEqual([{ state: 'approved' }]);
  });

  /**
   * The drill of 2026-12-04 21:58 (embedded, 200 lifecycles): 6 lifecycles never got an invitation. Their nomination's
   * workflow task wrote its record (the nomination `proposed`) and was lost with the worker; the Temporal server's
   * restart then dropped the Update, so the workflow never had the nomination. The organisation's retry was answered
   * from the read model without the workflow (201 with the client id, 409 "already nominated" without), and the
   * appointment was refused. Here the API's stored nomination and the lost task's record are made by the real
   * repository and activity; the retry with the client id must give the nomination to the workflow.
   */
  it('a nomination whose workflow task was lost after its record: the retry gives it to the workflow, and it can be appointed', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const requestId = requests[org.id];
    const id = randomUUID();
    const body = { id, fullName: 'Nora Nominerad', email: `nora.${id.slice(0, 8)}@example.se`, perspective: 'patient', representation: 'mandate' };

    // What the API stored before it sent the Update (storeNomination), and what the lost task's record wrote.
    const repo = h.app.get(RecruitmentRepository);
    await repo.transaction(async (em) => {
      const person = await h.app.get(PeopleRepository).findOrCreate({ fullName: body.fullName, email: body.email, perspective: 'patient' }, em);
      await repo.insertSubmittedNomination(group.id, { id, personId: person.id, representation: 'mandate', requestId, organisationId: org.id, nominatedBy: org.contact.user.id }, 'patient', em);
    });
    const recruitment = h.client.workflow.getHandle(recruitmentWorkflowId(group.id));
    const { runId } = await recruitment.describe();
    const [{ n }]: Array<{ n: number }> = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND idempotency_key LIKE 'recruitment:%'`,
      [group.id],
    );
    await realActivities().recordRecruitmentStep({
      groupId: group.id,
      workflowId: recruitmentWorkflowId(group.id),
      chainId: runId,
      transitionNo: n + 1,
      action: 'nomination-received',
      actor: org.contact.user.id,
      recruitmentState: 'recruiting',
      details: { nominationId: id, requestId, organisationId: org.id },
      nomination: { id, state: 'proposed', decidedBy: null },
      requestStates: [{ id: requestId, state: 'nominated' }],
    });
    const state = async () => ((await h.dataSource.query(`SELECT state FROM nomination WHERE id = $1`, [id])) as Array<{ state: string }>)[0]?.state;
    expect(await state()).toBe('proposed');
    expect((await recruitment.query(recruitmentStatusQuery)).pendingNominations.map((x) => x.id)).not.toContain(id);

    // The organisation's retry, with its client id.
    const retry = await org.contact.api.post(`/nomination-requests/${requestId}/nominations`, body);
    expect(retry.status).toBe(201);
    expect((await recruitment.query(recruitmentStatusQuery)).pendingNominations.map((x) => x.id)).toContain(id);
    const actions = await auditActions(h, 'working_group', group.id);
    expect(actions.filter((x) => x === 'recruitment.nomination-received')).toHaveLength(1);
    // A second retry is the same nomination (the workflow refuses it as registered; the answer is 201 again).
    expect((await org.contact.api.post(`/nomination-requests/${requestId}/nominations`, body)).status).toBe(201);
    expect((await recruitment.query(recruitmentStatusQuery)).pendingNominations.filter((x) => x.id === id)).toHaveLength(1);

    const appointed = await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${id}/appoint`, TERMS);
    expect(appointed.status).toBe(201);
    expect(await state()).toBe('appointed');
  });

  /**
   * The same drill: one lifecycle stuck at agreement-drafted with no document ("Ett annat dokument har redan skapats
   * med samma idempotensnyckel"). The draft activity's first attempt stored the PDF and died before setting it on the
   * draft; the retry rendered it again with the retry's time, a different document under the same key, refused.
   */
  it('an agreement draft whose PDF an earlier attempt stored: the retry gets that PDF, not a refusal', async () => {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const a = `/assignments/${assignmentId}`;
    expect((await rep.api.post(`${a}/accept`)).status).toBe(200);
    expect((await rep.api.put(`${a}/personal-details`, { personalNumber: testPersonnummer(702), clearingNumber: '8327-9', accountNumber: '123 456 789-7' })).status).toBe(200);
    await eventually(async () => ((await live(assignmentId)) === 'agreement-drafted' ? true : undefined), 60_000);

    // One draft activity, attempted twice with the same arguments; the first attempt's end lost after its PDF was stored.
    const args = { assignmentId, workflowId: assignmentWorkflowId(assignmentId), chainId: randomUUID(), transitionNo: 1 };
    const first = await realActivities().draftAgreement(args);
    expect(first.documentId).toBeTruthy();
    await h.dataSource.query(`UPDATE agreement_draft SET document_id = NULL WHERE id = $1`, [first.agreementId]);
    const again = await realActivities().draftAgreement(args);
    expect(again).toEqual({ agreementId: first.agreementId, version: first.version, documentId: first.documentId, pdfProblem: null });
    const [row]: Array<{ document_id: string | null }> = await h.dataSource.query(`SELECT document_id FROM agreement_draft WHERE id = $1`, [first.agreementId]);
    expect(row.document_id).toBe(first.documentId);
  });
});
