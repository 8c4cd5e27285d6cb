import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { offlineOpenApiDocument } from '../scripts/openapi-types';
import { addDays, stockholmDate } from '../src/time-reports/business-dates';
import { WorkingGroup } from '../src/working-groups/working-group.entity';
import { axeViolations, describeViolations, ensureWebBuilt, launchBrowser, screenshot, seriousAxeViolations, TestBrowser } from './support/browser';
import { againstActivity } from './support/activities';
import { eventually, Harness, startHarness, TestUser } from './support/harness';
import { createGroup, createOrganisation, nominate, Organisation, PERSONNUMMER, representativeFor, startRound, TERMS, TestGroup } from './support/lifecycle';

/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are read as the client sees them */

/**
 * The web app in a real browser (Debian Chromium through playwright-core) against the API and worker on the real
 * engines: each role logs in and does its main task by clicking; every page visited is checked with axe-core
 * (no serious or critical violations) and saved as a screenshot in test-output/screenshots/.
 */
describe('web app', () => {
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

  /** Checks the page with axe, saves a screenshot and fails on serious or critical violations. */
  async function check(page: Page, name: string) {
    // Not 'networkidle': Chromium's PDF viewer in an iframe keeps loading its own resources.
    await page.waitForLoadState('load');
    await page.locator('.working, [aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot(page, name);
    const violations = await seriousAxeViolations(page);
    expect({ page: name, violations: describeViolations(violations) }).toEqual({ page: name, violations: '' });
  }

  /** As check, and no axe-core violation of any impact (the pages of issue 17). */
  async function checkStrict(page: Page, name: string) {
    await check(page, name);
    expect({ page: name, violations: describeViolations(await axeViolations(page)) }).toEqual({ page: name, violations: '' });
  }

  /** The main content's text, with the non-breaking spaces of Swedish number formats as plain spaces. */
  const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const confirmation = (page: Page, text: string) =>
    page
      .getByRole('status')
      .filter({ hasText: text })
      .first()
      .waitFor()
      .catch(async (e: Error) => {
        await screenshot(page, 'failed-confirmation');
        throw new Error(`no confirmation "${text}" on ${page.url()}: ${await mainText(page)}\n${e.message}`);
      });

  /** Focuses the element and presses a key, as a keyboard user does. */
  async function press(locator: Locator, key: 'Enter' | 'Space') {
    await locator.focus();
    await locator.press(key);
  }

  async function login(page: Page, u: TestUser) {
    await page.goto(`${h.baseUrl}/logga-in`);
    await page.getByLabel('E-postadress', { exact: true }).fill(u.user.email);
    await page.getByLabel('Lösenord', { exact: true }).fill(u.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
  }

  describe('served by the API', () => {
    it('answers a browser with the app on its page addresses and keeps the API answering JSON', async () => {
      const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
      for (const p of ['/', '/att-gora', '/grupper/00000000-0000-4000-8000-000000000000']) {
        const res = await fetch(`${h.baseUrl}${p}`, { headers: html });
        expect({ p, status: res.status, type: res.headers.get('content-type') }).toEqual({ p, status: 200, type: expect.stringContaining('text/html') });
        const body = await res.text();
        expect(body).toContain('<html lang="sv">');
        expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      }
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${h.baseUrl}/`, { headers: html })).text())![1];
      const js = await fetch(`${h.baseUrl}${asset}`);
      expect(js.status).toBe(200);
      expect(js.headers.get('cache-control')).toContain('immutable');

      // The API is untouched: JSON for API clients, including its 404 and 401, even when a browser asks.
      expect((await h.api().get('/health')).body).toMatchObject({ status: 'ok' });
      const unknown = await h.api().get('/no-such-endpoint');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ statusCode: 404 });
      const guarded = await fetch(`${h.baseUrl}/working-groups`, { headers: html });
      expect(guarded.status).toBe(401);
      expect(await guarded.json()).toMatchObject({ statusCode: 401 });
      expect((await fetch(`${h.baseUrl}/assets/../package.json`)).status).toBe(404);
    });
  });

  describe('types from the API (issue 17)', () => {
    it('generates the web app\'s types from the very document the running API serves', async () => {
      // scripts/openapi-types.ts makes the document without engines; it must be the one /api/docs-json answers.
      const served = (await h.api().get('/api/docs-json')).body as unknown;
      expect(await offlineOpenApiDocument()).toEqual(served);
    });
  });

  describe('login', () => {
    it('explains empty fields and a wrong password next to the fields, in Swedish, then logs in', async () => {
      const u = await h.createUser({ roles: ['representative'], displayName: 'Rut Företrädare' });
      const { page, errors } = await web.newPage();
      await page.goto(`${h.baseUrl}/`);
      // Not logged in: the app sends the visitor to the login page.
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      expect(await page.title()).toBe('Logga in – Medverkan');
      expect(await page.getAttribute('html', 'lang')).toBe('sv');
      await check(page, '01-logga-in');

      await page.getByRole('button', { name: 'Logga in' }).click();
      const email = page.getByLabel('E-postadress', { exact: true });
      await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
      const described = (await email.getAttribute('aria-describedby'))!;
      expect(await page.locator(`#${described}`).innerText()).toContain('Skriv din e-postadress.');
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Något behöver rättas');
      await check(page, '02-logga-in-fel');

      await email.fill(u.user.email);
      await page.getByLabel('Lösenord', { exact: true }).fill('fel-lösenord');
      await page.getByRole('button', { name: 'Logga in' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Inloggningen misslyckades');

      await page.getByLabel('Lösenord', { exact: true }).fill(u.password);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
      await confirmation(page, 'Du är inloggad');
      expect(await page.title()).toBe('Att göra nu – Medverkan');
      expect(await page.getByRole('banner').innerText()).toContain('Rut Företrädare');
      await check(page, '03-att-gora-foretradare');

      // A reload keeps the session (the token lives in sessionStorage); logging out ends it.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      await page.goto(`${h.baseUrl}/att-gora`);
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      expect(errors).toEqual([]);
    });

    it('can be used with the keyboard alone: skip link first, visible focus, Enter sends', async () => {
      const u = await h.createUser({ roles: ['coordinator'] });
      const { page, errors } = await web.newPage();
      await page.goto(`${h.baseUrl}/logga-in`);
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Hoppa till huvudinnehållet');
      expect(await page.evaluate('getComputedStyle(document.activeElement).left')).toBe('0px');
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement.id')).toBe('huvudinnehall');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.getAttribute("name")')).toBe('email');
      expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
      await page.keyboard.type(u.user.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(u.password);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
      expect(errors).toEqual([]);
    });
  });

  describe('coordinator', () => {
    it('creates a group (once, however often the form is sent), and sees its staffing against the at-least-two rule', async () => {
      const u = await h.createUser({ roles: ['coordinator'], displayName: 'Sara Samordnare' });
      const { page, errors } = await web.newPage();
      await login(page, u);
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Arbetsgrupper' }).click();
      await page.getByRole('heading', { level: 1, name: 'Arbetsgrupper' }).waitFor();
      await page.getByRole('link', { name: 'Skapa en ny arbetsgrupp' }).click();
      await page.getByRole('heading', { level: 1, name: 'Skapa arbetsgrupp' }).waitFor();

      // Sent empty but for a minimum below two: every missing field says so next to itself, and in the same send the
      // API's own message for the minimum (issue 17 #8: every error of a form at once, not one per send), and nothing
      // is saved by that send.
      const groupsBefore = await h.dataSource.getRepository(WorkingGroup).count();
      await page.getByLabel('Minsta antal patient- och närståendeföreträdare', { exact: true }).fill('1');
      await page.getByRole('button', { name: 'Skapa gruppen' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Skriv gruppens namn.');
      expect(await page.locator('#falt-name-fel').innerText()).toContain('Skriv gruppens namn.');
      expect(await page.locator('#falt-commission-fel').innerText()).toContain('Skriv gruppens uppdragsbeskrivning.');
      expect(await page.locator('#falt-minRepresentatives-fel').innerText()).toContain('minst två');
      expect(await page.getByRole('alert').innerText()).toContain('minst två');
      expect(await page.getByRole('alert').innerText()).not.toContain('endastKontroll');
      expect(await h.dataSource.getRepository(WorkingGroup).count()).toBe(groupsBefore);
      // Issue 17 #8: focus is on the first field to correct (the summary is an alert, read out all the same).
      expect(await page.evaluate('document.activeElement.id')).toBe('falt-name');
      await check(page, '10-skapa-grupp-fel');

      await page.getByLabel('Gruppens namn', { exact: true }).fill('NPO Njursjukdomar');
      await page.getByLabel('Nationellt programområde (NPO)', { exact: true }).check();
      await page.getByLabel('Uppdragsbeskrivning', { exact: true }).fill('Leda kunskapsstyrningen inom njursjukdomar.');
      // A reload loses nothing: the draft is kept in the tab.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Skapa arbetsgrupp' }).waitFor();
      expect(await page.getByLabel('Gruppens namn', { exact: true }).inputValue()).toBe('NPO Njursjukdomar');
      expect(await page.getByLabel('Nationellt programområde (NPO)', { exact: true }).isChecked()).toBe(true);

      // The API's own field message (a group kind that needs a host region) is shown next to the field.
      await page.getByLabel('Värdregion', { exact: true }).selectOption({ label: 'Södra sjukvårdsregionen' });
      await page.getByLabel('Minsta antal patient- och närståendeföreträdare', { exact: true }).fill('1');
      await page.getByRole('button', { name: 'Skapa gruppen' }).click();
      await expect(page.locator('#falt-minRepresentatives-fel').innerText()).resolves.toContain('minst två');
      await page.getByLabel('Minsta antal patient- och närståendeföreträdare', { exact: true }).fill('2');
      await check(page, '11-skapa-grupp');

      // Sent twice in a row: one group.
      const before = await h.dataSource.getRepository(WorkingGroup).count();
      const button = page.getByRole('button', { name: 'Skapa gruppen' });
      await button.dblclick();
      await page.getByRole('heading', { level: 1, name: 'NPO Njursjukdomar' }).waitFor();
      await confirmation(page, 'rekryteringen av patient- och närståendeföreträdare har startat');
      expect(await h.dataSource.getRepository(WorkingGroup).count()).toBe(before + 1);

      // Staffing: 0 of at least 2, and what happens next.
      await eventually(async () => {
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'NPO Njursjukdomar' }).waitFor();
        return (await mainText(page)).includes('0 av minst 2');
      });
      const main = await mainText(page);
      expect(main).toContain('Vad händer sedan?');
      expect(main).toContain('Det saknas 2 företrädare');
      await check(page, '12-grupp');

      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Arbetsgrupper', exact: true }).click();
      await page.getByRole('cell', { name: /för få företrädare/i }).first().waitFor();
      expect(await page.getByRole('table').innerText()).toContain('NPO Njursjukdomar');
      await check(page, '13-grupper');
      expect(errors).toEqual([]);
    });
  });

  /**
   * The routine from a nomination request to a payout slip, each step done by clicking as the person whose turn it
   * is, starting from their "Att göra nu" where the step is a task.
   */
  describe('the routine, role by role', () => {
    let group: TestGroup;
    let org: Organisation;
    let rep: TestUser;
    let finance: TestUser;
    let assignmentId: string;
    const today = stockholmDate(new Date());
    // A payout run covers a closed period (issue 13 #3): the meeting is on last month's last day, paid by its run.
    const meetingDay = addDays(`${today.slice(0, 7)}-01`, -1);
    const month = meetingDay.slice(0, 7);
    const pages: Record<string, Page> = {};
    /** What the report form said would be paid ("Arvode 1 776,00 kr och reseersättning 640,00 kr"). */
    let previewText = '';
    /** What the offer said a meeting pays ("Heldag, mer än 4 timmar 2 131,00 kr före skatt …"). */
    let offerText = '';
    const errorsOf: Record<string, string[]> = {};

    beforeAll(async () => {
      group = await createGroup(h);
      org = await createOrganisation(h);
      finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR', displayName: 'Erik Ekonomi' });
    });
    afterAll(() => {
      for (const [who, errors] of Object.entries(errorsOf)) expect({ who, errors }).toEqual({ who, errors: [] });
    });

    /** The actor's page, logged in on first use (one browser context per person). */
    async function as(who: string, u: TestUser): Promise<Page> {
      if (!pages[who]) {
        const { page, errors } = await web.newPage();
        errorsOf[who] = errors;
        await login(page, u);
        pages[who] = page;
      }
      return pages[who];
    }

    async function openTask(page: Page, title: string | RegExp) {
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Att göra nu' }).click();
      await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
      const link = page.getByRole('link', { name: title }).first();
      await eventually(async () => {
        if (await link.count()) return true;
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
        return false;
      }, 30_000, 1000);
      await link.click();
    }

    it('coordinator: asks an organisation to nominate', async () => {
      const page = await as('coordinator', group.coordinator);
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Arbetsgrupper', exact: true }).click();
      await page.getByRole('table').getByRole('link', { name: /NSG Testgrupp/ }).click();
      await page.getByRole('heading', { level: 2, name: 'Förfrågningar till organisationer' }).waitFor();
      const [{ name: orgName }] = await h.dataSource.query(`SELECT name FROM organisation WHERE id = $1`, [org.id]);
      await page.getByRole('group', { name: 'Organisationer' }).getByLabel(orgName, { exact: true }).check();
      await page.getByRole('button', { name: 'Skicka förfrågningar' }).click();
      await confirmation(page, 'Omgång 1 är startad');
      expect(await page.getByRole('table', { name: /Förfrågningar/ }).innerText()).toContain('Väntar på svar');
      expect(await mainText(page)).toMatch(/ska svara senast \d+ \w+ \d{4}/);
      await check(page, '30-grupp-forfragan');
    });

    it('organisation contact: nominates a person from the task list', async () => {
      const page = await as('org', org.contact);
      await check(page, '31-att-gora-organisation');
      await openTask(page, 'Nominera en företrädare eller tacka nej');
      await page.getByRole('heading', { level: 1, name: /Nominera till NSG Testgrupp/ }).waitFor();
      // No name (the page's check) and an address that is not one (the API's): both messages after one click, and
      // nobody nominated by it (issue 17 #8).
      await page.getByLabel('E-postadress', { exact: true }).fill('inte-en-adress');
      await page.getByRole('button', { name: 'Skicka nomineringen' }).click();
      await expect(page.locator('#falt-fullName-fel').innerText()).resolves.toContain('Skriv personens namn.');
      expect(await page.locator('#falt-email-fel').innerText()).toContain('Ange en giltig e-postadress.');
      expect(await page.locator('#falt-perspective-fel').innerText()).toContain('Välj patient eller närstående.');
      expect(await page.evaluate('document.activeElement.id')).toBe('falt-fullName');
      expect(Number((await h.dataSource.query(`SELECT count(*) AS n FROM nomination WHERE organisation_id = $1`, [org.id]))[0].n)).toBe(0);
      await page.getByLabel('Namn', { exact: true }).fill('Maj Nominerad');
      await page.getByLabel('E-postadress', { exact: true }).fill(`maj-${Date.now()}@example.se`);
      await page.getByLabel('Patient', { exact: true }).check();
      await page.getByLabel('Organisationens mandat', { exact: true }).check();
      await check(page, '32-nominera');
      await page.getByRole('button', { name: 'Skicka nomineringen' }).click();
      await confirmation(page, 'Maj Nominerad är nominerad');
    });

    it('coordinator: appoints the nominee with the terms of the assignment', async () => {
      const page = await as('coordinator', group.coordinator);
      await openTask(page, 'Pröva nomineringen och utse eller avböj');
      await page.getByRole('heading', { level: 3, name: 'Maj Nominerad' }).waitFor();
      await page.getByLabel('Uppdragets första dag', { exact: true }).fill(`${month}-01`);
      await page.getByLabel(/^Uppdragets sista dag/).fill(`${Number(today.slice(0, 4)) + 1}-12-31`);
      await page.getByLabel(/^Beräknad tid i möten, timmar per år/).fill('40');
      await page.getByLabel('Varje månad', { exact: true }).check();
      await check(page, '33-utse');
      await page.getByRole('button', { name: 'Utse Maj Nominerad' }).click();
      await confirmation(page, 'Maj Nominerad är utsedd');
      const nominations = (await group.coordinator.api.get(`/working-groups/${group.id}/nominations`)).body as any[];
      const appointed = nominations.find((n) => n.nominee.fullName === 'Maj Nominerad');
      assignmentId = appointed.assignmentId;
      rep = await representativeFor(h, appointed);
      await page.getByRole('link', { name: 'Maj Nominerad' }).waitFor();
    });

    it('representative: accepts, gives payment details, reads the agreement in the page and signs it', async () => {
      const page = await as('rep', rep);
      await openTask(page, 'Svara på erbjudandet om uppdrag');
      await page.getByRole('heading', { level: 1, name: /Ditt uppdrag i NSG Testgrupp/ }).waitFor();
      expect(await mainText(page)).toContain('Organisationens mandat');
      // Issue 17 #7: the offer says what a meeting pays, by the payout's own calculation.
      const perMeeting = page.locator('.info-box').filter({ hasText: 'Det här betalas ut per möte' });
      await perMeeting.waitFor();
      offerText = (await perMeeting.innerText()).replace(/\s+/g, ' ');
      expect(offerText).toMatch(/Heldag, mer än 4 timmar [\d ]+,\d\d kr före skatt Halvdag, 2 till 4 timmar [\d ]+,\d\d kr före skatt Kortare, upp till 2 timmar [\d ]+,\d\d kr före skatt/);
      await checkStrict(page, '40-erbjudande');
      await page.getByRole('button', { name: 'Ja, jag tar uppdraget' }).click();
      await confirmation(page, 'Du har tackat ja');

      // A wrong personnummer is explained next to the field; nothing typed is lost.
      await page.getByLabel('Personnummer', { exact: true }).fill('19811218-9877');
      await page.getByLabel('Clearingnummer', { exact: true }).fill('8327-9');
      await page.getByLabel('Kontonummer', { exact: true }).fill('123 456 789-7');
      await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
      const pnError = page.locator('#falt-personalNumber-fel');
      await pnError.waitFor();
      expect(await page.getByLabel('Kontonummer', { exact: true }).inputValue()).toBe('123 456 789-7');
      await check(page, '41-uppgifter-fel');
      await page.getByLabel('Personnummer', { exact: true }).fill(PERSONNUMMER[0]);
      await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
      await confirmation(page, 'Dina uppgifter är sparade');

      // The agreement is generated (the page shows progress and updates itself), then shown in the page.
      await page.getByRole('button', { name: 'Signera överenskommelsen' }).waitFor({ timeout: 60_000 });
      const frame = page.locator('iframe[title="överenskommelsen"]');
      expect(await frame.getAttribute('src')).toMatch(/^blob:/);
      const download = page.getByRole('link', { name: /Ladda ner överenskommelsen/ });
      expect(await download.getAttribute('download')).toMatch(/\.pdf$/);
      await check(page, '42-overenskommelse');
      // By keyboard: with Chromium's PDF viewer in the page, headless Chromium drops some synthetic mouse clicks
      // after scrolling; keys go to the focused element as they do for a person using the keyboard.
      await press(page.getByRole('button', { name: 'Signera överenskommelsen' }), 'Enter');
      await page.locator('#falt-read-fel').waitFor();
      await press(page.getByLabel('Jag har läst överenskommelsen och godkänner den', { exact: true }), 'Space');
      await press(page.getByRole('button', { name: 'Signera överenskommelsen' }), 'Enter');
      await confirmation(page, 'Du har signerat överenskommelsen');
    });

    it('coordinator: countersigns the agreement', async () => {
      const page = await as('coordinator', group.coordinator);
      await openTask(page, 'Kontrasignera överenskommelsen');
      await press(page.getByLabel('Jag har läst överenskommelsen och godkänner den', { exact: true }), 'Space');
      await press(page.getByRole('button', { name: 'Kontrasignera överenskommelsen' }), 'Enter');
      await confirmation(page, 'Överenskommelsen är kontrasignerad');
      await check(page, '43-kontrasignerad');
    });

    it('representative: declares interests', async () => {
      const page = await as('rep', rep);
      await openTask(page, 'Lämna jävsdeklaration');
      await page.getByRole('heading', { level: 2, name: 'Jävsdeklaration' }).first().waitFor();
      await page.getByLabel('Ja', { exact: true }).check();
      await page.getByRole('button', { name: 'Skicka jävsdeklarationen' }).click();
      expect(await page.locator('#falt-interests-fel').innerText()).toContain('Beskriv dina intressen.');
      await page.getByLabel('Nej', { exact: true }).check();
      await check(page, '44-javsdeklaration');
      await page.getByRole('button', { name: 'Skicka jävsdeklarationen' }).click();
      await confirmation(page, 'Din jävsdeklaration är skickad');
    });

    it('coordinator: approves the declaration and records the introduction', async () => {
      const page = await as('coordinator', group.coordinator);
      await openTask(page, 'Granska jävsdeklarationen');
      await page.getByLabel('Godkänd', { exact: true }).check();
      await page.getByRole('button', { name: 'Spara granskningen' }).click();
      await confirmation(page, 'Jävsdeklarationen är godkänd');
      await page.getByRole('button', { name: 'Registrera att introduktionen är genomförd' }).click();
      await confirmation(page, 'Uppdraget är nu aktivt');
      await check(page, '45-uppdrag-aktivt');
    });

    it('coordinator: creates the group\'s meeting as an activity (issue 13 §4.5.1)', async () => {
      const page = await as('coordinator', group.coordinator);
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Arbetsgrupper', exact: true }).click();
      await page.getByRole('table').getByRole('link', { name: /NSG Testgrupp/ }).click();
      await page.getByRole('heading', { level: 2, name: 'Aktiviteter' }).waitFor();
      await page.getByText('Gruppen har inga aktiviteter ännu.').waitFor();
      await page.getByRole('link', { name: 'Ny aktivitet' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ny aktivitet' }).waitFor();

      // Sent empty: the page's own checks, next to each field.
      await page.getByRole('button', { name: 'Spara aktiviteten' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Skriv vad aktiviteten heter.');
      expect(await page.locator('#falt-date-fel').innerText()).toContain('Skriv vilken dag aktiviteten är.');
      expect(await page.locator('#falt-mode-fel').innerText()).toContain('Välj hur aktiviteten hålls.');

      await page.getByLabel('Vad heter aktiviteten?', { exact: true }).fill('Arbetsmöte 1');
      await page.getByLabel('Möte', { exact: true }).check();
      await page.getByLabel('Datum', { exact: true }).fill(meetingDay);
      await page.getByLabel(/^Starttid/).fill('13:00');
      await page.getByLabel('På plats', { exact: true }).check();
      await page.getByLabel(/^Dagordning/).fill('Välkommen\nGenomgång av underlaget\n');
      await page.getByLabel(/^Dag då underlaget skickades/).fill(meetingDay);
      // Longer than a day: the API's own message for the field is shown next to it.
      await page.getByRole('group', { name: 'Hur lång är aktiviteten?' }).getByLabel('Timmar', { exact: true }).fill('25');
      await page.getByRole('button', { name: 'Spara aktiviteten' }).click();
      await page.locator('#falt-durationMinutes-fel').waitFor();
      expect(await page.getByLabel('Vad heter aktiviteten?', { exact: true }).inputValue()).toBe('Arbetsmöte 1');
      await check(page, '46-ny-aktivitet-fel');
      await page.getByRole('group', { name: 'Hur lång är aktiviteten?' }).getByLabel('Timmar', { exact: true }).fill('3');
      await check(page, '47-ny-aktivitet');
      // By keyboard, sent twice in a row: one activity.
      const button = page.getByRole('button', { name: 'Spara aktiviteten' });
      await button.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter').catch(() => undefined);
      await page.getByRole('heading', { level: 2, name: 'Aktiviteter' }).waitFor();
      await confirmation(page, 'Aktiviteten Arbetsmöte 1');
      const row = page.getByRole('table', { name: /Gruppens aktiviteter/ }).getByRole('row', { name: /Arbetsmöte 1/ });
      await row.waitFor();
      const rowText = (await row.innerText()).replace(/\s+/g, ' ');
      expect(rowText).toContain('Möte');
      expect(rowText).toContain('På plats');
      expect(rowText).toContain('kl. 13:00');
      expect(rowText).not.toContain('Inte skickat');
      const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM group_activity WHERE group_id = $1 AND title = 'Arbetsmöte 1'`, [group.id]);
      expect(n).toBe(1);
      await check(page, '48-aktiviteter');
    });

    it('representative: reports the meeting (the activity) with travel and a receipt, and sends it in', async () => {
      const page = await as('rep', rep);
      const groupName = `NSG Testgrupp ${group.id.slice(0, 6)}`;
      // Issue 17 #1: an active representative reaches the form by clicking, from "Mina uppdrag" (no typed address).
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mina uppdrag' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mina uppdrag' }).waitFor();
      await page.getByRole('link', { name: groupName, exact: true }).waitFor();
      const myCase = page.getByRole('region', { name: groupName, exact: true });
      const caseText = async () => (await myCase.innerText()).replace(/\s+/g, ' ');
      expect(await caseText()).toContain('Aktivt uppdrag');
      // The whole case on one page: next step and whose turn, the documents, the periods and what happened.
      expect(await caseText()).toContain('Nästa steg Din tur:');
      await myCase.getByRole('link', { name: 'Överenskommelse, version 1' }).waitFor();
      expect(await caseText()).toContain('Signerad av båda parter');
      expect(await caseText()).toContain('Jävsdeklaration, inskickad');
      await myCase.getByRole('table', { name: `Rapportperioder i ${groupName}` }).waitFor();
      const timeline = myCase.getByRole('list', { name: `Händelser i ${groupName}, äldst först` });
      await timeline.waitFor();
      const events = (await timeline.innerText()).replace(/\s+/g, ' ');
      for (const e of [
        'Du erbjöds uppdraget',
        'Du tackade ja till uppdraget',
        'Du lämnade person- och betalningsuppgifter',
        'Du signerade överenskommelsen',
        'Samordnaren kontrasignerade överenskommelsen',
        'Du lämnade jävsdeklarationen',
        'Samordnaren godkände jävsdeklarationen',
        'Introduktionen registrerades som genomförd och uppdraget blev aktivt',
      ]) {
        expect(events).toContain(e);
      }
      expect(events.indexOf('Du signerade överenskommelsen')).toBeLessThan(events.indexOf('Samordnaren kontrasignerade överenskommelsen'));
      await checkStrict(page, '49-mina-uppdrag');
      // Only the user's own assignments: another representative's list does not show this one, nor its timeline.
      const other = await h.createUser({ roles: ['representative'] });
      expect((await other.api.get('/me/assignments')).body).toEqual([]);
      expect((await other.api.get(`/me/assignments/${assignmentId}/timeline`)).status).toBe(404);
      // A scoped endpoint refuses as 404 (src/auth/auth.guard.ts), also a coordinator of the group: it is the person's own.
      expect((await group.coordinator.api.get(`/me/assignments/${assignmentId}/timeline`)).status).toBe(404);
      expect((await rep.api.get('/me/assignments/not-an-id/timeline')).status).toBe(404);
      expect((await rep.api.get('/me/assignments')).body).toEqual([
        expect.objectContaining({
          id: assignmentId,
          groupId: group.id,
          groupName,
          state: 'active',
          nextStep: expect.objectContaining({ who: 'you' }),
          documents: [expect.objectContaining({ kind: 'agreement', state: 'countersigned' })],
          declaration: expect.objectContaining({ state: 'approved' }),
        }),
      ]);
      // No personal number, bank account or raw code in what the timeline says.
      const own = await rep.api.get(`/me/assignments/${assignmentId}/timeline`);
      expect(own.status).toBe(200);
      const said = JSON.stringify(own.body);
      expect(said).not.toMatch(/\d{6}-?\d{4}|8327|123 456 789|assignment\./);
      await page.getByRole('link', { name: `Rapportera ett möte i ${groupName}` }).click();
      await page.getByRole('heading', { level: 1, name: 'Rapportera ett möte' }).waitFor();
      // The activity is picked from what the group called the person to, never typed; its date, way and length are shown.
      expect(await page.getByRole('textbox', { name: /Vilket möte/ }).count()).toBe(0);
      await page.getByRole('button', { name: 'Spara rapporten' }).click();
      expect(await page.locator('#falt-activityId-fel').innerText()).toContain('Välj vilken aktivitet du rapporterar.');
      await page.getByRole('group', { name: 'Vilken aktivitet rapporterar du?' }).getByLabel(/^Arbetsmöte 1, /).check();
      expect(await mainText(page)).toContain('Möte, på plats, kl. 13:00, 3 timmar');
      expect(await mainText(page)).toContain('Arvode Efter tiden: heldag, halvdag eller kortare insats.');
      // The activity's way and length as a start; the person's own time is what counts.
      expect(await page.getByLabel('På plats', { exact: true }).isChecked()).toBe(true);
      // No time given (the page's check) and a drive longer than the API allows: both messages after one click, and
      // no report saved by it (issue 17 #8).
      const ownTime = page.getByRole('group', { name: 'Hur länge deltog du?' });
      await ownTime.getByLabel('Timmar', { exact: true }).fill('');
      await ownTime.getByLabel('Minuter', { exact: true }).fill('');
      await page.getByLabel(/^Körde du egen bil\?/).fill('6000');
      await page.getByRole('button', { name: 'Spara rapporten' }).click();
      await expect(page.locator('#falt-durationMinutes-fel').innerText()).resolves.toContain('Skriv hur länge du deltog.');
      expect(await page.locator('#falt-carKm-fel').innerText()).toContain('Körsträckan kan vara högst 5 000 km');
      expect(Number((await h.dataSource.query(`SELECT count(*) AS n FROM time_report WHERE assignment_id = $1`, [assignmentId]))[0].n)).toBe(0);
      await page.getByLabel(/^Körde du egen bil\?/).fill('');
      await page.getByRole('group', { name: 'Hur länge deltog du?' }).getByLabel('Timmar', { exact: true }).fill('3');
      await page.getByRole('group', { name: 'Restid, tur och retur' }).getByLabel('Timmar', { exact: true }).fill('1');
      await page.getByRole('group', { name: 'Restid, tur och retur' }).getByLabel('Minuter', { exact: true }).fill('30');
      await page.getByLabel(/^Biljetter \(tåg, buss, flyg\), kronor/).fill('640');
      // Issue 17 #7: the amount that will be paid, from the payout's own calculation, before sending.
      const preview = page.locator('.info-box').filter({ hasText: /Arvode .*\skr och reseersättning .*\skr, före skatt/ });
      await preview.waitFor().catch(async (e: Error) => {
        throw new Error(`no amount on the report form: ${await mainText(page)}\n${e.message}`);
      });
      previewText = (await preview.innerText()).replace(/\s+/g, ' ');
      await check(page, '50-rapportera');
      await page.getByRole('button', { name: 'Spara rapporten' }).click();
      await confirmation(page, 'Rapporten är sparad som utkast');
      await page.getByLabel('Fil med kvittot', { exact: true }).setInputFiles({ name: 'sj-biljett.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% kvitto SJ\n%%EOF\n') });
      await page.getByRole('button', { name: 'Ladda upp kvittot' }).click();
      await confirmation(page, 'Kvittot sj-biljett.pdf är uppladdat');
      await check(page, '51-tidrapport');
      await page.getByRole('button', { name: 'Skicka in rapporten' }).click();
      await confirmation(page, 'Rapporten är inskickad');
      expect(await mainText(page)).toContain('Inskickad – väntar på attest');
    });

    it('coordinator: attests the report', async () => {
      const page = await as('coordinator', group.coordinator);
      const groupName = `NSG Testgrupp ${group.id.slice(0, 6)}`;
      // Issue 17 #5: the attest task is in "Att göra nu", naming its group and person, saying it has no deadline,
      // and the list can be narrowed to one kind of task.
      await openTask(page, `Attestera tidrapporten från ${meetingDay} – ${groupName} · Maj Nominerad`);
      await page.getByRole('heading', { level: 1, name: /^Attestera/ }).waitFor();
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Att göra nu' }).click();
      const task = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: /^Attestera tidrapporten från/ }) });
      await task.first().waitFor();
      const taskText = (await task.first().innerText()).replace(/\s+/g, ' ');
      expect(taskText).toContain(`${groupName} · Maj Nominerad`);
      expect(taskText).toContain('Ingen sista dag för den här uppgiften.');
      await page.getByLabel('Grupp', { exact: true }).selectOption({ label: groupName });
      await page.getByLabel('Slag av uppgift', { exact: true }).selectOption({ label: 'Attestera tidrapport' });
      await page.getByRole('status').filter({ hasText: /^Visar \d+ (sak|saker) av \d+\.$/ }).first().waitFor();
      const titles = await page.locator('.task-title').allInnerTexts();
      expect(titles.length).toBeGreaterThan(0);
      for (const title of titles) expect(title).toMatch(/^Attestera tidrapporten från/);
      await checkStrict(page, '52-att-gora-samordnare');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Arbetsgrupper', exact: true }).click();
      await page.getByRole('table').getByRole('link', { name: /NSG Testgrupp/ }).click();
      await page.getByRole('link', { name: 'Attestera gruppens tidrapporter' }).click();
      // The card shows the activity (title, date, kind) next to what was reported.
      const card = page.getByRole('region', { name: /^Arbetsmöte 1, / });
      await card.waitFor();
      const cardText = (await card.innerText()).replace(/\s+/g, ' ');
      expect(cardText).toContain('Möte, på plats, kl. 13:00, 3 timmar');
      expect(cardText).toContain('Deltog på plats');
      expect(cardText).toContain('1 timme 30 minuter');
      // Issue 17 #6: the card names the representative and shows what confirming pays, by the payout's calculation
      // (the same figures the report form showed), and the employer contributions on top.
      await card.getByText('Företrädare: Maj Nominerad').waitFor();
      const [, fee, travel] = /Arvode (.+?) kr och reseersättning (.+?) kr/.exec(previewText)!;
      const amounts = (await card.locator('.info-box').first().innerText()).replace(/\s+/g, ' ');
      expect(amounts).toContain(`Arvode ${fee} kr före skatt`);
      expect(amounts).toContain(`Reseersättning ${travel} kr`);
      expect(amounts).toMatch(/Arbetsgivaravgifter [\d ]+,\d\d kr, som betalaren betalar utöver arvodet/);
      // The receipt opens in the page.
      await card.getByRole('button', { name: 'Visa kvittot sj-biljett.pdf' }).click();
      await card.locator('iframe[title="Kvittot sj-biljett.pdf"]').waitFor();
      await checkStrict(page, '52-attestera');
      await page.getByLabel('Godkänn som rapporterad', { exact: true }).check();
      await page.getByRole('button', { name: 'Spara beslutet' }).click();
      await confirmation(page, 'är attesterat');
    });

    it('finance: puts together the month, approves it and gets the bank file', async () => {
      const page = await as('finance', finance);
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Utbetalningar' }).click();
      await page.getByRole('heading', { level: 1, name: /^Utbetalningar/ }).waitFor();
      await check(page, '60-utbetalningar');
      await page.getByLabel(/^Period/).fill(month);
      await page.getByRole('button', { name: 'Sammanställ' }).click();
      // The page shows progress while the run is computed and opens the draft when it is ready.
      await page.getByRole('heading', { level: 1, name: /^Utbetalning / }).waitFor({ timeout: 100_000 });
      await page.getByRole('rowheader', { name: 'Maj Nominerad' }).waitFor();
      expect(await mainText(page)).toContain('Taxetabell nationell-');
      await check(page, '61-utbetalning-utkast');
      await page.getByLabel(/Jag har granskat utbetalningen/).check();
      await page.getByRole('button', { name: 'Godkänn utbetalningen' }).click();
      await confirmation(page, 'Utbetalningen är godkänd');
      // The amount paid is the one the report form showed.
      const [line] = await h.dataSource.query(
        `SELECT l.fee_ore::int AS fee, l.travel_ore::int AS travel FROM payout_line l JOIN time_report r ON r.id = l.time_report_id
          WHERE r.assignment_id = $1 AND l.state IN ('pending', 'paid')`,
        [assignmentId],
      );
      const kr = (ore: number) => new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ore / 100).replace(/\s/g, ' ');
      expect(line.fee).toBeGreaterThan(0);
      expect(previewText).toContain(`Arvode ${kr(line.fee)} kr och reseersättning ${kr(line.travel)} kr`);
      // 3 hours and 1 ½ hours of travel is a full day: the amount the offer named for one.
      expect(offerText).toContain(`Heldag, mer än 4 timmar ${kr(line.fee)} kr före skatt`);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner betalfilen (CSV)' }).click()]);
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      // Issue 17 #9: the slip is saved under the person's name (the API's Content-Disposition, filename* for å/ä/ö).
      const [slip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner utbetalningsbesked för Maj Nominerad' }).click()]);
      expect(slip.suggestedFilename()).toBe(`utbetalningsbesked-${month}-Maj-Nominerad.pdf`);
      // Issue 18: the bank's pain.001 file and the month's employer return for Skatteverket download from the run's page.
      const [pain] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner betalfilen till banken (pain.001, XML)' }).click()]);
      expect(pain.suggestedFilename()).toMatch(/\.xml$/);
      const agiButton = page.getByRole('button', { name: /^Ladda ner arbetsgivardeklarationen för \d{4}-\d{2} \(XML till Skatteverket\)$/ });
      const paymentMonth = /för (\d{4}-\d{2})/.exec((await agiButton.innerText()) ?? '')![1];
      // Without the payer's AGI contact the file cannot be made: the page says what is missing, in Swedish.
      await h.dataSource.query(`UPDATE paying_body SET agi_contact_name = NULL, agi_contact_phone = NULL, agi_contact_email = NULL WHERE code = 'SKR'`);
      await agiButton.click();
      await page.getByRole('alert').filter({ hasText: 'Filen kunde inte hämtas' }).waitFor();
      expect(await mainText(page)).toMatch(/kontaktperson/i);
      const admin = await h.asAdmin();
      const settings = (await admin.get('/paying-bodies/SKR/agi-settings')).body;
      const contact = { name: 'Erik Ekonomi', phone: '010-123 45 67', email: 'ekonomi@skr.se' };
      const put = await admin.put('/paying-bodies/SKR/agi-settings', { dueRule: settings.dueRule, wholeReturn: settings.wholeReturn, specificationNumber: settings.specificationNumber, contact });
      expect(put.status).toBe(200);
      if (!settings.organisationNumber) expect((await admin.patch('/paying-bodies/SKR/settings', { organisationNumber: '222000-0315' })).status).toBe(200);
      const [agiFile] = await Promise.all([page.waitForEvent('download'), agiButton.click()]);
      expect(agiFile.suggestedFilename()).toMatch(/\.xml$/);
      const xml = readFileSync((await agiFile.path())!, 'utf8');
      expect(xml).toContain('http://xmls.skatteverket.se/se/skatteverket/da/instans/schema/1.1');
      expect(xml).toContain(`<agd:RedovisningsPeriod faltkod="006">${paymentMonth.replace('-', '')}</agd:RedovisningsPeriod>`);
      await page.getByRole('button', { name: 'Visa uppgifter till arbetsgivardeklarationen' }).click();
      await page.getByRole('table', { name: /Arbetsgivardeklaration/ }).waitFor();
      expect(await mainText(page)).toMatch(/Den lämnas senast \d+ \w+ \d{4}\./);
      await check(page, '62-utbetalning-godkand');

      // Issue 17 #3: the worklist names the next run's date; "Sammanställ" for the month already approved opens that
      // run and says so — never "Klart".
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Utbetalningar' }).click();
      await page.getByRole('heading', { level: 2, name: 'Attesterade rader som väntar' }).waitFor();
      expect(await mainText(page)).toMatch(/Nästa ordinarie utbetalning gäller \w+ \d{4} och sammanställs \d+ \w+ \d{4}\./);
      await checkStrict(page, '63-utbetalningar-arbetslista');
      await page.getByLabel(/^Period/).fill(month);
      await page.getByRole('button', { name: 'Sammanställ' }).click();
      await page.getByRole('heading', { level: 1, name: /^Utbetalning / }).waitFor();
      await page.getByRole('status').filter({ hasText: 'var redan godkänd, så ingen ny har sammanställts' }).waitFor();
      expect(await page.getByText('Klart', { exact: true }).count()).toBe(0);

      // A line attested after the month's run was approved is on the worklist, and its supplementary run is one click.
      const coordinator = group.coordinator;
      const late = await rep.api.post(
        '/time-reports',
        await againstActivity(h, { assignmentId, activityDate: meetingDay, kind: 'meeting', meetingRef: 'Sent möte', durationMinutes: 60, participation: 'video' }),
      );
      expect(late.status).toBe(201);
      expect((await rep.api.post(`/time-reports/${late.body.id}/submit`)).status).toBe(200);
      expect((await coordinator.api.post(`/time-reports/${late.body.id}/attestation`, { decision: 'confirm' })).status).toBe(200);
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Utbetalningar' }).click();
      const waiting = page.getByRole('listitem').filter({ hasText: /: 1 rad för 1 person/ });
      await waiting.waitFor();
      expect((await waiting.innerText()).replace(/\s+/g, ' ')).toContain('Periodens utbetalning är redan godkänd. Raderna betalas i en kompletteringsomgång');
      await checkStrict(page, '64-utbetalningar-vantande-rad');
      await waiting.getByRole('button', { name: /^Gör kompletteringsomgång för / }).click();
      await page.getByRole('heading', { level: 1, name: /^Utbetalning / }).waitFor({ timeout: 100_000 });
      await confirmation(page, 'är sammanställd');
      const [{ supplement }] = await h.dataSource.query(
        `SELECT b.supplement FROM payout_line l JOIN payout_batch b ON b.id = l.batch_id WHERE l.time_report_id = $1 AND l.live`,
        [late.body.id],
      );
      expect(supplement).toBe(1);
    }, 180_000);

    it('representative: sees the payout and opens the slip', async () => {
      const page = await as('rep', rep);
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mina utbetalningar' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mina utbetalningar' }).waitFor();
      await eventually(async () => {
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Mina utbetalningar' }).waitFor();
        return (await page.getByRole('link', { name: /^Visa/ }).count()) > 0;
      }, 60_000, 1000);
      await check(page, '70-mina-utbetalningar');
      await page.getByRole('link', { name: /^Visa/ }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Utbetalningsbesked' }).waitFor();
      await page.locator('iframe[title="utbetalningsbesked"]').waitFor();
      await check(page, '71-utbetalningsbesked');
    });
  });

  describe('an organisation\'s nominations and their outcomes (issue 16 #1, 17 #4)', () => {
    it('the coordinator asks for two with a message and a reply day; the organisation nominates two and sees one appointed and one declined with the reason', async () => {
      const group = await createGroup(h);
      const org = await createOrganisation(h);
      const [{ name: orgName }] = await h.dataSource.query(`SELECT name FROM organisation WHERE id = $1`, [org.id]);
      const [{ name: groupName }] = await h.dataSource.query(`SELECT name FROM working_group WHERE id = $1`, [group.id]);
      const replyBy = addDays(stockholmDate(new Date()), 14);
      const message = 'Vi söker gärna någon med erfarenhet som närstående till ett barn.';
      const reason = 'Gruppen har redan en patientföreträdare med samma diagnos.';

      const coordinator = await web.newPage();
      await login(coordinator.page, group.coordinator);
      const cp = coordinator.page;
      await cp.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Arbetsgrupper', exact: true }).click();
      await cp.getByRole('table').getByRole('link', { name: groupName, exact: true }).click();
      await cp.getByRole('heading', { level: 2, name: 'Förfrågningar till organisationer' }).waitFor();
      await cp.getByRole('group', { name: 'Organisationer' }).getByLabel(orgName, { exact: true }).check();
      await cp.getByLabel(/^Hur många personer får varje organisation nominera/).fill('2');
      await cp.getByLabel(/^Sista svarsdag/).fill(replyBy);
      await cp.getByLabel(/^Meddelande till organisationerna/).fill(message);
      await checkStrict(cp, '80-forfragan-antal-och-meddelande');
      await cp.getByRole('button', { name: 'Skicka förfrågningar' }).click();
      await confirmation(cp, 'Omgång 1 är startad');
      const requestRow = cp.getByRole('table', { name: /Förfrågningar/ }).getByRole('row', { name: new RegExp(orgName) });
      expect((await requestRow.innerText()).replace(/\s+/g, ' ')).toMatch(/Väntar på svar 2 /);

      const contact = await web.newPage();
      await login(contact.page, org.contact);
      const op = contact.page;
      const openRequest = async () => {
        await op.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Förfrågningar om nominering' }).click();
        await op.getByRole('heading', { level: 1, name: 'Förfrågningar om nominering' }).waitFor();
        await op.getByRole('link', { name: groupName, exact: true }).first().click();
        await op.getByRole('heading', { level: 1, name: `Nominera till ${groupName}` }).waitFor();
      };
      await openRequest();
      expect(await mainText(op)).toContain('Förfrågan gäller upp till 2 personer.');
      expect(await mainText(op)).toContain(message);
      for (const [name, n] of [
        ['Frida Först', 1],
        ['Anders Andra', 2],
      ] as const) {
        await op.getByLabel('Namn', { exact: true }).fill(name);
        await op.getByLabel('E-postadress', { exact: true }).fill(`utfall-${n}-${Date.now()}@example.se`);
        await op.getByLabel('Patient', { exact: true }).check();
        await op.getByLabel('Organisationens mandat', { exact: true }).check();
        await op.getByRole('button', { name: 'Skicka nomineringen' }).click();
        await confirmation(op, `${name} är nominerad`);
      }
      // Both places are taken: the form is gone, the two wait for the coordinator.
      await op.getByRole('heading', { level: 2, name: 'Era nomineringar' }).waitFor();
      expect(await op.getByRole('button', { name: 'Skicka nomineringen' }).count()).toBe(0);
      expect(await mainText(op)).toContain('Frida Först (patient): Väntar på samordnarens beslut');

      // The coordinator appoints one (the appointment's form is walked above) and declines the other, with the reason.
      const nominations = (await group.coordinator.api.get(`/working-groups/${group.id}/nominations`)).body as any[];
      const frida = nominations.find((n) => n.nominee.fullName === 'Frida Först');
      expect((await group.coordinator.api.post(`/working-groups/${group.id}/nominations/${frida.id}/appoint`, TERMS)).status).toBe(201);
      await cp.reload();
      const box = cp.locator('.group-box').filter({ has: cp.getByRole('heading', { level: 3, name: 'Anders Andra' }) });
      await box.getByRole('button', { name: 'Avböj nomineringen' }).click();
      await box.getByText('Skriv varför personen inte utses.').first().waitFor();
      await box.getByLabel(/^Skäl/).fill(reason);
      await checkStrict(cp, '81-avboj-med-skal');
      await box.getByRole('button', { name: 'Avböj nomineringen' }).click();
      await confirmation(cp, 'Nomineringen av Anders Andra är avböjd');

      // The organisation finds the outcomes by clicking: appointed, and declined with the coordinator's reason.
      await openRequest();
      const outcomes = (await op.getByRole('region', { name: 'Era nomineringar' }).innerText()).replace(/\s+/g, ' ');
      expect(outcomes).toContain('Frida Först (patient): Utsedd');
      expect(outcomes).toContain('Anders Andra (patient): Avböjd');
      expect(outcomes).toContain(`Samordnarens skäl: ${reason}`);
      // A declined nominee's place is free again.
      expect(await op.getByRole('button', { name: 'Skicka nomineringen' }).count()).toBe(1);
      await checkStrict(op, '82-organisationens-nomineringar');
      expect(coordinator.errors).toEqual([]);
      expect(contact.errors).toEqual([]);
    });
  });

  describe('administrator', () => {
    it('adds next year\'s rate table from this year\'s, invites a finance officer, who chooses a password', async () => {
      const admin = await h.createUser({ roles: ['admin'], displayName: 'Ada Administratör' });
      const { page, errors } = await web.newPage();
      await login(page, admin);
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Taxetabeller', exact: true }).click();
      await check(page, '80-taxetabeller');
      await page.getByRole('link', { name: 'nationell-2026' }).click();
      await page.getByRole('heading', { level: 1, name: 'Taxetabell nationell-2026' }).waitFor();
      await page.getByRole('term').filter({ hasText: 'Prisbasbelopp' }).waitFor();
      expect(await mainText(page)).toContain('Prisbasbelopp 59 200,00 kr');
      await check(page, '81-taxetabell');
      await page.getByRole('link', { name: 'Ny tabell med den här som utgångspunkt' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ny taxetabell' }).waitFor();
      expect(await page.getByLabel('Första dag', { exact: true }).inputValue()).toBe('2027-01-01');
      await page.getByLabel('Prisbasbelopp i kronor', { exact: true }).fill('60 500');
      await page.getByLabel('Heldag, procent av prisbasbeloppet', { exact: true }).fill('tre');
      await page.getByRole('button', { name: 'Spara taxetabellen' }).click();
      await page.locator('#falt-fees-fullDayBp-fel').waitFor();
      await page.getByLabel('Heldag, procent av prisbasbeloppet', { exact: true }).fill('3,6');
      await check(page, '82-ny-taxetabell');
      await page.getByRole('button', { name: 'Spara taxetabellen' }).click();
      await confirmation(page, 'Taxetabellen nationell-2027 är sparad');
      await page.getByRole('term').filter({ hasText: 'Prisbasbelopp' }).waitFor();
      expect(await mainText(page)).toContain('Prisbasbelopp 60 500,00 kr');

      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Organisationer', exact: true }).click();
      await page.getByLabel('Organisationens namn', { exact: true }).fill('Riksförbundet Webbtest');
      await page.getByLabel('Patienter och närstående', { exact: true }).check();
      await page.getByLabel('E-post för nomineringsförfrågningar', { exact: true }).fill('kansli@webbtest.example.se');
      await page.getByLabel(/^Organisationsnummer/).fill('802012-3455');
      await page.getByRole('button', { name: 'Lägg till organisationen' }).click();
      await page.locator('#falt-orgNumber-fel').waitFor();
      await check(page, '86-organisation-fel');
      await page.getByLabel(/^Organisationsnummer/).fill('');
      await page.getByRole('button', { name: 'Lägg till organisationen' }).click();
      await confirmation(page, 'Riksförbundet Webbtest är tillagd');
      expect(await page.getByRole('table').innerText()).toContain('Riksförbundet Webbtest');

      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Betalare', exact: true }).click();
      await page.getByRole('table', { name: /Alla betalare/ }).waitFor();
      await check(page, '83-betalare');

      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Användare', exact: true }).click();
      await page.getByRole('link', { name: 'Bjud in en användare' }).click();
      await page.getByLabel('Namn', { exact: true }).fill('Fia Ekonom');
      await page.getByLabel('E-postadress', { exact: true }).fill(`fia-${Date.now()}@example.se`);
      await page.getByLabel('Ekonomi', { exact: true }).check();
      await page.getByLabel('Betalare', { exact: true }).selectOption('SKR');
      await check(page, '84-bjud-in');
      await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
      await confirmation(page, 'Fia Ekonom');
      const link = (await page.locator('.info-box .break').innerText()).trim();
      expect(link).toMatch(/\/inbjudan#token=/);
      expect(errors).toEqual([]);

      const invited = await web.newPage();
      await invited.page.goto(link.replace(/^https?:\/\/[^/]+/, h.baseUrl));
      await invited.page.getByRole('heading', { level: 1, name: 'Välj lösenord' }).waitFor();
      expect(invited.page.url()).not.toContain('token');
      await check(invited.page, '85-valj-losenord');
      await invited.page.getByLabel('Nytt lösenord', { exact: true }).fill('Fias-eget-losen-2026');
      await invited.page.getByLabel('Skriv lösenordet en gång till', { exact: true }).fill('Fias-eget-losen-2026');
      await invited.page.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
      await invited.page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
      expect(await invited.page.getByRole('banner').innerText()).toContain('Fia Ekonom');
      expect(invited.errors).toEqual([]);
    });
  });

  describe('every role', () => {
    it('logs in to its own start page, menu and landmarks, readable at 200 % zoom', async () => {
      for (const role of ['org-contact', 'finance', 'admin'] as const) {
        const u = await h.createUser({ roles: [role] });
        const { page, errors, context } = await web.newPage({ width: 640, height: 900 });
        await login(page, u);
        for (const landmark of ['banner', 'main', 'contentinfo'] as const) expect(await page.getByRole(landmark).count()).toBe(1);
        expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).count()).toBe(1);
        // 640 CSS pixels wide is a 1280-pixel window at 200 %: nothing scrolls sideways.
        expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
        await check(page, `20-att-gora-${role}`);
        expect(errors).toEqual([]);
        await context.close();
      }
    });
  });

  describe('invitations (src/auth/README.md)', () => {
    it('lets a coordinator invite a nominee of their own group and an organisation contact a colleague, nothing else', async () => {
      const group = await createGroup(h);
      const org = await createOrganisation(h);
      const requests = await startRound(group, [org]);
      const nominee = (await nominate(org, requests[org.id])).nominee;

      const coord = await web.newPage();
      await login(coord.page, group.coordinator);
      await coord.page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Bjud in', exact: true }).click();
      await coord.page.getByRole('heading', { level: 1, name: 'Bjud in en företrädare' }).waitFor();
      const person = coord.page.getByLabel('Person', { exact: true });
      await person.locator('option', { hasText: nominee.fullName }).waitFor({ state: 'attached' });
      // Only the people of the coordinator's groups are offered: no free name, address or role.
      expect(await coord.page.getByLabel('E-postadress', { exact: true }).count()).toBe(0);
      await person.selectOption({ label: (await person.locator('option', { hasText: nominee.fullName }).innerText()).trim() });
      await check(coord.page, '87-bjud-in-foretradare');
      await coord.page.getByRole('button', { name: 'Skicka inbjudan' }).click();
      await confirmation(coord.page, nominee.fullName);
      expect(coord.errors).toEqual([]);
      await coord.context.close();

      const contact = await web.newPage();
      await login(contact.page, org.contact);
      await contact.page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Bjud in', exact: true }).click();
      await contact.page.getByRole('heading', { level: 1, name: 'Bjud in en användare' }).waitFor();
      expect(await contact.page.getByLabel('Roller').count()).toBe(0);
      const email = `kollega-${Date.now()}@example.se`;
      await contact.page.getByLabel('Namn', { exact: true }).fill('Kajsa Kollega');
      await contact.page.getByLabel('E-postadress', { exact: true }).fill(email);
      await check(contact.page, '88-bjud-in-kontakt');
      await contact.page.getByRole('button', { name: 'Skicka inbjudan' }).click();
      await confirmation(contact.page, 'Kajsa Kollega');
      const [account] = await h.dataSource.query(`SELECT roles, organisation_id FROM user_account WHERE email = $1`, [email]);
      expect(account).toEqual({ roles: ['org-contact'], organisation_id: org.id });
      expect(contact.errors).toEqual([]);
      await contact.context.close();
    });
  });
});
