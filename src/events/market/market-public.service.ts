import { Injectable } from '@nestjs/common';
import { formatDate } from '../../common/format/dates';
import { MarketAllocationService } from './market-allocation.service';
import { MarketException } from './market.exception';
import { MarketVenuesService } from './market-venues.service';
import { monthName } from './market-schedule.service';

/** The public page of a published month: business names and categories only (DOM-MKT-4). */
export interface PublicMonthView {
  venueName: string;
  address: string;
  month: string;
  monthLabel: string;
  weeks: { label: string; stands: { stand: number; businessName: string; category: string }[] }[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * DOM-MKT-4: a venue's published month for anyone, without signing in. Only what a shopper needs: the week, the stand,
 * the business and its category; never a person's name, RUT or e-mail. A month not published is not found (404).
 */
@Injectable()
export class MarketPublicService {
  constructor(
    private readonly venues: MarketVenuesService,
    private readonly allocation: MarketAllocationService,
  ) {}

  async month(venueId: string, month: string): Promise<PublicMonthView> {
    const venue = MONTH.test(month) ? await this.venues.find(venueId) : null;
    if (!venue) throw MarketException.notFound();
    const view = await this.allocation.monthOf(venue, month);
    if (!view.published) throw MarketException.notFound();
    return {
      venueName: venue.name,
      address: venue.address,
      month,
      monthLabel: monthName(month),
      weeks: view.weeks.map((w) => ({
        label: `${formatDate(w.startsOn)} al ${formatDate(w.endsOn)}`,
        stands: w.stands
          .filter((s) => s.status === 'assigned')
          .map((s) => ({ stand: s.stand, businessName: s.businessName, category: s.category })),
      })),
    };
  }
}
