import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/startup/demo.loader';
import { launchBrowser, screenshot, seriousAccessibilityViolations, signedInPage } from '../support/browser';
import { createTestApp, TestContext } from '../support/test-app';

jest.setTimeout(240_000); // the demo data loads before the first page (about a minute on the embedded database)

/** A day with approved actas, a next meeting and overdue commitments in the demo data. */
const NOW = '2026-12-07T15:00:00Z';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** What a person on a 390 px phone would notice on a page, as plain values (one expectation shows them all). */
async function phoneLayout(page: Page) {
  return (await page.evaluate(`(() => {
    const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
    const small = [...document.querySelectorAll('main .btn, main button, main a[role=button]')]
      .filter(visible)
      .map((b) => ({ text: (b.innerText || b.getAttribute('aria-label') || '').trim().slice(0, 40), h: b.getBoundingClientRect().height }))
      .filter((b) => b.h < 44)
      .map((b) => b.text + ' (' + Math.round(b.h) + ' px)');
    // chart text: HTML text in a bar chart, and any SVG text at the size it is drawn (a scaled-down SVG shrinks it)
    const chartText = [
      ...[...document.querySelectorAll('.bar-chart-name, .bar-chart-value')].map((e) => parseFloat(getComputedStyle(e).fontSize)),
      ...[...document.querySelectorAll('main svg text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM() ? t.getScreenCTM().a : 1)),
    ];
    return {
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      smallTargets: small,
      smallestChartText: chartText.length ? Math.min(...chartText) : null,
      charts: chartText.length,
    };
  })()`)) as { overflow: number; smallTargets: string[]; smallestChartText: number | null; charts: number };
}

/** A table shown as stacked cards: its header row out of sight, each row a block, each cell after its column's name. */
async function cardsOf(page: Page, table: string) {
  return (await page.evaluate(`(() => {
    const t = document.querySelector(${JSON.stringify(table)});
    const head = t.querySelector('thead').getBoundingClientRect();
    const row = t.querySelector('tbody tr');
    const cells = [...row.querySelectorAll('td[data-label]')];
    return {
      headerSeen: head.width > 1 && head.height > 1,
      rowDisplay: getComputedStyle(row).display,
      labels: cells.map((c) => getComputedStyle(c, '::before').content.replace(/^"|"$/g, '')),
      rowWidth: Math.round(row.getBoundingClientRect().width),
    };
  })()`)) as { headerSeen: boolean; rowDisplay: string; labels: string[]; rowWidth: number };
}

/**
 * Issue 20 item 5 and its Done-when on a 390 × 844 phone, on the demo data: the president's, the table
 * coordinator's and the program officers' main pages scroll only downwards, have no serious accessibility
 * violation, offer 44 px touch targets, keep chart text at 12 px or more, keep the attendance page's quorum card to
 * a fifth of the screen, and show the acta's commitments and the table's board as cards. On a desktop the same
 * tables are still tables.
 */
