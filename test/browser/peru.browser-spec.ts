import { DEMO_ASSOCIATION_IDS } from '../../src/associations/associations.demo';
import { DEMO_PASSWORD } from '../../src/startup/demo.loader';
import { launchBrowser, screenshot, seriousAccessibilityViolations, signedInPage } from '../support/browser';
import { createTestApp, TestContext } from '../support/test-app';

jest.setTimeout(240_000); // the demo data loads before the first page (about a minute on the embedded database)

const NOW = '2026-12-07T15:00:00Z';
const PERU_OFFICER = 'seguridad@elporvenir.demo.quorum.pe';

/**
 * Issue 20 item 7 in Chromium: El Porvenir's citizen-security officer, on a 390 px phone and on a desktop, reads the
 * registry in Peruvian (Distrito, RUC, integrantes), opens the junta vecinal's page and downloads the registry with
 * its contacts; no sideways scroll, no serious accessibility violation.
 */
describe("El Porvenir's registry in Chromium (issue 20 item 7)", () => {
  let ctx: TestContext;
  const problems: string[] = [];

  beforeAll(async () => {
    ctx = await createTestApp({ listen: true, env: { DEMO: 'true', LOGIN_RATE_LIMIT: '1000' }, now: NOW });
  });
  afterAll(() => ctx?.close());
  afterEach(() => expect(problems.splice(0)).toEqual([]));

  for (const [device, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 900 }],
  ] as const) {
    it(`on a ${device}: the registry speaks Peruvian, the junta's page too, and the export downloads a CSV named after the district`, async () => {
      const browser = await launchBrowser(viewport);
      try {
        const page = await signedInPage(
          browser.context,
          ctx.baseUrl!,
          { email: PERU_OFFICER, password: DEMO_PASSWORD },
          problems,
        );
        await page.goto(`${ctx.baseUrl}/organizaciones`);
        await screenshot(page, `peru-registry-${device}`);
        const main = await page.locator('main').innerText();
        expect(main).toContain('Las organizaciones de su distrito');
        expect(main).not.toMatch(/mínimo|comuna/i);
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect({ overflow, violations: await seriousAccessibilityViolations(page) }).toEqual({
          overflow: 0,
          violations: [],
        });

        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#registry-export-csv')]);
        expect(download.suggestedFilename()).toBe('registro-organizaciones-2026-12-07-el-porvenir.csv');

        await page.click(`a[href="/organizaciones/${DEMO_ASSOCIATION_IDS.porvenirSecurity}"]`);
        await screenshot(page, `peru-junta-${device}`);
        expect(await page.locator('main').innerText()).toContain('Distrito El Porvenir');
        expect(await page.locator('#members-count').innerText()).toBe('4 integrantes activos');
        const junta = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect({ overflow: junta, violations: await seriousAccessibilityViolations(page) }).toEqual({
          overflow: 0,
          violations: [],
        });
      } finally {
        await browser.close();
      }
    });
  }
});
