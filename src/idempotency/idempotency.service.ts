import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

export type RequestKeyKind = 'api' | 'form';

/** What to do with a request that carries a key. */
export type KeyedRequest =
  | { state: 'first'; id: string }
  | { state: 'replay'; status: number; body: unknown; location: string | null }
  | { state: 'running' }
  | { state: 'other_request' };

/** Keys are kept this long (API.md: the same key within 24 hours returns the first result). */
export const KEEP_HOURS = 24;
/** A first request that has not finished after this long is taken to have died with its process: a retry may run. */
const STALE_MINUTES = 5;

/** The fingerprint of a request: method, path and body (bytes for uploads, JSON otherwise). */
export function fingerprint(method: string, path: string, body: unknown): string {
  const hash = createHash('sha256').update(`${method} ${path}\n`);
  if (Buffer.isBuffer(body)) hash.update(body);
  else hash.update(JSON.stringify(body ?? null));
  return hash.digest('hex');
}

/**
 * Issue 22 item 2: a request sent twice (a retry after a lost answer) runs once. The first request records its key
 * before it runs and its answer when it succeeds; a retry with the same key gets that answer; a key whose first
 * request failed (4xx, 5xx) is forgotten so that the corrected request can run.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async begin(scope: string, kind: RequestKeyKind, key: string, print: string): Promise<KeyedRequest> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = (await this.dataSource.query(
        `INSERT INTO request_key (scope, kind, key, fingerprint) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scope, kind, key) DO NOTHING RETURNING id`,
        [scope, kind, key, print],
      )) as { id: string }[];
      if (inserted.length) return { state: 'first', id: inserted[0].id };
      const [row] = (await this.dataSource.query(
        `SELECT id, fingerprint, status, body, location,
                created_at < now() - make_interval(hours => $4) AS expired,
                created_at < now() - make_interval(mins => $5) AS stale
           FROM request_key WHERE scope = $1 AND kind = $2 AND key = $3`,
        [scope, kind, key, KEEP_HOURS, STALE_MINUTES],
      )) as {
        id: string;
        fingerprint: string;
        status: number | null;
        body: unknown;
        location: string | null;
        expired: boolean;
        stale: boolean;
      }[];
      if (!row) continue; // forgotten meanwhile: insert again
      if (row.expired || (row.status === null && row.stale)) {
        // an old key is a new key; a first request that never finished is given up
        await this.dataSource.query(`DELETE FROM request_key WHERE id = $1`, [row.id]);
        continue;
      }
      if (row.fingerprint !== print) return { state: 'other_request' };
      if (row.status === null) return { state: 'running' };
      return { state: 'replay', status: row.status, body: row.body, location: row.location };
    }
    return { state: 'running' };
  }

  async complete(id: string, answer: { status: number; body?: unknown; location?: string | null }): Promise<void> {
    await this.dataSource.query(`UPDATE request_key SET status = $2, body = $3, location = $4 WHERE id = $1`, [
      id,
      answer.status,
      answer.body === undefined ? null : JSON.stringify(answer.body),
      answer.location ?? null,
    ]);
  }

  /** The first request failed: its key is forgotten, so the same key may carry the corrected request. */
  async forget(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM request_key WHERE id = $1 AND status IS NULL`, [id]);
  }

  /** Keys past their 24 hours (the hourly janitor). */
  async purgeExpired(): Promise<number> {
    const result = (await this.dataSource.query(
      `DELETE FROM request_key WHERE created_at < now() - make_interval(hours => $1)`,
      [KEEP_HOURS],
    )) as [unknown, number];
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  }
}
