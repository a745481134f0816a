import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Meeting } from './entities/meeting.entity';
import type { MeetingSeries } from './entities/meeting-series.entity';
import type { Minutes } from './entities/minutes.entity';
import type { ActaAgreement } from './acta';
import { MeetingException } from './meetings.exception';
import { MeetingsRepository } from './meetings.repository';
import { MinutesRepository } from './minutes.repository';

/**
 * The acta engine's records as a body that keeps its own rules (a table) reads and writes them: meetings and
 * series, agenda items, attendance per representative, the convocation mark, minutes and progress updates.
 * Only the meetings module writes its tables (ARCHITECTURE.md §3.6); callers pass their transaction.
 */
@Injectable()
export class MeetingRecords {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsRepository,
    private readonly minutes: MinutesRepository,
  ) {}

  find(meetingId: string, em?: EntityManager): Promise<Meeting | null> {
    return this.meetings.findMeeting(meetingId, em);
  }

  insertMeetings(values: Partial<Meeting>[], em: EntityManager): Promise<Meeting[]> {
    return this.meetings.insertMeetings(values, em);
  }

  insertSeries(values: Partial<MeetingSeries>, em: EntityManager): Promise<MeetingSeries> {
    return this.meetings.insertSeries(values, em);
  }

  /** DOM-MTG-4: an item of the body's own at the end of the agenda, one writer at a time on the meeting. */
  async appendAgendaItem(meetingId: string, title: string, createdBy: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT id FROM meeting WHERE id = $1 FOR UPDATE`, [meetingId]);
    await this.meetings.addAgendaItem(meetingId, title, createdBy, em);
  }

  /** DOM-MTG-5: representatives' attendance (present, excused, absent; in person or online); others keep theirs. */
  async setParticipantAttendance(
    meetingId: string,
    rows: { participantId: string; status: string; mode: string }[],
    markedBy: string,
    em: EntityManager,
  ): Promise<void> {
    await this.meetings.upsertParticipantAttendance(meetingId, rows, markedBy, em);
  }

  /** DOM-MTG-3: the notice went out (by whom, when). */
  async markConvened(meetingId: string, by: string, at: Date, em: EntityManager): Promise<void> {
    await this.meetings.markConvened(meetingId, by, at, em);
  }

  /** DOM-MTG-9: once the acta is approved, the attendance and agenda it states stay as they are. */
  async assertMinutesOpen(meeting: Pick<Meeting, 'id'>, word: 'reunión' | 'sesión'): Promise<void> {
    if (await this.meetings.minutesApproved(meeting.id))
      throw MeetingException.rule(
        'MINUTES_LOCKED',
        `El acta de esta ${word} está aprobada: su asistencia y su tabla ya no cambian.`,
      );
  }

  minutesOf(meetingId: string, em?: EntityManager): Promise<Minutes | null> {
    return this.minutes.findByMeeting(meetingId, em);
  }

  agreementsOf(minutesId: string, em?: EntityManager): Promise<ActaAgreement[]> {
    return this.minutes.agreements(minutesId, em);
  }

  /** An issued document's verification code (for an approved acta's view). */
  async verificationCodeOf(documentId: string, em?: EntityManager): Promise<string | null> {
    const [row] = await (em ?? this.dataSource.manager).query(
      `SELECT verification_code AS code FROM document WHERE id = $1`,
      [documentId],
    );
    return row?.code ?? null;
  }

  /** Locks a commitment for the caller's transaction; false when it is gone (removed from its draft acta). */
  async lockCommitment(commitmentId: string, em: EntityManager): Promise<boolean> {
    return (await em.query(`SELECT id FROM commitment WHERE id = $1 FOR UPDATE`, [commitmentId])).length > 0;
  }

  /** DOM-MTG-8: a progress update of a commitment the caller locked, and the status and percentage it sets. */
  recordProgress(
    commitmentId: string,
    update: { status: string | null; progress: number | null; note: string },
    by: { id: string; name: string },
    at: Date,
    em: EntityManager,
  ): Promise<string> {
    return this.minutes.recordProgress(commitmentId, update, by, at, em);
  }
}
