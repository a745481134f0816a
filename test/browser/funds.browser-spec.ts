import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { DEMO_ASSOCIATION_IDS } from '../../src/associations/associations.demo';
import { DEMO_PASSWORD } from '../../src/startup/demo.loader';
import { DEMO_PROGRAM_OFFICER_EMAIL } from '../../src/programs/programs.demo';
import { checkPage, VIEWPORTS } from '../support/browser';
import { browserFlow } from '../support/browser-flow';

jest.setTimeout(180_000);

const CLAUDIA = { email: 'presidencia@barriopatrimonial.demo.quorum.cl', password: DEMO_PASSWORD };
const OFFICER = { email: DEMO_PROGRAM_OFFICER_EMAIL, password: DEMO_PASSWORD };
const BARRIO_ID = DEMO_ASSOCIATION_IDS.barrioPatrimonial;
const BARRIO = 'Barrio Patrimonial La Serena';
const FFOIP = 'Fondo de Fortalecimiento de las Organizaciones de Interés Público (FFOIP)';
/** The demo's "now": Sunday 22-11-2026, 12:00 in Santiago. */
const NOW = '2026-11-22T15:00:00Z';
const NEW_CALL = 'Fondo Barrios Comerciales Coquimbo: Vitrinas de Navidad';

/** The VEVENTs of an ICS text read by a maintained parser (Mozilla's ical.js). */
function parseIcs(text: string): { uid: string; summary: string; start: string; end: string }[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
    };
  });
}

/** On a phone the nav is inside the <details> "Menú": open it, then follow the link. */
async function openNav(page: Page, name: RegExp): Promise<void> {
  const menu = page.locator('details.site-menu');
  if (await menu.isVisible()) {
    if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
    await menu.locator('a.nav-link', { hasText: name }).click();
  } else {
    await page.locator('header nav .d-lg-block a.nav-link', { hasText: name }).click();
  }
}

/**
 * Issue 18 "Done when", tried as a new user would on the demo data: Claudia, president of Barrio Patrimonial, on a
 * phone sees what her association can apply to and why not FFOIP, opens "Fondos", subscribes her calendar (parsed
 * back with ical.js) and records an application; Sercotec Coquimbo's program officer on a desktop creates a call of
 * her region and looks for which enrolled associations qualify for it.
 */
