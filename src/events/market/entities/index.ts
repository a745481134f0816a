import { MarketApplication } from './market-application.entity';
import { MarketFeed } from './market-mine-feed.entity';
import { MarketMonth } from './market-month.entity';
import { MarketOffer } from './market-offer.entity';
import { MarketSlot } from './market-slot.entity';
import { MarketVenue } from './market-venue.entity';
import { MarketWaitlist } from './market-waitlist.entity';

export { MarketApplication, MarketFeed, MarketMonth, MarketOffer, MarketSlot, MarketVenue, MarketWaitlist };

/** The market weeks' entities, listed in src/schema.ts (the migration check compares them with the migrations). */
export const MARKET_ENTITIES: (new () => unknown)[] = [
  // M1: venues, applications, months, slots, waitlist
  MarketVenue,
  MarketApplication,
  MarketMonth,
  MarketSlot,
  MarketWaitlist,
  // M2: offers
  MarketOffer,
  MarketFeed,
];
