import fc from 'fast-check';
import type { AssociationKind } from '../../../src/associations/association-rules';
import {
  parseRosterCsv,
  type RosterRow,
  type RosterRowContext,
  rosterHeader,
  validateRosterTable,
} from '../../../src/associations/roster-file';
import { csvLine, protectCell } from '../../../src/common/format/spreadsheet';
import { defaultSettingsFor } from '../../../src/territory/municipality-settings';

/** DOM-RUT-2, to build valid RUTs for the rows below. */
function dv(body: number): string {
  const digits = String(body).split('').reverse().map(Number);
  const v = 11 - (digits.reduce((sum, d, i) => sum + d * (2 + (i % 6)), 0) % 11);
  return v === 11 ? '0' : v === 10 ? 'K' : String(v);
}
const rut = (body: number) => `${body}-${dv(body)}`;

const TODAY = '2026-03-17';
const ctxFor = (
  kind: AssociationKind = 'functional_organization',
  documentType: 'rut' | 'dni' = 'rut',
): RosterRowContext => ({
  documentType,
  kind,
  settings: defaultSettingsFor(documentType === 'dni' ? 'PE' : 'CL'),
  today: TODAY,
});
const CTX = ctxFor();
/** API.md "Roster CSV": the import header, exactly. */
const HEADER = 'rut,fullName,birthDate,email,phone,address,businessName,businessCategory,joinedOn';
const HEADER_PE = 'dni,fullName,birthDate,email,phone,address,businessName,businessCategory,joinedOn';
const EXPORT_HEADER = `${HEADER},status,leftOn`;

type Cells = {
  doc: string;
  fullName: string;
  birthDate: string;
  email: string;
  phone: string;
  address: string;
  businessName: string;
  businessCategory: string;
  joinedOn: string;
};
const ANA: Cells = {
  doc: '12.345.678-5',
  fullName: 'Ana Pérez Soto',
  birthDate: '1980-04-12',
  email: 'Ana@Example.cl',
  phone: '+56 9 1234 5678',
  address: "O'Higgins 123",
  businessName: 'Pub La Recova',
  businessCategory: 'pub',
  joinedOn: '2025-03-01',
};
const LUIS: Cells = {
  doc: '7654321-6',
  fullName: 'Luis Rojas',
  birthDate: '17-08-1975',
  email: '',
  phone: '',
  address: '',
  businessName: '',
  businessCategory: '',
  joinedOn: '01-02-2024',
};
const person = (n: number, over: Partial<Cells> = {}): Cells => ({
  ...LUIS,
  doc: rut(20_000_000 + n),
  fullName: `Socio ${n}`,
  ...over,
});
/** A row written by hand (no quoting: callers quote what needs it). */
const line = (c: Cells, sep = ',') =>
  [c.doc, c.fullName, c.birthDate, c.email, c.phone, c.address, c.businessName, c.businessCategory, c.joinedOn].join(
    sep,
  );
const file = (lines: string[], eol = '\n') => Buffer.from(lines.join(eol) + eol, 'utf8');
const parse = (lines: string[], eol = '\n', ctx = CTX) => parseRosterCsv(file(lines, eol), ctx);
/** Errors as [line, field] pairs, in order. */
const where = (errors: { line: number; field: string | null }[]) => errors.map((e) => [e.line, e.field]);

const ANA_ROW = {
  line: 2,
  document: '12345678-5',
  fullName: 'Ana Pérez Soto',
  birthDate: '1980-04-12',
  email: 'ana@example.cl',
  phone: '+56 9 1234 5678',
  address: "O'Higgins 123",
  businessName: 'Pub La Recova',
  businessCategory: 'pub',
  joinedOn: '2025-03-01',
};
const LUIS_ROW = {
  line: 3,
  document: '7654321-6',
  fullName: 'Luis Rojas',
  birthDate: '1975-08-17',
  email: null,
  phone: null,
  address: null,
  businessName: null,
  businessCategory: null,
  joinedOn: '2024-02-01',
};

