import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import PDFDocument from 'pdfkit';
import { pdfText } from '../../support/pdf-text';
import { SmtpPeer } from '../../support/smtp-peer';

function makePdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Acta Nº 1 — sesión ordinaria de la Asociación Ñandú');
    doc.addPage().text('Página 2 de 2');
    doc.end();
  });
}

describe('test helpers other modules reuse', () => {
  it('pdfText extracts the Spanish text of each page of a real PDF', async () => {
    const text = await pdfText(await makePdf());
    expect(text.pageCount).toBe(2);
    expect(text.pages[0]).toContain('Acta Nº 1 — sesión ordinaria de la Asociación Ñandú');
    expect(text.pages[1]).toContain('Página 2 de 2');
  });

  it('SmtpPeer receives a real SMTP message with its attachment byte for byte, and refuses mail while stopped', async () => {
    const peer = await SmtpPeer.start();
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: peer.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      const pdf = await makePdf();
      await transport.sendMail({
        from: 'quorum@example.cl',
        to: 'socia@example.cl',
        subject: 'Acta Nº 1 — sesión ordinaria',
        text: 'Adjuntamos el acta.',
        attachments: [{ filename: 'acta-sesión-1.pdf', content: pdf, contentType: 'application/pdf' }],
      });
      const [mail] = await peer.waitFor(1);
      expect(mail.subject).toBe('Acta Nº 1 — sesión ordinaria');
      expect(mail.attachments[0].filename).toBe('acta-sesión-1.pdf');
      const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      expect(sha(mail.attachments[0].content)).toBe(sha(pdf));

      await peer.stop();
      await expect(
        transport.sendMail({ from: 'a@example.cl', to: 'b@example.cl', subject: 'x', text: 'y' }),
      ).rejects.toThrow(/ECONNREFUSED/);
      await peer.restart();
      await transport.sendMail({ from: 'a@example.cl', to: 'b@example.cl', subject: 'de vuelta', text: 'y' });
      expect((await peer.waitFor(2))[1].subject).toBe('de vuelta');
    } finally {
      transport.close();
      await peer.stop();
    }
  });
});
