import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { OutboxWorker } from '../../src/mail/outbox.worker';
import { checkPage as checkPageIn, VIEWPORTS } from '../support/browser';
import { browserFlow, watchedPage } from '../support/browser-flow';

jest.setTimeout(180_000);

const ASSOCIATION = 'Agrupación de Comerciantes del Paseo Peatonal';

/**
 * Issue 7 as a president does it on a phone: a biweekly series, the next meeting convened (the notice and its
 * ICS read from a real SMTP peer), attendance marked one tap at a time while the quorum indicator changes.
 */
describe('meetings in Chromium (a president on a phone)', () => {
  const flow = browserFlow({ smtpPeer: true, browser: VIEWPORTS.phone });
  const { problems } = flow;
  let page: Page;
  let associationId: string;

  const checkPage = (name: string) => checkPageIn(page, name);

  beforeAll(async () => {
    const a = await flow.ctx.newAssociation({ name: ASSOCIATION, contactEmail: 'directiva@paseopeatonal.cl' });
    associationId = a.id;
    for (const [fullName, email] of [
      ['Marcela Araya Pizarro', 'marcela@example.cl'],
      ['Jorge Tapia Rivera', 'jorge@example.cl'],
      ['Lucía Fuentes Olivares', 'lucia@example.cl'],
      ['Pedro Castillo Vega', null],
      ['Sonia Rojas Muñoz', 'sonia@example.cl'],
    ] as const) {
      await flow.ctx.newMember(a.id, { fullName, ...(email ? { email } : {}) });
    }
    page = await watchedPage(flow.browser.context, problems);
  });

  it('1. the president schedules a meeting every two weeks on Tuesdays at 19:30', async () => {
    const president = await flow.ctx.newUser({
      name: 'Marcela Araya Pizarro',
      roles: [['association_officer', associationId]],
    });
    await page.goto(`${flow.ctx.baseUrl}/ingresar`);
    await page.fill('#email', president.email);
    await page.fill('#password', president.password);
    await page.click('form[action="/ingresar"] button[type=submit]');
    await page.waitForURL(/\/inicio$/); // her start page: no meeting yet, the association one tap away
    expect(await page.locator('main').innerText()).toContain('No hay reuniones programadas.');
    await page.locator('main a', { hasText: ASSOCIATION }).click();
    await page.locator('a', { hasText: 'Reuniones' }).first().click();
    await page.waitForURL(/\/reuniones$/);
    expect(await page.locator('#no-upcoming').innerText()).toBe('No hay reuniones programadas.');
    await page.fill('#localStart', '2026-03-24T19:30');
    await page.selectOption('#cadence', 'biweekly');
    await page.fill('#count', '6');
    await page.fill('#place', 'Café Plaza de Armas, Prat 470');
    await page.locator('form[action$="/reuniones/serie"] button[type=submit]').click();
    await page.waitForURL(/\/reuniones$/);
    expect(await page.locator('.alert-success').innerText()).toContain('Se programaron 6 reuniones.');
    const dates = await page.locator('#upcoming li a').allInnerTexts();
    expect(dates).toEqual([
      '24-03-2026 19:30',
      '07-04-2026 19:30',
      '21-04-2026 19:30',
      '05-05-2026 19:30',
      '19-05-2026 19:30',
      '02-06-2026 19:30',
    ]);
    await checkPage('meetings-calendar-phone');
  });

  it("2. DOM-MTG-3: she adds an agenda item and convenes the next meeting; the notice and its ICS arrive at the members' mailboxes", async () => {
    await page.locator('#upcoming li a').first().click();
    await page.waitForURL(/\/reuniones\/[0-9a-f-]{36}$/);
    await page.fill('#title', 'Iluminación del paseo peatonal');
    await page.locator('form[action$="/temario"] button[type=submit]').click();
    await page.waitForURL(/\/reuniones\/[0-9a-f-]{36}#agenda$/);
    expect(await page.locator('#agenda-items').innerText()).toContain('Iluminación del paseo peatonal');
    await page.locator('a', { hasText: 'Convocar' }).click();
    await page.waitForURL(/\/convocatoria$/);
    expect(await page.locator('#notice').innerText()).toContain('Fecha y hora: martes 24-03-2026 a las 19:30');
    expect(await page.locator('#recipients').innerText()).toContain('Destinatarios con correo: 4. Sin correo (1)');
    expect(await page.inputValue('#share-text')).toContain('1. Iluminación del paseo peatonal');
    await checkPage('meetings-convocation-phone');
    await page.locator('form[action$="/convocatoria"] button[type=submit]').click();
    await page.waitForURL(/\/reuniones\/[0-9a-f-]{36}$/);
    expect(await page.locator('.alert-success').innerText()).toContain(
      'La convocatoria se enviará por correo a 4 socios.',
    );

    expect(await flow.ctx.get<OutboxWorker>(OutboxWorker).runOnce()).toMatchObject({ sent: 4, failed: 0 });
    const mails = await flow.peer.waitFor(4);
    const addresses = mails.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0].address).sort();
    expect(addresses).toEqual(['jorge@example.cl', 'lucia@example.cl', 'marcela@example.cl', 'sonia@example.cl']);
    for (const mail of mails) {
      expect(mail.text).toContain('Lugar: Café Plaza de Armas, Prat 470');
      expect(mail.text).toContain('1. Iluminación del paseo peatonal');
      const ics = mail.attachments.find((x) => x.filename === 'invitacion.ics')!.content.toString('utf8');
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
      expect([event.startDate.toJSDate().toISOString(), event.location]).toEqual([
        '2026-03-24T22:30:00.000Z',
        'Café Plaza de Armas, Prat 470',
      ]);
    }
  });

  it('3. DOM-MTG-5, -6: she marks attendance one tap per member and watches the quorum change', async () => {
    await page.locator('a', { hasText: 'Tomar asistencia' }).click();
    await page.waitForURL(/\/asistencia$/);
    const figures = () => page.locator('#quorum-figures').innerText();
    expect(await figures()).toBe('Presentes: 0 de 3 necesarios — sin quórum');
    await checkPage('meetings-attendance-empty-phone');
    const tap = async (name: string, mark: string) => {
      await page.locator(`button[aria-label="${mark}: ${name}"]`).click();
      await page.waitForURL(/\/asistencia#m-/);
    };
    await tap('Marcela Araya Pizarro', 'Presente');
    expect(await figures()).toBe('Presentes: 1 de 3 necesarios — sin quórum');
    await tap('Jorge Tapia Rivera', 'En línea');
    await tap('Lucía Fuentes Olivares', 'Justificado'); // excused does not count
    expect(await figures()).toBe('Presentes: 2 de 3 necesarios — sin quórum');
    await tap('Pedro Castillo Vega', 'Presente');
    expect(await figures()).toBe('Presentes: 3 de 3 necesarios — hay quórum');
    expect(await page.locator('#quorum').getAttribute('data-reached')).toBe('true');
    expect(await page.locator(`button[aria-label="En línea: Jorge Tapia Rivera"]`).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await checkPage('meetings-attendance-quorum-phone');
    await tap('Marcela Araya Pizarro', 'Ausente');
    expect(await figures()).toBe('Presentes: 2 de 3 necesarios — sin quórum');
  });
  it('4. issue 20 item 3, DOM-MTG-2: she records a single extraordinary meeting for a reform of the statutes, and removes a meeting recorded by mistake', async () => {
    await page.goto(`${flow.ctx.baseUrl}/organizaciones/${associationId}/reuniones`);
    const single = async (start: string, kind: string) => {
      await page.fill('#singleStart', start);
      await page.selectOption('#singleKind', kind);
      await page.fill('#singlePlace', 'Sede del gremio, Prat 470');
      await page.locator('#single-meeting button[type=submit]').click();
      await page.waitForURL(/\/reuniones\/[0-9a-f-]{36}$/);
    };
    await single('2026-04-30T19:00', 'extraordinary');
    expect(await page.locator('#meeting-kind').innerText()).toBe('Extraordinaria');
    // the reform of the statutes is a point of this meeting, marked as a matter for an extraordinary meeting
    await page.fill('#title', 'Reforma del artículo 12 de los estatutos');
    await page.selectOption('#matter', 'statute_reform');
    await page.locator('form[action$="/temario"] button[type=submit]').click();
    await page.waitForURL(/#agenda$/);
    expect(await page.locator('#agenda-items').innerText()).toContain(
      'Reunión extraordinaria: reforma de los estatutos',
    );
    await checkPage('meetings-extraordinary-phone');

    // an ordinary meeting recorded by mistake on the same evening: the same point is refused there, then it is removed
    await page.goto(`${flow.ctx.baseUrl}/organizaciones/${associationId}/reuniones`);
    await single('2026-04-30T19:30', 'ordinary');
    const mistaken = page.url();
    await page.fill('#title', 'Reforma del artículo 12 de los estatutos');
    await page.selectOption('#matter', 'statute_reform');
    await page.locator('form[action$="/temario"] button[type=submit]').click();
    expect(await page.locator('#matter-error').innerText()).toContain('se decide solo en una reunión extraordinaria');
    expect(await page.inputValue('#title')).toBe('Reforma del artículo 12 de los estatutos');
    await page.goto(mistaken);
    await page.check('#confirm');
    await page.locator('#remove-meeting button[type=submit]').click();
    await page.waitForURL(/\/reuniones$/);
    expect(await page.locator('.alert-success').innerText()).toContain('La reunión se eliminó del calendario.');
    const upcoming = await page.locator('#upcoming').innerText();
    expect(upcoming).toContain('30-04-2026 19:00');
    expect(upcoming).not.toContain('30-04-2026 19:30');
    await checkPage('meetings-calendar-after-removal-phone');
  });
});
