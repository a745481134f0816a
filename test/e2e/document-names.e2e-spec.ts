import { contentDisposition, downloadName } from '../../src/common/format/file-name';
import { binaryBody, pdfText } from '../support/pdf-text';
import { createTestApp, TestContext } from '../support/test-app';
import { minutesPdf } from '../support/meeting-api';
import { bearer } from '../support/api-problem';

/**
 * Issue 20 item 8: the acta PDF shows the organisation's RUT (RUC in Peru) and each present member's arrival time,
 * and downloaded files are named after the document, the date and the organisation (ASCII, no spaces).
 */
describe('documents: the acta PDF and the names of downloaded files', () => {
  let ctx: TestContext;
  let associationId: string;
  let president: string;
  let presidentUser: { id: string; email: string; password: string };
  const memberIds: string[] = [];
  const pdf = (meetingId: string, token = president) => minutesPdf(ctx, meetingId, token);
  const heldMeeting = async (token: string, association: string, localStart: string) =>
    (
      await ctx.http
        .post(`/api/v1/associations/${association}/meetings`)
        .set(bearer(token))
        .send({ localStart, place: 'Sede, Prat 560' })
        .expect(201)
    ).body.id as string;
  const draft = {
    items: [{ title: 'Seguridad en el centro', notes: 'Se informa la reunión con Carabineros.' }],
    agreements: [],
    commitments: [],
  };

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    const a = await ctx.newAssociation({ name: 'Agrupación Comercial Cordovez Ñuñoa', rut: '65432109-4' });
    associationId = a.id;
    for (const fullName of ['Ana Araya Díaz', 'Beatriz Bravo Soto', 'Carla Castro Mena'])
      memberIds.push((await ctx.newMember(a.id, { fullName })).id);
    presidentUser = await ctx.newUser({ roles: [['association_officer', a.id]] });
    president = await ctx.apiToken(presidentUser);
  });
  afterAll(() => ctx.close());

  it('names a file after the document, the date and the organisation, ASCII without spaces', () => {
    expect(downloadName('acta', '2026-03-10', 'Barrio Patrimonial', 'pdf')).toBe(
      'acta-2026-03-10-barrio-patrimonial.pdf',
    );
    expect(downloadName('programa', '2026-06', 'Feria Ñuñoa "Centro"', 'pdf')).toBe(
      'programa-2026-06-feria-nunoa-centro.pdf',
    );
    expect(downloadName('plantilla-socios', null, null, 'csv')).toBe('plantilla-socios.csv');
    expect(contentDisposition('acta-2026-03-10-barrio.pdf')).toBe('attachment; filename="acta-2026-03-10-barrio.pdf"');
    // a name kept from before (an uploaded evidence file) stays whole for the browser, and ASCII for the header
    expect(contentDisposition('Informe "final" año.pdf')).toBe(
      `attachment; filename="informe-final-ano.pdf"; filename*=UTF-8''${encodeURIComponent('Informe "final" año.pdf')}`,
    );
  });

  it("issue 20 item 8: the acta PDF shows the organisation's RUT and each present member's arrival time, in the draft and once approved, named acta-<date>-<organisation>.pdf", async () => {
    const meetingId = await heldMeeting(president, associationId, '2026-03-10T19:00');
    await ctx.http
      .put(`/api/v1/meetings/${meetingId}/attendance`)
      .set(bearer(president))
      .send([
        { memberId: memberIds[0], status: 'present', mode: 'in_person', arrivedAt: '19:12' },
        { memberId: memberIds[1], status: 'present', mode: 'online' },
        { memberId: memberIds[2], status: 'absent' },
      ])
      .expect(200);
    await ctx.http.put(`/api/v1/meetings/${meetingId}/minutes`).set(bearer(president)).send(draft).expect(200);

    const draftPdf = await pdf(meetingId);
    expect(draftPdf.headers['content-disposition']).toBe(
      'attachment; filename="borrador-acta-2026-03-10-agrupacion-comercial-cordovez-nunoa.pdf"',
    );
    const draftText = (await pdfText(draftPdf.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(draftText).toContain('RUT 65.432.109-4');
    expect(draftText).toContain('Ana Araya Díaz Presente, llegó 19:12');
    expect(draftText).toMatch(/Beatriz Bravo Soto Presente En línea/); // no arrival recorded: nothing invented
    expect(draftText).toMatch(/Carla Castro Mena Ausente/);

    await ctx.http.post(`/api/v1/meetings/${meetingId}/minutes/approve`).set(bearer(president)).expect(200);
    const approved = await pdf(meetingId);
    expect(approved.headers['content-disposition']).toBe(
      'attachment; filename="acta-2026-03-10-agrupacion-comercial-cordovez-nunoa.pdf"',
    );
    const text = (await pdfText(approved.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Acta N° 1');
    expect(text).toContain('RUT 65.432.109-4');
    expect(text).toContain('Ana Araya Díaz Presente, llegó 19:12');
    // the page's download is named the same way
    const { agent } = await ctx.signIn(presidentUser);
    const page = await agent.get(`/reuniones/${meetingId}/acta.pdf`).buffer(true).parse(binaryBody).expect(200);
    expect(page.headers['content-disposition']).toBe(
      'attachment; filename="acta-2026-03-10-agrupacion-comercial-cordovez-nunoa.pdf"',
    );
  });

  it("issue 20 item 8: a Peruvian organisation's acta shows its RUC", async () => {
    const peru = await ctx.newAssociation({
      communeCode: 'PE-130102',
      kind: 'market',
      name: 'Mercado Río Seco Norte',
      ruc: '20481234566',
      recognisedBy: 'Municipalidad Distrital de El Porvenir',
      recognisedOn: '2025-06-02',
    });
    const officer = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', peru.id]] }));
    const meetingId = await heldMeeting(officer, peru.id, '2026-03-09T18:00');
    await ctx.http.put(`/api/v1/meetings/${meetingId}/minutes`).set(bearer(officer)).send(draft).expect(200);
    const res = await pdf(meetingId, officer);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="borrador-acta-2026-03-09-mercado-rio-seco-norte.pdf"',
    );
    const text = (await pdfText(res.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(text).toContain('RUC 20481234566');
    expect(text).not.toContain('RUT 20481234566');
  });

  it("issue 20 item 8: the roster's export and template are named after the organisation and the day", async () => {
    const { agent } = await ctx.signIn(presidentUser);
    const csv = await agent.get(`/organizaciones/${associationId}/socios/exportar.csv`).expect(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="socios-2026-03-17-agrupacion-comercial-cordovez-nunoa.csv"',
    );
    const template = await agent.get(`/organizaciones/${associationId}/socios/importar/plantilla.csv`).expect(200);
    expect(template.headers['content-disposition']).toBe(
      'attachment; filename="plantilla-socios-agrupacion-comercial-cordovez-nunoa.csv"',
    );
    const xlsx = await agent
      .get(`/organizaciones/${associationId}/socios/exportar.xlsx`)
      .buffer(true)
      .parse(binaryBody);
    expect([xlsx.status, xlsx.headers['content-disposition']]).toEqual([
      200,
      'attachment; filename="socios-2026-03-17-agrupacion-comercial-cordovez-nunoa.xlsx"',
    ]);
  });
});
