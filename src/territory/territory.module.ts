import { Module, OnModuleInit } from '@nestjs/common';
import { ScopeRegistry } from '../auth/scope-registry';
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
export class TerritoryModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeRegistry,
    private readonly repo: TerritoryRepository,
  ) {}

  /** Identity checks commune-scoped roles against the communes that exist (with their municipality), and names them. */
  onModuleInit(): void {
    this.scopes.registerCommunes({
      exists: async (code) => !!(await this.repo.findMunicipalityByCommune(code)),
      names: (codes) => this.repo.communesWithMunicipality(codes),
    });
  }
}
