import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

type Query = PostgresQueryRunner['query'];

/** The statements one counted block sent, with the text of each (for the failure message). */
export interface CountedQueries<T> {
  result: T;
  count: number;
  sql: string[];
}

let original: Query | null = null;
const listeners = new Set<(sql: string, parameters: unknown[], name: string | undefined) => void>();

/**
 * Counts the SQL statements the app sends to the database: every repository call, query builder, manager.query()
 * and transaction statement goes through PostgresQueryRunner.query (PGlite is served to the same `postgres`
 * driver, so both databases count the same way). Everything in the process is counted while `fn` runs, HTTP
 * requests handled for it included; tests run one at a time within a file and the app has no background job
 * querying in tests (no SMTP: no outbox worker; the session janitor runs hourly).
 */
export async function countQueries<T>(fn: () => Promise<T>): Promise<CountedQueries<T>> {
  install();
  const sql: string[] = [];
  const listener = (text: string) => void sql.push(text.replace(/\s+/g, ' ').trim());
  listeners.add(listener);
  try {
    const result = await fn();
    return { result, count: sql.length, sql };
  } finally {
    listeners.delete(listener);
  }
}

/** A statement the app sent, with its parameters (and its name when it is a named prepared statement). */
export interface RecordedStatement {
  text: string;
  values: unknown[];
  name?: string;
}

/**
 * Calls `onStatement` for every statement the app sends from now until the returned function is called (as
 * countQueries, everything in the process): the scale plans test (issue 21) keeps them to EXPLAIN them.
 */
export function watchStatements(onStatement: (statement: RecordedStatement) => void): () => void {
  install();
  const listener = (text: string, values: unknown[], name: string | undefined) =>
    onStatement(name ? { text, values, name } : { text, values });
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * Waits until the app has sent no statement for `quietMs` (at most `maxMs`): the jobs an app runs as it starts
 * (reminders, fund call mails) would otherwise be recorded with the first request (issue 21).
 */
export async function untilStatementsQuiet(quietMs = 2000, maxMs = 300_000): Promise<void> {
  let sent = 0;
  const stop = watchStatements(() => void sent++);
  try {
    const step = 500;
    for (let last = -1, quiet = 0, waited = 0; quiet * step < quietMs && waited < maxMs; waited += step) {
      await new Promise((r) => setTimeout(r, step));
      quiet = sent === last ? quiet + 1 : 0;
      last = sent;
    }
  } finally {
    stop();
  }
}

function install(): void {
  if (original) return;
  const query = PostgresQueryRunner.prototype.query;
  original = query;
  PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...args: Parameters<Query>) {
    // a named statement (src/database/named-statement.ts) is an object whose toString() is its text
    const name = (args[0] as unknown as { name?: string }).name;
    for (const listener of listeners) listener(String(args[0]), (args[1] ?? []) as unknown[], name);
    return query.apply(this, args);
  } as Query;
}

/** Restores TypeORM's query method (afterAll). */
export function uninstallQueryCounter(): void {
  if (original) PostgresQueryRunner.prototype.query = original;
  original = null;
  listeners.clear();
}
