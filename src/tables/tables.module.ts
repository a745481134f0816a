import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { InstitutionsService } from '../institutions/institutions.service';
import { ScopeRegistry } from '../auth/scope-registry';
import { MeetingsModule } from '../meetings/meetings.module';
import { CommitmentRemindersJanitor } from './commitment-reminders.janitor';
import { EvidenceImport } from './evidence-import';
import { EvidenceStore } from './evidence-store';
import { TableBoardService } from './table-board.service';
import { TableShareLinksService } from './table-share-links.service';
import { CommitmentRemindersService } from './commitment-reminders.service';
import { CommitmentProgressService } from './commitment-progress.service';
import { TablePagesController } from './table-pages.controller';
import { TableSessionsService } from './table-sessions.service';
import { TableActasService } from './table-actas.service';
import { TableConvocationService } from './table-convocation.service';
import { TableSessionReads } from './table-session-reads.service';
import { TablesApiController } from './tables.api.controller';
import { TablesController } from './tables.controller';
import { TablesService } from './tables.service';
import { TableWorkService } from './table-work.service';
import { TableMeetingBody } from './table-meeting-body';
import { TableAccess } from './table-access.service';
import { TableParticipantsService } from './table-participants.service';
import { TableAccountsService } from './table-accounts.service';
import { TableRequestsService } from './table-requests.service';

/**
 * Inter-institutional tables (DOMAIN.md §6): institutions, tables, participants and axes; sessions with their
 * actas; the commitments board with evidence, share links and reminders; the security council's checks.
 */
@Module({
  imports: [AuditModule, InstitutionsModule, MeetingsModule],
  controllers: [TablesController, TablePagesController, TablesApiController],
  providers: [
    TablesService,
    TableAccess,
    TableParticipantsService,
    TableAccountsService,
    TableRequestsService,
    TableSessionsService,
    TableSessionReads,
    TableActasService,
    TableConvocationService,
    TableBoardService,
    TableShareLinksService,
    CommitmentRemindersService,
    CommitmentProgressService,
    EvidenceStore,
    EvidenceImport,
    CommitmentRemindersJanitor,
    TableMeetingBody,
    TableWorkService,
  ],
  exports: [TablesService, TableSessionsService, TableBoardService, CommitmentProgressService, TableWorkService],
})
export class TablesModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeRegistry,
    private readonly tables: TablesService,
    private readonly institutions: InstitutionsService,
    private readonly accounts: TableAccountsService,
  ) {}

  /** Table-scoped roles are checked through the table's commune (the meetings API's hand-over: TableMeetingBody). */
  onModuleInit(): void {
    // coordinators register the institutions of their commune tables' communes
    this.institutions.registerRegistrars((actor) => this.tables.coordinatedCommunes(actor));
    this.scopes.register('table', {
      communeOf: (id) => this.tables.communeOf(id),
      idsInCommunes: (codes) => this.tables.idsInCommunes(codes),
      exists: (id) => this.tables.exists(id),
      names: (ids) => this.tables.namesById(ids),
      choices: (codes) => this.tables.choicesIn(codes),
      // a table's coordinator (and its municipality) give its representatives accounts and name coordinators
      mayGrant: (actor, grant) => this.accounts.mayGrant(actor, grant),
    });
  }
}
