import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { lastMonth, newStats, RetryingClient, runLifecycle, runPayout, setUpActors } from '../bench/support/http-lifecycle';
import { allAxeViolations, describeViolations, ensureWebBuilt, launchBrowser, screenshot, TestBrowser } from './support/browser';
import { Harness, startHarness } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * Reflow (WCAG 1.4.10, issue 17 #11) and axe on every page of the web app, as each role that has it: at 320 CSS px
 * (a phone) and at 640 CSS px (a 1280 px window at 200 % zoom) no page scrolls in two dimensions — a wide table
 * scrolls inside its own region, never the page — and axe-core finds no violation of any impact. The data behind
 * the pages is made through the API (one assignment to active, a report attested, the month paid); the pages are
 * opened by their address, since this test is about how each page lays out, not about how one gets there (that is
 * test/web.e2e-spec.ts). Screenshots go to test-output/screenshots/reflow-*.png.
 */
describe('web app: reflow and axe on every page', () => {
  let h: Harness;
  let web: TestBrowser;
  const tokens: Record<string, string> = {};
  const pages: Record<string, string[]> = {};

  beforeAll(async () => {
    ensureWebBuilt();
    [h, web] = await Promise.all([startHarness(), launchBrowser()]);
    const admin = await h.createUser({ roles: ['admin'], displayName: 'Ada Administratör' });
    const c = new RetryingClient(() => h.baseUrl, newStats());
    const actors = await setUpActors(c, { email: admin.user.email, password: admin.password });
    const life = await runLifecycle(c, actors, 1);
    if (!life.completed) throw new Error(`the lifecycle stopped at ${life.step}: ${life.error}`);
    const run = await runPayout(c, actors, lastMonth());
    const [rep] = await h.dataSource.query(`SELECT email FROM user_account WHERE person_id = $1`, [life.personId]);
    // http-lifecycle's password: Drill-<tag>-lösenord, where the address is rep.<tag>@drill.medverkan.se.
    const tag = /^rep\.(.+)@/.exec(rep.email as string)![1];
    tokens.representative = await h.login(rep.email as string, `Drill-${tag}-lösenord`);
    tokens.coordinator = actors.coordinator.token;
    tokens['org-contact'] = actors.orgContact.token;
    tokens.finance = actors.finance.token;
    tokens.admin = actors.admin;

    const view = (await h.api(tokens.representative).get(`/assignments/${life.assignmentId}`)).body;
    const agreementDoc = view.agreement.documentId as string;
    const [request] = (await h.api(tokens['org-contact']).get('/nomination-requests')).body as any[];
    const rateTable = ((await h.api(tokens.admin).get('/rate-tables')).body as any[])[0].code as string;
    const g = `/grupper/${life.groupId}`;
    const a = `/uppdrag/${life.assignmentId}`;
    groupPath = g;
    assignmentPath = a;
    pages.coordinator = [
      '/att-gora', '/grupper', '/grupper/ny', g, `${g}/aktiviteter/ny`, `${g}/attestera`, `${g}/inspel`, '/organisationer', '/bjud-in',
      a, `/dokument/${agreementDoc}`, `/tidrapporter/${life.timeReportId}`, '/berakna-ersattning', `${g}/budget`, '/representativitet', `${g}/oversyn`, `${g}/oversyn/${new Date().getFullYear() - 1}`,
    ];
    pages['org-contact'] = ['/att-gora', '/nomineringar', `/nomineringar/${request.id}`, '/bjud-in', a];
    pages.representative = [
      '/att-gora', '/mina-uppdrag', a, `${a}/rapportera`, '/tidrapporter', `/tidrapporter/${life.timeReportId}`,
      '/mina-utbetalningar', `/dokument/${agreementDoc}`, '/min-medverkan',
    ];
    pages.finance = ['/att-gora', '/utbetalningar', `/utbetalningar/${run.batch.id}`, '/utbetalningar/arssammanstallning', '/berakna-ersattning', `${g}/budget`, '/budgetar'];
    pages.admin = [
      '/att-gora', '/grupper', g, `${g}/inspel`, '/organisationer', '/administration/anvandare', `/administration/anvandare/${actors.coordinator.id}`,
      '/administration/anvandare/ny', '/administration/taxetabeller', `/administration/taxetabeller/${rateTable}`,
      '/administration/taxetabeller/ny', `/administration/taxetabeller/${rateTable}/ny-version`, '/administration/betalare',
      '/administration/betalare/SKR', '/bjud-in', '/berakna-ersattning', '/representativitet', `${g}/oversyn`,
    ];
  }, 600_000);
  afterAll(async () => {
    await web?.close();
    await h?.close();
  });

  /** The page's own horizontal scroll: more than its width means it scrolls in two dimensions. */
  const pageWidths = (page: Page) =>
    page.evaluate('({ scrollWidth: document.scrollingElement.scrollWidth, clientWidth: document.scrollingElement.clientWidth })') as Promise<{ scrollWidth: number; clientWidth: number }>;

  /** The elements that stick out of the page (not those inside a region that scrolls by itself), to say what to fix. */
  const tooWide = (page: Page) =>
    page.evaluate(`function* ancestors(e) { for (let a = e.parentElement; a; a = a.parentElement) yield a; }
      [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .filter((e) => ['absolute', 'fixed'].includes(getComputedStyle(e).position) || ![...ancestors(e)].some((a) => getComputedStyle(a).overflowX !== 'visible'))
      .slice(-6)
      .map((e) => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().width) + 'px: ' + (e.textContent || '').trim().slice(0, 40))`) as Promise<string[]>;

  async function settled(page: Page) {
    await page.waitForLoadState('load');
    await page.locator('h1').first().waitFor();
    await page.locator('.working, [aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 30_000 });
  }

  let groupPath = '';
  let assignmentPath = '';

  it('opens every page of the app: each route of web/src/main.tsx is in a role\'s list above', () => {
    const source = readFileSync(join(__dirname, '../web/src/main.tsx'), 'utf8');
    const routes = [...source.matchAll(/<Route path="([^"]+)"/g)].map((m) => m[1]).filter((r) => r !== '*');
    expect(routes.length).toBeGreaterThan(30);
    const visited = [...Object.values(pages).flat(), '/logga-in', '/inbjudan'];
    const pattern = (route: string) => new RegExp(`^${route.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
    expect(routes.filter((r) => !visited.some((p) => pattern(r).test(p)))).toEqual([]);
  });

  for (const width of [320, 640]) {
    for (const role of ['public', 'coordinator', 'org-contact', 'representative', 'finance', 'admin'] as const) {
      it(`${role} at ${width} CSS px: no page scrolls sideways, axe finds nothing`, async () => {
        const { page, errors, context } = await web.newPage({ width, height: 800 });
        const list = role === 'public' ? ['/logga-in', '/inbjudan'] : pages[role];
        if (role !== 'public') {
          await context.addInitScript(`if (window === window.top) sessionStorage.setItem('medverkan.token', ${JSON.stringify(tokens[role])})`);
        }
        const found: Array<{ path: string; scrollWidth: number; clientWidth: number; wide: string[]; axe: string }> = [];
        for (const p of list) {
          await page.goto(`${h.baseUrl}${p}`);
          await settled(page);
          const name = `reflow-${width}-${role}${p.replace(/\/[0-9a-f-]{36}/g, '/id').replace(/[^a-z0-9]+/gi, '-')}`;
          await screenshot(page, name);
          const w = await pageWidths(page);
          const axe = describeViolations(await allAxeViolations(page));
          if (w.scrollWidth > w.clientWidth || axe) found.push({ path: p, ...w, wide: w.scrollWidth > w.clientWidth ? await tooWide(page) : [], axe });
        }
        expect(found).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }, 300_000);
    }
  }
  /** Layout and weight (issue 17 #10): a destructive action looks secondary and asks first, in an accessible dialog. */
  describe('destructive actions', () => {
    async function pageAs(role: string) {
      const { page, errors, context } = await web.newPage({ width: 640, height: 800 });
      await context.addInitScript(`if (window === window.top) sessionStorage.setItem('medverkan.token', ${JSON.stringify(tokens[role])})`);
      return { page, errors, context };
    }

    it('"Avsluta gruppen" is a secondary button that asks in a dialog, and "Avbryt" ends nothing', async () => {
      const { page, errors, context } = await pageAs('coordinator');
      await page.goto(`${h.baseUrl}${groupPath}`);
      await settled(page);
      // What needs doing first comes first: the staffing and the next step before the forms.
      const headings = await page.locator('main h2').allInnerTexts();
      expect(headings.indexOf('Bemanning')).toBeLessThan(headings.indexOf('Nominerade att ta ställning till (0)'));
      // The round has been started: its form opens on demand only.
      expect(await page.getByRole('button', { name: 'Skicka förfrågningar' }).isVisible()).toBe(false);
      const end = page.getByRole('button', { name: 'Avsluta gruppen' });
      expect(await end.getAttribute('class')).toContain('button-secondary');
      await end.click();
      const dialog = page.getByRole('dialog', { name: /^Avsluta / });
      await dialog.waitFor();
      // Focus is in the dialog, on the safe choice.
      expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Avbryt');
      expect(describeViolations(await allAxeViolations(page))).toBe('');
      await screenshot(page, 'reflow-dialog-avsluta-gruppen');
      await dialog.getByRole('button', { name: 'Avbryt' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Avsluta gruppen');
      const group = (await h.api(tokens.coordinator).get(`/working-groups${groupPath.replace('/grupper', '')}`)).body;
      expect(group.group.recruitmentState).not.toBe('ended');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('"Avsluta mitt uppdrag" asks first, then ends the assignment and says so', async () => {
      const { page, errors, context } = await pageAs('representative');
      await page.goto(`${h.baseUrl}${assignmentPath}`);
      await settled(page);
      await page.getByRole('button', { name: 'Avsluta mitt uppdrag' }).click();
      const dialog = page.getByRole('dialog', { name: 'Avsluta ditt uppdrag?' });
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect((await h.api(tokens.representative).get(`/assignments${assignmentPath.replace('/uppdrag', '')}`)).body.assignment.state).toBe('active');
      await page.getByRole('button', { name: 'Avsluta mitt uppdrag' }).click();
      await dialog.getByRole('button', { name: 'Ja, avsluta mitt uppdrag' }).click();
      await page.getByRole('status').filter({ hasText: 'Ditt uppdrag är avslutat' }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  });
});
