import type { ThrottlerStorage } from '@nestjs/throttler';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SystemSettingsRepository } from '../database/system-settings.repository';

/**
 * One statement per hit, on the database's clock (every instance reads the same one). A window that ended, or a
 * block that ended, starts a new window with this hit; while blocked, hits are refused without being counted;
 * the hit that goes past the limit blocks the key for `block` ms. As @nestjs/throttler 6.7's own storage does
 * with a block duration (ours: the window's, its default).
 */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Blocked keys kept in memory per instance (the oldest go first). */
const BLOCKS_REMEMBERED = 10_000;

const HIT = `
INSERT INTO rate_limit AS r ("key", hits, window_ends_at, blocked_until)
VALUES ($1, 1, now() + $2::float8 * interval '1 millisecond',
        CASE WHEN 1 > $3::int THEN now() + $4::float8 * interval '1 millisecond' END)
ON CONFLICT ("key") DO UPDATE SET
  hits = CASE WHEN r.blocked_until > now() THEN r.hits
              WHEN r.blocked_until IS NOT NULL OR r.window_ends_at <= now() THEN 1
              ELSE r.hits + 1 END,
  window_ends_at = CASE WHEN r.blocked_until > now() THEN r.window_ends_at
                        WHEN r.blocked_until IS NOT NULL OR r.window_ends_at <= now()
                          THEN now() + $2::float8 * interval '1 millisecond'
                        ELSE r.window_ends_at END,
  blocked_until = CASE WHEN r.blocked_until > now() THEN r.blocked_until
                       WHEN (CASE WHEN r.blocked_until IS NOT NULL OR r.window_ends_at <= now() THEN 1
                                  ELSE r.hits + 1 END) > $3::int
                         THEN now() + $4::float8 * interval '1 millisecond'
                       END
RETURNING hits,
  greatest(0, ceil(extract(epoch FROM window_ends_at - now())))::int AS "timeToExpire",
  coalesce(blocked_until > now(), false) AS "isBlocked",
  coalesce(greatest(0, ceil(extract(epoch FROM blocked_until - now()))), 0)::int AS "timeToBlockExpire"`;

/**
 * @nestjs/throttler's storage in PostgreSQL (issue 21 item 5): the `verify` and `login` limits count every
 * instance's hits together, where the default in-memory storage let each instance allow the full limit. Keys are
 * kept as SHA-256 (they hold IPs and device ids). RateLimitJanitor deletes finished windows. Made by the app
 * module's ThrottlerModule.forRootAsync with the DataSource.
 */
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  /**
   * Keys this instance saw blocked, until when (its own clock): their hits are refused without a statement, so a
   * client hammering a limit it has reached costs no database write (each refused hit used to be an upsert and a
   * commit). Each instance learns a block at its first refused hit; the count stays shared.
   */
  private readonly blocked = new Map<string, { until: number; timeToExpire: number; hits: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SystemSettingsRepository,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    // keyed like the sign-in budgets (login-throttle.ts budgetKey): the client's IP cannot be found back by hashing
    const hashed = createHmac('sha256', await this.settings.secret('limits'))
      .update(key)
      .digest('hex');
    const known = this.blocked.get(hashed);
    const now = Date.now();
    if (known && known.until > now) {
      const timeToBlockExpire = Math.ceil((known.until - now) / 1000);
      return { totalHits: known.hits, timeToExpire: known.timeToExpire, isBlocked: true, timeToBlockExpire };
    }
    if (known) this.blocked.delete(hashed);
    const [row] = await this.dataSource.query<
      { hits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }[]
    >(HIT, [hashed, ttl, limit, blockDuration > 0 ? blockDuration : ttl]);
    const record = {
      totalHits: Number(row.hits),
      timeToExpire: Number(row.timeToExpire),
      isBlocked: row.isBlocked === true,
      timeToBlockExpire: row.isBlocked ? Number(row.timeToBlockExpire) : 0,
    };
    if (record.isBlocked) {
      // whole seconds from the database: the block is remembered at most until it ends there
      this.blocked.set(hashed, {
        until: now + record.timeToBlockExpire * 1000 - 1000,
        timeToExpire: record.timeToExpire,
        hits: record.totalHits,
      });
      if (this.blocked.size > BLOCKS_REMEMBERED) this.blocked.delete(this.blocked.keys().next().value as string);
    }
    return record;
  }

  /** Deletes the windows that ended and are not blocked any more; returns how many. */
  async purgeExpired(): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `DELETE FROM rate_limit WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now()) RETURNING 1`,
    );
    return rows.length;
  }
}
