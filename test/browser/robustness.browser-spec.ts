import type { Page } from 'playwright-core';
import { Factories } from '../factories/factories';
import { checkPage, launchBrowser, signedInPage, VIEWPORTS } from '../support/browser';
import { createTestApp, TestContext } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * Issue 22 as an association's president meets it, on a phone and on a desktop: a name no document could print is
 * refused with a Spanish message and the form keeps what was typed; a double click on "Guardar socio" saves one
 * member and shows it; the member's page says who corrects a name and asks them in one click.
 */
describe.each(Object.entries(VIEWPORTS))('robustness in Chromium (%s)', (viewportName, viewport) => {
  let ctx: TestContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let associationId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    ctx = await createTestApp({ listen: true, env: { LOGIN_RATE_LIMIT: '1000' } });
    const association = await ctx.newAssociation({ name: 'Agrupación de Comerciantes del Barrio Colonial' });
    associationId = association.id;
    await ctx.newUser({ name: 'Carolina Rojas Pizarro', roles: [['municipal_officer', '04101']] });
    const president = await ctx.newUser({
      name: 'Marta Aguirre',
      roles: [['association_officer', association.id]],
    });
    browser = await launchBrowser(viewport);
    page = await signedInPage(browser.context, ctx.baseUrl!, president, problems);
    // a refused form answers 400 with the page again: Chromium logs the document's status, which is the point
    page.removeAllListeners('console');
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 400 /.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });
  afterEach(() => expect(problems.splice(0)).toEqual([]));

  const members = async () =>
    Number(
      (
        await ctx.query<{ n: string }>('SELECT count(*) AS n FROM membership WHERE association_id = $1', [
          associationId,
        ])
      )[0].n,
    );

  it('a formula-looking name is refused in Spanish with the input kept; corrected and double-clicked, one member is saved and shown', async () => {
    await page.goto(`${ctx.baseUrl}/organizaciones/${associationId}/socios`);
    await page.getByRole('link', { name: 'Agregar socio' }).first().click();
    await page.waitForURL(/\/socios\/nuevo$/);
    const rut = Factories.uniqueRut();
    await page.fill('#rut', rut);
    await page.fill('#fullName', '=HYPERLINK("http://x.example")');
    await page.fill('#birthDate', '1979-04-12');
    await page.fill('#joinedOn', '2026-03-01');
    await page.getByRole('button', { name: 'Guardar socio' }).click();
    await page.waitForLoadState();
    const error = page.locator('#fullName ~ .invalid-feedback, [id="fullName-error"]').first();
    await expect(error.textContent()).resolves.toMatch(/nombre/i);
    expect(await page.inputValue('#rut')).toBe(rut); // what was typed is kept
    expect(await members()).toBe(0);
    await checkPage(page, `robustness-${viewportName}-refused-name`);

    await page.fill('#fullName', 'María José Ñancupil O’Ryan');
    const before = await members();
    await page.getByRole('button', { name: 'Guardar socio' }).dblclick();
    await page.waitForURL(/\/socios(\?.*)?$/); // back on the roster, with the member in it
    await expect(page.locator('.alert-success').first().textContent()).resolves.toBeTruthy();
    expect(await page.getByRole('link', { name: 'María José Ñancupil O’Ryan' }).count()).toBe(1);
    expect(await members()).toBe(before + 1);
    await page.getByRole('link', { name: 'María José Ñancupil O’Ryan' }).click();
    await page.waitForURL(/\/socios\/[0-9a-f-]{36}$/);
  });

  it("the member's page names who corrects a name and asks them in one click", async () => {
    const section = page.locator('#identity-correction');
    await expect(section.textContent()).resolves.toContain('Carolina Rojas Pizarro');
    await checkPage(page, `robustness-${viewportName}-member`);
    await section.getByRole('button', { name: 'Pedir la corrección a la municipalidad' }).click();
    await page.waitForLoadState();
    await expect(page.locator('.alert-success').textContent()).resolves.toContain('Se pidió la corrección');
    const [mail] = await ctx.query<{ subject: string }>(
      `SELECT subject FROM outbox_message WHERE kind LIKE '%correction%' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(mail).toBeDefined();
  });
});
