import { Module } from '@nestjs/common';

/** A market month after the draft: publishing, cancellations and waitlist offers, attendance, PDF, public page, feeds. */
@Module({})
export class MarketOperationsModule {}
