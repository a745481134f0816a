import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { defineMessages, eachLanguage, localNumber, type LocalizedText } from '../i18n/messages';
import { streamWorkbook } from './excel';
import { openTableStream, type TableCell, type TableFormat } from './table-stream';

export { TABLE_CONTENT_TYPES, type TableFormat } from './table-stream';

/** A file's rows with the line each came from (line 1 is the header). */
export interface TableRows {
  rows: { line: number; cells: string[] }[];
}

/** Why a file could not be read at all, with the line where it broke. */
export interface TableFileProblem {
  line: number;
  problem: 'empty' | 'not_utf8' | 'malformed_csv' | 'xlsx_invalid' | 'too_many_rows';
}

/** Why a file could not be read, in both languages (issue 16 item 6); an empty file is the importer's to word. */
const PROBLEM_TEXTS = defineMessages({
  not_utf8: {
    es: 'El archivo no está en UTF-8: guárdelo como «CSV UTF-8» y vuelva a subirlo.',
    en: 'The file is not in UTF-8: save it as "CSV UTF-8" and upload it again.',
  },
  malformed_csv: {
    es: 'El CSV está mal formado (comillas sin cerrar o columnas desalineadas).',
    en: 'The CSV is malformed (unclosed quotes or misaligned columns).',
  },
  xlsx_invalid: { es: 'El archivo no es un XLSX que se pueda leer.', en: 'The file is not an XLSX that can be read.' },
  too_many_rows: {
    es: 'El archivo supera el máximo de {max} filas.',
    en: 'The file has more than the maximum of {max} rows.',
  },
});

/** A file's problem as an import reports it: the maximum of rows grouped each language's way (10.000, 10,000). */
export function tableFileProblemText(
  problem: Exclude<TableFileProblem['problem'], 'empty'>,
  maxRows: number,
): LocalizedText {
  if (problem === 'too_many_rows')
    return eachLanguage((locale) => PROBLEM_TEXTS.too_many_rows({ max: localNumber(maxRows, locale) }));
  return PROBLEM_TEXTS[problem]();
}

/** A cell of an XLSX row as text (dates as yyyy-mm-dd; a formula as its text, never evaluated). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return `=${(value as { formula?: string }).formula ?? ''}`;
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    return '';
  }
  return String(value);
}

/** Cells an export protected with a leading `'` come back without it (API.md: formula escaping). */
export function unprotectCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * Reads a CSV (UTF-8, optional BOM, `,` or `;`) or the first sheet of an XLSX into rows of text cells with their
 * line numbers, at most `maxRows` data rows. Bytes that are not UTF-8 are a problem, never decoded to U+FFFD.
 */
export async function readTableFile(
  content: Buffer,
  format: TableFormat,
  maxRows: number,
): Promise<TableRows | TableFileProblem> {
  if (!content.length) return { line: 1, problem: 'empty' };
  let rows: { line: number; cells: string[] }[] = [];
  if (format === 'csv') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
    } catch {
      return { line: 1, problem: 'not_utf8' };
    }
    if (!text.trim()) return { line: 1, problem: 'empty' };
    const firstLine = text.split(/\r?\n/, 1)[0];
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    try {
      const records = parse(text, {
        delimiter,
        relax_column_count: true,
        info: true,
        skip_empty_lines: true,
      }) as unknown as {
        record: string[];
        info: { lines: number };
      }[];
      rows = records.map((r) => ({ line: r.info.lines, cells: r.record.map((c) => unprotectCell(c.trim())) }));
    } catch (err) {
      return { line: (err as { lines?: number }).lines ?? 1, problem: 'malformed_csv' };
    }
  } else {
    try {
      const reader = await streamWorkbook(content);
      for await (const sheet of reader) {
        for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
          const cells = Array.from((row.values as ExcelJS.CellValue[]).slice(1), (v) =>
            unprotectCell(cellText(v).trim()),
          );
          while (cells.length && cells[cells.length - 1] === '') cells.pop();
          if (cells.length) rows.push({ line: row.number, cells });
          if (rows.length > maxRows + 1) break;
        }
        break; // the first sheet
      }
    } catch {
      return { line: 1, problem: 'xlsx_invalid' };
    }
    if (!rows.length) return { line: 1, problem: 'empty' };
  }
  if (rows.length > maxRows + 1) return { line: rows[maxRows + 1].line, problem: 'too_many_rows' };
  return { rows };
}

/**
 * A table as a whole file in memory (CSV or XLSX, openTableStream's format): for files of bounded size (a template,
 * a board, a program's list). What can grow with the country (the national registry, a roster) is streamed instead.
 */
export async function writeTableFile(
  format: TableFormat,
  sheetName: string,
  header: string[],
  rows: TableCell[][],
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const table = await openTableStream(format, sheetName, header, out);
  await table.rows(rows);
  await table.end();
  await ended;
  return Buffer.concat(chunks);
}
