import type { Page } from 'playwright-core';
import { stockholmDate } from '../src/common/stockholm-time';
import { axeViolations, describeViolations, ensureWebBuilt, expectAccessibleAndReflowing, launchBrowser, loginAs, TestBrowser } from './support/browser';
import { Harness, startHarness, TestUser } from './support/harness';

/**
 * The yearly review page (issue 16, §3.2) in a real browser against the real engines: the NPO's coordinator logs in,
 * clicks the review task in "Att göra nu", sees the review, opens the "end" dialog and cancels it (nothing recorded),
 * then records "change" with what changes; a second group's review is reached from its group page and ended behind
 * the dialog. axe-core at any impact and no sideways scroll at 320 CSS px; screenshot docs/screenshots/yearly-review.png.
 */
describe('web: the yearly review of a group', () => {
  const today = stockholmDate(new Date());
  const year = Number(today.slice(0, 4));
  let h: Harness;
  let web: TestBrowser;
  let coordinator: TestUser;
  let endingId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    [h, web] = await Promise.all([startHarness(), launchBrowser()]);
    const admin = await h.asAdmin();
    coordinator = await h.createUser({ roles: ['coordinator'], displayName: 'Nora NPO-samordnare' });
    const create = async (body: Record<string, unknown>) => {
      const res = await coordinator.api.post('/working-groups', { commission: 'Ta fram ett nationellt vårdprogram.', ...body });
      expect(res.status).toBe(201);
      return res.body.group.id as string;
    };
    const npoId = await create({ name: 'NPO Hjärt- och kärlsjukdomar', kind: 'NPO', hostRegion: 'sodra' });
    const nagId = await create({ name: 'NAG Hjärtsvikt', kind: 'NAG', parentGroupId: npoId });
    endingId = await create({ name: 'NAG Som avslutas', kind: 'NAG', parentGroupId: npoId });
    await h.dataSource.query(`UPDATE working_group SET created_at = now() - interval '1 year' WHERE id = ANY($1::uuid[])`, [[npoId, nagId, endingId]]);
    expect((await admin.put('/group-review-policy', { reviewMonth: Number(today.slice(5, 7)), minAgeDays: 180 })).status).toBe(200);
  });
  afterAll(async () => {
    await web?.close();
    await h?.close();
  });

  const login = (page: Page, u: TestUser) => loginAs(page, h.baseUrl, u);
  const checkPage = expectAccessibleAndReflowing;

  it('from the task: the review, the end dialog cancelled, then "change" recorded with what changes', async () => {
    const { page, errors } = await web.newPage();
    await login(page, coordinator);
    await page.getByRole('link', { name: /Gör den årliga översynen.*NAG Hjärtsvikt/ }).click();
    await page.getByRole('heading', { level: 1, name: `Årlig översyn ${year}: NAG Hjärtsvikt` }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Bemanning' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('0 av minst 2 patient- och närståendeföreträdare har ett aktivt uppdrag.');
    await checkPage(page, 'yearly-review');

    await page.getByRole('radio', { name: 'Gruppen avslutas' }).check();
    await page.getByRole('button', { name: 'Registrera beslutet att avsluta gruppen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Avsluta NAG Hjärtsvikt?' });
    await dialog.waitFor();
    expect(describeViolations(await axeViolations(page))).toBe('');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await h.dataSource.query(`SELECT count(*)::int AS n FROM group_review`))[0].n).toBe(0);

    await page.getByRole('radio', { name: 'Gruppen fortsätter med förändringar' }).check();
    await page.getByRole('button', { name: 'Registrera beslutet' }).click();
    // Without what changes: the API's message at the field.
    await page.getByText('Beskriv förändringarna.').first().waitFor();
    await page.getByLabel('Vilka förändringar?').fill('Rekrytera en närståendeföreträdare före mars.');
    await page.getByRole('button', { name: 'Registrera beslutet' }).click();
    await page.getByRole('status').filter({ hasText: 'Beslutet är registrerat' }).first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Gruppen fortsätter med förändringar.');
    expect(text).toContain('Förändringar: Rekrytera en närståendeföreträdare före mars.');
    expect(text).toMatch(/Kontrollsumma \(SHA-256\): [0-9a-f]{64}/);
    await checkPage(page, 'yearly-review-decided');
    expect(errors).toEqual([]);
  });

  it('from the group page: "end" asks in the dialog, then ends the group', async () => {
    const { page, errors } = await web.newPage();
    await login(page, coordinator);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Arbetsgrupper' }).click();
    await page.getByRole('rowheader').getByRole('link', { name: 'NAG Som avslutas' }).click();
    await page.getByRole('link', { name: /Se gruppens årliga översyn/ }).click();
    await page.getByRole('heading', { level: 1, name: `Årlig översyn ${year}: NAG Som avslutas` }).waitFor();
    await page.getByRole('radio', { name: 'Gruppen avslutas' }).check();
    await page.getByRole('button', { name: 'Registrera beslutet att avsluta gruppen' }).click();
    await page.getByRole('dialog', { name: 'Avsluta NAG Som avslutas?' }).getByRole('button', { name: 'Ja, avsluta gruppen' }).click();
    await page.getByRole('status').filter({ hasText: 'NAG Som avslutas avslutas' }).first().waitFor();
    expect(await page.locator('main').innerText()).toContain('Gruppen avslutas.');
    const deadline = Date.now() + 30_000;
    let state = '';
    while (Date.now() < deadline && state !== 'ended') {
      state = (await h.dataSource.query(`SELECT recruitment_state FROM working_group WHERE id = $1`, [endingId]))[0].recruitment_state;
      if (state !== 'ended') await new Promise((r) => setTimeout(r, 250));
    }
    expect(state).toBe('ended');
    expect(errors).toEqual([]);
  });
});
