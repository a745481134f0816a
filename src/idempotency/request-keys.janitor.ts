import { Injectable, Logger } from '@nestjs/common';
import { HourlyJob } from '../common/hourly-job';
import { IdempotencyService } from './idempotency.service';

/** Every hour, forgets request keys past their 24 hours. */
@Injectable()
export class RequestKeysJanitor extends HourlyJob {
  constructor(private readonly keys: IdempotencyService) {
    super(new Logger('RequestKeys'), 'expired request keys not purged');
  }

  protected run(): Promise<unknown> {
    return this.keys.purgeExpired();
  }
}
