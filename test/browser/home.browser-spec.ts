import * as fs from 'node:fs';
import { DEMO_PASSWORD } from '../../src/startup/demo.loader';
import { launchBrowser, screenshot, seriousAccessibilityViolations, signedInPage, VIEWPORTS } from '../support/browser';
import { createTestApp, TestContext } from '../support/test-app';

jest.setTimeout(180_000); // the demo data loads before the first page (about a minute on the embedded database)

describe('the portal in Chromium', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ listen: true, env: { DEMO: 'true', LOGIN_RATE_LIMIT: '1000' } });
  });
  afterAll(() => ctx?.close());

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`shows the Spanish home page on a ${name} with no serious accessibility violations`, async () => {
      const browser = await launchBrowser(viewport);
      try {
        const page = await browser.context.newPage();
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        const response = await page.goto(`${ctx.baseUrl}/`);
        expect(response?.status()).toBe(200);
        expect(await page.locator('h1').innerText()).toBe(
          'Quórum: reuniones, actas y registro de organizaciones comunitarias',
        );
        // Bootstrap loaded from /assets: the grid lays the three audiences out side by side on a desktop only
        const cards = page.locator('article.card');
        expect(await cards.count()).toBe(3);
        const [a, b] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
        if (name === 'desktop') expect(Math.round(a!.y)).toBe(Math.round(b!.y));
        else expect(b!.y).toBeGreaterThan(a!.y);
        // no horizontal scrolling on a phone
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(Number(overflow)).toBeLessThanOrEqual(0);
        const file = await screenshot(page, `home-${name}`);
        expect(fs.statSync(file).size).toBeGreaterThan(10_000);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        expect(errors).toEqual([]); // e.g. CSP refusals or missing assets
      } finally {
        await browser.close();
      }
    });
  }

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`the demo president signs in and lands on Inicio on a ${name}: her organisation's work, buttons 44 px, no serious violations`, async () => {
      const browser = await launchBrowser(viewport);
      try {
        const problems: string[] = [];
        const page = await signedInPage(
          browser.context,
          ctx.baseUrl as string,
          { email: 'presidencia@barriopatrimonial.demo.quorum.cl', password: DEMO_PASSWORD },
          problems,
        );
        await page.waitForURL(/\/inicio$/);
        expect(await page.locator('h1').innerText()).toBe('Inicio');
        const section = page.locator('[data-section="association"]');
        expect(await section.locator('h2').innerText()).toBe('Barrio Patrimonial La Serena');
        for (const button of await page.locator('main a.btn').all()) {
          if (await button.isVisible()) expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        }
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(Number(overflow)).toBeLessThanOrEqual(0);
        await screenshot(page, `start-president-${name}`);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        // "Inicio" in the menu from another page
        await page.goto(`${ctx.baseUrl}/cuenta`);
        if (name === 'phone') await page.locator('details.site-menu summary').click();
        await page.locator(`${name === 'phone' ? 'details.site-menu' : '.d-lg-block'} a[href="/inicio"]`).click();
        await page.waitForURL(/\/inicio$/);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }

  it('every other demo account lands on its own start page on a phone, readable and with no serious violations', async () => {
    const accounts: [string, string][] = [
      ['dideco@laserena.demo.quorum.cl', 'municipal'],
      ['ministro.fe@laserena.demo.quorum.cl', 'faith-minister'],
      ['seguridad.centro@laserena.demo.quorum.cl', 'tables'],
      ['comisaria1.laserena@carabineros.demo.quorum.cl', 'tables'],
      ['sercotec.coquimbo@demo.quorum.cl', 'programs'],
      ['emprendedora@melipilla.demo.quorum.cl', 'market'],
      ['admin@demo.quorum.cl', 'admin'],
    ];
    for (const [email, section] of accounts) {
      const browser = await launchBrowser(VIEWPORTS.phone);
      try {
        const problems: string[] = [];
        const page = await signedInPage(
          browser.context,
          ctx.baseUrl as string,
          { email, password: DEMO_PASSWORD },
          problems,
        );
        await page.waitForURL(/\/inicio$/);
        expect(await page.locator(`[data-section="${section}"]`).isVisible()).toBe(true);
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(Number(overflow)).toBeLessThanOrEqual(0);
        await screenshot(page, `start-${section}-${email.split('@')[0]}-phone`);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    }
  });

  it('opens the menu on a phone without JavaScript tricks and reaches the communes page', async () => {
    const browser = await launchBrowser(VIEWPORTS.phone);
    try {
      const page = await browser.context.newPage();
      await page.goto(`${ctx.baseUrl}/`);
      const menuLink = page.locator('details.site-menu a', { hasText: 'Comunas' });
      expect(await menuLink.isVisible()).toBe(false);
      await page.locator('details.site-menu summary').click();
      expect(await menuLink.isVisible()).toBe(true);
      await menuLink.click();
      await page.waitForURL(/\/comunas$/);
      expect(await page.locator('h1').innerText()).toBe('Comunas y municipios');
      await page.fill('#q', 'pascua');
      await page.click('button[type=submit]');
      await page.waitForURL(/q=pascua/);
      expect(await page.locator('tbody tr').count()).toBe(1);
      expect(await page.locator('tbody tr').innerText()).toContain('Pacific/Easter');
      await screenshot(page, 'communes-phone');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('shows the Spanish 404 page accessibly and switches the interface to English', async () => {
    const browser = await launchBrowser(VIEWPORTS.desktop);
    try {
      const page = await browser.context.newPage();
      const response = await page.goto(`${ctx.baseUrl}/no-existe`);
      expect(response?.status()).toBe(404);
      expect(await page.locator('h1').innerText()).toBe('Página no encontrada');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'not-found-desktop');
      await page.goto(`${ctx.baseUrl}/`);
      await page.locator('.d-lg-block a[hreflang=en]').click();
      expect(await page.locator('h1').innerText()).toBe(
        'Quórum: meetings, minutes and the registry of community organisations',
      );
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await browser.close();
    }
  });
});

describe('signing in in Chromium', () => {
  it('a municipal officer signs in on a phone, sees the users page, and signs out', async () => {
    const ctx = await createTestApp({ listen: true });
    const officer = await ctx.newUser({ name: 'Carolina Rojas', roles: [['municipal_officer', '04101']] });
    const browser = await launchBrowser(VIEWPORTS.phone);
    try {
      const page = await browser.context.newPage();
      await page.goto(`${ctx.baseUrl}/admin/usuarios`);
      await page.waitForURL(/\/ingresar\?volver=/);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.fill('#email', officer.email);
      await page.fill('#password', 'una clave equivocada');
      await page.click('form[action="/ingresar"] button[type=submit]');
      expect(await page.locator('[role=alert]').innerText()).toContain('El correo o la contraseña no son correctos.');
      expect(await page.inputValue('#email')).toBe(officer.email); // the form keeps what was typed
      await screenshot(page, 'login-error-phone');
      await page.fill('#password', officer.password);
      await page.click('form[action="/ingresar"] button[type=submit]');
      await page.waitForURL(/\/admin\/usuarios$/);
      expect(await page.locator('h1').innerText()).toBe('Usuarios');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'users-phone');
      await page.locator('details.site-menu summary').click();
      await page.locator('details.site-menu button', { hasText: 'Salir' }).click();
      await page.waitForURL(`${ctx.baseUrl}/`);
      expect(await page.locator('.alert').innerText()).toContain('Cerró su sesión.');
    } finally {
      await browser.close();
      await ctx.close();
    }
  });
});
