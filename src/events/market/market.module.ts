import { Module } from '@nestjs/common';

/** Market weeks (DOM-MKT-1 to 4): venues, applications, the allocation, waitlist offers and attendance. */
@Module({})
export class MarketModule {}
