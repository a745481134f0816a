import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MeetingException } from './meetings.exception';
import { ATTENDANCE_SHAPE, meetingTexts } from './meetings.messages';
import { type AssociationMeetingRights, MeetingBodies, type MeetingAssociation } from './meeting-bodies';
import { MeetingsCalendar } from './meetings-calendar';
import { type CreatedSeries, MeetingRecords, type SeriesInput } from './meeting-records.service';

export type { SeriesInput } from './meeting-records.service';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { FieldError } from '../common/errors/domain.exception';
import { formatDate, formatTime, instantFromLocal, localDate } from '../common/format/dates';
import type { Meeting, MeetingKind } from './entities/meeting.entity';
import { AttendanceRow, MeetingsRepository } from './meetings.repository';
import { computeQuorum, type Quorum } from './quorum';
import { localStart, meetingZone, onlineLink, requiredText } from './meeting-input';

export interface MeetingView {
  id: string;
  associationId: string | null;
  seriesId: string | null;
  number: number | null;
  kind: MeetingKind;
  status: Meeting['status'] | 'convened';
  call: Meeting['call'];
  startsAt: Date;
  /** Local wall time in the meeting's zone (2026-04-14T19:30). */
  localStart: string;
  timeZone: string;
  place: string;
  onlineUrl: string | null;
  cancelledReason: string | null;
  version: number;
}

export interface AgendaEntry {
  position: number;
  title: string;
  /** For a carried commitment: its owner and due date. */
  detail?: string;
  source: 'previous_minutes' | 'carried_commitment' | 'manual';
  commitmentId?: string;
  /** The officers' own items (removable, reorderable). */
  itemId?: string;
}

export interface AttendanceView {
  memberId: string;
  fullName: string;
  status: 'present' | 'excused' | 'absent';
  mode: 'in_person' | 'online';
  /** Local HH:mm. */
  arrivedAt: string | null;
  leftAt: string | null;
}

export interface AttendanceMark {
  memberId: string;
  participantId?: string;
  status: 'present' | 'excused' | 'absent';
  mode?: 'in_person' | 'online';
  arrivedAt?: string;
  leftAt?: string;
}

