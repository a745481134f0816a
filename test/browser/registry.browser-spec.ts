import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { checkPage as checkPageIn, screenshot, seriousAccessibilityViolations, VIEWPORTS } from '../support/browser';
import { browserFlow, watchedPage } from '../support/browser-flow';

/** DOM-RUT-2: the check digit of a RUT body. */
function rut(body: number): string {
  let sum = 0;
  let factor = 2;
  for (const d of String(body).split('').reverse()) {
    sum += Number(d) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const v = 11 - (sum % 11);
  return `${body}-${v === 11 ? '0' : v === 10 ? 'K' : String(v)}`;
}

jest.setTimeout(120_000); // several pages each with axe-core

const HEADER = 'rut,fullName,birthDate,email,phone,address,businessName,businessCategory,joinedOn';
/** issue 20 item 4: the roster as people have it, with Spanish column names (the page shows them first). */
const SPANISH_HEADER = 'rut,nombre,fecha de nacimiento,correo,teléfono,dirección,negocio,rubro,fecha de ingreso';
const ASSOCIATION = 'Agrupación de Locatarios del Barrio Colonial';

/**
 * The acceptance flow of the registry and the roster, as a new municipal officer of La Serena does it on a
 * phone: register an association in formation, add a member (after a wrong RUT), import a spreadsheet (after
 * a bad row), export the roster, end a membership, and see the below-minimum warning (DOM-ORG-11).
 */
describe('the registry and the roster in Chromium (a municipal officer on a phone)', () => {
  // after each test no console error (browserFlow), e.g. CSP refusals or missing assets
  const flow = browserFlow({ app: { env: { DEMO: 'true' } }, browser: VIEWPORTS.phone });
  let page: Page;
  let associationId: string;
  let tmp: string;
  const requested: string[] = [];

  /** What every key page must keep: no serious axe violations, no horizontal scrolling on a phone. */
  const checkPage = (name: string) => checkPageIn(page, name);

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-roster-'));
    page = await watchedPage(flow.browser.context, flow.problems);
    page.on('request', (r) => requested.push(r.url()));
  });
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('1. signs in, opens Organizaciones and registers a functional organisation in formation (15 members minimum, urban)', async () => {
    const officer = await flow.ctx.newUser({ name: 'Carolina Rojas', roles: [['municipal_officer', '04101']] });
    // From the menu's "Ingresar" on the home page: an officer lands on their start page, the registry one tap away.
    await page.goto(`${flow.ctx.baseUrl}/`);
    await page.locator('details.site-menu summary').click();
    await page.locator('details.site-menu a', { hasText: 'Ingresar' }).click();
    await page.waitForURL(/\/ingresar$/);
    await page.fill('#email', officer.email);
    await page.fill('#password', officer.password);
    await page.click('form[action="/ingresar"] button[type=submit]');
    await page.waitForURL(/\/inicio$/);
    expect(await page.locator('h1').innerText()).toBe('Inicio');
    await page.locator('main a', { hasText: 'Ir al registro' }).click();
    await page.waitForURL(/\/organizaciones$/);
    expect(await page.locator('h1').innerText()).toBe('Registro de organizaciones');
    // the menu leads there too
    await page.goto(`${flow.ctx.baseUrl}/`);
    await page.locator('details.site-menu summary').click();
    await page.locator('details.site-menu a', { hasText: 'Organizaciones' }).click();
    await page.waitForURL(/\/organizaciones$/);
    expect(await page.locator('h1').innerText()).toBe('Registro de organizaciones');
    await checkPage('registry-phone');

    await page.locator('a', { hasText: 'Registrar organización' }).click();
    await page.waitForURL(/\/organizaciones\/nueva$/);
    expect(await page.locator('h1').innerText()).toBe('Registrar una organización');
    expect(await page.inputValue('#communeCode')).toBe('04101');
    expect(await page.inputValue('#kind')).toBe('functional_organization');
    expect(await page.inputValue('#area')).toBe('urban');
    await page.fill('#name', ASSOCIATION);
    await page.selectOption('#kind', 'functional_organization');
    await page.selectOption('#area', 'urban');
    await page.fill('#address', 'Calle Cordovez 339, La Serena');
    await page.fill('#contactName', 'Marcela Araya');
    await page.fill('#contactPhone', '+56 9 8765 4321');
    await checkPage('association-new-phone');
    await page.locator('form[action="/organizaciones/nueva"] button[type=submit]').click();
    await page.waitForURL(/\/organizaciones\/[0-9a-f-]{36}$/);
    associationId = page.url().split('/').pop()!;

    expect(await page.locator('h1').innerText()).toBe(ASSOCIATION);
    expect(await page.locator('.alert-success').innerText()).toContain(
      `La organización ${ASSOCIATION} quedó registrada.`,
    );
    expect(await page.locator('#association-status').innerText()).toBe('En formación');
    expect(await page.locator('#members-count').innerText()).toBe('0 activos de un mínimo de 15');
    expect(await page.locator('#timeline li').count()).toBe(1);
    expect(await page.locator('#timeline li').innerText()).toContain('En formación');
    expect(await page.locator('#timeline li').innerText()).toContain('Carolina Rojas');
    expect(await page.locator('#warnings-heading + p').innerText()).toBe('Sin advertencias.');
    await checkPage('association-phone');
    const [row] = await flow.ctx.query<{ status: string; kind: string; area: string }>(
      'SELECT status, kind, area FROM association WHERE id = $1',
      [associationId],
    );
    expect(row).toEqual({ status: 'in_formation', kind: 'functional_organization', area: 'urban' });
  });

  it('2. DOM-RUT-2: a wrong RUT check digit is refused on the field with the input kept and nothing saved; fixed, the member is on the roster', async () => {
    await page.locator('a', { hasText: 'Registro de socios' }).first().click();
    await page.waitForURL(new RegExp(`/organizaciones/${associationId}/socios$`));
    expect(await page.locator('h1').innerText()).toBe(`Registro de socios de ${ASSOCIATION}`);
    expect(await page.locator('#roster-total').innerText()).toBe('0 socios');
    await checkPage('roster-empty-phone');

    await page.locator('a', { hasText: 'Agregar socio' }).click();
    await page.waitForURL(/\/socios\/nuevo$/);
    expect(await page.locator('h1').innerText()).toBe(`Agregar un socio a ${ASSOCIATION}`);
    const members = await flow.ctx.count('membership');
    const people = await flow.ctx.count('person');
    await page.fill('#rut', '12.345.678-9');
    await page.fill('#fullName', 'Rosa Elena Cortés Pizarro');
    await page.fill('#birthDate', '1971-08-23');
    await page.fill('#joinedOn', '2026-03-02');
    await page.fill('#businessName', 'Picadas La Recova');
    await page.fill('#businessCategory', 'Restaurante');
    await page.fill('#phone', '+56 9 1234 5678');
    await page.locator('form[action$="/socios/nuevo"] button[type=submit]').click();
    await page.waitForLoadState();

    expect(page.url()).toMatch(/\/socios\/nuevo$/);
    expect(await page.locator('h1').innerText()).toBe(`Agregar un socio a ${ASSOCIATION}`); // the same form, the same title
    const rutField = page.locator('#rut');
    expect(await rutField.getAttribute('aria-invalid')).toBe('true');
    expect(await rutField.getAttribute('class')).toContain('is-invalid');
    const describedBy = (await rutField.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain('rut-error');
    expect(await page.locator('#rut-error').innerText()).toMatch(/dígito verificador del RUT.*no corresponde/);
    // the other fields keep what was typed
    expect(await page.inputValue('#rut')).toBe('12.345.678-9');
    expect(await page.inputValue('#fullName')).toBe('Rosa Elena Cortés Pizarro');
    expect(await page.inputValue('#birthDate')).toBe('1971-08-23');
    expect(await page.inputValue('#joinedOn')).toBe('2026-03-02');
    expect(await page.inputValue('#businessName')).toBe('Picadas La Recova');
    expect(await page.inputValue('#businessCategory')).toBe('Restaurante');
    expect(await page.inputValue('#phone')).toBe('+56 9 1234 5678');
    expect(await page.locator('form[action$="/socios/nuevo"] [aria-invalid=true]').count()).toBe(1);
    // nothing was saved
    expect(await flow.ctx.count('membership')).toBe(members);
    expect(await flow.ctx.count('person')).toBe(people);
    expect(await flow.ctx.query('SELECT 1 FROM person WHERE document_number LIKE $1', ['12345678-%'])).toEqual([]);
    await checkPage('member-new-errors-phone');

    await page.fill('#rut', '12.345.678-5');
    await page.locator('form[action$="/socios/nuevo"] button[type=submit]').click();
    await page.waitForURL(new RegExp(`/organizaciones/${associationId}/socios$`));
    expect(await page.locator('.alert-success').innerText()).toContain(
      'Rosa Elena Cortés Pizarro quedó en el registro de socios.',
    );
    expect(await page.locator('#roster-total').innerText()).toBe('1 socio');
    const row = page.locator('#roster tbody tr', { hasText: 'Rosa Elena Cortés Pizarro' });
    expect(await row.locator('td').nth(1).innerText()).toBe('12.345.678-5');
    expect(await row.innerText()).toContain('Picadas La Recova');
    expect(await row.innerText()).toContain('02-03-2026');
    expect(await row.innerText()).toContain('Activo');
    expect(await flow.ctx.count('membership')).toBe(members + 1);
    const [saved] = await flow.ctx.query<{ document_number: string; full_name: string }>(
      'SELECT document_number, full_name FROM person WHERE document_number = $1',
      ['12345678-5'],
    );
    expect(saved).toEqual({ document_number: '12345678-5', full_name: 'Rosa Elena Cortés Pizarro' });
    await checkPage('roster-phone');
  });

  it('3. imports a CSV: a bad row is marked on its line with nothing imported; the fixed file is confirmed and the roster shows the new total', async () => {
    const rows = [
      [
        rut(21456789),
        'Juan Pablo Alvarado Rivera',
        '1980-01-15',
        'jp.alvarado@example.cl',
        '+56 9 2222 1111',
        'Balmaceda 820',
        'Café del Centro',
        'Cafetería',
        '2026-03-05',
      ],
      [
        '16.345.211-0',
        'María José Tapia Olivares',
        '1992-06-30',
        '',
        '',
        'Prat 455',
        'Artesanías Elqui',
        'Artesanía',
        '2026-03-05',
      ],
      [
        rut(19876123),
        'Luis Hernán Castillo Muñoz',
        '1965-11-02',
        '',
        '+56 9 3333 4444',
        '',
        'Peluquería Luis',
        'Peluquería',
        '2026-03-06',
      ],
    ];
    const goodRut = rut(16345211);
    expect(goodRut).not.toBe('16345211-0'); // the test's bad row really has a wrong check digit
    const bad = path.join(tmp, 'socios.csv');
    fs.writeFileSync(bad, `${SPANISH_HEADER}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    // people new to the portal (the demo data has its own)
    expect(
      await flow.ctx.query('SELECT 1 FROM person WHERE document_number = ANY($1)', [[rows[0][0], goodRut, rows[2][0]]]),
    ).toEqual([]);
    const members = await flow.ctx.count('membership');

    await page.locator('a', { hasText: 'Importar planilla' }).click();
    await page.waitForURL(/\/socios\/importar$/);
    expect(await page.locator('main code, code').first().innerText()).toBe(SPANISH_HEADER);
    await checkPage('import-phone');
    await page.setInputFiles('#file', bad);
    await page.locator('form[action$="/socios/importar"] button[type=submit]').click();
    await page.waitForURL(/\/socios\/importar\/[^/]+$/);

    expect(await page.locator('#import-summary').innerText()).toBe('2 de 3 filas sin errores.');
    expect(await page.locator('[role=alert]').innerText()).toContain(
      'no se importará ninguna fila mientras haya errores',
    );
    const badLine = page.locator('#import-rows tr[data-line="3"]');
    expect(await badLine.getAttribute('class')).toContain('table-danger');
    expect(await badLine.innerText()).toMatch(/dígito verificador del RUT.*no corresponde/);
    for (const line of ['2', '4']) {
      const ok = page.locator(`#import-rows tr[data-line="${line}"]`);
      expect(await ok.getAttribute('class')).toBeNull();
      expect(await ok.locator('td').nth(1).innerText()).toBe('Correcta');
    }
    expect(await page.locator('button', { hasText: 'Confirmar e importar' }).count()).toBe(0);
    expect(await page.locator('form[action$="/confirmar"]').count()).toBe(0);
    expect(await flow.ctx.count('membership')).toBe(members);
    await checkPage('import-preview-errors-phone');

    rows[1][0] = goodRut;
    const fixed = path.join(tmp, 'socios-corregido.csv');
    fs.writeFileSync(fixed, `${SPANISH_HEADER}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    await page.locator('a', { hasText: 'Subir otro archivo' }).click();
    await page.waitForURL(/\/socios\/importar$/);
    await page.setInputFiles('#file', fixed);
    await page.locator('form[action$="/socios/importar"] button[type=submit]').click();
    await page.waitForURL(/\/socios\/importar\/[^/]+$/);
    expect(await page.locator('h1').innerText()).toContain('socios-corregido.csv');
    expect(await page.locator('#import-summary').innerText()).toBe('3 de 3 filas sin errores.');
    expect(await page.locator('#import-rows tr.table-danger').count()).toBe(0);
    expect(await page.locator('#import-rows tbody tr').count()).toBe(3);
    expect(await page.locator('#import-rows tr[data-line="3"] td').nth(3).innerText()).toBe(
      '16.345.211-' + goodRut.slice(-1),
    );
    expect(await flow.ctx.count('membership')).toBe(members); // still nothing until confirmed
    await checkPage('import-preview-ok-phone');

    await page.locator('button', { hasText: 'Confirmar e importar' }).click();
    await page.waitForURL(new RegExp(`/organizaciones/${associationId}/socios$`));
    expect(await page.locator('.alert-success').innerText()).toContain('Se importaron 3 socios.');
    expect(await page.locator('#roster-total').innerText()).toBe('4 socios');
    expect(await page.locator('#roster tbody tr').count()).toBe(4);
    expect(
      await page.locator('#roster tbody tr', { hasText: 'María José Tapia Olivares' }).locator('td').nth(1).innerText(),
    ).toBe('16.345.211-' + goodRut.slice(-1));
    expect(await flow.ctx.count('membership')).toBe(members + 3);
  });

  it('4. exports the roster as CSV with the header of API.md and every member', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a', { hasText: 'Descargar CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).filter(Boolean);
    expect(lines[0].startsWith(HEADER)).toBe(true);
    expect(lines[0]).toBe(`${HEADER},status,leftOn`);
    expect(lines).toHaveLength(5);
    for (const [name, doc] of [
      ['Rosa Elena Cortés Pizarro', '12345678-5'],
      ['Juan Pablo Alvarado Rivera', rut(21456789)],
      ['María José Tapia Olivares', rut(16345211)],
      ['Luis Hernán Castillo Muñoz', rut(19876123)],
    ]) {
      const line = lines.find((l) => l.includes(name));
      expect(line).toBeDefined();
      expect(line!.startsWith(`${doc},`)).toBe(true);
      expect(line).toContain(',active,');
    }
    // the page is still the roster (the download did not navigate away)
    expect(await page.locator('h1').innerText()).toBe(`Registro de socios de ${ASSOCIATION}`);
  });

  it('5. ends a membership from the member page (date and reason): "Retirado", and the history shows "Retiro"', async () => {
    await page.locator('#roster a', { hasText: 'Luis Hernán Castillo Muñoz' }).click();
    await page.waitForURL(/\/socios\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').innerText()).toBe('Luis Hernán Castillo Muñoz');
    expect(await page.locator('#member-status').innerText()).toBe('Activo');
    expect(await page.locator('#history').innerText()).toContain('Ingreso por importación');
    await checkPage('member-phone');

    // the reason typed, the date forgotten: refused on the date, the reason kept, nothing changes
    await page.fill('#reason', 'Cerró su local y se trasladó a Coquimbo');
    await page.locator('#end-form button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('#leftOn').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#leftOn-error').innerText()).toContain('fecha');
    expect(await page.inputValue('#reason')).toBe('Cerró su local y se trasladó a Coquimbo');
    expect(await page.locator('#member-status').innerText()).toBe('Activo');
    expect(
      await flow.ctx.query(`SELECT 1 FROM membership WHERE association_id = $1 AND status = 'ended'`, [associationId]),
    ).toEqual([]);
    await page.fill('#leftOn', '2026-03-16');
    await page.fill('#reason', 'Cerró su local y se trasladó a Coquimbo');
    await page.locator('#end-form button[type=submit]').click();
    await page.waitForLoadState();
    expect(await page.locator('.alert-success').innerText()).toContain('La membresía quedó terminada');
    expect(await page.locator('#member-status').innerText()).toBe('Retirado');
    const history = await page.locator('#history').innerText();
    expect(history).toContain('Retiro');
    expect(history).toContain('16-03-2026');
    expect(history).toContain('Cerró su local y se trasladó a Coquimbo');
    expect(await page.locator('#end-form').count()).toBe(0);
    await checkPage('member-ended-phone');
    const [row] = await flow.ctx.query<{ status: string; left_on: string }>(
      `SELECT m.status, to_char(m.left_on, 'YYYY-MM-DD') AS left_on FROM membership m JOIN person p ON p.id = m.person_id WHERE m.association_id = $1 AND p.full_name = $2`,
      [associationId, 'Luis Hernán Castillo Muñoz'],
    );
    expect(row).toEqual({ status: 'ended', left_on: '2026-03-16' });

    await page.locator('a', { hasText: 'Volver al registro de socios' }).click();
    const ended = page.locator('#roster tbody tr', { hasText: 'Luis Hernán Castillo Muñoz' });
    expect(await ended.innerText()).toContain('Retirado');
  });

  it('6. DOM-ORG-11: in force and below the minimum, the association page warns with a due date and the registry filter lists it', async () => {
    // The constitution flow is the next issue: put the association in force as it will.
    flow.ctx.clock.advance(2 * 3600_000); // the same afternoon
    await flow.ctx.query(`UPDATE association SET status = 'in_force' WHERE id = $1`, [associationId]);
    await flow.ctx.query(
      `INSERT INTO association_status_change (association_id, from_status, to_status, at, by_name, reason) VALUES ($1, 'in_formation', 'in_force', $2, 'Secretaría Municipal', 'Depósito del acta constitutiva')`,
      [associationId, flow.ctx.clock.now()],
    );
    const [{ since }] = await flow.ctx.query<{ since: string | null }>(
      `SELECT to_char(members_below_minimum_since, 'YYYY-MM-DD') AS since FROM association WHERE id = $1`,
      [associationId],
    );
    const [y, m, d] = (since ?? '2026-03-17').split('-').map(Number);
    const due = new Date(Date.UTC(y, m - 1 + 6, d));
    const dueText = `${String(due.getUTCDate()).padStart(2, '0')}-${String(due.getUTCMonth() + 1).padStart(2, '0')}-${due.getUTCFullYear()}`;

    await page.goto(`${flow.ctx.baseUrl}/organizaciones/${associationId}`);
    expect(await page.locator('#association-status').innerText()).toBe('Vigente');
    expect(await page.locator('#members-count').innerText()).toBe('3 activos de un mínimo de 15');
    const warning = page.locator('#warnings [data-warning=MEMBERS_BELOW_MINIMUM]');
    expect(await warning.innerText()).toContain('Socios activos bajo el mínimo legal');
    expect(await warning.innerText()).toContain(`fecha: ${dueText}`);
    const timeline = page.locator('#timeline li');
    expect(await timeline.count()).toBe(2);
    expect(await timeline.nth(0).innerText()).toContain('En formación');
    expect(await timeline.nth(1).innerText()).toContain('Vigente — 17-03-2026 14:00 por Secretaría Municipal');
    await checkPage('association-warning-phone');

    await page.goto(`${flow.ctx.baseUrl}/organizaciones`);
    await page.selectOption('#warning', 'any');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForURL(/warning=any/);
    expect(await page.locator('#warning').inputValue()).toBe('any');
    const row = page.locator('tbody tr', { hasText: ASSOCIATION });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('Vigente');
    expect(await row.innerText()).toContain('3 / 15');
    expect(await row.locator('[data-warning=MEMBERS_BELOW_MINIMUM]').innerText()).toContain(dueText);
    // every listed organisation has a warning
    const listed = await page.locator('tbody tr').count();
    expect(await page.locator('tbody tr:has([data-warning])').count()).toBe(listed);
    await checkPage('registry-warnings-phone');
  });

  it('7. issue 20 item 7, issue 21: from the registry filtered by warning, downloads the export with contacts (streamed): the listed organisations with their warnings', async () => {
    await page.goto(`${flow.ctx.baseUrl}/organizaciones?warning=any`);
    const listed = (await page.locator('tbody tr td:first-child').allInnerTexts()).map((t) => t.split('\n')[0].trim());
    expect(listed).toContain(ASSOCIATION);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a', { hasText: 'Exportar con contactos (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^registro-organizaciones-\d{4}-\d{2}-\d{2}-la-serena\.csv$/);
    const lines = fs
      .readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toMatch(/^Organización,Tipo,Estado,Comuna,RUT,Dirección/);
    // the same organisations as the page, in its order (the page shows at most 50)
    expect(
      lines.slice(1, listed.length + 1).map((l) => (l.startsWith('"') ? l.slice(1).split('"')[0] : l.split(',')[0])),
    ).toEqual(listed);
    expect(lines.find((l) => l.includes(ASSOCIATION))).toContain('Socios activos bajo el mínimo legal');
    // the page is still the registry (the download did not navigate away)
    expect(await page.locator('h1').innerText()).toBe('Registro de organizaciones');
  });

  it('DOM-DATA-1: no RUT went into a URL along the way', () => {
    expect(requested.length).toBeGreaterThan(20);
    const bodies = ['12345678', '21456789', '16345211', '19876123'];
    const withRut = requested.filter((u) => bodies.some((b) => decodeURIComponent(u).replace(/\./g, '').includes(b)));
    expect(withRut).toEqual([]);
  });

  it('shows the registry, the association and its roster on a desktop', async () => {
    const desktop = await flow.browser.context.newPage();
    desktop.on('console', (m) => m.type() === 'error' && flow.problems.push(`${desktop.url()}: ${m.text()}`));
    await desktop.setViewportSize(VIEWPORTS.desktop);
    try {
      for (const [name, url, h1] of [
        ['registry-desktop', '/organizaciones?warning=any', 'Registro de organizaciones'],
        ['association-desktop', `/organizaciones/${associationId}`, ASSOCIATION],
        ['roster-desktop', `/organizaciones/${associationId}/socios`, `Registro de socios de ${ASSOCIATION}`],
      ] as const) {
        const response = await desktop.goto(`${flow.ctx.baseUrl}${url}`);
        expect(response?.status()).toBe(200);
        expect(await desktop.locator('h1').innerText()).toBe(h1);
        await screenshot(desktop, name);
        expect({ page: name, violations: await seriousAccessibilityViolations(desktop) }).toEqual({
          page: name,
          violations: [],
        });
      }
      // on a desktop the two columns of the association page sit side by side
      await desktop.goto(`${flow.ctx.baseUrl}/organizaciones/${associationId}`);
      // (the right column opens with the constitution, then the board and the timeline)
      const [members, constitution, timeline] = [
        await desktop.locator('section[aria-labelledby=members-heading]').boundingBox(),
        await desktop.locator('section#constitution').boundingBox(),
        await desktop.locator('section[aria-labelledby=timeline-heading]').boundingBox(),
      ];
      expect(Math.round(members!.y)).toBe(Math.round(constitution!.y));
      expect(constitution!.x).toBeGreaterThan(members!.x + members!.width);
      expect(timeline!.x).toBe(constitution!.x);
    } finally {
      await desktop.close();
    }
  });
});
