import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { Meeting } from './entities/meeting.entity';
import { MeetingAccess, type MeetingView, meetingAudit } from './meeting-access.service';
import { localStart, onlineLink, requiredText } from './meeting-input';
import { MeetingException } from './meetings.exception';
import { eachLanguage } from '../common/i18n/messages';
import { meetingTexts } from './meetings.messages';
import { MeetingsRepository } from './meetings.repository';

/**
 * DOM-MTG-2: moving one meeting of a series (or removing one recorded by mistake) (date, time, place or link) while the rest stays; a meeting moved
 * after its notice is to be convened again (the new notice replaces the calendar event).
 */
@Injectable()
export class MeetingMoves {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MeetingsRepository,
    private readonly access: MeetingAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Moves one meeting (date, time, place or link); the rest of its series stays. */
  async move(
    actor: Actor,
    meetingId: string,
    input: { localStart?: string; place?: string; onlineUrl?: string; version?: number },
    context: AuditContext,
  ): Promise<MeetingView> {
    const { meeting, association } = await this.access.load(actor, meetingId, 'meetings', context);
    this.access.assertUpcoming(meeting, {
      cancelled: meetingTexts.cancelledNoChange(),
      held: meetingTexts.heldNoMove(),
    });
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
        meetingAudit('meeting.moved', meeting, association, {
          from: meeting.startsAt,
          to: changes.startsAt ?? meeting.startsAt,
        }),
        em,
      );
    });
    return this.access.view((await this.repo.findMeeting(meeting.id)) as Meeting);
  }

  /**
   * Issue 20 item 3: removes a meeting recorded by mistake while it records nothing (no attendance, acta or
   * commitments) and nobody was convened (a convened one is cancelled, so members are told). The next meeting's
   * agenda then reads the approval of the acta of the meeting before it (DOM-MTG-4).
   */
  async remove(
    actor: Actor,
    meetingId: string,
    input: { confirm?: boolean; version?: number },
    context: AuditContext,
  ): Promise<{ associationId: string }> {
    const { meeting, association } = await this.access.load(actor, meetingId, 'meetings', context);
    if (!input.confirm) throw MeetingException.field('confirm', meetingTexts.removeConfirm());
    if (meeting.convenedAt && meeting.status !== 'cancelled' && meeting.startsAt > this.clock.now())
      throw MeetingException.rule('MEETING_CONVENED', meetingTexts.removeConvened());
    await this.dataSource.transaction(async (em) => {
      const footprint = await this.repo.lockedFootprint(meeting.id, em);
      if (!footprint) throw MeetingException.notFound();
      if (input.version !== undefined && footprint.version !== input.version)
        throw MeetingException.conflict('VERSION_CONFLICT', meetingTexts.meetingChanged());
      const records = [
        footprint.attendance ? meetingTexts.recordsAttendance() : null,
        footprint.minutes ? meetingTexts.recordsMinutes() : null,
        footprint.commitments ? meetingTexts.recordsCommitments() : null,
      ].filter((r) => r !== null);
      if (records.length)
        throw MeetingException.rule(
          'MEETING_HAS_RECORDS',
          eachLanguage((l) => meetingTexts.removeHasRecords({ records: records.map((r) => r[l]).join(', ') })),
        );
      await this.repo.deleteMeeting(meeting.id, em);
      await this.audit.record(context, meetingAudit('meeting.removed', meeting, association, {}), em);
    });
    return { associationId: association.id };
  }
}
