import { parse } from 'csv-parse/sync';
import { parseCalendarDate } from '../common/format/dates';
import {
  CONTROL_CHARACTERS,
  looksLikeFormula,
  personNameProblemText,
  PHONE_NUMBER,
  textProblemText,
} from '../common/text';
import { documentProblemText, parsePersonDocument, type PersonDocumentType } from '../common/format/identity';
import type { MunicipalitySettings } from '../territory/municipality-settings';
import type { LocalizedText } from '../common/i18n/messages';
import { checkMemberAge, type AssociationKind } from './association-rules';
import { associationTexts as T } from './associations.messages';

/**
 * The roster file (API.md "Roster CSV"): parsing and validating a CSV or XLSX roster into rows, every problem
 * reported with its physical line (header = 1). Pure: the checks against the stored roster (already a member,
 * DOM-ORG-12, a RUT registered under another name) are the service's.
 */
export const ROSTER_COLUMNS = [
  'document',
  'fullName',
  'birthDate',
  'email',
  'phone',
  'address',
  'businessName',
  'businessCategory',
  'joinedOn',
] as const;
export const EXPORT_EXTRA_COLUMNS = ['status', 'leftOn'] as const;

export function rosterHeader(documentType: PersonDocumentType): string[] {
  return [documentType, ...ROSTER_COLUMNS.slice(1)];
}

/**
 * The column names a roster may use besides the API's (issue 20 item 4): the Spanish ones people have in their
 * spreadsheets, compared without case, accents or surrounding spaces, in any order. The template is in Spanish.
 */
const ROSTER_ALIASES: Record<(typeof ROSTER_COLUMNS)[number] | (typeof EXPORT_EXTRA_COLUMNS)[number], string[]> = {
  document: [],
  fullName: ['nombre', 'nombre completo', 'nombres y apellidos'],
  birthDate: ['fecha de nacimiento', 'nacimiento', 'fecha nacimiento'],
  email: ['correo', 'correo electronico', 'e-mail', 'mail'],
  phone: ['telefono', 'celular', 'fono'],
  address: ['direccion', 'domicilio'],
  businessName: ['negocio', 'nombre del negocio', 'nombre de fantasia'],
  businessCategory: ['rubro', 'categoria', 'giro'],
  joinedOn: ['fecha de ingreso', 'ingreso', 'fecha ingreso'],
  status: ['estado'],
  leftOn: ['fecha de salida', 'salida'],
};

/** The Spanish header of the roster template (CSV and XLSX), in the order of the API's columns. */
export function rosterTemplateHeader(documentType: PersonDocumentType): string[] {
  return [
    documentType,
    'nombre',
    'fecha de nacimiento',
    'correo',
    'teléfono',
    'dirección',
    'negocio',
    'rubro',
    'fecha de ingreso',
  ];
}

const headerKey = (cell: string) => cell.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/**
 * Where each column is in the file's first row, or null when the row is not a roster header: every column of the
 * API (English or Spanish name, any order), the export's `status,leftOn` both or neither, and nothing else.
 */
function headerColumns(first: string[], documentType: PersonDocumentType): Map<string, number> | null {
  const names = new Map<string, string>();
  for (const col of [...ROSTER_COLUMNS, ...EXPORT_EXTRA_COLUMNS]) {
    const own = col === 'document' ? documentType : col;
    for (const name of [own, ...ROSTER_ALIASES[col]]) names.set(headerKey(name), col);
  }
  const at = new Map<string, number>();
  for (const [i, cell] of first.entries()) {
    const col = names.get(headerKey(cell));
    if (!col || at.has(col)) return null;
    at.set(col, i);
  }
  const extras = EXPORT_EXTRA_COLUMNS.filter((c) => at.has(c)).length;
  if (ROSTER_COLUMNS.some((c) => !at.has(c)) || extras === 1) return null;
  return at;
}

export interface RosterFileError {
  line: number;
  field: string | null;
  /** Spanish, as the preview and the API have always shown it. */
  message: string;
  /** The message in every language, when this module wrote it (the refusal shows the reader's). */
  readonly text?: LocalizedText;
}

/**
 * A line's problem from the module's dictionary: the Spanish message, with every language beside it as a
 * non-enumerable `text`, so a preview stored or compared as plain data is the same as before.
 */
export function lineError(line: number, field: string | null, text: LocalizedText): RosterFileError {
  const error: RosterFileError = { line, field, message: text.es };
  Object.defineProperty(error, 'text', { value: text, enumerable: false });
  return error;
}