/** A meeting lasts this long in calendars (the statute fixes no end; two hours is the usual evening meeting). */
export const CALENDAR_MINUTES = 120;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Meetings of associations (DOM-MTG-1, -2): series on a recurrence rule in the association's time zone, meetings
 * moved or cancelled one by one, the calendar, and a secret ICS feed a phone calendar subscribes to. Convocation,
 * agenda, attendance and quorum build on these meetings.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MeetingsRepository,
    private readonly bodies: MeetingBodies,
    private readonly municipalities: MeetingsCalendar,
    private readonly records: MeetingRecords,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** POST /api/v1/associations/:id/meeting-series: the series and all its meetings (at most 200). */
  async createSeries(
    actor: Actor,
    associationId: string,
    input: SeriesInput,
    context: AuditContext,
  ): Promise<CreatedSeries> {
    const { association } = await this.bodies.associations.load(actor, associationId, 'meetings', context);
    this.assertActive(association);
    const municipality = await this.municipalities.municipality(association.communeCode);
    return this.records.createSeries(
      { associationId: association.id },
      'ordinary',
      input,
      municipality.timeZone,
      actor.id,
      context,
      {
        action: 'meeting.series_created',
        objectType: 'association',
        objectId: association.id,
        scopeType: 'commune',
        scopeId: association.communeCode,
      },
    );
  }

  /** POST /api/v1/associations/:id/meetings: one meeting (DOM-MTG-2: ordinary, extraordinary, constitutive or board); a date in the past records a meeting already held. */
  async createMeeting(
    actor: Actor,
    associationId: string,
    input: {
      localStart: string;
      timeZone?: string;
      kind?: MeetingKind;
      place: string;
      onlineUrl?: string;
      call?: 'first' | 'second';
    },
    context: AuditContext,
  ): Promise<MeetingView> {
    const { association } = await this.bodies.associations.load(actor, associationId, 'meetings', context);
    this.assertActive(association);
    const municipality = await this.municipalities.municipality(association.communeCode);
    const timeZone = meetingZone(input.timeZone?.trim() || municipality.timeZone);
    localStart(input.localStart, timeZone); // the date and time are checked first, as the form lists them
    const kind = input.kind ?? 'ordinary';
    if (!['ordinary', 'extraordinary', 'constitutive', 'board'].includes(kind))
      throw MeetingException.field('kind', meetingTexts.kindInvalid());
    const call = input.call ?? 'first';
    if (call !== 'first' && call !== 'second') throw MeetingException.field('call', meetingTexts.callInvalid());
    const meeting = await this.records.createMeeting(
      { associationId: association.id },
      {
        kind,
        localStart: input.localStart,
        timeZone,
        place: input.place,
        onlineUrl: input.onlineUrl,
        call,
      },
      actor.id,
      context,
      {
        action: 'meeting.created',
        scopeType: 'commune',
        scopeId: association.communeCode,
        details: { associationId: association.id },
      },
    );
    return this.view(meeting);
  }

  /** The calendar: upcoming meetings (cancelled included, marked) and the past ones, newest first. */
  async calendar(
    actor: Actor,
    associationId: string,
    context: AuditContext,
  ): Promise<{ association: MeetingAssociation; upcoming: MeetingView[]; past: MeetingView[] }> {
    const { association } = await this.bodies.associations.load(actor, associationId, 'read', context);
    const now = this.clock.now();
    const all = await this.repo.meetingsOf(
      association.id,
      new Date(now.getTime() - 400 * 86_400_000),
      new Date(now.getTime() + 800 * 86_400_000),
    );
    return {
      association,
      upcoming: all.filter((m) => m.startsAt >= now).map((m) => this.view(m)),
      past: all
        .filter((m) => m.startsAt < now)
        .reverse()
        .map((m) => this.view(m)),
    };
  }

  /** GET /api/v1/meetings/:id: the meeting, its attendance (every member active on its date) and its quorum. */
  async get(
    actor: Actor,
    meetingId: string,
    context: AuditContext,
  ): Promise<
    MeetingView & { associationName: string; agenda: AgendaEntry[]; attendance: AttendanceView[]; quorum: Quorum }
  > {
    return (await this.getWithRights(actor, meetingId, context)).meeting;
  }

  /** The meeting as `get` gives it, with the actor's rights on its association (for what a page offers). */
  async getWithRights(
    actor: Actor,
    meetingId: string,
    context: AuditContext,
  ): Promise<{
    meeting: MeetingView & {
      associationName: string;
      agenda: AgendaEntry[];
      attendance: AttendanceView[];
      quorum: Quorum;
    };
    rights: AssociationMeetingRights;
  }> {
    const { meeting, association, rights } = await this.load(actor, meetingId, 'read', context);
    const attendance = await this.repo.rosterWithAttendance(
      meeting.id,
      association.id,
      localDate(meeting.startsAt, meeting.timeZone),
    );
    return {
      meeting: {
        ...this.view(meeting),
        associationName: association.name,
        agenda: await this.agenda(meeting),
        attendance: attendance.map((a) => this.attendanceView(a, meeting.timeZone)),
        quorum: await this.quorumOf(meeting, association, attendance),
      },
      rights,
    };
  }

  /**
   * DOM-MTG-4: the agenda: the approval of the previous acta (when an earlier meeting was held), every open
   * commitment of earlier meetings (carried until done or cancelled), then the officers' items in their order.
   */
  async agenda(meeting: Meeting, em?: EntityManager): Promise<AgendaEntry[]> {
    const sources = await this.repo.agendaSources(
      {
        id: meeting.id,
        associationId: meeting.associationId as string,
        startsAt: meeting.startsAt,
        kind: meeting.kind,
      },
      em,
    );
    const entries: Omit<AgendaEntry, 'position'>[] = [];
    if (sources.previous)
      entries.push({
        title: `Lectura y aprobación del acta de la reunión del ${formatDate(sources.previous.startsAt, meeting.timeZone)}`,
        source: 'previous_minutes',
      });
    for (const c of sources.carried) {
      const owner = c.ownerName
        ? ` (${c.ownerName}${c.dueOn ? `, plazo ${formatDate(c.dueOn)}` : ''})`
        : c.dueOn
          ? ` (plazo ${formatDate(c.dueOn)})`
          : '';
      entries.push({
        title: c.description,
        detail: `Compromiso pendiente${owner}`,
        source: 'carried_commitment',
        commitmentId: c.id,
      });
    }
    for (const item of sources.manual) entries.push({ title: item.title, source: 'manual', itemId: item.id });
    return entries.map((e, i) => ({ position: i + 1, ...e }));
  }

  /** An item of the officers on the agenda (last); refused once the meeting is cancelled. */
  async addAgendaItem(
    actor: Actor,
    meetingId: string,
    input: { title: string },
    context: AuditContext,
  ): Promise<{ agenda: AgendaEntry[] }> {
    const { meeting, association } = await this.load(actor, meetingId, 'meetings', context);
    if (meeting.status === 'cancelled')
      throw MeetingException.rule('MEETING_CANCELLED', meetingTexts.cancelledAgendaFixed());
    await this.assertMinutesOpen(meeting);
    const title = requiredText(input?.title, 'title', 300);
    await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT id FROM meeting WHERE id = $1 FOR UPDATE`, [meeting.id]); // positions: one writer at a time
      await this.repo.addAgendaItem(meeting.id, title, actor.id, em);
      await this.audit.record(
        context,
        {
          action: 'meeting.agenda_item_added',
          objectType: 'meeting',
          objectId: meeting.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
        },
        em,
      );
    });
    return { agenda: await this.agenda(meeting) };
  }

  async removeAgendaItem(
    actor: Actor,
    meetingId: string,
    itemId: string,
    context: AuditContext,
  ): Promise<{ agenda: AgendaEntry[] }> {
    const { meeting, association } = await this.load(actor, meetingId, 'meetings', context);
    await this.assertMinutesOpen(meeting);
    await this.dataSource.transaction(async (em) => {
      if (!UUID.test(itemId) || !(await this.repo.removeAgendaItem(meeting.id, itemId, em)))
        throw MeetingException.notFound();
      await this.audit.record(
        context,
        {
          action: 'meeting.agenda_item_removed',
          objectType: 'meeting',
          objectId: meeting.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
        },
        em,
      );
    });
    return { agenda: await this.agenda(meeting) };
  }

  /** The officers' items in a new order: every one of the meeting's items, each once. */
  async reorderAgenda(
    actor: Actor,
    meetingId: string,
    itemIds: string[],
    context: AuditContext,
  ): Promise<{ agenda: AgendaEntry[] }> {
    const { meeting, association } = await this.load(actor, meetingId, 'meetings', context);
    await this.assertMinutesOpen(meeting);
    const current = (
      await this.repo.agendaSources({
        id: meeting.id,
        associationId: meeting.associationId as string,
        startsAt: meeting.startsAt,
        kind: meeting.kind,
      })
    ).manual.map((i) => i.id);
    const given = Array.isArray(itemIds) ? itemIds : [];
    if (
      given.length !== current.length ||
      new Set(given).size !== given.length ||
      !given.every((id) => current.includes(id))
    ) {
      throw MeetingException.field('itemIds', meetingTexts.agendaOrderInvalid());
    }
    await this.dataSource.transaction(async (em) => {
      await this.repo.reorderAgenda(meeting.id, given, em);
      await this.audit.record(
        context,
        {
          action: 'meeting.agenda_reordered',
          objectType: 'meeting',
          objectId: meeting.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
        },
        em,
      );
    });
    return { agenda: await this.agenda(meeting) };
  }

  /** Moves one of the officers' items one place up (the pages' button). */
  async moveAgendaItemUp(actor: Actor, meetingId: string, itemId: string, context: AuditContext): Promise<void> {
    const { meeting } = await this.load(actor, meetingId, 'meetings', context);
    const ids = (
      await this.repo.agendaSources({
        id: meeting.id,
        associationId: meeting.associationId as string,
        startsAt: meeting.startsAt,
        kind: meeting.kind,
      })
    ).manual.map((i) => i.id);
    const at = ids.indexOf(itemId);
    if (at < 0) throw MeetingException.notFound();
    if (at === 0) return;
    [ids[at - 1], ids[at]] = [ids[at], ids[at - 1]];
    await this.reorderAgenda(actor, meetingId, ids, context);
  }

  /**
   * PUT /api/v1/meetings/:id/attendance: sets the listed members (present, excused or absent; in person or online;
   * arrival and departure as local HH:mm); the others keep theirs. Answers the quorum (DOM-MTG-5, -6).
   */
  async setAttendance(
    actor: Actor,
    meetingId: string,
    marks: AttendanceMark[],
    context: AuditContext,
  ): Promise<{ quorum: Quorum }> {
    const { meeting, association } = await this.load(actor, meetingId, 'meetings', context);
    if (meeting.status === 'cancelled')
      throw MeetingException.rule('MEETING_CANCELLED', meetingTexts.cancelledNoAttendance());
    await this.assertMinutesOpen(meeting);
    if (!Array.isArray(marks) || !marks.length)
      throw MeetingException.field('attendance', meetingTexts.attendanceRequired({ shape: `[${ATTENDANCE_SHAPE}]` }));
    if (marks.length > 5000) throw MeetingException.field('attendance', meetingTexts.attendanceTooMany());
    const date = localDate(meeting.startsAt, meeting.timeZone);
    const roster = new Map(
      (await this.repo.rosterWithAttendance(meeting.id, association.id, date)).map((r) => [r.memberId, r]),
    );
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const rows = marks.map((mark, i) => {
      const at = `attendance[${i}]`;
      if (!mark || typeof mark !== 'object') {
        errors.push(
          MeetingException.fieldError(at, meetingTexts.attendanceEntryShape({ at, shape: ATTENDANCE_SHAPE })),
        );
        return null;
      }
      if (mark.participantId !== undefined)
        errors.push(MeetingException.fieldError(`${at}.participantId`, meetingTexts.attendanceParticipant()));
      if (typeof mark.memberId !== 'string' || !roster.has(mark.memberId))
        errors.push(
          MeetingException.fieldError(
            `${at}.memberId`,
            meetingTexts.attendanceNotMember({ at, date: formatDate(date) }),
          ),
        );
      else if (seen.has(mark.memberId))
        errors.push(MeetingException.fieldError(`${at}.memberId`, meetingTexts.attendanceTwice({ at })));
      if (typeof mark.memberId === 'string') seen.add(mark.memberId);
      if (!['present', 'excused', 'absent'].includes(mark.status))
        errors.push(MeetingException.fieldError(`${at}.status`, meetingTexts.attendanceStatus({ at })));
      const mode = mark.mode ?? 'in_person';
      if (!['in_person', 'online'].includes(mode))
        errors.push(MeetingException.fieldError(`${at}.mode`, meetingTexts.attendanceMode({ at })));
      return {
        membershipId: mark.memberId,
        status: mark.status,
        mode,
        arrivedAt: this.clockTime(mark.arrivedAt, date, meeting.timeZone, `${at}.arrivedAt`, errors),
        leftAt: this.clockTime(mark.leftAt, date, meeting.timeZone, `${at}.leftAt`, errors),
      };
    });
    if (errors.length) throw MeetingException.invalid(errors.slice(0, 50));
    await this.dataSource.transaction(async (em) => {
      await this.repo.upsertAttendance(meeting.id, rows as NonNullable<(typeof rows)[number]>[], actor.id, em);
      await this.audit.record(
        context,
        {
          action: 'meeting.attendance_set',
          objectType: 'meeting',
          objectId: meeting.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { marks: rows.length },
        },
        em,
      );
    });
    const attendance = await this.repo.rosterWithAttendance(meeting.id, association.id, date);
    return { quorum: await this.quorumOf(meeting, association, attendance) };
  }

  /** DOM-MTG-6: first or second call (the second needs the statute's minimum). */
  async setCall(
    actor: Actor,
    meetingId: string,
    call: 'first' | 'second',
    context: AuditContext,
  ): Promise<{ quorum: Quorum }> {
    const { meeting, association } = await this.load(actor, meetingId, 'meetings', context);
    if (call !== 'first' && call !== 'second') throw MeetingException.field('call', meetingTexts.callInvalid());
    await this.assertMinutesOpen(meeting);
    await this.dataSource.transaction(async (em) => {
      if (!(await this.repo.updateMeeting(meeting.id, meeting.version, { call }, em)))
        throw MeetingException.conflict('VERSION_CONFLICT', meetingTexts.meetingChanged());
      await this.audit.record(
        context,
        {
          action: 'meeting.call_set',
          objectType: 'meeting',
          objectId: meeting.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { call },
        },
        em,
      );
    });
    const attendance = await this.repo.rosterWithAttendance(
      meeting.id,
      association.id,
      localDate(meeting.startsAt, meeting.timeZone),
    );
    return { quorum: await this.quorumOf({ ...meeting, call }, association, attendance) };
  }

  /** DOM-MTG-9: once the acta is approved, the attendance, call and agenda it states stay as they are. */
  private async assertMinutesOpen(meeting: Meeting): Promise<void> {
    if (await this.repo.minutesApproved(meeting.id))
      throw MeetingException.rule('MINUTES_LOCKED', meetingTexts.meetingMinutesLocked());
  }

  /** DOM-MTG-6 (config): the second call's minimum is the municipality's statute setting (default 1). */
  private async quorumOf(
    meeting: Pick<Meeting, 'call'>,
    association: MeetingAssociation,
    attendance: AttendanceRow[],
    em?: EntityManager,
  ): Promise<Quorum> {
    const { settings } = await this.municipalities.municipality(association.communeCode, em);
    return computeQuorum({
      call: meeting.call,
      activeMembers: attendance.length,
      attendance: attendance.map((a) => a.status),
      secondCallMinimum: settings.quorum.secondCallMinimum,
    });
  }

  private attendanceView(a: AttendanceRow, timeZone: string): AttendanceView {
    return {
      memberId: a.memberId,
      fullName: a.fullName,
      status: a.status,
      mode: a.mode,
      arrivedAt: a.arrivedAt ? formatTime(a.arrivedAt, timeZone) : null,
      leftAt: a.leftAt ? formatTime(a.leftAt, timeZone) : null,
    };
  }

  /** A local clock time (19:45) on the meeting's date, as an instant; empty clears it, absent keeps it. */
  private clockTime(
    value: unknown,
    date: string,
    timeZone: string,
    field: string,
    errors: FieldError[],
  ): Date | null | undefined {
    if (value === undefined) return undefined; // not sent: the stored time stays
    if (value === null || value === '') return null;
    const instant =
      typeof value === 'string' && /^\d{2}:\d{2}$/.test(value) ? instantFromLocal(`${date}T${value}`, timeZone) : null;
    if (!instant) errors.push(MeetingException.fieldError(field, meetingTexts.clockTimeInvalid({ field })));
    return instant;
  }

  /** Moves one meeting (date, time, place or link); the rest of its series stays. */
  async move(
    actor: Actor,
    meetingId: string,
    input: { localStart?: string; place?: string; onlineUrl?: string; version?: number },
    context: AuditContext,
  ): Promise<MeetingView> {
    const { meeting, association } = await this.load(actor, meetingId, 'meetings', context);
    if (!this.isUpcoming(meeting))
      throw MeetingException.rule(
        'MEETING_NOT_SCHEDULED',
        meeting.status === 'cancelled' ? meetingTexts.cancelledNoChange() : meetingTexts.heldNoMove(),
      );
    const changes: Partial<Meeting> = {};
    if (input.localStart !== undefined && input.localStart !== '') {
      changes.startsAt = localStart(input.localStart, meeting.timeZone);
      if (changes.startsAt < this.clock.now()) throw MeetingException.field('localStart', meetingTexts.moveToFuture());
    }
    if (input.place !== undefined && input.place !== '') changes.place = requiredText(input.place, 'place', 300);
    if (input.onlineUrl !== undefined) changes.onlineUrl = onlineLink(input.onlineUrl);
    if (!Object.keys(changes).length) throw MeetingException.field('localStart', meetingTexts.moveNothing());
    await this.dataSource.transaction(async (em) => {
      // moved after its notice: it is to be convened again (the new notice replaces the calendar event)
      if (
        !(await this.repo.updateMeeting(
          meeting.id,
          input.version ?? meeting.version,
          { ...changes, sequence: meeting.sequence + 1, convenedAt: null },
          em,
        ))
      ) {
        throw MeetingException.conflict('VERSION_CONFLICT', meetingTexts.meetingChanged());
      }
      await this.audit.record(
        context,
        {
          action: 'meeting.moved',
          objectType: 'meeting',
          objectId: meeting.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { from: meeting.startsAt, to: changes.startsAt ?? meeting.startsAt },
        },
        em,
      );
    });
    return this.view((await this.repo.findMeeting(meeting.id)) as Meeting);
  }

  /** Refuses (404 outside scope, 403 without the right) before a form is even validated. */
  async assertMayEdit(
    actor: Actor,
    target: { associationId?: string; meetingId?: string },
    context: AuditContext,
  ): Promise<void> {
    if (target.meetingId) await this.load(actor, target.meetingId, 'meetings', context);
    else await this.bodies.associations.load(actor, target.associationId as string, 'meetings', context);
  }

  /** A meeting of an association the actor may see (404 otherwise), with the actor's rights on it (403 without `right`). */
  async load(
    actor: Actor,
    meetingId: string,
    right: 'read' | 'meetings',
    context: AuditContext,
  ): Promise<{ meeting: Meeting; association: MeetingAssociation; rights: AssociationMeetingRights }> {
    const meeting = UUID.test(meetingId) ? await this.repo.findMeeting(meetingId) : null;
    if (!meeting?.associationId) throw MeetingException.notFound();
    const { association, rights } = await this.bodies.associations.load(actor, meeting.associationId, right, context);
    return { meeting, association, rights };
  }

  /** DOM-MTG-6: the members active on the meeting date with their attendance, and the quorum they make. */
  async attendanceAndQuorum(
    meeting: Meeting,
    association: MeetingAssociation,
    em?: EntityManager,
  ): Promise<{ attendance: AttendanceRow[]; quorum: Quorum }> {
    const attendance = await this.repo.rosterWithAttendance(
      meeting.id,
      association.id,
      localDate(meeting.startsAt, meeting.timeZone),
      em,
    );
    return { attendance, quorum: await this.quorumOf(meeting, association, attendance, em) };
  }

  /** A scheduled meeting whose time has passed counts as held; one whose notice went out, as convened (API.md). */
  private statusOf(m: Meeting): Meeting['status'] | 'convened' {
    if (m.status !== 'scheduled') return m.status;
    if (m.startsAt < this.clock.now()) return 'held';
    return m.convenedAt ? 'convened' : 'scheduled';
  }

  /** Still to come and not cancelled: it may be moved, cancelled or convened. */
  isUpcoming(m: Meeting): boolean {
    return m.status === 'scheduled' && m.startsAt >= this.clock.now();
  }

  view(m: Meeting): MeetingView {
    return {
      id: m.id,
      associationId: m.associationId,
      seriesId: m.seriesId,
      number: m.number,
      kind: m.kind,
      status: this.statusOf(m),
      call: m.call,
      startsAt: m.startsAt,
      localStart: `${localDate(m.startsAt, m.timeZone)}T${formatTime(m.startsAt, m.timeZone)}`,
      timeZone: m.timeZone,
      place: m.place,
      onlineUrl: m.onlineUrl,
      cancelledReason: m.cancelledReason,
      version: m.version,
    };
  }

  /** A readable date and time for messages (14-04-2026 19:30). */
  when(m: Meeting): string {
    return `${formatDate(m.startsAt, m.timeZone)} ${formatTime(m.startsAt, m.timeZone)}`;
  }

  private assertActive(association: MeetingAssociation): void {
    if (association.status === 'dissolved')
      throw MeetingException.rule('ASSOCIATION_DISSOLVED', meetingTexts.associationDissolved());
  }
}
