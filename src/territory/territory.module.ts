import { Module } from '@nestjs/common';
import { CommunesApiController } from './communes.api.controller';
import { CommunesController } from './communes.controller';
import { TerritoryReferenceService } from './territory-reference.service';
import { TerritoryRepository } from './territory.repository';
import { TerritoryService } from './territory.service';

@Module({
  controllers: [CommunesController, CommunesApiController],
  providers: [TerritoryRepository, TerritoryService, TerritoryReferenceService],
  exports: [TerritoryService, TerritoryReferenceService, TerritoryRepository],
})
export class TerritoryModule {}