export interface RosterRow {
  line: number;
  document: string;
  fullName: string;
  birthDate: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  businessName: string | null;
  businessCategory: string | null;
  joinedOn: string;
}

export interface RosterRowContext {
  documentType: PersonDocumentType;
  kind: AssociationKind;
  settings: MunicipalitySettings;
  /** The association's business date today (`yyyy-mm-dd`). */
  today: string;
}

export interface ParsedRoster {
  rows: RosterRow[];
  errors: RosterFileError[];
  /** Data rows in the file (valid or not), former members skipped included. */
  total: number;
  /** Rows of an exported roster whose `status` is `ended`: former members, not imported. */
  skipped?: number;
  /** The lines with problems, as typed (by physical line), for the preview to show whose row it is. */
  typed?: Record<number, { fullName: string; document: string; businessName: string }>;
}

export const MAX_ROSTER_ROWS = 20_000;
const MAX_LENGTH: Record<string, number> = {
  fullName: 200,
  email: 254,
  phone: 40,
  address: 300,
  businessName: 200,
  businessCategory: 100,
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = PHONE_NUMBER;

/** Byte offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The column (as the header names it) of the cell holding the byte at `offset`, counting the delimiters outside
 * quotes from the start of its line; null on the header line or past the header's columns.
 */
function columnAt(bytes: Buffer, offset: number, documentType: PersonDocumentType): string | null {
  let start = offset;
  while (start > 0 && bytes[start - 1] !== 0x0a && bytes[start - 1] !== 0x0d) start--;
  if (start === 0 || bytes.subarray(0, start).every((b) => b === 0x0a || b === 0x0d)) return null;
  const header = bytes.subarray(0, bytes.indexOf(0x0a) < 0 ? bytes.length : bytes.indexOf(0x0a)).toString('utf8');
  const delimiter = header.includes(';') && !header.includes(',') ? 0x3b : 0x2c;
  let column = 0;
  let quoted = false;
  for (let i = start; i < offset; i++) {
    if (bytes[i] === 0x22) quoted = !quoted;
    else if (bytes[i] === delimiter && !quoted) column++;
  }
  // the column as the file names it (a Spanish header names its own columns), the API's name when it has none
  const named = header.replace(/\r$/, '').split(String.fromCharCode(delimiter))[column]?.trim();
  return named || ([...rosterHeader(documentType), ...EXPORT_EXTRA_COLUMNS][column] ?? null);
}

/** Line breaks in a cell or a file: CRLF, LF or a lone CR each count once (csv-parse counts the CR of a CRLF inside quotes as a line of its own). */
function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/**
 * The physical line of the first quoting problem: a quoted field that never closes, or has text after its closing
 * quote, is reported on the line where it opened; a quote inside an unquoted field, on its own line.
 */
function quoteProblemLine(text: string, delimiter: string): number | null {
  let line = 1;
  let fieldStart = true;
  let quoted = false;
  let openedAt = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const lineBreak = c === '\r' || (c === '\n' && text[i - 1] !== '\r');
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else if (i + 1 < text.length && ![delimiter, '\n', '\r'].includes(text[i + 1])) return openedAt;
        else quoted = false;
      } else if (lineBreak) line++;
    } else if (c === '"') {
      if (!fieldStart) return line;
      quoted = true;
      openedAt = line;
      fieldStart = false;
    } else {
      fieldStart = c === delimiter || c === '\n' || c === '\r';
      if (lineBreak) line++;
    }
  }
  return quoted ? openedAt : null;
}

