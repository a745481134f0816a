import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { formatDate } from '../common/format/dates';
import { ActaEngine, type ActaBody, type MinutesHead } from '../meetings/acta-engine';
import type { Meeting } from '../meetings/entities/meeting.entity';
import { MeetingRecords } from '../meetings/meeting-records.service';
import { MeetingsService, type AgendaEntry, type MeetingView } from '../meetings/meetings.service';
import type { BoardItem } from './board-rows';
import type { Mesa } from './entities/mesa.entity';
import { auditScopeOf, TableAccess, type TableRights } from './table-access.service';
import { TableException } from './tables.exception';

export interface SessionAttendance {
  participantId: string;
  name: string;
  role: string | null;
  institution: { id: string; name: string };
  status: 'present' | 'excused' | 'absent';
  mode: 'in_person' | 'online';
}

/** A commitment an acta records: the board's item without the board's counts. */
export type SessionCommitment = Pick<
  BoardItem,
  'id' | 'description' | 'owner' | 'axis' | 'dueOn' | 'status' | 'progress'
>;

export interface SessionMinutes extends MinutesHead {
  agreements: { number: number; text: string }[];
  commitments: SessionCommitment[];
  approvedAt: Date | null;
  approvedBy: string | null;
  verificationCode: string | null;
}

