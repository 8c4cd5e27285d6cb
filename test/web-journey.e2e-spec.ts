import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { addDays, stockholmDate } from '../src/time-reports/business-dates';
import { axeViolations, describeViolations, ensureWebBuilt, launchBrowser, TestBrowser } from './support/browser';
import { eventually, Harness, startHarness, TestUser } from './support/harness';
import { createOrganisation, Organisation, PERSONNUMMER } from './support/lifecycle';
import { flatText } from './support/pdf-text';

/**
 * The whole journey by clicking only (issue 17, "Done when"), each person in their own browser: a coordinator
 * creates a group and asks two organisations to nominate; each organisation contact nominates a person from their
 * task list; the coordinator appoints both; each representative opens the invitation link from their mail in the
 * outbox, chooses a password, answers the offer (which says what a meeting pays), gives payment details and signs
 * the agreement; the coordinator countersigns, reviews the declarations and records the introductions; the
 * coordinator creates the group's meeting; each representative reports it from "Mina uppdrag" (the form says what
 * will be paid); the coordinator attests both; finance puts the month together, approves it and downloads the bank
 * file and the slips; each representative opens their slip.
 *
 * The browser is sent to an address only for the login page and for links taken from mails in the outbox; the
 * rest is clicks (and keys). At every step the page is checked with axe-core (no violation of any impact), at
 * 320 CSS px for scrolling in two dimensions, and saved as test-output/journey/NN-<step>.png. The amounts the
 * offer and the report form show are the ones on the slip, and the slip's net is the bank file's line.
 */
const JOURNEY_DIR = path.resolve(__dirname, '..', 'test-output', 'journey');

