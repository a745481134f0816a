import { AssociationDirectory } from './association-directory.service';
import { Module, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ScopeRegistry } from '../auth/scope-registry';
import { AuditModule } from '../audit/audit.module';
import { DocumentsModule } from '../documents/documents.module';
import { ConstitutionApiController, FaithMinisterApiController } from './constitution.api.controller';
import { ConstitutionController } from './constitution.controller';
import { ConstitutionRepository } from './constitution.repository';
import { ConstitutionService } from './constitution.service';
import { ConstitutionRequestService } from './constitution-request.service';
import { ConstitutionAssemblyService } from './constitution-assembly.service';
import { ConstitutionCertificationService } from './constitution-certification.service';
import { ConstitutionDocumentsService } from './constitution-documents.service';
import { ConstitutionStatutesService } from './constitution-statutes.service';
import { ConstitutionDepositService } from './constitution-deposit.service';
import { TerritoryModule } from '../territory/territory.module';
import { PeopleModule } from '../people/people.module';
import { AssociationAccess } from './association-access';
import { AssociationsApiController } from './associations.api.controller';
import { AssociationsController } from './associations.controller';
import { AssociationsRepository } from './associations.repository';
import { AssociationsService } from './associations.service';
import { AssociationRegistrationService } from './association-registration.service';
import { AssociationRegistryService } from './association-registry.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';
import { RosterRepository } from './roster.repository';
import { RosterExportService } from './roster-export.service';
import { RosterImportService } from './roster-import.service';
import { MembershipStatusService } from './membership-status.service';
import { RosterMembersService } from './roster-members.service';
import { IdentityCorrections } from './identity-corrections.service';
import { RosterImportJanitor } from './roster-import.janitor';
import { BoardsService } from './boards.service';
import { BoardStatusJanitor } from './board-status.janitor';
import { MeetingsModule } from '../meetings/meetings.module';
import { MeetingBodies } from '../meetings/meeting-bodies';

/** Registry of organisations, rosters and people (DOMAIN.md §3, §4, §8). */
@Module({
  imports: [TerritoryModule, AuditModule, DocumentsModule, PeopleModule, MeetingsModule],
  controllers: [
    AssociationsController,
    ConstitutionController,
    RosterController,
    PeopleController,
    AssociationsApiController,
    ConstitutionApiController,
    FaithMinisterApiController,
  ],
  providers: [
    AssociationDirectory,
    AssociationsRepository,
    RosterRepository,
    AssociationAccess,
    AssociationsService,
    AssociationRegistrationService,
    AssociationRegistryService,
    RosterService,
    RosterMembersService,
    RosterExportService,
    RosterImportService,
    MembershipStatusService,
    IdentityCorrections,
    PeopleService,
    RosterImportJanitor,
    ConstitutionRepository,
    ConstitutionService,
    ConstitutionRequestService,
    ConstitutionAssemblyService,
    ConstitutionCertificationService,
    ConstitutionDocumentsService,
    ConstitutionStatutesService,
    ConstitutionDepositService,
    BoardsService,
    BoardStatusJanitor,
  ],
  exports: [
    AssociationsService,
    AssociationRegistryService,
    RosterService,
    AssociationAccess,
    AssociationDirectory,
    ConstitutionService,
    BoardsService,
  ],
})
export class AssociationsModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeRegistry,
    private readonly repo: AssociationsRepository,
    private readonly constitutions: ConstitutionRepository,
    private readonly clock: Clock,
    private readonly access: AssociationAccess,
    private readonly bodies: MeetingBodies,
    private readonly directory: AssociationDirectory,
  ) {}

  /** Association-scoped roles (officers, members) are checked and reached through the association's commune. */
  onModuleInit(): void {
    // the association is a body of the acta engine: its meetings, actas and commitments
    this.bodies.registerAssociations({
      load: (actor, id, right, context) => this.access.load(actor, id, right, context),
      find: (id, em) => this.repo.findAssociation(id, em),
    });
    this.scopes.register('association', {
      communeOf: async (id) => (await this.repo.findAssociation(id))?.communeCode ?? null,
      idsInCommunes: (codes) => this.repo.idsInCommunes(codes),
      names: (ids) => this.directory.scopeNames(ids),
      choices: (codes) => this.directory.scopeChoices(codes),
    });
    // API.md: a current president, secretary or treasurer seat makes the person's user an association officer.
    this.scopes.registerDerivedRoles(async (personId) =>
      (await this.constitutions.officerSeatsOf(personId, this.clock.now())).map((id) => ({
        role: 'association_officer' as const,
        scopeType: 'association' as const,
        scopeId: id,
        source: 'board_seat' as const,
      })),
    );
  }
}
