import { MailService } from '../../src/mail/mail.service';
import { createTestApp, type TestContext } from '../support/test-app';

describe('/admin/outbox without SMTP (administrators)', () => {
  // one app for the file, started in a hook with room to spare (a loaded machine boots PGlite slowly)
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  }, 120_000);
  afterAll(() => ctx?.close());

  it('keeps mail readable in the browser: list, message text, attachments and the HTML part in a sandbox', async () => {
    await ctx.get<MailService>(MailService).enqueue(
      {
        template: 'test-notice',
        to: { address: 'secretaria@example.cl', name: 'Secretaría' },
        context: { organisation: 'Junta de Vecinos Las Compañías', note: '<script>alert(1)</script>' },
        dedupeKey: 'page-1',
        attachments: [{ filename: 'acta.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4') }],
      },
      ctx.dataSource.manager,
    );
    const admin = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const http = admin.agent;
    const list = await http.get('/admin/outbox').expect(200);
    expect(list.text).toContain('No hay servidor SMTP configurado');
    expect(list.text).toContain('Prueba de correo de Quórum para Junta de Vecinos Las Compañías');
    expect(list.text).toContain('En cola');
    const [{ id }] = await ctx.query<{ id: string }>(`SELECT id FROM outbox_message WHERE dedupe_key = 'page-1'`);
    const detail = await http.get(`/admin/outbox/${id}`).expect(200);
    expect(detail.text).toContain('Secretaría &lt;secretaria@example.cl&gt;');
    expect(detail.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(detail.text).toContain('acta.pdf');
    const html = await http.get(`/admin/outbox/${id}/html`).expect(200);
    expect(html.headers['content-security-policy']).toMatch(/^sandbox;/);
    expect(html.text).toContain('&lt;script&gt;');
    await http.get('/admin/outbox/not-a-uuid').expect(400);
    await http.get('/admin/outbox/6b8e2b4e-0000-4000-8000-000000000000').expect(404);
  });

  it('is for administrators only: anonymous visitors go to the login page, other roles get a Spanish 403', async () => {
    const anonymous = await ctx.http.get('/admin/outbox').expect(303);
    expect(anonymous.headers.location).toBe('/ingresar?volver=%2Fadmin%2Foutbox');
    const officer = await ctx.signIn(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    const refused = await officer.agent.get('/admin/outbox').expect(403);
    expect(refused.text).toContain('Acceso denegado');
    const [{ n }] = await ctx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied'`,
    );
    expect(n).toBe(1);
  });
});
