import { FundApplication } from './fund-application.entity';
import { FundCall } from './fund-call.entity';
import { FundDeclaration } from './fund-declaration.entity';
import { FundFeed } from './fund-feed.entity';
import { FundSubscription } from './fund-subscription.entity';

/** The fund calendar's entities, listed in src/schema.ts (the migration check compares them with the migrations). */
export const FUND_ENTITIES: (new () => unknown)[] = [
  // F1: fund calls, subscriptions, feeds
  FundCall,
  FundSubscription,
  FundFeed,
  // F2: matching, applications, declarations
  FundApplication,
  FundDeclaration,
];
