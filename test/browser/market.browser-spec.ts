import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/startup/demo.loader';
import { DEMO_MELIPILLA_OFFICER_EMAIL } from '../../src/programs/programs.demo';
import { DEMO_MARKET_VENUE } from '../../src/events/market/market.demo';
import { checkPage, launchBrowser, VIEWPORTS } from '../support/browser';
import { pdfText } from '../support/pdf-text';
import { browserFlow } from '../support/browser-flow';

jest.setTimeout(180_000);

const OFFICER = { email: DEMO_MELIPILLA_OFFICER_EMAIL, password: DEMO_PASSWORD };
/** The demo's "now": a Sunday in November; November is published, December applied for and drafted. */
const NOW = '2026-11-22T15:00:00Z';

/** From her start page, the program one tap away (issue 20 item 1), to the program and its market venues link. */
async function toMarketVenues(page: Page): Promise<void> {
  await page.waitForURL(/\/inicio$/);
  await page.locator('main a', { hasText: 'Ver la cartera' }).first().click();
  await page.waitForURL(/\/programas\/[0-9a-f-]{36}$/);
  await page.locator('#market-venues-link').click();
}

/**
 * Issue 19 "Done when", as Melipilla's program officer on the demo data: from the program she lands on, she opens
 * the mall's market weeks, runs December's draft again, reads why each one is where they are, publishes it (one
 * mail each); on a phone she marks attendance in a week that has begun, cancels a stand, and the first on the
 * waitlist accepts it from the link in her mail.
 */
