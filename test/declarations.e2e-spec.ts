import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { Harness, eventually, startHarness, TestUser } from './support/harness';
import { appointed, assignmentStatus, createGroup, createOrganisation, signDocument, startRound, TestGroup } from './support/lifecycle';
import { flatText } from './support/pdf-text';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies */

/**
 * Issue 16 #6 and #7 (Rutin för patientmedverkan §4.3), on the real engines: the declaration of interests is a document
 * (rendered at submission from templates/declaration.sv.ts, stored with its SHA-256, signed by the representative);
 * the coordinator's assessment is a new version of it, signed by the coordinator; renewal follows the payer's rule
 * (Västra sjukvårdsregionen: yearly); the coordinator records, per declared interest, the matters and agenda items the
 * member takes no part in, listed on the assignment and in the group's overview; the review's comment reaches the
 * representative in the API and by mail.
 */
describe('the declaration of interests: a signed document, its assessment, jäv and the payer\'s renewal rule', () => {
  let h: Harness;
  let group: TestGroup;
  let rep: TestUser;
  let assignmentId: string;
  let activityId: string;
  const A = () => `/assignments/${assignmentId}`;
  const download = async (u: TestUser, id: string) => Buffer.from(await (await u.api.fetch(`/documents/${id}/pdf`)).arrayBuffer());
  const expectOk = (res: { status: number; body: any }, status: number) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    h = await startHarness();
    // An NPO hosted by Västra sjukvårdsregionen, whose rule is yearly renewal (paying_body data); the policy's own
    // renewal is the routine's three years, so only the payer's rule can make it a year.
    group = await createGroup(h, { kind: 'NPO', assignment: { declarationRenewEvery: '1095 days' } });
    await h.dataSource.query(`UPDATE working_group SET host_region = 'vastra' WHERE id = $1`, [group.id]);
    const org = await createOrganisation(h);
    const requests = await startRound(group, [org]);
    const made = await appointed(h, group, org, requests[org.id]);
    assignmentId = made.assignmentId;
    rep = made.rep;
    expectOk(await rep.api.post(`${A()}/accept`), 200);
    expectOk(await rep.api.put(`${A()}/personal-details`, { personalNumber: '19811218-9876', clearingNumber: '8327-9', accountNumber: '123 456 789-7' }), 200);
    const view = await eventually(async () => {
      const v = expectOk(await rep.api.get(A()), 200);
      return v.assignment.state === 'agreement-drafted' ? v : undefined;
    });
    await signDocument(rep.api, view.agreement.documentId, 'representative');
    expectOk(await rep.api.post(`${A()}/agreement/sign`), 200);
    await signDocument(group.coordinator.api, view.agreement.documentId, 'countersigner');
    expectOk(await group.coordinator.api.post(`${A()}/agreement/countersign`), 200);
    const hex = createHash('sha256').update(`decl-activity:${group.id}`).digest('hex');
    activityId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    await h.dataSource.query(
      `INSERT INTO group_activity (id, group_id, title, kind, activity_date, duration_minutes, mode, fee_rule, agenda)
       VALUES ($1, $2, 'Arbetsmöte om behandlingsriktlinjer', 'meeting', '2026-03-10', 180, 'video', 'by-length', $3)`,
      [activityId, group.id, JSON.stringify(['Val av läkemedel vid hjärtsvikt', 'Övriga frågor'])],
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  it('submitting renders the declaration as a PDF, stored with its SHA-256 and signed by the representative as declarant', async () => {
    // First submission: the coordinator asks for changes, with a comment that must reach the representative.
    expectOk(await rep.api.post(`${A()}/declaration`, { hasInterests: true, interests: 'Anställning: Läkemedelsbolaget AB' }), 200);
    const first = expectOk(await rep.api.get(A()), 200).declaration;
    expect(first.documentId).toEqual(expect.any(String));
    const doc = expectOk(await rep.api.get(`/documents/${first.documentId}`), 200);
    expect(doc).toMatchObject({ kind: 'declaration', subject: { type: 'assignment', id: assignmentId }, pendingRoles: [] });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.signatures).toEqual([expect.objectContaining({ role: 'declarant', signerUserId: rep.user.id, documentSha256: doc.sha256 })]);
    const text = flatText(await download(rep, first.documentId));
    expect(text).toContain('Jävsdeklaration');
    expect(text).toContain('Anställning: Läkemedelsbolaget AB');
    expect(text).toContain('Första deklaration, före medverkan');
    expect(text).toContain('Deklarationen är ännu inte bedömd.');
    const verified = expectOk(await rep.api.get(`/documents/${first.documentId}/verification`), 200);
    expect(verified.valid).toBe(true);
  });

  it('the comment on a request for changes reaches the representative in the API and in the mail', async () => {
    const comment = 'Ange också ditt uppdrag i Hjärtföreningens styrelse, med årtal.';
    expectOk(await group.coordinator.api.post(`${A()}/declaration/review`, { outcome: 'needs-changes', comment }), 200);
    expect(expectOk(await rep.api.get(A()), 200).declaration.reviewComment).toBe(comment);
    const mail = await eventually(async () => {
      const rows: Array<{ body: string }> = await h.dataSource.query(
        `SELECT body FROM outbox WHERE template = 'declaration-needs-changes' AND recipient_ref = $1`,
        [(await h.dataSource.query(`SELECT person_id FROM assignment WHERE id = $1`, [assignmentId]))[0].person_id],
      );
      return rows[0];
    });
    expect(mail.body).toContain(`Samordnarens kommentar: ${comment}`);
  });

  it('records per declared interest the agenda items the member takes no part in, and refuses what the declaration or the activity lacks', async () => {
    expectOk(
      await rep.api.post(`${A()}/declaration`, {
        hasInterests: true,
        interests: 'Anställning: Läkemedelsbolaget AB (2021–)\nUppdrag: Styrelseledamot i Hjärtföreningen 2019–2023',
      }),
      200,
    );
    const c = group.coordinator.api;
    const refused = await c.post(`${A()}/recusals`, { interest: 3, matter: 'Upphandling' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('2 intresse');
    const noItem = await c.post(`${A()}/recusals`, { interest: 1, matter: 'Upphandling', activityId, agendaItem: 'Finns inte' });
    expect(noItem.status).toBe(400);
    expect(noItem.body.message).toBe('Aktivitetens dagordning har ingen sådan punkt.');
    // The database holds it too: an agenda item the activity does not have.
    await expect(
      h.dataSource.query(
        `INSERT INTO declaration_recusal (id, declaration_id, assignment_id, interest_no, activity_id, agenda_item, matter, created_by)
         SELECT $1, d.id, d.assignment_id, 1, $2, 'Finns inte', 'x', $3 FROM declaration d WHERE d.assignment_id = $4 AND d.state = 'submitted'`,
        [randomUUID(), activityId, group.coordinator.user.id, assignmentId],
      ),
    ).rejects.toThrow(/declaration_recusal_check/);
    expect([403, 404]).toContain((await rep.api.post(`${A()}/recusals`, { interest: 1, matter: 'x' })).status);

    const list = expectOk(
      await c.post(`${A()}/recusals`, { interest: 1, matter: 'Val av läkemedel', activityId, agendaItem: 'Val av läkemedel vid hjärtsvikt' }),
      201,
    );
    expect(list).toEqual([
      expect.objectContaining({ interestNo: 1, matter: 'Val av läkemedel', activityId, activityTitle: 'Arbetsmöte om behandlingsriktlinjer', agendaItem: 'Val av läkemedel vid hjärtsvikt' }),
    ]);
  });

  it('approval puts the coordinator\'s assessment on a new version signed by the coordinator; renewal follows the payer (yearly)', async () => {
    const comment = 'Du deltar inte när läkemedelsval behandlas.';
    const status = expectOk(await group.coordinator.api.post(`${A()}/declaration/review`, { outcome: 'approved', comment }), 200);
    // Västra sjukvårdsregionen renews yearly (paying_body.declaration_renew_months = 12): 365 days, not the policy's 1095.
    expect(Date.parse(status.declaration.nextDueAt) - Date.parse(status.declaration.approvedAt)).toBe(365 * 86_400_000);
    expect((await assignmentStatus(h, assignmentId)).state).toBe('declaration-approved');

    const view = expectOk(await rep.api.get(A()), 200);
    expect(view.declaration).toMatchObject({ state: 'approved', reviewComment: comment, renewal: { months: 12 } });
    expect(view.declaration.assessedDocumentId).toEqual(expect.any(String));
    expect(view.declaration.assessedDocumentId).not.toBe(view.declaration.documentId);
    expect(view.recusals).toEqual([expect.objectContaining({ matter: 'Val av läkemedel', agendaItem: 'Val av läkemedel vid hjärtsvikt' })]);

    const assessed = expectOk(await rep.api.get(`/documents/${view.declaration.assessedDocumentId}`), 200);
    expect(assessed.signatures).toEqual([expect.objectContaining({ role: 'assessor', signerUserId: group.coordinator.user.id })]);
    const text = flatText(await download(rep, view.declaration.assessedDocumentId));
    expect(text).toContain('Jäv föreligger i vissa frågor');
    expect(text).toContain('Val av läkemedel – Arbetsmöte om behandlingsriktlinjer 2026-03-10, dagordningspunkt "Val av läkemedel vid hjärtsvikt" (intresse 1)');
    expect(text).toContain(comment);
    expect(text).toContain('Förnyas senast');
    // The representative's signed original is unchanged.
    const original = expectOk(await rep.api.get(`/documents/${view.declaration.documentId}`), 200);
    expect(original.signatures.map((s: any) => s.role)).toEqual(['declarant']);
    expect(flatText(await download(rep, view.declaration.documentId))).toContain('Deklarationen är ännu inte bedömd.');

    const mail = await eventually(async () => {
      const rows: Array<{ body: string }> = await h.dataSource.query(`SELECT body FROM outbox WHERE template = 'declaration-reviewed' AND body LIKE $1`, [`%${comment}%`]);
      return rows[0];
    });
    expect(mail.body).toContain('godkänt din jävsdeklaration');
  });

  it('the group\'s overview lists the members\' jäv for its coordinators only', async () => {
    const overview = expectOk(await group.coordinator.api.get(`/working-groups/${group.id}`), 200);
    expect(overview.recusals).toEqual([expect.objectContaining({ assignmentId, matter: 'Val av läkemedel', personName: expect.any(String), activityId })]);
    const asRep = await rep.api.get(`/working-groups/${group.id}`);
    // A representative does not see the group's overview (or, if they ever do, not its members' jäv).
    expect([200, 403, 404]).toContain(asRep.status);
    expect(asRep.status === 200 ? asRep.body.recusals : undefined).toBeUndefined();
  });
});