/** Cells our export protected with a leading `'` come back without it (API.md: formula escaping). */
function unprotect(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** Parses a CSV roster: UTF-8 (optional BOM), `,` or `;`, the exact header; every problem with its line. */
export function parseRosterCsv(content: Buffer, ctx: RosterRowContext): ParsedRoster {
  if (
    !content.length ||
    !content
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
  ) {
    return {
      rows: [],
      total: 0,
      errors: [lineError(1, null, T.fileEmpty())],
    };
  }
  // Issue 22 item 6: bytes that are not UTF-8 are refused with their line and column, never read as U+FFFD.
  const bad = firstInvalidUtf8(content);
  if (bad >= 0) {
    const field = columnAt(content, bad, ctx.documentType);
    return {
      rows: [],
      total: 0,
      errors: [lineError(lineAt(content, bad), field, field ? T.fieldNotUtf8({ field }) : T.fileNotUtf8())],
    };
  }
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0];
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const bytes = Buffer.from(text, 'utf8');
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    // Each of CRLF, LF and CR ends a record, also in a file that mixes them.
    records = parse(bytes, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: false,
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as { code?: string; lines?: number };
    const line = quoteProblemLine(text, delimiter) ?? e.lines ?? 1;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      return {
        rows: [],
        total: 0,
        errors: [lineError(line, null, T.quotesNotClosed())],
      };
    }
    return {
      rows: [],
      total: 0,
      errors: [lineError(line, null, T.rowNotCsv())],
    };
  }
  // A record's physical line: the line breaks before its end (info.bytes, record delimiter included), less the
  // ones inside its cells. Counted here because csv-parse's info.lines counts a CRLF inside quotes twice.
  let cursor = 0;
  let breaksBefore = 0;
  const table = records.map(({ record, info }) => {
    for (; cursor < info.bytes; cursor++) {
      if (bytes[cursor] === 0x0d || (bytes[cursor] === 0x0a && bytes[cursor - 1] !== 0x0d)) breaksBefore++;
    }
    const last = bytes[info.bytes - 1];
    const endsWithBreak = last === 0x0a || last === 0x0d;
    return {
      line: 1 + breaksBefore - (endsWithBreak ? 1 : 0) - record.reduce((n, cell) => n + lineBreaks(cell), 0),
      cells: record,
    };
  });
  // Rows a spreadsheet leaves with every cell empty (",,,,,,,,") are no one, as empty rows of an XLSX are not.
  return validateRosterTable(
    table.filter((r) => r.cells.some((c) => c.trim() !== '')),
    ctx,
  );
}

/** Header and rows of a roster (from CSV or XLSX) -> validated rows or line-numbered errors. */
export function validateRosterTable(table: { line: number; cells: string[] }[], ctx: RosterRowContext): ParsedRoster {
  const errors: RosterFileError[] = [];
  const header = rosterHeader(ctx.documentType);
  if (!table.length)
    return {
      rows: [],
      total: 0,
      errors: [lineError(1, null, T.fileEmpty())],
    };
  const first = table[0].cells.map((c) => c.trim());
  const at = headerColumns(first, ctx.documentType);
  const withExtras = at?.has('status') ?? false;
  if (!at) {
    const other = ctx.documentType === 'rut' ? 'dni' : 'rut';
    const columns = header.join(',');
    const spanish = rosterTemplateHeader(ctx.documentType).join(',');
    return {
      rows: [],
      total: table.length - 1,
      errors: [
        lineError(
          table[0].line,
          null,
          headerKey(first[0] ?? '') === other
            ? T.headerOtherDocument({
                header: columns,
                spanish,
                document: ctx.documentType.toUpperCase(),
                other: other.toUpperCase(),
              })
            : T.headerExpected({ header: columns, spanish }),
        ),
      ],
    };
  }
  const width = first.length;
  const data = table.slice(1);
  if (!data.length) errors.push(lineError(table[0].line + 1, null, T.noMembersInFile()));
  if (data.length > MAX_ROSTER_ROWS) {
    return {
      rows: [],
      total: data.length,
      errors: [
        lineError(data[MAX_ROSTER_ROWS].line, null, T.tooManyRows({ max: MAX_ROSTER_ROWS.toLocaleString('es-CL') })),
      ],
    };
  }
  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  const typed: NonNullable<ParsedRoster['typed']> = {};
  let skipped = 0;
  for (const { line, cells } of data) {
    if (cells.length !== width) {
      const count = cells.length;
      errors.push(
        lineError(line, null, count === 1 ? T.rowColumnsOne({ count, width }) : T.rowColumnsMany({ count, width })),
      );
      continue;
    }
    // An exported roster carries its former members (status ended): they are history, not members to import.
    if (withExtras && (cells[at.get('status') as number] ?? '').trim() === 'ended') {
      skipped++;
      continue;
    }
    const rowErrors: RosterFileError[] = [];
    const v: Record<string, string> = {};
    ROSTER_COLUMNS.forEach((col) => {
      // Checked before unprotecting: a cell our export protected with `'` is text, and is read back without it.
      const raw = (cells[at.get(col) as number] ?? '').trim();
      const field = col === 'document' ? ctx.documentType : col;
      const value = unprotect(raw);
      // The same rules as the API and the forms (src/common/text.ts): a name is a person's name, any other cell
      // is text every PDF prints, without invisible characters (issue 22, items 5 to 7).
      if (CONTROL_CHARACTERS.test(raw)) rowErrors.push(lineError(line, field, T.controlCharacters({ field })));
      else if (col !== 'fullName' && looksLikeFormula(raw, { phone: field === 'phone' }))
        rowErrors.push(lineError(line, field, T.looksLikeFormula({ field, sign: JSON.stringify(raw[0]) })));
      else {
        const problem =
          col === 'fullName'
            ? personNameProblemText(field, value, 'fullName')
            : col === 'document'
              ? null
              : textProblemText(field, value);
        if (problem) rowErrors.push(lineError(line, field, problem));
      }
      v[col] = value;
    });
    const row = validateRosterValues(line, v, ctx, rowErrors);
    if (row && !rowErrors.length) {
      const previous = seen.get(row.document);
      if (previous !== undefined) {
        rowErrors.push(
          lineError(line, ctx.documentType, T.documentRepeated({ document: ctx.documentType.toUpperCase(), previous })),
        );
      } else {
        seen.set(row.document, line);
        rows.push(row);
      }
    }
    errors.push(...rowErrors);
    // issue 20 item 4: a line that did not become a row is shown in the preview with its name and RUT as typed
    if (rowErrors.length) typed[line] = { fullName: v.fullName, document: v.document, businessName: v.businessName };
  }
  return {
    rows,
    errors,
    total: data.length,
    ...(skipped ? { skipped } : {}),
    ...(Object.keys(typed).length ? { typed } : {}),
  };
}

