import type { Page } from 'playwright-core';
import { OutboxWorker } from '../../src/mail/outbox.worker';
import { DEMO_PASSWORD } from '../../src/startup/demo.loader';
import { DEMO_TABLES } from '../../src/tables/tables.demo';
import { checkPage as checkPageIn, launchBrowser, VIEWPORTS } from '../support/browser';
import { browserFlow } from '../support/browser-flow';

jest.setTimeout(240_000); // the demo data loads before the first page

const TABLE = DEMO_TABLES[0].name; // La Serena's technical security table
const CARABINEROS = 'Carabineros de Chile, 1.ª Comisaría de La Serena';
/** The coordinator of La Serena's technical security table. */
const COORDINATOR = { email: 'seguridad.centro@laserena.demo.quorum.cl', password: DEMO_PASSWORD };
const INVITEE = { name: 'Teniente Camila Rojas Vega', email: 'c.rojas@carabineros.demo.quorum.cl' };

/**
 * Issue 20 item 2 "Done when", on the demo data: the coordinator of La Serena's technical table adds a new
 * Carabineros representative and gives her an account from the table's page (desktop, then the page on a phone);
 * the invitation comes through a real SMTP peer, names Carabineros, the table and the role; on her phone she opens
 * the link, sets a password, signs in, lands on Inicio and records progress on Carabineros' commitment.
 */
describe('onboarding a representative in Chromium', () => {
  const flow = browserFlow({ app: { env: { DEMO: 'true', LOGIN_RATE_LIMIT: '1000' } }, smtpPeer: true });
  const { problems } = flow;
  let link: string;

  const drainOutbox = async () => {
    const worker = flow.ctx.get<OutboxWorker>(OutboxWorker);
    for (let i = 0; i < 100 && (await worker.runOnce()).claimed > 0; i++);
  };

  beforeAll(async () => {
    await drainOutbox(); // the demo's own mails first: what follows is only the invitation
    flow.peer.messages.splice(0);
  });

  it('the coordinator adds a Carabineros representative and gives her an account; the page says the mail is queued (desktop and phone)', async () => {
    await flow.signedIn(VIEWPORTS.desktop, COORDINATOR, async (page) => {
      await page.waitForURL(/\/inicio$/);
      await page.locator('[data-section="tables"] h3 a', { hasText: TABLE }).click();
      await page.waitForURL(/\/mesas\/[0-9a-f-]{36}$/);
      const tableUrl = page.url();
      // the demo representative of Carabineros already has an account: the row says so
      const demoRow = page.locator('#participants tbody tr', { hasText: 'Mayor Rodrigo Fuentes Vega' }).first();
      expect(await demoRow.locator('[data-account="yes"]').innerText()).toBe('Tiene cuenta');
      await checkPageIn(page, 'onboarding-table-desktop');

      await page.locator('#participants summary').click();
      await page.selectOption('#institutionId', { label: CARABINEROS });
      await page.fill('#name', INVITEE.name);
      await page.fill('#role', 'Jefa de la oficina de integración comunitaria');
      await page.click('form[action$="/participantes"] button[type=submit]');
      await page.waitForURL(/#participants$/);
      const row = page.locator('#participants tbody tr', { hasText: INVITEE.name });
      // no e-mail recorded: she types it in the row, and gives the account
      await row.locator('input[name="accountEmail"]').fill(INVITEE.email);
      await row.locator('button', { hasText: 'Dar cuenta' }).click();
      await page.waitForURL(/#participants$/);
      expect(await page.locator('.alert-success').innerText()).toContain(
        `Invitación enviada a ${INVITEE.email}: el correo quedó en cola de envío`,
      );
      expect(await row.locator('[data-account="yes"]').innerText()).toBe('Tiene cuenta');
      await checkPageIn(page, 'onboarding-account-given-desktop');

      // the same page on a phone: nothing scrolls sideways, the rows and forms readable
      await flow.signedIn(VIEWPORTS.phone, COORDINATOR, async (small) => {
        await small.goto(tableUrl);
        await small.locator('#coordinators summary').click();
        await checkPageIn(small, 'onboarding-table-phone');
      });
    });

    await drainOutbox();
    const mail = flow.peer.messages.find((m) => JSON.stringify(m.to).includes(INVITEE.email));
    expect(mail).toBeDefined();
    expect(mail!.text).toContain(`Su cuenta es para: Representante de ${CARABINEROS} en ${TABLE}`);
    link = /(https?:\/\/[^\s]+\/clave\/nueva\?token=[A-Za-z0-9_-]+)/.exec(mail!.text ?? '')![1];
  });

  it('the invitee opens the link on her phone, sets a password, lands on Inicio and records progress on Carabineros’ commitment', async () => {
    const browser = await launchBrowser(VIEWPORTS.phone);
    try {
      const page: Page = await browser.context.newPage();
      page.on('console', (m) => m.type() === 'error' && problems.push(`${page.url()}: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
      // the mail's link, on this portal's address
      await page.goto(`${flow.ctx.baseUrl}${new URL(link).pathname}${new URL(link).search}`);
      await checkPageIn(page, 'onboarding-set-password-phone');
      await page.fill('#password', 'clave de la teniente');
      await page.fill('#passwordConfirmation', 'clave de la teniente');
      await page.click('form[action="/clave/nueva"] button[type=submit]');
      await page.waitForURL(/\/ingresar/);
      await page.fill('#email', INVITEE.email);
      await page.fill('#password', 'clave de la teniente');
      await page.click('form[action="/ingresar"] button[type=submit]');
      await page.waitForURL(/\/inicio$/);
      expect(await page.locator('h1').innerText()).toBe('Inicio');
      const section = page.locator('[data-section="tables"]');
      expect(await section.innerText()).toContain(TABLE);
      await checkPageIn(page, 'onboarding-start-phone');
      await section.locator('a', { hasText: 'Más presencia policial en O’Higgins' }).first().click();
      await page.waitForURL(/\/compromisos\/[0-9a-f-]{36}$/);
      await page.selectOption('#status', 'in_progress');
      await page.fill('#progress', '75');
      await page.fill(
        '#note',
        'Rondas también los jueves desde esta semana, con la dotación de la oficina comunitaria.',
      );
      await checkPageIn(page, 'onboarding-commitment-phone');
      await page.click('form[action$="/avance"] button[type=submit]');
      await page.waitForURL(/\/compromisos\/[0-9a-f-]{36}$/);
      expect(await page.locator('.alert-success').innerText()).toBeTruthy();
      expect(await page.locator('#history').innerText()).toContain('Rondas también los jueves desde esta semana');
      expect(await page.locator('#history').innerText()).toContain(INVITEE.name);
      expect(await page.locator('#commitment-status').innerText()).toContain('75 %');
    } finally {
      await browser.close();
    }
  });
});
