import { DocumentStore, IssuedDocumentView } from '../../src/documents/document-store.service';
import { PdfRenderer } from '../../src/documents/pdf-renderer';
import { createTestApp, TestContext } from '../support/test-app';

describe('public document verification', () => {
  let ctx: TestContext;
  let valid: IssuedDocumentView;
  let old: IssuedDocumentView;

  beforeAll(async () => {
    ctx = await createTestApp({ env: { VERIFY_RATE_LIMIT: '1000' } });
    const store = ctx.get<DocumentStore>(DocumentStore);
    const renderer = ctx.get<PdfRenderer>(PdfRenderer);
    const issue = (subject: string) =>
      store.issue(
        {
          kind: 'constitution_certificate',
          ownerType: 'association',
          ownerId: 'a-1',
          communeCode: '04101',
          subject,
          filename: 'certificado.pdf',
          render: (verification) =>
            renderer.render({
              organisation: { name: 'Municipalidad de La Serena' },
              title: subject,
              blocks: [{ type: 'paragraph', text: 'Presidenta: María José Núñez, RUT 12.345.678-5' }],
              verification,
            }),
        },
        ctx.dataSource.manager,
      );
    old = await issue('Certificado de constitución de Barrio Patrimonial La Serena');
    valid = await issue('Certificado de constitución de Barrio Patrimonial La Serena (corregido)');
    await store.supersede(old.id, valid.id, 'corrección', ctx.dataSource.manager);
  });
  afterAll(() => ctx.close());

  it('shows an issued document as valid, in Spanish, with kind, subject, date and hash and no personal data', async () => {
    const res = await ctx.http.get(`/verificar/${valid.verificationCode}`).expect(200);
    expect(res.text).toContain('Válido: el documento fue emitido por Quórum y está vigente.');
    expect(res.text).toContain('Certificado de constitución');
    expect(res.text).toContain('Barrio Patrimonial La Serena (corregido)');
    expect(res.text).toContain(valid.sha256);
    expect(res.text).toContain('17-03-2026'); // issued on the pinned clock's date, shown dd-mm-yyyy
    expect(res.text).not.toContain('María José');
    expect(res.text).not.toContain('12.345.678');
  });

  it('says when a document was superseded', async () => {
    const res = await ctx.http.get(`/verificar/${old.verificationCode.toLowerCase()}`).expect(200);
    expect(res.text).toContain('Reemplazado: existe una versión más reciente de este documento.');
    expect(res.text).not.toContain('Válido:');
  });

  it("DOM-FMT-2: shows the date in the issuing municipality's time zone, and says when a document was revoked", async () => {
    const store = ctx.get<DocumentStore>(DocumentStore);
    const em = ctx.dataSource.manager;
    const trujillo = await store.issue(
      {
        kind: 'minutes',
        ownerType: 'meeting',
        ownerId: 'm-pe',
        communeCode: 'PE-130102',
        timeZone: 'America/Lima',
        subject: 'Acta de la Junta Vecinal de Seguridad',
        filename: 'acta.pdf',
        render: (verification) =>
          ctx
            .get<PdfRenderer>(PdfRenderer)
            .render({ organisation: { name: 'JV' }, title: 'Acta', blocks: [], verification }),
      },
      em,
    );
    // the pinned clock is 15:00 UTC: 12:00 in Santiago (summer time), 10:00 in Lima
    expect((await ctx.http.get(`/verificar/${trujillo.verificationCode}`).expect(200)).text).toContain(
      '17-03-2026 10:00',
    );
    expect((await ctx.http.get(`/verificar/${valid.verificationCode}`).expect(200)).text).toContain('17-03-2026 12:00');
    await store.revoke(trujillo.id, 'emitido por error', em);
    const revoked = await ctx.http.get(`/verificar/${trujillo.verificationCode}?lang=en`).expect(200);
    expect(revoked.text).toContain('Revoked: this document is no longer valid.');
    expect(revoked.text).toContain('Meeting minutes');
  });

  it('answers an unknown code with a Spanish 404 page', async () => {
    const res = await ctx.http.get('/verificar/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ').expect(404);
    expect(res.text).toContain('No existe un documento con ese código de verificación.');
    expect(res.text).toContain('<html lang="es-CL">');
  });

  it('the form sends a typed code to its page and keeps a malformed one with a Spanish message', async () => {
    await ctx.http.get('/verificar').expect(200);
    const redirect = await ctx.http
      .get(`/verificar?codigo=${encodeURIComponent(valid.verificationCode.replace(/-/g, ' '))}`)
      .expect(303);
    expect(redirect.headers.location).toBe(`/verificar/${valid.verificationCode.replace(/-/g, '')}`);
    const bad = await ctx.http.get('/verificar?codigo=abc%3Cb%3E').expect(400);
    expect(bad.text).toContain('El código de verificación no tiene el formato correcto');
    expect(bad.text).toContain('value="abc&lt;b&gt;"');
  });

  it('GET /api/v1/verify/:code gives kind, issuedAt, status, sha256 and subject', async () => {
    const res = await ctx.http.get(`/api/v1/verify/${valid.verificationCode}`).expect(200);
    expect(res.body).toEqual({
      kind: 'constitution_certificate',
      issuedAt: '2026-03-17T15:00:00.000Z',
      status: 'valid',
      sha256: valid.sha256,
      subject: 'Certificado de constitución de Barrio Patrimonial La Serena (corregido)',
      verificationCode: valid.verificationCode,
    });
    expect((await ctx.http.get(`/api/v1/verify/${old.verificationCode}`).expect(200)).body.status).toBe('superseded');
    const missing = await ctx.http.get('/api/v1/verify/nope').expect(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.parse(missing.text).code).toBe('DOCUMENT_NOT_FOUND');
  });
});

describe('verification rate limit', () => {
  it('refuses the 6th lookup in a minute from one IP with 429 and Retry-After (VERIFY_RATE_LIMIT=5)', async () => {
    const ctx = await createTestApp({ env: { VERIFY_RATE_LIMIT: '5' } });
    try {
      for (let i = 0; i < 5; i++) await ctx.http.get('/api/v1/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ').expect(404);
      const refused = await ctx.http.get('/api/v1/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ').expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const page = await ctx.http.get('/verificar/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ').expect(429);
      expect(page.text).toContain('Demasiados intentos');
      await ctx.http.get('/').expect(200); // other pages are not limited
    } finally {
      await ctx.close();
    }
  });
});
