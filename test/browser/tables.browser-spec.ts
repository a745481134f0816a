import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { checkPage as checkPageIn, launchBrowser, signedInPage, VIEWPORTS } from '../support/browser';
import { browserFlow } from '../support/browser-flow';

jest.setTimeout(180_000);

const TABLE = 'Mesa técnica de seguridad del barrio Cordovez';

/**
 * Issue 9 as a new coordinator does it (La Serena's municipal officer runs the commune's tables): she creates a
 * table with institutions and an axis, holds a session with one representative in person and one online, records
 * commitments owned by institutions, updates one with evidence, sees the overdue one highlighted and the
 * fulfilment chart, shares the read-only board and opens it signed out (on a phone), then revokes it.
 */
describe('tables in Chromium (a coordinator at her computer)', () => {
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-evidence-browser-'));
  const flow = browserFlow({ app: { env: { EVIDENCE_DIR: evidenceDir } }, browser: VIEWPORTS.desktop });
  const { problems } = flow;
  let page: Page;
  let tableUrl: string;
  let sharedUrl: string;

  const checkPage = (name: string) => checkPageIn(page, name);

  beforeAll(async () => {
    const officer = await flow.ctx.newUser({
      name: 'Carolina Rojas Tapia',
      email: 'dideco@laserena.cl',
      password: 'clave-de-prueba-123',
      roles: [['municipal_officer', '04101']],
    });
    page = await signedInPage(flow.browser.context, flow.ctx.baseUrl as string, officer, problems);
  });
  afterAll(() => fs.rmSync(evidenceDir, { recursive: true, force: true }));

  it('1. DOM-TBL-1: she creates the table, adds Carabineros, PDI and the municipality with their representatives, and an axis', async () => {
    await page.goto(`${flow.ctx.baseUrl}/mesas`);
    await page.selectOption('#kind', 'security');
    await page.fill('#name', TABLE);
    await page.selectOption('#scopeCode', '04101');
    await page.click('form[action="/mesas"] button[type=submit]');
    await page.waitForURL(/\/mesas\/[0-9a-f-]{36}$/);
    tableUrl = page.url();
    for (const [institution, kind, name, email] of [
      ['Carabineros de Chile, 1.ª Comisaría', 'police', 'Mayor Rodrigo Fuentes', 'r.fuentes@carabineros.cl'],
      [
        'Policía de Investigaciones La Serena',
        'investigations_police',
        'Subcomisaria Daniela Pizarro',
        'd.pizarro@pdi.cl',
      ],
      ['Municipalidad de La Serena', 'municipality', 'Director de Seguridad Pública', 'seguridad@laserena.cl'],
    ]) {
      await page.locator('#participants summary').click();
      await page.fill('#institutionName', institution);
      await page.selectOption('#institutionKind', kind);
      await page.fill('#name', name);
      await page.fill('#email', email);
      await page.click(`form[action$="/participantes"] button[type=submit]`);
      await page.waitForURL(/#participants$/);
    }
    expect(await page.locator('#participants tbody tr').count()).toBe(3);
    await page.locator('#axes summary').click();
    await page.fill('#axisName', 'Control y fiscalización');
    await page.locator('#axes input[type=checkbox]').first().check();
    await page.click(`form[action$="/ejes"] button[type=submit]`);
    await page.waitForURL(/#axes$/);
    expect(await page.locator('#axes .list-group-item').innerText()).toContain('Control y fiscalización');
    await checkPage('table-desktop');
  });

  it("2. she records last week's session: Carabineros in person, PDI online; the acta with commitments owned by institutions; she approves it", async () => {
    await page.goto(tableUrl);
    await page.locator('#sessions summary').click();
    await page.fill('#localStart', '2026-03-10T10:00');
    await page.fill('#place', 'Dirección de Seguridad Pública');
    await page.fill('#onlineUrl', 'https://meet.example.cl/mesa-cordovez');
    await page.click(`form[action$="/sesiones"] button[type=submit]`);
    await page.waitForURL(/\/sesiones\/[0-9a-f-]{36}$/);
    await page
      .locator('tr', { hasText: 'Mayor Rodrigo Fuentes' })
      .locator('select[name$="[status]"]')
      .selectOption('present');
    await page
      .locator('tr', { hasText: 'Subcomisaria Daniela Pizarro' })
      .locator('select[name$="[status]"]')
      .selectOption('present');
    await page
      .locator('tr', { hasText: 'Subcomisaria Daniela Pizarro' })
      .locator('select[name$="[mode]"]')
      .selectOption('online');
    await page.click('#attendance-save');
    await page.waitForURL(/#attendance$/);
    expect(
      await page
        .locator('tr', { hasText: 'Subcomisaria Daniela Pizarro' })
        .locator('select[name$="[mode]"]')
        .inputValue(),
    ).toBe('online');

    await page.fill('#item-0', 'Robos a la salida de los locales los fines de semana.');
    await page.fill('#agreement-0', 'Pedir rondas preventivas de jueves a sábado');
    await page.fill('#c-0-description', 'Rondas preventivas en calle Cordovez de jueves a sábado');
    await page.selectOption('#c-0-owner', { label: 'Carabineros de Chile, 1.ª Comisaría' });
    await page.selectOption('#c-0-axis', { label: 'Control y fiscalización' });
    await page.fill('#c-0-due', '2026-03-14');
    await page.fill('#c-1-description', 'Informe de denuncias del sector');
    await page.selectOption('#c-1-owner', { label: 'Policía de Investigaciones La Serena' });
    await page.fill('#c-1-due', '2026-04-30');
    await checkPage('table-session-desktop');
    await page.click('#acta-save');
    await page.waitForURL(/#acta$/);
    expect(await page.locator('.alert-success').innerText()).toContain('El borrador del acta quedó guardado.');
    await page.click('#acta-approve');
    await page.waitForURL(/#acta$/);
    expect(await page.locator('#acta-heading').innerText()).toBe('Acta N° 1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/acta.pdf"]')]);
    expect(download.suggestedFilename()).toBe('acta-2026-03-10-mesa-tecnica-de-seguridad-del-barrio-cordovez.pdf');
  });

  it('3. DOM-TBL-3: on the board the overdue commitment is highlighted and the chart shows each institution; she records progress with a PDF', async () => {
    await page.goto(`${tableUrl}/compromisos`);
    const overdue = page.locator('#board tr[data-overdue="true"]');
    expect(await overdue.count()).toBe(1);
    expect(await overdue.innerText()).toContain('Rondas preventivas en calle Cordovez');
    // highlighted: Bootstrap's danger row colour, and the badge says so
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector('#board tr[data-overdue="true"] td')).getPropertyValue('--bs-table-bg')`,
      ),
    ).toBe('#f8d7da');
    expect(await overdue.locator('.badge').innerText()).toContain('vencido');
    expect(await page.locator('#fulfilment-chart rect[data-institution]').count()).toBe(2);
    await checkPage('table-board-desktop');
    await overdue.locator('a').click();
    await page.waitForURL(/\/compromisos\/[0-9a-f-]{36}$/);
    const pdf = path.join(evidenceDir, 'acta-rondas.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    await page.selectOption('#status', 'done');
    await page.fill('#note', 'Rondas de jueves a sábado desde el 13 de marzo; se adjunta el acta de la comisaría.');
    await page.setInputFiles('#evidence', pdf);
    await page.click('form[enctype="multipart/form-data"] button[type=submit]');
    await page.waitForURL(/\/compromisos\/[0-9a-f-]{36}$/);
    expect(await page.locator('#history').innerText()).toContain('acta-rondas.pdf');
    expect(await page.locator('#commitment-status').innerText()).toContain('Cumplido');
    await checkPage('table-commitment-desktop');
    await page.goto(`${tableUrl}/compromisos`);
    expect(await page.locator('#board tr[data-overdue="true"]').count()).toBe(0);
    expect(await page.locator('#fulfilment-table').innerText()).toContain('100 %');
  });

  it('4. she shares the read-only board; signed out on a phone it opens; revoked, it no longer does', async () => {
    await page.goto(`${tableUrl}/compromisos`);
    await page.fill('#label', 'Representantes sin cuenta');
    await page.click('form[action$="/enlaces"] button[type=submit]');
    const shown = await page.locator('#new-share-url').inputValue();
    expect(shown).toMatch(/^http:\/\/localhost:3000\/mesas\/compartida\/[A-Za-z0-9_-]{43}$/); // PUBLIC_URL's host; the test server has its own port
    sharedUrl = `${flow.ctx.baseUrl}${new URL(shown).pathname}`;
    const phone = await launchBrowser(VIEWPORTS.phone);
    const desktop = page;
    try {
      page = await phone.context.newPage();
      await page.goto(sharedUrl);
      expect(await page.locator('h1').innerText()).toBe(`Compromisos de ${TABLE}`);
      expect(await page.locator('#board').innerText()).toContain('Informe de denuncias del sector');
      expect(await page.locator('a[href*="/evidencias/"]').count()).toBe(0);
      await checkPage('table-shared-phone');
      page = desktop;
      await page.goto(`${tableUrl}/compromisos`);
      await page.click('#shares form[action$="/revocar"] button');
      await page.waitForURL(/#shares$/);
      page = await phone.context.newPage();
      const gone = await page.goto(sharedUrl);
      expect(gone?.status()).toBe(404);
      expect(await page.locator('main').innerText()).toContain('Este enlace no existe o fue revocado');
    } finally {
      page = desktop;
      await phone.close();
    }
  });
});
