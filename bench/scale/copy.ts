import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Issue 21 item 1: rows streamed into PostgreSQL with `COPY … FROM STDIN` (text format) through pg-copy-streams,
 * one connection per table, so every table of the scale data loads at once while the generator runs. Rows are
 * buffered in chunks of about 256 KiB; the generator waits for a table's connection to drain before it goes on,
 * so memory stays bounded whatever the size.
 */

/** A value of the COPY text format: null is \N; strings escape backslash, tab, newline and carriage return. */
export type CopyValue = string | number | boolean | null | undefined | Date | Buffer | string[];

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  const text = Array.isArray(value) ? arrayLiteral(value) : value;
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}

const CHUNK = 256 * 1024;

export class TableCopy {
  rows = 0;
  bytes = 0;
  startedAt = 0;
  finishedMs = 0;
  private stream: Writable | null = null;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(
    private readonly client: Client,
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  start(): void {
    this.startedAt = Date.now();
    const cols = this.columns.map((c) => `"${c}"`).join(', ');
    this.stream = this.client.query(copyFrom(`COPY "${this.table}" (${cols}) FROM STDIN`));
    // a failing COPY (a constraint, a bad value) surfaces when the table is finished; keep the error till then
    this.stream.on('error', (err: Error) => (this.error ??= err));
  }

  private error: Error | null = null;

  /** Queues one row (values in the order of `columns`). */
  row(values: readonly CopyValue[]): void {
    if (values.length !== this.columns.length)
      throw new Error(`${this.table}: ${values.length} valores para ${this.columns.length} columnas`);
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyField(values[i]);
    line += '\n';
    this.buffer.push(line);
    this.buffered += line.length;
    this.rows++;
    if (this.buffered >= CHUNK) this.flushBuffer();
  }

  private flushBuffer(): void {
    if (!this.buffered) return;
    const chunk = Buffer.from(this.buffer.join(''), 'utf8');
    this.bytes += chunk.length;
    this.buffer = [];
    this.buffered = 0;
    this.stream!.write(chunk);
  }

  /** Waits while the connection has more queued than its stream's high-water mark. */
  async drain(): Promise<void> {
    if (this.error) throw new Error(`${this.table}: ${this.error.message}`);
    if (this.stream!.writableNeedDrain) await once(this.stream!, 'drain');
  }

  async finish(): Promise<void> {
    this.flushBuffer();
    const done = once(this.stream!, 'finish');
    this.stream!.end();
    try {
      await done;
    } catch (err) {
      throw new Error(`${this.table}: ${(err as Error).message}`);
    }
    if (this.error) throw new Error(`${this.table}: ${this.error.message}`);
    this.finishedMs = Date.now() - this.startedAt;
  }
}

/**
 * Opens a connection for bulk loading: no statement timeout, and `session_replication_role = replica` so the
 * tables' triggers (the approved-acta locks, the board-version counters) and foreign-key checks do not run row by
 * row; the generator writes consistent rows, and the test checks them afterwards. Needs a superuser (as the
 * bulk-load tools of PostgreSQL do).
 */
export async function bulkClient(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'quorum-scale-seed' });
  await client.connect();
  await client.query(`SET statement_timeout = 0`);
  try {
    await client.query(`SET session_replication_role = replica`);
  } catch (err) {
    await client.end();
    throw new Error(
      `La carga masiva necesita un superusuario de PostgreSQL (session_replication_role): ${(err as Error).message}`,
    );
  }
  await client.query(`SET synchronous_commit = off`);
  return client;
}

/** One COPY per table, all open at once, each on its own connection. */
export class CopySet {
  private readonly copies = new Map<string, TableCopy>();
  private readonly clients: Client[] = [];

  constructor(private readonly url: string) {}

  async open(table: string, columns: readonly string[]): Promise<TableCopy> {
    const client = await bulkClient(this.url);
    this.clients.push(client);
    const copy = new TableCopy(client, table, columns);
    copy.start();
    this.copies.set(table, copy);
    return copy;
  }

  get(table: string): TableCopy {
    const copy = this.copies.get(table);
    if (!copy) throw new Error(`tabla sin COPY abierto: ${table}`);
    return copy;
  }

  all(): TableCopy[] {
    return [...this.copies.values()];
  }

  async drain(): Promise<void> {
    for (const copy of this.copies.values()) await copy.drain();
  }

  async finish(): Promise<void> {
    await Promise.all([...this.copies.values()].map((c) => c.finish()));
    await this.close();
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((c) => c.end().catch(() => undefined)));
  }
}
