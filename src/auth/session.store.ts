import session from 'express-session';
import type { DataSource } from 'typeorm';
import { UserSession } from './entities/user-session.entity';

const IDLE_MS = 30 * 60_000;
/**
 * Issue 21: a page's rolling expiry is written only when it moved this much since the stored one (a write per page
 * view cost a commit, and its flush, on every request). A session may end up to this much before its 30 idle
 * minutes; the cookie keeps rolling at every response.
 */
export const TOUCH_EVERY_MS = 60_000;
/** The expiry last read or written per session id, kept for the most recently used sessions only. */
const REMEMBERED = 10_000;

/**
 * express-session storage in the `user_session` table through the app's own DataSource (never a second pool,
 * never memory). Expired rows are ignored on read and removed by `purgeExpired()`.
 */
export class DataSourceSessionStore extends session.Store {
  /** sid → the expiry the table holds (as this instance last read or wrote it). */
  private readonly storedExpiry = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private remember(sid: string, expiresAt: number): void {
    this.storedExpiry.delete(sid);
    this.storedExpiry.set(sid, expiresAt);
    if (this.storedExpiry.size > REMEMBERED) this.storedExpiry.delete(this.storedExpiry.keys().next().value as string);
  }

  private repo() {
    return this.dataSource.getRepository(UserSession);
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    // a fixed statement, not the query builder: every signed-in request reads its session (issue 21)
    (
      this.dataSource.query(
        'SELECT data, expires_at AS "expiresAt" FROM user_session WHERE sid = $1 AND expires_at > now()',
        [sid],
      ) as Promise<{ data: object; expiresAt: Date | string }[]>
    ).then(
      ([row]) => {
        if (row) this.remember(sid, new Date(row.expiresAt).getTime());
        callback(null, row ? (row.data as unknown as session.SessionData) : null);
      },
      (err) => callback(err),
    );
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const expiresAt = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + IDLE_MS);
    const userId = (data as { userId?: string }).userId ?? null;
    this.repo()
      .upsert({ sid, data: JSON.parse(JSON.stringify(data)) as object, userId, expiresAt }, ['sid'])
      .then(
        () => {
          this.remember(sid, expiresAt.getTime());
          callback?.();
        },
        (err) => callback?.(err),
      );
  }

  override touch(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const expiresAt = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + IDLE_MS);
    const stored = this.storedExpiry.get(sid);
    if (stored !== undefined && expiresAt.getTime() - stored < TOUCH_EVERY_MS) {
      callback?.();
      return;
    }
    this.repo()
      .update({ sid }, { expiresAt })
      .then(
        () => {
          this.remember(sid, expiresAt.getTime());
          callback?.();
        },
        (err) => callback?.(err),
      );
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.storedExpiry.delete(sid);
    this.repo()
      .delete({ sid })
      .then(
        () => callback?.(),
        (err) => callback?.(err),
      );
  }

  async purgeExpired(): Promise<number> {
    const result = await this.repo().createQueryBuilder().delete().where('expires_at <= now()').execute();
    return result.affected ?? 0;
  }
}
