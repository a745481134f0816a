import session from 'express-session';
import type { DataSource } from 'typeorm';
import { UserSession } from './entities/user-session.entity';

const IDLE_MS = 30 * 60_000;

/**
 * express-session storage in the `user_session` table through the app's own DataSource (never a second pool,
 * never memory). Expired rows are ignored on read and removed by `purgeExpired()`.
 */
export class DataSourceSessionStore extends session.Store {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private repo() {
    return this.dataSource.getRepository(UserSession);
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.repo()
      .createQueryBuilder('s')
      .where('s.sid = :sid AND s.expires_at > now()', { sid })
      .getOne()
      .then(
        (row) => callback(null, row ? (row.data as unknown as session.SessionData) : null),
        (err) => callback(err),
      );
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const expiresAt = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + IDLE_MS);
    const userId = (data as { userId?: string }).userId ?? null;
    this.repo()
      .upsert({ sid, data: JSON.parse(JSON.stringify(data)) as object, userId, expiresAt }, ['sid'])
      .then(
        () => callback?.(),
        (err) => callback?.(err),
      );
  }

  override touch(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const expiresAt = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + IDLE_MS);
    this.repo()
      .update({ sid }, { expiresAt })
      .then(
        () => callback?.(),
        (err) => callback?.(err),
      );
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
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
