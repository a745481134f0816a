import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** Connection-level failures (server gone, refused, terminated, silent): the database is unavailable, not our bug. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

/**
 * Issue 21 item 4: TypeORM's answer to a statement of a transaction whose connection it has already given back. It
 * gives a transaction's connection back when that connection fails between two statements (PostgreSQL restarted or
 * stopped, the socket closed): the request lost its database, it is not a fault of its own.
 */
export function isLostTransaction(error: unknown): boolean {
  return error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError;
}

/** pg-pool's answer when every connection is busy for the whole wait: the pool is full, the server may be fine. */
export function isPoolBusy(error: unknown): boolean {
  return /timeout exceeded when trying to connect/i.test((error as Error | null)?.message ?? '');
}

/** An error that means the database did not answer (a 503), as opposed to a query the database refused. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isLostTransaction(error)) return true;
  const e = error as { code?: string; message?: string; driverError?: { code?: string } } | null;
  if (!e) return false;
  const code = e.driverError?.code ?? e.code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
    e.message ?? '',
  );
}
