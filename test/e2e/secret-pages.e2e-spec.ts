import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTestApp, TestContext } from '../support/test-app';
import { newLaSerenaTable } from '../support/table-fixtures';
import { bearer } from '../support/api-problem';

/** Every controller file of the app, read as text (the route list below must cover what they declare). */
function controllerSources(): { file: string; text: string }[] {
  const root = path.join(__dirname, '../../src');
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.controller.ts')) out.push({ file: full, text: readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return out;
}

/**
 * Issue 22 item 9: a page whose address or form carries a secret (a password link's token, a shared board's or a
 * calendar feed's secret path) is never cached: `Cache-Control: no-store`, also when it is answered signed out.
 */
describe('pages that carry secrets are never cached', () => {
  let ctx: TestContext;
  let officer: string;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    officer = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
  });
  afterAll(() => ctx.close());

  /** The page routes with a secret in their address or form, each checked below. */
  const CHECKED = [
    'GET clave/nueva',
    'POST clave/nueva',
    'GET mesas/compartida/:token',
    'GET calendario/:file',
    // issue 18: the fund calendar's feed; issue 19: a market waitlist offer's link and Mis semanas' feed
    'GET fondos/calendario/:token.ics',
    'GET semanas/oferta/:token',
    'POST semanas/oferta/:token',
    'POST semanas/oferta/:token/rechazar',
    'GET mis-semanas/calendario/:file',
  ];

  it('the list checked here is every page route that takes a token (a new one must be added to this test)', () => {
    const found = new Set<string>();
    for (const { text } of controllerSources()) {
      // the controller's prefix (`@Controller('semanas/oferta')`), then each route declaration up to the next one
      const prefix = /@Controller\('([^']*)'\)/.exec(text)?.[1] ?? '';
      const decls = text.split(/(?=@(?:Get|Post|Put|Patch|Delete)\(')/).slice(1);
      for (const decl of decls) {
        const [, method, own] = /^@(\w+)\('([^']*)'\)/.exec(decl)!;
        const route = [prefix, own].filter(Boolean).join('/');
        if (route.startsWith('api/')) continue; // the API is Bearer-only JSON
        const secret =
          /:token|calendario\/:file/.test(route) || /@Query\('token'\)/.test(decl) || /SetPasswordDto/.test(decl);
        if (secret) found.add(`${method.toUpperCase()} ${route}`);
      }
    }
    expect([...found].sort()).toEqual([...CHECKED].sort());
  });

  it('the new-password page, opened from its link, and its refusal keeping the token: no-store', async () => {
    await ctx.http
      .post('/api/v1/users')
      .set(bearer(await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }))))
      .send({ email: 'nueva.persona@example.cl', name: 'Nueva Persona', roles: [] })
      .expect(201);
    const [mail] = await ctx.query<{ text: string }>(`SELECT text FROM outbox_message WHERE to_address = $1`, [
      'nueva.persona@example.cl',
    ]);
    const token = /clave\/nueva\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const page = await ctx.http.get(`/clave/nueva?token=${token}`).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    // an expired or unknown token too (the answer still echoes the address)
    expect((await ctx.http.get('/clave/nueva?token=inventado')).headers['cache-control']).toBe('no-store');

    const form = await ctx.openForm(`/clave/nueva?token=${token}`);
    const refused = await form.submit('/clave/nueva', { token, password: 'una clave', passwordConfirmation: 'otra' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(token); // the form keeps the token, so the page must not be stored
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('the shared board, signed out: no-store', async () => {
    const tableId = await newLaSerenaTable(ctx, officer, 'Mesa de seguridad de Las Compañías');
    const share = (
      await ctx.http
        .post(`/api/v1/tables/${tableId}/share-links`)
        .set(bearer(officer))
        .send({ label: 'Vecinos sin cuenta' })
        .expect(201)
    ).body as { url: string };
    const page = await ctx.http.get(new URL(share.url).pathname).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('the calendar feed at its secret address: no-store', async () => {
    const a = await ctx.newAssociation({ name: 'Junta de Vecinos Villa El Indio' });
    const officerOfA = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', a.id]] }));
    const { url } = (
      await ctx.http.post(`/api/v1/associations/${a.id}/calendar-feed`).set(bearer(officerOfA)).expect(201)
    ).body as { url: string };
    const feed = await ctx.http.get(new URL(url).pathname).expect(200);
    expect(feed.headers['cache-control']).toBe('no-store');
  });

  it("the fund calendar's feed, Mis semanas' feed and a market waitlist offer's link: no-store, found or not", async () => {
    const user = await ctx.apiToken(await ctx.newUser());
    const { url } = (await ctx.http.post('/api/v1/fund-feeds').set(bearer(user)).send({}).expect(201)).body as {
      url: string;
    };
    const feed = await ctx.http.get(new URL(url).pathname).expect(200);
    expect(feed.headers['cache-control']).toBe('no-store');
    for (const path of [
      '/fondos/calendario/inventadoinventadoinventado.ics',
      '/mis-semanas/calendario/inventadoinventadoinventado.ics',
      '/semanas/oferta/inventadoinventadoinventado',
    ]) {
      const res = await ctx.http.get(path);
      expect([path, res.status, res.headers['cache-control']]).toEqual([path, 404, 'no-store']);
    }
    // declining an offer from its link, without the form's CSRF token: refused, and not stored either
    const declined = await ctx.http.post('/semanas/oferta/inventadoinventadoinventado/rechazar').type('form').send({});
    expect([declined.status, declined.headers['cache-control']]).toEqual([403, 'no-store']);
  });
});
