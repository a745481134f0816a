import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { formatDateTime, localDate } from '../common/format/dates';
import { ActivityRecords, type AttendanceStatus } from '../meetings/activity-records.service';
import { MeetingRecords } from '../meetings/meeting-records.service';
import { BeneficiariesService } from './beneficiaries.service';
import { checkLine } from './benefits.service';
import type { ActivityDto, AttendanceMarkDto } from './dto/programs.dto';
import { ProgramActivity } from './entities/activity.entity';
import { outsideDates, ProgramsService } from './programs.service';
import { touchProgram } from './program-access';
import { ProgramException } from './programs.exception';
import { programTexts } from './programs.messages';

export interface ActivityView {
  id: string;
  programId: string;
  meetingId: string;
  title: string;
  line: string | null;
  startsAt: Date;
  timeZone: string;
  place: string;
  status: string;
  invited: number;
  present: number;
  excused: number;
}

/**
 * Program activities (DOM-PRG-5): a training, fair or visit is a meeting of the acta engine with the program as its
 * body (created by MeetingRecords), and the invited beneficiaries' attendance is the engine's attendance
 * (ActivityRecords), taken on a phone: present, excused or absent.
 */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly records: MeetingRecords,
    private readonly attendance: ActivityRecords,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, programId: string, dto: ActivityDto, context: AuditContext): Promise<ActivityView> {
    const program = await this.programs.load(actor, programId, context);
    outsideDates(program, dto.localStart.slice(0, 10), 'localStart');
    const line = checkLine(program, dto.line);
    const meeting = await this.records.createMeeting(
      { programId },
      {
        kind: 'program_activity',
        localStart: dto.localStart,
        timeZone: program.timeZone,
        place: dto.place,
        call: 'first',
      },
      actor.id,
      context,
      { action: 'program.activity_created', scopeType: 'program', scopeId: programId, details: { title: dto.title } },
    );
    const saved = await this.dataSource.manager.save(
      ProgramActivity,
      this.dataSource.manager.create(ProgramActivity, {
        programId,
        meetingId: meeting.id,
        title: dto.title.trim(),
        line,
        createdBy: actor.id,
      }),
    );
    return (await this.list(programId, saved.id))[0];
  }

  async list(programId: string, id?: string): Promise<ActivityView[]> {
    const rows: Omit<ActivityView, 'invited' | 'present' | 'excused'>[] = await this.dataSource.query(
      `SELECT pa.id, pa.program_id AS "programId", pa.meeting_id AS "meetingId", pa.title, pa.line, m.starts_at AS "startsAt",
              m.time_zone AS "timeZone", m.place, m.status
         FROM program_activity pa JOIN meeting m ON m.id = pa.meeting_id
        WHERE pa.program_id = $1 ${id ? 'AND pa.id = $2' : ''}
        ORDER BY m.starts_at DESC`,
      id ? [programId, id] : [programId],
    );
    const counts = await this.attendance.attendanceCounts(rows.map((r) => r.meetingId));
    return rows.map((r) => {
      const c = counts.get(r.meetingId);
      return { ...r, invited: c?.marked ?? 0, present: c?.present ?? 0, excused: c?.excused ?? 0 };
    });
  }

  /** One activity with every beneficiary the officer may see and their mark (absent until marked). */
  async get(actor: Actor, activityId: string, context: AuditContext) {
    const activity = await this.find(activityId);
    await this.programs.load(actor, activity.programId, context);
    const [view] = await this.list(activity.programId, activity.id);
    const visible = await this.beneficiaries.list(actor, activity.programId, {}, context);
    const marks = await this.attendance.inviteeAttendance(activity.meetingId);
    return {
      ...view,
      started: view.startsAt <= this.clock.now(),
      attendance: visible.items.map((b) => ({
        beneficiaryId: b.id,
        fullName: b.fullName,
        businessName: b.businessName,
        status: marks.get(b.id) ?? null,
      })),
    };
  }

  /** DOM-PRG-5: marks of invited beneficiaries, once the activity has started. */
  async setAttendance(actor: Actor, activityId: string, marks: AttendanceMarkDto[], context: AuditContext) {
    const activity = await this.find(activityId);
    await this.programs.load(actor, activity.programId, context);
    const meeting = await this.records.find(activity.meetingId);
    if (!meeting) throw ProgramException.notFound();
    if (meeting.startsAt > this.clock.now())
      throw ProgramException.rule(
        'ACTIVITY_NOT_STARTED',
        programTexts.activityNotStarted({ start: formatDateTime(meeting.startsAt, meeting.timeZone) }),
        'marks',
      );
    // one mark per person: a list naming someone twice is ambiguous (and one upsert cannot write a row twice)
    const seen = new Map<string, number>();
    for (const [i, m] of marks.entries()) {
      const first = seen.get(m.beneficiaryId);
      if (first !== undefined)
        throw ProgramException.field(`marks.${i}.beneficiaryId`, programTexts.markTwice({ first: first + 1 }));
      seen.set(m.beneficiaryId, i);
    }
    const visible = await this.beneficiaries.visibleIds(activity.programId);
    const unknown = marks.findIndex((m) => !visible.has(m.beneficiaryId));
    if (unknown >= 0)
      throw ProgramException.field(
        `marks.${unknown}.beneficiaryId`,
        programTexts.beneficiaryUnknown(),
        'VALIDATION_FAILED',
        422,
      );
    await this.dataSource.transaction(async (em) => {
      await touchProgram(activity.programId, em);
      await this.attendance.setInviteeAttendance(
        activity.meetingId,
        marks.map((m) => ({ beneficiaryId: m.beneficiaryId, status: m.status as AttendanceStatus })),
        actor.id,
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'program.activity_attendance',
          objectType: 'program_activity',
          objectId: activity.id,
          scopeType: 'program',
          scopeId: activity.programId,
          details: { marks: marks.length, on: localDate(this.clock.now(), meeting.timeZone) },
        },
        em,
      );
    });
    return this.get(actor, activityId, context);
  }

  /** Present marks over all marks of the program's activities (DOM-PRG-6), null without marks. */
  async attendanceRate(programId: string): Promise<number | null> {
    const list = await this.list(programId);
    const marked = list.reduce((s, a) => s + a.invited, 0);
    return marked ? list.reduce((s, a) => s + a.present, 0) / marked : null;
  }

  /** The activity of a meeting (for the meetings API's program body), or null. */
  async byMeeting(meetingId: string): Promise<ProgramActivity | null> {
    return this.dataSource.manager.findOneBy(ProgramActivity, { meetingId });
  }

  private async find(activityId: string): Promise<ProgramActivity> {
    const found = /^[0-9a-f-]{36}$/i.test(activityId)
      ? await this.dataSource.manager.findOneBy(ProgramActivity, { id: activityId })
      : null;
    if (!found) throw ProgramException.notFound();
    return found;
  }
}
