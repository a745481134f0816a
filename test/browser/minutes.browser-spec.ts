import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { AuthService } from '../../src/auth/auth.service';
import { OutboxWorker } from '../../src/mail/outbox.worker';
import { MeetingsService } from '../../src/meetings/meetings.service';
import { checkPage as checkPageIn, launchBrowser, signedInPage, VIEWPORTS } from '../support/browser';
import { browserFlow } from '../support/browser-flow';
import { pdfText } from '../support/pdf-text';

jest.setTimeout(180_000);

const ASSOCIATION = 'Agrupación de Comerciantes de Calle Cordovez';

/**
 * Issue 8 as a president does it: she writes the acta of last week's meeting with an agreement and two commitments,
 * approves it, downloads the PDF, verifies its code on the public page, sends it (read from a real SMTP peer), and
 * finds the open commitments on the next meeting's agenda.
 */
describe('minutes in Chromium (a president at her computer)', () => {
  const flow = browserFlow({ smtpPeer: true, browser: VIEWPORTS.desktop });
  const { problems } = flow;
  let page: Page;
  let held: string;
  let next: string;
  let code: string;
  let downloaded: Buffer;

  const checkPage = (name: string) => checkPageIn(page, name);

  beforeAll(async () => {
    const a = await flow.ctx.newAssociation({ name: ASSOCIATION });
    const members: string[] = [];
    for (const [fullName, email] of [
      ['Marcela Araya Pizarro', 'marcela@example.cl'],
      ['Jorge Tapia Rivera', 'jorge@example.cl'],
      ['Lucía Fuentes Olivares', 'lucia@example.cl'],
      ['Pedro Castillo Vega', 'pedro@example.cl'],
    ] as const) {
      members.push((await flow.ctx.newMember(a.id, { fullName, email })).id);
    }
    const president = await flow.ctx.newUser({
      name: 'Marcela Araya Pizarro',
      email: 'presidenta@cordovez.cl',
      password: 'clave-de-prueba-123',
      roles: [['association_officer', a.id]],
    });
    const actor = (await flow.ctx.get<AuthService>(AuthService).actorForUser(president.id, 'session'))!;
    const meetings = flow.ctx.get<MeetingsService>(MeetingsService);
    held = (
      await meetings.createMeeting(actor, a.id, { localStart: '2026-03-10T19:30', place: 'Sede, Cordovez 339' }, {})
    ).id;
    next = (
      await meetings.createMeeting(actor, a.id, { localStart: '2026-03-24T19:30', place: 'Sede, Cordovez 339' }, {})
    ).id;
    await meetings.addAgendaItem(actor, held, { title: 'Seguridad en calle Cordovez' }, {});
    await meetings.setAttendance(
      actor,
      held,
      members.map((memberId, i) => ({ memberId, status: i < 3 ? 'present' : 'excused' })),
      {},
    );
    page = await signedInPage(flow.browser.context, flow.ctx.baseUrl as string, president, problems);
    expect(new URL(page.url()).pathname).toBe('/inicio'); // her start page (issue 20 item 1)
  });

  it('1. from the meeting she opens the acta, writes notes, an agreement with its votes and two commitments, and saves the draft', async () => {
    await page.goto(`${flow.ctx.baseUrl}/reuniones/${held}`);
    await page.click('#minutes-link');
    await page.waitForURL(/\/acta$/);
    expect(await page.inputValue('#item-0-title')).toBe('Seguridad en calle Cordovez');
    await page.fill('#item-0-notes', 'Se informa de la mesa técnica con Carabineros y la Municipalidad.');
    await page.fill('#agreement-0-text', 'Pedir rondas nocturnas en calle Cordovez');
    await page.fill('#agreement-0-for', '3');
    await page.fill('#agreement-0-against', '0');
    await page.fill('#agreement-0-abst', '0');
    await page.fill('#commitment-0-description', 'Redactar la carta a la Comisaría');
    await page.selectOption('#commitment-0-owner', { label: 'Jorge Tapia Rivera' });
    await page.fill('#commitment-0-dueOn', '2026-03-31');
    await page.fill('#commitment-1-description', 'Rondas nocturnas de jueves a sábado');
    await page.selectOption('#commitment-1-owner', 'institution');
    await page.fill('#commitment-1-ownerText', 'Carabineros de Chile');
    await page.fill('#commitment-1-dueOn', '2026-04-15');
    await checkPage('minutes-editor-desktop');
    await page.click('#minutes-save');
    await page.waitForURL(/\/acta$/);
    expect(await page.locator('.alert-success').innerText()).toContain('El borrador del acta quedó guardado.');
    expect(await page.locator('#agreement-outcomes').innerText()).toContain('Aprobado (Mayoría simple)');
  });

  it('2. DOM-MTG-9, -10: she approves it, downloads the PDF and verifies its code on the public page', async () => {
    await page.click('#minutes-approve');
    await page.waitForURL(/\/acta$/);
    code = (await page.locator('#minutes-code').innerText()).trim();
    expect(await page.locator('.alert-success').innerText()).toContain(
      `El acta N° 1 quedó aprobada. Código de verificación: ${code}.`,
    );
    await checkPage('minutes-approved-desktop');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#minutes-pdf')]);
    expect(download.suggestedFilename()).toBe('acta-2026-03-10-agrupacion-de-comerciantes-de-calle-cordovez.pdf');
    downloaded = fs.readFileSync((await download.path())!);
    const text = (await pdfText(downloaded)).text.replace(/\s+/g, ' ');
    expect(text).toContain(
      'Quórum en primera citación: se requerían 3 socios presentes (la mayoría absoluta de los 4 socios activos); asistieron 3. Hubo quórum.',
    );
    expect(text).toContain(
      'Acuerdo N° 1: Pedir rondas nocturnas en calle Cordovez. Votación: 3 votos a favor, 0 en contra, 0 abstenciones (mayoría simple). Resultado: APROBADO.',
    );
    expect(text).toContain('Carabineros de Chile');
    await page.goto(`${flow.ctx.baseUrl}/verificar`);
    await page.fill('#codigo', code);
    await page.locator('form[action="/verificar"] button[type=submit]').click();
    await page.waitForURL(/\/verificar\//);
    expect(await page.locator('.alert[role=status]').innerText()).toContain(
      'Válido: el documento fue emitido por Quórum y está vigente.',
    );
    expect(await page.locator('main').innerText()).toContain(`Acta N° 1 de ${ASSOCIATION}`);
  });

  it("3. she sends it: each member gets the identical PDF once; the next meeting's agenda shows the open commitments", async () => {
    await page.goto(`${flow.ctx.baseUrl}/reuniones/${held}/acta`);
    await page.click('#minutes-send');
    await page.waitForURL(/\/acta$/);
    expect(await page.locator('.alert-success').innerText()).toContain('a 4 socios');
    expect(await flow.ctx.get<OutboxWorker>(OutboxWorker).runOnce()).toMatchObject({ sent: 4, failed: 0 });
    const mails = await flow.peer.waitFor(4);
    for (const mail of mails) expect(mail.attachments.map((x) => x.content.equals(downloaded))).toEqual([true]);
    await page.goto(`${flow.ctx.baseUrl}/reuniones/${next}`);
    const agenda = await page.locator('#agenda-items li').allInnerTexts();
    expect(agenda.some((t) => t.includes('Redactar la carta a la Comisaría') && t.includes('Jorge Tapia Rivera'))).toBe(
      true,
    );
    expect(
      agenda.some((t) => t.includes('Rondas nocturnas de jueves a sábado') && t.includes('Carabineros de Chile')),
    ).toBe(true);
    await checkPage('minutes-next-agenda-desktop');
  });

  it('4. on a phone the editor and the approved acta fit the screen and pass the accessibility check', async () => {
    const phone = await launchBrowser(VIEWPORTS.phone);
    const desktop = page;
    try {
      page = await phone.context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${flow.ctx.baseUrl}/ingresar`);
      await page.fill('#email', 'presidenta@cordovez.cl');
      await page.fill('#password', 'clave-de-prueba-123');
      await page.click('form[action="/ingresar"] button[type=submit]');
      await page.waitForURL(/\/inicio$/);
      await page.goto(`${flow.ctx.baseUrl}/reuniones/${next}/acta`);
      expect(await page.locator('#minutes-form').count()).toBe(1);
      await checkPage('minutes-editor-phone');
      await page.goto(`${flow.ctx.baseUrl}/reuniones/${held}/acta`);
      expect(await page.locator('#minutes-approved').count()).toBe(1);
      await checkPage('minutes-approved-phone');
    } finally {
      page = desktop;
      await phone.close();
    }
  });
});
