import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TableException } from './tables.exception';
import { tableTexts } from './tables.messages';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { FieldError } from '../common/errors/domain.exception';
import type { Approval } from '../meetings/acta-engine';
import type { ActaInput } from '../meetings/acta-parser';
import type { Meeting } from '../meetings/entities/meeting.entity';
import { MeetingsService, type AgendaEntry, type MeetingView } from '../meetings/meetings.service';
import { type CreatedSeries, MeetingRecords, type SeriesInput } from '../meetings/meeting-records.service';
import type { Mesa } from './entities/mesa.entity';
import { TableActasService } from './table-actas.service';
import {
  TableSessionReads,
  type SessionAttendance,
  type SessionMinutes,
  type SessionView,
} from './table-session-reads.service';
import {
  auditScopeOf,
  TableAccess,
  type TableRights,
  tableAuditEntry,
  sessionAuditEntry,
} from './table-access.service';
import { requiredText } from '../meetings/meeting-input';

export type { SessionAttendance, SessionCommitment, SessionMinutes, SessionView } from './table-session-reads.service';

/** The shape of one attendance mark, as the refusals name it. */
const MARK_SHAPE = '{ participantId, status, mode }';

/**
 * Sessions of a table (issue 9, DOM-TBL-1, DOM-MTG-4, -8, -9): meetings with `table_id`, their agenda items and
 * attendance per representative (in person or online). What a session shows is read by TableSessionReads; its
 * convocation is TableConvocationService's and its acta TableActasService's (the start-up demo and the body port
 * still reach the acta here).
 */
