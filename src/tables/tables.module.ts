import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { InstitutionsService } from '../institutions/institutions.service';
import { ScopeRegistry } from '../auth/scope-registry';
import { MeetingsModule } from '../meetings/meetings.module';
import { MeetingBodies } from '../meetings/meeting-bodies';
import { CommitmentRemindersJanitor } from './commitment-reminders.janitor';
import { EvidenceStore } from './evidence-store';
import { TableBoardService } from './table-board.service';
import { CommitmentProgressService } from './commitment-progress.service';
import { TablePagesController } from './table-pages.controller';
import { TableSessionsService } from './table-sessions.service';
import { TablesApiController } from './tables.api.controller';
import { TablesController } from './tables.controller';
import { TablesService } from './tables.service';

/**
 * Inter-institutional tables (DOMAIN.md §6): institutions, tables, participants and axes; sessions with their
 * actas; the commitments board with evidence, share links and reminders; the security council's checks.
 */
@Module({
  imports: [AuditModule, InstitutionsModule, MeetingsModule],
  controllers: [TablesController, TablePagesController, TablesApiController],
  providers: [
    TablesService,
    TableSessionsService,
    TableBoardService,
    CommitmentProgressService,
    EvidenceStore,
    CommitmentRemindersJanitor,
  ],
  exports: [TablesService, TableSessionsService, TableBoardService, CommitmentProgressService],
})
export class TablesModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeRegistry,
    private readonly tables: TablesService,
    private readonly sessions: TableSessionsService,
    private readonly board: TableBoardService,
    private readonly progress: CommitmentProgressService,
    private readonly bodies: MeetingBodies,
    private readonly institutions: InstitutionsService,
  ) {}

  /** Table-scoped roles are checked through the table's commune; the meetings API hands table sessions and commitments over. */
  onModuleInit(): void {
    // coordinators register the institutions of their commune tables' communes
    this.institutions.registerRegistrars((actor) => this.tables.coordinatedCommunes(actor));
    this.scopes.register('table', {
      communeOf: (id) => this.tables.communeOf(id),
      idsInCommunes: (codes) => this.tables.idsInCommunes(codes),
      exists: (id) => this.tables.exists(id),
    });
    // the meetings and commitments API (one set of paths for every body) hands table sessions and commitments here
    this.bodies.register('table', {
      meetings: {
        get: async (actor, id, context) => {
          const { rights: _r, ...session } = await this.sessions.get(actor, id, context);
          return session;
        },
        setAttendance: (actor, id, marks, context) => this.sessions.setAttendance(actor, id, marks, context),
        addAgendaItem: (actor, id, input, context) => this.sessions.addAgendaItem(actor, id, input, context),
        convene: (actor, id, context) => this.sessions.convene(actor, id, context),
        readMinutes: async (actor, id, context) => (await this.sessions.get(actor, id, context)).minutes,
        saveMinutes: (actor, id, input, context) => this.sessions.saveMinutes(actor, id, input, context),
        approve: (actor, id, context, version) => this.sessions.approve(actor, id, context, version),
        pdfOf: (actor, id, context) => this.sessions.pdfOf(actor, id, context),
      },
      commitments: {
        list: (actor, tableId, query, context) => this.board.board(actor, tableId, query, context),
        get: async (actor, id, context) => {
          const { canUpdate: _u, ...commitment } = await this.progress.get(actor, id, context);
          return commitment;
        },
        addUpdate: (actor, id, input, file, context, uploadError) =>
          this.progress.addUpdate(actor, id, input, file, context, uploadError),
      },
    });
  }
}
