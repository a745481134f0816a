import { Injectable } from '@nestjs/common';
import { AuditContext, AuditEntry, AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { formatVerificationCode } from '../documents/verification-code';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Meeting, MeetingKind } from './entities/meeting.entity';
import type { Minutes } from './entities/minutes.entity';
import type { ActaAgreement } from './acta';
import { MeetingException } from './meetings.exception';
import { eachLanguage, meetingTexts, meetingWord } from './meetings.messages';
import { MeetingsRepository } from './meetings.repository';
import { MinutesRepository } from './minutes.repository';
import { CommitmentsRepository } from './commitments.repository';
import { localStart, meetingZone, onlineLink, requiredText } from './meeting-input';
import { expandSeries, ruleText, type SeriesRule, SeriesRuleError, type Every } from './recurrence';

/** POST …/meeting-series (API.md): a rule in local time, at most 200 meetings. */
export interface SeriesInput {
  localStart: string;
  timeZone?: string;
  every?: Every;
  rrule?: string;
  count?: number;
  until?: string;
  place: string;
  onlineUrl?: string;
}

export interface CreatedSeries {
  id: string;
  rrule: string;
  timeZone: string;
  meetings: { id: string; number: number; startsAt: Date; localStart: string }[];
}

/** A body's meetings belong to it by one of these columns. */
export type BodyRef =
  | { associationId: string; tableId?: null; programId?: null }
  | { tableId: string; associationId?: null; programId?: null }
  | { programId: string; associationId?: null; tableId?: null };

/** What a body's audit row says about a created meeting or series (the engine adds the ids it made). */
export type BodyAudit = Omit<AuditEntry, 'details'> & { details?: Record<string, unknown> };

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
    private readonly commitments: CommitmentsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * DOM-MTG-1: a series on a recurrence rule in local time (19:00 stays 19:00 across DST) and all its meetings,
   * created at once; occurrences already past are recorded as held. Bad input is a field error, nothing written.
   */
  async createSeries(
    ref: BodyRef,
    kind: MeetingKind,
    input: SeriesInput,
    defaultZone: string,
    actorId: string,
    context: AuditContext,
    audit: BodyAudit,
  ): Promise<CreatedSeries> {
    const place = requiredText(input?.place, 'place', 300);
    const onlineUrl = onlineLink(input?.onlineUrl);
    const rule: SeriesRule = {
      localStart: (input?.localStart ?? '').trim(),
      timeZone: input?.timeZone?.trim() || defaultZone,
      every: input?.every,
      rrule: input?.rrule,
      count: input?.count,
      until: input?.until,
    };
    let occurrences;
    try {
      occurrences = expandSeries(rule);
    } catch (err) {
      if (err instanceof SeriesRuleError) throw MeetingException.field(err.field, err.text);
      throw err;
    }
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const series = await this.meetings.insertSeries(
        {
          ...ref,
          rrule: ruleText(rule),
          localStart: rule.localStart,
          timeZone: rule.timeZone,
          count: rule.count ?? null,
          until: rule.until ?? null,
          place,
          onlineUrl,
          createdBy: actorId,
        },
        em,
      );
      const meetings = await this.meetings.insertMeetings(
        occurrences.map((o) => ({
          ...ref,
          seriesId: series.id,
          number: o.number,
          kind,
          startsAt: o.startsAt,
          timeZone: rule.timeZone,
          place,
          onlineUrl,
          status: o.startsAt < now ? ('held' as const) : ('scheduled' as const),
          createdBy: actorId,
        })),
        em,
      );
      await this.audit.record(
        context,
        {
          ...audit,
          details: { ...audit.details, seriesId: series.id, rrule: series.rrule, meetings: meetings.length },
        },
        em,
      );
      return {
        id: series.id,
        rrule: series.rrule,
        timeZone: series.timeZone,
        meetings: meetings.map((m, i) => ({
          id: m.id,
          number: m.number as number,
          startsAt: m.startsAt,
          localStart: occurrences[i].localStart,
        })),
      };
    });
  }

  /** One meeting at a local time in its zone; a date in the past records a meeting already held. Audited as the meeting. */
  async createMeeting(
    ref: BodyRef,
    values: {
      kind: MeetingKind;
      localStart?: string;
      timeZone: string;
      place?: string;
      onlineUrl?: string;
      call: 'first' | 'second';
    },
    actorId: string,
    context: AuditContext,
    audit: Omit<BodyAudit, 'objectType' | 'objectId'>,
  ): Promise<Meeting> {
    const timeZone = meetingZone(values.timeZone);
    const startsAt = localStart(values.localStart, timeZone);
    const place = requiredText(values.place, 'place', 300);
    const onlineUrl = onlineLink(values.onlineUrl);
    return this.dataSource.transaction(async (em) => {
      const [meeting] = await this.meetings.insertMeetings(
        [
          {
            ...ref,
            kind: values.kind,
            startsAt,
            timeZone,
            place,
            onlineUrl,
            call: values.call,
            status: startsAt < this.clock.now() ? 'held' : 'scheduled',
            createdBy: actorId,
          },
        ],
        em,
      );
      await this.audit.record(
        context,
        { ...audit, objectType: 'meeting', objectId: meeting.id, details: { ...audit.details, startsAt } },
        em,
      );
      return (await this.meetings.findMeeting(meeting.id, em)) as Meeting;
    });
  }

  find(meetingId: string, em?: EntityManager): Promise<Meeting | null> {
    return this.meetings.findMeeting(meetingId, em);
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
        eachLanguage((l) => meetingTexts.bodyMinutesLocked({ word: meetingWord(word, l) })),
      );
  }

  minutesOf(meetingId: string, em?: EntityManager): Promise<Minutes | null> {
    return this.minutes.findByMeeting(meetingId, em);
  }

  agreementsOf(minutesId: string, em?: EntityManager): Promise<ActaAgreement[]> {
    return this.minutes.agreements(minutesId, em);
  }

  /** An issued document's verification code as it is printed (`ABCD-EFGH-…`), for an approved acta's view. */
  async verificationCodeOf(documentId: string, em?: EntityManager): Promise<string | null> {
    const [row] = await (em ?? this.dataSource.manager).query(
      `SELECT verification_code AS code FROM document WHERE id = $1`,
      [documentId],
    );
    return row?.code ? formatVerificationCode(row.code as string) : null;
  }

  /** Locks a commitment for the caller's transaction; false when it is gone (removed from its draft acta). */
  async lockCommitment(commitmentId: string, em: EntityManager): Promise<boolean> {
    return (await em.query(`SELECT id FROM commitment WHERE id = $1 FOR UPDATE`, [commitmentId])).length > 0;
  }

  /** DOM-MTG-8: a progress update of a commitment the caller locked, and the status and percentage it sets. */
  recordProgress(...args: Parameters<CommitmentsRepository['recordProgress']>): Promise<string> {
    return this.commitments.recordProgress(...args);
  }
}