describe('roster CSV: the header', () => {
  it('API Roster CSV: the exact header, comma-separated, gives canonical rows with their physical lines', () => {
    const parsed = parse([HEADER, line(ANA), line(LUIS)]);
    expect(parsed).toEqual({ rows: [ANA_ROW, LUIS_ROW], errors: [], total: 2 });
  });

  it('API Roster CSV: import also accepts ";" as the delimiter (a comma inside a cell is then just text)', () => {
    const parsed = parse([
      HEADER.replace(/,/g, ';'),
      line({ ...ANA, address: 'Prat 45, depto 2' }, ';'),
      line(LUIS, ';'),
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([{ ...ANA_ROW, address: 'Prat 45, depto 2' }, LUIS_ROW]);
  });

  it('API Roster CSV: an optional UTF-8 BOM and CRLF line ends are accepted (as Excel saves «CSV UTF-8»)', () => {
    const bomCrlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), file([HEADER, line(ANA), line(LUIS)], '\r\n')]);
    expect(parseRosterCsv(bomCrlf, CTX)).toEqual({ rows: [ANA_ROW, LUIS_ROW], errors: [], total: 2 });
    const bomSemicolon = Buffer.from(
      `\uFEFF${[HEADER.replace(/,/g, ';'), line(ANA, ';'), line(LUIS, ';')].join('\r\n')}`,
      'utf8',
    );
    expect(parseRosterCsv(bomSemicolon, CTX)).toEqual({ rows: [ANA_ROW, LUIS_ROW], errors: [], total: 2 });
  });

  it('API Roster CSV: a file whose rows end in LF after a CRLF header (mixed line ends) keeps its rows apart', () => {
    const mixed = Buffer.from(`${HEADER}\r\n${line(ANA)}\n${line(LUIS)}\r\n`, 'utf8');
    expect(parseRosterCsv(mixed, CTX)).toEqual({ rows: [ANA_ROW, LUIS_ROW], errors: [], total: 2 });
  });

  it('API Roster CSV: the export header with trailing status,leftOn is accepted; former members (ended) are skipped, not imported as active', () => {
    const parsed = parse([EXPORT_HEADER, `${line(ANA)},active,`, `${line(LUIS)},suspended,`]);
    expect(parsed).toEqual({ rows: [ANA_ROW, LUIS_ROW], errors: [], total: 2 });
    expect(parse([EXPORT_HEADER, `${line(ANA)},active,`, `${line(LUIS)},ended,2025-12-01`])).toEqual({
      rows: [ANA_ROW],
      errors: [],
      total: 2,
      skipped: 1,
    });
    // an export-style file still needs the 11 columns on every row
    expect(where(parse([EXPORT_HEADER, line(ANA)]).errors)).toEqual([[2, null]]);
  });

  it('DOM-ID-PE: a Peruvian roster has dni instead of rut', () => {
    const parsed = parse(
      [HEADER_PE, line({ ...ANA, doc: '12.345.678' }), line({ ...LUIS, doc: '01234567' })],
      '\n',
      ctxFor('neighbourhood_security_board', 'dni'),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.document])).toEqual([
      [2, '12345678'],
      [3, '01234567'],
    ]);
    expect(rosterHeader('dni').join(',')).toBe(HEADER_PE);
    expect(rosterHeader('rut').join(',')).toBe(HEADER);
  });

  it('API Roster CSV: a first row that does not name the columns is refused on line 1 with no rows', () => {
    const cols = HEADER.split(',');
    const variants = [
      HEADER.replace(/,/g, '\t'), // tab-delimited
      HEADER.replace(/,/g, '|'),
      cols.slice(0, 8).join(','), // missing joinedOn
      `${HEADER},notes`, // extra column
      `${HEADER},status`, // half the export columns
      HEADER.replace('email', 'fullName'), // a column twice
      line(ANA), // no header at all
    ];
    for (const header of variants) {
      const delimiter = header.includes('\t') ? '\t' : ',';
      const parsed = parse([header, line(ANA, delimiter)]);
      expect([header, parsed.rows, where(parsed.errors)]).toEqual([header, [], [[1, null]]]);
      // the message shows both ways to name the columns
      expect(parsed.errors[0].message).toContain(HEADER);
      expect(parsed.errors[0].message).toContain('rut,nombre,fecha de nacimiento,correo,teléfono');
    }
  });

  it('issue 20 item 4: Spanish column names (any case, with or without accents, in any order) read like the API ones', () => {
    const spanish = 'RUT;Nombre;Fecha de Nacimiento;Correo;Telefono;Dirección;Negocio;Rubro;Fecha de ingreso';
    expect(parse([spanish, line(ANA, ';'), line(LUIS, ';')])).toEqual({
      rows: [ANA_ROW, LUIS_ROW],
      errors: [],
      total: 2,
    });
    // reordered: the name first, the RUT last
    const reordered = (c: Cells) =>
      [
        c.fullName,
        c.birthDate,
        c.email,
        c.phone,
        c.address,
        c.businessName,
        c.businessCategory,
        c.joinedOn,
        c.doc,
      ].join(',');
    const moved = parse([
      'nombre,fecha de nacimiento,correo electrónico,teléfono,domicilio,nombre del negocio,categoría,ingreso,rut',
      reordered(ANA),
      reordered(LUIS),
    ]);
    expect(moved).toEqual({ rows: [ANA_ROW, LUIS_ROW], errors: [], total: 2 });
    // the API's names in another case and order too
    const cols = HEADER.split(',');
    expect(
      parse([
        [cols[1], cols[0], ...cols.slice(2)].join(',').toUpperCase(),
        [ANA.fullName, ANA.doc, ...line(ANA).split(',').slice(2)].join(','),
      ]).rows,
    ).toEqual([ANA_ROW]);
    // Peru: dni in Spanish is dni
    const peru = parse(
      [
        'dni,nombre,fecha de nacimiento,correo,teléfono,dirección,negocio,rubro,fecha de ingreso',
        line({ ...ANA, doc: '12345678' }),
      ],
      '\n',
      ctxFor('soup_kitchen', 'dni'),
    );
    expect(peru.errors).toEqual([]);
    expect(peru.rows.map((r) => r.document)).toEqual(['12345678']);
  });

  it('issue 20 item 4: a line with problems keeps its name and RUT as typed, for the preview to show whose row it is', () => {
    const parsed = parse([HEADER, line(ANA), line({ ...LUIS, doc: '7654321-0', fullName: 'Luis Rojas Díaz' })]);
    expect(where(parsed.errors)).toEqual([[3, 'rut']]);
    expect(parsed.typed).toEqual({ 3: { fullName: 'Luis Rojas Díaz', document: '7654321-0', businessName: '' } });
    expect(parse([HEADER, line(ANA)]).typed).toBeUndefined();
  });

  it('DOM-ID-PE: a rut header in a DNI roster (and the reverse) is refused with a hint', () => {
    const inPeru = parse([HEADER, line(ANA)], '\n', ctxFor('soup_kitchen', 'dni'));
    expect(where(inPeru.errors)).toEqual([[1, null]]);
    expect(inPeru.errors[0].message).toMatch(/usa DNI, no RUT/);
    const inChile = parse([HEADER_PE, line({ ...ANA, doc: '12345678' })]);
    expect(where(inChile.errors)).toEqual([[1, null]]);
    expect(inChile.errors[0].message).toMatch(/usa RUT, no DNI/);
    expect(inChile.rows).toEqual([]);
  });
});

