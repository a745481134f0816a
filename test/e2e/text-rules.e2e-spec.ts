import ExcelJS from 'exceljs';
import { Factories } from '../factories/factories';
import { pdfText } from '../support/pdf-text';
import { createTestApp, TestContext } from '../support/test-app';
import { minutesPdf } from '../support/meeting-api';
import { unescapeHtml } from '../support/page-text';
import { bearer, problem } from '../support/api-problem';

const HEADER = 'rut,fullName,birthDate,email,phone,address,businessName,businessCategory,joinedOn';
const csvRow = (fullName: string, rut = Factories.uniqueRut()) =>
  [rut, `"${fullName.replace(/"/g, '""')}"`, '1980-04-12', '', '', '', '', '', '2026-03-01'].join(',');

/**
 * Issue 22, items 5 to 7: what the portal accepts as text, the same at every door (API, page forms, CSV and XLSX
 * imports), so that an acta (a legal record) never fails to print; who corrects a person's name, asked in one click.
 */
describe('text the portal accepts (issue 22)', () => {
  let ctx: TestContext;
  let municipal: string;
  let association: { id: string; name: string };
  let officerUser: { id: string; email: string; password: string };
  let officer: string;
  const written = async () => ({ person: await ctx.count('person'), membership: await ctx.count('membership') });

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    municipal = await ctx.apiToken(
      await ctx.newUser({
        name: 'Carolina Vega Díaz',
        email: 'carolina.vega@laserena.example.cl',
        roles: [['municipal_officer', '04101']],
      }),
    );
    association = await ctx.newAssociation({ name: 'Agrupación Cultural Barrio Las Compañías' });
    officerUser = await ctx.newUser({ name: 'Marta Araya', roles: [['association_officer', association.id]] });
    officer = await ctx.apiToken(officerUser);
  });
  afterAll(() => ctx.close());

  const addMember = (token: string, fullName: string, extra: object = {}) =>
    ctx.http
      .post(`/api/v1/associations/${association.id}/members`)
      .set(bearer(token))
      .send({ rut: Factories.uniqueRut(), fullName, birthDate: '1980-04-12', joinedOn: '2026-03-01', ...extra });

  /** A meeting of the association held on 10 March 2026 at 19:30 (the clock is later): its id. */
  const newMeeting = async (token: string, associationId: string, place = 'Sede') =>
    (
      await ctx.http
        .post(`/api/v1/associations/${associationId}/meetings`)
        .set(bearer(token))
        .send({ localStart: '2026-03-10T19:30', place })
        .expect(201)
    ).body.id as string;

  const xlsxOf = async (rows: string[][]) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Socios');
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };

  /** The page import: upload, then the preview's text (422 when a row has errors). */
  const previewImport = async (file: Buffer, filename: string) => {
    const { agent, csrf } = await ctx.signIn(officerUser);
    const formPath = `/organizaciones/${association.id}/socios/importar`;
    const upload = await agent
      .post(formPath)
      .field('_csrf', await csrf(formPath))
      .attach('file', file, { filename });
    expect(upload.status).toBe(303);
    return agent.get(upload.headers.location);
  };

  it.each([
    ['a formula-looking name (issue 22 item 7)', '=HYPERLINK("http://x.invalid","clic")', /parece una fórmula/],
    ['an emoji (issue 22 item 5)', 'Ana 😀 Soto', /no admite el carácter 😀/],
    ['a full-width equals sign (issue 22 item 5)', 'Ana ＝ Soto', /no admite el carácter ＝/],
    ['a right-to-left override (issue 22 item 6)', 'Ana \u202EzeréP', /U\+202E/],
    ['a zero-width space (issue 22 item 6)', 'Ana\u200B Pérez', /caracteres invisibles \(U\+200B\)/],
  ])(
    '%s: the API, the page form and the CSV and XLSX imports refuse the same name with the same Spanish message naming fullName, and nothing is written',
    async (_case, name, wording) => {
      const before = await written();
      // the API
      const api = await addMember(officer, name);
      expect(api.status).toBe(400);
      const [error] = problem(api).errors ?? [];
      expect(error.field).toBe('fullName');
      expect(error.message).toMatch(/^El campo fullName \(nombre completo\)/);
      expect(error.message).toMatch(wording);
      const message = error.message;
      // the page form: the same message, the form shown again with what was typed
      const { agent, csrf } = await ctx.signIn(officerUser);
      const formPath = `/organizaciones/${association.id}/socios/nuevo`;
      const page = await agent
        .post(formPath)
        .type('form')
        .send({
          _csrf: await csrf(formPath),
          rut: Factories.uniqueRut(),
          fullName: name,
          birthDate: '1980-04-12',
          joinedOn: '2026-03-01',
        });
      expect(page.status).toBe(400);
      // the page names the field by its label (issue 20 item 6), the rest of the message is the API's
      const onPage = message.replace(/^El campo fullName \(nombre completo\)/, 'El campo «Nombre completo»');
      expect(unescapeHtml(page.text)).toContain(onPage);
      expect(unescapeHtml(page.text)).not.toContain('campo fullName');
      expect(unescapeHtml(page.text)).toContain(`value="${name}"`);
      // the CSV import (API): all or nothing, the line and the same message
      const csv = await ctx.http
        .post(`/api/v1/associations/${association.id}/members/import`)
        .set(bearer(officer))
        .set('Content-Type', 'text/csv')
        .send(`${HEADER}\n${csvRow('Luis Rojas')}\n${csvRow(name)}\n`);
      expect([csv.status, problem(csv).code]).toEqual([422, 'IMPORT_INVALID']);
      expect(problem(csv).errors).toEqual([{ line: 3, field: 'fullName', message: `Línea 3: ${message}` }]);
      // the XLSX import (page): the preview shows the row refused with the same message
      const xlsx = await xlsxOf([
        HEADER.split(','),
        [Factories.uniqueRut(), name, '1980-04-12', '', '', '', '', '', '2026-03-01'],
      ]);
      const preview = await previewImport(xlsx, 'socios.xlsx');
      expect(preview.status).toBe(422);
      expect(unescapeHtml(preview.text)).toContain(message);
      expect(await written()).toEqual(before);
    },
  );

  it('issue 22 item 5: unusual names (accents, ñ, apostrophes, Greek, Cyrillic, a nickname) are accepted and printed in a real acta that is approved; a name no PDF prints never gets into the roster', async () => {
    const names = [
      "María José O'Higgins-Núñez",
      'Zoë D’Angelo Ñúñez',
      'Łukasz Nguyễn Văn',
      'Σωκράτης Παπαδόπουλος',
      'Иван Петров',
      'Rojas, Luis "Lucho"',
    ];
    const a = await ctx.newAssociation({ name: 'Junta de Adelanto Peñuelas' });
    const president = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', a.id]] }));
    const ids: string[] = [];
    const roster = async () =>
      (await ctx.http.get(`/api/v1/associations/${a.id}/members`).set(bearer(president)).expect(200)).body.items.map(
        (m: { fullName: string }) => m.fullName,
      );
    for (const fullName of names)
      ids.push(
        (
          await ctx.http
            .post(`/api/v1/associations/${a.id}/members`)
            .set(bearer(president))
            .send({ rut: Factories.uniqueRut(), fullName, birthDate: '1980-04-12', joinedOn: '2026-03-01' })
            .expect(201)
        ).body.id,
      );
    // the name that made every acta of its association fail (issue 22 item 5) is refused at input instead
    const unprintable = await ctx.http
      .post(`/api/v1/associations/${a.id}/members`)
      .set(bearer(president))
      .send({ rut: Factories.uniqueRut(), fullName: 'Ana 👍 Soto', birthDate: '1980-04-12', joinedOn: '2026-03-01' });
    expect([unprintable.status, problem(unprintable).errors?.[0]?.field]).toEqual([400, 'fullName']);
    expect((await roster()).sort()).toEqual([...names].sort());
    // the same names through the CSV import of another association
    const b = await ctx.newAssociation({ name: 'Club de Adulto Mayor Las Camelias' });
    const imported = await ctx.http
      .post(`/api/v1/associations/${b.id}/members/import`)
      .set(bearer(municipal))
      .set('Content-Type', 'text/csv')
      .send(`${HEADER}\n${names.map((n) => csvRow(n)).join('\n')}\n`);
    expect([imported.status, imported.body]).toEqual([200, { imported: names.length }]);
    const meeting = await newMeeting(president, a.id, 'Sede de calle O’Higgins 12');
    await ctx.http
      .put(`/api/v1/meetings/${meeting}/attendance`)
      .set(bearer(president))
      .send(ids.map((memberId) => ({ memberId, status: 'present', mode: 'in_person' })))
      .expect(200);
    await ctx.http
      .put(`/api/v1/meetings/${meeting}/minutes`)
      .set(bearer(president))
      .send({
        items: [{ title: 'Plaza de Peñuelas', notes: 'Se revisó el proyecto ✓ con buena acogida 😀 → €' }],
        agreements: [{ text: 'Pedir bancas nuevas para la plaza.', votesFor: 6, votesAgainst: 0, abstentions: 0 }],
        commitments: [{ description: 'Enviar la carta', ownerMemberId: ids[3], dueOn: '2026-04-15' }],
      })
      .expect(200);
    await ctx.http.post(`/api/v1/meetings/${meeting}/minutes/approve`).set(bearer(president)).expect(200);
    const pdf = (await minutesPdf(ctx, meeting, president)).body as Buffer;
    const text = (await pdfText(pdf)).text.replace(/\s+/g, ' ');
    for (const name of names) expect(text).toContain(name);
    expect(text).toContain('Se revisó el proyecto ✓ con buena acogida 😀 → €');
    expect(text).not.toContain('BORRADOR');
  });

  it('issue 22 item 5: text of an acta that no PDF prints is refused when the draft is saved (API and page), naming the field, so approval never meets it', async () => {
    const a = await ctx.newAssociation({ name: 'Junta de Vecinos Villa El Indio' });
    const presidentUser = await ctx.newUser({ roles: [['association_officer', a.id]] });
    const president = await ctx.apiToken(presidentUser);
    const meeting = await newMeeting(president, a.id);
    const api = await ctx.http
      .put(`/api/v1/meetings/${meeting}/minutes`)
      .set(bearer(president))
      .send({ items: [{ title: 'Varios', notes: 'Todos de acuerdo 👍' }] });
    expect(api.status).toBe(400);
    expect(JSON.stringify(problem(api).errors)).toContain(
      'no pueden imprimir: 👍. Quítelos o escríbalos con palabras.',
    );
    const { agent, csrf } = await ctx.signIn(presidentUser);
    const page = await agent
      .post(`/reuniones/${meeting}/acta`)
      .type('form')
      .send({ _csrf: await csrf(`/reuniones/${meeting}/acta`), 'items[0][title]': 'Varios 👍', version: '0' });
    expect(page.status).toBe(400);
    expect(unescapeHtml(page.text)).toContain('no pueden imprimir: 👍');
    expect(await ctx.query(`SELECT 1 FROM minutes WHERE meeting_id = $1`, [meeting])).toEqual([]);
  });

  it('issue 22 item 5: a name stored before the rule stops the PDF naming where it is; the roster officer is shown who corrects it and asks in one click; once corrected, the acta is approved', async () => {
    const a = await ctx.newAssociation({ name: 'Centro de Madres Rayito de Sol' });
    const presidentUser = await ctx.newUser({ name: 'Rosa Tapia', roles: [['association_officer', a.id]] });
    const president = await ctx.apiToken(presidentUser);
    const m = await ctx.newMember(a.id, { fullName: 'Pedro Soto' });
    await ctx.query(`UPDATE person SET full_name = 'Pedro 👍 Soto' WHERE id = $1`, [m.personId]);
    const meeting = await newMeeting(president, a.id);
    await ctx.http
      .put(`/api/v1/meetings/${meeting}/attendance`)
      .set(bearer(president))
      .send([{ memberId: m.id, status: 'present', mode: 'in_person' }])
      .expect(200);
    await ctx.http
      .put(`/api/v1/meetings/${meeting}/minutes`)
      .set(bearer(president))
      .send({ items: [{ title: 'Varios', notes: 'Sin novedades.' }] })
      .expect(200);
    const stopped = await ctx.http.get(`/api/v1/meetings/${meeting}/minutes.pdf`).set(bearer(president));
    expect([stopped.status, problem(stopped).code]).toEqual([422, 'PDF_UNSUPPORTED_CHARACTERS']);
    expect(problem(stopped).detail).toContain('«Pedro 👍 Soto»');
    // the roster officer may not correct a name (DOM-ORG-15) ...
    const forbidden = await ctx.http
      .patch(`/api/v1/associations/${a.id}/members/${m.id}`)
      .set(bearer(president))
      .send({ fullName: 'Pedro Soto' });
    expect(forbidden.status).toBe(403);
    // ... and the member page says who does, by name, with a button to ask
    const { agent, csrf } = await ctx.signIn(presidentUser);
    const memberPath = `/organizaciones/${a.id}/socios/${m.id}`;
    const page = await agent.get(memberPath).expect(200);
    expect(unescapeHtml(page.text)).toContain(
      'Los corrige la municipalidad de La Serena, sus funcionarios municipales en Quórum: Carolina Vega Díaz.',
    );
    expect(page.text).toContain(`action="${memberPath}/pedir-correccion"`);
    const outbox = await ctx.count('outbox_message');
    const asked = await agent
      .post(`${memberPath}/pedir-correccion`)
      .type('form')
      .send({ _csrf: await csrf(memberPath), note: 'Su nombre es Pedro Soto, sin el emoji.' });
    expect([asked.status, asked.headers.location]).toEqual([303, memberPath]);
    expect(await ctx.count('outbox_message')).toBe(outbox + 1);
    const [mail] = await ctx.query<{ to_address: string; subject: string; text: string }>(
      `SELECT to_address, subject, text FROM outbox_message ORDER BY created_at DESC LIMIT 1`,
    );
    expect(mail.to_address).toBe('carolina.vega@laserena.example.cl');
    expect(mail.subject).toBe('Corrección de datos de Pedro 👍 Soto (Centro de Madres Rayito de Sol)');
    expect(mail.text).toContain('Su nombre es Pedro Soto, sin el emoji.');
    expect(mail.text).toContain(memberPath);
    expect(
      await ctx.query(`SELECT 1 FROM audit_log WHERE action = 'person.correction_requested' AND object_id = $1`, [
        m.id,
      ]),
    ).toHaveLength(1);
    // the municipality corrects the name; the acta prints and is approved
    await ctx.http
      .patch(`/api/v1/associations/${a.id}/members/${m.id}`)
      .set(bearer(municipal))
      .send({ fullName: 'Pedro Soto' })
      .expect(200);
    await ctx.http.post(`/api/v1/meetings/${meeting}/minutes/approve`).set(bearer(president)).expect(200);
    const pdf = (await minutesPdf(ctx, meeting, president)).body as Buffer;
    expect((await pdfText(pdf)).text).toContain('Pedro Soto');
  });

  it('issue 22 item 6: a CSV with bytes that are not UTF-8 is refused whole, naming the line and the field, through the API and the page; nothing is stored as U+FFFD', async () => {
    const before = await written();
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\n${csvRow('Luis Rojas')}\n`, 'utf8'),
      Buffer.from(`${csvRow('José Peña')}\n`, 'latin1'),
    ]);
    const res = await ctx.http
      .post(`/api/v1/associations/${association.id}/members/import`)
      .set(bearer(officer))
      .set('Content-Type', 'text/csv')
      .send(latin1);
    expect([res.status, problem(res).code]).toEqual([422, 'IMPORT_INVALID']);
    expect(problem(res).errors).toEqual([
      {
        line: 3,
        field: 'fullName',
        message:
          'Línea 3: El campo fullName no está en UTF-8 (parece Latin-1 o Windows-1252): guarde el archivo como «CSV UTF-8» e intente de nuevo.',
      },
    ]);
    const preview = await previewImport(latin1, 'socios.csv');
    expect(preview.status).toBe(422);
    expect(unescapeHtml(preview.text)).toContain('El campo fullName no está en UTF-8');
    // a spreadsheet cell holding U+FFFD (a file decoded wrongly before) is refused like any text
    const xlsx = await xlsxOf([
      HEADER.split(','),
      [Factories.uniqueRut(), 'Jos\uFFFD Pe\uFFFDa', '1980-04-12', '', '', '', '', '', '2026-03-01'],
    ]);
    expect(unescapeHtml((await previewImport(xlsx, 'socios.xlsx')).text)).toContain(
      'El campo fullName (nombre completo) contiene «�», un carácter que no se pudo leer',
    );
    expect(await written()).toEqual(before);
    expect(await ctx.query(`SELECT 1 FROM person WHERE full_name LIKE '%' || chr(65533) || '%'`)).toEqual([]);
  });

  it('issue 22 item 6: invisible and bidirectional characters in any text of an API body are refused naming the field', async () => {
    const patch = await ctx.http
      .patch(`/api/v1/associations/${association.id}`)
      .set(bearer(officer))
      .send({ address: 'Calle\u2066 Prat 450', description: 'Sede\u200B abierta' });
    expect(patch.status).toBe(400);
    expect(problem(patch).errors).toEqual([
      {
        field: 'address',
        message:
          'El campo address (dirección) contiene caracteres invisibles que invierten el sentido del texto (U+2066): escríbalo de nuevo sin copiarlo de otro documento.',
      },
      {
        field: 'description',
        message:
          'El campo description contiene caracteres invisibles (U+200B): escríbalo de nuevo sin copiarlo de otro documento.',
      },
    ]);
    // a password may hold any character but control ones (it is never printed)
    expect(
      (await ctx.http.post('/api/v1/auth/tokens').send({ email: 'nadie@example.cl', password: 'clave 👍 ＝ larga' }))
        .status,
    ).toBe(401);
  });
});
