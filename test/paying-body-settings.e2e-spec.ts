import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../src/crypto/field-cipher';
import { BANK_ACCOUNT_MESSAGES } from '../src/identity/bank-account';
import { ORGANISATION_NUMBER_MESSAGES } from '../src/identity/organisation-number';
import { ApiClient, Harness, startHarness } from './support/harness';

/**
 * Issue 18 #6: a paying body's own settings — organisation number, its own bank account, the pain.001 version and
 * category purpose, the payout frequency — changed by an administrator (validated, audited), read by finance of
 * that payer only.
 */
describe('paying-body settings', () => {
  let h: Harness;
  let admin: ApiClient;
  let financeSkr: ApiClient;
  let financeSodra: ApiClient;
  let cipher: FieldCipher;

  beforeAll(async () => {
    h = await startHarness({ worker: false });
    cipher = new FieldCipher(h.config.crypto.dataKey);
    admin = await h.asAdmin();
    financeSkr = (await h.createUser({ roles: ['finance'], payerCode: 'SKR' })).api;
    financeSodra = (await h.createUser({ roles: ['finance'], payerCode: 'sodra' })).api;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets an administrator set the organisation number and the account, stores the account encrypted and audits which fields changed', async () => {
    const res = await admin.patch('/paying-bodies/SKR/settings', {
      organisationNumber: '2220000315',
      bankAccount: { clearingNumber: '8327-9', accountNumber: '123 456 789-7', bic: 'swed se ss' },
      painVersion: 'pain.001.001.03',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'SKR',
      organisationNumber: '222000-0315',
      bankAccount: { kind: 'bban', masked: '•••• 7897', bankName: 'Swedbank', bic: 'SWEDSESS' },
      painVersion: 'pain.001.001.03',
      categoryPurpose: null,
      missingForPayment: [],
    });
    expect(JSON.stringify(res.body)).not.toContain('1234567897');
    const [row] = await h.dataSource.query(`SELECT bank_account_enc, bank_account_kind, bank_bic FROM paying_body WHERE code = 'SKR'`);
    expect(row.bank_account_enc).not.toContain('1234567897');
    expect(cipher.decrypt(row.bank_account_enc)).toBe('83279-1234567897');
    const audit = await h.dataSource.query(`SELECT details FROM audit_log WHERE action = 'paying-body.settings-changed' AND subject_id = 'SKR' ORDER BY at DESC LIMIT 1`);
    expect(audit[0].details).toEqual({
      organisationNumber: '222000-0315',
      bankAccount: { kind: 'bban', bic: 'SWEDSESS' },
      painVersion: 'pain.001.001.03',
    });
    expect(JSON.stringify(audit)).not.toContain('1234567897');
    // Finance of SKR reads them; finance of another payer does not see that they exist.
    expect((await financeSkr.get('/payers/SKR/settings')).body).toMatchObject({ organisationNumber: '222000-0315', bankAccount: { masked: '•••• 7897' } });
    expect((await financeSodra.get('/payers/SKR/settings')).status).toBe(404);
    expect((await financeSkr.patch('/paying-bodies/SKR/settings', { painVersion: 'pain.001.001.09' })).status).toBe(403);
  });

  it('accepts an IBAN with its mod-97 check digits, and a Swedish one only with a Swedish bank’s BIC', async () => {
    const wrongBic = await admin.patch('/paying-bodies/sodra/settings', { bankAccount: { iban: 'SE45 5000 0000 0583 9825 7466', bic: 'DEUTDEFF' } });
    expect(wrongBic.status).toBe(400);
    expect(wrongBic.body.fields['bankAccount.bic'][0]).toMatch(/landskoden SE/);
    const ok = await admin.patch('/paying-bodies/sodra/settings', { bankAccount: { iban: 'SE45 5000 0000 0583 9825 7466', bic: 'ESSESESS' } });
    expect(ok.status).toBe(200);
    expect(ok.body.bankAccount).toEqual({ kind: 'iban', masked: 'SE •••• 7466', bankName: null, bic: 'ESSESESS' });
  });

  it('refuses at entry an account that fails its clearing range or check digit, a bad IBAN and a bad organisation number (400, per field)', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ bankAccount: { clearingNumber: '8327-9', accountNumber: '123 456 789', bic: 'SWEDSESS' } }, 'bankAccount.accountNumber', BANK_ACCOUNT_MESSAGES.accountInvalid],
      [{ bankAccount: { clearingNumber: '0100', accountNumber: '1234567', bic: 'SWEDSESS' } }, 'bankAccount.clearingNumber', BANK_ACCOUNT_MESSAGES.clearingUnknown],
      [{ bankAccount: { iban: 'SE45 5000 0000 0583 9825 7467', bic: 'ESSESESS' } }, 'bankAccount.iban', BANK_ACCOUNT_MESSAGES.ibanChecksum],
      [{ bankAccount: { clearingNumber: '5000', bic: 'ESSESESS' } }, 'bankAccount.accountNumber', 'Ange IBAN, eller både clearingnummer och kontonummer.'],
      [{ bankAccount: { clearingNumber: '5000', accountNumber: '1234560', bic: 'ESSE' } }, 'bankAccount.bic', BANK_ACCOUNT_MESSAGES.bicFormat],
      [{ organisationNumber: '222000-0310' }, 'organisationNumber', ORGANISATION_NUMBER_MESSAGES.checksum],
      [{ categoryPurpose: 'SALA' }, 'categoryPurpose', 'SALA (löneutbetalning) kräver att betalaren har avtal med sin bank om löneutbetalningar: ange salaryPaymentAgreement: true, eller välj ett annat syfte.'],
      [{ painVersion: 'pain.001.001.02' }, 'painVersion', 'Betalfilens version är pain.001.001.09 eller pain.001.001.03.'],
    ];
    const before = await h.dataSource.query(`SELECT * FROM paying_body WHERE code = 'SKR'`);
    for (const [body, field, message] of cases) {
      const res = await admin.patch('/paying-bodies/SKR/settings', body);
      expect({ body, status: res.status, fields: res.body.fields }).toEqual({ body, status: 400, fields: { [field]: [message] } });
    }
    expect(await h.dataSource.query(`SELECT * FROM paying_body WHERE code = 'SKR'`)).toEqual(before);
    expect((await admin.patch('/paying-bodies/ingen-betalare/settings', { painVersion: 'pain.001.001.09' })).status).toBe(404);
    // SALA with the agreement; the database refuses SALA without it, whoever writes.
    expect((await admin.patch('/paying-bodies/SKR/settings', { categoryPurpose: 'SALA', salaryPaymentAgreement: true })).body).toMatchObject({ categoryPurpose: 'SALA', salaryPaymentAgreement: true });
    await expect(h.dataSource.query(`UPDATE paying_body SET salary_payment_agreement = false WHERE code = 'SKR'`)).rejects.toThrow(/paying_body_sala_needs_agreement/);
    await expect(h.dataSource.query(`UPDATE paying_body SET bank_bic = NULL WHERE code = 'SKR'`)).rejects.toThrow(/paying_body_account_whole/);
  });

  it('changes the payout frequency only while no draft run waits (409), and the next run then goes by it', async () => {
    const batchId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO payout_batch (id, payer_code, period, workflow_id, state, period_end, computed_for) VALUES ($1, 'vastra', '2026-10', 'payout-run:vastra:2026-10', 'draft', '2026-10-31', '2026-11-01')`,
      [batchId],
    );
    const refused = await admin.patch('/paying-bodies/vastra/settings', { payoutFrequency: 'quarterly' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/utkast till utbetalning som väntar \(2026-10\)/);
    await h.dataSource.query(`UPDATE payout_batch SET state = 'cancelled' WHERE id = $1`, [batchId]);
    expect((await admin.patch('/paying-bodies/vastra/settings', { payoutFrequency: 'quarterly' })).body.payoutFrequency).toBe('quarterly');
    const finance = (await h.createUser({ roles: ['finance'], payerCode: 'vastra' })).api;
    const monthly = await finance.post('/payers/vastra/payout-runs', { period: '2026-10' });
    expect(monthly.status).toBe(400);
  });

  it('lets an administrator set the F-skatt policy, its contact and the declaration renewal (issue 16 #5, #6): validated, audited, shown in GET', async () => {
    const before = (await admin.get('/paying-bodies/region-skane/settings')).body;
    expect(before).toMatchObject({ fSkattPolicy: 'refuse', fSkattContact: null, declarationRenewMonths: 36 });

    const res = await admin.patch('/paying-bodies/region-skane/settings', {
      fSkattPolicy: 'pay-without-deductions',
      fSkattContact: '  Region Skånes lönecenter, 040-123 45  ',
      declarationRenewMonths: 12,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fSkattPolicy: 'pay-without-deductions', fSkattContact: 'Region Skånes lönecenter, 040-123 45', declarationRenewMonths: 12 });
    expect((await admin.get('/paying-bodies/region-skane/settings')).body).toMatchObject({ fSkattPolicy: 'pay-without-deductions', declarationRenewMonths: 12 });
    // The list of payers (what the web app reads) shows them too.
    const listed = ((await admin.get('/paying-bodies')).body as Array<{ code: string }>).find((p) => p.code === 'region-skane');
    expect(listed).toMatchObject({ fSkattPolicy: 'pay-without-deductions', fSkattContact: 'Region Skånes lönecenter, 040-123 45', declarationRenewMonths: 12 });
    const audit = await h.dataSource.query(`SELECT actor, details FROM audit_log WHERE action = 'paying-body.settings-changed' AND subject_id = 'region-skane' ORDER BY at`);
    expect(audit.map((a: { details: unknown }) => a.details)).toEqual([
      { fSkattPolicy: 'pay-without-deductions', fSkattContact: 'Region Skånes lönecenter, 040-123 45', declarationRenewMonths: 12 },
    ]);

    // Outside the routine's bounds, or not a policy: 400 per field, nothing changed.
    const cases: Array<[unknown, string, string]> = [
      [{ declarationRenewMonths: 37 }, 'declarationRenewMonths', 'Rutinen kräver att jävsdeklarationen förnyas minst vart tredje år: högst 36 månader.'],
      [{ declarationRenewMonths: 0 }, 'declarationRenewMonths', 'Jävsdeklarationen förnyas tidigast varje månad (minst 1).'],
      [{ declarationRenewMonths: 1.5 }, 'declarationRenewMonths', 'Ange antalet månader som ett heltal, 1–36.'],
      [{ fSkattPolicy: 'pay' }, 'fSkattPolicy', 'F-skattepolicyn är refuse (avvisa) eller pay-without-deductions (betala utan avdrag).'],
      [{ fSkattContact: '   ' }, 'fSkattContact', 'Ange vem mottagaren ska kontakta, eller null för gruppens samordnare.'],
      [{ fSkattContact: 'x'.repeat(201) }, 'fSkattContact', 'Kontakten har högst 200 tecken.'],
    ];
    const stored = await h.dataSource.query(`SELECT * FROM paying_body WHERE code = 'region-skane'`);
    for (const [body, field, message] of cases) {
      const bad = await admin.patch('/paying-bodies/region-skane/settings', body);
      expect({ body, status: bad.status, fields: bad.body.fields?.[field] }).toEqual({ body, status: 400, fields: [message] });
    }
    expect(await h.dataSource.query(`SELECT * FROM paying_body WHERE code = 'region-skane'`)).toEqual(stored);
    // The database holds the routine's bound whoever writes.
    await expect(h.dataSource.query(`UPDATE paying_body SET declaration_renew_months = 48 WHERE code = 'region-skane'`)).rejects.toThrow(/paying_body_declaration_renew_months/);
    // Finance reads its payer's policies, and may not change them.
    const financeSkane = (await h.createUser({ roles: ['finance'], payerCode: 'region-skane' })).api;
    expect((await financeSkane.get('/payers/region-skane/settings')).body).toMatchObject({ fSkattPolicy: 'pay-without-deductions', declarationRenewMonths: 12 });
    expect((await financeSkane.patch('/paying-bodies/region-skane/settings', { declarationRenewMonths: 24 })).status).toBe(403);

    // null gives the contact back to the group's coordinator.
    expect((await admin.patch('/paying-bodies/region-skane/settings', { fSkattContact: null, fSkattPolicy: 'refuse' })).body).toMatchObject({ fSkattContact: null, fSkattPolicy: 'refuse' });
  });
});