describe('roster CSV: malformed files', () => {
  it('API Roster CSV: an empty file (no bytes, only a BOM, only blank lines) is one error on line 1', () => {
    for (const content of [
      Buffer.alloc(0),
      Buffer.from('\uFEFF', 'utf8'),
      Buffer.from('\r\n\r\n', 'utf8'),
      Buffer.from('   \n', 'utf8'),
    ]) {
      const parsed = parseRosterCsv(content, CTX);
      expect(parsed.rows).toEqual([]);
      expect(where(parsed.errors)).toEqual([[1, null]]);
      expect(parsed.errors[0].message).toMatch(/vacío/);
    }
  });

  it('API Roster CSV: a header without members is an error and gives no rows', () => {
    for (const content of [Buffer.from(HEADER), file([HEADER]), file([HEADER, '', ''], '\r\n')]) {
      const parsed = parseRosterCsv(content, CTX);
      expect(parsed.rows).toEqual([]);
      expect(parsed.total).toBe(0);
      expect(parsed.errors).toHaveLength(1);
      expect(parsed.errors[0]).toMatchObject({ line: 2, field: null });
      expect(parsed.errors[0].message).toMatch(/solo tiene la fila de encabezado/);
    }
  });

  it('API Roster CSV: Latin-1 bytes are refused on the line where they appear, with no rows', () => {
    const latin1 = Buffer.from(
      [HEADER, line(ANA).replace(/Pérez/, 'Perez'), line({ ...LUIS, fullName: 'José Peña' })].join('\n') + '\n',
      'latin1',
    );
    const parsed = parseRosterCsv(latin1, CTX);
    expect(parsed.rows).toEqual([]);
    // issue 22 item 6: the refusal names the column the bad bytes are in
    expect(where(parsed.errors)).toEqual([[3, 'fullName']]);
    expect(parsed.errors[0].message).toMatch(/UTF-8/);
    const windows1252 = Buffer.concat([
      Buffer.from(`${HEADER}\r\n`, 'utf8'),
      Buffer.from(`${line({ ...ANA, fullName: 'Ana Muñoz' })}\r\n`, 'latin1'),
    ]);
    expect(where(parseRosterCsv(windows1252, CTX).errors)).toEqual([[2, 'fullName']]);
    expect(parseRosterCsv(windows1252, CTX).rows).toEqual([]);
  });

  it('API Roster CSV: a quote that never closes is reported on the line where it opened, with no rows', () => {
    const atEnd = parse([HEADER, line(ANA), line({ ...LUIS, address: '"Prat 45, depto 2' }), line(person(1))]);
    expect(atEnd.rows).toEqual([]);
    expect(where(atEnd.errors)).toEqual([[3, null]]);
    expect(atEnd.errors[0].message).toMatch(/comillas/);
    // later rows with properly quoted cells do not move the report away from where the quote opened
    const laterQuotes = parse([
      HEADER,
      line(ANA),
      line({ ...LUIS, fullName: '"Luis Rojas' }),
      line(person(1, { address: '"Calle 1, casa 2"' })),
      line(person(2)),
    ]);
    expect(laterQuotes.rows).toEqual([]);
    expect(where(laterQuotes.errors)).toEqual([[3, null]]);
  });

  it('API Roster CSV: quote errors keep physical lines after a quoted cell with a CRLF line break inside', () => {
    const lines = [
      HEADER,
      line({ ...ANA, address: '"Prat 45\r\ndepto 2"' }),
      line(LUIS),
      line(person(1, { address: '"Sin cierre' })),
      line(person(2)),
    ];
    const parsed = parse(lines, '\r\n');
    expect(parsed.rows).toEqual([]);
    expect(where(parsed.errors)).toEqual([[5, null]]);
    const strayQuote = parse(
      [HEADER, line({ ...ANA, address: '"Prat 45\r\ndepto 2"' }), line({ ...LUIS, fullName: 'Luis "Lucho" Rojas' })],
      '\r\n',
    );
    expect(strayQuote.rows).toEqual([]);
    expect(where(strayQuote.errors)).toEqual([[4, null]]);
  });

  it('API Roster CSV: rows with missing or extra columns are errors on their own line', () => {
    const parsed = parse([
      HEADER,
      line(ANA),
      line(LUIS).split(',').slice(0, 8).join(','),
      `${line(person(1))},extra`,
      line(person(2)),
    ]);
    expect(where(parsed.errors)).toEqual([
      [3, null],
      [4, null],
    ]);
    expect(parsed.errors[0].message).toBe('La fila tiene 8 columnas; se esperaban 9.');
    expect(parsed.errors[1].message).toBe('La fila tiene 10 columnas; se esperaban 9.');
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(parsed.total).toBe(4);
  });

  it('API Roster CSV: a row in the wrong delimiter is a column-count error on its line', () => {
    const parsed = parse([HEADER, line(ANA, '\t')]);
    expect(parsed.rows).toEqual([]);
    expect(where(parsed.errors)).toEqual([[2, null]]);
  });

  it('DOM-RUT-3: a person twice in the file is refused on the second line, naming the first', () => {
    const parsed = parse([
      HEADER,
      line(ANA),
      line(LUIS),
      line({ ...ANA, doc: '12345678-5', fullName: 'Ana P. Soto' }),
      line({ ...LUIS, doc: '7.654.321-6' }),
    ]);
    expect(where(parsed.errors)).toEqual([
      [4, 'rut'],
      [5, 'rut'],
    ]);
    expect(parsed.errors[0].message).toMatch(/línea 2/);
    expect(parsed.errors[1].message).toMatch(/línea 3/);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('API Roster CSV: quoted cells with line breaks inside keep later line numbers physical (LF)', () => {
    const parsed = parse([
      HEADER,
      line({ ...ANA, address: '"Prat 45\ndepto 2\nLa Serena"' }),
      line(person(1, { email: 'no-es-correo' })),
      '',
      line(person(2)),
    ]);
    expect(where(parsed.errors)).toEqual([[5, 'email']]);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 7]);
    expect(parsed.rows[0].address).toBe('Prat 45\ndepto 2\nLa Serena');
  });

  it('API Roster CSV: quoted cells with CRLF line breaks inside keep later line numbers physical (CRLF file)', () => {
    const parsed = parse(
      [
        HEADER,
        line({ ...ANA, address: '"Prat 45\r\ndepto 2"' }),
        line(person(1, { email: 'no-es-correo' })),
        '',
        line(person(2, { address: '"a\r\nb\r\nc"' })),
        line(person(3, { joinedOn: '2030-01-01' })),
      ],
      '\r\n',
    );
    // 1 header, 2-3 first row, 4 bad e-mail, 5 blank, 6-8 second valid row, 9 future joinedOn
    expect(where(parsed.errors)).toEqual([
      [4, 'email'],
      [9, 'joinedOn'],
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 6]);
    expect(parsed.rows[0].address).toBe('Prat 45\r\ndepto 2');
  });

  it('API Roster CSV: blank lines between rows do not shift the reported lines', () => {
    const parsed = parse([HEADER, '', line(ANA), '', '', line({ ...LUIS, birthDate: 'ayer' })], '\r\n');
    expect(parsed.rows.map((r) => r.line)).toEqual([3]);
    expect(where(parsed.errors)).toEqual([[6, 'birthDate']]);
  });
});

