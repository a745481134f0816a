import { Public } from '../../src/common/access/decorators';
import { Controller, Get, Module } from '@nestjs/common';
import { createTestApp, TestContext } from '../support/test-app';

@Public()
@Controller('__test')
class ThrowingController {
  @Get('boom')
  boom(): never {
    throw new Error('secreto interno: password=hunter2 at Object.<anonymous> (/srv/app.ts:1:1)');
  }
}
@Module({ controllers: [ThrowingController] })
class ThrowingModule {}

describe('web shell', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ imports: [ThrowingModule] });
    await ctx.newOnboardedMunicipality({ communeCode: '04101' });
    await ctx.newOnboardedMunicipality({ communeCode: 'PE-130102', officeName: 'Gerencia de Seguridad Ciudadana' });
  });
  afterAll(() => ctx.close());

  it('serves a Spanish home page that says what the portal is for and for whom', async () => {
    const res = await ctx.http
      .get('/')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(res.text).toContain('<html lang="es-CL">');
    expect(res.text).toContain('Quórum: reuniones, actas y registro de organizaciones comunitarias');
    for (const who of ['Presidentes y secretarios', 'Ejecutivos de programas', 'Ministros de fe municipales'])
      expect(res.text).toContain(who);
    // the municipalities using the portal, from the database
    expect(res.text).toContain('Municipalidad de La Serena');
    expect(res.text).toContain('Municipalidad Distrital de El Porvenir');
    expect(res.text).toContain('2 municipios');
    // Bootstrap comes from npm under /assets, never from a CDN
    expect(res.text).toContain('href="/assets/vendor/bootstrap/css/bootstrap.min.css"');
    expect(res.text).not.toMatch(/https?:\/\/(cdn|unpkg|fonts\.googleapis)/);
  });

  it('serves Bootstrap and the house stylesheet from /assets', async () => {
    const css = await ctx.http.get('/assets/vendor/bootstrap/css/bootstrap.min.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    expect(css.text).toContain('Bootstrap');
    await ctx.http.get('/assets/css/quorum.css').expect(200);
    await ctx.http.get('/assets/../package.json').expect(404);
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const res = await ctx.http.get('/?lang=en').expect(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Who is it for?');
    const cookie = res.headers['set-cookie'] as unknown as string[];
    expect(cookie.join(';')).toMatch(/quorum_lang=en;.*HttpOnly/);
    const again = await ctx.http.get('/comunas').set('Cookie', 'quorum_lang=en').expect(200);
    expect(again.text).toContain('Communes and municipalities');
    const back = await ctx.http.get('/comunas?lang=es').set('Cookie', 'quorum_lang=en').expect(200);
    expect(back.text).toContain('Comunas y municipios');
  });

  it('shows a flash message once, from a known dictionary key only', async () => {
    const flash = (messages: unknown) => `quorum_flash=${Buffer.from(JSON.stringify(messages)).toString('base64url')}`;
    const res = await ctx.http
      .get('/')
      .set('Cookie', flash([{ type: 'success', key: 'flash.saved' }]))
      .expect(200);
    expect(res.text).toContain('<div class="alert alert-success" role="status">Los cambios se guardaron.</div>');
    expect((res.headers['set-cookie'] as unknown as string[]).join(';')).toMatch(/quorum_flash=;/);
    const forged = await ctx.http
      .get('/')
      .set('Cookie', flash([{ type: 'danger', key: '<script>alert(1)</script>' }]))
      .expect(200);
    expect(forged.text).not.toContain('alert(1)');
    expect(forged.text).not.toContain('class="alert');
  });

  it('answers an unknown path with a Spanish 404 page', async () => {
    const res = await ctx.http
      .get('/no-existe/para-nada')
      .expect(404)
      .expect('Content-Type', /text\/html/);
    expect(res.text).toContain('Página no encontrada');
    expect(res.text).toContain('Volver al inicio');
    expect(res.text).toContain('<html lang="es-CL">');
  });

  it('answers an unknown API path with problem+json', async () => {
    const res = await ctx.http.get('/api/v1/no-existe').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status: 404, title: 'Página no encontrada' });
  });

  it('shows a Spanish 500 page with a request id and no internals when something breaks', async () => {
    const res = await ctx.http.get('/__test/boom').set('X-Request-Id', 'soporte-12345678').expect(500);
    expect(res.text).toContain('Ocurrió un error');
    expect(res.text).toContain('soporte-12345678');
    expect(res.headers['x-request-id']).toBe('soporte-12345678');
    for (const leak of ['secreto', 'hunter2', 'Object.&lt;anonymous&gt;', '/srv/app.ts', 'Error:'])
      expect(res.text).not.toContain(leak);
    const json = await ctx.http.get('/__test/boom').set('Accept', 'application/json').expect(500);
    expect(json.text).not.toContain('secreto');
    expect(json.body).toBeDefined();
  });

  it('sends security headers on 200, 303, 404 and 500: CSP without inline script, no framing, nosniff', async () => {
    const cases: [string, number][] = [
      ['/', 200],
      ['/verificar?codigo=ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23', 303],
      ['/no-existe', 404],
      ['/__test/boom', 500],
      ['/assets/css/quorum.css', 200],
      ['/api/v1/communes?q=serena', 200],
    ];
    for (const [path, status] of cases) {
      const res = await ctx.http.get(path).expect(status);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('lists communes with search that ignores accents and case', async () => {
    const res = await ctx.http.get('/comunas?q=ALAMOS').expect(200);
    expect(res.text).toContain('Los Álamos');
    expect(res.text).toContain('1 comuna');
    const all = await ctx.http.get('/comunas').expect(200);
    expect(all.text).toContain('352 comunas'); // 346 in Chile and 6 Trujillo districts
  });

  it('refuses unknown query parameters on a page with a Spanish 400 naming the field', async () => {
    const res = await ctx.http.get('/comunas?admin=1').expect(400);
    expect(res.text).toContain('El campo admin no está permitido.');
  });
});
