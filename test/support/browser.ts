import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/**
 * Browser tests of the web app: Debian's Chromium (scripts/system-deps.sh installs it) driven by playwright-core,
 * axe-core run inside the page, screenshots in test-output/screenshots/.
 */

const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'screenshots');

/** Chromium flags for a closed network: without the background-networking ones, connections are refused. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium is missing: run `bash scripts/system-deps.sh` (installs the Debian package `chromium`)');
  return found;
}

/** Builds the web app into web/dist when it is missing (`npm run build` builds it too). */
export function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) return;
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
}

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (no cookies, no storage) with the page's own errors collected. */
  newPage(opts?: { width?: number; height?: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/**
 * Headless Chromium. Playwright gives every launch a fresh temporary --user-data-dir of its own (it refuses one in
 * `args`) and removes it at close; every newPage() is a fresh context besides.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  return {
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        // The browser logs failed requests (an expected 400 or 401) as console errors; those are not page errors.
        if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
      });
      return { context, page, errors };
    },
    async close() {
      await browser.close();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let axeSource: string | undefined;

/** Runs axe-core (WCAG 2.0/2.1 A and AA, and best practices) in the page; the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  return (await allAxeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA, and best practices) in the page; every violation, of any impact. */
export async function allAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate, not a <script> tag: the app's Content-Security-Policy allows only its own scripts.
  await page.evaluate(axeSource);
  // iframes: false: the only frames are Chromium's own PDF viewer showing a document, not the app's markup.
  const violations = await page.evaluate(`axe.run(document, {
      iframes: false,
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`);
  return violations as AxeViolation[];
}

/** A readable list of violations for a failed expectation. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
}

/** Saves a full-page screenshot as test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The same as allAxeViolations (the name the web test uses). */
export const axeViolations = allAxeViolations;

/** Logs a test user in through the login page, as a person would, and waits for "Att göra nu". */
export async function loginAs(page: Page, baseUrl: string, u: { user: { email: string }; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel('E-postadress', { exact: true }).fill(u.user.email);
  await page.getByLabel('Lösenord', { exact: true }).fill(u.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Att göra nu' }).waitFor();
}

/** No axe-core violation of any impact, and nothing wider than a 320 CSS px window (WCAG 1.4.10); screenshots of both. */
export async function expectAccessibleAndReflowing(page: Page, name: string): Promise<void> {
  await page.locator('.working, [aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 30_000 });
  await screenshot(page, name);
  expect({ page: name, violations: describeViolations(await axeViolations(page)) }).toEqual({ page: name, violations: '' });
  await page.setViewportSize({ width: 320, height: 900 });
  const fits = (await page.evaluate('document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth')) as boolean;
  await screenshot(page, `${name}-320`);
  expect({ page: name, fitsAt320: fits }).toEqual({ page: name, fitsAt320: true });
  expect({ page: `${name}-320`, violations: describeViolations(await axeViolations(page)) }).toEqual({ page: `${name}-320`, violations: '' });
  await page.setViewportSize({ width: 1280, height: 900 });
}