describe('roster CSV: row values', () => {
  it('DOM-FMT-1: dates yyyy-mm-dd and dd-mm-yyyy are read; impossible dates are refused', () => {
    const parsed = parse([
      HEADER,
      line(person(1, { birthDate: '12-04-1980', joinedOn: '2025-03-01' })),
      line(person(2, { birthDate: '31-02-1990' })),
      line(person(3, { birthDate: '1990-02-29' })),
      line(person(4, { joinedOn: '29-02-2024' })),
      line(person(5, { joinedOn: '2025/03/01' })),
    ]);
    expect(parsed.rows.map((r) => [r.line, r.birthDate, r.joinedOn])).toEqual([
      [2, '1980-04-12', '2025-03-01'],
      [5, '1975-08-17', '2024-02-29'],
    ]);
    expect(where(parsed.errors)).toEqual([
      [3, 'birthDate'],
      [4, 'birthDate'],
      [6, 'joinedOn'],
    ]);
  });

  it('API Roster CSV: joinedOn may be today but not in the future; birthDate must come before it', () => {
    const parsed = parse([
      HEADER,
      line(person(1, { joinedOn: TODAY })),
      line(person(2, { joinedOn: '2026-03-18' })),
      line(person(3, { birthDate: '2025-03-01', joinedOn: '2025-03-01' })),
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
    expect(where(parsed.errors)).toEqual([
      [3, 'joinedOn'],
      [4, 'birthDate'],
    ]);
    expect(parsed.errors[0].message).toMatch(/futura/);
  });

  it('DOM-ORG-4: a functional organisation refuses a member under 15 on the joining date, with the numbers', () => {
    const parsed = parse([
      HEADER,
      line(person(1, { birthDate: '2011-03-02', joinedOn: '2025-03-01' })),
      line(person(2, { birthDate: '2009-03-01', joinedOn: '2025-03-01' })),
    ]);
    expect(where(parsed.errors)).toEqual([[2, 'birthDate']]);
    expect(parsed.errors[0].message).toBe(
      'La persona tenía 13 años al ingresar; el mínimo para esta organización es 15.',
    );
    expect(parsed.rows.map((r) => r.line)).toEqual([3]);
  });

  it('DOM-ORG-4, DOM-DATA-3: members under 16 need a guardian consent, which an import cannot carry: refused', () => {
    const jjvv = ctxFor('neighbourhood_council');
    const rows = [
      person(1, { birthDate: '2011-03-02', joinedOn: '2025-03-01' }), // 13: too young for a JJVV
      person(2, { birthDate: '2011-03-01', joinedOn: '2025-03-01' }), // 14 today: old enough, needs consent
      person(3, { birthDate: '2009-03-02', joinedOn: '2025-03-01' }), // 15, the day before turning 16
      person(4, { birthDate: '2009-03-01', joinedOn: '2025-03-01' }), // 16 today
    ];
    const parsed = parse([HEADER, ...rows.map((r) => line(r))], '\n', jjvv);
    expect(where(parsed.errors)).toEqual([
      [2, 'birthDate'],
      [3, 'birthDate'],
      [4, 'birthDate'],
    ]);
    expect(parsed.errors[0].message).toMatch(/tenía 13 años.*mínimo.*es 14/);
    expect(parsed.errors[1].message).toMatch(/menor de 16 años.*apoderado/);
    expect(parsed.errors[2].message).toMatch(/menor de 16 años.*apoderado/);
    expect(parsed.rows.map((r) => r.line)).toEqual([5]);
  });

  it('DOM-RUT-1, DOM-RUT-2: a wrong check digit, non-ASCII digits or a missing RUT are errors on the rut field', () => {
    const parsed = parse([
      HEADER,
      line(person(1, { doc: '12.345.678-4' })),
      line(person(2, { doc: '١٢٣٤٥٦٧٨-5' })),
      line(person(3, { doc: '' })),
      line(person(4, { doc: '12345678-k' })),
    ]);
    expect(where(parsed.errors)).toEqual([
      [2, 'rut'],
      [3, 'rut'],
      [4, 'rut'],
      [5, 'rut'],
    ]);
    expect(parsed.errors[0].message).toMatch(/dígito verificador/);
    expect(parsed.errors[1].message).toMatch(/formato/);
    expect(parsed.errors[2].message).toMatch(/obligatorio/);
    expect(parsed.rows).toEqual([]);
  });

  it('API Roster CSV: required fields, e-mail, phone and lengths are checked and named', () => {
    const parsed = parse([
      HEADER,
      line(person(1, { fullName: '' })),
      line(person(2, { birthDate: '' })),
      line(person(3, { joinedOn: '' })),
      line(person(4, { email: 'ana@' })),
      line(person(5, { phone: '12' })),
      line(person(6, { address: 'x'.repeat(301) })),
      line(person(7, { fullName: 'y'.repeat(201) })),
      line(person(8, { address: 'x'.repeat(300), fullName: `  Marta   ${'y'.repeat(10)}  ` })),
    ]);
    expect(where(parsed.errors)).toEqual([
      [2, 'fullName'],
      [3, 'birthDate'],
      [4, 'joinedOn'],
      [5, 'email'],
      [6, 'phone'],
      [7, 'address'],
      [8, 'fullName'],
    ]);
    expect(parsed.rows.map((r) => [r.line, r.fullName])).toEqual([[9, `Marta ${'y'.repeat(10)}`]]);
  });

  it('API Roster CSV: cells a spreadsheet would run as formulas (= + - @) are refused, naming the field', () => {
    const cases: [Partial<Cells>, string][] = [
      [{ fullName: '=SUM(1)' }, 'fullName'],
      [{ fullName: '@x' }, 'fullName'],
      [{ fullName: '-1+1' }, 'fullName'],
      [{ fullName: '+Ana' }, 'fullName'],
      [{ address: '"=HYPERLINK(""http://x.invalid"",""clic"")"' }, 'address'],
      [{ businessName: '=1+1' }, 'businessName'],
      [{ businessCategory: '@SUM(A1)' }, 'businessCategory'],
      [{ phone: '=1+1' }, 'phone'],
      [{ phone: '-1+1' }, 'phone'],
      [{ phone: '+1+1' }, 'phone'],
    ];
    const parsed = parse([HEADER, ...cases.map(([over], i) => line(person(i + 1, over)))]);
    expect(parsed.rows).toEqual([]);
    for (const [i, [, field]] of cases.entries()) {
      const errs = parsed.errors.filter((e) => e.line === i + 2);
      expect([i + 2, errs.some((e) => e.field === field && /fórmula/.test(e.message))]).toEqual([i + 2, true]);
    }
  });

  it('API Roster CSV: a phone such as +56 9 1234 5678 is not a formula', () => {
    const parsed = parse([
      HEADER,
      line(person(1, { phone: '+56 9 1234 5678' })),
      line(person(2, { phone: '+56 (2) 2345-6789' })),
      line(person(3, { phone: '22345678' })),
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.phone)).toEqual(['+56 9 1234 5678', '+56 (2) 2345-6789', '22345678']);
  });

  it("API Roster CSV: a cell the export protected with a leading ' is read back as it was stored", () => {
    const parsed = parse([
      HEADER,
      line(
        person(1, {
          fullName: 'Ana',
          phone: "'+56 9 1234 5678",
          address: "'-Pasaje 3",
          businessName: "'@barrio",
          businessCategory: "'+bar",
        }),
      ),
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({
      fullName: 'Ana',
      phone: '+56 9 1234 5678',
      address: '-Pasaje 3',
      businessName: '@barrio',
      businessCategory: '+bar',
    });
    // an apostrophe that protects nothing is text
    expect(parse([HEADER, line(person(1, { businessName: "'Ana" }))]).rows[0].businessName).toBe("'Ana");
    // issue 22 item 7: a name is never formula-looking, protected or not (the API and the forms refuse it too)
    const name = parse([HEADER, line(person(1, { fullName: "'=Ana" }))]);
    expect([name.rows, where(name.errors)]).toEqual([[], [[2, 'fullName']]]);
    expect(name.errors[0].message).toMatch(/fórmula/);
  });

  it('API Roster CSV: validateRosterTable (the XLSX path) reports the lines it is given', () => {
    const table = [
      { line: 1, cells: HEADER.split(',') },
      { line: 4, cells: line(ANA).split(',') },
      { line: 9, cells: line({ ...LUIS, email: 'x@' }).split(',') },
    ];
    const parsed = validateRosterTable(table, CTX);
    expect(parsed.rows.map((r) => r.line)).toEqual([4]);
    expect(where(parsed.errors)).toEqual([[9, 'email']]);
    expect(where(validateRosterTable([], CTX).errors)).toEqual([[1, null]]);
  });
});

describe('roster CSV: export cells', () => {
  it('API Roster CSV: cells starting with = + - @, tab or CR get a leading apostrophe; others are unchanged', () => {
    for (const v of ['=1+1', '+56 9 1234 5678', '-x', '@x', '\tx', '\rx']) expect(protectCell(v)).toBe(`'${v}`);
    for (const v of ['', 'Ana', ' =1', "'=x", 'a=b', '1-2', 'x@y.cl', '\nx']) expect(protectCell(v)).toBe(v);
  });

  it('API Roster CSV: csvLine quotes cells with commas, quotes, semicolons, line breaks or edge spaces, and ends in CRLF', () => {
    expect(
      csvLine(['a', 'b,c', 'say "hi"', 'x\ny', 'x\r\ny', 'a;b', ' lead', 'trail ', null, undefined, '=1+1', '-a,b']),
    ).toBe('a,"b,c","say ""hi""","x\ny","x\r\ny","a;b"," lead","trail ",,,\'=1+1,"\'-a,b"\r\n');
    expect(csvLine([])).toBe('\r\n');
  });
});

describe('roster CSV: round trip', () => {
  const word = fc.stringMatching(/^[A-Za-zÁÉÍÓÚÑáéíóúñü]{1,10}$/);
  const text = (tokens: string[]) =>
    fc
      .array(fc.constantFrom(...tokens), { maxLength: 8 })
      .map((parts) => parts.join('').trim())
      .filter((s) => !/^'/.test(s));
  const ADDRESS_TOKENS = [
    'Calle',
    "O'Higgins",
    '123',
    ',',
    '"',
    ';',
    '\n',
    '\r\n',
    ' ',
    'depto',
    '#4',
    'ñ',
    '=',
    '+',
    '-',
    '@',
    'é',
  ];
  const date = (from: string, to: string) =>
    fc
      .integer({ min: Date.parse(`${from}T00:00:00Z`) / 86_400_000, max: Date.parse(`${to}T00:00:00Z`) / 86_400_000 })
      .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
  const member: fc.Arbitrary<Member> = fc.record({
    // names start with a letter (issue 22 item 7: a formula-looking name is refused everywhere)
    fullName: fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')),
    birthDate: date('1930-01-01', '2004-12-31'),
    email: fc.option(
      fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/).map((u) => `${u}@example.cl`),
      { nil: null },
    ),
    phone: fc.option(
      fc
        .tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1000, max: 9999 }))
        .map(([a, b]) => `+56 9 ${a} ${b}`),
      { nil: null },
    ),
    address: text(ADDRESS_TOKENS).map((s) => s || null),
    businessName: text(['Pub', 'La', 'Recova', ' ', ',', '"', '=', '@', 'ñ']).map((s) => s || null),
    businessCategory: fc.option(word, { nil: null }),
    joinedOn: date('2021-01-01', TODAY),
  });
  const members = fc.uniqueArray(fc.tuple(fc.integer({ min: 1_000_000, max: 99_999_999 }), member), {
    minLength: 1,
    maxLength: 12,
    selector: ([body]) => body,
  });
  type Member = Omit<RosterRow, 'line' | 'document'>;
  const cellsOf = (body: number, m: Member) => [
    rut(body),
    m.fullName,
    m.birthDate,
    m.email,
    m.phone,
    m.address,
    m.businessName,
    m.businessCategory,
    m.joinedOn,
  ];
  const breaks = (cells: (string | null)[]) => cells.reduce((n, c) => n + (c?.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

  it('API Roster CSV: csvLine -> parseRosterCsv gives back the same values, on their physical lines', () => {
    fc.assert(
      fc.property(members, fc.boolean(), fc.boolean(), (list, withExport, withBom) => {
        const header = withExport ? [...rosterHeader('rut'), 'status', 'leftOn'] : rosterHeader('rut');
        let content = (withBom ? '\uFEFF' : '') + csvLine(header);
        let at = 2;
        const expected = list.map(([body, m]) => {
          const cells = cellsOf(body, m);
          content += csvLine(withExport ? [...cells, 'active', null] : cells);
          const row = { line: at, document: rut(body), ...m };
          at += 1 + breaks(cells);
          return row;
        });
        const parsed = parseRosterCsv(Buffer.from(content, 'utf8'), CTX);
        expect(parsed.errors).toEqual([]);
        expect(parsed.rows).toEqual(expected);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('API Roster CSV: every error is reported on the physical line its row starts on (LF or CRLF files)', () => {
    fc.assert(
      fc.property(
        members,
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        (list, broken, lf) => {
          let content = csvLine(rosterHeader('rut'));
          let at = 2;
          const badLines: number[] = [];
          const goodLines: number[] = [];
          list.forEach(([body, m], i) => {
            const cells = cellsOf(body, m);
            if (broken[i]) cells[3] = 'sin-arroba';
            const record = csvLine(cells);
            content += lf ? record.replace(/\r\n$/, '\n') : record;
            (broken[i] ? badLines : goodLines).push(at);
            at += 1 + breaks(cells);
          });
          const parsed = parseRosterCsv(Buffer.from(content, 'utf8'), CTX);
          expect(parsed.errors.map((e) => [e.line, e.field])).toEqual(badLines.map((l) => [l, 'email']));
          expect(parsed.rows.map((r) => r.line)).toEqual(goodLines);
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
