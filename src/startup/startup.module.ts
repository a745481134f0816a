import { Module } from '@nestjs/common';
import { TerritoryModule } from '../territory/territory.module';
import { StartupService } from './startup.service';
import { DemoLoader } from './demo.loader';

@Module({
  imports: [TerritoryModule],
  providers: [DemoLoader, StartupService],
  exports: [DemoLoader, StartupService],
})
export class StartupModule {}
