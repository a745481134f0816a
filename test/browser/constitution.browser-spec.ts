import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { checkPage, launchBrowser, VIEWPORTS } from '../support/browser';
import { watchedPage } from '../support/browser-flow';
import { pdfText } from '../support/pdf-text';
import { createTestApp, TestContext } from '../support/test-app';

jest.setTimeout(180_000); // three people, several pages each with axe-core

const ASSOCIATION = 'Agrupación de Comerciantes de Calle Cordovez';
/** The statutes' PDF as the officer has it (issue 20 item 8). */
const STATUTES = Buffer.from('%PDF-1.4\n% Estatutos de la agrupacion\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const STATUTES_SHA = createHash('sha256').update(STATUTES).digest('hex');

/**
 * The constitution as it happens (DOM-ORG-1 to -7): the municipal officer asks for and assigns the faith
 * minister and records the assembly (refused first with 14 founders present), the faith minister certifies on
 * a phone from the list of assigned assemblies, and the officer downloads both PDFs, verifies their codes on the
 * public page, records the deposit and sees the organisation in force on the public registry.
 */
describe('the constitution in Chromium (municipal officer, then faith minister, then municipal officer)', () => {
  let ctx: TestContext;
  let officerBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let ministerBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let officer: Page;
  let minister: Page;
  let associationId: string;
  let codes: { acta: string; certificate: string };
  const problems: string[] = [];

  async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
    await page.goto(`${ctx.baseUrl}/ingresar`);
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await page.click('form[action="/ingresar"] button[type=submit]');
    await page.waitForURL(/\/inicio$/); // the start page (issue 20 item 1)
  }

  let officerUser: { email: string; password: string };
  let ministerUser: { email: string; password: string };
  beforeAll(async () => {
    ctx = await createTestApp({ listen: true });
    officerUser = await ctx.newUser({ name: 'Carolina Rojas Tapia', roles: [['municipal_officer', '04101']] });
    ministerUser = await ctx.newUser({ name: 'Jorge Araya Cortés', roles: [['faith_minister', '04101']] });
    const a = await ctx.newAssociation({ name: ASSOCIATION, address: 'Cordovez 339, La Serena' });
    associationId = a.id;
    const names = [
      'Rosa Cortés Pizarro',
      'Manuel Rojas Díaz',
      'Teresa Araya Soto',
      'Pedro Muñoz Silva',
      'Elena Tapia Rojas',
      'Jorge Pérez Flores',
      'Carmen Soto Vega',
      'Luis Díaz Castillo',
      'Marta Fuentes Lagos',
      'Hugo Morales Tapia',
      'Gloria Torres Núñez',
      'Pablo Espinoza Rivera',
      'Silvia Contreras Olivares',
      'Ricardo Valenzuela Gómez',
      'Isabel Hernández Campos',
    ];
    for (const fullName of names) await ctx.newMember(a.id, { fullName });
    officerBrowser = await launchBrowser(VIEWPORTS.desktop);
    ministerBrowser = await launchBrowser(VIEWPORTS.phone);
    officer = await watchedPage(officerBrowser.context, problems);
    minister = await watchedPage(ministerBrowser.context, problems);
  });
  afterAll(async () => {
    await officerBrowser?.close();
    await ministerBrowser?.close();
    await ctx?.close();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('1. the officer asks for a faith minister and assigns one of the commune', async () => {
    await signIn(officer, officerUser);
    await officer.locator('main a', { hasText: 'Ir al registro' }).click(); // from her start page
    await officer.waitForURL(/\/organizaciones$/);
    await officer.locator('a', { hasText: ASSOCIATION }).click();
    await officer.waitForURL(new RegExp(`/organizaciones/${associationId}$`));
    expect(await officer.locator('#association-status').innerText()).toBe('En formación');
    await officer.fill('#proposedAt', '2026-03-16T19:30');
    await officer.fill('#place', 'Salón de la Cámara de Comercio, Cordovez 339');
    await officer.locator('form[action$="/constitucion/solicitud"] button[type=submit]').click();
    await officer.waitForURL(new RegExp(`/organizaciones/${associationId}$`));
    expect(await officer.locator('.alert-success').innerText()).toContain(
      'La solicitud de ministro de fe quedó registrada.',
    );
    expect(await officer.locator('#constitution').innerText()).toContain(
      '16-03-2026 19:30 · Salón de la Cámara de Comercio, Cordovez 339',
    );
    await officer.selectOption('#faithMinisterUserId', { label: 'Jorge Araya Cortés' });
    await officer.locator('form[action$="/constitucion/ministro"] button[type=submit]').click();
    await officer.waitForURL(new RegExp(`/organizaciones/${associationId}$`));
    expect(await officer.locator('#faith-minister').innerText()).toBe('Jorge Araya Cortés');
    await checkPage(officer, 'constitution-requested-desktop');
  });

  it('2. DOM-ORG-3: the assembly with 14 founders present is refused with the numbers, the form kept; with 15 it waits for certification', async () => {
    await officer.locator('a', { hasText: 'Registrar la asamblea constitutiva' }).click();
    await officer.waitForURL(/\/constitucion\/asamblea$/);
    expect(await officer.locator('input[name=founders]:checked').count()).toBe(0);
    await officer.fill('#assemblyAt', '2026-03-16T19:45');
    await officer.fill('#place', 'Salón de la Cámara de Comercio, Cordovez 339');
    // everyone signed the attendance list but Isabel Hernández Campos
    for (const box of await officer.locator('input[name=founders]').all()) {
      const label = await officer.locator(`label[for="${await box.getAttribute('id')}"]`).innerText();
      if (label !== 'Isabel Hernández Campos') await box.check();
    }
    await officer.check('#statutesApproved');
    await officer.selectOption('#president', { label: 'Rosa Cortés Pizarro' });
    await officer.selectOption('#secretary', { label: 'Manuel Rojas Díaz' });
    await officer.selectOption('#treasurer', { label: 'Teresa Araya Soto' });
    await officer.selectOption('#substitute1', { label: 'Pedro Muñoz Silva' });
    await officer.check('#declaredEligible');
    await officer.locator('form[action$="/constitucion/asamblea"] button[type=submit]').click();
    await officer.waitForLoadState();
    expect(await officer.locator('#founders-error').innerText()).toContain(
      'Hay 14 socios fundadores presentes; una organización funcional urbana necesita al menos 15.',
    );
    expect(await officer.locator('input[name=founders]:checked').count()).toBe(14);
    expect(await officer.inputValue('#assemblyAt')).toBe('2026-03-16T19:45');
    expect(await officer.locator('#treasurer option:checked').innerText()).toBe('Teresa Araya Soto');
    expect(await officer.isChecked('#declaredEligible')).toBe(true);
    expect((await ctx.query(`SELECT status FROM association WHERE id = $1`, [associationId]))[0]).toEqual({
      status: 'in_formation',
    });
    await checkPage(officer, 'constitution-assembly-refused-desktop');

    await officer.locator('label', { hasText: 'Isabel Hernández Campos' }).click(); // she came after all
    await officer.locator('form[action$="/constitucion/asamblea"] button[type=submit]').click();
    await officer.waitForURL(new RegExp(`/organizaciones/${associationId}$`));
    expect(await officer.locator('#association-status').innerText()).toBe('Por certificar');
    expect(await officer.locator('#constitution').innerText()).toContain('15 socios fundadores');

    // issue 20 item 8: the statutes approved at the assembly, attached as a PDF (a text file is refused first)
    await officer.setInputFiles('#statutes-input', {
      name: 'estatutos.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Estatutos en texto'),
    });
    await officer.locator('form[action$="/constitucion/estatutos"] button[type=submit]').click();
    await officer.waitForLoadState();
    expect(await officer.locator('#statutes-error').innerText()).toBe('Estatutos: el archivo no es un PDF.');
    await officer.setInputFiles('#statutes-input', {
      name: 'estatutos-cordovez.pdf',
      mimeType: 'application/pdf',
      buffer: STATUTES,
    });
    await officer.locator('form[action$="/constitucion/estatutos"] button[type=submit]').click();
    await officer.waitForURL(new RegExp(`/organizaciones/${associationId}$`));
    expect(await officer.locator('#statutes-file').innerText()).toContain('estatutos-cordovez.pdf');
    await checkPage(officer, 'constitution-statutes-desktop');
  });

  it('3. the faith minister finds the assembly on a phone, sees every check pass and certifies', async () => {
    await signIn(minister, ministerUser);
    await minister.locator('details.site-menu summary').click();
    await minister.locator('details.site-menu a', { hasText: 'Ministro de fe' }).click();
    await minister.waitForURL(/\/ministro-de-fe$/);
    expect(await minister.locator('#assignments').innerText()).toContain(ASSOCIATION);
    expect(await minister.locator('#assignments').innerText()).toContain('16-03-2026 19:45');
    await checkPage(minister, 'faith-minister-dashboard-phone');
    await minister.locator('#assignments a', { hasText: ASSOCIATION }).click();
    await minister.waitForURL(/\/constitucion\/certificar$/);
    expect(await minister.locator('#checks [data-ok=true]').count()).toBe(5);
    expect(await minister.locator('#checks').innerText()).toContain(
      'Socios fundadores presentes: 15 (mínimo 15, DOM-ORG-3)',
    );
    await checkPage(minister, 'constitution-certify-phone');
    await minister.fill('#notes', 'La asamblea se realizó con normalidad.');
    await minister.check('#confirm'); // a certification cannot be undone: the page asks for the tick
    await minister.locator('form[action$="/constitucion/certificar"] button[type=submit]').click();
    await minister.waitForURL(new RegExp(`/organizaciones/${associationId}$`));
    const flash = await minister.locator('.alert-success').innerText();
    const m = /acta ([0-9A-Z-]+), certificado ([0-9A-Z-]+)\./.exec(flash);
    expect(m).not.toBeNull();
    codes = { acta: m![1], certificate: m![2] };
    expect(await minister.locator('#association-status').innerText()).toBe('Constituida');
    // the certified statutes on a phone: named, no longer replaceable
    expect(await minister.locator('#statutes-file').innerText()).toContain('estatutos-cordovez.pdf');
    expect(await minister.locator('#statutes-input').count()).toBe(0);
    await checkPage(minister, 'constitution-certified-phone');
  });

  it('4. DOM-ORG-7: the officer downloads both PDFs, verifies their codes on the public page and records the deposit; the organisation is in force on the public registry', async () => {
    await officer.reload();
    const pdfs: Record<string, string> = {};
    for (const [label, key] of [
      ['Acta constitutiva (PDF)', 'acta'],
      ['Certificado (PDF)', 'certificate'],
    ] as const) {
      const [download] = await Promise.all([
        officer.waitForEvent('download'),
        officer.locator('#constitution-documents a', { hasText: label }).click(),
      ]);
      pdfs[key] = (await pdfText(fs.readFileSync((await download.path())!))).text;
    }
    for (const text of [pdfs.acta, pdfs.certificate]) {
      expect(text).toContain(ASSOCIATION);
      expect(text).toContain('Jorge Araya Cortés');
    }
    expect(pdfs.acta).toContain('Acta constitutiva');
    expect(pdfs.acta).toContain('Isabel Hernández Campos');
    expect(pdfs.acta).toContain('16-03-2026');
    expect(pdfs.acta).toContain('19:45');
    expect(pdfs.acta).toContain('Aprobación de los estatutos');
    expect(pdfs.acta).toContain(`verificar/${codes.acta}`); // the code printed on every page, with its address
    expect(pdfs.certificate).toContain('Certificado de constitución');
    expect(pdfs.certificate).toContain(`verificar/${codes.certificate}`);
    expect(pdfs.certificate.replace(/\s+/g, '')).toContain(`Estatutos:estatutos-cordovez.pdf,SHA-256${STATUTES_SHA}`);

    for (const [code, subject] of [
      [codes.acta, `Acta constitutiva de ${ASSOCIATION}`],
      [codes.certificate, `Certificado de constitución de ${ASSOCIATION}`],
    ]) {
      await officer.goto(`${ctx.baseUrl}/verificar`);
      await officer.fill('#codigo', code);
      await officer.click('main form[action="/verificar"] button[type=submit]');
      await officer.waitForURL(/\/verificar\/[0-9A-Z]{26}$/);
      expect(await officer.locator('[role=status]').innerText()).toContain('Válido');
      expect(await officer.locator('dl').innerText()).toContain(subject);
    }
    // the certificate's page (the last one verified) offers the statutes issued with it, byte for byte
    const [statutes] = await Promise.all([
      officer.waitForEvent('download'),
      officer.locator('#attachments a', { hasText: /^estatutos-.*\.pdf$/ }).click(),
    ]);
    expect(statutes.suggestedFilename()).toMatch(/^estatutos-\d{4}-\d{2}-\d{2}-agrupacion-de-comerciantes/);
    expect(fs.readFileSync((await statutes.path())!).equals(STATUTES)).toBe(true);
    await checkPage(officer, 'certificate-verified-desktop');

    await officer.goto(`${ctx.baseUrl}/organizaciones/${associationId}`);
    await officer.fill('#depositedOn', '2026-03-17');
    await officer.locator('form[action$="/constitucion/deposito"] button[type=submit]').click();
    await officer.waitForURL(new RegExp(`/organizaciones/${associationId}$`));
    expect(await officer.locator('#association-status').innerText()).toBe('Vigente');
    expect(await officer.locator('#deposited-on').innerText()).toContain(
      'la municipalidad puede objetar hasta el 16-04-2026',
    );
    expect(await officer.locator('#timeline').innerText()).toContain('Jorge Araya Cortés');
    await checkPage(officer, 'constitution-in-force-desktop');

    await officerBrowser.context.clearCookies();
    await officer.goto(`${ctx.baseUrl}/comunas/04101/organizaciones`);
    expect(await officer.locator('main').innerText()).toContain(ASSOCIATION);
    await checkPage(officer, 'public-registry-desktop');
  });
});
