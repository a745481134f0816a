import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type AttendanceStatus = 'present' | 'excused' | 'absent';

/** One invited person's mark at an activity (DOM-PRG-5), by the body's own id for them (a program beneficiary). */
export interface InviteeMark {
  beneficiaryId: string;
  status: AttendanceStatus;
}

/**
 * The acta engine's attendance for bodies whose attendees are invited people rather than members or representatives:
 * a program's activities (DOM-PRG-5). The meeting itself is created by `MeetingRecords.createMeeting` with the
 * program as its body; only the meetings module writes the meeting and attendance tables (ARCHITECTURE.md §3.6).
 */
@Injectable()
export class ActivityRecords {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Marks each invited beneficiary (others keep theirs), in the caller's transaction. */
  async setInviteeAttendance(
    meetingId: string,
    marks: InviteeMark[],
    markedBy: string,
    em: EntityManager,
  ): Promise<void> {
    if (!marks.length) return;
    await em.query(`SELECT id FROM meeting WHERE id = $1 FOR UPDATE`, [meetingId]);
    await em.query(
      `INSERT INTO attendance (meeting_id, beneficiary_id, status, mode, marked_by)
       SELECT $1, r.beneficiary_id, r.status, 'in_person', $2 FROM unnest($3::uuid[], $4::text[]) AS r(beneficiary_id, status)
       ON CONFLICT (meeting_id, beneficiary_id) WHERE beneficiary_id IS NOT NULL
       DO UPDATE SET status = excluded.status, marked_by = excluded.marked_by, updated_at = now()`,
      [meetingId, markedBy, marks.map((m) => m.beneficiaryId), marks.map((m) => m.status)],
    );
    await em.query(`UPDATE meeting SET status = 'held' WHERE id = $1 AND status = 'scheduled'`, [meetingId]);
  }

  /** The marks of a meeting's invitees, by beneficiary id. */
  async inviteeAttendance(meetingId: string, em?: EntityManager): Promise<Map<string, AttendanceStatus>> {
    const rows: { id: string; status: AttendanceStatus }[] = await (em ?? this.dataSource.manager).query(
      `SELECT beneficiary_id AS id, status FROM attendance WHERE meeting_id = $1 AND beneficiary_id IS NOT NULL`,
      [meetingId],
    );
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** Per meeting of these ids: invitees marked, and how many were present (an activity attendance rate). */
  async attendanceCounts(
    meetingIds: string[],
    em?: EntityManager,
  ): Promise<Map<string, { marked: number; present: number; excused: number }>> {
    if (!meetingIds.length) return new Map();
    const rows: { id: string; marked: number; present: number; excused: number }[] = await (
      em ?? this.dataSource.manager
    ).query(
      `SELECT meeting_id AS id, count(*)::int AS marked, count(*) FILTER (WHERE status = 'present')::int AS present,
              count(*) FILTER (WHERE status = 'excused')::int AS excused
         FROM attendance WHERE meeting_id = ANY($1::uuid[]) AND beneficiary_id IS NOT NULL GROUP BY meeting_id`,
      [meetingIds],
    );
    return new Map(rows.map((r) => [r.id, { marked: r.marked, present: r.present, excused: r.excused }]));
  }
}
