import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { LoginBudgetKind, LoginThrottle } from './entities/login-throttle.entity';
import { accountKey, budgetKey, failuresAt, LOGIN_BUDGETS, sourceOf, waitAfter } from './login-throttle';
import { SystemSettingsRepository } from '../database/system-settings.repository';
import { LoginThrottleRepository } from './login-throttle.repository';

/** A sign-in attempt's place in the budgets (login-throttle.ts), from `begin` to `failed` or `succeeded`. */
export type LoginAttempt =
  /** Judged: counted in advance as a failure of its budget (account or device), given back if it succeeds. */
  | { judged: true; kind: 'account' | 'device'; key: string; failures: number; waitItSet: Date | null; source: string }
  /** Refused unjudged and uncounted while a wait lasts. */
  | { judged: false; kind: LoginBudgetKind; waitMs: number };

/** Counts sign-in failures per account, known device and source, and says when an attempt must wait. */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly budgets: LoginThrottleRepository,
    private readonly settings: SystemSettingsRepository,
  ) {}

  /**
   * Where an attempt stands before its password is checked. With a known device it draws on that device's budget
   * only; otherwise its source must not be waiting, and it draws on the account's budget (by e-mail, so an
   * unknown address behaves like a known one). Drawing counts the attempt as a failure under the budget's lock,
   * so concurrent attempts cannot slip past a wait.
   */
  async begin(
    attempt: { email: string; deviceId: string | null; ip: string | null | undefined; userId: string | null },
    now: Date,
  ): Promise<LoginAttempt> {
    const secret = await this.settings.secret('limits');
    const source = budgetKey(secret, 'source', sourceOf(attempt.ip));
    if (!attempt.deviceId) {
      const waiting = await this.budgets.findBudget(source);
      const waitMs = waiting?.waitUntil ? waiting.waitUntil.getTime() - now.getTime() : 0;
      if (waitMs > 0) return { judged: false, kind: 'source', waitMs };
    }
    const kind = attempt.deviceId ? 'device' : 'account';
    const key = attempt.deviceId ? budgetKey(secret, 'device', attempt.deviceId) : accountKey(secret, attempt.email);
    return this.dataSource.transaction(async (em): Promise<LoginAttempt> => {
      const budget = await this.budgets.lockBudget(kind, key, attempt.userId, now, em);
      const waitMs = budget.waitUntil ? budget.waitUntil.getTime() - now.getTime() : 0;
      if (waitMs > 0) return { judged: false, kind, waitMs };
      const { failures, waitUntil } = await this.countFailure(budget, attempt.userId, now, em);
      return { judged: true, kind, key, failures, waitItSet: waitUntil, source };
    });
  }

  /**
   * A judged attempt failed: it stays counted, and an attempt without a known device counts for its source too.
   * Returns the start of the account's attack window when its owner should now be told (once per window).
   */
  async failed(attempt: LoginAttempt, now: Date, em: EntityManager): Promise<Date | null> {
    if (!attempt.judged || attempt.kind !== 'account') return null;
    const notifyFrom =
      attempt.failures >= LOGIN_BUDGETS.account.free
        ? await this.budgets.markWindowNotified(attempt.key, now, em)
        : null;
    const source = await this.budgets.lockBudget('source', attempt.source, null, now, em);
    await this.countFailure(source, null, now, em);
    return notifyFrom;
  }

  /**
   * A judged attempt succeeded: a known device's failures start again; an account's budget gets back the failure
   * counted in advance but keeps the others, so signing in does not hand a stranger new free attempts.
   */
  async succeeded(attempt: LoginAttempt, em: EntityManager): Promise<void> {
    if (!attempt.judged) return;
    if (attempt.kind === 'device') await this.budgets.deleteBudget(attempt.key, em);
    else await this.budgets.giveBackAttempt(attempt.key, attempt.waitItSet, em);
  }

  /** A password set from a link (the owner proved their mailbox): the account and its devices start again. */
  async clearAccount(user: { id: string; email: string }, em: EntityManager): Promise<void> {
    const secret = await this.settings.secret('limits');
    await this.budgets.deleteBudgetsOfAccount(user.id, accountKey(secret, user.email), em);
  }

  /** Budgets with nothing left to remember (for the janitor). */
  async purgeForgotten(now: Date): Promise<number> {
    let purged = 0;
    for (const [kind, policy] of Object.entries(LOGIN_BUDGETS) as [LoginBudgetKind, { forgetEveryMs: number }][])
      purged += await this.budgets.purgeForgotten(kind, policy.forgetEveryMs, now);
    return purged;
  }

  /** Counts one failure in a locked budget: what time forgot first, then the new wait; a new window after quiet. */
  private async countFailure(
    budget: LoginThrottle,
    userId: string | null,
    now: Date,
    em: EntityManager,
  ): Promise<{ failures: number; waitUntil: Date | null }> {
    const policy = LOGIN_BUDGETS[budget.kind];
    const remembered = failuresAt(budget.failures, budget.lastFailureAt, now, policy.forgetEveryMs);
    const failures = remembered + 1;
    const wait = waitAfter(failures, policy.free);
    const waitUntil = wait ? new Date(now.getTime() + wait) : null;
    const newWindow = remembered === 0;
    await this.budgets.saveBudget(
      budget.key,
      {
        failures,
        lastFailureAt: now,
        waitUntil,
        windowStartedAt: newWindow ? now : budget.windowStartedAt,
        notifiedAt: newWindow ? null : budget.notifiedAt,
        userId: budget.userId ?? userId,
      },
      em,
    );
    return { failures, waitUntil };
  }
}
