import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createTestApp, TestContext } from '../support/test-app';
import { binaryBody } from '../support/pdf-text';
import { Factories } from '../factories/factories';
import { bearer } from '../support/api-problem';

/**
 * Roster files (API.md "Roster CSV"): imports are all or nothing, every problem with its physical line (header = 1);
 * exports are the same format (BOM, header, status and leftOn, formula cells protected) in CSV and XLSX and
 * leave an audit row; the HTML import previews every line and imports only when confirmed.
 */
type LineError = { line: number; field: string; message: string };
type ImportProblem = { status: number; code: string; detail: string; errors: LineError[] };
const problem = (res: { text: string }) => JSON.parse(res.text) as ImportProblem;
type User = { id: string; email: string; password: string };

const HEADER = 'rut,fullName,birthDate,email,phone,address,businessName,businessCategory,joinedOn';
const EXPORT_HEADER = `${HEADER},status,leftOn`;
/** A roster row; cells that need quotes are given quoted. */
const row = (
  rut: string,
  fullName: string,
  extra: Partial<
    Record<'birthDate' | 'email' | 'phone' | 'address' | 'businessName' | 'businessCategory' | 'joinedOn', string>
  > = {},
  sep = ',',
) =>
  [
    rut,
    fullName,
    extra.birthDate ?? '1980-05-04',
    extra.email ?? '',
    extra.phone ?? '',
    extra.address ?? '',
    extra.businessName ?? '',
    extra.businessCategory ?? '',
    extra.joinedOn ?? '2026-03-01',
  ].join(sep);
const csv = (lines: string[], eol = '\n') => lines.join(eol) + eol;
const rut = () => Factories.uniqueRut();

