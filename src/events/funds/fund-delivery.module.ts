import { Module } from '@nestjs/common';
import { AssociationsModule } from '../../associations/associations.module';
import { AuditModule } from '../../audit/audit.module';
import { MailModule } from '../../mail/mail.module';
import { FundDeliveryController } from './fund-delivery.controller';
import { FundDeliveryJob } from './fund-delivery.job';
import { FundDeliveryService } from './fund-delivery.service';
import { FundFeedService } from './fund-feed.service';
import { FundMatchingModule } from './fund-matching.module';
import { FundsModule } from './funds.module';

/** Fund mails (a call opening, reminders before it closes), subscriptions and ICS feeds (DOM-FND-3, issue 18 items 4–5). */
@Module({
  imports: [AuditModule, AssociationsModule, MailModule, FundsModule, FundMatchingModule],
  controllers: [FundDeliveryController],
  providers: [FundDeliveryService, FundFeedService, FundDeliveryJob],
  exports: [FundDeliveryService, FundFeedService],
})
export class FundDeliveryModule {}
