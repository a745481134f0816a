import { Module } from '@nestjs/common';
import { AssociationsModule } from '../associations/associations.module';
import { AuthModule } from '../auth/auth.module';
import { MarketOperationsModule } from '../events/market/market-operations.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { ProgramsModule } from '../programs/programs.module';
import { TablesModule } from '../tables/tables.module';
import { TerritoryModule } from '../territory/territory.module';
import { HomeController } from './home.controller';
import { StartPageController } from './start-page.controller';
import { StartPageService } from './start-page.service';

@Module({
  imports: [
    TerritoryModule,
    AuthModule,
    MeetingsModule,
    AssociationsModule,
    TablesModule,
    ProgramsModule,
    MarketOperationsModule,
  ],
  controllers: [HomeController, StartPageController],
  providers: [StartPageService],
})
export class WebModule {}