/** One row's values (also the member form's): every field checked, problems named in Spanish. */
function validateRosterValues(
  line: number,
  v: Record<string, string>,
  ctx: RosterRowContext,
  errors: RosterFileError[],
): RosterRow | null {
  const docField = ctx.documentType;
  let document = '';
  if (!v.document) errors.push(lineError(line, docField, T.fieldRequired({ field: docField })));
  else {
    const parsed = parsePersonDocument(ctx.documentType, v.document);
    if (parsed.ok) document = parsed.value;
    else errors.push(lineError(line, docField, documentProblemText(ctx.documentType, docField, parsed.reason)));
  }
  if (!v.fullName) errors.push(lineError(line, 'fullName', T.fullNameRequired()));
  for (const [field, max] of Object.entries(MAX_LENGTH)) {
    if ((v[field] ?? '').length > max) errors.push(lineError(line, field, T.fieldMaxLength({ field, max })));
  }
  if (v.email && !EMAIL.test(v.email)) errors.push(lineError(line, 'email', T.emailInvalid({ field: 'email' })));
  if (v.phone && !PHONE.test(v.phone)) errors.push(lineError(line, 'phone', T.phoneInvalid()));
  const birthDate = v.birthDate ? parseCalendarDate(v.birthDate) : null;
  if (!v.birthDate) errors.push(lineError(line, 'birthDate', T.birthDateRequired()));
  else if (!birthDate) errors.push(lineError(line, 'birthDate', T.fieldValidDateFormats({ field: 'birthDate' })));
  const joinedOn = v.joinedOn ? parseCalendarDate(v.joinedOn) : null;
  if (!v.joinedOn) errors.push(lineError(line, 'joinedOn', T.joinedOnRequired()));
  else if (!joinedOn) errors.push(lineError(line, 'joinedOn', T.fieldValidDateFormats({ field: 'joinedOn' })));
  else if (joinedOn > ctx.today) errors.push(lineError(line, 'joinedOn', T.fieldFutureDate({ field: 'joinedOn' })));
  if (birthDate && joinedOn) {
    if (birthDate >= joinedOn) errors.push(lineError(line, 'birthDate', T.birthBeforeJoining()));
    else {
      // DOM-ORG-4: the minimum age of the kind; an import cannot carry a guardian's consent (DOM-DATA-3).
      const age = checkMemberAge(ctx.kind, birthDate, joinedOn, ctx.settings);
      if (!age.ok) errors.push(lineError(line, 'birthDate', T.importTooYoung({ age: age.age, minimum: age.minimum })));
      else if (age.needsGuardianConsent)
        errors.push(
          lineError(line, 'birthDate', T.importGuardianConsent({ under: ctx.settings.guardianConsentUnder })),
        );
    }
  }
  if (errors.length) return null;
  const opt = (s: string) => (s ? s : null);
  return {
    line,
    document,
    fullName: v.fullName.replace(/\s+/g, ' '),
    birthDate: birthDate as string,
    email: opt(v.email.toLowerCase()),
    phone: opt(v.phone),
    address: opt(v.address),
    businessName: opt(v.businessName),
    businessCategory: opt(v.businessCategory),
    joinedOn: joinedOn as string,
  };
}
