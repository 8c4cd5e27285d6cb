import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldCipher } from '../src/crypto/field-cipher';
import { AGI_NS_COMPONENT, AGI_NS_INSTANCE, readAgiXml } from '../src/payouts/agi-return';
import { ApiClient, Harness, startHarness, TestUser } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Issue 18 #3, #4: the employer return per payer and payment month from the approved runs — the individual
 * statements (IU) in Skatteverket's XML format, read back and checked against the runs' own figures; the summary (HU)
 * only when the payer's setting says the file is the whole return, its totals always in the API; Skatteverket's
 * 1 000 kr example (pay under 1 000 kr one month, the year reaching it in a later month: 011 on the whole year's
 * amount that month, with the contributions on it); the due date by the payer's rule, moved past weekends.
 */
describe('the employer return (arbetsgivardeklaration) per payer and month', () => {
  let h: Harness;
  let admin: ApiClient;
  let anna: TestUser;
  let coordinator: TestUser;
  let finance: TestUser;
  let groupId: string;
  let assignmentId: string;
  const PNR = '198507099805';
  let october: any; // the run whose payment date is moved into October (533 kr, under 1 000 kr: field 131)
  let november: any; // the run paid in December that takes the year to 1 000 kr

  beforeAll(async () => {
    h = await startHarness();
    const cipher = new FieldCipher(h.config.crypto.dataKey);
    admin = await h.asAdmin();
    expect((await admin.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Deklarationen', 'NSG', 'Prov.')`, [groupId]);
    anna = await h.createUser({ roles: ['representative'], displayName: 'Anna Andersson' });
    await h.dataSource.query(
      `UPDATE person SET personal_number_enc = $2, personal_number_index = $3, bank_account_enc = $4, birth_date = '1985-07-09' WHERE id = $1`,
      [anna.user.personId, cipher.encrypt(PNR), cipher.blindIndex(PNR), cipher.encrypt('8327-9, 123 456 789-0')],
    );
    assignmentId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end)
       VALUES ($1, $2, $3, 'own-experience', 'active', '2026-01-01', '2026-12-31')`,
      [assignmentId, groupId, anna.user.personId],
    );
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
    finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR' });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function attestedReport(date: string, feeRule: string): Promise<void> {
    const act = await coordinator.api.post(`/working-groups/${groupId}/activities`, { title: `Möte ${date}`, kind: 'meeting', date, durationMinutes: 60, mode: 'video', feeRule });
    expect(act.status).toBe(201);
    const created = await anna.api.post('/time-reports', { assignmentId, activityId: act.body.id, durationMinutes: 60 });
    expect(created.status).toBe(201);
    expect((await anna.api.post(`/time-reports/${created.body.id}/submit`)).status).toBe(200);
    expect((await coordinator.api.post(`/time-reports/${created.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);
  }

  async function approvedRun(period: string): Promise<any> {
    const started = await finance.api.post('/payers/SKR/payout-runs', { period });
    expect(started.status).toBe(202);
    const batchId = started.body.batch.batch.id;
    for (let i = 0; i < 3; i++) {
      const r = await finance.api.post(`/payout-runs/${batchId}/approve`);
      if (r.status === 200) return r.body;
      expect(r.status).toBe(409);
    }
    throw new Error('not approved');
  }

  const person = (run: any) => run.persons.find((p: any) => p.personId === anna.user.personId);
  const kronor = (ore: number) => Math.trunc(ore / 100);

  it('reports a month’s pay under 1 000 kr in field 131 and, in the month the year reaches 1 000 kr, the whole year’s amount in 011', async () => {
    await attestedReport('2026-10-05', 'short'); // 533 kr
    october = await approvedRun('2026-10');
    expect(person(october)).toMatchObject({ feesOre: 53_300, contributionsOre: 0, agiPayField: '131' });
    // Arrange history: this run was paid on 30 October (approvals are paid today; the triggers keep approved runs final,
    // so the move is made with them off, as a fixture).
    await h.dataSource.transaction(async (em) => {
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(`UPDATE payout_batch SET payment_date = '2026-10-30', computed_for = '2026-10-30' WHERE id = $1`, [october.batch.id]);
      await em.query(`UPDATE payout_approval SET payment_date = '2026-10-30' WHERE batch_id = $1`, [october.batch.id]);
    });

    await attestedReport('2026-11-05', 'full-day'); // 2 131 kr: the year reaches 1 000 kr
    november = await approvedRun('2026-11');
    const b = person(november);
    expect(b).toMatchObject({ feesOre: 213_100, earlierTaxablePayOre: 53_300, agiPayField: '011' });
    expect(b.contributionsOre).toBe(67_000 + 16_700); // 31,42 % of 2 131 kr and, once, of October's 533 kr

    const oct = await finance.api.get('/payers/SKR/agi/2026-10');
    expect(oct.status).toBe(200);
    expect(oct.body.individuals).toEqual([expect.objectContaining({ field215: PNR, field011: null, field131: 533, field001: 0, field050: false })]);
    expect(oct.body.hu).toEqual({ field487: 0, field497: 0 });

    const month = paymentMonth(november);
    const dec = await finance.api.get(`/payers/SKR/agi/${month}`);
    expect(dec.status).toBe(200);
    expect(dec.headers.get('cache-control')).toBe('no-store');
    expect(dec.body.individuals).toEqual([
      expect.objectContaining({
        name: 'Anna Andersson',
        field215: PNR,
        field011: kronor(b.taxablePayOre + person(october).taxablePayOre), // 2 131 + 533: the whole year's amount
        field131: null,
        field001: kronor(b.taxWithheldOre),
        earlier131Periods: ['2026-10'],
        batchIds: [november.batch.id],
        specificationNumber: 1,
      }),
    ]);
    expect(dec.body.hu).toEqual({ field487: kronor(b.contributionsOre), field497: kronor(b.taxWithheldOre) });
    expect(dec.body).toMatchObject({ payerCode: 'SKR', wholeReturn: false, missingForFile: ['organisationsnummer', 'kontaktperson för arbetsgivardeklarationen'] });
  });

  it('gives the file in Skatteverket’s format only once the payer has what it needs, its figures those of the runs', async () => {
    const month = paymentMonth(november);
    const refused = await finance.api.get(`/payers/SKR/agi/${month}/file`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/saknar organisationsnummer och kontaktperson för arbetsgivardeklarationen/);

    await h.dataSource.query(`UPDATE paying_body SET organisation_number = '222000-1016' WHERE code = 'SKR'`);
    const wanted = {
      dueRule: 'vat-up-to-40m',
      wholeReturn: false,
      specificationNumber: 7001,
      contact: { name: 'Eva Ekonom', phone: '010-123 45 67', email: 'eva.ekonom@skr.se' },
    };
    const settings = await admin.put('/paying-bodies/SKR/agi-settings', wanted);
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ specificationNumber: 7001, contact: { email: 'eva.ekonom@skr.se' } });

    const res = await finance.api.fetch(`/payers/SKR/agi/${month}/file`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/xml/);
    expect(res.headers.get('content-disposition')).toContain(`arbetsgivardeklaration-SKR-${month.replace('-', '')}.xml`);
    const xml = await res.text();
    wellFormed(xml);
    const back = readAgiXml(xml);
    expect(back.namespaces).toEqual({ default: AGI_NS_INSTANCE, agd: AGI_NS_COMPONENT });
    expect(back.sender).toBe('162220001016');
    expect(back.period).toBe(month.replace('-', ''));
    expect(back.hu).toBeNull(); // SKR files its own return: only the individual statements
    const b = person(november);
    expect(back.ius).toEqual([
      {
        '201': '162220001016',
        '215': PNR,
        '006': month.replace('-', ''),
        '570': '7001',
        '011': String(kronor(b.taxablePayOre + person(october).taxablePayOre)),
        '001': String(kronor(b.taxWithheldOre)),
      },
    ]);
    expect(xml).toContain('<agd:Avsandare>');
    expect(xml).toContain('<agd:Blankettgemensamt>');

    // The whole return: the summary is in the file, with the month's contributions and tax.
    expect((await admin.put('/paying-bodies/SKR/agi-settings', { ...wanted, wholeReturn: true })).status).toBe(200);
    const whole = readAgiXml(await (await finance.api.fetch(`/payers/SKR/agi/${month}/file`)).text());
    expect(whole.hu).toEqual({ '201': '162220001016', '006': month.replace('-', ''), '487': String(kronor(b.contributionsOre)), '497': String(kronor(b.taxWithheldOre)) });

    const audit = await h.dataSource.query(`SELECT action, details FROM audit_log WHERE action IN ('agi.file-exported', 'agi.month-viewed', 'paying-body.agi-settings-changed') ORDER BY at`);
    expect(audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['agi.month-viewed', 'agi.file-exported', 'paying-body.agi-settings-changed']));
    expect(JSON.stringify(audit)).not.toContain(PNR);
  });

  it('gives the due date by the payer’s rule, moved to the next weekday: 12 December 2026 is a Saturday', async () => {
    expect((await finance.api.get('/payers/SKR/agi/2026-11')).body).toMatchObject({ dueDate: '2026-12-14', dueRule: 'vat-up-to-40m' });
    expect((await finance.api.get('/payers/SKR/agi/2026-12')).body.dueDate).toBe('2027-01-18'); // the 17th in January, a Sunday
    const sodra = await h.createUser({ roles: ['finance'], payerCode: 'sodra' });
    expect((await sodra.api.get('/payers/sodra/agi/2026-12')).body).toMatchObject({ dueDate: '2027-01-12', dueRule: 'municipality-region', individuals: [] });
  });

  it('answers bad input with 400, anyone but the payer’s finance with 404, a non-administrator’s change with 403', async () => {
    expect((await finance.api.get('/payers/SKR/agi/2026-13')).status).toBe(400);
    expect((await finance.api.get('/payers/SKR/agi/november')).status).toBe(400);
    const sodra = await h.createUser({ roles: ['finance'], payerCode: 'sodra' });
    expect((await sodra.api.get('/payers/SKR/agi/2026-11')).status).toBe(404);
    expect((await sodra.api.get('/payers/SKR/agi/2026-11/file')).status).toBe(404);
    expect((await anna.api.get('/payers/SKR/agi/2026-11')).status).toBe(404); // not finance of the payer: not there for her
    expect((await finance.api.get('/payers/SKR/agi/2026-09/file')).status).toBe(409); // nothing paid that month
    const bad = await admin.put('/paying-bodies/SKR/agi-settings', { dueRule: 'sometimes', wholeReturn: 'ja', specificationNumber: 0, contact: { name: '', phone: 'x', email: 'nej' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['contact.email', 'contact.name', 'contact.phone', 'dueRule', 'specificationNumber', 'wholeReturn']);
    expect((await finance.api.put('/paying-bodies/SKR/agi-settings', { dueRule: 'no-vat', wholeReturn: false, specificationNumber: 1 })).status).toBe(403);
    expect((await finance.api.get('/payers/SKR/agi-settings')).body).toMatchObject({ code: 'SKR', wholeReturn: true });
  });
});

/** The month the run was paid in (approval day, Stockholm). */
function paymentMonth(run: any): string {
  return (run.batch.paymentDate as string).slice(0, 7);
}

/** xmllint (Debian's libxml2-utils, installed by scripts/system-deps.sh) finds the file well-formed. */
function wellFormed(xml: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'agi-'));
  try {
    const file = join(dir, 'agi.xml');
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' });
    // The check can fail: the same file cut short is refused.
    writeFileSync(file, xml.slice(0, xml.length - 20));
    expect(() => execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' })).toThrow();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
