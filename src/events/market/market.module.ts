import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { ProgramsModule } from '../../programs/programs.module';
import { TablesModule } from '../../tables/tables.module';
import { TerritoryModule } from '../../territory/territory.module';
import { MarketAllocationService } from './market-allocation.service';
import { MarketApplicationsService } from './market-applications.service';
import { MarketVenuePagesController } from './market-venue-pages.controller';
import { MarketVenuesApiController } from './market-venues.api.controller';
import { MarketVenuesService } from './market-venues.service';

/**
 * Market weeks (DOM-MKT-1, DOM-MKT-2): venues of a program or a table, applications for a month, the draft
 * allocation and the venue's page. It exports what the operations after the draft (MarketOperationsModule) read:
 * the venue with its access check (`MarketVenuesService.load`, `managesVenue` in market-venue-access.ts), the month
 * as stored and each entrepreneur's history (`MarketAllocationService.monthOf`, `history`), the applications.
 */
@Module({
  imports: [AuditModule, ProgramsModule, TablesModule, TerritoryModule],
  controllers: [MarketVenuesApiController, MarketVenuePagesController],
  providers: [MarketVenuesService, MarketApplicationsService, MarketAllocationService],
  exports: [MarketVenuesService, MarketApplicationsService, MarketAllocationService],
})
export class MarketModule {}
