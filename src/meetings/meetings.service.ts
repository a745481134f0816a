import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MeetingException } from './meetings.exception';
import { meetingTexts } from './meetings.messages';
import { type AssociationMeetingRights, MeetingBodies, type MeetingAssociation } from './meeting-bodies';
import { MeetingsCalendar } from './meetings-calendar';
import { type CreatedSeries, MeetingRecords, type SeriesInput } from './meeting-records.service';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { Meeting, MeetingKind } from './entities/meeting.entity';
import { type AttendanceRow, MeetingsRepository } from './meetings.repository';
import type { Quorum } from './quorum';
import { localStart, meetingZone } from './meeting-input';
import { type AgendaEntry, MeetingAccess, type MeetingView } from './meeting-access.service';
import { MeetingAgenda } from './meeting-agenda.service';
import { type AttendanceMark, MeetingAttendance, type AttendanceView } from './meeting-attendance.service';

export type { SeriesInput } from './meeting-records.service';
export { CALENDAR_MINUTES, type AgendaEntry, type MeetingView } from './meeting-access.service';
export type { AttendanceMark, AttendanceView } from './meeting-attendance.service';

/**
 * Meetings of associations (DOM-MTG-1, -2): series on a recurrence rule in the association's time zone, one-off
 * meetings, the calendar, and a meeting as its page and the API show it. Reading and rights are MeetingAccess's,
 * the agenda MeetingAgenda's, attendance and quorum MeetingAttendance's, moving MeetingMoves'; convocation and
 * cancellation ConvocationService's. The delegating methods below keep the callers of other modules (the tables,
 * the demo data) working under the names they use.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly repo: MeetingsRepository,
    private readonly bodies: MeetingBodies,
    private readonly municipalities: MeetingsCalendar,
    private readonly records: MeetingRecords,
    private readonly clock: Clock,
    private readonly access: MeetingAccess,
    private readonly agendas: MeetingAgenda,
    private readonly attendances: MeetingAttendance,
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
    return this.access.view(meeting);
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
      upcoming: all.filter((m) => m.startsAt >= now).map((m) => this.access.view(m)),
      past: all
        .filter((m) => m.startsAt < now)
        .reverse()
        .map((m) => this.access.view(m)),
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
    const { meeting, association, rights } = await this.access.load(actor, meetingId, 'read', context);
    const { attendance, quorum } = await this.attendances.attendanceOf(meeting, association);
    return {
      meeting: {
        ...this.access.view(meeting),
        associationName: association.name,
        agenda: await this.access.agenda(meeting),
        attendance,
        quorum,
      },
      rights,
    };
  }

  /** MeetingAccess.load, for callers in other modules. */
  load(
    actor: Actor,
    meetingId: string,
    right: 'read' | 'meetings',
    context: AuditContext,
  ): Promise<{ meeting: Meeting; association: MeetingAssociation; rights: AssociationMeetingRights }> {
    return this.access.load(actor, meetingId, right, context);
  }

  /** MeetingAccess.view, for callers in other modules (a table's sessions show as meetings). */
  view(m: Meeting): MeetingView {
    return this.access.view(m);
  }

  /** MeetingAgenda.addAgendaItem, for callers in other modules. */
  addAgendaItem(
    actor: Actor,
    meetingId: string,
    input: { title: string },
    context: AuditContext,
  ): Promise<{ agenda: AgendaEntry[] }> {
    return this.agendas.addAgendaItem(actor, meetingId, input, context);
  }

  /** MeetingAttendance.setAttendance, for callers in other modules. */
  setAttendance(
    actor: Actor,
    meetingId: string,
    marks: AttendanceMark[],
    context: AuditContext,
  ): Promise<{ quorum: Quorum }> {
    return this.attendances.setAttendance(actor, meetingId, marks, context);
  }

  /** MeetingAttendance.attendanceAndQuorum, for callers in other modules. */
  attendanceAndQuorum(
    meeting: Meeting,
    association: MeetingAssociation,
    em?: EntityManager,
  ): Promise<{ attendance: AttendanceRow[]; quorum: Quorum }> {
    return this.attendances.attendanceAndQuorum(meeting, association, em);
  }

  private assertActive(association: MeetingAssociation): void {
    if (association.status === 'dissolved')
      throw MeetingException.rule('ASSOCIATION_DISSOLVED', meetingTexts.associationDissolved());
  }
}
