import { Injectable, Logger } from '@nestjs/common';
import { HourlyJob } from '../../common/hourly-job';
import { MarketOfferService } from './market-offer.service';

/** DOM-MKT-3: every hour, offers past their 48 hours lapse and the stand goes to the next on the waitlist. */
@Injectable()
export class MarketOfferLapseJob extends HourlyJob {
  constructor(private readonly offers: MarketOfferService) {
    super(new Logger(MarketOfferLapseJob.name), 'market offers not lapsed');
  }

  run(): Promise<number> {
    return this.offers.lapseExpired();
  }

  protected override report(lapsed: unknown): string | null {
    return typeof lapsed === 'number' && lapsed > 0 ? `market offers lapsed and moved on: ${lapsed}` : null;
  }
}
