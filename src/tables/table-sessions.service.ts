import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TableException } from './tables.exception';
import { tableTexts } from './tables.messages';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { FieldError } from '../common/errors/domain.exception';
import { DomainException } from '../common/errors/domain.exception';
import { formatDate, formatTime, formatWeekday, localDate } from '../common/format/dates';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DocumentStore } from '../documents/document-store.service';
import { MailService } from '../mail/mail.service';
import type { ActaSnapshot } from '../meetings/acta';
import {
  ActaEngine,
  type ActaBody,
  type ActaInput,
  type Approval,
  type CommitmentRules,
  type ParsedActa,
} from '../meetings/acta-engine';
import type { Meeting } from '../meetings/entities/meeting.entity';
import type { MinutesItem } from '../meetings/entities/minutes.entity';
import { MeetingsService, type AgendaEntry, type MeetingView } from '../meetings/meetings.service';
import { type CreatedSeries, MeetingRecords, type SeriesInput } from '../meetings/meeting-records.service';
import type { Mesa } from './entities/mesa.entity';
import { auditScopeOf, TablesService, type TableRights } from './tables.service';
import { requiredText } from '../meetings/meeting-input';

export interface SessionAttendance {
  participantId: string;
  name: string;
  role: string | null;
  institution: { id: string; name: string };
  status: 'present' | 'excused' | 'absent';
  mode: 'in_person' | 'online';
}

export interface SessionCommitment {
  id: string;
  description: string;
  owner: {
    kind: 'participant' | 'institution';
    id: string;
    name: string;
    institutionId: string;
    institutionName: string;
  };
  axis: { id: string; name: string } | null;
  dueOn: string;
  status: 'open' | 'in_progress' | 'done' | 'cancelled';
  progress: number;
}

