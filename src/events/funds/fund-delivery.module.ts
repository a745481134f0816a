import { Module } from '@nestjs/common';

/** Fund mails (a call opening, reminders before it closes), subscriptions and ICS feeds (DOM-FND-3, issue 18 items 4–5). */
@Module({})
export class FundDeliveryModule {}
