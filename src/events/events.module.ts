import { Module } from '@nestjs/common';
import { FundsModule } from './funds/funds.module';
import { FundMatchingModule } from './funds/fund-matching.module';
import { FundDeliveryModule } from './funds/fund-delivery.module';
import { MarketModule } from './market/market.module';
import { MarketOperationsModule } from './market/market-operations.module';

/**
 * Events (DOMAIN.md §7): the fund calendar (calls, eligibility, applications, reminders, ICS feeds; DOM-FND-1 to 4)
 * and market weeks (venues, applications, the allocation, waitlist and attendance; DOM-MKT-1 to 4). The top feature
 * floor: it reads associations, programs and tables through the services their modules export.
 */
@Module({ imports: [FundsModule, FundMatchingModule, FundDeliveryModule, MarketModule, MarketOperationsModule] })
export class EventsModule {}
