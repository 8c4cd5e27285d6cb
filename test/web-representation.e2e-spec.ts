import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { allAxeViolations, describeViolations, ensureWebBuilt, launchBrowser, screenshot, TestBrowser } from './support/browser';
import { Harness, startHarness, TestUser } from './support/harness';
import { appoint, createGroup, representativeFor, type TestGroup } from './support/lifecycle';

/**
 * The pages of issue 19 #2 in a real browser on the real engines, by clicking after login: a representative says they
 * can take another assignment and gives their diversity answers with consent ("Min medverkan"); the coordinator's
 * "Representativitet" shows the group below its minimum, the warning of a person above the threshold, who is free,
 * organisations by their last request, and the NPO's figures — none for four consenting people, figures for five.
 * axe-core finds nothing on either page, and neither scrolls sideways at 320 CSS px.
 */
describe('web: representativeness and workload (issue 19 #2)', () => {
  let h: Harness;
  let web: TestBrowser;
  beforeAll(async () => {
    ensureWebBuilt();
    [h, web] = await Promise.all([startHarness(), launchBrowser()]);
  });
  afterAll(async () => {
    await web?.close();
    await h?.close();
  });

  async function settled(page: Page) {
    await page.waitForLoadState('load');
    await page.locator('h1').first().waitFor();
    await page.locator('.working, [aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 30_000 });
  }

  async function check(page: Page, name: string) {
    await settled(page);
    await screenshot(page, name);
    expect({ page: name, violations: describeViolations(await allAxeViolations(page)) }).toEqual({ page: name, violations: '' });
    const w = (await page.evaluate('({ s: document.scrollingElement.scrollWidth, c: document.scrollingElement.clientWidth })')) as { s: number; c: number };
    expect({ page: name, sideways: w.s > w.c }).toEqual({ page: name, sideways: false });
  }

  async function login(page: Page, u: TestUser) {
    await page.goto(`${h.baseUrl}/logga-in`);
    await page.getByLabel('E-postadress', { exact: true }).fill(u.user.email);
    await page.getByLabel('Lösenord', { exact: true }).fill(u.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
  }
  const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true }).click();
  const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

  const directRecruit = async (group: TestGroup, fullName: string, email = `${randomUUID().slice(0, 8)}@example.se`) => {
    const n = await group.coordinator.api.post(`/working-groups/${group.id}/nominations`, { fullName, email, perspective: 'patient', representation: 'own-experience' });
    expect(n.status).toBe(201);
    return { assignmentId: await appoint(group, n.body.id), nomination: n.body, email };
  };

  it('the representative says so on their page; the coordinator sees warnings, who is free and figures only from 5 consenting people', async () => {
    const npo = await createGroup(h, { kind: 'NPO' });
    const other = await createGroup(h);
    for (const g of [npo, other]) expect((await g.coordinator.api.post(`/working-groups/${g.id}/recruitment/rounds`, { organisationIds: [], directRecruitment: true })).status).toBe(201);
    const reps: TestUser[] = [];
    const names = ['Alva Ek', 'Bertil Lund', 'Cleo Berg', 'David Sjö', 'Ebba Ström'];
    let evaEmail = '';
    for (const name of names) {
      const a = await directRecruit(npo, name);
      const rep = await representativeFor(h, a.nomination);
      expect((await rep.api.post(`/assignments/${a.assignmentId}/accept`)).status).toBe(200);
      reps.push(rep);
      if (name === 'Ebba Ström') evaEmail = a.email;
    }
    // Alva also holds an assignment in another group; the administrator's threshold is 1.
    const second = await directRecruit(other, 'Alva Ek', reps[0].user.email);
    expect((await reps[0].api.post(`/assignments/${second.assignmentId}/accept`)).status).toBe(200);
    expect((await (await h.asAdmin()).patch('/representation/settings', { personThreshold: 1 })).status).toBe(200);
    const ages = ['50-64', '50-64', '65-plus', '65-plus'];
    for (let i = 0; i < 4; i++) expect((await reps[i].api.put('/me/diversity', { consent: true, ageBand: ages[i], work: i % 2 ? 'working' : 'not-working' })).status).toBe(200);

    // The coordinator: four consenting people give no figures.
    const coordinator = await web.newPage();
    await login(coordinator.page, npo.coordinator);
    await menu(coordinator.page, 'Representativitet');
    await coordinator.page.getByRole('heading', { level: 1, name: 'Representativitet och belastning' }).waitFor();
    await settled(coordinator.page);
    await coordinator.page.getByLabel('Siffror för').selectOption('npo');
    await coordinator.page.getByLabel('Programområde').selectOption({ label: (await h.dataSource.query(`SELECT name FROM working_group WHERE id = $1`, [npo.id]))[0].name });
    await coordinator.page.getByRole('button', { name: 'Visa siffrorna' }).click();
    await coordinator.page.getByText('Färre än 5 personer med uppdrag här har samtyckt').waitFor();

    // The fifth, Ebba, on her own page: she can take another assignment, and answers with consent.
    const ebba = await web.newPage();
    await login(ebba.page, reps[4]);
    await menu(ebba.page, 'Min medverkan');
    await ebba.page.getByRole('heading', { level: 1, name: 'Min medverkan' }).waitFor();
    await settled(ebba.page);
    await ebba.page.getByRole('button', { name: 'Jag kan ta ett uppdrag till' }).click();
    await ebba.page.getByRole('status').filter({ hasText: 'Samordnare ser nu att du kan ta ett uppdrag till' }).waitFor();
    // Without consent nothing is saved, and the page says why.
    await ebba.page.getByRole('group', { name: 'Hur gammal är du?' }).getByLabel('65 år eller äldre').check();
    await ebba.page.getByRole('group', { name: 'Arbetar du?' }).getByLabel('I arbete', { exact: true }).check();
    await ebba.page.getByRole('group', { name: 'I vilken sjukvårdsregion bor du?' }).getByLabel('Vill inte svara').check();
    await ebba.page.getByRole('button', { name: 'Spara mina svar' }).click();
    await ebba.page.getByRole('alert').filter({ hasText: 'Kryssa i att du samtycker' }).waitFor();
    expect(await h.dataSource.query(`SELECT 1 FROM diversity_answer WHERE person_id = $1`, [reps[4].user.personId])).toEqual([]);
    await ebba.page.getByLabel('Jag samtycker till att mina svar sparas').check();
    await ebba.page.getByRole('button', { name: 'Spara mina svar' }).click();
    await ebba.page.getByRole('status').filter({ hasText: 'Dina svar är sparade' }).waitFor();
    await check(ebba.page, 'representation-my-participation');
    expect((await reps[4].api.get('/me/diversity')).body.answers).toEqual({ ageBand: '65-plus', perspective: null, work: 'working', region: null });

    // Now five: the coordinator sees figures for the NPO, small cells hidden, and the missing age bands.
    await coordinator.page.getByRole('button', { name: 'Visa siffrorna' }).click();
    await coordinator.page.getByText('5 personer med uppdrag har samtyckt').waitFor();
    const text = await mainText(coordinator.page);
    expect(text).toContain('Ingen av de svarande i programområdets grupper är under 30 år.');
    expect(text).toContain('50–64 år: visas inte');
    // Staffing, the warning above the threshold, and who is free (after a reload of the page by the menu).
    await menu(coordinator.page, 'Organisationer');
    await menu(coordinator.page, 'Representativitet');
    await settled(coordinator.page);
    const page = await mainText(coordinator.page);
    expect(page).toContain('Har 2 pågående uppdrag, fler än gränsen 1.');
    expect(page).toMatch(/0 av 2 .*För få sedan/);
    expect(page).toContain(`Ebba Ström, ${evaEmail}`);
    await coordinator.page.getByLabel('Siffror för').selectOption('npo');
    await coordinator.page.getByLabel('Programområde').selectOption({ index: 1 });
    await coordinator.page.getByRole('button', { name: 'Visa siffrorna' }).click();
    await coordinator.page.getByText('personer med uppdrag har samtyckt').waitFor();
    await check(coordinator.page, 'representation-coordinator');
    // The README's screenshots are copies of these (SAVE_README_SCREENSHOTS=1 refreshes them).
    if (process.env.SAVE_README_SCREENSHOTS) {
      fs.mkdirSync(path.join(__dirname, '..', 'docs', 'screenshots'), { recursive: true });
      fs.copyFileSync(path.join(__dirname, '..', 'test-output', 'screenshots', 'representation-coordinator.png'), path.join(__dirname, '..', 'docs', 'screenshots', 'representation.png'));
      fs.copyFileSync(path.join(__dirname, '..', 'test-output', 'screenshots', 'representation-my-participation.png'), path.join(__dirname, '..', 'docs', 'screenshots', 'my-participation.png'));
    }

    // Ebba withdraws her consent in a dialog: her answers are gone.
    await ebba.page.getByRole('button', { name: 'Återkalla mitt samtycke' }).click();
    await ebba.page.getByRole('dialog').getByRole('button', { name: 'Ja, radera mina svar' }).click();
    await ebba.page.getByRole('status').filter({ hasText: 'dina svar är raderade' }).waitFor();
    expect(await h.dataSource.query(`SELECT 1 FROM diversity_answer WHERE person_id = $1`, [reps[4].user.personId])).toEqual([]);

    // At 320 CSS px neither page scrolls sideways.
    for (const [u, p, name] of [
      [npo.coordinator, '/representativitet', 'coordinator'],
      [reps[4], '/min-medverkan', 'representative'],
    ] as const) {
      const narrow = await web.newPage({ width: 320, height: 800 });
      await login(narrow.page, u);
      await menu(narrow.page, p === '/representativitet' ? 'Representativitet' : 'Min medverkan');
      await check(narrow.page, `representation-320-${name}`);
      expect(narrow.errors).toEqual([]);
      await narrow.context.close();
    }
    expect(coordinator.errors).toEqual([]);
    expect(ebba.errors).toEqual([]);
  });
});
