import { Module } from '@nestjs/common';

/** Fund matching with reasons, applications, subscriptions, opening and closing mails, ICS feeds (DOM-FND-2 to 4). */
@Module({})
export class FundMatchingModule {}
