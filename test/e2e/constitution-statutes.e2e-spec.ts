import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { binaryBody, pdfText } from '../support/pdf-text';
import { createTestApp, TestContext } from '../support/test-app';
import { fifteenFounders, officerAndMinister } from '../support/constitution-cast';
import { form } from '../support/page-form';

/** A small real PDF (the magic bytes are what the portal checks). */
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Issue 20 item 8: the statutes are attached to the constitution as a PDF (DOM-ORG-7), replaced until the faith
 * minister certifies, then named with their SHA-256 on the certificate and offered on its public verification page.
 */
describe('the constitution statutes (PDF)', () => {
  let ctx: TestContext;
  let officer: Awaited<ReturnType<TestContext['signIn']>>;
  let minister: Awaited<ReturnType<TestContext['signIn']>>;
  let ministerId: string;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    ({ officer, minister, ministerId } = await officerAndMinister(ctx));
  });
  afterAll(() => ctx.close());

  const statutesRows = (id: string) =>
    ctx.query<{ fileName: string; sha256: string }>(
      `SELECT file_name AS "fileName", sha256 FROM constitution_statutes WHERE association_id = $1`,
      [id],
    );

  it('DOM-ORG-7: uploaded and replaced before the certification, refused when not a PDF, empty or over 10 MB (nothing written), fixed after it, named on the certificate and downloadable from its verification page', async () => {
    const a = await ctx.newAssociation({ name: 'Barrio Comercial Los Estatutos' });
    const members = await fifteenFounders(ctx, a.id, 'Estatutos');
    const page = `/organizaciones/${a.id}`;
    const upload = `${page}/constitucion/estatutos`;
    const send = async (file: Buffer | null, name = 'estatutos.pdf'): Promise<Response> => {
      const req = officer.agent.post(upload).field('_csrf', await officer.csrf(page));
      return file ? req.attach('statutes', file, name) : req;
    };

    // the officers prepare the constitution: the page offers the statutes' form before anything else
    let show = await officer.agent.get(page).expect(200);
    expect(show.text).toContain('Estatutos (PDF)');
    expect(show.text).toContain('Aún no se adjuntan los estatutos.');
    expect(show.text).toContain(`action="${upload}" enctype="multipart/form-data"`);

    // refusals name the field, keep the page and write nothing
    let res = await send(Buffer.from('Estatutos de la organización, texto plano'));
    expect([res.status, res.text.includes('Estatutos: el archivo no es un PDF.')]).toEqual([400, true]);
    res = await send(Buffer.alloc(0));
    expect([res.status, res.text.includes('Estatutos: el archivo está vacío.')]).toEqual([400, true]);
    res = await send(null);
    expect([res.status, res.text.includes('Estatutos: elija el archivo PDF de los estatutos.')]).toEqual([400, true]);
    res = await send(Buffer.concat([pdf('grande'), Buffer.alloc(10 * 1_048_576)]));
    expect([res.status, res.text.includes('Estatutos: el archivo supera el máximo de 10 MB.')]).toEqual([413, true]);
    expect(res.text).toContain('id="statutes-error"');
    expect(await statutesRows(a.id)).toEqual([]);

    // uploaded: name, size, short SHA-256 and a download with the portal's file name
    const first = pdf('primera versión');
    res = await send(first, 'estatutos-borrador.pdf');
    expect(res.status).toBe(303);
    show = await officer.agent.get(page).expect(200);
    expect(show.text).toContain('Los estatutos quedaron adjuntos a la constitución.');
    expect(show.text).toContain('estatutos-borrador.pdf</a>');
    expect(show.text).toContain(`${first.length} bytes`);
    expect(show.text).toContain(`${sha(first).slice(0, 12)}…`);
    expect(show.text).toContain('Reemplazar los estatutos');
    let file = await officer.agent.get(`${page}/constitucion/estatutos.pdf`).buffer(true).parse(binaryBody);
    expect(file.status).toBe(200);
    expect(sha(file.body as Buffer)).toBe(sha(first));
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="estatutos-\d{4}-\d{2}-\d{2}-barrio-comercial-los-estatutos\.pdf"$/,
    );

    // replaced while not certified
    const approved = pdf('texto aprobado por la asamblea');
    expect((await send(approved, 'estatutos-aprobados.pdf')).status).toBe(303);
    expect(await statutesRows(a.id)).toEqual([{ fileName: 'estatutos-aprobados.pdf', sha256: sha(approved) }]);

    // the constitution goes on: a faith minister, the assembly, the certification
    await officer.agent
      .post(`${page}/constitucion/solicitud`)
      .type('form')
      .send({ _csrf: await officer.csrf(page), proposedAt: '2026-03-16T19:30', place: 'Sede' })
      .expect(303);
    await officer.agent
      .post(`${page}/constitucion/ministro`)
      .type('form')
      .send({ _csrf: await officer.csrf(page), faithMinisterUserId: ministerId })
      .expect(303);
    const assembly = `${page}/constitucion/asamblea`;
    await officer.agent
      .post(assembly)
      .type('form')
      .send(
        form([
          ['_csrf', await officer.csrf(assembly)],
          ['assemblyAt', '2026-03-16T19:30'],
          ['place', 'Sede vecinal'],
          ...members.map((m): [string, string] => ['founders', m.id]),
          ['president', members[0].id],
          ['secretary', members[1].id],
          ['treasurer', members[2].id],
          ['declaredEligible', 'on'],
          ['statutesApproved', 'on'],
        ]),
      )
      .expect(303);
    const certify = `${page}/constitucion/certificar`;
    await minister.agent
      .post(certify)
      .type('form')
      .send({ _csrf: await minister.csrf(certify), confirm: 'on' })
      .expect(303);

    // after the certification the statutes stay as certified
    res = await send(pdf('otra versión'), 'estatutos-nuevos.pdf');
    expect(res.status).toBe(422);
    expect(res.text).toContain('La constitución ya fue certificada: sus estatutos no se pueden reemplazar.');
    expect(await statutesRows(a.id)).toEqual([{ fileName: 'estatutos-aprobados.pdf', sha256: sha(approved) }]);
    show = await officer.agent.get(page).expect(200);
    expect(show.text).toContain('estatutos-aprobados.pdf</a>');
    expect(show.text).not.toContain(`action="${upload}"`);

    // the certificate names the statutes with their SHA-256
    const certificate = await officer.agent.get(`${page}/constitucion/certificado.pdf`).buffer(true).parse(binaryBody);
    const text = (await pdfText(certificate.body as Buffer)).text.replace(/\s+/g, '');
    expect(text).toContain(`Estatutos:estatutos-aprobados.pdf,SHA-256${sha(approved)}`);

    // anyone with the certificate's code downloads the statutes from its verification page, byte for byte
    const [{ code }] = await ctx.query<{ code: string }>(
      `SELECT verification_code AS code FROM document WHERE owner_id = $1 AND kind = 'constitution_certificate'`,
      [a.id],
    );
    const verify = await ctx.http.get(`/verificar/${code}`).expect(200);
    expect(verify.text).toContain('Emitido con este documento');
    const link = /href="(\/verificar\/[^"]+\/adjuntos\/[^"]+)" download>(estatutos-[^<]+\.pdf)</.exec(verify.text);
    expect(link?.[2]).toMatch(/^estatutos-\d{4}-\d{2}-\d{2}-barrio-comercial-los-estatutos\.pdf$/);
    expect(verify.text).toContain(sha(approved));
    file = await ctx.http.get(link![1]).buffer(true).parse(binaryBody);
    expect([file.status, file.headers['content-type'], file.headers['cache-control']]).toEqual([
      200,
      'application/pdf',
      'private, no-store',
    ]);
    expect(sha(file.body as Buffer)).toBe(sha(approved));
    // another document's code does not open these statutes
    const attachmentId = link![1].split('/').pop();
    await ctx.http.get(`/verificar/${'A'.repeat(26)}/adjuntos/${attachmentId}`).expect(404);
  });

  it('API: PUT the statutes as multipart, GET them back; a body that is not a PDF is a 400 naming Estatutos', async () => {
    const a = await ctx.newAssociation({ name: 'Junta de Vecinos API Estatutos' });
    const user = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    const token = await ctx.apiToken(user);
    const url = `/api/v1/associations/${a.id}/constitution/statutes`;
    let res = await ctx.http
      .put(url)
      .set('Authorization', `Bearer ${token}`)
      .attach('statutes', Buffer.from('<html>no</html>'), 'estatutos.pdf');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Estatutos: el archivo no es un PDF.');
    expect(await statutesRows(a.id)).toEqual([]);
    const body = pdf('por la API');
    res = await ctx.http.put(url).set('Authorization', `Bearer ${token}`).attach('statutes', body, 'estatutos.pdf');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fileName: 'estatutos.pdf', sizeBytes: body.length, sha256: sha(body) });
    const file = await ctx.http.get(url).set('Authorization', `Bearer ${token}`).buffer(true).parse(binaryBody);
    expect(sha(file.body as Buffer)).toBe(sha(body));
    // documented in the OpenAPI document: the multipart field and the PDF
    const doc = await ctx.http.get('/api/docs-json').expect(200);
    const path = doc.body.paths['/api/v1/associations/{id}/constitution/statutes'];
    expect(Object.keys(path.put.requestBody.content)).toEqual(['multipart/form-data']);
    expect(path.get.summary).toContain('Los estatutos en PDF');
  });
});
