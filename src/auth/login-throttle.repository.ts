import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LoginThrottle, LoginBudgetKind } from './entities/login-throttle.entity';

/** The sign-in budgets (login_throttle): one row per account e-mail, known device or source. */
@Injectable()
export class LoginThrottleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A budget as it is now, without locking it (an absent row is a budget with no failures). */
  findBudget(key: string): Promise<LoginThrottle | null> {
    return this.dataSource.manager.findOneBy(LoginThrottle, { key });
  }

  /**
   * A budget locked for the rest of `em`'s transaction, created empty if absent: concurrent attempts on it take
   * their turns. `userId` is recorded for an account's budgets (a password reset clears them).
   */
  async lockBudget(
    kind: LoginBudgetKind,
    key: string,
    userId: string | null,
    now: Date,
    em: EntityManager,
  ): Promise<LoginThrottle> {
    await em
      .createQueryBuilder()
      .insert()
      .into(LoginThrottle)
      .values({ key, kind, userId, failures: 0, lastFailureAt: now, windowStartedAt: now })
      .orIgnore()
      .execute();
    return em.findOneOrFail(LoginThrottle, { where: { key }, lock: { mode: 'pessimistic_write' } });
  }

  async saveBudget(
    key: string,
    changes: Pick<LoginThrottle, 'failures' | 'lastFailureAt' | 'waitUntil' | 'windowStartedAt' | 'notifiedAt'> & {
      userId: string | null;
    },
    em: EntityManager,
  ): Promise<void> {
    await em.update(LoginThrottle, { key }, changes);
  }

  /**
   * A judged attempt that succeeded gives back the failure it was counted as in advance, and the wait it set
   * (unless another attempt has set a newer one since).
   */
  async giveBackAttempt(key: string, waitItSet: Date | null, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE login_throttle
          SET failures = GREATEST(failures - 1, 0),
              wait_until = CASE WHEN wait_until IS NOT DISTINCT FROM $2 THEN NULL ELSE wait_until END
        WHERE key = $1`,
      [key, waitItSet],
    );
  }

  /** Marks the budget's current window as notified; returns its start if this call did it (once per window). */
  async markWindowNotified(key: string, now: Date, em: EntityManager): Promise<Date | null> {
    const rows = (await em.query(
      `UPDATE login_throttle SET notified_at = $2 WHERE key = $1 AND notified_at IS NULL RETURNING window_started_at`,
      [key, now],
    )) as [{ window_started_at: Date }[], number];
    const started = rows[0]?.[0]?.window_started_at;
    return started ? new Date(started) : null;
  }

  async deleteBudget(key: string, em: EntityManager): Promise<void> {
    await em.delete(LoginThrottle, { key });
  }

  /** A password set from a link: the account's budget and those of its known devices start again. */
  async deleteBudgetsOfAccount(userId: string, accountKey: string, em: EntityManager): Promise<void> {
    await em
      .createQueryBuilder()
      .delete()
      .from(LoginThrottle)
      .where('user_id = :userId OR key = :accountKey', { userId, accountKey })
      .execute();
  }

  /** Deletes budgets of `kind` with no wait left and every failure forgotten; returns how many. */
  async purgeForgotten(kind: LoginBudgetKind, forgetEveryMs: number, now: Date): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(LoginThrottle)
      .where('kind = :kind', { kind })
      .andWhere('(wait_until IS NULL OR wait_until <= :now)', { now })
      .andWhere(`last_failure_at + failures * :forgetEveryMs * interval '1 millisecond' <= :now`, {
        forgetEveryMs,
        now,
      })
      .execute();
    return result.affected ?? 0;
  }
}
