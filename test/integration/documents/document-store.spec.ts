import { createHash } from 'node:crypto';
import { DocumentStore } from '../../../src/documents/document-store.service';
import { PdfRenderer } from '../../../src/documents/pdf-renderer';
import { pdfQrCodes, pdfText } from '../../support/pdf-text';
import { createTestApp, TestContext } from '../../support/test-app';

describe('document store', () => {
  let ctx: TestContext;
  let store: DocumentStore;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { PUBLIC_URL: 'https://quorum.laserena.cl' }, now: '2026-03-18T13:00:00Z' });
    store = ctx.get(DocumentStore);
  });
  afterAll(() => ctx.close());

  const issueSample = (subject = 'Acta N° 3 de Barrio Patrimonial La Serena') =>
    store.issue(
      {
        kind: 'minutes',
        ownerType: 'meeting',
        ownerId: 'm-3',
        communeCode: '04101',
        subject,
        filename: 'acta-3.pdf',
        render: (verification) =>
          ctx.get<PdfRenderer>(PdfRenderer).render({
            organisation: { name: 'Barrio Patrimonial La Serena' },
            title: 'Acta N° 3',
            blocks: [{ type: 'paragraph', text: 'Se aprobó la solicitud de patrullajes.' }],
            verification,
          }),
      },
      ctx.dataSource.manager,
    );

  it('keeps the issued bytes with their SHA-256 and prints the verification code and URL in the PDF', async () => {
    const issued = await issueSample();
    const { content, sha256 } = await store.content(issued.id);
    expect(sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(issued.sha256).toBe(sha256);
    expect(issued.verificationUrl).toBe(`https://quorum.laserena.cl/verificar/${issued.verificationCode}`);
    const text = await pdfText(content);
    expect(text.text).toContain(`Código de verificación: ${issued.verificationCode}`);
    expect(text.text).toContain('Página 1 de 1');
    expect(await pdfQrCodes(content)).toEqual([[issued.verificationUrl]]);
    expect(issued.issuedAt.toISOString()).toBe('2026-03-18T13:00:00.000Z'); // the app's clock
  });

  it('verifies by code however it is typed, with no personal data', async () => {
    const issued = await issueSample();
    const view = await store.verify(issued.verificationCode.toLowerCase().replace(/-/g, ' '));
    expect(view).toEqual({
      kind: 'minutes',
      timeZone: 'America/Santiago',
      subject: 'Acta N° 3 de Barrio Patrimonial La Serena',
      issuedAt: '2026-03-18T13:00:00.000Z',
      status: 'issued',
      statusChangedAt: null,
      sha256: issued.sha256,
      verificationCode: issued.verificationCode,
      attachments: [], // documents issued with it (a constitution's statutes), none here
    });
  });

  it('supersedes and revokes without touching the bytes; a document changes status once', async () => {
    const first = await issueSample('Certificado (versión 1)');
    const second = await issueSample('Certificado (versión 2)');
    const em = ctx.dataSource.manager;
    await expect(store.supersede(first.id, first.id, 'a sí mismo', em)).rejects.toMatchObject({
      code: 'REPLACEMENT_NOT_ISSUED',
    });
    await expect(
      store.supersede(first.id, '00000000-0000-4000-8000-000000000000', 'no existe', em),
    ).rejects.toMatchObject({ code: 'REPLACEMENT_NOT_ISSUED' });
    await store.supersede(first.id, second.id, 'Se corrigió el nombre de la organización', em);
    expect((await store.verify(first.verificationCode)).status).toBe('superseded');
    expect((await store.verify(second.verificationCode)).status).toBe('issued');
    await expect(store.revoke(first.id, 'otra vez', em)).rejects.toMatchObject({ code: 'DOCUMENT_NOT_ISSUED' });
    await store.revoke(second.id, 'Emitido por error', em);
    expect((await store.verify(second.verificationCode)).status).toBe('revoked');
    expect((await store.content(first.id)).sha256).toBe(first.sha256);
  });

  it('refuses, in the database itself, to change or delete an issued document', async () => {
    const issued = await issueSample();
    await expect(ctx.query(`UPDATE document SET content = '\\x00' WHERE id = $1`, [issued.id])).rejects.toThrow(
      /no cambia/,
    );
    await expect(
      ctx.query(`UPDATE document SET sha256 = 'x', subject = 'otro' WHERE id = $1`, [issued.id]),
    ).rejects.toThrow(/no cambia/);
    await expect(ctx.query(`DELETE FROM document WHERE id = $1`, [issued.id])).rejects.toThrow(/no se puede borrar/);
    await expect(ctx.query(`TRUNCATE document CASCADE`)).rejects.toThrow(/no se puede borrar/);
    // a status change must come with its date (and a replacement when superseded)
    await expect(
      ctx.query(`UPDATE document SET status = 'superseded', status_changed_at = now() WHERE id = $1`, [issued.id]),
    ).rejects.toThrow(/CHK_document_superseded_has_replacement|check constraint/);
    await expect(ctx.query(`UPDATE document SET status = 'valid' WHERE id = $1`, [issued.id])).rejects.toThrow(
      /CHK_document_status|check constraint/,
    );
    expect((await store.content(issued.id)).sha256).toBe(issued.sha256);
  });

  it('answers an unknown or malformed code with DOCUMENT_NOT_FOUND', async () => {
    await expect(store.verify('0000-0000-0000-0000-0000-0000-00')).rejects.toMatchObject({
      code: 'DOCUMENT_NOT_FOUND',
      status: 404,
    });
    await expect(store.verify("' OR 1=1 --")).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
  });
});