describe('the main pages on a phone, in Chromium (issue 20 item 5)', () => {
  let ctx: TestContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const problems: string[] = [];
  const visited: string[] = [];

  beforeAll(async () => {
    ctx = await createTestApp({ listen: true, env: { DEMO: 'true', LOGIN_RATE_LIMIT: '1000' }, now: NOW });
    browser = await launchBrowser(PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });
  afterEach(() => expect(problems.splice(0)).toEqual([]));

  /** A page signed in as `email` (the previous person's session dropped first). */
  const signIn = async (email: string, context = browser.context) => {
    await context.clearCookies();
    return signedInPage(context, ctx.baseUrl!, { email, password: DEMO_PASSWORD }, problems);
  };

  /** Every phone check on the page shown; `name` names the screenshot and the failures. */
  async function checkPhonePage(page: Page, name: string): Promise<void> {
    await screenshot(page, `phone-${name}`);
    visited.push(name);
    const layout = await phoneLayout(page);
    expect({ page: name, overflow: layout.overflow, smallTargets: layout.smallTargets }).toEqual({
      page: name,
      overflow: 0,
      smallTargets: [],
    });
    if (layout.smallestChartText !== null) expect(layout.smallestChartText).toBeGreaterThanOrEqual(12);
    expect({ page: name, violations: await seriousAccessibilityViolations(page) }).toEqual({
      page: name,
      violations: [],
    });
  }

  const follow = async (page: Page, link: ReturnType<Page['locator']>) => {
    const href = (await link.first().getAttribute('href')) as string;
    await page.goto(`${ctx.baseUrl}${href}`);
    return href;
  };

  it("the president's pages: start, organisation, roster, meeting, attendance with a small quorum card, actas, an acta's commitments as cards, commitments", async () => {
    const page = await signIn('presidencia@barriopatrimonial.demo.quorum.cl');
    expect(new URL(page.url()).pathname).toBe('/inicio');
    await checkPhonePage(page, 'president-start');
    const section = page.locator('[data-section="association"]');
    const meetingHref = (await section
      .locator('a[href^="/reuniones/"]:not([href$="/acta"])')
      .first()
      .getAttribute('href')) as string;
    const association = await follow(page, section.locator('h2 a, a[href^="/organizaciones/"]'));
    expect(await page.locator('h1').innerText()).toBe('Barrio Patrimonial La Serena');
    await checkPhonePage(page, 'president-association');

    await page.goto(`${ctx.baseUrl}${association}/socios`);
    expect(await cardsOf(page, '#roster')).toMatchObject({
      headerSeen: false,
      rowDisplay: 'block',
      labels: ['RUT', 'Nombre del negocio', 'Fecha de ingreso', 'Estado'],
    });
    await checkPhonePage(page, 'president-roster');

    await page.goto(`${ctx.baseUrl}${meetingHref}`);
    expect(await page.locator('#agenda-items li').count()).toBeGreaterThan(0);
    await checkPhonePage(page, 'president-meeting'); // the agenda's ↑ and × included

    await follow(page, page.getByRole('link', { name: 'Tomar asistencia' }));
    const card = await page.locator('#quorum').boundingBox();
    expect(card!.height).toBeLessThanOrEqual(PHONE.height * 0.2);
    expect(await page.locator('#quorum-figures').innerText()).toMatch(/^Presentes: \d+ de \d+ necesarios — /);
    const counts = page.locator('#quorum details');
    expect(await counts.locator('p').isVisible()).toBe(false); // the counts fold away behind one tap
    await counts.locator('summary').click();
    expect(await counts.locator('p').innerText()).toMatch(/^En la sala \d+ · en línea \d+/);
    await counts.locator('summary').click();
    // each mark a 44 px target
    const mark = page.locator('#attendance .attendance-mark').first();
    expect((await mark.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await checkPhonePage(page, 'president-attendance');

    await page.goto(`${ctx.baseUrl}${association}/actas`);
    expect(await cardsOf(page, '#actas')).toMatchObject({ headerSeen: false, rowDisplay: 'block' });
    await checkPhonePage(page, 'president-actas');
    await follow(page, page.locator('#actas a', { hasText: 'Abrir' }));
    expect(await page.locator('#acta-commitments tbody tr').count()).toBeGreaterThan(0);
    expect(await cardsOf(page, '#acta-commitments')).toEqual({
      headerSeen: false,
      rowDisplay: 'block',
      labels: ['Responsable', 'Plazo', 'Estado'],
      rowWidth: expect.any(Number),
    });
    await checkPhonePage(page, 'president-acta');

    await page.goto(`${ctx.baseUrl}${association}/compromisos`);
    expect(await page.locator('#commitments li').count()).toBeGreaterThan(0);
    await checkPhonePage(page, 'president-commitments');
    await page.close();
  });

  it("the table coordinator's pages: start, table, board with its chart readable and its tables as cards, session", async () => {
    const page = await signIn('seguridad.centro@laserena.demo.quorum.cl');
    await checkPhonePage(page, 'coordinator-start');
    const section = page.locator('[data-section="tables"]');
    const sessionHref = (await section.locator('a[href*="/sesiones/"]').first().getAttribute('href')) as string;
    const table = await follow(page, section.locator('a[href^="/mesas/"]'));
    expect(await cardsOf(page, '#participants-table')).toMatchObject({ headerSeen: false, rowDisplay: 'block' });
    await checkPhonePage(page, 'coordinator-table');

    await page.goto(`${ctx.baseUrl}${table}/compromisos`);
    // the chart: each institution's whole name, on its own line above its bar, at 12 px or more
    const names = page.locator('#fulfilment-chart .bar-chart-name');
    expect(await names.count()).toBeGreaterThan(1);
    const longest = (await names.allInnerTexts()).sort((a, b) => b.length - a.length)[0];
    expect(longest.length).toBeGreaterThan(40); // e.g. "Carabineros de Chile, 1.ª Comisaría de La Serena", not cut
    expect((await phoneLayout(page)).smallestChartText).toBeGreaterThanOrEqual(12);
    expect(await page.locator('#fulfilment-chart rect[data-institution]').count()).toBe(await names.count());
    expect(await cardsOf(page, '#fulfilment-table')).toMatchObject({
      headerSeen: false,
      labels: ['Total', 'Pendiente', 'En curso', 'vencido', 'Cumplido', 'Cumplimiento'],
    });
    expect(await cardsOf(page, '#board')).toEqual({
      headerSeen: false,
      rowDisplay: 'block',
      labels: ['Responsable', 'Eje', 'Plazo', 'Estado', 'Avance (%)'],
      rowWidth: expect.any(Number),
    });
    expect((await cardsOf(page, '#board')).rowWidth).toBeLessThanOrEqual(PHONE.width);
    await checkPhonePage(page, 'coordinator-board');

    await page.goto(`${ctx.baseUrl}${sessionHref}`);
    expect(await cardsOf(page, '#session-attendance')).toMatchObject({ headerSeen: false, rowDisplay: 'block' });
    await checkPhonePage(page, 'coordinator-session');

    await page.goto(`${ctx.baseUrl}/seguridad/planes-comunales`);
    await checkPhonePage(page, 'coordinator-plans');
    await page.close();
  });

  it("the program officers' pages: start, portfolio with readable charts, beneficiaries, fund calendar, market venue", async () => {
    const page = await signIn('sercotec.coquimbo@demo.quorum.cl');
    await checkPhonePage(page, 'officer-start');
    const program = await follow(page, page.locator('[data-section="programs"] a[href^="/programas/"]'));
    expect(await page.locator('#by-category-chart .bar-chart-name').count()).toBeGreaterThan(0);
    expect((await phoneLayout(page)).charts).toBeGreaterThan(0);
    await checkPhonePage(page, 'officer-portfolio');
    await page.goto(`${ctx.baseUrl}${program}/beneficiarios`);
    expect(await cardsOf(page, '#beneficiaries-table')).toMatchObject({ headerSeen: false, rowDisplay: 'block' });
    await checkPhonePage(page, 'officer-beneficiaries');
    await page.goto(`${ctx.baseUrl}/fondos?view=month`);
    await checkPhonePage(page, 'officer-fund-calendar');
    await page.close();

    // the market weeks are Melipilla's program's
    const market = await signIn('centro.negocios@melipilla.demo.quorum.cl');
    await follow(market, market.locator('[data-section="programs"] a[href^="/programas/"]'));
    await follow(market, market.locator('#market-venues-link'));
    await follow(market, market.locator('main a[href^="/semanas-de-venta/"]'));
    expect(await market.locator('#grid-cards').isVisible()).toBe(true);
    await checkPhonePage(market, 'officer-market-venue');
    await market.close();
    expect(visited).toHaveLength(18);
  });

  it('on a desktop the acta, the board and the actas list are still tables with their headers', async () => {
    const desktop = await launchBrowser(DESKTOP);
    try {
      const page = await signIn('seguridad.centro@laserena.demo.quorum.cl', desktop.context);
      await follow(page, page.locator('[data-section="tables"] a[href$="/compromisos"]'));
      for (const table of ['#board', '#fulfilment-table'])
        expect(await cardsOf(page, table)).toMatchObject({ headerSeen: true, rowDisplay: 'table-row' });
      // the chart: name, bar and figure on one line
      const row = page.locator('#fulfilment-chart .bar-chart-row').first();
      const [name, bar] = [
        await row.locator('.bar-chart-name').boundingBox(),
        await row.locator('.bar-chart-bar').boundingBox(),
      ];
      expect(bar!.x).toBeGreaterThan(name!.x + name!.width - 1);
      expect(Math.abs(bar!.y + bar!.height / 2 - (name!.y + name!.height / 2))).toBeLessThan(12);
      await screenshot(page, 'desktop-board');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.close();

      const president = await signIn('presidencia@barriopatrimonial.demo.quorum.cl', desktop.context);
      const association = await follow(
        president,
        president.locator('[data-section="association"] a[href^="/organizaciones/"]'),
      );
      await president.goto(`${ctx.baseUrl}${association}/actas`);
      expect(await cardsOf(president, '#actas')).toMatchObject({ headerSeen: true, rowDisplay: 'table-row' });
      await follow(president, president.locator('#actas a', { hasText: 'Abrir' }));
      expect(await cardsOf(president, '#acta-commitments')).toMatchObject({
        headerSeen: true,
        rowDisplay: 'table-row',
      });
      await screenshot(president, 'desktop-acta');
      expect(await seriousAccessibilityViolations(president)).toEqual([]);
    } finally {
      await desktop.close();
    }
  });
});