export interface SessionView extends MeetingView {
  tableId: string;
  convenedAt: Date | null;
  tableName: string;
  agenda: AgendaEntry[];
  attendance: SessionAttendance[];
  /** Table sessions have no quorum (API.md). */
  quorum: null;
  minutes: SessionMinutes;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a table session shows (issue 9, DOM-MTG-4, -5): the table's sessions, one session with its agenda (carrying
 * the table's open commitments), attendance per representative and its acta, read for the pages, the API, the
 * convocation and the acta's snapshot. Access is checked here: a session outside the caller's tables is a 404.
 */
@Injectable()
export class TableSessionReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TableAccess,
    private readonly meetings: MeetingsService,
    private readonly records: MeetingRecords,
    private readonly engine: ActaEngine,
    private readonly clock: Clock,
  ) {}

  /** The table's sessions: upcoming ones and the past ones (newest first), with each acta's state. */
  async sessionsOf(tableId: string): Promise<{
    upcoming: (MeetingView & { minutesStatus: string | null })[];
    past: (MeetingView & { minutesStatus: string | null; minutesNumber: number | null })[];
  }> {
    const rows: (Meeting & { minutesStatus: string | null; minutesNumber: number | null })[] =
      await this.dataSource.query(
        `SELECT m.id, m.association_id AS "associationId", m.table_id AS "tableId", m.series_id AS "seriesId", m.number, m.kind, m.starts_at AS "startsAt", m.time_zone AS "timeZone",
              m.place, m.online_url AS "onlineUrl", m.status, m.call, m.cancelled_reason AS "cancelledReason", m.sequence, m.convened_at AS "convenedAt", m.version,
              mi.status AS "minutesStatus", mi.number AS "minutesNumber"
         FROM meeting m LEFT JOIN minutes mi ON mi.meeting_id = m.id AND mi.version > 0
        WHERE m.table_id = $1 ORDER BY m.starts_at DESC LIMIT 500`,
        [tableId],
      );
    rows.reverse(); // the latest 500, in date order
    const now = this.clock.now();
    const views = rows.map((r) => ({
      ...this.meetings.view({ ...r, startsAt: new Date(r.startsAt) }),
      minutesStatus: r.minutesStatus,
      minutesNumber: r.minutesNumber,
    }));
    return { upcoming: views.filter((m) => m.startsAt >= now), past: views.filter((m) => m.startsAt < now).reverse() };
  }

  /** A session of a table the actor may see (404 otherwise), with the table and the actor's rights (403 without `right`). */
  async load(
    actor: Actor,
    meetingId: string,
    right: keyof TableRights,
    context: AuditContext,
  ): Promise<{ meeting: Meeting; table: Mesa; rights: TableRights }> {
    const meeting = UUID.test(meetingId) ? await this.records.find(meetingId) : null;
    if (!meeting?.tableId) throw TableException.notFound();
    const { table, rights } = await this.access.load(actor, meeting.tableId, right, context);
    return { meeting, table, rights };
  }

  /** GET /api/v1/meetings/:id for a session: agenda, attendance per representative, no quorum, the acta. */
  async get(actor: Actor, meetingId: string, context: AuditContext): Promise<SessionView & { rights: TableRights }> {
    const { meeting, table, rights } = await this.load(actor, meetingId, 'read', context);
    return { ...(await this.view(meeting, table)), rights };
  }

  async view(meeting: Meeting, table: Mesa, em?: EntityManager): Promise<SessionView> {
    return {
      ...this.meetings.view(meeting),
      tableId: table.id,
      convenedAt: meeting.convenedAt,
      tableName: table.name,
      agenda: await this.agenda(meeting, em),
      attendance: await this.attendanceOf(meeting, em),
      quorum: null,
      minutes: await this.minutesOf(meeting, em),
    };
  }

  /**
   * DOM-MTG-4 for tables: the approval of the previous session's acta, every commitment of earlier sessions still
   * open when this one starts (closed later counts as open then), then the coordinator's own items.
   */
  async agenda(meeting: Meeting, em?: EntityManager): Promise<AgendaEntry[]> {
    const [row] = await (em ?? this.dataSource.manager).query(
      `SELECT
         (SELECT p.starts_at FROM meeting p WHERE p.table_id = $2 AND p.starts_at < $3 AND p.status <> 'cancelled' ORDER BY p.starts_at DESC LIMIT 1) AS previous,
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'description', c.description, 'owner', coalesce(tp.name || ' (' || ti.name || ')', oi.name), 'dueOn', c.due_on) ORDER BY c.due_on, o.starts_at, c.position), '[]')
            FROM commitment c JOIN meeting o ON o.id = c.origin_meeting_id
            LEFT JOIN table_participant tp ON tp.id = c.owner_participant_id LEFT JOIN institution ti ON ti.id = tp.institution_id
            LEFT JOIN institution oi ON oi.id = c.owner_institution_id
           WHERE c.table_id = $2 AND (c.status IN ('open', 'in_progress') OR c.closed_at > $3) AND o.starts_at < $3) AS carried,
         (SELECT coalesce(json_agg(json_build_object('id', i.id, 'title', i.title) ORDER BY i.position, i.created_at), '[]')
            FROM agenda_item i WHERE i.meeting_id = $1 AND i.source = 'manual') AS manual`,
      [meeting.id, meeting.tableId, meeting.startsAt],
    );
    const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
    const entries: Omit<AgendaEntry, 'position'>[] = [];
    if (row.previous)
      entries.push({
        title: `Lectura y aprobación del acta de la sesión del ${formatDate(new Date(row.previous), meeting.timeZone)}`,
        source: 'previous_minutes',
      });
    for (const c of parse<{ id: string; description: string; owner: string | null; dueOn: string | null }[]>(
      row.carried,
    )) {
      entries.push({
        title: c.description,
        detail: `Compromiso pendiente (${c.owner ?? 'sin responsable'}${c.dueOn ? `, plazo ${formatDate(c.dueOn)}` : ''})`,
        source: 'carried_commitment',
        commitmentId: c.id,
      });
    }
    for (const item of parse<{ id: string; title: string }[]>(row.manual))
      entries.push({ title: item.title, source: 'manual', itemId: item.id });
    return entries.map((e, i) => ({ position: i + 1, ...e }));
  }

  /** The table's representatives on the session's date (still sitting then) with their attendance. */
  attendanceOf(meeting: Meeting, em?: EntityManager): Promise<SessionAttendance[]> {
    return (em ?? this.dataSource.manager)
      .query(
        `SELECT p.id AS "participantId", p.name, p.role, json_build_object('id', i.id, 'name', i.name) AS institution,
                coalesce(a.status, 'absent') AS status, coalesce(a.mode, 'in_person') AS mode
           FROM table_participant p JOIN institution i ON i.id = p.institution_id
           LEFT JOIN attendance a ON a.meeting_id = $1 AND a.participant_id = p.id
          WHERE p.table_id = $2 AND (p.left_at IS NULL OR p.left_at > $3 OR a.id IS NOT NULL)
          ORDER BY i.name_key, p.name, p.id`,
        [meeting.id, meeting.tableId, meeting.startsAt],
      )
      .then((rows: (SessionAttendance & { institution: unknown })[]) =>
        rows.map((r) => ({
          ...r,
          institution: (typeof r.institution === 'string'
            ? JSON.parse(r.institution)
            : r.institution) as SessionAttendance['institution'],
        })),
      );
  }

  async minutesOf(meeting: Meeting, em?: EntityManager): Promise<SessionMinutes> {
    const minutes = await this.records.minutesOf(meeting.id, em);
    const approved = minutes?.status === 'approved';
    const head = await this.engine.head(minutes, meeting, this.bodyOf(meeting), em);
    const agreements = minutes
      ? (await this.records.agreementsOf(minutes.id, em)).map((a) => ({ number: a.number, text: a.text }))
      : [];
    const code = approved && minutes.documentId ? await this.records.verificationCodeOf(minutes.documentId, em) : null;
    return {
      ...head,
      agreements,
      commitments: await this.commitmentsOf(meeting.id, em),
      approvedAt: minutes?.approvedAt ?? null,
      approvedBy: minutes?.approverName ?? null,
      verificationCode: code,
    };
  }

  commitmentsOf(meetingId: string, em?: EntityManager): Promise<SessionCommitment[]> {
    return (em ?? this.dataSource.manager)
      .query(
        `SELECT c.id, c.description, to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.status, c.progress,
                json_build_object('kind', c.owner_kind, 'id', coalesce(c.owner_participant_id, c.owner_institution_id), 'name', coalesce(tp.name, i.name), 'institutionId', i.id, 'institutionName', i.name) AS owner,
                CASE WHEN ax.id IS NULL THEN NULL ELSE json_build_object('id', ax.id, 'name', ax.name) END AS axis
           FROM commitment c JOIN institution i ON i.id = c.owner_institution_id
           LEFT JOIN table_participant tp ON tp.id = c.owner_participant_id LEFT JOIN table_axis ax ON ax.id = c.axis_id
          WHERE c.origin_meeting_id = $1 ORDER BY c.position, c.created_at`,
        [meetingId],
      )
      .then((rows: SessionCommitment[]) =>
        rows.map((r) => ({
          ...r,
          owner: typeof r.owner === 'string' ? JSON.parse(r.owner) : r.owner,
          axis: typeof r.axis === 'string' ? JSON.parse(r.axis) : r.axis,
        })),
      );
  }

  /** The table as a body of the acta engine: one book, "sesión" in its messages. */
  bodyOf(meeting: Pick<Meeting, 'tableId'>, table?: Pick<Mesa, 'communeCode'>): ActaBody {
    return {
      ref: { associationId: null, tableId: meeting.tableId },
      book: 'assembly',
      meetingWord: 'sesión',
      amendments: false,
      auditScope: table ? auditScopeOf(table) : { scopeType: 'platform', scopeId: undefined },
    };
  }
}