describe("market weeks in Chromium (Melipilla's program officer)", () => {
  const flow = browserFlow({ app: { env: { DEMO: 'true' }, now: NOW } });

  it('on a desktop: from the program to the venue, re-runs and inspects December, publishes it and downloads the schedule', () =>
    flow.signedIn(VIEWPORTS.desktop, OFFICER, async (page) => {
      await toMarketVenues(page);
      await page.waitForURL(/\/semanas-de-venta$/);
      await checkPage(page, 'market-desktop-venues');
      await page.locator('a', { hasText: DEMO_MARKET_VENUE }).click();
      await page.waitForURL(/\/semanas-de-venta\/[0-9a-f-]{36}/);
      const venueUrl = page.url().split('?')[0];

      // December: applied for and in draft (DOM-MKT-2)
      await page.goto(`${venueUrl}?mes=2026-12`);
      expect((await page.locator('#month-heading').innerText()).toLowerCase()).toContain('diciembre');
      const cells = async () => (await page.locator('#grid-table tbody').innerText()).replace(/\s+/g, ' ');
      const before = await cells();
      const waitlist = await page.locator('#waitlist li').allInnerTexts();
      expect(waitlist.length).toBeGreaterThan(0); // more applicants than 4 stands × the month's weeks
      await page.locator('#draft-form button[type=submit]').click();
      await page.waitForURL(/mes=2026-12/);
      // the same input gives the same draft
      expect(await cells()).toBe(before);
      expect(await page.locator('#waitlist li').allInnerTexts()).toEqual(waitlist);
      // December 2026's weeks that start in it: 7, 14, 21 and 28 (DOM-MKT-1), 4 stands each
      expect(await page.locator('#grid-table thead th').count()).toBe(5);
      expect(await page.locator('#grid-table tbody tr').count()).toBe(4);
      const reasons = await page.locator('#reasons li').allInnerTexts();
      expect(reasons.length).toBe((await page.locator('#applications li').count()) as number);
      expect(reasons[0]).toMatch(/Semanas recibidas|semanas recibidas/i);
      await checkPage(page, 'market-desktop-draft');

      await page.locator('#publish-month').click();
      await page.waitForURL(/mes=2026-12/);
      expect(await page.locator('#month-status').innerText()).toMatch(/Publicado/i);
      expect(await page.locator('#draft-form').count()).toBe(0);
      // DOM-MKT-3: one mail per entrepreneur placed, each with their week as a calendar event
      const placed = await page.locator('#grid-table tbody td .fw-semibold').count();
      const mails = await flow.ctx.query<{ n: number; with_ics: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE attachments::text LIKE '%text/calendar%')::int AS with_ics
           FROM outbox_message WHERE dedupe_key LIKE 'market-week:%'`,
      );
      expect(placed).toBe(16);
      expect(mails).toEqual([{ n: placed, with_ics: placed }]);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#market-month-actions a[href*="programa.pdf"]').click(),
      ]);
      const { text } = await pdfText(fs.readFileSync(await download.path()));
      expect(text).toContain(DEMO_MARKET_VENUE);
      const firstBusiness = (
        await page.locator('#grid-table tbody tr').first().locator('td .fw-semibold').first().innerText()
      ).trim();
      expect(text).toContain(firstBusiness);
    }));

  it('on a phone: marks attendance in a week that has begun, cancels a stand, and the first on the waitlist accepts it from the mail link', () =>
    flow.signedIn(VIEWPORTS.phone, OFFICER, async (page) => {
      await toMarketVenues(page);
      await page.locator('a', { hasText: DEMO_MARKET_VENUE }).click();
      await page.waitForURL(/\/semanas-de-venta\/[0-9a-f-]{36}/);
      const venueUrl = page.url().split('?')[0];
      await checkPage(page, 'market-phone-venue');

      // November is published; the week of 16-11 has begun (DOM-MKT-4)
      await page.goto(`${venueUrl}?mes=2026-11`);
      await page.locator('#market-month-actions a', { hasText: 'Asistencia' }).click();
      await page.waitForURL(/\/asistencia/);
      await page.goto(`${venueUrl}/asistencia?mes=2026-11&semana=2026-11-16`);
      await checkPage(page, 'market-phone-attendance');
      const stand = page.locator('li[id^="puesto-"]').first();
      const slotId = await stand.getAttribute('data-slot');
      await stand.locator('button[value="no_show"]').click();
      await page.waitForURL(/\/asistencia/);
      expect(await flow.ctx.query(`SELECT attendance FROM market_slot WHERE id = $1`, [slotId])).toEqual([
        { attendance: 'no_show' },
      ]);
      expect(await page.locator(`li[data-slot="${slotId}"] button[value="no_show"]`).getAttribute('aria-pressed')).toBe(
        'true',
      );

      // next week (from Monday 23-11) the first stand cannot come: cancelled, it is offered to November's waitlist
      await page.goto(`${venueUrl}/asistencia?mes=2026-11&semana=2026-11-23`);
      const stand23 = page.locator('li[id^="puesto-"]').first();
      const cancelledSlot = await stand23.getAttribute('data-slot');
      await stand23.locator('summary').click();
      await stand23.locator('input[name="reason"]').fill('Se enfermó y no podrá atender el puesto');
      await stand23.locator('button[type=submit]', { hasText: 'Cancelar' }).click();
      await page.waitForURL(/hecho=cancelado/);
      expect(await page.locator(`li[data-slot="${cancelledSlot}"]`).innerText()).toContain('Cancelado');

      const offers = await flow.ctx.query<{ text: string }>(
        `SELECT text FROM outbox_message WHERE dedupe_key LIKE 'market-offer:%' ORDER BY created_at DESC`,
      );
      expect(offers).toHaveLength(1);
      const link = /\/semanas\/oferta\/[A-Za-z0-9_-]+/.exec(offers[0].text)![0];
      // she opens the link on her own phone, without signing in
      const hers = await launchBrowser(VIEWPORTS.phone);
      try {
        const accept = await hers.context.newPage();
        await accept.goto(`${flow.ctx.baseUrl}${link}`);
        await checkPage(accept, 'market-phone-offer');
        await accept.locator('form button[type=submit]').first().click();
        await accept.waitForLoadState();
        expect(await accept.locator('body').innerText()).toMatch(/acept|confirm/i);
      } finally {
        await hers.close();
      }
      const taken = await flow.ctx.query<{ origin: string }>(
        `SELECT origin FROM market_slot WHERE venue_id = (SELECT venue_id FROM market_slot WHERE id = $1)
           AND month = '2026-11' AND week_starts_on = '2026-11-23' AND status = 'assigned' AND origin = 'waitlist'`,
        [cancelledSlot],
      );
      expect(taken).toHaveLength(1);
      await page.reload();
      expect(await page.locator('body').innerText()).toContain('desde la lista de espera');
    }));
});
