import { Module, OnModuleInit } from '@nestjs/common';
import { ScopeRegistry } from '../auth/scope-registry';
import { AuditModule } from '../audit/audit.module';
import { DocumentsModule } from '../documents/documents.module';
import { ConstitutionApiController } from './constitution.api.controller';
import { ConstitutionRepository } from './constitution.repository';
import { ConstitutionService } from './constitution.service';
import { TerritoryModule } from '../territory/territory.module';
import { AssociationAccess } from './association-access';
import { AssociationsApiController } from './associations.api.controller';
import { AssociationsController } from './associations.controller';
import { AssociationsRepository } from './associations.repository';
import { AssociationsService } from './associations.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';
import { RosterImportJanitor } from './roster-import.janitor';

/** Registry of organisations, rosters and people (DOMAIN.md §3, §4, §8). */
@Module({
  imports: [TerritoryModule, AuditModule, DocumentsModule],
  controllers: [AssociationsController, RosterController, PeopleController, AssociationsApiController, ConstitutionApiController],
  providers: [AssociationsRepository, AssociationAccess, AssociationsService, RosterService, PeopleService, RosterImportJanitor, ConstitutionRepository, ConstitutionService],
  exports: [AssociationsService, RosterService, AssociationAccess],
})
export class AssociationsModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeRegistry,
    private readonly repo: AssociationsRepository,
  ) {}

  /** Association-scoped roles (officers, members) are checked and reached through the association's commune. */
  onModuleInit(): void {
    this.scopes.register('association', {
      communeOf: async (id) => (await this.repo.findAssociation(id))?.communeCode ?? null,
      idsInCommunes: (codes) => this.repo.idsInCommunes(codes),
    });
  }
}