describe('roster import and export', () => {
  let ctx: TestContext;
  let officerUser: User;
  let officer: string;
  const importCsv = (associationId: string, body: string | Buffer, token = officer) =>
    ctx.http
      .post(`/api/v1/associations/${associationId}/members/import`)
      .set(bearer(token))
      .set('Content-Type', 'text/csv')
      .send(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
  const counts = async () => {
    const [r] = await ctx.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM person)::text AS person, (SELECT count(*) FROM membership)::text AS membership, (SELECT count(*) FROM membership_event)::text AS membership_event`,
    );
    return r;
  };
  const members = async (associationId: string) =>
    (
      await ctx.http
        .get(`/api/v1/associations/${associationId}/members`)
        .set(bearer(officer))
        .query({ pageSize: 200 })
        .expect(200)
    ).body.items as Record<string, string | null>[];
  /** Imports `file`, expects 422 IMPORT_INVALID with errors on exactly `lines`, and checks that nothing was written. */
  const refused = async (associationId: string, file: string | Buffer, lines: number[], token = officer) => {
    const before = await counts();
    const res = await importCsv(associationId, file, token);
    expect(res.status).toBe(422);
    const body = problem(res);
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.detail).toContain('No se importó ningún socio');
    // the detail names the first lines with errors, each once
    expect(body.detail).toContain(
      `(${lines
        .slice(0, 3)
        .map((l) => `línea ${l}`)
        .join(', ')}${lines.length > 3 ? '…' : ''})`,
    );
    expect([...new Set(body.errors.map((e) => e.line))]).toEqual(lines);
    for (const e of body.errors) expect(e.message).toMatch(/^Línea \d+: .{10,}/);
    expect(await counts()).toEqual(before);
    return body.errors;
  };

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    officerUser = await ctx.newUser({ name: 'Carolina Rojas Vega', roles: [['municipal_officer', '04101']] });
    officer = await ctx.apiToken(officerUser);
  });
  afterAll(() => ctx.close());

  describe('API import: all or nothing, every error with its line', () => {
    let a: { id: string };
    let existing: { rut: string; name: string };
    beforeAll(async () => {
      a = await ctx.newAssociation({ name: 'Barrio Comercial Centro Histórico' });
      existing = { rut: rut(), name: 'Socia Ya Registrada' };
      await ctx.newMember(a.id, { rut: existing.rut, fullName: existing.name, birthDate: '1975-01-01' });
    });

    it('a file with another delimiter (tabs) is refused on its header line', async () => {
      const errors = await refused(a.id, csv([HEADER.replace(/,/g, '\t'), row(rut(), 'Ana Pérez', {}, '\t')]), [1]);
      expect(errors[0].message).toContain(HEADER);
    });

    it('a row written with another delimiter than the header is refused on its line (column count)', async () => {
      const errors = await refused(
        a.id,
        csv([HEADER, row(rut(), 'Ana Pérez'), row(rut(), 'Luis Rojas', {}, ';'), row(rut(), 'Rosa Díaz')]),
        [3],
      );
      expect(errors[0].message).toContain('se esperaban 9');
    });

    it('an unterminated quote is refused on the line where it opens', async () => {
      const errors = await refused(
        a.id,
        csv([HEADER, row(rut(), 'Ana Pérez'), row(rut(), '"Pérez, Ana'), row(rut(), 'Rosa Díaz')]),
        [3],
      );
      expect(errors[0].message).toContain('comillas');
    });

    it('missing and extra columns are refused on their lines, all in one answer', async () => {
      const short = row(rut(), 'Luis Rojas').split(',').slice(0, 8).join(',');
      await refused(
        a.id,
        csv([HEADER, short, row(rut(), 'Ana Pérez'), `${row(rut(), 'Rosa Díaz')},extra`, row(rut(), 'Pedro Soto')]),
        [2, 4],
      );
    });

    it('several problems on one line are each listed with that line (and the line named once in the detail)', async () => {
      const errors = await refused(
        a.id,
        csv([
          HEADER,
          row('', 'Ana Pérez', { email: 'ana-sin-arroba', birthDate: '31-02-1980' }),
          row(rut(), 'Luis Rojas', { joinedOn: '2027-01-01' }),
        ]),
        [2, 3],
      );
      expect(errors.map((e) => [e.line, e.field])).toEqual([
        [2, 'rut'],
        [2, 'email'],
        [2, 'birthDate'],
        [3, 'joinedOn'],
      ]);
    });

    it('line numbers are physical lines: a quoted address over two lines moves the next rows down', async () => {
      const errors = await refused(
        a.id,
        csv([HEADER, row(rut(), 'Ana Pérez', { address: '"Prat 450\nDepto 2"' }), row('12.345.678-9', 'Luis Rojas')]),
        [4],
      );
      expect(errors).toEqual([{ line: 4, field: 'rut', message: expect.stringContaining('dígito verificador') }]);
    });

    it('a RUT repeated inside the file (in another spelling) is refused on the second line, naming the first', async () => {
      const repeated = rut();
      const errors = await refused(
        a.id,
        csv([
          HEADER,
          row(repeated, 'Ana Pérez'),
          row(rut(), 'Luis Rojas'),
          row(repeated.replace('-', ''), 'Ana Pérez'),
        ]),
        [4],
      );
      expect(errors).toEqual([{ line: 4, field: 'rut', message: expect.stringContaining('línea 2') }]);
    });

    it('a person already active in the roster, or a RUT registered under another name, is refused on its line', async () => {
      const registered = rut();
      await ctx.newMember((await ctx.newAssociation()).id, {
        rut: registered,
        fullName: 'Gloria Castillo Vera',
        birthDate: '1958-07-07',
      });
      const errors = await refused(
        a.id,
        csv([
          HEADER,
          row(rut(), 'Ana Pérez'),
          row(existing.rut, existing.name, { birthDate: '1975-01-01' }),
          row(registered, 'Gloria Castillo', { birthDate: '1958-07-07' }),
        ]),
        [3, 4],
      );
      expect(errors[0]).toEqual({ line: 3, field: 'rut', message: expect.stringContaining('ya es socia') });
      expect(errors[1]).toEqual({ line: 4, field: 'rut', message: expect.stringContaining('otro nombre') });
    });

    it('Latin-1 bytes are refused on the line where they are, asking for UTF-8', async () => {
      const file = Buffer.concat([
        Buffer.from(csv([HEADER, row(rut(), 'Ana Perez')]), 'utf8'),
        Buffer.from(csv([row(rut(), 'Luis Muñoz')]), 'latin1'),
      ]);
      const errors = await refused(a.id, file, [3]);
      expect(errors[0].message).toContain('UTF-8');
    });

    it('formula cells (= + - @) are refused on their lines and fields; a phone number like +56 9 ... is not a formula', async () => {
      const errors = await refused(
        a.id,
        csv([
          HEADER,
          row(rut(), '"=HYPERLINK(""http://ejemplo.cl"",""clic"")"'),
          row(rut(), 'Luis Rojas', { businessName: '@SUM(A1)' }),
          row(rut(), 'Rosa Díaz', { address: '-2+3' }),
          row(rut(), 'Pedro Soto', { phone: '+56 9 1234 5678', businessCategory: '+cmd' }),
          row(rut(), 'Elena Toro', { phone: '+56 9 8765 4321' }),
        ]),
        [2, 3, 4, 5],
      );
      expect(errors.map((e) => [e.line, e.field])).toEqual([
        [2, 'fullName'],
        [3, 'businessName'],
        [4, 'address'],
        [5, 'businessCategory'],
      ]);
    });

    it('an empty file, a BOM alone and a header without rows are refused', async () => {
      await refused(a.id, '', [1]);
      await refused(a.id, Buffer.from([0xef, 0xbb, 0xbf]), [1]);
      const errors = await refused(a.id, csv([HEADER]), [2]);
      expect(errors[0].message).toContain('no trae socios');
    });

    it('the fixed file imports every row (200 { imported }); each membership is in the roster with its history and the import is audited', async () => {
      const rows = [
        row(rut(), 'Ana Pérez Soto', {
          email: 'Ana@Example.cl',
          phone: '+56 9 1234 5678',
          businessName: 'Pub La Recova',
          businessCategory: 'pub',
        }),
        row(rut(), 'Luis Rojas', { birthDate: '17-08-1975', joinedOn: '01-02-2026' }),
        row(rut(), 'Rosa Díaz', { address: '"Prat 450, depto 2"' }),
      ];
      // first with a broken line: nothing
      await refused(a.id, csv([HEADER, ...rows, row(rut(), '"Sin cerrar')]), [5]);
      const before = await counts();
      const res = await importCsv(a.id, csv([HEADER, ...rows]));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ imported: 3 });
      const after = await counts();
      expect(Number(after.membership) - Number(before.membership)).toBe(3);
      expect(Number(after.person) - Number(before.person)).toBe(3);
      const byName = new Map((await members(a.id)).map((m) => [m.fullName, m]));
      expect(byName.get('Ana Pérez Soto')).toMatchObject({
        email: 'ana@example.cl',
        phone: '+56 9 1234 5678',
        businessName: 'Pub La Recova',
        status: 'active',
        joinedOn: '2026-03-01',
      });
      expect(byName.get('Luis Rojas')).toMatchObject({ birthDate: '1975-08-17', joinedOn: '2026-02-01' });
      expect(byName.get('Rosa Díaz')).toMatchObject({ address: 'Prat 450, depto 2' });
      const history = (
        await ctx.http
          .get(`/api/v1/associations/${a.id}/members/${byName.get('Luis Rojas')?.id}`)
          .set(bearer(officer))
          .expect(200)
      ).body.history;
      expect(history).toEqual([
        expect.objectContaining({
          action: 'imported',
          effectiveOn: '2026-02-01',
          by: 'Carolina Rojas Vega',
          reason: expect.stringContaining('línea 3'),
        }),
      ]);
      const audit = await ctx.query(
        `SELECT user_id, details FROM audit_log WHERE action = 'roster.imported' AND object_id = $1`,
        [a.id],
      );
      expect(audit).toEqual([
        { user_id: officerUser.id, details: expect.objectContaining({ imported: 3, format: 'csv' }) },
      ]);
      // the same file again: every row is now already a member
      await refused(a.id, csv([HEADER, ...rows]), [2, 3, 4]);
    });

    it('a `;`-separated file with a BOM, CRLF line ends and dd-mm-yyyy dates is accepted', async () => {
      const b = await ctx.newAssociation();
      const file =
        '\uFEFF' +
        csv(
          [
            HEADER.replace(/,/g, ';'),
            row(rut(), 'Pérez, Ana', { birthDate: '04-05-1980', phone: '+56 9 1111 2222' }, ';'),
            row(rut(), 'Luis Rojas', {}, ';'),
          ],
          '\r\n',
        );
      const res = await importCsv(b.id, file);
      expect([res.status, res.body]).toEqual([200, { imported: 2 }]);
      expect((await members(b.id)).map((m) => [m.fullName, m.birthDate]).sort()).toEqual([
        ['Luis Rojas', '1980-05-04'],
        ['Pérez, Ana', '1980-05-04'],
      ]);
    });

    it('rows that a spreadsheet leaves empty at the end (",,,,,,,," or ";;;;;;;;") are not members and do not refuse the file', async () => {
      const b = await ctx.newAssociation();
      const comma = await importCsv(
        b.id,
        csv([HEADER, row(rut(), 'Ana Pérez'), row(rut(), 'Luis Rojas'), ',,,,,,,,', ' , , ,,,,,,', '']),
      );
      expect([comma.status, comma.body]).toEqual([200, { imported: 2 }]);
      const c = await ctx.newAssociation();
      const semicolon = await importCsv(
        c.id,
        csv([HEADER.replace(/,/g, ';'), row(rut(), 'Rosa Díaz', {}, ';'), ';;;;;;;;', ';;;;;;;;'], '\r\n'),
      );
      expect([semicolon.status, semicolon.body]).toEqual([200, { imported: 1 }]);
      // an empty row between members is skipped too, and the lines after it keep their numbers
      const d = await ctx.newAssociation();
      await refused(d.id, csv([HEADER, row(rut(), 'Ana Pérez'), ',,,,,,,,', row('12.345.678-9', 'Luis Rojas')]), [4]);
    });

    it('DOM-ORG-12: a row whose person belongs to another junta de vecinos is refused on its line without naming it', async () => {
      const villa = await ctx.newAssociation({
        kind: 'neighbourhood_council',
        name: 'Junta de Vecinos Villa Alegre',
        neighbourhoodUnit: 'UV 7',
      });
      const cerro = await ctx.newAssociation({
        kind: 'neighbourhood_council',
        name: 'Junta de Vecinos El Llano',
        neighbourhoodUnit: 'UV 8',
      });
      const neighbour = rut();
      await ctx.newMember(villa.id, { rut: neighbour, fullName: 'Patricio Gómez Alfaro', birthDate: '1966-01-20' });
      const errors = await refused(
        cerro.id,
        csv([HEADER, row(rut(), 'Ana Pérez'), row(neighbour, 'Patricio Gómez Alfaro', { birthDate: '1966-01-20' })]),
        [3],
      );
      expect(errors).toEqual([{ line: 3, field: 'rut', message: expect.stringContaining('otra junta de vecinos') }]);
      expect(errors[0].message).not.toContain('Villa Alegre');
    });

    it('DOM-ID-PE: a Peruvian roster file has dni instead of rut', async () => {
      const pe = await ctx.newAssociation({
        communeCode: 'PE-130102',
        kind: 'market',
        name: 'Mercado La Unión',
        recognisedBy: 'Municipalidad Distrital de El Porvenir',
        recognisedOn: '2025-10-01',
      });
      const peru = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', 'PE-130102']] }));
      const peHeader = HEADER.replace(/^rut/, 'dni');
      const errors = await refused(pe.id, csv([HEADER, row('12.345.678-5', 'Juan Pérez')]), [1], peru);
      expect(errors[0].message).toContain('DNI');
      await refused(pe.id, csv([peHeader, row('4123456', 'Juan Pérez')]), [2], peru);
      const res = await importCsv(
        pe.id,
        csv([peHeader, row('41234567', 'Juan Pérez'), row('42345678', 'Rosa Quispe')]),
        peru,
      );
      expect([res.status, res.body]).toEqual([200, { imported: 2 }]);
      const listed = (await ctx.http.get(`/api/v1/associations/${pe.id}/members`).set(bearer(peru)).expect(200)).body
        .items as { dni: string; documentType: string }[];
      expect(listed.map((m) => [m.documentType, m.dni]).sort()).toEqual([
        ['dni', '41234567'],
        ['dni', '42345678'],
      ]);
      const exported = await ctx.http.get(`/api/v1/associations/${pe.id}/members.csv`).set(bearer(peru)).expect(200);
      expect(exported.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(`${peHeader},status,leftOn`);
    });

    it('a body that is not text/csv is a 400 naming the body', async () => {
      const res = await ctx.http
        .post(`/api/v1/associations/${a.id}/members/import`)
        .set(bearer(officer))
        .send({ rows: [] });
      expect(res.status).toBe(400);
    });
  });

  describe('export', () => {
    let a: { id: string };
    let ana: string;
    beforeAll(async () => {
      a = await ctx.newAssociation({ name: 'Barrio Comercial Avenida del Mar' });
      ana = rut();
      await ctx.newMember(a.id, {
        rut: ana,
        fullName: 'Ana Pérez Soto',
        birthDate: '1980-04-12',
        email: 'ana@example.cl',
        phone: '+56 9 8765 4321',
        address: "O'Higgins 123",
        businessName: '=1+2',
        businessCategory: 'pub',
        joinedOn: '2025-03-01',
      });
      await ctx.newMember(a.id, {
        fullName: 'Rojas, Luis "Lucho"',
        birthDate: '1975-08-17',
        address: '@Casa 5',
        businessName: 'Café; Té y más',
        joinedOn: '2026-02-01',
      });
      const leaving = await ctx.newMember(a.id, { fullName: 'Pedro Soto', joinedOn: '2026-01-05' });
      await ctx.http
        .post(`/api/v1/associations/${a.id}/members/${leaving.id}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-03-10', reason: 'Renuncia' })
        .expect(200);
    });
    const exported = async () => {
      const res = await ctx.http
        .get(`/api/v1/associations/${a.id}/members.csv`)
        .set(bearer(officer))
        .buffer(true)
        .parse(binaryBody);
      expect(res.status).toBe(200);
      return { res, text: (res.body as Buffer).toString('utf8') };
    };

    it("CSV: UTF-8 with BOM, the API.md header plus status,leftOn, formula cells protected with a leading '", async () => {
      const { res, text } = await exported();
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="socios-\d{4}-\d{2}-\d{2}-barrio-comercial-avenida-del-mar\.csv"$/,
      );
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines[0]).toBe(EXPORT_HEADER);
      const records = parse(text.slice(1), { columns: true }) as Record<string, string>[];
      const byName = new Map(records.map((r) => [r.fullName, r]));
      expect(records).toHaveLength(3);
      expect(byName.get('Ana Pérez Soto')).toEqual({
        rut: ana,
        fullName: 'Ana Pérez Soto',
        birthDate: '1980-04-12',
        email: 'ana@example.cl',
        phone: "'+56 9 8765 4321",
        address: "O'Higgins 123",
        businessName: "'=1+2",
        businessCategory: 'pub',
        joinedOn: '2025-03-01',
        status: 'active',
        leftOn: '',
      });
      expect(byName.get('Rojas, Luis "Lucho"')).toMatchObject({
        address: "'@Casa 5",
        businessName: 'Café; Té y más',
        status: 'active',
      });
      expect(byName.get('Pedro Soto')).toMatchObject({ status: 'ended', leftOn: '2026-03-10' });
      // no cell starts with a formula character unprotected
      for (const r of records) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });

    it('CSV round trip: the exported file imports into another association with every cell as it was (phones +56 9 ... intact), status and leftOn ignored', async () => {
      const { text } = await exported();
      // the active rows, as a user would keep them
      const kept = text.split('\r\n').filter((l) => !l.includes(',ended,'));
      // same people: accepted, the same person records
      const b = await ctx.newAssociation({ name: 'Cámara de Comercio del Faro' });
      const res = await importCsv(b.id, kept.join('\r\n'));
      expect([res.status, res.body]).toEqual([200, { imported: 2 }]);
      const inA = new Map((await members(a.id)).map((m) => [m.fullName, m.personId]));
      for (const m of await members(b.id)) expect(m.personId).toBe(inA.get(m.fullName as string));

      // new people from the same cells (the RUTs swapped): the cells are stored as they were before the export
      const c = await ctx.newAssociation({ name: 'Agrupación Gastronómica del Faro' });
      const swapped = kept.map((l, i) => (i === 0 || !l ? l : l.replace(/^[^,]+/, rut())));
      expect((await importCsv(c.id, swapped.join('\r\n'))).status).toBe(200);
      const byName = new Map((await members(c.id)).map((m) => [m.fullName, m]));
      expect(byName.get('Ana Pérez Soto')).toMatchObject({
        phone: '+56 9 8765 4321',
        businessName: '=1+2',
        address: "O'Higgins 123",
        email: 'ana@example.cl',
        birthDate: '1980-04-12',
        joinedOn: '2025-03-01',
        status: 'active',
      });
      expect(byName.get('Rojas, Luis "Lucho"')).toMatchObject({ address: '@Casa 5', businessName: 'Café; Té y más' });
    });

    it('the whole exported file, former members included, imports into another association: the ended rows are skipped, not made active', async () => {
      const { text } = await exported();
      const ended = text.split('\r\n').filter((l) => l.includes(',ended,')).length;
      expect(ended).toBeGreaterThan(0);
      const d = await ctx.newAssociation({ name: 'Agrupación de Comerciantes del Faro Monumental' });
      const res = await importCsv(d.id, text);
      expect([res.status, res.body]).toEqual([200, { imported: 2, skipped: ended }]);
      expect((await members(d.id)).every((m) => m.status === 'active')).toBe(true);
    });

    it('XLSX: the same header and rows as the CSV, read back with exceljs, formula-looking cells protected as in the CSV (API.md)', async () => {
      const xlsx = await ctx.http
        .get(`/api/v1/associations/${a.id}/members.xlsx`)
        .set(bearer(officer))
        .buffer(true)
        .parse(binaryBody);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-type']).toContain(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(xlsx.headers['content-disposition']).toContain('.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      const sheetRows: string[][] = [];
      sheet.eachRow((r) => sheetRows.push(Array.from({ length: 11 }, (_, i) => String(r.getCell(i + 1).value ?? ''))));
      const { text } = await exported();
      const csvRows = parse(text.slice(1)) as string[][];
      expect(sheetRows).toEqual(csvRows);
      expect(sheetRows.flat()).toContain("'@Casa 5");
      expect(sheetRows[0].join(',')).toBe(EXPORT_HEADER);
    });

    it('every roster export (API and pages, CSV and XLSX) writes a roster.exported audit row; a member of the association cannot export', async () => {
      const audited = async () =>
        (await ctx.query(`SELECT user_id FROM audit_log WHERE action = 'roster.exported' AND object_id = $1`, [a.id]))
          .length;
      const before = await audited();
      await ctx.http.get(`/api/v1/associations/${a.id}/members.csv`).set(bearer(officer)).expect(200);
      await ctx.http.get(`/api/v1/associations/${a.id}/members.xlsx`).set(bearer(officer)).expect(200);
      const { agent } = await ctx.signIn(officerUser);
      const page = await agent.get(`/organizaciones/${a.id}/socios/exportar.csv`).expect(200);
      expect(page.text.startsWith('\uFEFF' + EXPORT_HEADER)).toBe(true);
      await agent.get(`/organizaciones/${a.id}/socios/exportar.xlsx`).expect(200);
      expect(await audited()).toBe(before + 4);
      const rows = await ctx.query(
        `SELECT user_id, scope_type, scope_id FROM audit_log WHERE action = 'roster.exported' AND object_id = $1 ORDER BY id DESC LIMIT 4`,
        [a.id],
      );
      expect(rows).toEqual(Array(4).fill({ user_id: officerUser.id, scope_type: 'association', scope_id: a.id }));

      const memberUser = await ctx.newUser({ roles: [['association_member', a.id]] });
      await ctx.http
        .get(`/api/v1/associations/${a.id}/members.csv`)
        .set(bearer(await ctx.apiToken(memberUser)))
        .expect(403);
      expect(await audited()).toBe(before + 4);
    });
  });

  describe('HTML import: preview, then confirm', () => {
    const bad = () =>
      csv([
        HEADER,
        row(rut(), 'Ana Pérez Soto'),
        row('12.345.678-9', 'Luis Rojas'),
        row(rut(), 'Rosa Díaz', { businessName: '=CMD()' }),
        row(rut(), 'Pedro Soto', { birthDate: '2020-01-01' }),
        row(rut(), 'Elena Toro'),
      ]);

    it("the upload (multipart with the form's CSRF token) shows every bad line and imports nothing; the fixed file imports only when confirmed", async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación de Locatarios de La Recova' });
      const { agent, csrf } = await ctx.signIn(officerUser);
      const formPath = `/organizaciones/${a.id}/socios/importar`;
      const form = await agent.get(formPath).expect(200);
      expect(form.text).toContain('enctype="multipart/form-data"');
      expect(form.text).toContain(HEADER);
      const before = await counts();

      const upload = await agent
        .post(formPath)
        .field('_csrf', await csrf(formPath))
        .attach('file', Buffer.from(bad(), 'utf8'), { filename: 'socios-recova.csv', contentType: 'text/csv' });
      expect(upload.status).toBe(303);
      expect(upload.headers.location).toMatch(new RegExp(`^/organizaciones/${a.id}/socios/importar/[0-9a-f-]{36}$`));
      const preview = await agent.get(upload.headers.location);
      expect(preview.status).toBe(422);
      expect(preview.text).toContain('socios-recova.csv');
      expect(preview.text).toContain('2 de 5 filas sin errores');
      const badLines = [...preview.text.matchAll(/<tr class="table-danger" data-line="(\d+)"/g)].map((m) =>
        Number(m[1]),
      );
      expect(badLines).toEqual([3, 4, 5]);
      const rowHtml = (line: number) =>
        preview.text.slice(
          preview.text.indexOf(`data-line="${line}"`),
          preview.text.indexOf('</tr>', preview.text.indexOf(`data-line="${line}"`)),
        );
      expect(rowHtml(3)).toContain('dígito verificador');
      expect(rowHtml(4)).toContain('fórmula');
      expect(rowHtml(5)).toContain('años');
      expect(rowHtml(2)).toContain('Ana Pérez Soto');
      // issue 20 item 4: a failing row shows whose it is, as typed (the RUT with its wrong check digit too)
      expect(rowHtml(3)).toContain('Luis Rojas');
      expect(rowHtml(3)).toContain('12.345.678-9');
      expect(rowHtml(5)).toContain('Pedro Soto');
      expect(preview.text).not.toContain('/confirmar');
      expect(await counts()).toEqual(before);

      // confirming the bad file anyway imports nothing and shows the preview again
      const importId = upload.headers.location.split('/').pop();
      const forced = await agent
        .post(`${formPath}/${importId}/confirmar`)
        .type('form')
        .send({ _csrf: await csrf(formPath) });
      expect([forced.status, forced.headers.location]).toEqual([303, upload.headers.location]);
      expect(await counts()).toEqual(before);

      // the fixed file: a preview with a confirm button, still nothing imported
      const fixed = csv([
        HEADER,
        row(rut(), 'Ana Pérez Soto'),
        row(rut(), 'Luis Rojas'),
        row(rut(), 'Rosa Díaz', { businessName: 'CMD Ltda.' }),
        row(rut(), 'Pedro Soto'),
        row(rut(), 'Elena Toro'),
      ]);
      const again = await agent
        .post(formPath)
        .field('_csrf', await csrf(formPath))
        .attach('file', Buffer.from(fixed, 'utf8'), { filename: 'socios-recova.csv', contentType: 'text/csv' });
      expect(again.status).toBe(303);
      const ready = await agent.get(again.headers.location).expect(200);
      expect(ready.text).toContain('5 de 5 filas sin errores');
      expect(ready.text).not.toContain('table-danger');
      const confirmAction = `${again.headers.location}/confirmar`;
      expect(ready.text).toContain(`action="${confirmAction}"`);
      expect(await counts()).toEqual(before);

      const confirmed = await agent
        .post(confirmAction)
        .type('form')
        .send({ _csrf: await csrf(again.headers.location) });
      expect([confirmed.status, confirmed.headers.location]).toEqual([303, `/organizaciones/${a.id}/socios`]);
      const rosterPage = await agent.get(`/organizaciones/${a.id}/socios`).expect(200);
      expect(rosterPage.text).toContain('Se importaron 5 socios');
      expect((await members(a.id)).map((m) => m.fullName).sort()).toEqual([
        'Ana Pérez Soto',
        'Elena Toro',
        'Luis Rojas',
        'Pedro Soto',
        'Rosa Díaz',
      ]);
      expect(Number((await counts()).membership)).toBe(Number(before.membership) + 5);

      // a second confirm of the same file imports nothing more
      const twice = await agent
        .post(confirmAction)
        .type('form')
        .send({ _csrf: await csrf(`/organizaciones/${a.id}/socios`) });
      expect(twice.status).toBe(303);
      expect(Number((await counts()).membership)).toBe(Number(before.membership) + 5);
    });

    it('issue 20 item 4: the import page offers the template (CSV and XLSX) with Spanish column names, and the template imports back', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación de Locatarios del Mercado' });
      const { agent, csrf } = await ctx.signIn(officerUser);
      const templates: { csv?: Buffer; xlsx?: Buffer } = {};
      const form = await agent.get(`/organizaciones/${a.id}/socios/importar`).expect(200);
      expect(form.text).toContain(
        'rut,nombre,fecha de nacimiento,correo,teléfono,dirección,negocio,rubro,fecha de ingreso',
      );
      for (const format of ['csv', 'xlsx'] as const) {
        const href = `/organizaciones/${a.id}/socios/importar/plantilla.${format}`;
        expect(form.text).toContain(`href="${href}"`);
        const file = await agent.get(href).buffer(true).parse(binaryBody);
        expect(file.status).toBe(200);
        expect(file.headers['content-disposition']).toMatch(
          new RegExp(`^attachment; filename="plantilla-socios-[a-z0-9-]+\\.${format}"$`),
        );
        const body = file.body as Buffer;
        if (format === 'csv') {
          expect(
            body
              .toString('utf8')
              .replace(/^\uFEFF/, '')
              .split(/\r?\n/)[0],
          ).toBe('rut,nombre,fecha de nacimiento,correo,teléfono,dirección,negocio,rubro,fecha de ingreso');
          templates.csv = body;
        } else templates.xlsx = body;
      }
      // the XLSX template, as it comes, previews its example row without errors on the page
      const upload = await agent
        .post(`/organizaciones/${a.id}/socios/importar`)
        .field('_csrf', await csrf(`/organizaciones/${a.id}/socios/importar`))
        .attach('file', templates.xlsx as Buffer, {
          filename: 'plantilla-socios.xlsx',
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        });
      expect(upload.status).toBe(303);
      const preview = await agent.get(upload.headers.location).expect(200);
      expect(preview.text).toContain('1 de 1 filas sin errores');
      expect(preview.text).toContain('María Pérez Soto');
      // the CSV template imports its example member through the API
      const before = await counts();
      const imported = await importCsv(a.id, templates.csv as Buffer);
      expect([imported.status, imported.body.imported]).toEqual([200, 1]);
      expect((await members(a.id)).map((m) => m.fullName)).toEqual(['María Pérez Soto']);
      expect(Number((await counts()).membership)).toBe(Number(before.membership) + 1);
      // someone without the roster right gets no template
      const stranger = await ctx.signIn(await ctx.newUser());
      expect((await stranger.agent.get(`/organizaciones/${a.id}/socios/importar/plantilla.csv`)).status).toBe(404);
    });
    it('when the roster changed between the preview and the confirmation, nothing is imported and the preview shows the new problem', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación de Artesanos del Faro' });
      const luis = rut();
      const { agent, csrf } = await ctx.signIn(officerUser);
      const formPath = `/organizaciones/${a.id}/socios/importar`;
      const upload = await agent
        .post(formPath)
        .field('_csrf', await csrf(formPath))
        .attach('file', Buffer.from(csv([HEADER, row(rut(), 'Ana Pérez'), row(luis, 'Luis Rojas')]), 'utf8'), {
          filename: 'socios.csv',
          contentType: 'text/csv',
        });
      await agent.get(upload.headers.location).expect(200);
      // meanwhile someone adds Luis by hand
      await ctx.newMember(a.id, { rut: luis, fullName: 'Luis Rojas', birthDate: '1980-05-04' });
      const before = await counts();
      const confirmed = await agent
        .post(`${upload.headers.location}/confirmar`)
        .type('form')
        .send({ _csrf: await csrf(upload.headers.location) });
      expect([confirmed.status, confirmed.headers.location]).toEqual([303, upload.headers.location]);
      expect(await counts()).toEqual(before);
      const preview = await agent.get(upload.headers.location);
      expect(preview.status).toBe(422);
      expect(preview.text).toMatch(/<tr class="table-danger" data-line="3"[\s\S]*?ya es socia/);
    });

    it('an upload without the CSRF token is refused (403) and keeps nothing', async () => {
      const a = await ctx.newAssociation();
      const { agent } = await ctx.signIn(officerUser);
      const kept = await ctx.count('roster_import');
      const res = await agent
        .post(`/organizaciones/${a.id}/socios/importar`)
        .attach('file', Buffer.from(csv([HEADER, row(rut(), 'Ana Pérez')]), 'utf8'), {
          filename: 'socios.csv',
          contentType: 'text/csv',
        });
      expect(res.status).toBe(403);
      expect(await ctx.count('roster_import')).toBe(kept);
    });

    it('an XLSX upload previews and imports the same way (dates as Excel dates or text)', async () => {
      const a = await ctx.newAssociation({ name: 'Barrio Comercial Cienfuegos' });
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Socios');
      sheet.addRow(HEADER.split(','));
      sheet.addRow([
        rut(),
        'Marta Alvarado',
        new Date(Date.UTC(1979, 10, 3)),
        'marta@example.cl',
        '+56 9 2222 3333',
        'Cienfuegos 50',
        'Peluquería Marta',
        'Peluquería',
        new Date(Date.UTC(2026, 0, 15)),
      ]);
      sheet.addRow([rut(), 'Jorge Valdés', '1985-02-20', '', '', '', '', '', '15-02-2026']);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());

      const { agent, csrf } = await ctx.signIn(officerUser);
      const formPath = `/organizaciones/${a.id}/socios/importar`;
      const before = await counts();
      const upload = await agent
        .post(formPath)
        .field('_csrf', await csrf(formPath))
        .attach('file', file, {
          filename: 'socios.xlsx',
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        });
      expect(upload.status).toBe(303);
      const preview = await agent.get(upload.headers.location).expect(200);
      expect(preview.text).toContain('2 de 2 filas sin errores');
      expect(await counts()).toEqual(before);
      const confirmed = await agent
        .post(`${upload.headers.location}/confirmar`)
        .type('form')
        .send({ _csrf: await csrf(upload.headers.location) });
      expect(confirmed.status).toBe(303);
      const byName = new Map((await members(a.id)).map((m) => [m.fullName, m]));
      expect(byName.get('Marta Alvarado')).toMatchObject({
        birthDate: '1979-11-03',
        joinedOn: '2026-01-15',
        phone: '+56 9 2222 3333',
        businessName: 'Peluquería Marta',
      });
      expect(byName.get('Jorge Valdés')).toMatchObject({ birthDate: '1985-02-20', joinedOn: '2026-02-15' });
      const audit = await ctx.query(
        `SELECT details FROM audit_log WHERE action = 'roster.imported' AND object_id = $1`,
        [a.id],
      );
      expect(audit).toEqual([
        { details: expect.objectContaining({ imported: 2, format: 'xlsx', filename: 'socios.xlsx' }) },
      ]);
    });
  });
});
