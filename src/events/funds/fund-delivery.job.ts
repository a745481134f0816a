import { Injectable, Logger } from '@nestjs/common';
import { HourlyJob } from '../../common/hourly-job';
import { FundDeliveryService } from './fund-delivery.service';

/**
 * At start and every hour, queues the fund calls' opening mails and closing reminders (DOM-FND-3). Safe with several
 * instances and across restarts: each message has its own outbox dedupe key (call, window, address).
 */
@Injectable()
export class FundDeliveryJob extends HourlyJob {
  constructor(private readonly delivery: FundDeliveryService) {
    super(new Logger('FundDelivery'), 'fund call mails not queued');
  }

  protected run(): Promise<unknown> {
    return this.delivery.run();
  }

  protected override report(result: unknown): string | null {
    const r = result as { openings: number; reminders: number };
    return r.openings || r.reminders ? `fondos: ${r.openings} avisos de apertura, ${r.reminders} recordatorios` : null;
  }
}
