import { eventually, Harness, startHarness } from './support/harness';
import { stockholmDate } from '../src/common/stockholm-time';
import { appointed, auditActions, createGroup, createOrganisation, startRound, testPersonnummer } from './support/lifecycle';


/**
 * The routine's steps of issue 16 on the real Temporal dev server and PostgreSQL, through HTTP: signing and
 * countersigning as one action (#4), the introduction marked by the representative or recorded as a meeting (#8).
 */
describe('routine steps (issue 16)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  let n = 0;
  /** An assignment whose agreement PDF waits for the representative's signature. */
  async function drafted() {
    n++;
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const a = `/assignments/${assignmentId}`;
    expect((await rep.api.post(`${a}/accept`)).status).toBe(200);
    const details = { personalNumber: testPersonnummer(700 + n), clearingNumber: '8327-9', accountNumber: '123 456 789-7' };
    expect((await rep.api.put(`${a}/personal-details`, details)).status).toBe(200);
    const view = await eventually(async () => {
      const v = (await rep.api.get(a)).body;
      return v.assignment.state === 'agreement-drafted' && v.agreement?.documentId ? v : undefined;
    });
    const documentId: string = view.agreement.documentId;
    const sha: string = (await rep.api.get(`/documents/${documentId}`)).body.sha256;
    return { group, rep, assignmentId, a, documentId, sha, agreementId: view.agreement.id as string };
  }

  const signatures = (documentId: string): Promise<Array<{ role: string; document_sha256: string; signer_user_id: string }>> =>
    h.dataSource.query(`SELECT role, document_sha256, signer_user_id FROM document_signature WHERE document_id = $1 ORDER BY signed_at`, [documentId]);

  /** From drafted to the declaration approved, signing in one action each. */
  async function approved() {
    const d = await drafted();
    expect((await d.rep.api.post(`${d.a}/agreement/sign`)).status).toBe(200);
    expect((await d.group.coordinator.api.post(`${d.a}/agreement/countersign`)).status).toBe(200);
    expect((await d.rep.api.post(`${d.a}/declaration`, { hasInterests: false })).status).toBe(200);
    expect((await d.group.coordinator.api.post(`${d.a}/declaration/review`, { outcome: 'approved' })).status).toBe(200);
    return d;
  }

  describe('#4 signing is one action', () => {
    it('signs the current document (its SHA-256 in the signature) and moves the assignment on; the same for countersigning; a retry is the same step', async () => {
      const { group, rep, assignmentId, a, documentId, sha } = await drafted();
      const coordinator = group.coordinator.api;

      const signed = await rep.api.post(`${a}/agreement/sign`);
      expect([signed.status, signed.body.state]).toEqual([200, 'signed']);
      expect(await signatures(documentId)).toEqual([{ role: 'representative', document_sha256: sha, signer_user_id: rep.user.id }]);
      const view = (await rep.api.get(a)).body;
      expect(view.assignment.state).toBe('signed');
      expect(view.agreement.state).toBe('signed');
      // The document shows the signature and a sealed version, as signing it through /documents does.
      const doc = (await rep.api.get(`/documents/${documentId}`)).body;
      expect(doc.signatures).toEqual([expect.objectContaining({ role: 'representative', signerUserId: rep.user.id, documentSha256: sha })]);
      expect(doc.sealedVersions.length).toBe(1);

      // A retry (the answer was lost) is the same step: no second signature, no second transition.
      const again = await rep.api.post(`${a}/agreement/sign`);
      expect([again.status, again.body.state]).toEqual([200, 'signed']);
      expect((await signatures(documentId)).length).toBe(1);

      const countersigned = await coordinator.post(`${a}/agreement/countersign`, { expectedSha256: sha });
      expect([countersigned.status, countersigned.body.state]).toEqual([200, 'countersigned']);
      expect(await signatures(documentId)).toEqual([
        { role: 'representative', document_sha256: sha, signer_user_id: rep.user.id },
        { role: 'countersigner', document_sha256: sha, signer_user_id: group.coordinator.user.id },
      ]);
      expect((await coordinator.post(`${a}/agreement/countersign`)).status).toBe(200);
      expect((await signatures(documentId)).length).toBe(2);

      // Once the agreement has gone further, signing again is a conflict, in Swedish.
      const late = await rep.api.post(`${a}/agreement/sign`);
      expect([late.status, late.body.message]).toEqual([409, 'Du har redan undertecknat överenskommelsen.']);
      expect((await rep.api.post(`${a}/declaration`, { hasInterests: false })).status).toBe(200);
      const lateCounter = await coordinator.post(`${a}/agreement/countersign`);
      expect([lateCounter.status, lateCounter.body.message]).toEqual([409, 'Överenskommelsen är redan kontrasignerad.']);

      const actions = await auditActions(h, 'assignment', assignmentId);
      expect(actions.filter((x) => x === 'assignment.agreement-signed')).toHaveLength(1);
      expect(actions.filter((x) => x === 'assignment.agreement-countersigned')).toHaveLength(1);
    });

    it('keeps the two-call path (document first, then the step), and refuses a hash that is not the stored one', async () => {
      const { group, rep, a, documentId, sha } = await drafted();
      const wrong = await rep.api.post(`${a}/agreement/sign`, { expectedSha256: 'a'.repeat(64) });
      expect(wrong.status).toBe(409);
      expect(wrong.body.message).toMatch(/kontrollsumman skiljer sig/);
      expect(await signatures(documentId)).toEqual([]);

      expect((await rep.api.post(`/documents/${documentId}/signatures`, { role: 'representative', expectedSha256: sha })).status).toBe(201);
      const step = await rep.api.post(`${a}/agreement/sign`);
      expect([step.status, step.body.state]).toEqual([200, 'signed']);
      expect((await group.coordinator.api.post(`/documents/${documentId}/signatures`, { role: 'countersigner', expectedSha256: sha })).status).toBe(201);
      const counter = await group.coordinator.api.post(`${a}/agreement/countersign`);
      expect([counter.status, counter.body.state]).toEqual([200, 'countersigned']);
      expect((await signatures(documentId)).map((s) => s.role)).toEqual(['representative', 'countersigner']);
    });

    it('answers 409 in Swedish when there is no current document, and signs nothing', async () => {
      const { rep, a, agreementId, documentId } = await drafted();
      // The agreement whose PDF could not be rendered (the draft keeps no document).
      await h.dataSource.query(`UPDATE agreement_draft SET document_id = NULL WHERE id = $1`, [agreementId]);
      const res = await rep.api.post(`${a}/agreement/sign`);
      expect([res.status, res.body.message]).toEqual([409, 'Överenskommelsen har inget dokument att signera (det kunde inte skapas). Kontakta samordnaren.']);
      expect(await signatures(documentId)).toEqual([]);
      expect((await rep.api.get(a)).body.assignment.state).toBe('agreement-drafted');
    });
  });

  describe('#8 the introduction', () => {
    it('lets the representative mark the digital introduction completed themself, not before its turn, and not as a meeting', async () => {
      const d = await drafted();
      expect((await d.rep.api.post(`${d.a}/agreement/sign`)).status).toBe(200);
      const early = await d.rep.api.post(`${d.a}/introduction`);
      expect(early.status).toBe(409);
      expect(early.body.message).toMatch(/^Det går inte att registrera introduktionen nu: uppdraget /);
      expect((await d.group.coordinator.api.post(`${d.a}/agreement/countersign`)).status).toBe(200);
      expect((await d.rep.api.post(`${d.a}/declaration`, { hasInterests: false })).status).toBe(200);
      expect((await d.group.coordinator.api.post(`${d.a}/declaration/review`, { outcome: 'approved' })).status).toBe(200);

      const meeting = await d.rep.api.post(`${d.a}/introduction`, { kind: 'meeting', heldOn: stockholmDate(Date.now()) });
      expect(meeting.status).toBe(403);
      expect(meeting.body.message).toMatch(/introduktionsmöte registreras av gruppens samordnare/);

      const done = await d.rep.api.post(`${d.a}/introduction`, { kind: 'digital' });
      expect([done.status, done.body.state]).toEqual([200, 'active']);
      const [row] = await h.dataSource.query(`SELECT state, introduction_kind, introduction_held_on::text AS held_on, introduction_recorded_by FROM assignment WHERE id = $1`, [
        d.assignmentId,
      ]);
      expect(row).toEqual({ state: 'active', introduction_kind: 'digital', held_on: stockholmDate(Date.now()), introduction_recorded_by: d.rep.user.id });
      expect((await d.rep.api.get(d.a)).body.assignment).toMatchObject({ introductionKind: 'digital', introductionHeldOn: stockholmDate(Date.now()) });
    });

    it('lets the coordinator record an introduction meeting with its date (not a day to come)', async () => {
      const d = await approved();
      const future = await d.group.coordinator.api.post(`${d.a}/introduction`, { kind: 'meeting', heldOn: '2999-01-01' });
      expect(future.status).toBe(400);
      expect(future.body.fields.heldOn).toBeDefined();
      const bad = await d.group.coordinator.api.post(`${d.a}/introduction`, { kind: 'meeting', heldOn: '2026-02-30' });
      expect(bad.status).toBe(400);

      const res = await d.group.coordinator.api.post(`${d.a}/introduction`, { kind: 'meeting', heldOn: '2026-03-02' });
      expect([res.status, res.body.state]).toEqual([200, 'active']);
      const [row] = await h.dataSource.query(`SELECT introduction_kind, introduction_held_on::text AS held_on FROM assignment WHERE id = $1`, [d.assignmentId]);
      expect(row).toEqual({ introduction_kind: 'meeting', held_on: '2026-03-02' });
      const [line] = await h.dataSource.query(
        `SELECT details FROM audit_log WHERE subject_id = $1 AND action = 'assignment.introduction-completed'`,
        [d.assignmentId],
      );
      expect(line.details).toMatchObject({ introduction: 'meeting', heldOn: '2026-03-02' });
    });
  });
});
