import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { MailModule } from '../../mail/mail.module';
import { PeopleModule } from '../../people/people.module';
import { ProgramsModule } from '../../programs/programs.module';
import { MarketModule } from './market.module';
import { MarketAttendancePagesController } from './market-attendance-pages.controller';
import { MarketAttendanceService } from './market-attendance.service';
import { MarketMinePagesController } from './market-mine-pages.controller';
import { MarketMineService } from './market-mine.service';
import { MarketPublicPagesController } from './market-public-pages.controller';
import { MarketPublicService } from './market-public.service';
import { MarketScheduleApiController, MarketSchedulePagesController } from './market-schedule.controller';
import { MarketScheduleService } from './market-schedule.service';
import { DocumentsModule } from '../../documents/documents.module';
import { MarketOfferLapseJob } from './market-offer.job';
import { MarketOfferPagesController } from './market-offer-pages.controller';
import { MarketOfferService } from './market-offer.service';
import { MarketSlotsApiController } from './market-offer.api.controller';
import { MarketPublishApiController } from './market-publish.api.controller';
import { MarketContacts } from './market-publish-contacts';
import { MarketPublishService } from './market-publish.service';

/**
 * A market month after the draft (DOM-MKT-3, DOM-MKT-4): publishing with mails and ICS, cancellations offered to
 * the waitlist with an accept link that lapses (hourly job), attendance. Reads venues, months and history through
 * MarketModule's exported services.
 */
@Module({
  imports: [AuditModule, DocumentsModule, MailModule, PeopleModule, ProgramsModule, MarketModule],
  controllers: [
    MarketPublishApiController,
    MarketSlotsApiController,
    MarketScheduleApiController,
    MarketOfferPagesController,
    MarketAttendancePagesController,
    MarketSchedulePagesController,
    MarketPublicPagesController,
    MarketMinePagesController,
  ],
  providers: [
    MarketContacts,
    MarketPublishService,
    MarketOfferService,
    MarketAttendanceService,
    MarketOfferLapseJob,
    MarketScheduleService,
    MarketPublicService,
    MarketMineService,
  ],
  exports: [MarketMineService],
})
export class MarketOperationsModule {}