export interface SessionMinutes {
  id: string | null;
  status: 'draft' | 'approved';
  version: number;
  number: number;
  provisionalNumber: boolean;
  items: MinutesItem[];
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

/** The shape of one attendance mark, as the refusals name it. */
const MARK_SHAPE = '{ participantId, status, mode }';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Items: one per agenda point, and an agenda carries every open commitment (their descriptions are the titles). */
const LIMITS = { items: 500, agreements: 100, commitments: 300, title: 10_000, text: 10_000 };
const KIND_ES: Record<Mesa['kind'], string> = {
  security: 'Mesa de seguridad',
  productive_development: 'Mesa de desarrollo productivo y turismo',
  other: 'Mesa de trabajo',
};
const SCOPE_ES: Record<Mesa['scopeLevel'], string> = { commune: 'comunal', province: 'provincial', region: 'regional' };
/** A table session lasts this long in calendars. */
const CALENDAR_MINUTES = 120;

/**
 * Sessions of a table (issue 9, DOM-TBL-1, DOM-MTG-4, -8, -9): meetings with `table_id`, attendance per
 * representative (in person or online), an agenda that carries the table's open commitments, and the acta:
 * notes, agreements and commitments owned by a representative or an institution at the table, approved by the
 * coordinator into the table's own numbered and chained book, issued as a PDF with a verification code.
 */
@Injectable()
export class TableSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tables: TablesService,
    private readonly meetings: MeetingsService,
    private readonly records: MeetingRecords,
    private readonly engine: ActaEngine,
    private readonly documents: DocumentStore,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** POST /api/v1/tables/:id/meetings: one session; a date in the past records a session already held. */
  async createSession(
    actor: Actor,
    tableId: string,
    input: { localStart?: string; timeZone?: string; kind?: string; place?: string; onlineUrl?: string },
    context: AuditContext,
  ): Promise<MeetingView> {
    const { table } = await this.tables.load(actor, tableId, 'manage', context);
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
        ...this.scopeOf(table),
        details: { tableId: table.id },
      },
    );
    return this.meetings.view(meeting);
  }

  /** POST /api/v1/tables/:id/meeting-series: a series of sessions (at most 200) in the table's time zone. */
  async createSeries(actor: Actor, tableId: string, input: SeriesInput, context: AuditContext): Promise<CreatedSeries> {
    const { table } = await this.tables.load(actor, tableId, 'manage', context);
    return this.records.createSeries({ tableId: table.id }, 'table_session', input, table.timeZone, actor.id, context, {
      action: 'table.series_created',
      objectType: 'table',
      objectId: table.id,
      ...this.scopeOf(table),
    });
  }

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
    const { table, rights } = await this.tables.load(actor, meeting.tableId, right, context);
    return { meeting, table, rights };
  }

  /** GET /api/v1/meetings/:id for a session: agenda, attendance per representative, no quorum, the acta. */
  async get(actor: Actor, meetingId: string, context: AuditContext): Promise<SessionView & { rights: TableRights }> {
    const { meeting, table, rights } = await this.load(actor, meetingId, 'read', context);
    return { ...(await this.view(meeting, table)), rights };
  }

  private async view(meeting: Meeting, table: Mesa, em?: EntityManager): Promise<SessionView> {
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

  /** An item of the coordinator on the session's agenda (last). */
  async addAgendaItem(
    actor: Actor,
    meetingId: string,
    input: { title?: string },
    context: AuditContext,
  ): Promise<{ agenda: AgendaEntry[] }> {
    const { meeting, table } = await this.load(actor, meetingId, 'manage', context);
    if (meeting.status === 'cancelled') throw TableException.rule('MEETING_CANCELLED', tableTexts.agendaCancelled());
    await this.assertMinutesOpen(meeting);
    const title = requiredText(input?.title, 'title', 300);
    await this.dataSource.transaction(async (em) => {
      await this.records.appendAgendaItem(meeting.id, title, actor.id, em);
      await this.audit.record(
        context,
        { action: 'table.agenda_item_added', objectType: 'meeting', objectId: meeting.id, ...this.scopeOf(table) },
        em,
      );
    });
    return { agenda: await this.agenda(meeting) };
  }

  /** The table's representatives on the session's date (still sitting then) with their attendance. */
  private attendanceOf(meeting: Meeting, em?: EntityManager): Promise<SessionAttendance[]> {
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

  /** PUT /api/v1/meetings/:id/attendance for a session: `[{ participantId, status, mode? }]`; others keep theirs. */
  async setAttendance(
    actor: Actor,
    meetingId: string,
    marks: { participantId?: string; memberId?: string; status?: string; mode?: string }[],
    context: AuditContext,
  ): Promise<{ quorum: null; attendance: SessionAttendance[] }> {
    const { meeting, table } = await this.load(actor, meetingId, 'manage', context);
    if (meeting.status === 'cancelled')
      throw TableException.rule('MEETING_CANCELLED', tableTexts.attendanceCancelled());
    await this.assertMinutesOpen(meeting);
    if (!Array.isArray(marks) || !marks.length)
      throw TableException.field('attendance', tableTexts.attendanceEmpty({ shape: MARK_SHAPE }));
    const sitting = new Set((await this.attendanceOf(meeting)).map((a) => a.participantId));
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
        {
          action: 'table.attendance_set',
          objectType: 'meeting',
          objectId: meeting.id,
          ...this.scopeOf(table),
          details: { marked: rows.length },
        },
        em,
      );
    });
    return { quorum: null, attendance: await this.attendanceOf(meeting) };
  }

  /** POST /api/v1/meetings/:id/convene for a session: the notice with its invitation to every representative with an e-mail. */
  async convene(
    actor: Actor,
    meetingId: string,
    context: AuditContext,
  ): Promise<{ queued: number; withoutEmail: string[] }> {
    const { meeting, table } = await this.load(actor, meetingId, 'manage', context);
    if (meeting.status !== 'scheduled' || meeting.startsAt < this.clock.now())
      throw TableException.rule('MEETING_NOT_SCHEDULED', tableTexts.conveneNotScheduled());
    const attendance = await this.attendanceOf(meeting);
    const agenda = await this.agenda(meeting);
    const host = new URL(this.config.publicUrl).hostname;
    const event = {
      uid: `meeting-${meeting.id}@${host}`,
      title: `Sesión: ${table.name}`,
      description: meeting.onlineUrl ? `En línea: ${meeting.onlineUrl}` : undefined,
      location: meeting.place,
      start: meeting.startsAt,
      end: new Date(meeting.startsAt.getTime() + CALENDAR_MINUTES * 60_000),
      sequence: meeting.sequence,
      status: 'CONFIRMED' as const,
    };
    const emails: Map<string, string | null> = new Map(
      (
        await this.dataSource.query(
          `SELECT id, nullif(trim(email), '') AS email FROM table_participant WHERE table_id = $1`,
          [table.id],
        )
      ).map((r: { id: string; email: string | null }) => [r.id, r.email]),
    );
    const mailContext = {
      tableName: table.name,
      date: `${formatWeekday(meeting.startsAt, meeting.timeZone)} ${formatDate(meeting.startsAt, meeting.timeZone)}`,
      time: formatTime(meeting.startsAt, meeting.timeZone),
      place: meeting.place,
      onlineUrl: meeting.onlineUrl,
      agenda: agenda.map((a) => a.title),
    };
    const withoutEmail: string[] = [];
    let queued = 0;
    await this.dataSource.transaction(async (em) => {
      for (const p of attendance) {
        const email = emails.get(p.participantId);
        if (!email) {
          withoutEmail.push(`${p.name} (${p.institution.name})`);
          continue;
        }
        // once per representative and version of the session (a moved session is convened again)
        const sent = await this.mail
          .enqueue(
            {
              template: 'table-convocation',
              to: { address: email, name: p.name },
              context: mailContext,
              dedupeKey: `table-session:${meeting.id}:seq${meeting.sequence}:participant:${p.participantId}`,
              calendarEvent: event,
            },
            em,
          )
          .catch((err: unknown) => {
            if (err instanceof DomainException && err.code === 'INVALID_EMAIL') return false;
            throw err;
          });
        if (sent) queued++;
      }
      await this.records.markConvened(meeting.id, actor.id, this.clock.now(), em);
      await this.audit.record(
        context,
        {
          action: 'table.session_convened',
          objectType: 'meeting',
          objectId: meeting.id,
          ...this.scopeOf(table),
          details: { queued, withoutEmail: withoutEmail.length },
        },
        em,
      );
    });
    return { queued, withoutEmail };
  }

  private async minutesOf(meeting: Meeting, em?: EntityManager): Promise<SessionMinutes> {
    const minutes = await this.records.minutesOf(meeting.id, em);
    const approved = minutes?.status === 'approved';
    const number = await this.engine.numberOf(minutes, this.bodyOf(meeting), em);
    const agreements = minutes
      ? (await this.records.agreementsOf(minutes.id, em)).map((a) => ({ number: a.number, text: a.text }))
      : [];
    const code = approved && minutes.documentId ? await this.records.verificationCodeOf(minutes.documentId, em) : null;
    return {
      id: minutes?.id ?? null,
      status: approved ? 'approved' : 'draft',
      version: minutes?.version ?? 0,
      number,
      provisionalNumber: !approved,
      items: minutes?.items ?? [],
      agreements,
      commitments: await this.commitmentsOf(meeting.id, em),
      approvedAt: minutes?.approvedAt ?? null,
      approvedBy: minutes?.approverName ?? null,
      verificationCode: code,
    };
  }

  private commitmentsOf(meetingId: string, em?: EntityManager): Promise<SessionCommitment[]> {
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

  /**
   * PUT /api/v1/meetings/:id/minutes for a session, through the acta engine: notes per agenda point, agreements
   * (by consensus: a table does not vote as an assembly does) and commitments, each owned by a representative or
   * an institution sitting at the table (DOM-MTG-8), with an axis and a due date.
   */
  async saveMinutes(actor: Actor, meetingId: string, input: ActaInput, context: AuditContext): Promise<SessionMinutes> {
    const { meeting, table } = await this.load(actor, meetingId, 'manage', context);
    const body = this.bodyOf(meeting, table);
    this.engine.assertNotCancelled(meeting, body);
    const parsed = await this.parse(input ?? {}, meeting, table);
    // the table's row first, as every writer of its board does (the commitments' triggers raise its board_version)
    await this.engine.saveDraft(actor, meeting, body, parsed, context, async (em) => {
      await em.query(`SELECT id FROM mesa WHERE id = $1 FOR UPDATE`, [table.id]);
    });
    return this.minutesOf(meeting);
  }

  /** The table as a body of the acta engine: one book, "sesión" in its messages. */
  private bodyOf(meeting: Pick<Meeting, 'tableId'>, table?: Pick<Mesa, 'communeCode'>): ActaBody {
    return {
      ref: { associationId: null, tableId: meeting.tableId },
      book: 'assembly',
      meetingWord: 'sesión',
      amendments: false,
      auditScope: table ? this.scopeOf(table) : { scopeType: 'platform', scopeId: undefined },
    };
  }

  /** DOM-MTG-8 for tables: a commitment is owed by a representative or an institution sitting at the table, with an optional axis of the table. */
  private async parse(input: ActaInput, meeting: Meeting, table: Mesa): Promise<ParsedActa> {
    const [participants, axes, current] = await Promise.all([
      this.dataSource.query(`SELECT id, institution_id AS "institutionId" FROM table_participant WHERE table_id = $1`, [
        table.id,
      ]) as Promise<{ id: string; institutionId: string }[]>,
      this.dataSource.query(`SELECT id FROM table_axis WHERE table_id = $1`, [table.id]) as Promise<{ id: string }[]>,
      this.dataSource.query(`SELECT id FROM commitment WHERE origin_meeting_id = $1`, [meeting.id]) as Promise<
        { id: string }[]
      >,
    ]);
    const institutionOf = new Map(participants.map((p) => [p.id, p.institutionId]));
    const institutions = new Set(participants.map((p) => p.institutionId));
    const axisIds = new Set(axes.map((a) => a.id));
    const commitments: CommitmentRules = {
      keys: ['ownerParticipantId', 'ownerInstitutionId', 'axisId'],
      limit: LIMITS.commitments,
      resolve: (c, i, at, errors) => {
        const participantId =
          typeof c.ownerParticipantId === 'string' && c.ownerParticipantId.trim() ? c.ownerParticipantId.trim() : null;
        const institutionId =
          typeof c.ownerInstitutionId === 'string' && c.ownerInstitutionId.trim() ? c.ownerInstitutionId.trim() : null;
        const axisId = typeof c.axisId === 'string' && c.axisId.trim() ? c.axisId.trim() : null;
        if (axisId && !axisIds.has(axisId))
          errors.push(TableException.fieldError(`${at}.axisId`, tableTexts.axisNotOfTable({ at: `${at}.axisId` })));
        const owner = { ownerMembershipId: null, ownerName: null, axisId };
        if ((participantId ? 1 : 0) + (institutionId ? 1 : 0) !== 1) {
          errors.push(
            TableException.fieldError(`${at}.ownerInstitutionId`, tableTexts.commitmentOneOwner({ n: i + 1 })),
          );
          return { ...owner, ownerKind: 'institution', ownerParticipantId: null, ownerInstitutionId: null };
        }
        if (participantId) {
          if (!institutionOf.has(participantId))
            errors.push(
              TableException.fieldError(
                `${at}.ownerParticipantId`,
                tableTexts.notRepresentative({ at: `${at}.ownerParticipantId` }),
              ),
            );
          // the representative's institution owns it too: the board counts it for that institution
          return {
            ...owner,
            ownerKind: 'participant',
            ownerParticipantId: participantId,
            ownerInstitutionId: institutionOf.get(participantId) ?? null,
          };
        }
        if (!institutions.has(institutionId as string))
          errors.push(
            TableException.fieldError(
              `${at}.ownerInstitutionId`,
              tableTexts.ownerInstitutionNotAtTable({ at: `${at}.ownerInstitutionId` }),
            ),
          );
        return { ...owner, ownerKind: 'institution', ownerParticipantId: null, ownerInstitutionId: institutionId };
      },
    };
    return this.engine.parse(input, {
      agreements: { kind: 'consensus' },
      commitments,
      currentCommitmentIds: new Set(current.map((c) => c.id)),
      amendable: null,
    });
  }

  /**
   * POST /api/v1/meetings/:id/minutes/approve for a session: the coordinator approves it through the acta engine
   * into the table's book (next number, snapshot, SHA-256 chained to the previous acta, PDF with a verification
   * code), in session order. The triggers of the minutes then refuse any change.
   */
  async approve(actor: Actor, meetingId: string, context: AuditContext, version?: number): Promise<Approval> {
    const { meeting, table } = await this.load(actor, meetingId, 'manage', context);
    return this.engine.approve(
      actor,
      meeting,
      this.bodyOf(meeting, table),
      {
        snapshot: (em) => this.snapshot(meeting, table, actor.name, em),
        agreements: (stored) => stored,
        approverPosition: () => Promise.resolve('Coordinación de la mesa'),
        positionLabel: () => 'coordinación de la mesa',
        timeZone: table.timeZone,
        communeCode: table.communeCode,
        subject: (number) =>
          `Acta N° ${number} de ${table.name}, sesión del ${formatDate(meeting.startsAt, meeting.timeZone)}`,
        filename: (number) => `Acta-mesa-${number}-${localDate(meeting.startsAt, meeting.timeZone)}.pdf`,
      },
      context,
      version,
    );
  }

  /** GET /api/v1/meetings/:id/minutes.pdf for a session: the issued PDF once approved, else a BORRADOR rendered now (participants read drafts too). */
  async pdfOf(actor: Actor, meetingId: string, context: AuditContext): Promise<{ filename: string; content: Buffer }> {
    const { meeting, table } = await this.load(actor, meetingId, 'read', context);
    const minutes = await this.records.minutesOf(meeting.id);
    if (minutes?.status === 'approved' && minutes.documentId) {
      const stored = await this.documents.content(minutes.documentId);
      return { filename: stored.filename, content: stored.content };
    }
    // the institutions at the table read the draft before it is approved (it says BORRADOR on every page)
    this.engine.assertNotCancelled(meeting, this.bodyOf(meeting, table));
    const view = await this.minutesOf(meeting);
    const agreements = minutes ? await this.records.agreementsOf(minutes.id) : [];
    const content = {
      snapshot: await this.snapshot(meeting, table, null),
      items: view.items,
      agreements,
      number: view.number,
    };
    return {
      filename: `Borrador-acta-mesa-${localDate(meeting.startsAt, meeting.timeZone)}.pdf`,
      content: await this.engine.renderDraft(content),
    };
  }

  /** What the acta states, frozen at approval: representatives and their attendance, agenda, commitments, next session. */
  private async snapshot(
    meeting: Meeting,
    table: Mesa,
    approver: string | null,
    em?: EntityManager,
  ): Promise<ActaSnapshot> {
    const m = em ?? this.dataSource.manager;
    const [attendance, agenda, commitments, scope] = [
      await this.attendanceOf(meeting, em),
      await this.agenda(meeting, em),
      await this.commitmentsOf(meeting.id, em),
      await this.scopeName(table, m),
    ];
    const [next] = await m.query(
      `SELECT starts_at AS "startsAt", time_zone AS "timeZone", place FROM meeting WHERE table_id = $1 AND starts_at > $2 AND status <> 'cancelled' ORDER BY starts_at LIMIT 1`,
      [table.id, meeting.startsAt],
    );
    return {
      organisation: {
        name: table.name,
        rut: null,
        kindLabel: `${KIND_ES[table.kind]} ${SCOPE_ES[table.scopeLevel]}`,
        communeName: scope,
      },
      meeting: {
        kindLabel: 'Sesión de la mesa',
        date: formatDate(meeting.startsAt, meeting.timeZone),
        weekday: formatWeekday(meeting.startsAt, meeting.timeZone),
        time: formatTime(meeting.startsAt, meeting.timeZone),
        place: meeting.place,
        onlineUrl: meeting.onlineUrl,
        timeZone: meeting.timeZone,
        call: 'first',
      },
      attendance: attendance.map((a) => ({
        name: `${a.name} (${a.institution.name})`,
        status: a.status,
        mode: a.mode,
      })),
      quorum: null,
      agenda: agenda.map((a) => ({ position: a.position, title: a.title })),
      commitments: commitments.map((c) => ({
        description: c.description,
        ownerKind: c.owner.kind,
        owner: c.owner.kind === 'participant' ? `${c.owner.name} (${c.owner.institutionName})` : c.owner.name,
        dueOn: c.dueOn,
      })),
      nextMeeting: next
        ? {
            date: formatDate(new Date(next.startsAt), next.timeZone),
            time: formatTime(new Date(next.startsAt), next.timeZone),
            place: next.place,
          }
        : null,
      signers: { president: approver, secretary: null, labels: ['Coordinación de la mesa', 'Secretaría técnica'] },
      amendments: [],
    };
  }

  private async scopeName(table: Mesa, m: EntityManager): Promise<string> {
    const source = table.scopeLevel === 'commune' ? 'commune' : table.scopeLevel === 'province' ? 'province' : 'region';
    const [row] = await m.query(`SELECT name FROM ${source} WHERE code = $1`, [table.scopeCode]);
    return row?.name ?? table.scopeCode;
  }

  private assertMinutesOpen(meeting: Meeting): Promise<void> {
    return this.records.assertMinutesOpen(meeting, 'sesión');
  }

  scopeOf(table: Pick<Mesa, 'communeCode'>): { scopeType: 'commune' | 'platform'; scopeId: string | undefined } {
    return auditScopeOf(table);
  }
}
