import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { BANK_ACCOUNT_MESSAGES } from '../src/identity/bank-account';
import { ORGANISATION_NUMBER_MESSAGES } from '../src/identity/organisation-number';
import { ensureWebBuilt, expectAccessibleAndReflowing, launchBrowser, loginAs, TestBrowser } from './support/browser';
import { Harness, startHarness, TestUser } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Issue 18 #6, #7 in a real browser against the real engines, by clicking only after the login: an administrator
 * sets a paying body's own settings (organisation number, its own account checked by clearing number and check digit,
 * the payment file, the payout frequency, F-skatt, and the employer return's settings with the HU choice), seeing the
 * API's Swedish messages next to the fields; and supersedes a rate table, seeing the effect on every attested-but-unpaid
 * line and open agreement, per payer, before confirming. Every change is in the audit log; the pages pass axe-core at
 * any impact at 1280 and 320 CSS px.
 */
describe('web: paying-body settings and a rate table superseded with its effect shown first', () => {
  let h: Harness;
  let web: TestBrowser;
  let admin: TestUser;
  let coordinator: TestUser;
  let anna: TestUser;
  let groupId: string;
  let assignmentId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    [h, web] = await Promise.all([startHarness(), launchBrowser()]);
    admin = await h.createUser({ roles: ['admin'], displayName: 'Ada Administratör' });
    const api = await h.asAdmin();
    expect((await api.put('/claim-policies/SKR', { claimWithinMonths: 120, receiptMaxAgeMonths: 120, remindDaysBefore: 14 })).status).toBe(200);
    groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NSG Taxeändring i webben', 'NSG', 'Prov.')`, [groupId]);
    anna = await h.createUser({ roles: ['representative'], displayName: 'Anna Andersson' });
    assignmentId = randomUUID();
    await h.dataSource.query(
      `INSERT INTO assignment (id, group_id, person_id, representation, state, period_start, period_end)
       VALUES ($1, $2, $3, 'own-experience', 'active', '2026-01-01', '2026-12-31')`,
      [assignmentId, groupId, anna.user.personId],
    );
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId] });
  });
  afterAll(async () => {
    await web?.close();
    await h?.close();
  });

  const login = (page: Page, u: TestUser) => loginAs(page, h.baseUrl, u);
  const checkPage = expectAccessibleAndReflowing;

  /** The element's text once it is shown, with runs of white space (the page's non-breaking ones too) as one space. */
  const textOf = async (l: Locator) => {
    await l.first().waitFor();
    return (await l.first().innerText()).replace(/\s+/g, ' ').trim();
  };

  const audit = (action: string, subjectId: string) =>
    h.dataSource.query(`SELECT actor, details FROM audit_log WHERE action = $1 AND subject_id = $2 ORDER BY at`, [action, subjectId]) as Promise<Array<{ actor: string; details: any }>>;

  it('sets a paying body’s settings by clicking: a wrong organisation number and account are refused next to their fields, then saved, audited, the account shown masked', async () => {
    const { page, errors } = await web.newPage();
    await login(page, admin);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Betalare' }).click();
    await page.getByRole('rowheader').getByRole('link', { name: 'Sveriges Kommuner och Regioner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sveriges Kommuner och Regioner' }).waitFor();
    const form = page.getByRole('region', { name: 'Utbetalning och betalfil' });
    await checkPage(page, 'paying-body-settings');

    // A check digit that fails, and an account whose check digit fails: the API's messages, next to each field.
    await form.getByLabel('Organisationsnummer (frivilligt)', { exact: true }).fill('222000-0310');
    // The test database's payers have an account: it is kept unless another is entered.
    expect(await form.getByLabel(/^Behåll det sparade kontot/).isChecked()).toBe(true);
    await form.getByLabel('Byt till ett svenskt konto (clearingnummer och kontonummer)', { exact: true }).check();
    await form.getByLabel('Clearingnummer', { exact: true }).fill('8327-9');
    await form.getByLabel('Kontonummer', { exact: true }).fill('123 456 789');
    await form.getByLabel('Bankens BIC (SWIFT-adress)', { exact: true }).fill('SWEDSESS');
    await form.getByRole('button', { name: 'Spara inställningarna' }).click();
    expect(await textOf(form.getByRole('alert'))).toContain('Något behöver rättas');
    expect(await form.getByLabel('Organisationsnummer (frivilligt)', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#falt-betalning-organisationNumber-fel').innerText()).toContain(ORGANISATION_NUMBER_MESSAGES.checksum);
    expect(await form.locator('#falt-betalning-bankAccount-accountNumber-fel').innerText()).toContain(BANK_ACCOUNT_MESSAGES.accountInvalid);
    // Focus went to the first field to correct.
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('falt-betalning-organisationNumber');
    await checkPage(page, 'paying-body-settings-errors');
    expect(await audit('paying-body.settings-changed', 'SKR')).toEqual([]);

    await form.getByLabel('Organisationsnummer (frivilligt)', { exact: true }).fill('2220000315');
    await form.getByLabel('Kontonummer', { exact: true }).fill('123 456 789-7');
    await form.getByLabel('Varje kvartal', { exact: true }).check();
    await form.getByLabel('Betalningens syfte i filen', { exact: true }).selectOption({ label: 'Lön (SALA)' });
    await form.getByLabel('Betalaren har avtal med sin bank om löneutbetalningar', { exact: true }).check();
    await form.getByLabel('Vem mottagaren ska kontakta om F-skatt (frivilligt)', { exact: true }).fill('Ekonomienheten, ekonomi@skr.example');
    await form.getByRole('button', { name: 'Spara inställningarna' }).click();
    expect(await textOf(form.getByRole('status').filter({ hasText: 'Klart' }))).toContain('Inställningarna för Sveriges Kommuner och Regioner (SKR) är sparade, med det nya kontot.');
    const facts = page.locator('dl.facts');
    expect(await textOf(facts)).toContain('222000-0315');
    expect(await textOf(facts)).toContain('•••• 7897, Swedbank');
    expect(await textOf(page.locator('main'))).not.toContain('1234567897');
    // The form shows what is stored: the normalised number, the saved account kept unless changed.
    expect(await form.getByLabel('Organisationsnummer (frivilligt)', { exact: true }).inputValue()).toBe('222000-0315');
    expect(await form.getByLabel('Behåll det sparade kontot (•••• 7897)', { exact: true }).isChecked()).toBe(true);

    const changes = await audit('paying-body.settings-changed', 'SKR');
    expect(changes).toEqual([
      {
        actor: admin.user.id,
        details: {
          organisationNumber: '222000-0315',
          bankAccount: { kind: 'bban', bic: 'SWEDSESS' },
          payoutFrequency: 'quarterly',
          categoryPurpose: 'SALA',
          salaryPaymentAgreement: true,
          fSkattContact: 'Ekonomienheten, ekonomi@skr.example',
        },
      },
    ]);
    expect(JSON.stringify(changes)).not.toContain('1234567897');
    const [row] = await h.dataSource.query(`SELECT organisation_number, payout_frequency, category_purpose FROM paying_body WHERE code = 'SKR'`);
    expect(row).toEqual({ organisation_number: '222000-0315', payout_frequency: 'quarterly', category_purpose: 'SALA' });
    expect(errors).toEqual([]);
  });

  it('sets the employer return’s settings: the due-date rule, Medverkan’s file as the whole return (HU), the specification number and contact', async () => {
    const { page, errors } = await web.newPage();
    await login(page, admin);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Betalare' }).click();
    await page.getByRole('rowheader').getByRole('link', { name: 'Sveriges Kommuner och Regioner' }).click();
    const form = page.getByRole('region', { name: 'Arbetsgivardeklarationen' });
    await form.getByLabel('Momspliktig, över 40 miljoner kr: den 26:e månaden efter', { exact: true }).check();
    await form.getByLabel('Medverkans fil är betalarens hela deklaration för månaden', { exact: true }).check();
    await form.getByLabel('Specifikationsnummer (fält 570)', { exact: true }).fill('7001');
    // Half a contact is refused before sending, next to the fields missing.
    await form.getByLabel('Namn (frivilligt)', { exact: true }).fill('Eva Ekonom');
    await form.getByRole('button', { name: 'Spara inställningarna för deklarationen' }).click();
    expect(await textOf(form.getByRole('alert'))).toContain('Något behöver rättas');
    expect(await form.locator('#falt-agi-contact-phone-fel').innerText()).toContain('Ange kontaktpersonens telefonnummer.');
    // A malformed address: the API's message.
    await form.getByLabel('Telefonnummer (frivilligt)', { exact: true }).fill('010-123 45 67');
    await form.getByLabel('E-postadress (frivilligt)', { exact: true }).fill('eva@');
    await form.getByRole('button', { name: 'Spara inställningarna för deklarationen' }).click();
    expect(await textOf(form.locator('#falt-agi-contact-email-fel'))).toContain('Ange en giltig e-postadress.');
    expect(await audit('paying-body.agi-settings-changed', 'SKR')).toEqual([]);

    await form.getByLabel('E-postadress (frivilligt)', { exact: true }).fill('eva.ekonom@skr.example');
    await form.getByRole('button', { name: 'Spara inställningarna för deklarationen' }).click();
    expect(await textOf(form.getByRole('status').filter({ hasText: 'Klart' }))).toContain('Inställningarna för arbetsgivardeklarationen är sparade.');
    await checkPage(page, 'paying-body-agi-settings');
    expect(await audit('paying-body.agi-settings-changed', 'SKR')).toEqual([
      { actor: admin.user.id, details: { dueRule: 'vat-over-40m', wholeReturn: true, specificationNumber: 7001, contact: 'angiven' } },
    ]);
    const stored = (await (await h.asAdmin()).get('/paying-bodies/SKR/agi-settings')).body;
    expect(stored).toMatchObject({ dueRule: 'vat-over-40m', wholeReturn: true, specificationNumber: 7001, contact: { name: 'Eva Ekonom', phone: '010-123 45 67', email: 'eva.ekonom@skr.example' } });
    // Reloaded, the page shows what is stored.
    await page.reload();
    expect(await page.getByRole('region', { name: 'Arbetsgivardeklarationen' }).getByLabel('Medverkans fil är betalarens hela deklaration för månaden', { exact: true }).isChecked()).toBe(true);
    expect(errors).toEqual([]);
  });

  async function activity(date: string, title: string): Promise<string> {
    const res = await coordinator.api.post(`/working-groups/${groupId}/activities`, { title, kind: 'meeting', date, durationMinutes: 420, mode: 'on-site', feeRule: 'full-day' });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  it('supersedes a rate table by clicking: the effect per line, agreement and payer first, a changed figure asks for a new preview, then confirmed and saved', async () => {
    const september = await activity('2026-09-10', 'Möte i september');
    await activity('2026-12-10', 'Möte i december'); // called, not reported: an open agreement's coming activity
    const report = await anna.api.post('/time-reports', { assignmentId, activityId: september, durationMinutes: 420 });
    expect(report.status).toBe(201);
    expect((await anna.api.post(`/time-reports/${report.body.id}/submit`)).status).toBe(200);
    expect((await coordinator.api.post(`/time-reports/${report.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);
    const tablesBefore = await h.dataSource.query(`SELECT count(*)::int AS n FROM rate_table`);

    const { page, errors } = await web.newPage();
    await login(page, admin);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Taxetabeller' }).click();
    await page.getByRole('rowheader').getByRole('link', { name: 'nationell-2026', exact: true }).click();
    await page.getByRole('link', { name: 'Ny version från ett datum' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny version av nationell-2026' }).waitFor();
    await checkPage(page, 'rate-table-new-version');

    // A first day not after the table's own: the API's 409, next to the field.
    await page.getByLabel('Första dag den nya versionen gäller', { exact: true }).fill('2026-01-01');
    await page.getByRole('button', { name: 'Visa effekten' }).click();
    expect(await textOf(page.locator('#falt-from-fel'))).toContain('Den nya versionen måste börja efter 2026-01-01');

    // The full day raised by one percentage point (3,6 % → 4,6 % of 59 200 kr: 2 131 kr → 2 723 kr), from 1 July.
    await page.getByLabel('Första dag den nya versionen gäller', { exact: true }).fill('2026-07-01');
    await page.getByLabel('Heldag, procent av prisbasbeloppet', { exact: true }).fill('4,6');
    await page.getByLabel('Källa (frivilligt)', { exact: true }).fill('Test: heldag 4,6 % från 1 juli');
    await page.getByRole('button', { name: 'Visa effekten' }).click();
    const effect = page.getByRole('region', { name: /^Effekten av version 2 från/ });
    await effect.waitFor();
    const row = (caption: string, name: string) => effect.getByRole('table', { name: caption }).getByRole('row', { name: new RegExp(`^${name}`) });
    const cells = async (caption: string, name: string) => (await row(caption, name).innerText()).replace(/\s+/g, ' ').trim();
    expect(await cells('Per betalare', 'SKR')).toBe('SKR 2 4 262,00 kr 5 446,00 kr +1 184,00 kr');
    expect(await cells('Per överenskommelse', 'Anna Andersson')).toBe('Anna Andersson NSG Taxeändring i webben 2 4 262,00 kr 5 446,00 kr +1 184,00 kr');
    const lines = (await effect.getByRole('table', { name: 'Varje rad' }).locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual([
      expect.stringMatching(/Anna Andersson, NSG Taxeändring i webben Attesterad, inte utbetald 2 131,00 kr 2 723,00 kr \+592,00 kr$/),
      expect.stringMatching(/Anna Andersson, NSG Taxeändring i webben Kommande aktivitet i en öppen överenskommelse 2 131,00 kr 2 723,00 kr \+592,00 kr$/),
    ]);
    await checkPage(page, 'rate-table-effect');
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM rate_table`)).toEqual(tablesBefore); // nothing saved yet

    // A figure changed after the preview: what would be saved is no longer what was shown, so the effect goes.
    await page.getByLabel('Halvdag, procent av prisbasbeloppet', { exact: true }).fill('2');
    await effect.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Spara den nya versionen' }).waitFor({ state: 'detached' });
    await page.getByLabel('Halvdag, procent av prisbasbeloppet', { exact: true }).fill('1,8');
    await page.getByRole('button', { name: 'Visa effekten' }).click();
    await effect.waitFor();

    // Cancel saves nothing; confirming saves version 2.
    await page.getByRole('button', { name: 'Spara den nya versionen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Spara version 2 av nationell-2026?' });
    expect(await textOf(dialog)).toContain('+1 184,00 kr');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM rate_table`)).toEqual(tablesBefore);
    await page.getByRole('button', { name: 'Spara den nya versionen' }).click();
    await dialog.getByRole('button', { name: 'Spara versionen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Taxetabell nationell-2026' }).waitFor();
    expect(await textOf(page.getByRole('status').filter({ hasText: 'Klart' }))).toContain('Version 2 av nationell-2026 är sparad och gäller från');
    const versions = (await page.getByRole('table', { name: /^Versioner/ }).locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(versions).toHaveLength(2);
    expect(versions[1]).toContain('Test: heldag 4,6 % från 1 juli');
    await checkPage(page, 'rate-table-versions');

    const stored = (await (await h.asAdmin()).get('/rate-tables/nationell-2026/versions')).body as any[];
    expect(stored.map((t) => [t.version, t.validFrom, t.validTo, t.fees.fullDayBp, t.fees.halfDayBp])).toEqual([
      [1, '2026-01-01', '2026-12-31', 360, 180],
      [2, '2026-07-01', '2026-12-31', 460, 180],
    ]);
    // The young people's reductions of the year go with the new version unchanged.
    expect(stored[1].contributions.reductions).toEqual(stored[0].contributions.reductions);
    expect((await audit('rate-table.superseded', stored[1].id)).map((a) => [a.actor, a.details.version, a.details.supersedes])).toEqual([[admin.user.id, 2, 1]]);
    expect(errors).toEqual([]);
  });
});
