import { Module } from '@nestjs/common';

/** The fund calendar (DOM-FND-1 to 4): calls, matching with reasons, applications, reminders and ICS feeds. */
@Module({})
export class FundsModule {}
