import { Module } from '@nestjs/common';
import { TerritoryModule } from '../territory/territory.module';
import { HomeController } from './home.controller';

@Module({
  imports: [TerritoryModule],
  controllers: [HomeController],
})
export class WebModule {}
