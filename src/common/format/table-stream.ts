import type { Writable } from 'node:stream';
import { excel } from './excel';
import { contentDisposition } from './file-name';
import { csvLine, protectCell } from './spreadsheet';

export type TableFormat = 'csv' | 'xlsx';

export const TABLE_CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A cell of an exported table: text (formula-looking text protected), a number, or empty. */
export type TableCell = string | number | null;

/** A CSV or XLSX table written to a stream batch by batch: what is written leaves memory as it goes. */
export interface TableStream {
  /**
   * Writes a batch of rows and waits while the stream asks to (backpressure). A CSV stops there; exceljs's XLSX writer
   * keeps a sheet's rows in its own buffer until its zip reads them, so under a client that stops reading an XLSX can
   * still grow in memory up to its whole sheet (what the response's backpressure bounds is the zipped output).
   */
  rows(rows: TableCell[][]): Promise<void>;
  /** Finishes the file (the XLSX's zip directory) and ends the stream. */
  end(): Promise<void>;
}

/** The client closed the connection during an export: nothing to answer. */
export class ExportAbortedError extends Error {
  constructor() {
    super('export aborted by the client');
  }
}

/**
 * Opens a table on a stream: CSV in UTF-8 with a BOM (for spreadsheets), or an XLSX sheet through exceljs's streaming
 * writer (each row zipped as it is committed, never a workbook of cell objects in memory; issue 21: the national
 * registry took 2.4 GB that way). Text that looks like a formula gets a leading `'` in both formats (API.md); numbers
 * stay numbers in the XLSX. A stream closed by the client rejects the next write with ExportAbortedError.
 */
export async function openTableStream(
  format: TableFormat,
  sheetName: string,
  header: string[],
  out: Writable,
): Promise<TableStream> {
  if (format === 'csv') {
    await writeOut(out, '\uFEFF' + csvLine(header));
    return {
      rows: (rows) => writeOut(out, rows.map((r) => csvLine(r.map((c) => (c === null ? '' : String(c))))).join('')),
      end: () => endOut(out),
    };
  }
  const workbook = new (await excel()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const head = sheet.addRow(header);
  head.font = { bold: true };
  head.commit();
  return {
    rows: async (rows) => {
      if (out.destroyed) throw new ExportAbortedError();
      for (const r of rows) sheet.addRow(r.map((c) => (typeof c === 'string' ? protectCell(c) : (c ?? '')))).commit();
      if (out.writableNeedDrain) await drained(out);
    },
    end: async () => {
      if (out.destroyed) throw new ExportAbortedError();
      sheet.commit();
      // exceljs waits for the stream's 'finish', which never comes once the client has gone: the close ends it too
      await unlessClosed(out, workbook.commit());
    },
  };
}

/**
 * Sends a streamed table as an attachment: `run` writes it into the response and calls `onStart` with the download's
 * name once it may (after its access check and audit row), which sets the headers before the first byte. When the
 * client went away, or the stream broke after the headers were sent, the connection is closed: a half file never gets
 * an error page appended. Before the headers, an error (a refusal) propagates to the exception filter.
 */
export async function sendTableExport<R extends Writable & SentResponse>(
  res: R,
  format: TableFormat,
  run: (out: R, onStart: (filename: string) => void) => Promise<unknown>,
  log: (message: string) => void,
): Promise<void> {
  let started = false;
  const onStart = (filename: string) => {
    started = true;
    res.setHeader('Content-Type', TABLE_CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', contentDisposition(filename));
    res.setHeader('Cache-Control', 'no-store');
  };
  try {
    await run(res, onStart);
    res.end();
  } catch (err) {
    if (err instanceof ExportAbortedError) return void res.destroy();
    if (!res.headersSent) {
      // refused before the file began (or failed before its first byte): the error page is no attachment
      if (started) for (const name of ['Content-Type', 'Content-Disposition']) res.removeHeader(name);
      throw err;
    }
    log(`export interrupted: ${(err as Error).message}`);
    res.destroy();
  }
}

/** What sendTableExport needs of an HTTP response beyond a writable stream. */
export interface SentResponse {
  headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  removeHeader(name: string): unknown;
}

/** Writes with backpressure; a client that goes away ends the export (ExportAbortedError), leaving no listener behind. */
function writeOut(out: Writable, text: string): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(new ExportAbortedError());
  if (out.write(text)) return Promise.resolve();
  return drained(out);
}

function endOut(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ExportAbortedError());
  out.end();
  return Promise.resolve();
}

/** `work`, unless the stream closes (or fails) before it has finished: then ExportAbortedError. */
function unlessClosed<T>(out: Writable, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onClose = () => {
      if (out.writableFinished) return; // closed after the whole file was sent: `work` settles by itself
      cleanup();
      reject(new ExportAbortedError());
    };
    const cleanup = () => {
      out.off('close', onClose);
      out.off('error', onClose);
    };
    out.on('close', onClose);
    out.on('error', onClose);
    work.then(
      (value) => (cleanup(), resolve(value)),
      (err: unknown) => (cleanup(), reject(err)),
    );
  });
}

/** Resolves on the stream's next 'drain'; rejects with ExportAbortedError when it closes or fails first. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: unknown) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ExportAbortedError());
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onClose);
  });
}
