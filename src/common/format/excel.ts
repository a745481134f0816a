import type ExcelJSModule from 'exceljs';
import { Readable } from 'node:stream';

let loaded: Promise<typeof ExcelJSModule> | null = null;

/**
 * exceljs, loaded on first use: XLSX is read and written only by imports and exports, and requiring it at start-up
 * cost about 250 ms of every start (the startup benchmark's PostgreSQL start).
 */
export function excel(): Promise<typeof ExcelJSModule> {
  return (loaded ??= import('exceljs').then(
    (m) => (m as unknown as { default?: typeof ExcelJSModule }).default ?? (m as unknown as typeof ExcelJSModule),
  ));
}

/** A workbook read as a stream, sheet by sheet and row by row (values only): never held whole in memory. */
export async function streamWorkbook(content: Buffer): Promise<ExcelJSModule.stream.xlsx.WorkbookReader> {
  return new (await excel()).stream.xlsx.WorkbookReader(Readable.from(content), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
}
