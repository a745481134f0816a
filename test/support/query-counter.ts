import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

type Query = PostgresQueryRunner['query'];

/** The statements one counted block sent, with the text of each (for the failure message). */
export interface CountedQueries<T> {
  result: T;
  count: number;
  sql: string[];
}

let original: Query | null = null;
const listeners = new Set<(sql: string) => void>();

/**
 * Counts the SQL statements the app sends to the database: every repository call, query builder, manager.query()
 * and transaction statement goes through PostgresQueryRunner.query (PGlite is served to the same `postgres`
 * driver, so both databases count the same way). Everything in the process is counted while `fn` runs, HTTP
 * requests handled for it included; tests run one at a time within a file and the app has no background job
 * querying in tests (no SMTP: no outbox worker; the session janitor runs hourly).
 */
export async function countQueries<T>(fn: () => Promise<T>): Promise<CountedQueries<T>> {
  if (!original) {
    const query = PostgresQueryRunner.prototype.query;
    original = query;
    PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...args: Parameters<Query>) {
      for (const listener of listeners) listener(String(args[0]));
      return query.apply(this, args);
    } as Query;
  }
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

/** Restores TypeORM's query method (afterAll). */
export function uninstallQueryCounter(): void {
  if (original) PostgresQueryRunner.prototype.query = original;
  original = null;
  listeners.clear();
}
