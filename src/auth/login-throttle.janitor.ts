import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../common/clock';
import { LoginThrottleService } from './login-throttle.service';

const EVERY_MS = 60 * 60_000;

/**
 * Every hour, deletes the sign-in budgets that have nothing left to remember (no wait, every failure forgotten).
 * Not at start, unlike HourlyJob: on a new database the table is created by the migrations that run then.
 */
@Injectable()
export class LoginThrottleJanitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LoginThrottle');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly throttle: LoginThrottleService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.throttle
        .purgeForgotten(this.clock.now())
        .then((purged) => purged && this.logger.log(`${purged} forgotten sign-in budgets purged`))
        .catch((err: unknown) => this.logger.warn({ err }, 'forgotten sign-in budgets not purged'));
    }, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
