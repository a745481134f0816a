import ExcelJS from 'exceljs';
import { Factories } from '../factories/factories';
import { binaryBody, pdfText } from '../support/pdf-text';
import { createTestApp, TestContext } from '../support/test-app';
import { COQUIMBO_PROGRAM } from '../support/program-fixtures';
import { bearer, problem } from '../support/api-problem';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const PROGRAM = {
  ...COQUIMBO_PROGRAM,
  kind: 'individual',
  budgetClp: 50_000_000,
  lines: ['Oferta comercial'],
};

/** Issue 17 items 2, 6 and 7: the beneficiaries file (import, template, export), the other exports and the yearly report. */
describe('program files: import, exports and the yearly report', () => {
  let ctx: TestContext;
  let admin: string;
  let officer: string;
  let programId: string;
  const newProgram = async (name: string) =>
    (
      await ctx.http
        .post('/api/v1/programs')
        .set(bearer(admin))
        .send({ ...PROGRAM, name })
        .expect(201)
    ).body.id as string;

  /** A file the program's officer downloads through the API (200), its body a Buffer. */
  const download = (path: string) => ctx.http.get(path).set(bearer(officer)).buffer(true).parse(binaryBody).expect(200);
  /** The first sheet of a downloaded workbook. */
  const firstSheet = async (xlsx: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    return book.worksheets[0];
  };

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
    programId = await newProgram(PROGRAM.name);
    officer = await ctx.apiToken(await ctx.newUser({ roles: [['program_officer', programId]] }));
  });
  afterAll(() => ctx.close());

  const importFile = (id: string, content: Buffer | string, type = 'text/csv', consent = 'beneficiario-2026-12') =>
    ctx.http
      .post(`/api/v1/programs/${id}/beneficiaries/import?consentTextVersion=${consent}`)
      .set({ ...bearer(admin), 'Content-Type': type })
      .send(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);

  it('offers the template with Spanish column names, as CSV and XLSX', async () => {
    const csv = await ctx.http.get('/api/v1/program-beneficiaries/template.csv').set(bearer(officer)).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'rut,nombre,fecha de nacimiento,negocio,rubro,sexo,dirección,comuna,fecha de inscripción',
    );
    const xlsx = await download('/api/v1/program-beneficiaries/template.xlsx');
    expect((await firstSheet(xlsx.body as Buffer)).getRow(1).getCell(2).value).toBe('nombre');
    await ctx.http.get('/api/v1/program-beneficiaries/template.pdf').set(bearer(officer)).expect(404);
  });

  it('refuses a file with any bad row, naming every line; nothing is written', async () => {
    const before = await ctx.count('program_beneficiary');
    const people = await ctx.count('person');
    const res = await importFile(
      programId,
      [
        'rut;nombre;negocio;rubro;sexo;comuna;fecha de inscripción',
        `${Factories.uniqueRut()};Ana Soto Díaz;Almacén Ana;Almacén;femenino;La Serena;01-03-2026`,
        '12.345.678-9;Pedro Rojas;Taller Pedro;Mecánica;masculino;04101;01-03-2026',
        `${Factories.uniqueRut()};Luisa Pérez;Café Luisa;Cafetería;mujer joven;04101;01-03-2026`,
        `${Factories.uniqueRut()};Raúl Vega;Bazar Raúl;Bazar;masculino;Santiago;01-03-2026`,
      ].join('\n'),
    ).expect(422);
    const body = problem(res);
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.errors?.map((e) => [e.line, e.field])).toEqual([
      [3, 'rut'],
      [4, 'ownerSex'],
      [5, 'communeCode'],
    ]);
    expect(body.errors?.[0].message).toMatch(/^Línea 3: .*dígito verificador/);
    expect(await ctx.count('program_beneficiary')).toBe(before);
    expect(await ctx.count('person')).toBe(people);
    // an unknown column is named, and the consent for the file is required
    const column = await importFile(programId, 'rut,nombre,color\n1-9,Ana,rojo\n').expect(422);
    expect(problem(column).errors?.[0]).toMatchObject({ line: 1, field: 'color' });
    const consent = await importFile(programId, 'rut,nombre\n', 'text/csv', '').expect(422);
    expect(problem(consent).errors?.[0].field).toBe('consentTextVersion');
  });

  it('imports a file as people have it (semicolons, commune names, dd-mm-yyyy) and exports it back: CSV and XLSX round trips', async () => {
    const rows = [
      [
        Factories.uniqueRut(),
        'Ana Soto Díaz',
        '14-02-1984',
        'Almacén Ana',
        'Almacén',
        'femenino',
        'Prat 12',
        'La Serena',
      ],
      [Factories.uniqueRut(), 'Pedro Rojas Araya', '', 'Taller Pedro', 'Mecánica', 'masculino', '', '04102'],
      [
        Factories.uniqueRut(),
        'Inés Ñúñez',
        '1990-07-01',
        'Café Inés',
        'Cafetería',
        'no informa',
        'Cordovez 9',
        'Coquimbo',
      ],
    ];
    const csv =
      '\uFEFFrut;nombre;fecha de nacimiento;negocio;rubro;sexo;dirección;comuna;fecha de inscripción\n' +
      rows.map((r) => [...r, '01-03-2026'].join(';')).join('\n');
    const res = await importFile(programId, csv).expect(200);
    expect(res.body).toEqual({ imported: 3 });
    const list = (await ctx.http.get(`/api/v1/programs/${programId}/beneficiaries`).set(bearer(officer)).expect(200))
      .body;
    expect(
      list.items.map((b: { fullName: string; communeCode: string; source: string; ownerSex: string }) => [
        b.fullName,
        b.communeCode,
        b.source,
        b.ownerSex,
      ]),
    ).toEqual([
      ['Ana Soto Díaz', '04101', 'import', 'female'],
      ['Inés Ñúñez', '04102', 'import', 'undisclosed'],
      ['Pedro Rojas Araya', '04102', 'import', 'male'],
    ]);
    // each person carries their own consent to the program
    expect(
      Number(
        (await ctx.dataSource.query(`SELECT count(*) FROM consent WHERE recipient_id = $1`, [programId]))[0].count,
      ),
    ).toBe(3);

    const exported = await ctx.http
      .get(`/api/v1/programs/${programId}/beneficiaries.csv`)
      .set(bearer(officer))
      .expect(200);
    expect(exported.headers['content-disposition']).toMatch(
      /beneficiarios-\d{4}-\d{2}-\d{2}-barrios-comerciales-coquimbo-2026\.csv/,
    );
    const second = await newProgram('Segunda edición');
    expect((await importFile(second, exported.text).expect(200)).body).toEqual({ imported: 3 });
    const copy = (await ctx.http.get(`/api/v1/programs/${second}/beneficiaries`).set(bearer(admin))).body.items;
    const fields = (b: Record<string, unknown>) => [
      b.rut,
      b.fullName,
      b.birthDate,
      b.businessName,
      b.businessCategory,
      b.ownerSex,
      b.address,
      b.communeCode,
      b.enrolledOn,
    ];
    expect(copy.map(fields)).toEqual(list.items.map(fields));
    // the same person is one record: the second program links the people of the first
    expect(copy.map((b: { personId: string }) => b.personId)).toEqual(
      list.items.map((b: { personId: string }) => b.personId),
    );

    const xlsx = await download(`/api/v1/programs/${programId}/beneficiaries.xlsx`);
    const third = await newProgram('Tercera edición');
    expect((await importFile(third, xlsx.body as Buffer, XLSX).expect(200)).body).toEqual({ imported: 3 });
    const again = (await ctx.http.get(`/api/v1/programs/${third}/beneficiaries`).set(bearer(admin))).body.items;
    expect(again.map(fields)).toEqual(list.items.map(fields));
  });

  it('exports benefits and the portfolio as CSV and XLSX, audited', async () => {
    const association = await ctx.newAssociation({ name: 'Barrio Patrimonial La Serena' });
    await ctx.http
      .post(`/api/v1/programs/${programId}/associations`)
      .set(bearer(officer))
      .send({ associationId: association.id, enrolledOn: '2026-02-01' })
      .expect(201);
    await ctx.http
      .post(`/api/v1/programs/${programId}/benefits`)
      .set(bearer(officer))
      .send({
        associationId: association.id,
        kind: 'promotion',
        amountClp: 4_500_000,
        deliveredOn: '2026-03-01',
        description: 'Imagen corporativa',
      })
      .expect(201);
    const benefits = await ctx.http.get(`/api/v1/programs/${programId}/benefits.csv`).set(bearer(officer)).expect(200);
    expect(benefits.text).toContain('Barrio Patrimonial La Serena,Promoción,4500000');
    const portfolio = await download(`/api/v1/programs/${programId}/portfolio.xlsx`);
    const sheet = await firstSheet(portfolio.body as Buffer);
    expect(sheet.getRow(2).getCell(1).value).toBe('Barrio Patrimonial La Serena');
    expect(sheet.getRow(2).getCell(3).value).toBe('rojo'); // in formation: no board, no members, no meetings
    const [audit] = await ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'program.exported'`,
    );
    expect(audit.n).toBeGreaterThanOrEqual(2);
  });

  it("DOM-PRG-7: the yearly report is a PDF whose text says the year's benefits and activities, with a code anyone can verify", async () => {
    const [association] = await ctx.dataSource.query(
      `SELECT association_id AS id FROM program_association WHERE program_id = $1`,
      [programId],
    );
    const res = await download(`/api/v1/programs/${programId}/associations/${association.id}/report.pdf?year=2026`);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(res.body as Buffer);
    expect(text).toContain('Cuenta anual 2026');
    expect(text).toContain('Barrio Patrimonial La Serena');
    expect(text).toContain('Imagen corporativa');
    expect(text).toContain('$4.500.000');
    expect(text).toContain('Reuniones realizadas');
    const code = res.headers['x-verification-code'] as string;
    expect(text).toContain(code);
    const verified = await ctx.http.get(`/api/v1/verify/${code}`).expect(200);
    expect(verified.body).toMatchObject({ kind: 'program_report', status: 'valid' });
    expect(verified.body.subject).toBe(
      'Cuenta anual 2026 de Barrio Patrimonial La Serena ante Barrios Comerciales Coquimbo 2026',
    );
    // an association not enrolled: 404
    const other = await ctx.newAssociation();
    await ctx.http
      .get(`/api/v1/programs/${programId}/associations/${other.id}/report.pdf`)
      .set(bearer(officer))
      .expect(404);
  });
});
