import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { FieldError } from '../common/errors/domain.exception';
import { formatDate, formatTime, instantFromLocal, localDate } from '../common/format/dates';
import type { Meeting } from './entities/meeting.entity';
import { MeetingAccess, meetingAudit } from './meeting-access.service';
import type { MeetingAssociation } from './meeting-bodies';
import { MeetingsCalendar } from './meetings-calendar';
import { MeetingException } from './meetings.exception';
import { ATTENDANCE_SHAPE, meetingTexts } from './meetings.messages';
import { AttendanceRow, MeetingsRepository } from './meetings.repository';
import { computeQuorum, type Quorum } from './quorum';

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

/**
 * Attendance and quorum of an association's meetings (DOM-MTG-5, -6): the members active on the meeting date,
 * each present, excused or absent, in person or online, with arrival and departure; the call; the quorum they make.
 */
@Injectable()
export class MeetingAttendance {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MeetingsRepository,
    private readonly access: MeetingAccess,
    private readonly municipalities: MeetingsCalendar,
    private readonly audit: AuditService,
  ) {}

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
    const { meeting, association } = await this.access.load(actor, meetingId, 'meetings', context);
    if (meeting.status === 'cancelled')
      throw MeetingException.rule('MEETING_CANCELLED', meetingTexts.cancelledNoAttendance());
    await this.access.assertMinutesOpen(meeting);
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
        meetingAudit('meeting.attendance_set', meeting, association, { marks: rows.length }),
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
    const { meeting, association } = await this.access.load(actor, meetingId, 'meetings', context);
    if (call !== 'first' && call !== 'second') throw MeetingException.field('call', meetingTexts.callInvalid());
    await this.access.assertMinutesOpen(meeting);
    await this.dataSource.transaction(async (em) => {
      if (!(await this.repo.updateMeeting(meeting.id, meeting.version, { call }, em)))
        throw MeetingException.conflict('VERSION_CONFLICT', meetingTexts.meetingChanged());
      await this.audit.record(context, meetingAudit('meeting.call_set', meeting, association, { call }), em);
    });
    const attendance = await this.repo.rosterWithAttendance(
      meeting.id,
      association.id,
      localDate(meeting.startsAt, meeting.timeZone),
    );
    return { quorum: await this.quorumOf({ ...meeting, call }, association, attendance) };
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

  /** The attendance as a page and the API show it (local times), with the quorum it makes. */
  async attendanceOf(
    meeting: Meeting,
    association: MeetingAssociation,
  ): Promise<{ attendance: AttendanceView[]; quorum: Quorum }> {
    const { attendance, quorum } = await this.attendanceAndQuorum(meeting, association);
    return { attendance: attendance.map((a) => this.attendanceView(a, meeting.timeZone)), quorum };
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
}
