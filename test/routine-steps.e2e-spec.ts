import { ApiClient, eventually, Harness, startHarness } from './support/harness';
import { stockholmDate } from '../src/common/stockholm-time';
import { appointed, assignmentRow, assignmentStatus, auditActions, createGroup, createOrganisation, mailsFor, startRound, testPersonnummer } from './support/lifecycle';
import { assignmentWorkflowId } from '../workflows/ids';
import { saveHistoryIfAsked } from './support/histories';


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

describe('routine steps (issue 16): the payee details step (#5)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** An accepted assignment (group paid by SKR), ready for the payee details. */
  async function accepted() {
    const group = await createGroup(h);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const a = `/assignments/${assignmentId}`;
    expect((await rep.api.post(`${a}/accept`)).status).toBe(200);
    return { group, rep, assignmentId, a };
  }
  let pn = 800;
  const details = (extra: Record<string, unknown> = {}) => ({ personalNumber: testPersonnummer(pn++), clearingNumber: '8327-9', accountNumber: '123 456 789-7', ...extra });
  const person = async (personId: string) =>
    (
      await h.dataSource.query(
        `SELECT personal_number_enc IS NOT NULL AS stored, tax_status, f_skatt_invoked_at IS NOT NULL AS invoked, receives_benefits, guardian_consent_name,
                guardian_consent_at IS NOT NULL AS consented FROM person WHERE id = $1`,
        [personId],
      )
    )[0];

  it('refuses F-skatt and invoked FA-skatt by default (SKR\'s policy) with the routine\'s reason and whom to contact, storing nothing', async () => {
    const { rep, a } = await accepted();
    for (const body of [details({ taxStatus: 'f-skatt' }), details({ taxStatus: 'fa-skatt', invokeFSkatt: true })]) {
      const res = await rep.api.put(`${a}/personal-details`, body);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/bara till privatpersoner, inte till företag/);
      expect(res.body.message).toMatch(/varken dra skatt eller betala arbetsgivaravgifter/);
      expect(res.body.message).toMatch(/kontakta samordnaren för gruppen/);
    }
    expect(await person(rep.user.personId!)).toMatchObject({ stored: false, tax_status: 'none' });
    expect((await rep.api.get(a)).body.assignment.state).toBe('accepted');

    const wrong = await rep.api.put(`${a}/personal-details`, details({ taxStatus: 'none', invokeFSkatt: true }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.invokeFSkatt).toBeDefined();

    // FA-skatt without invoking the F-skatt: paid as a private person, with tax withheld.
    const fa = await rep.api.put(`${a}/personal-details`, details({ taxStatus: 'fa-skatt', mainIncome: false }));
    expect(fa.status).toBe(200);
    expect(fa.body.advice).toEqual([]);
    expect(await person(rep.user.personId!)).toMatchObject({ stored: true, tax_status: 'fa-skatt', invoked: false });
    expect((await rep.api.get(a)).body.payee).toMatchObject({ taxStatus: 'fa-skatt', fSkattInvokedAt: null, mainIncome: false });
  });

  it('takes F-skatt where the payer\'s policy (set by an administrator through the settings API) pays without deductions, and records the invoked F-skatt', async () => {
    const admin = await h.asAdmin();
    // The contact an administrator names is the one the refusal tells the person to contact.
    expect((await admin.patch('/paying-bodies/SKR/settings', { fSkattContact: 'Ekonomienheten på SKR, ekonomi@skr.example' })).status).toBe(200);
    const first = await accepted();
    const refused = await first.rep.api.put(`${first.a}/personal-details`, details({ taxStatus: 'f-skatt' }));
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/Ekonomienheten på SKR, ekonomi@skr\.example/);

    expect((await admin.patch('/paying-bodies/SKR/settings', { fSkattPolicy: 'pay-without-deductions' })).body).toMatchObject({ fSkattPolicy: 'pay-without-deductions' });
    try {
      const { rep, a } = await accepted();
      const res = await rep.api.put(`${a}/personal-details`, details({ taxStatus: 'fa-skatt', invokeFSkatt: true }));
      expect(res.status).toBe(200);
      expect(await person(rep.user.personId!)).toMatchObject({ stored: true, tax_status: 'fa-skatt', invoked: true });
    } finally {
      expect((await admin.patch('/paying-bodies/SKR/settings', { fSkattPolicy: 'refuse', fSkattContact: null })).status).toBe(200);
    }
  });

  it('needs a guardian\'s consent for a person under 18 before the agreement, and the database refuses the agreement without it', async () => {
    const { rep, a, assignmentId } = await accepted();
    const year = Number(stockholmDate(Date.now()).slice(0, 4)) - 16;
    const minor = minorPersonnummer(year);
    const refused = await rep.api.put(`${a}/personal-details`, details({ personalNumber: minor }));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/under 18 år. En vårdnadshavare behöver samtycka/);
    expect(Object.keys(refused.body.fields).sort()).toEqual(['guardianConsent', 'guardianName']);
    expect(await person(rep.user.personId!)).toMatchObject({ stored: false });

    const ok = await rep.api.put(`${a}/personal-details`, details({ personalNumber: minor, guardianName: 'Vera Vårdnadshavare', guardianConsent: true }));
    expect(ok.status).toBe(200);
    expect(await person(rep.user.personId!)).toMatchObject({ stored: true, guardian_consent_name: 'Vera Vårdnadshavare', consented: true });
    await eventually(async () => (await rep.api.get(a)).body.assignment.state === 'agreement-drafted');

    // Without the recorded consent the database refuses an agreement for the minor.
    await h.dataSource.query(`UPDATE person SET guardian_consent_name = NULL, guardian_consent_at = NULL WHERE id = $1`, [rep.user.personId]);
    await expect(
      h.dataSource.query(
        `INSERT INTO agreement_draft (id, assignment_id, version, idempotency_key, terms) SELECT gen_random_uuid(), $1, 99, 'test-minor', terms FROM agreement_draft WHERE assignment_id = $1 LIMIT 1`,
        [assignmentId],
      ),
    ).rejects.toThrow(/agreement_draft_minor_consent/);
  });

  it('shows and mails §4.5.2\'s advice to a person who receives benefits from Försäkringskassan', async () => {
    const { rep, a, assignmentId } = await accepted();
    const res = await rep.api.put(`${a}/personal-details`, details({ receivesBenefits: true }));
    expect(res.status).toBe(200);
    expect(res.body.advice).toEqual([expect.stringMatching(/kontaktar du din handläggare på Försäkringskassan/)]);
    expect((await rep.api.get(a)).body.payee).toMatchObject({ receivesBenefits: true, advice: res.body.advice });
    const mails = await h.dataSource.query(`SELECT to_address, subject, body FROM outbox WHERE idempotency_key = $1`, [`benefits-advice:${assignmentId}`]);
    expect(mails).toEqual([expect.objectContaining({ to_address: rep.user.email, subject: 'Arvode och ersättning från Försäkringskassan' })]);
    expect(mails[0].body).toMatch(/§4.5.2/);
    // Giving the details again mails nothing new.
    expect((await rep.api.put(`${a}/personal-details`, details({ receivesBenefits: true }))).status).toBe(200);
    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE idempotency_key = $1`, [`benefits-advice:${assignmentId}`]))[0].n).toBe(1);
  });
});

describe('routine steps (issue 16): an overdue human step has an end (#9)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** An accepted assignment waiting for the representative's details, in a group with the given assignment policy. */
  async function waitingForDetails(assignment: Record<string, unknown> = {}) {
    const group = await createGroup(h, { assignment });
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const { assignmentId, rep } = await appointed(h, group, org, requests[org.id]);
    const a = `/assignments/${assignmentId}`;
    expect((await rep.api.post(`${a}/accept`)).status).toBe(200);
    return { group, rep, assignmentId, a };
  }
  const FAST = { stepWithin: '2 seconds', maxStepReminders: 1 };
  const overdue = (h: Harness, assignmentId: string) =>
    eventually(async () => (await assignmentStatus(h, assignmentId)).overdue === true, 60_000);

  it('refuses a decision while no step is overdue', async () => {
    const { group, a } = await waitingForDetails();
    const res = await group.coordinator.api.post(`${a}/overdue-step`, { decision: 'extend' });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/inget steg i uppdraget är försenat/);
    const bad = await group.coordinator.api.post(`${a}/overdue-step`, { decision: 'extend', extendByDays: 0 });
    expect(bad.status).toBe(400);
  });

  it('lets the coordinator extend the deadline of an overdue step (its reminders start again), or end the assignment', async () => {
    const first = await waitingForDetails(FAST);
    await overdue(h, first.assignmentId);
    // After the notice the coordinator is reminded to decide (the default policy), the assignment stays.
    await eventually(async () => (await auditActions(h, 'assignment', first.assignmentId)).includes('assignment.overdue-decision-reminder-sent'), 60_000);
    // The decision is the coordinator's task in "Att göra nu", naming group and person; not the representative's.
    const decisionTasks = async (api: ApiClient) =>
      ((await api.get('/me/tasks')).body as Array<{ kind: string; subject: { id: string } }>).filter(
        (t) => t.kind === 'assignment.decide-overdue-step' && t.subject.id === first.assignmentId,
      );
    const [task] = await decisionTasks(first.group.coordinator.api);
    expect(task).toMatchObject({
      title: 'Ett steg är försenat: förläng tiden eller avsluta uppdraget',
      subject: { type: 'assignment', id: first.assignmentId },
      groupId: first.group.id,
      groupName: `NSG Testgrupp ${first.group.id.slice(0, 6)}`,
      personName: expect.any(String),
      urgent: true,
    });
    const [{ full_name }] = await h.dataSource.query(`SELECT p.full_name FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.id = $1`, [first.assignmentId]);
    expect(task).toMatchObject({ personName: full_name });
    expect(await decisionTasks(first.rep.api)).toEqual([]);
    expect((await first.rep.api.post(`${first.a}/overdue-step`, { decision: 'end' })).status).toBe(404);
    const extended = await first.group.coordinator.api.post(`${first.a}/overdue-step`, { decision: 'extend', extendByDays: 30 });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ state: 'accepted', overdue: false, remindersSent: 0 });
    const deadline = Date.parse(extended.body.deadline);
    expect(deadline).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    expect(await auditActions(h, 'assignment', first.assignmentId)).toContain('assignment.step-deadline-extended');
    // Decided: the task is gone.
    expect(await decisionTasks(first.group.coordinator.api)).toEqual([]);
    // The representative can go on.
    const details = { personalNumber: testPersonnummer(900), clearingNumber: '8327-9', accountNumber: '123 456 789-7' };
    expect((await first.rep.api.put(`${first.a}/personal-details`, details)).status).toBe(200);

    const second = await waitingForDetails(FAST);
    await overdue(h, second.assignmentId);
    const ended = await second.group.coordinator.api.post(`${second.a}/overdue-step`, { decision: 'end' });
    expect([ended.status, ended.body.state, ended.body.endReason]).toEqual([200, 'ended', 'step-overdue']);
    expect(await assignmentRow(h, second.assignmentId)).toMatchObject({ state: 'ended', end_reason: 'step-overdue' });
    const again = await second.group.coordinator.api.post(`${second.a}/overdue-step`, { decision: 'end' });
    expect(again.status).toBe(409);
    const mails = await eventually(async () => {
      const rows = await mailsFor(h, assignmentWorkflowId(second.assignmentId));
      return rows.some((m) => m.template === 'assignment-ended') ? rows : undefined;
    });
    expect(mails.find((m) => m.template === 'assignment-ended')!.body).toMatch(/blev inte gjort trots påminnelser/);
    await saveHistoryIfAsked(h, assignmentWorkflowId(first.assignmentId), 'assignment-overdue-extended', { complete: false });
    await saveHistoryIfAsked(h, assignmentWorkflowId(second.assignmentId), 'assignment-overdue-ended-by-coordinator');
  });

  it('ends the assignment by itself one step deadline after the notice where the policy says so', async () => {
    const { assignmentId } = await waitingForDetails({ ...FAST, onOverdueStep: 'end' });
    await eventually(async () => (await assignmentRow(h, assignmentId)).state === 'ended', 60_000);
    expect(await assignmentRow(h, assignmentId)).toMatchObject({ end_reason: 'step-overdue' });
    const actions = await auditActions(h, 'assignment', assignmentId);
    expect(actions.indexOf('assignment.ended')).toBeGreaterThan(actions.indexOf('assignment.step-overdue'));
    await saveHistoryIfAsked(h, assignmentWorkflowId(assignmentId), 'assignment-overdue-lapsed');
  });
});

/** A valid, fictitious personnummer of someone born on 1 January `year` (Luhn over the ten digits). */
function minorPersonnummer(year: number): string {
  const nine = `${String(year).slice(2)}0101123`;
  const sum = [...nine].reduce((acc, d, i) => {
    const v = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return `${year}0101-123${(10 - (sum % 10)) % 10}`;
}
