import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { formatDate, formatTime, formatWeekday } from '../common/format/dates';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MailService } from '../mail/mail.service';
import { MeetingRecords } from '../meetings/meeting-records.service';
import { TableSessionReads } from './table-session-reads.service';
import { TableException } from './tables.exception';
import { tableTexts } from './tables.messages';
import { sessionAuditEntry } from './table-access.service';

const CALENDAR_MINUTES = 120;

/** The convocation of a table session (issue 9): the notice with its calendar invitation to every representative. */
@Injectable()
export class TableConvocationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: TableSessionReads,
    private readonly records: MeetingRecords,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** POST /api/v1/meetings/:id/convene for a session: the notice with its invitation to every representative with an e-mail. */
  async convene(
    actor: Actor,
    meetingId: string,
    context: AuditContext,
  ): Promise<{ queued: number; withoutEmail: string[] }> {
    const { meeting, table } = await this.reads.load(actor, meetingId, 'manage', context);
    if (meeting.status !== 'scheduled' || meeting.startsAt < this.clock.now())
      throw TableException.rule('MEETING_NOT_SCHEDULED', tableTexts.conveneNotScheduled());
    const attendance = await this.reads.attendanceOf(meeting);
    const agenda = await this.reads.agenda(meeting);
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
        sessionAuditEntry(table, meeting.id, 'table.session_convened', { queued, withoutEmail: withoutEmail.length }),
        em,
      );
    });
    return { queued, withoutEmail };
  }
}
