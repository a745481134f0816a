import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_ASSOCIATION_IDS } from '../../src/associations/associations.demo';
import { DEMO_PASSWORD } from '../../src/startup/demo.loader';
import { DEMO_PROGRAM_OFFICER_EMAIL } from '../../src/programs/programs.demo';
import { checkPage, VIEWPORTS } from '../support/browser';
import { browserFlow } from '../support/browser-flow';
import { pdfText } from '../support/pdf-text';

jest.setTimeout(180_000);

const OFFICER = { email: DEMO_PROGRAM_OFFICER_EMAIL, password: DEMO_PASSWORD };
const BARRIO = 'Barrio Patrimonial La Serena';

/**
 * Issue 17 "Done when", as Sercotec Coquimbo's program officer on the demo data: she signs in and lands on the
 * portfolio, sees Barrio Patrimonial's cadence and overdue commitments, opens its last approved acta read-only, adds
 * a business from its roster, records a benefit, takes an activity's attendance and downloads the yearly report; on
 * a phone she lands on the same portfolio and takes attendance.
 */
describe("programs in Chromium (Sercotec's program officer)", () => {
  const flow = browserFlow({ app: { env: { DEMO: 'true' }, now: '2026-11-22T15:00:00Z' } });
  let newMember: { fullName: string };

  beforeAll(async () => {
    // a merchant who joined the roster after the program enrolled the others
    newMember = await flow.ctx.newMember(DEMO_ASSOCIATION_IDS.barrioPatrimonial, {
      fullName: 'Tomás Alvarado Ríos',
      businessName: 'Librería del Centro',
      businessCategory: 'Librería',
      joinedOn: '2026-11-10',
    } as never);
  });

  const portfolioRow = (page: Page) => page.locator('tr', { has: page.locator(`a:text-is("${BARRIO}")`) }).first();

  it('on a desktop: lands on the portfolio, reads the acta, adds a business, records a benefit, takes attendance, downloads the report', () =>
    flow.signedIn(VIEWPORTS.desktop, OFFICER, async (page) => {
      // DOM-PRG-6: the portfolio is one tap from her start page (issue 20 item 1)
      await page.waitForURL(/\/inicio$/);
      await page.locator('main a', { hasText: 'Ver la cartera' }).first().click();
      await page.waitForURL(/\/programas\/[0-9a-f-]{36}$/);
      const programUrl = page.url();
      expect(await page.locator('h1').innerText()).toBe('Barrios Comerciales Coquimbo 2026');
      const row = portfolioRow(page);
      expect(await row.count()).toBe(1);
      const meetings = (await row.locator('td').nth(1).innerText()).trim();
      expect(meetings).toMatch(/^\d+ \/ \d+$/);
      expect(await row.locator('[data-cell="actas-approved"]').innerText()).toMatch(/^[1-9]\d*$/);
      await checkPage(page, 'programs-desktop-portfolio');

      // the last approved acta, read only
      await row.locator('a', { hasText: /Acta N°/ }).click();
      await page.waitForURL(/\/acta/);
      expect(await page.locator('body').innerText()).toContain(BARRIO);
      expect(await page.locator('form[action$="/aprobar"]').count()).toBe(0);
      expect(await page.locator('textarea').count()).toBe(0);

      // DOM-PRG-2/3: a business from the shared roster
      await page.goto(`${programUrl}/beneficiarios`);
      await page.locator('#add-roster summary').click();
      await page.selectOption('#rosterAssociationId', DEMO_ASSOCIATION_IDS.barrioPatrimonial);
      await page.locator('#add-roster form[method="get"] button[type=submit]').click();
      await page.waitForURL(/rosterAssociationId=/);
      const option = page.locator('#roster-memberId option', { hasText: newMember.fullName });
      await page.selectOption('#roster-memberId', (await option.getAttribute('value')) as string);
      await page.selectOption('#roster-ownerSex', 'male');
      await page.locator('#roster-form button[type=submit]').click();
      await page.waitForURL(/\/beneficiarios/);
      expect(await page.locator('#beneficiaries-table').innerText()).toContain('Librería del Centro');
      await checkPage(page, 'programs-desktop-beneficiaries');

      // DOM-PRG-4: a benefit to the association
      await page.goto(`${programUrl}/beneficios`);
      await page.selectOption('#associationId', DEMO_ASSOCIATION_IDS.barrioPatrimonial);
      await page.selectOption('#kind', 'training');
      await page.fill('#amountClp', '1.200.000');
      await page.fill('#deliveredOn', '2026-11-20');
      await page.selectOption('#line', { label: 'Oferta comercial' });
      await page.fill('#description', 'Taller de vitrinas navideñas');
      await page.locator('form[action$="/beneficios"] button[type=submit]').click();
      await page.waitForURL(/\/beneficios/);
      expect(await page.locator('body').innerText()).toContain('Taller de vitrinas navideñas');
      expect(await page.locator('body').innerText()).toContain('$1.200.000');

      // DOM-PRG-5: an activity held this morning, its attendance
      await page.goto(`${programUrl}/actividades`);
      await page.fill('#title', 'Mesa de trabajo de Navidad');
      await page.fill('#localStart', '2026-11-22T09:00');
      await page.fill('#place', 'Sede de Barrio Patrimonial');
      await page.locator('form[action$="/actividades"] button[type=submit]').click();
      // created, she is on the activity's page to take its attendance
      await page.waitForURL(/\/actividades\/[0-9a-f-]{36}$/);
      expect(await page.locator('h2').first().innerText()).toContain('Mesa de trabajo de Navidad');
      const radios = page.locator('input[type=radio][value="present"]');
      expect(await radios.count()).toBe(20);
      for (let i = 0; i < 3; i++) await page.locator(`label[for="${await radios.nth(i).getAttribute('id')}"]`).click();
      await page.locator('form[action$="/asistencia"] button[type=submit]').click();
      await page.waitForURL(/\/actividades\/[0-9a-f-]{36}$/);
      expect(await page.locator('input[type=radio][value="present"]:checked').count()).toBe(3);

      // DOM-PRG-7: the yearly report
      await page.goto(programUrl);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        portfolioRow(page).locator('a[href$="cuenta-anual.pdf"]').click(),
      ]);
      const path = await download.path();
      const { text } = await pdfText(fs.readFileSync(path));
      expect(text).toContain('Cuenta anual 2026');
      expect(text).toContain(BARRIO);
      expect(text).toContain('Taller de vitrinas navideñas');
    }));

  it('on a phone: lands on the same portfolio, readable without scrolling sideways, and takes attendance', () =>
    flow.signedIn(VIEWPORTS.phone, OFFICER, async (page) => {
      await page.waitForURL(/\/inicio$/);
      await page.locator('main a', { hasText: 'Ver la cartera' }).first().click();
      await page.waitForURL(/\/programas\/[0-9a-f-]{36}$/);
      expect(await page.locator('body').innerText()).toContain(BARRIO);
      await checkPage(page, 'programs-phone-portfolio');
      await page.goto(`${page.url()}/actividades`);
      await page.locator('a', { hasText: 'Mesa de trabajo de Navidad' }).first().click();
      await page.waitForURL(/\/actividades\/[0-9a-f-]{36}$/);
      await checkPage(page, 'programs-phone-attendance');
      const excused = page.locator('input[type=radio][value="excused"]');
      await page.locator(`label[for="${await excused.nth(5).getAttribute('id')}"]`).click();
      await page.locator('form[action$="/asistencia"] button[type=submit]').click();
      await page.waitForURL(/\/actividades\/[0-9a-f-]{36}$/);
      expect(await page.locator('input[type=radio][value="excused"]:checked').count()).toBe(1);
      expect(await page.locator('input[type=radio][value="present"]:checked').count()).toBe(3);
    }));
});
