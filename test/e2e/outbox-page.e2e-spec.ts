import { MailService } from '../../src/mail/mail.service';
import { createTestApp } from '../support/test-app';

describe('/admin/outbox without SMTP', () => {
  it('keeps mail readable in the browser: list, message text, attachments and the HTML part in a sandbox', async () => {
    const ctx = await createTestApp();
    try {
      await ctx.get<MailService>(MailService).enqueue({
        template: 'test-notice',
        to: { address: 'secretaria@example.cl', name: 'Secretaría' },
        context: { organisation: 'Junta de Vecinos Las Compañías', note: '<script>alert(1)</script>' },
        dedupeKey: 'page-1',
        attachments: [{ filename: 'acta.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4') }],
      }, ctx.dataSource.manager);
      const list = await ctx.http.get('/admin/outbox').expect(200);
      expect(list.text).toContain('No hay servidor SMTP configurado');
      expect(list.text).toContain('Prueba de correo de Quórum para Junta de Vecinos Las Compañías');
      expect(list.text).toContain('En cola');
      const [{ id }] = await ctx.query<{ id: string }>(`SELECT id FROM outbox_message WHERE dedupe_key = 'page-1'`);
      const detail = await ctx.http.get(`/admin/outbox/${id}`).expect(200);
      expect(detail.text).toContain('Secretaría &lt;secretaria@example.cl&gt;');
      expect(detail.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(detail.text).toContain('acta.pdf');
      const html = await ctx.http.get(`/admin/outbox/${id}/html`).expect(200);
      expect(html.headers['content-security-policy']).toMatch(/^sandbox;/);
      expect(html.text).toContain('&lt;script&gt;');
      await ctx.http.get('/admin/outbox').set('X-Forwarded-For', '198.51.100.7').expect(404); // through a proxy
      await ctx.http.get('/admin/outbox/not-a-uuid').expect(400);
      await ctx.http.get('/admin/outbox/6b8e2b4e-0000-4000-8000-000000000000').expect(404);
    } finally {
      await ctx.close();
    }
  });

  it('is not served in production until it sits behind the administrator role', async () => {
    const ctx = await createTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const res = await ctx.http.get('/admin/outbox').expect(404);
      expect(res.text).toContain('Página no encontrada');
    } finally {
      await ctx.close();
    }
  });
});
