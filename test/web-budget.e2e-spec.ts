import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { stockholmDate } from '../src/time-reports/business-dates';
import { ensureWebBuilt, expectAccessibleAndReflowing, launchBrowser, loginAs, TestBrowser } from './support/browser';
import { Harness, startHarness, TestUser } from './support/harness';
import { routineCostExample } from './support/routine-example';

/**
 * The budget page (issue 19 #4) in a real browser against the real engines: the coordinator logs in, clicks their way
 * to the group's budget, plans the routine's §4.5.6 year (read from the routine's text) and sees 37 980 kr, then adds
 * one representative's 8 trips of 1 000 kr and sees 45 980 kr — all by clicking and typing, no address typed after
 * the login. The page passes axe-core with no violation of any impact; its screenshot is docs/screenshots/budget.png.
 */
describe('web: the year’s budget', () => {
  const e = routineCostExample();
  const year = Number(stockholmDate(new Date()).slice(0, 4));
  let h: Harness;
  let web: TestBrowser;
  let coordinator: TestUser;
  let finance: TestUser;

  beforeAll(async () => {
    ensureWebBuilt();
    [h, web] = await Promise.all([startHarness({ worker: false }), launchBrowser()]);
    const admin = await h.asAdmin();
    const national = (await admin.get(`/rate-tables/in-force?date=${year}-06-30&payerCode=SKR`)).body;
    const { id: _id, source: _s, createdAt: _c, code: _code, version: _v, payerCode: _p, ...rest } = national;
    const created = await admin.post('/rate-tables', {
      ...rest,
      code: `skr-schablon-${year}`,
      payerCode: 'SKR',
      validFrom: `${year}-01-01`,
      validTo: `${year}-12-31`,
      fees: { ...rest.fees, fixedOre: { fullDayOre: e.fullDayKr * 100, halfDayOre: e.halfDayKr * 100, shortOre: e.shortKr * 100 } },
      contributions: { ...rest.contributions, fullRateBp: e.contributionBp },
    });
    expect(created.status).toBe(201);
    const groupId = randomUUID();
    await h.dataSource.query(`INSERT INTO working_group (id, name, kind, commission) VALUES ($1, 'NAG Patientmedverkan i budget', 'NSG', 'Ta fram ett kunskapsstöd.')`, [groupId]);
    coordinator = await h.createUser({ roles: ['coordinator'], groupIds: [groupId], displayName: 'Nils Samordnare' });
    finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR', displayName: 'Ebba Ekonomi' });
  });
  afterAll(async () => {
    await web?.close();
    await h?.close();
  });

  const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  /** 37980 → "37 980,00 kr" (as mainText gives it: plain spaces). */
  const kronor = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},00 kr`;
  /** The same, matching the page's own non-breaking spaces. */
  const kronorOn = (n: number) => new RegExp(`${kronor(n).replace(/ /g, '\\s')}\\s*för`);

  const login = (page: Page, u: TestUser) => loginAs(page, h.baseUrl, u);
  const checkPage = expectAccessibleAndReflowing;

  it('plans the routine’s year by clicking and shows 37 980 kr, then 45 980 kr with the trips', async () => {
    const { page, errors } = await web.newPage();
    await login(page, coordinator);

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Arbetsgrupper' }).click();
    await page.getByRole('rowheader').getByRole('link', { name: 'NAG Patientmedverkan i budget' }).click();
    await page.getByRole('link', { name: 'Planera årets budget och jämför med utfallet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Budget för NAG Patientmedverkan i budget' }).waitFor();
    await page.getByLabel('År', { exact: true }).selectOption(String(year));
    await page.getByRole('heading', { level: 2, name: `Planen för ${year}` }).waitFor();

    const form = page.getByRole('form', { name: `Budget för ${year}` });
    await form.getByLabel('Antal patient- och närståendeföreträdare').fill(String(e.representatives));
    await form.getByLabel('Heldagar (mer än 4 timmar)').fill(String(e.fullDays));
    await form.getByLabel('Halvdagar (2–4 timmar)').fill(String(e.halfDays));
    await form.getByLabel('Kortare insatser (högst 2 timmar)').fill(String(e.shortSessions));
    await form.getByLabel('Extra förberedelse per företrädare, i heldagar').fill(String(e.extraPreparationDays));
    await form.getByRole('button', { name: 'Spara budgeten' }).click();
    await page.getByRole('status').filter({ hasText: 'Budgeten för' }).first().waitFor();
    await page.getByText(kronorOn(e.totalExcludingTravelKr)).waitFor();

    // Too many travellers: the API's Swedish message at the field, nothing saved.
    await form.getByRole('button', { name: 'Lägg till resor' }).click();
    await form.getByLabel('Antal företrädare som reser så här').fill(String(e.representatives + 1));
    await form.getByLabel('Resor tur och retur per företrädare').fill(String(e.trips));
    await form.getByLabel('Kostnad per resa, i kronor').fill(String(e.tripKr));
    await form.getByRole('button', { name: 'Spara budgeten' }).click();
    await page.getByText(`gäller ${e.representatives + 1} företrädare, men planen har ${e.representatives}`).first().waitFor();

    await form.getByLabel('Antal företrädare som reser så här').fill(String(e.travellers));
    await form.getByRole('button', { name: 'Spara budgeten' }).click();
    await page.getByRole('status').filter({ hasText: 'version 2' }).first().waitFor();
    await page.getByText(kronorOn(e.totalIncludingTravelKr)).waitFor();
    const text = await mainText(page);
    expect(text).toContain(`Summa utan resor ${kronor(e.totalExcludingTravelKr)}`);
    expect(text).toContain(`Resor ${kronor(e.trips * e.tripKr)}`);
    expect(text).toContain('Version 2');
    expect(text).toContain(`skr-schablon-${year}`);

    await checkPage(page, 'budget');
    expect(errors).toEqual([]);
  });

  it('shows SKR’s finance the budgets it pays, and the group’s budget read-only, by clicking', async () => {
    const { page, errors } = await web.newPage();
    await login(page, finance);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Budgetar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Budgetar' }).waitFor();
    await page.getByRole('rowheader').getByRole('link', { name: 'NAG Patientmedverkan i budget' }).waitFor();
    expect(await mainText(page)).toContain(`NAG Patientmedverkan i budget ${kronor(e.totalIncludingTravelKr)} 0,00 kr ${kronor(e.totalIncludingTravelKr)}`);
    await checkPage(page, 'budget-finance');
    await page.getByRole('rowheader').getByRole('link', { name: 'NAG Patientmedverkan i budget' }).click();
    await page.getByRole('heading', { level: 1, name: 'Budget för NAG Patientmedverkan i budget' }).waitFor();
    await page.getByLabel('År', { exact: true }).selectOption(String(year));
    await page.getByText(kronorOn(e.totalIncludingTravelKr)).waitFor();
    expect(await page.getByRole('button', { name: 'Spara budgeten' }).count()).toBe(0);
    expect(await mainText(page)).toContain('Gruppens samordnare planerar och ändrar budgeten.');
    await checkPage(page, 'budget-finance-group');
    expect(errors).toEqual([]);
  });
});
