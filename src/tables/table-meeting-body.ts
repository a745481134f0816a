import { Injectable, OnModuleInit } from '@nestjs/common';
import { MeetingBodies } from '../meetings/meeting-bodies';
import { CommitmentProgressService } from './commitment-progress.service';
import { TableActasService } from './table-actas.service';
import { TableBoardService } from './table-board.service';
import { TableConvocationService } from './table-convocation.service';
import { TableSessionReads } from './table-session-reads.service';
import { TableSessionsService } from './table-sessions.service';

/**
 * A table as a body of the meetings API (one set of paths for every body, issue 16 item 3): its sessions, their
 * actas and its commitments are handed to this module's services.
 */
@Injectable()
export class TableMeetingBody implements OnModuleInit {
  constructor(
    private readonly bodies: MeetingBodies,
    private readonly sessions: TableSessionsService,
    private readonly reads: TableSessionReads,
    private readonly convocation: TableConvocationService,
    private readonly actas: TableActasService,
    private readonly board: TableBoardService,
    private readonly progress: CommitmentProgressService,
  ) {}

  onModuleInit(): void {
    // the meetings and commitments API (one set of paths for every body) hands table sessions and commitments here
    this.bodies.register('table', {
      meetings: {
        get: async (actor, id, context) => {
          const { rights: _r, ...session } = await this.reads.get(actor, id, context);
          return session;
        },
        setAttendance: (actor, id, marks, context) => this.sessions.setAttendance(actor, id, marks, context),
        addAgendaItem: (actor, id, input, context) => this.sessions.addAgendaItem(actor, id, input, context),
        convene: (actor, id, context) => this.convocation.convene(actor, id, context),
        readMinutes: async (actor, id, context) => (await this.reads.get(actor, id, context)).minutes,
        saveMinutes: (actor, id, input, context) => this.actas.saveMinutes(actor, id, input, context),
        approve: (actor, id, context, version) => this.actas.approve(actor, id, context, version),
        pdfOf: (actor, id, context) => this.actas.pdfOf(actor, id, context),
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
