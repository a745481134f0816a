import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { fromRoot } from '../../src/config/paths';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = fromRoot('test', 'browser', 'artifacts');

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 900 },
} as const;

/**
 * Debian's Chromium driven by playwright-core, headless, with the flags this machine kind needs (no
 * background networking: the network is closed). Each session gets a fresh profile directory.
 */
export async function launchBrowser(viewport: {
  width: number;
  height: number;
}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `No se encontró Chromium en ${CHROMIUM}: instálelo con "apt-get install chromium" (o indique CHROMIUM_PATH).`,
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'es-CL',
    timezoneId: 'America/Santiago',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** axe-core violations a person would be hindered by (serious or critical), as readable lines. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** What every page of a browser flow must be: a screenshot kept, no horizontal scrolling, no serious accessibility violation. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect({ page: name, overflow: Number(overflow) }).toEqual({ page: name, overflow: 0 });
  expect({ page: name, violations: await seriousAccessibilityViolations(page) }).toEqual({
    page: name,
    violations: [],
  });
}

/**
 * A page of `context` signed in through the login form as `user`, with console errors and page errors collected
 * in `problems` (a flow's afterEach expects none).
 */
export async function signedInPage(
  context: BrowserContext,
  baseUrl: string,
  user: { email: string; password: string },
  problems: string[],
): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  await page.goto(`${baseUrl}/ingresar`);
  await page.fill('#email', user.email);
  await page.fill('#password', user.password);
  await page.click('form[action="/ingresar"] button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/ingresar'));
  return page;
}
