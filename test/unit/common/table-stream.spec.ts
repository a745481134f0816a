import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readTableFile } from '../../../src/common/format/table-file';
import { openTableStream, sendTableExport, type TableFormat } from '../../../src/common/format/table-stream';

/**
 * Issue 21: the streamed exports (registry, roster) over a real HTTP connection. A whole file arrives as a table that
 * reads back; a client that leaves, whether it stopped reading in the middle or went away just before the file's
 * end, ends the export: the handler settles (no request left hanging with its workbook in memory) and logs nothing.
 */
describe('table stream over HTTP', () => {
  const BATCH = 1000;
  // the CSV: far more than the socket buffers hold (about 50 batches here); the XLSX is made whole anyway (below)
  const BATCHES_MID_FILE = { csv: 150, xlsx: 20 };
  const header = ['nombre', 'código', 'monto'];
  const row = (i: number) => [`Organización ${i}`, randomBytes(24).toString('hex'), i];

  /**
   * A server whose one handler streams `batches` batches through sendTableExport; `beforeEnd` runs before the file's
   * end. Resolves `settled` with how the handler ended.
   */
  async function exportServer(format: TableFormat, batches: number, beforeEnd: () => Promise<void> = async () => {}) {
    const logged: string[] = [];
    const written = { batches: 0 };
    let settle!: (outcome: string) => void;
    const settled = new Promise<string>((resolve) => (settle = resolve));
    const server = http.createServer((req, res) => {
      sendTableExport(
        res,
        format,
        async (out, onStart) => {
          onStart(`prueba.${format}`);
          const table = await openTableStream(format, 'Prueba', header, out);
          for (let b = 0; b < batches; b++) {
            await table.rows(Array.from({ length: BATCH }, (_, i) => row(b * BATCH + i)));
            written.batches++;
          }
          await beforeEnd();
          await table.end();
        },
        (message) => logged.push(message),
      ).then(
        () => settle('done'),
        (err: unknown) => settle(`failed: ${(err as Error).message}`),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return { url, settled, logged, written, close: () => new Promise((r) => server.close(r)) };
  }

  const within = <T>(promise: Promise<T>, ms: number) =>
    Promise.race([promise, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), ms))]);

  it.each(['csv', 'xlsx'] as const)('%s: the whole file, its headers, and a table that reads back', async (format) => {
    const server = await exportServer(format, 3);
    try {
      const res = await fetch(server.url);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="prueba.${format}"`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const table = await readTableFile(Buffer.from(await res.arrayBuffer()), format, 10_000);
      if (!('rows' in table)) throw new Error(JSON.stringify(table));
      expect(table.rows).toHaveLength(3 * BATCH + 1);
      expect(table.rows[0].cells).toEqual(header);
      expect(table.rows[3 * BATCH].cells[0]).toBe(`Organización ${3 * BATCH - 1}`);
      expect(await within(server.settled, 2000)).toBe('done');
    } finally {
      await server.close();
    }
  });

  it.each(['csv', 'xlsx'] as const)(
    '%s: a client that stops reading and leaves mid-file ends the export, quietly',
    async (format) => {
      const server = await exportServer(format, BATCHES_MID_FILE[format]);
      try {
        await new Promise<void>((resolve, reject) => {
          const req = http.get(server.url, (res) => {
            res.once('data', () => {
              res.pause(); // stop reading: the server meets backpressure
              setTimeout(() => (req.destroy(), resolve()), 300);
            });
          });
          req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(err)));
        });
        expect(await within(server.settled, 5000)).toBe('done');
        // the CSV stopped where the client left: the rest of the file was never made. exceljs's streaming writer
        // takes every row into its sheet's buffer until its zip reads it, so a stalled client lets the XLSX be made
        // whole in memory (bounded by the file; what stops is the handler, which settles)
        if (format === 'csv') expect(server.written.batches).toBeLessThan(BATCHES_MID_FILE.csv);
        expect(server.logged).toEqual([]);
      } finally {
        await server.close();
      }
    },
  );

  it.each(['csv', 'xlsx'] as const)(
    '%s: a client that leaves just before the file ends (during the last batch) ends the export, quietly',
    async (format) => {
      let gone!: () => void;
      const clientGone = new Promise<void>((resolve) => (gone = resolve));
      const server = await exportServer(format, 1, () => clientGone);
      try {
        await new Promise<void>((resolve) => {
          const req = http.get(server.url, (res) => res.resume());
          req.on('error', () => undefined);
          // the last batch is written (an XLSX may not have sent a byte yet); the client leaves before the end
          setTimeout(() => {
            req.destroy();
            setTimeout(() => (gone(), resolve()), 200); // the server notices the close first
          }, 300);
        });
        expect(await within(server.settled, 5000)).toBe('done');
        expect(server.logged).toEqual([]);
      } finally {
        await server.close();
      }
    },
  );
});