@Injectable()
export class TableSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TableAccess,
    private readonly meetings: MeetingsService,
    private readonly records: MeetingRecords,
    private readonly audit: AuditService,
    private readonly reads: TableSessionReads,
    private readonly actas: TableActasService,
  ) {}

  /** POST /api/v1/tables/:id/meetings: one session; a date in the past records a session already held. */
  async createSession(
    actor: Actor,
    tableId: string,
    input: { localStart?: string; timeZone?: string; kind?: string; place?: string; onlineUrl?: string },
    context: AuditContext,
  ): Promise<MeetingView> {
    const { table } = await this.access.load(actor, tableId, 'manage', context);
    if (input?.kind !== undefined && input.kind !== 'table_session')
      throw TableException.field('kind', tableTexts.sessionKind());
    const meeting = await this.records.createMeeting(
      { tableId: table.id },
      {
        kind: 'table_session',
        localStart: input?.localStart,
        timeZone: input?.timeZone?.trim() || table.timeZone,
        place: input?.place,
        onlineUrl: input?.onlineUrl,
        call: 'first',
      },
      actor.id,
      context,
      {
        action: 'table.session_created',
        ...auditScopeOf(table),
        details: { tableId: table.id },
      },
    );
    return this.meetings.view(meeting);
  }

  /** POST /api/v1/tables/:id/meeting-series: a series of sessions (at most 200) in the table's time zone. */
  async createSeries(actor: Actor, tableId: string, input: SeriesInput, context: AuditContext): Promise<CreatedSeries> {
    const { table } = await this.access.load(actor, tableId, 'manage', context);
    return this.records.createSeries(
      { tableId: table.id },
      'table_session',
      input,
      table.timeZone,
      actor.id,
      context,
      tableAuditEntry(table, 'table.series_created'),
    );
  }

  /** The table's sessions: upcoming ones and the past ones (newest first), with each acta's state. */
  sessionsOf(tableId: string): ReturnType<TableSessionReads['sessionsOf']> {
    return this.reads.sessionsOf(tableId);
  }

  /** A session of a table the actor may see (404 otherwise), with the table and the actor's rights (403 without `right`). */
  load(
    actor: Actor,
    meetingId: string,
    right: keyof TableRights,
    context: AuditContext,
  ): Promise<{ meeting: Meeting; table: Mesa; rights: TableRights }> {
    return this.reads.load(actor, meetingId, right, context);
  }

  /** GET /api/v1/meetings/:id for a session: agenda, attendance per representative, no quorum, the acta. */
  get(actor: Actor, meetingId: string, context: AuditContext): Promise<SessionView & { rights: TableRights }> {
    return this.reads.get(actor, meetingId, context);
  }

  /** DOM-MTG-4 for tables: the agenda of a session (TableSessionReads.agenda). */
  agenda(meeting: Meeting, em?: EntityManager): Promise<AgendaEntry[]> {
    return this.reads.agenda(meeting, em);
  }

  /** An item of the coordinator on the session's agenda (last). */
  async addAgendaItem(
    actor: Actor,
    meetingId: string,
    input: { title?: string },
    context: AuditContext,
  ): Promise<{ agenda: AgendaEntry[] }> {
    const { meeting, table } = await this.reads.load(actor, meetingId, 'manage', context);
    if (meeting.status === 'cancelled') throw TableException.rule('MEETING_CANCELLED', tableTexts.agendaCancelled());
    await this.assertMinutesOpen(meeting);
    const title = requiredText(input?.title, 'title', 300);
    await this.dataSource.transaction(async (em) => {
      await this.records.appendAgendaItem(meeting.id, title, actor.id, em);
      await this.audit.record(context, sessionAuditEntry(table, meeting.id, 'table.agenda_item_added'), em);
    });
    return { agenda: await this.reads.agenda(meeting) };
  }

  /** PUT /api/v1/meetings/:id/attendance for a session: `[{ participantId, status, mode? }]`; others keep theirs. */
  async setAttendance(
    actor: Actor,
    meetingId: string,
    marks: { participantId?: string; memberId?: string; status?: string; mode?: string }[],
    context: AuditContext,
  ): Promise<{ quorum: null; attendance: SessionAttendance[] }> {
    const { meeting, table } = await this.reads.load(actor, meetingId, 'manage', context);
    if (meeting.status === 'cancelled')
      throw TableException.rule('MEETING_CANCELLED', tableTexts.attendanceCancelled());
    await this.assertMinutesOpen(meeting);
    if (!Array.isArray(marks) || !marks.length)
      throw TableException.field('attendance', tableTexts.attendanceEmpty({ shape: MARK_SHAPE }));
    const sitting = new Set((await this.reads.attendanceOf(meeting)).map((a) => a.participantId));
    const errors: FieldError[] = [];
    const rows: { participantId: string; status: string; mode: string }[] = [];
    marks.slice(0, 500).forEach((m, i) => {
      const at = `[${i}]`;
      if (!m || typeof m !== 'object')
        return errors.push(TableException.fieldError(at, tableTexts.attendanceNotObject({ at, shape: MARK_SHAPE })));
      if (m.memberId !== undefined)
        return errors.push(TableException.fieldError(`${at}.memberId`, tableTexts.attendanceByMember()));
      if (typeof m.participantId !== 'string' || !sitting.has(m.participantId))
        return errors.push(
          TableException.fieldError(`${at}.participantId`, tableTexts.notRepresentative({ at: `${at}.participantId` })),
        );
      if (!['present', 'excused', 'absent'].includes(m.status ?? ''))
        errors.push(TableException.fieldError(`${at}.status`, tableTexts.attendanceStatus({ at: `${at}.status` })));
      const mode = m.mode === undefined || m.mode === '' ? 'in_person' : m.mode;
      if (!['in_person', 'online'].includes(mode))
        errors.push(TableException.fieldError(`${at}.mode`, tableTexts.attendanceMode({ at: `${at}.mode` })));
      if (rows.some((r) => r.participantId === m.participantId))
        errors.push(
          TableException.fieldError(`${at}.participantId`, tableTexts.listedTwice({ at: `${at}.participantId` })),
        );
      rows.push({ participantId: m.participantId, status: m.status as string, mode });
    });
    if (errors.length) throw TableException.invalid(errors.slice(0, 50));
    await this.dataSource.transaction(async (em) => {
      await this.records.setParticipantAttendance(meeting.id, rows, actor.id, em);
      await this.audit.record(
        context,
        sessionAuditEntry(table, meeting.id, 'table.attendance_set', { marked: rows.length }),
        em,
      );
    });
    return { quorum: null, attendance: await this.reads.attendanceOf(meeting) };
  }

  /** PUT /api/v1/meetings/:id/minutes for a session (TableActasService.saveMinutes). */
  saveMinutes(actor: Actor, meetingId: string, input: ActaInput, context: AuditContext): Promise<SessionMinutes> {
    return this.actas.saveMinutes(actor, meetingId, input, context);
  }

  /** POST /api/v1/meetings/:id/minutes/approve for a session (TableActasService.approve). */
  approve(actor: Actor, meetingId: string, context: AuditContext, version?: number): Promise<Approval> {
    return this.actas.approve(actor, meetingId, context, version);
  }

  private assertMinutesOpen(meeting: Meeting): Promise<void> {
    return this.records.assertMinutesOpen(meeting, 'sesión');
  }
}
