import { Injectable, Logger } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { HourlyJob } from '../common/hourly-job';
import { DatabaseThrottlerStorage } from './rate-limit.storage';

/** Every hour, deletes the rate limits' finished windows (issue 21 item 5). */
@Injectable()
export class RateLimitJanitor extends HourlyJob {
  constructor(@InjectThrottlerStorage() private readonly storage: ThrottlerStorage) {
    super(new Logger('RateLimit'), 'finished rate-limit windows not purged');
  }

  protected run(): Promise<number> {
    return this.storage instanceof DatabaseThrottlerStorage ? this.storage.purgeExpired() : Promise.resolve(0);
  }

  protected override report(purged: unknown): string | null {
    return purged ? `${String(purged)} finished rate-limit windows purged` : null;
  }
}