describe('the whole journey, by clicking only', () => {
  let h: Harness;
  let web: TestBrowser;
  let coordinator: TestUser;
  let finance: TestUser;
  const orgs: Organisation[] = [];
  const orgNames: string[] = [];
  const pages: Record<string, Page> = {};
  const errorsOf: Record<string, string[]> = {};
  const tag = Date.now().toString(36);
  const groupName = `NSG Resan ${tag}`;
  const people = [
    { name: 'Lena Lindqvist', email: `lena-${tag}@example.se`, personnummer: PERSONNUMMER[0], password: `Resan-${tag}-Lena!` },
    { name: 'Örjan Åström', email: `orjan-${tag}@example.se`, personnummer: PERSONNUMMER[1], password: `Resan-${tag}-Orjan!` },
  ];
  const today = stockholmDate(new Date());
  // A payout run covers a closed period (issue 13 #3): the meeting is on last month's last day, paid by its run.
  const meetingDay = addDays(`${today.slice(0, 7)}-01`, -1);
  const month = meetingDay.slice(0, 7);
  /** What each person's offer said a meeting pays, and what their report form said the report will pay. */
  const offerText: string[] = [];
  const previewText: string[] = [];
  let shot = 0;

  beforeAll(async () => {
    ensureWebBuilt();
    fs.rmSync(JOURNEY_DIR, { recursive: true, force: true });
    fs.mkdirSync(JOURNEY_DIR, { recursive: true });
    [h, web] = await Promise.all([startHarness(), launchBrowser()]);
    // The accounts the routine starts from: a coordinator, two organisations with a contact each, a finance officer.
    coordinator = await h.createUser({ roles: ['coordinator'], displayName: 'Sara Samordnare' });
    finance = await h.createUser({ roles: ['finance'], payerCode: 'SKR', displayName: 'Erik Ekonomi' });
    orgs.push(await createOrganisation(h), await createOrganisation(h));
    for (const o of orgs) orgNames.push((await h.dataSource.query(`SELECT name FROM organisation WHERE id = $1`, [o.id]))[0].name as string);
  }, 120_000);
  afterAll(async () => {
    await web?.close();
    await h?.close();
    for (const [who, errors] of Object.entries(errorsOf)) expect({ who, errors }).toEqual({ who, errors: [] });
  });

  /**
   * Waits for the page to settle, saves it as the next screenshot, checks it with axe-core (any impact) and checks
   * that at 320 CSS px it does not scroll sideways.
   */
  async function step(page: Page, name: string) {
    // Not 'networkidle': Chromium's PDF viewer in an iframe keeps loading its own resources.
    await page.waitForLoadState('load');
    await page.locator('.working, [aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 60_000 });
    shot += 1;
    const file = `${String(shot).padStart(2, '0')}-${name}`;
    await page.screenshot({ path: path.join(JOURNEY_DIR, `${file}.png`), fullPage: true });
    expect({ page: file, violations: describeViolations(await axeViolations(page)) }).toEqual({ page: file, violations: '' });
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 320, height: 800 });
    try {
      const widths = await eventually(async () => {
        const w = (await page.evaluate('({ scroll: document.scrollingElement.scrollWidth, client: document.scrollingElement.clientWidth })')) as { scroll: number; client: number };
        return w.client > 0 && w.client <= 320 ? w : undefined;
      });
      expect({ page: file, scrollWidth: widths.scroll }).toEqual({ page: file, scrollWidth: widths.client });
    } finally {
      await page.setViewportSize(size);
    }
  }

  /** The main content's text, with the non-breaking spaces of Swedish number formats as plain spaces. */
  const textOf = async (l: Locator) => (await l.innerText()).replace(/\s+/g, ' ');
  const mainText = (page: Page) => textOf(page.locator('main'));
  const confirmation = (page: Page, text: string) =>
    page
      .getByRole('status')
      .filter({ hasText: text })
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (e: Error) => {
        throw new Error(`no confirmation "${text}" on ${page.url()}: ${await mainText(page)}\n${e.message}`);
      });
  const menu = async (page: Page, name: string) => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  };
  /** Focuses the element and presses a key, as a keyboard user does (headless Chromium drops some clicks beside a PDF viewer). */
  async function press(locator: Locator, key: 'Enter' | 'Space') {
    await locator.focus();
    await locator.press(key);
  }
  /** Kronor as the app shows them ("2 131,00"). */
  const kr = (ore: number) => new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ore / 100).replace(/\s/g, ' ');
  /** A date as the app writes it ("30 november 2026"). */
  const longDate = (iso: string) => new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  const parseKr = (s: string) => Math.round(Number(s.replace(/\s/g, '').replace(',', '.')) * 100);

  /** The person's page, logged in through the login page on first use (one browser context per person). */
  async function as(who: string, u: { email: string; password: string }): Promise<Page> {
    if (pages[who]) return pages[who];
    const { page, errors } = await web.newPage();
    errorsOf[who] = errors;
    await page.goto(`${h.baseUrl}/logga-in`);
    await page.getByLabel('E-postadress', { exact: true }).fill(u.email);
    await page.getByLabel('Lösenord', { exact: true }).fill(u.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
    pages[who] = page;
    return page;
  }
  const asCoordinator = () => as('coordinator', { email: coordinator.user.email, password: coordinator.password });

  /** Opens a task from "Att göra nu" by its link's name, looking again until the workflow has made it. */
  async function openTask(page: Page, name: string | RegExp) {
    await menu(page, 'Att göra nu');
    await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
    const link = page.getByRole('link', { name }).first();
    await eventually(
      async () => {
        if (await link.count()) return true;
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
        return false;
      },
      60_000,
      1000,
    ).catch(async (e: Error) => {
      throw new Error(`no task ${String(name)} in: ${await mainText(page)}\n${e.message}`);
    });
    await link.click();
  }

  /** The invitation link of the mail the person got (the only address besides the login page the test opens). */
  async function invitationLink(email: string): Promise<URL> {
    const url = await eventually(
      async () => {
        const rows: Array<{ body: string }> = await h.dataSource.query(
          `SELECT body FROM outbox WHERE lower(to_address) = lower($1) AND template = 'user-invitation' ORDER BY created_at DESC, id DESC LIMIT 1`,
          [email],
        );
        return rows[0] ? /https?:\/\/\S+\/inbjudan#token=[A-Za-z0-9_.-]+/.exec(rows[0].body)?.[0] : undefined;
      },
      30_000,
      500,
    );
    return new URL(url);
  }

  it('coordinator: creates the group and asks two organisations to nominate', async () => {
    const page = await asCoordinator();
    await step(page, 'samordnare-att-gora');
    await menu(page, 'Arbetsgrupper');
    await page.getByRole('link', { name: 'Skapa en ny arbetsgrupp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Skapa arbetsgrupp' }).waitFor();
    await page.getByLabel('Gruppens namn', { exact: true }).fill(groupName);
    await page.getByLabel('Nationell samverkansgrupp (NSG)', { exact: true }).check();
    await page.getByLabel('Uppdragsbeskrivning', { exact: true }).fill('Ta fram nationella rekommendationer med patienter och närstående.');
    await step(page, 'skapa-grupp');
    await page.getByRole('button', { name: 'Skapa gruppen' }).click();
    await page.getByRole('heading', { level: 1, name: groupName }).waitFor();
    await confirmation(page, 'rekryteringen av patient- och närståendeföreträdare har startat');
    await page.getByRole('heading', { level: 2, name: 'Förfrågningar till organisationer' }).waitFor();
    for (const name of orgNames) await page.getByRole('group', { name: 'Organisationer' }).getByLabel(name, { exact: true }).check();
    await page.getByRole('button', { name: 'Skicka förfrågningar' }).click();
    await confirmation(page, 'Omgång 1 är startad');
    const requests = await textOf(page.getByRole('table', { name: /Förfrågningar/ }));
    for (const name of orgNames) expect(requests).toContain(name);
    expect(await mainText(page)).toMatch(/ska svara senast \d+ \w+ \d{4}/);
    await step(page, 'grupp-forfragningar');
  });

  it('organisation contacts: each nominates a person from their task list', async () => {
    for (const [i, o] of orgs.entries()) {
      const page = await as(`org${i}`, { email: o.contact.user.email, password: o.contact.password });
      await openTask(page, `Nominera en företrädare eller tacka nej – ${groupName}`);
      await page.getByRole('heading', { level: 1, name: `Nominera till ${groupName}` }).waitFor();
      await page.getByLabel('Namn', { exact: true }).fill(people[i].name);
      await page.getByLabel('E-postadress', { exact: true }).fill(people[i].email);
      await page.getByLabel(i === 0 ? 'Patient' : 'Närstående', { exact: true }).check();
      await page.getByLabel('Organisationens mandat', { exact: true }).check();
      await step(page, `organisation-${i + 1}-nominera`);
      await page.getByRole('button', { name: 'Skicka nomineringen' }).click();
      await confirmation(page, `${people[i].name} är nominerad`);
    }
  });

  it('coordinator: appoints both nominees with the terms of the assignment', async () => {
    const page = await asCoordinator();
    for (const [i, p] of people.entries()) {
      await openTask(page, `Pröva nomineringen och utse eller avböj – ${groupName} · ${p.name}`);
      const form = page.getByRole('form', { name: `Utse ${p.name}` });
      await form.waitFor();
      await form.getByLabel('Uppdragets första dag', { exact: true }).fill(`${month}-01`);
      await form.getByLabel(/^Uppdragets sista dag/).fill(`${Number(today.slice(0, 4)) + 1}-12-31`);
      await form.getByLabel(/^Beräknad tid i möten, timmar per år/).fill('40');
      await form.getByLabel('Varje månad', { exact: true }).check();
      await step(page, `samordnare-utse-${i + 1}`);
      await form.getByRole('button', { name: `Utse ${p.name}` }).click();
      await confirmation(page, `${p.name} är utsedd`);
    }
    await page.getByRole('link', { name: people[1].name }).waitFor();
    await step(page, 'grupp-utsedda');
  });

  it('representatives: open the invitation from their mail, answer the offer (what a meeting pays), give payment details and sign', async () => {
    for (const [i, p] of people.entries()) {
      const { page, errors } = await web.newPage();
      errorsOf[`rep${i}`] = errors;
      pages[`rep${i}`] = page;
      // The mail's link, on the address this test's server listens on (the harness's public URL has no port).
      const link = await invitationLink(p.email);
      await page.goto(`${h.baseUrl}${link.pathname}${link.hash}`);
      await page.getByRole('heading', { level: 1, name: 'Välj lösenord' }).waitFor();
      await step(page, `foretradare-${i + 1}-valj-losenord`);
      await page.getByLabel('Nytt lösenord', { exact: true }).fill(p.password);
      await page.getByLabel('Skriv lösenordet en gång till', { exact: true }).fill(p.password);
      await page.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
      expect(await page.getByRole('banner').innerText()).toContain(p.name);
      await openTask(page, `Svara på erbjudandet om uppdrag – ${groupName}`);
      await page.getByRole('heading', { level: 1, name: `Ditt uppdrag i ${groupName}` }).waitFor();
      expect(await mainText(page)).toContain('Organisationens mandat');
      const perMeeting = page.locator('.info-box').filter({ hasText: 'Det här betalas ut per möte' });
      await perMeeting.waitFor();
      offerText[i] = await textOf(perMeeting);
      expect(offerText[i]).toMatch(/Heldag, mer än 4 timmar [\d ]+,\d\d kr före skatt Halvdag, 2 till 4 timmar [\d ]+,\d\d kr före skatt/);
      await step(page, `foretradare-${i + 1}-erbjudande`);
      await page.getByRole('button', { name: 'Ja, jag tar uppdraget' }).click();
      await confirmation(page, 'Du har tackat ja');

      await page.getByLabel('Personnummer', { exact: true }).fill(p.personnummer);
      await page.getByLabel('Clearingnummer', { exact: true }).fill('8327-9');
      await page.getByLabel('Kontonummer', { exact: true }).fill('123 456 789-7');
      await step(page, `foretradare-${i + 1}-uppgifter`);
      await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
      await confirmation(page, 'Dina uppgifter är sparade');

      // The agreement is generated (the page shows progress and updates itself), then shown in the page.
      await page.getByRole('button', { name: 'Signera överenskommelsen' }).waitFor({ timeout: 90_000 });
      await page.locator('iframe[title="överenskommelsen"]').waitFor();
      await step(page, `foretradare-${i + 1}-overenskommelse`);
      await press(page.getByLabel('Jag har läst överenskommelsen och godkänner den', { exact: true }), 'Space');
      await press(page.getByRole('button', { name: 'Signera överenskommelsen' }), 'Enter');
      await confirmation(page, 'Du har signerat överenskommelsen');
    }
  }, 300_000);

  it('coordinator: countersigns both agreements', async () => {
    const page = await asCoordinator();
    for (const [i, p] of people.entries()) {
      await openTask(page, `Kontrasignera överenskommelsen – ${groupName} · ${p.name}`);
      await page.locator('iframe[title="överenskommelsen"]').waitFor({ timeout: 60_000 });
      if (i === 0) await step(page, 'samordnare-kontrasignera');
      await press(page.getByLabel('Jag har läst överenskommelsen och godkänner den', { exact: true }), 'Space');
      await press(page.getByRole('button', { name: 'Kontrasignera överenskommelsen' }), 'Enter');
      await confirmation(page, 'Överenskommelsen är kontrasignerad');
    }
  }, 180_000);

  it('representatives: declare their interests', async () => {
    for (const [i] of people.entries()) {
      const page = pages[`rep${i}`];
      await openTask(page, `Lämna jävsdeklaration – ${groupName}`);
      await page.getByRole('heading', { level: 2, name: 'Jävsdeklaration' }).first().waitFor();
      await page.getByLabel('Nej', { exact: true }).check();
      await step(page, `foretradare-${i + 1}-javsdeklaration`);
      await page.getByRole('button', { name: 'Skicka jävsdeklarationen' }).click();
      await confirmation(page, 'Din jävsdeklaration är skickad');
    }
  });

  it('coordinator: approves the declarations and records the introductions', async () => {
    const page = await asCoordinator();
    for (const [i, p] of people.entries()) {
      await openTask(page, `Granska jävsdeklarationen – ${groupName} · ${p.name}`);
      await page.getByLabel('Godkänd', { exact: true }).check();
      await page.getByRole('button', { name: 'Spara granskningen' }).click();
      await confirmation(page, 'Jävsdeklarationen är godkänd');
      await page.getByRole('button', { name: 'Registrera att introduktionen är genomförd' }).click();
      await confirmation(page, 'Uppdraget är nu aktivt');
      if (i === 1) await step(page, 'samordnare-uppdrag-aktivt');
    }
  });

  it('coordinator: creates the group\'s meeting', async () => {
    const page = await asCoordinator();
    await menu(page, 'Arbetsgrupper');
    await page.getByRole('table').getByRole('link', { name: groupName }).click();
    await page.getByRole('heading', { level: 1, name: groupName }).waitFor();
    expect(await mainText(page)).toContain('2 av minst 2');
    await step(page, 'grupp-bemannad');
    await page.getByRole('link', { name: 'Ny aktivitet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny aktivitet' }).waitFor();
    await page.getByLabel('Vad heter aktiviteten?', { exact: true }).fill('Arbetsmöte 1');
    await page.getByLabel('Möte', { exact: true }).check();
    await page.getByLabel('Datum', { exact: true }).fill(meetingDay);
    await page.getByLabel(/^Starttid/).fill('13:00');
    await page.getByLabel('På plats', { exact: true }).check();
    await page.getByRole('group', { name: 'Hur lång är aktiviteten?' }).getByLabel('Timmar', { exact: true }).fill('3');
    await step(page, 'ny-aktivitet');
    await page.getByRole('button', { name: 'Spara aktiviteten' }).click();
    await confirmation(page, 'Aktiviteten Arbetsmöte 1');
    await page.getByRole('table', { name: /Gruppens aktiviteter/ }).getByRole('row', { name: /Arbetsmöte 1/ }).waitFor();
  });

  it('representatives: report the meeting from "Mina uppdrag", seeing what it will pay, and send it in', async () => {
    for (const [i] of people.entries()) {
      const page = pages[`rep${i}`];
      await menu(page, 'Mina uppdrag');
      const myCase = page.getByRole('region', { name: groupName, exact: true });
      await myCase.getByRole('list', { name: `Händelser i ${groupName}, äldst först` }).waitFor();
      const caseText = await textOf(myCase);
      expect(caseText).toContain('Aktivt uppdrag');
      expect(caseText).toContain('Introduktionen registrerades som genomförd och uppdraget blev aktivt');
      await step(page, `foretradare-${i + 1}-mina-uppdrag`);
      await myCase.getByRole('link', { name: `Rapportera ett möte i ${groupName}` }).click();
      await page.getByRole('heading', { level: 1, name: 'Rapportera ett möte' }).waitFor();
      await page.getByRole('group', { name: 'Vilken aktivitet rapporterar du?' }).getByLabel(/^Arbetsmöte 1, /).check();
      expect(await mainText(page)).toContain('Möte, på plats, kl. 13:00, 3 timmar');
      await page.getByRole('group', { name: 'Hur länge deltog du?' }).getByLabel('Timmar', { exact: true }).fill('3');
      if (i === 0) {
        // 3 hours and 1 ½ hours of travel: a full day, and a train ticket.
        await page.getByRole('group', { name: 'Restid, tur och retur' }).getByLabel('Timmar', { exact: true }).fill('1');
        await page.getByRole('group', { name: 'Restid, tur och retur' }).getByLabel('Minuter', { exact: true }).fill('30');
        await page.getByLabel(/^Biljetter \(tåg, buss, flyg\), kronor/).fill('640');
      }
      const preview = page.locator('.info-box').filter({ hasText: i === 0 ? /Arvode .*\skr och reseersättning 640,00\skr, före skatt/ : /Arvode .*\skr/ });
      await preview.waitFor();
      previewText[i] = await textOf(preview);
      await step(page, `foretradare-${i + 1}-rapportera`);
      await page.getByRole('button', { name: 'Spara rapporten' }).click();
      await confirmation(page, 'Rapporten är sparad som utkast');
      if (i === 0) {
        await page.getByLabel('Fil med kvittot', { exact: true }).setInputFiles({ name: 'sj-biljett.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% kvitto SJ\n%%EOF\n') });
        await page.getByRole('button', { name: 'Ladda upp kvittot' }).click();
        await confirmation(page, 'Kvittot sj-biljett.pdf är uppladdat');
      }
      await step(page, `foretradare-${i + 1}-tidrapport`);
      await page.getByRole('button', { name: 'Skicka in rapporten' }).click();
      await confirmation(page, 'Rapporten är inskickad');
      expect(await mainText(page)).toContain('Inskickad – väntar på attest');
    }
  });

  it('coordinator: attests both reports, seeing who reported and what confirming pays', async () => {
    const page = await asCoordinator();
    for (const [i, p] of people.entries()) {
      await openTask(page, `Attestera tidrapporten från ${meetingDay} – ${groupName} · ${p.name}`);
      await page.getByRole('heading', { level: 1, name: /^Attestera/ }).waitFor();
      // Two people reported the same meeting: each card is named by the meeting and the person.
      const card = page.getByRole('region', { name: `Arbetsmöte 1, ${longDate(meetingDay)} – ${p.name}`, exact: true });
      await card.getByText(`Företrädare: ${p.name}`).waitFor();
      const [, fee] = /Arvode (.+?) kr/.exec(previewText[i])!;
      expect(await textOf(card.locator('.info-box').first())).toContain(`Arvode ${fee} kr före skatt`);
      if (i === 0) await step(page, 'samordnare-attestera');
      await card.getByLabel('Godkänn som rapporterad', { exact: true }).check();
      await card.getByRole('button', { name: 'Spara beslutet' }).click();
      await confirmation(page, 'är attesterat');
    }
  });

  it('finance: puts the month together, approves it, and downloads the bank file and the slips', async () => {
    const page = await as('finance', { email: finance.user.email, password: finance.password });
    await step(page, 'ekonomi-att-gora');
    await menu(page, 'Utbetalningar');
    await page.getByLabel(/^Period/).fill(month);
    await step(page, 'ekonomi-utbetalningar');
    await page.getByRole('button', { name: 'Sammanställ' }).click();
    await page.getByRole('heading', { level: 1, name: /^Utbetalning / }).waitFor({ timeout: 120_000 });
    for (const p of people) await page.getByRole('rowheader', { name: p.name }).first().waitFor();
    await step(page, 'ekonomi-utkast');
    await page.getByLabel(/Jag har granskat utbetalningen/).check();
    await page.getByRole('button', { name: 'Godkänn utbetalningen' }).click();
    await confirmation(page, 'Utbetalningen är godkänd');
    // One "Klart" at a time: the run's "sammanställd" went away when "godkänd" came (issue 17 #8).
    expect(await page.locator('.confirmation').count()).toBe(1);
    await step(page, 'ekonomi-godkand');

    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner betalfilen (CSV)' }).click()]);
    const csv = fs.readFileSync((await csvFile.path())!, 'utf8').replace(/^\ufeff/, '');
    const bankLines = csv.trim().split(/\r\n/).slice(1).map((l) => l.split(';'));
    expect(bankLines).toHaveLength(2);

    for (const [i, p] of people.entries()) {
      const [slipFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Ladda ner utbetalningsbesked för ${p.name}` }).click()]);
      expect(slipFile.suggestedFilename()).toBe(`utbetalningsbesked-${month}-${p.name.replace(/ /g, '-')}.pdf`);
      const slip = flatText(fs.readFileSync((await slipFile.path())!));
      // The fee the report form showed, and (for the same tier) the offer's amount, are the slip's fee.
      const [, fee, travel] = /Arvode (.+?) kr och reseersättning (.+?) kr/.exec(previewText[i]) ?? /Arvode (.+?) kr/.exec(previewText[i])!;
      expect(slip).toContain(fee);
      if (travel) expect(slip).toContain(travel);
      const tier = i === 0 ? 'Heldag, mer än 4 timmar' : 'Halvdag, 2 till 4 timmar';
      expect(offerText[i]).toContain(`${tier} ${fee} kr före skatt`);
      // The slip's net is the bank file's line for the person (by personnummer, 12 digits).
      const pn = p.personnummer.replace(/\D/g, '');
      const bankLine = bankLines.find((l) => l[0] === pn);
      expect(bankLine).toBeDefined();
      const net = parseKr(bankLine![2]);
      expect(net).toBeGreaterThan(0);
      expect(slip).toContain(kr(net));
      expect(parseKr(fee) + (travel ? parseKr(travel) : 0)).toBeGreaterThanOrEqual(net);
    }
  }, 240_000);

  it('representatives: see the payout and open their slip', async () => {
    for (const [i] of people.entries()) {
      const page = pages[`rep${i}`];
      await menu(page, 'Mina utbetalningar');
      await eventually(
        async () => {
          await page.reload();
          await page.getByRole('heading', { level: 1, name: 'Mina utbetalningar' }).waitFor();
          return (await page.getByRole('link', { name: /^Visa/ }).count()) > 0;
        },
        60_000,
        1000,
      );
      await step(page, `foretradare-${i + 1}-mina-utbetalningar`);
      await page.getByRole('link', { name: /^Visa/ }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Utbetalningsbesked' }).waitFor();
      await page.locator('iframe[title="utbetalningsbesked"]').waitFor();
      // A slip is never signed: no "Signaturer" nor "Ingen har signerat ännu" (issue 17 #8, no contradictions).
      const slipText = await page.locator('main').innerText();
      expect(slipText).not.toMatch(/Signaturer|signerat/);
      expect(slipText).toContain('Spara beskedet.');
      await step(page, `foretradare-${i + 1}-utbetalningsbesked`);
    }
  });
});