describe('fund calendar in Chromium (Claudia and the program officer)', () => {
  const flow = browserFlow({ app: { env: { DEMO: 'true' }, now: NOW } });

  it("on a phone, Claudia: her association's funds with reasons, the calendar, her ICS feed and an application", () =>
    flow.signedIn(VIEWPORTS.phone, CLAUDIA, async (page) => {
      // she lands on her start page (issue 20 item 1); her association's page by its link
      await page.waitForURL(/\/inicio$/);
      await page.locator(`main a[href="/organizaciones/${BARRIO_ID}"]`).first().click();
      await page.waitForURL(new RegExp(`/organizaciones/${BARRIO_ID}$`));
      await page.locator('#funds-link').click();
      await page.waitForURL(new RegExp(`/organizaciones/${BARRIO_ID}/fondos$`));
      const fundsUrl = page.url();
      expect(await page.locator('#applicant-name').innerText()).toContain(BARRIO);

      // DOM-FND-2: eligible and not eligible, each with its reasons
      const eligible = page.locator('#matches-eligible article[data-eligibility="eligible"]');
      const notEligible = page.locator('#matches-not_eligible article[data-eligibility="not_eligible"]');
      const unknown = page.locator('#matches-unknown article[data-eligibility="unknown"]');
      // issue 18 item 8: Barrio Patrimonial may apply to some (the Fondo Social: legal personality, board, RUT and
      // the public funds registry), not to FFOIP (constituted less than 2 years ago)
      expect(await eligible.count()).toBeGreaterThan(0);
      expect(await page.locator('#matches-eligible article', { hasText: 'Fondo Social' }).count()).toBe(1);
      expect(await notEligible.count()).toBeGreaterThan(0);
      const ffoip = page.locator('#matches-not_eligible article', { hasText: 'FFOIP' });
      expect(await ffoip.count()).toBe(1);
      const age = ffoip.locator('li[data-requirement="minOrganizationAgeYears"]');
      expect(await age.getAttribute('data-met')).toBe('false');
      expect(await age.innerText()).toMatch(/2 años/);
      expect(await age.innerText()).toMatch(/Fecha de constitución: \d{2}-\d{2}-\d{4}/);
      // every card says why: at least one reason each
      for (const card of await page.locator('article[data-eligibility]').all())
        expect(await card.locator('li[data-requirement]').count()).toBeGreaterThan(0);
      await checkPage(page, 'funds-phone-matches');

      // "Fondos" in the menu: the public calendar, the month grid hidden on a phone, the list shown
      await openNav(page, /^\s*Fondos\s*$/);
      await page.waitForURL(/\/fondos$/);
      expect(await page.locator('#month-grid').isVisible()).toBe(false);
      expect(await page.locator('#fund-list').isVisible()).toBe(true);
      expect(await page.locator('#fund-list article.fund-call').count()).toBeGreaterThan(0);
      await checkPage(page, 'funds-phone-calendar');
      await page.locator('#fund-list a', { hasText: 'FFOIP' }).click();
      await page.waitForURL(/\/fondos\/[0-9a-f-]{36}$/);
      expect(await page.locator('h1').innerText()).toBe(FFOIP);
      expect(await page.locator('#call-state').innerText()).toMatch(/Abiert/i);
      expect(await page.locator('#requirements li').count()).toBeGreaterThan(0);
      await checkPage(page, 'funds-phone-call');

      // her calendar: from the call's page to /mis-fondos (not in the menu), a new secret address.
      // The address's "Copiar" button must not carry an inline onclick: the CSP (script-src-attr 'none') blocks it
      // with a console error, which fails this flow (it did until views/funds/my-calendar.hbs used data-copy only).
      await page.locator('#subscription a[href="/mis-fondos"]').click();
      await page.waitForURL(/\/mis-fondos$/);
      await page.locator('form[action="/mis-fondos"] button[value="create"]').click();
      await page.locator('#feed-address').waitFor();
      const https = await page.locator('#feed-url').inputValue();
      const webcal = (await page.locator('#webcal-link').getAttribute('href')) as string;
      expect(https).toMatch(/^https?:\/\/[^/]+\/fondos\/calendario\/[A-Za-z0-9_-]+\.ics$/);
      expect(webcal).toMatch(/^webcal:\/\//);
      expect(webcal.replace(/^webcal:\/\//, '')).toBe(https.replace(/^https?:\/\//, ''));
      await checkPage(page, 'funds-phone-my-calendar');
      const ics = await flow.ctx.http.get(new URL(https).pathname).expect(200);
      expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
      const events = parseIcs(ics.text);
      expect(events.length).toBeGreaterThan(0);
      // FFOIP does not match Barrio Patrimonial: not in her feed
      expect(events.map((e) => e.summary).join('\n')).not.toContain('FFOIP');

      // DOM-FND-4: an application from her association's funds page
      await page.goto(fundsUrl); // no link back from /mis-fondos to the association (only to /fondos)
      const options = page.locator('#apply select[name="fundCallId"] option:not([value=""])');
      expect(await options.count()).toBeGreaterThan(0);
      const eligibleIds = await eligible.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-call')));
      const values = await options.evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
      const unknownIds = await unknown.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-call')));
      const callId =
        values.find((v) => eligibleIds.includes(v)) ?? values.find((v) => unknownIds.includes(v)) ?? values[0];
      const callLabel = (await page.locator(`#apply option[value="${callId}"]`).innerText()).replace(/ \(.*\)$/, '');
      await page.selectOption('#apply select[name="fundCallId"]', callId);
      await page.locator('#apply input[name="amountRequestedClp"]').fill('2.500.000');
      await page.locator('#apply button[type=submit]').click();
      await page.waitForURL(new RegExp(`/organizaciones/${BARRIO_ID}/fondos$`));
      const application = page.locator('#applications article', { hasText: callLabel });
      expect(await application.count()).toBe(1);
      expect(await application.innerText()).toContain('2.500.000');
      const rows = await flow.ctx.query<{ amount: string; status: string }>(
        `SELECT amount_requested_clp::text AS amount, status FROM fund_application
          WHERE association_id = $1 AND fund_call_id = $2`,
        [BARRIO_ID, callId],
      );
      expect(rows).toEqual([{ amount: '2500000', status: 'preparing' }]);
      await checkPage(page, 'funds-phone-applied');
    }));

  it('on a desktop, the program officer: creates a regional call open now and looks for the enrolled associations that qualify', () =>
    flow.signedIn(VIEWPORTS.desktop, OFFICER, async (page) => {
      await page.waitForURL(/\/inicio$/); // her start page, her program one tap away (issue 20 item 1)
      expect(await page.locator('[data-section="programs"]').innerText()).toContain('Ver la cartera');
      await openNav(page, /^\s*Fondos\s*$/);
      await page.waitForURL(/\/fondos$/);
      // the month grid on a desktop
      expect(await page.locator('#month-grid').isVisible()).toBe(true);
      await page.locator('#new-call').click();
      await page.waitForURL(/\/fondos\/nuevo$/);
      await checkPage(page, 'funds-desktop-new-call');

      await page.fill('#institutionName', 'Sercotec');
      await page.fill('#name', NEW_CALL);
      await page.selectOption('#scope', 'regional');
      await page.selectOption('#regionCodes', '04');
      await page.selectOption('#category', 'productive');
      await page.selectOption('#targetApplicant', 'organizations');
      await page.fill('#amountMaxClp', '3.000.000');
      // open since Friday, closing in three weeks (Santiago time)
      await page.fill('#opensAt', '2026-11-20T09:00');
      await page.fill('#closesAt', '2026-12-14T17:00');
      await page.locator('#reqLegalPersonalityInForce').check();
      await page.fill('#description', 'Cofinancia la decoración navideña de las vitrinas de los barrios comerciales.');
      await page.locator('#call-form button[type=submit]').click();
      await page.waitForURL(/\/fondos\/[0-9a-f-]{36}$/);
      const callId = new URL(page.url()).pathname.split('/').pop() as string;
      expect(await page.locator('h1').innerText()).toBe(NEW_CALL);
      expect(await page.locator('#call-state').innerText()).toMatch(/Abiert/i);
      // a call is edited while upcoming only: this one is open, so no edit button
      expect(await page.locator('#edit-call').count()).toBe(0);
      await checkPage(page, 'funds-desktop-call');
      const [saved] = await flow.ctx.query<{ scope: string; region_codes: string[] }>(
        `SELECT scope, region_codes FROM fund_call WHERE id = $1`,
        [callId],
      );
      expect(saved).toEqual({ scope: 'regional', region_codes: ['04'] });

      // issue 18 "Done when": from the call's page, which of her program's enrolled associations qualify, and why
      await page.locator('#qualifiers-link').click();
      await page.waitForURL(new RegExp(`/fondos/${callId}/organizaciones$`));
      const card = page.locator(`article[data-association="${BARRIO_ID}"]`);
      expect(await card.count()).toBe(1);
      expect(await card.getAttribute('data-eligibility')).toBe('eligible');
      expect(await card.locator('li[data-met]').count()).toBeGreaterThan(0);
      await checkPage(page, 'funds-desktop-qualifiers');
      // and from there, the association's own funds page
      await card.locator('h3 a').click();
      await page.waitForURL(new RegExp(`/organizaciones/${BARRIO_ID}/fondos$`));
      expect(await page.locator(`article[data-call="${callId}"]`).getAttribute('data-eligibility')).toBe('eligible');
      await checkPage(page, 'funds-desktop-association-matches');
    }));
});
