import type { Page } from 'playwright-core';
import { checkPage, launchBrowser, signedInPage, VIEWPORTS } from '../support/browser';
import { createTestApp, TestContext } from '../support/test-app';

jest.setTimeout(180_000);

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Issue 20 items 3 and 5 as a president meets them on a phone, from her start page: two actas waiting, the later one
 * says which to approve first (DOM-MTG-9) and links to it; a draft carries no number; an overdue commitment is
 * marked on the next agenda (DOM-MTG-4); removing an agenda point asks first.
 */
describe('actas in order and a careful agenda, in Chromium (a president on a phone)', () => {
  let ctx: TestContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const problems: string[] = [];
  const meetings: Record<'early' | 'late' | 'next', string> = { early: '', late: '', next: '' };

  beforeAll(async () => {
    ctx = await createTestApp({ listen: true });
    const a = await ctx.newAssociation({ name: 'Barrio Comercial Calle Balmaceda' });
    await ctx.newMember(a.id, { fullName: 'Marta Ossandón Rojas' });
    const user = await ctx.newUser({ name: 'Marta Ossandón Rojas', roles: [['association_officer', a.id]] });
    const token = await ctx.apiToken(user);
    const meeting = async (localStart: string) =>
      (
        await ctx.http
          .post(`/api/v1/associations/${a.id}/meetings`)
          .set(bearer(token))
          .send({ localStart, place: 'Sede' })
          .expect(201)
      ).body.id as string;
    meetings.early = await meeting('2026-03-03T19:30');
    meetings.late = await meeting('2026-03-10T19:30');
    meetings.next = await meeting('2026-03-24T19:30');
    for (const [id, commitments] of [
      [meetings.early, [{ description: 'Pedir luminarias', ownerName: 'Marta Ossandón Rojas', dueOn: '2026-03-09' }]],
      [meetings.late, []],
    ] as const)
      await ctx.http
        .put(`/api/v1/meetings/${id}/minutes`)
        .set(bearer(token))
        .send({ items: [{ title: 'Varios', notes: 'Se conversa.' }], commitments })
        .expect(200);
    await ctx.http
      .post(`/api/v1/meetings/${meetings.next}/agenda`)
      .set(bearer(token))
      .send({ title: 'Feria de Navidad' })
      .expect(201);
    browser = await launchBrowser(VIEWPORTS.phone);
    page = await signedInPage(browser.context, ctx.baseUrl!, user, problems);
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });
  afterEach(() => expect(problems.splice(0)).toEqual([]));

  it('the later acta says which one to approve first and leads there; once approved, the later one can be', async () => {
    expect(new URL(page.url()).pathname).toBe('/inicio');
    await page.goto(`${ctx.baseUrl}/reuniones/${meetings.late}/acta`);
    const waits = page.locator('#minutes-approval-waits');
    expect(await waits.innerText()).toContain('Primero apruebe el acta de la reunión del 03-03-2026');
    expect(await page.locator('#minutes-approve').count()).toBe(0);
    await checkPage(page, 'acta-order-phone-waits');
    await waits.getByRole('link').click();
    await page.waitForURL(new RegExp(`/reuniones/${meetings.early}/acta$`));
    const approve = page.locator('#minutes-approve');
    expect(await approve.innerText()).toBe('Aprobar el acta'); // no number before approval
    await approve.click();
    await page.waitForURL(new RegExp(`/reuniones/${meetings.early}/acta$`));
    expect(await page.locator('.alert-success').first().innerText()).toContain('N° 1');
    await page.goto(`${ctx.baseUrl}/reuniones/${meetings.late}/acta`);
    expect(await page.locator('#minutes-approval-waits').count()).toBe(0);
    expect(await page.locator('#minutes-approve').isVisible()).toBe(true);
  });

  it('the next agenda marks the overdue commitment, and removing a point asks first', async () => {
    await page.goto(`${ctx.baseUrl}/reuniones/${meetings.next}`);
    const overdue = page.locator('#agenda-items li', { hasText: 'Pedir luminarias' });
    expect(await overdue.locator('.badge').innerText()).toBe('Vencido');
    const point = page.locator('#agenda-items li', { hasText: 'Feria de Navidad' });
    const confirm = point.getByRole('button', { name: 'Sí, quitar' });
    expect(await confirm.isVisible()).toBe(false); // nothing is removed by a stray tap
    await point.locator('summary').click();
    expect(await point.innerText()).toContain('¿Quitar «Feria de Navidad» de la tabla?');
    await checkPage(page, 'acta-order-phone-remove-point');
    await Promise.all([page.waitForNavigation(), confirm.click()]);
    expect(await page.locator('#agenda-items').innerText()).not.toContain('Feria de Navidad');
  });
});
