import { createHash, randomUUID } from 'node:crypto';
import { DocumentsService } from '../src/documents/documents.service';
import { InvalidInputError } from '../src/common/errors';
import { AuthenticatedUserSigner } from '../src/documents/signing/authenticated-user.signer';
import { sampleAgreement, sampleDeclaration, samplePayoutSlip } from './support/document-fixtures';
import { Harness, startHarness, TestUser } from './support/harness';
import { bodyText, flatText, pdfInfo, pdfLang } from './support/pdf-text';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies */
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('documents: PDFs from versioned templates, stored immutably, signed and verified', () => {
  let h: Harness;
  let docs: DocumentsService;
  let groupId: string;
  let assignmentId: string;
  let representative: TestUser;
  let coordinator: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    h = await startHarness({ worker: false });
    docs = h.app.get(DocumentsService);
    groupId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO working_group (id, name, kind, host_region, commission) VALUES ($1, 'NPO Hjärt- och kärlsjukdomar', 'NPO', 'sodra', 'Kunskapsstyrning inom hjärt- och kärlsjukdomar')`,
      [groupId],
    );
    coordinator = await h.createUser({ roles: ['coordinator'], displayName: 'René Lindqvist', groupIds: [groupId] });
    representative = await h.createUser({ roles: ['representative'], displayName: 'Åsa Öberg-Ängström' });
    stranger = await h.createUser({ roles: ['representative'], displayName: 'Någon Annan' });
    assignmentId = randomUUID();
    await h.dataSource.query(`INSERT INTO assignment (id, group_id, person_id, representation) VALUES ($1, $2, $3, 'own-experience')`, [
      assignmentId,
      groupId,
      representative.user.personId,
    ]);
  });
  afterAll(async () => {
    await h?.close();
  });

  const agreementFor = () =>
    docs.generate({ template: 'agreement.sv', data: sampleAgreement(), subject: { type: 'assignment', id: assignmentId }, actor: coordinator.user.id });
  const downloadAs = async (u: TestUser, id: string) => {
    const res = await u.api.fetch(`/documents/${id}/pdf`);
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('stores an agreement once with its hash, template version and data, and serves the exact bytes as a PDF', async () => {
    const created = await agreementFor();
    expect(created).toMatchObject({ kind: 'agreement', variant: 'original', template: { ref: 'agreement.sv@2' }, signatures: [], pendingRoles: ['representative', 'countersigner'] });

    const meta = await representative.api.get(`/documents/${created.id}`);
    expect(meta.status).toBe(200);
    expect(meta.body.sha256).toBe(created.sha256);

    const { res, bytes } = await downloadAs(representative, created.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Överenskommelse-Åsa-Öberg-Ängström-2026-03-01.pdf')}`);
    expect(res.headers.get('content-disposition')).toContain('filename="Overenskommelse-Asa-Oberg-Angstrom-2026-03-01.pdf"');
    expect(sha256(bytes)).toBe(created.sha256);
    expect(bytes.length).toBe(created.sizeBytes);

    const [row] = await h.dataSource.query(`SELECT template_id, template_version, kind, subject_type, subject_id, data, sha256, encode(sha256(content), 'hex') AS db_hash FROM document WHERE id = $1`, [created.id]);
    expect(row).toMatchObject({ template_id: 'agreement.sv', template_version: '2', kind: 'agreement', subject_type: 'assignment', subject_id: assignmentId });
    expect(row.data).toEqual(sampleAgreement());
    expect(row.db_hash).toBe(row.sha256);

    const text = flatText(bytes);
    for (const expected of ['Åsa Öberg-Ängström', 'René Lindqvist', 'NAG Hjärtsvikt', '2 131 kr', '1 066 kr', '533 kr', '296 kr', '59 200 kr', '2026-03-01', '2027-02-28', 'Försäkringskassan']) {
      expect(text).toContain(expected);
    }
    const info = pdfInfo(bytes);
    expect(info.Title).toContain('Åsa Öberg-Ängström');
    expect(info.Tagged).toBe('yes');
    expect(pdfLang(bytes)).toBe('sv-SE');
    expect(Number(info.Pages)).toBe(created.pageCount);

    const audit = await h.dataSource.query(`SELECT action, actor FROM audit_log WHERE subject_type = 'document' AND subject_id = $1 ORDER BY id`, [created.id]);
    expect(audit).toEqual([
      { action: 'document.generated', actor: coordinator.user.id },
      { action: 'document.downloaded', actor: representative.user.id },
    ]);
  });

  it('generates the same text twice from the same data and template version, as two records', async () => {
    const a = await agreementFor();
    const b = await agreementFor();
    expect(a.id).not.toBe(b.id);
    const [pa, pb] = [(await docs.download(a.id, 'test')).content, (await docs.download(b.id, 'test')).content];
    expect(flatText(pa)).toBe(flatText(pb));
    const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM document WHERE id = ANY($1)`, [[a.id, b.id]]);
    expect(n).toBe(2);
  });

  it('returns the first record for a repeated idempotency key, and refuses other data under the same key', async () => {
    const key = `agreement:${assignmentId}:v1`;
    const input = { template: 'agreement.sv' as const, data: sampleAgreement(), subject: { type: 'assignment', id: assignmentId }, actor: 'system:test', idempotencyKey: key };
    const first = await docs.generate(input);
    const again = await docs.generate(input);
    expect(again.id).toBe(first.id);
    await expect(docs.generate({ ...input, data: sampleAgreement({ caseReference: 'annat' }) })).rejects.toThrow(/idempotensnyckel/);
  });

  it('breaks a 30-line declaration across pages without losing a line', async () => {
    const created = await docs.generate({ template: 'declaration.sv', data: sampleDeclaration(30), subject: { type: 'assignment', id: assignmentId }, actor: coordinator.user.id });
    const { bytes } = await downloadAs(representative, created.id);
    expect(created.pageCount).toBeGreaterThan(1);
    expect(Number(pdfInfo(bytes).Pages)).toBe(created.pageCount);
    const text = bodyText(bytes);
    for (let i = 1; i <= 30; i++) expect(text).toContain(`${i}. `);
    for (let i = 1; i <= 30; i++) expect(text).toContain(`Intresse nummer ${i}: styrelseledamot i Föreningen Hjärtebarnen södra regionen, med ansvar för medlemsträffar och kontakter med vårdgivare i Malmö, Lund och Helsingborg`);
    expect(text).toContain('René Lindqvist');
  });

  it('stores a payout slip with the masked personnummer only, and refuses data holding a full personnummer', async () => {
    const personId = representative.user.personId!;
    const slip = await docs.generate({ template: 'payout-slip.sv', data: samplePayoutSlip(), subject: { type: 'person', id: personId }, actor: 'system:payout' });
    const { res, bytes } = await downloadAs(representative, slip.id);
    expect(res.status).toBe(200);
    const text = flatText(bytes, { layout: true });
    expect(text).toContain('********-1234');
    expect(text).toContain('Utbetalas till dig (netto) 2 728,90 kr');
    expect(text).toContain('011 Kontant ersättning som det ska betalas arbetsgivaravgifter för 2 427,00 kr');
    expect(text).toContain('001 Avdragen preliminärskatt 728,10 kr');

    const before = await h.dataSource.query(`SELECT count(*)::int AS n FROM document`);
    const leaky = samplePayoutSlip({ payoutReference: 'UTB 19811228-9874' });
    await expect(docs.generate({ template: 'payout-slip.sv', data: leaky, subject: { type: 'person', id: personId }, actor: 'system:payout' })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(
      docs.generate({ template: 'payout-slip.sv', data: samplePayoutSlip({ netOre: 1 }), subject: { type: 'person', id: personId }, actor: 'system:payout' }),
    ).rejects.toThrow(/Nettobeloppet/);
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM document`)).toEqual(before);
    // The slip is the person's: another representative does not even learn it exists.
    expect((await stranger.api.get(`/documents/${slip.id}`)).status).toBe(404);
  });

  it('signs with an audit trail: 409 for a hash the signer did not see, then a sealed version with a signing certificate', async () => {
    const original = await agreementFor();
    const { bytes: shown } = await downloadAs(representative, original.id);

    const wrong = await representative.api.post(`/documents/${original.id}/signatures`, { role: 'representative', expectedSha256: 'f'.repeat(64) });
    expect(wrong.status).toBe(409);
    const noLogin = await h.api().post(`/documents/${original.id}/signatures`, { role: 'representative', expectedSha256: sha256(shown) });
    expect(noLogin.status).toBe(401);
    const notTheirs = await stranger.api.post(`/documents/${original.id}/signatures`, { role: 'representative', expectedSha256: sha256(shown) });
    expect(notTheirs.status).toBe(404);
    const wrongRole = await coordinator.api.post(`/documents/${original.id}/signatures`, { role: 'representative', expectedSha256: sha256(shown) });
    expect(wrongRole.status).toBe(403);
    const badBody = await representative.api.post(`/documents/${original.id}/signatures`, { role: 'boss', expectedSha256: 'x' });
    expect(badBody.status).toBe(400);
    expect(Object.keys(badBody.body.fields).sort()).toEqual(['expectedSha256', 'role']);
    expect(await h.dataSource.query(`SELECT * FROM document_signature WHERE document_id = $1`, [original.id])).toEqual([]);

    const signed = await representative.api.fetch(`/documents/${original.id}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Testwebbläsare/1.0' },
      body: JSON.stringify({ role: 'representative', expectedSha256: sha256(shown) }),
    });
    expect(signed.status).toBe(201);
    const first: any = await signed.json();
    expect(first.signature).toMatchObject({ role: 'representative', signerName: 'Åsa Öberg-Ängström', signerUserId: representative.user.id, documentSha256: original.sha256 });
    expect(first.complete).toBe(false);
    expect(first.sealed).toMatchObject({ variant: 'sealed', sealOf: { id: original.id, sha256: original.sha256 }, pendingRoles: ['countersigner'] });
    const [sig] = await h.dataSource.query(`SELECT ip_address, user_agent, method FROM document_signature WHERE document_id = $1`, [original.id]);
    expect(sig).toEqual({ ip_address: expect.stringMatching(/127\.0\.0\.1/), user_agent: 'Testwebbläsare/1.0', method: 'authenticated-user' });

    // The same person again in the same role: nothing new.
    const again = await representative.api.post(`/documents/${original.id}/signatures`, { role: 'representative', expectedSha256: original.sha256 });
    expect(again.status).toBe(201);
    expect(again.body.alreadySigned).toBe(true);
    expect(again.body.sealed.id).toBe(first.sealed.id);

    const counter = await coordinator.api.post(`/documents/${original.id}/signatures`, { role: 'countersigner', expectedSha256: original.sha256 });
    expect(counter.status).toBe(201);
    expect(counter.body.complete).toBe(true);
    const sealedId = counter.body.sealed.id as string;

    // The original is untouched: the download still returns the bytes that were hashed and signed.
    const { bytes: afterSigning } = await downloadAs(representative, original.id);
    expect(afterSigning.equals(shown)).toBe(true);
    expect(sha256(afterSigning)).toBe(counter.body.signature.documentSha256);

    // The sealed version: the original's pages with the same text, then the certificate.
    const { res: sealedRes, bytes: sealed } = await downloadAs(coordinator, sealedId);
    expect(sealedRes.headers.get('content-disposition')).toContain('-signerad.pdf');
    const pages = original.pageCount;
    expect(Number(pdfInfo(sealed).Pages)).toBeGreaterThan(pages);
    expect(flatText(sealed, { last: pages })).toBe(flatText(shown));
    const certificate = flatText(sealed, { first: pages + 1 });
    expect(certificate).toContain('Signeringsintyg');
    expect(certificate).toContain(original.sha256);
    expect(certificate).toContain('Åsa Öberg-Ängström');
    expect(certificate).toContain('René Lindqvist');
    expect(certificate).toContain('Patient- eller närståendeföreträdare');
    expect(certificate).toContain('Kontrasignering för gruppen');
    expect(certificate).toContain('Alla parter har signerat.');
    expect(certificate).toContain('inte gjord med BankID');

    const meta = await representative.api.get(`/documents/${original.id}`);
    expect(meta.body.signatures.map((s: any) => s.role)).toEqual(['representative', 'countersigner']);
    expect(meta.body.sealedVersions.map((s: any) => s.id)).toEqual([first.sealed.id, sealedId]);

    for (const id of [original.id, sealedId]) {
      const v = await representative.api.get(`/documents/${id}/verification`);
      expect(v.status).toBe(200);
      expect(v.body).toMatchObject({ unchanged: true, valid: true, complete: true });
      expect(v.body.signatures.map((s: any) => [s.signerName, s.matchesDocument])).toEqual([
        ['Åsa Öberg-Ängström', true],
        ['René Lindqvist', true],
      ]);
      expect(v.body.summary).toContain('oförändrat');
    }
    // A sealed version is not signed itself.
    const onSealed = await coordinator.api.post(`/documents/${sealedId}/signatures`, { role: 'countersigner', expectedSha256: counter.body.sealed.sha256 });
    expect(onSealed.status).toBe(409);
  });

  it('stores both of two signatures made at the same time, and the last sealed version lists both', async () => {
    const doc = await agreementFor();
    const countersign = () => coordinator.api.post(`/documents/${doc.id}/signatures`, { role: 'countersigner', expectedSha256: doc.sha256 });
    const [a, b] = await Promise.all([
      representative.api.post(`/documents/${doc.id}/signatures`, { role: 'representative', expectedSha256: doc.sha256 }),
      countersign(),
    ]);
    expect(a.status).toBe(201);
    // The countersignature only follows the representative's: when it came first it was refused, and is made again.
    expect([201, 409]).toContain(b.status);
    if (b.status === 409) expect((await countersign()).status).toBe(201);
    const view = await docs.get(doc.id);
    expect(view.signatures).toHaveLength(2);
    expect(view.sealedVersions).toHaveLength(2);
    const last = (await docs.download(view.sealedVersions[1].id, 'test')).content;
    const certificate = flatText(last, { first: doc.pageCount + 1 });
    expect(certificate).toContain('Åsa Öberg-Ängström');
    expect(certificate).toContain('René Lindqvist');
    expect(certificate).toContain('Alla parter har signerat.');
  });

  it('lets the database refuse any change to a stored document or signature', async () => {
    const doc = await agreementFor();
    await docs.sign(doc.id, { role: 'representative', expectedSha256: doc.sha256 }, new AuthenticatedUserSigner({ id: 'u-direct', name: 'Åsa Öberg-Ängström' }, { ipAddress: null, userAgent: null }));
    await expect(h.dataSource.query(`UPDATE document SET content = '\\x00'::bytea WHERE id = $1`, [doc.id])).rejects.toThrow(/immutable/);
    await expect(h.dataSource.query(`UPDATE document SET sha256 = $2 WHERE id = $1`, [doc.id, '0'.repeat(64)])).rejects.toThrow(/immutable/);
    await expect(h.dataSource.query(`UPDATE document SET file_name = 'x.pdf' WHERE id = $1`, [doc.id])).rejects.toThrow(/immutable/);
    await expect(h.dataSource.query(`DELETE FROM document_signature WHERE document_id = $1`, [doc.id])).rejects.toThrow(/immutable/);
    await expect(h.dataSource.query(`UPDATE document_signature SET signer_name = 'x' WHERE document_id = $1`, [doc.id])).rejects.toThrow(/immutable/);
    await expect(h.dataSource.query(`TRUNCATE document_signature`)).rejects.toThrow(/immutable/);
    expect((await docs.verify(doc.id)).valid).toBe(true);
  });

  it('fails verification, and refuses signing, when one byte of a stored document is changed', async () => {
    const doc = await agreementFor();
    const signed = await docs.sign(
      doc.id,
      { role: 'representative', expectedSha256: doc.sha256 },
      new AuthenticatedUserSigner({ id: representative.user.id, name: 'Åsa Öberg-Ängström' }, { ipAddress: '127.0.0.1', userAgent: null }),
    );
    // Tamper the way only someone bypassing the application could: disable the trigger, flip one byte.
    await h.dataSource.transaction(async (em) => {
      await em.query(`ALTER TABLE document DISABLE TRIGGER document_immutable`);
      await em.query(`UPDATE document SET content = set_byte(content, 400, (get_byte(content, 400) + 1) % 256) WHERE id = $1`, [doc.id]);
      await em.query(`ALTER TABLE document ENABLE TRIGGER document_immutable`);
    });
    const [{ hash }] = await h.dataSource.query(`SELECT sha256 AS hash FROM document WHERE id = $1`, [doc.id]);
    expect(hash).toBe(doc.sha256); // the recorded hash is unchanged; the bytes are not

    const v = await representative.api.get(`/documents/${doc.id}/verification`);
    expect(v.body).toMatchObject({ unchanged: false, valid: false, storedSha256: doc.sha256 });
    expect(v.body.computedSha256).not.toBe(doc.sha256);
    expect(v.body.signatures[0]).toMatchObject({ signerName: 'Åsa Öberg-Ängström', matchesDocument: false });
    expect(v.body.summary).toContain('har ändrats');

    // The sealed version is intact itself, but what it seals is not.
    const sealed = await representative.api.get(`/documents/${signed.sealed.id}/verification`);
    expect(sealed.body).toMatchObject({ unchanged: true, valid: false, original: { unchanged: false, sealMatches: true } });

    const sign = await coordinator.api.post(`/documents/${doc.id}/signatures`, { role: 'countersigner', expectedSha256: doc.sha256 });
    expect(sign.status).toBe(409);
  });

  it('answers 404 for unknown or malformed document ids and 401 without a login', async () => {
    expect((await representative.api.get(`/documents/${randomUUID()}`)).status).toBe(404);
    expect((await representative.api.get(`/documents/not-a-uuid/pdf`)).status).toBe(404);
    expect((await h.api().get(`/documents/${randomUUID()}`)).status).toBe(401);
  });
});
