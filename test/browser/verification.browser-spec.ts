import { launchBrowser, screenshot, seriousAccessibilityViolations, VIEWPORTS } from '../support/browser';
import { createTestApp, TestContext } from '../support/test-app';

jest.setTimeout(120_000);

describe('verifying a document in Chromium', () => {
  let ctx: TestContext;
  let code: string;
  beforeAll(async () => {
    ctx = await createTestApp({ listen: true });
    code = (await ctx.newIssuedDocument()).verificationCode;
  });
  afterAll(() => ctx?.close());

  it('a neighbour types the code from the paper on a phone and sees that the certificate is valid', async () => {
    const browser = await launchBrowser(VIEWPORTS.phone);
    try {
      const page = await browser.context.newPage();
      await page.goto(`${ctx.baseUrl}/verificar`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      // a typo first: the form keeps what was typed and says what is wrong
      await page.fill('#codigo', code.slice(0, 10));
      await page.click('button[type=submit]');
      expect(await page.locator('#codigo-error').innerText()).toContain('no tiene el formato correcto');
      expect(await page.inputValue('#codigo')).toBe(code.slice(0, 10));
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.fill('#codigo', code.toLowerCase().replace(/-/g, ' '));
      await page.click('button[type=submit]');
      await page.waitForURL(/\/verificar\/[0-9A-Z]{26}$/);
      expect(await page.locator('[role=status]').innerText()).toContain('Válido');
      expect(await page.locator('dl').innerText()).toContain(
        'Certificado de constitución de Barrio Patrimonial La Serena',
      );
      await screenshot(page, 'verification-valid-phone');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
