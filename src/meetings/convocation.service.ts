import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { daysBetween, formatDate, formatTime, formatWeekday, localDate } from '../common/format/dates';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { CalendarEvent } from '../mail/ics';
import { MailService } from '../mail/mail.service';
import { Meeting as MeetingEntity, type Meeting } from './entities/meeting.entity';
import type { MeetingAssociation } from './meeting-bodies';
import { requiredText } from './meeting-input';
import { MeetingsCalendar } from './meetings-calendar';
import { MeetingException } from './meetings.exception';
import { meetingTexts } from './meetings.messages';
import { MeetingsRepository } from './meetings.repository';
import { CALENDAR_MINUTES, MeetingAccess, type MeetingView, meetingAudit } from './meeting-access.service';
import { MATTER_LABELS } from './extraordinary-matters';

export interface ConvocationPreview {
  subject: string;
  /** The notice's text as members read it. */
  notice: string;
  /** The same content for the association's chat group. */
  shareText: string;
  /** Members active on the meeting date with an e-mail. */
  recipients: number;
  /** Those without one (to tell by phone or chat). */
  withoutEmail: string[];
  noticeDays: number;
  daysAhead: number;
  shortNotice: boolean;
  convenedAt: Date | null;
}

/**
 * DOM-MTG-3: convening an association's meeting (the notice with its calendar invitation to every member with an
 * e-mail, through the outbox, once per member and content) and cancelling one (those convened get the
 * cancellation and their calendars drop the event).
 */
@Injectable()
export class ConvocationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MeetingsRepository,
    private readonly meetings: MeetingAccess,
    private readonly municipalities: MeetingsCalendar,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * DOM-MTG-3: the notice as the members will read it, the chat share text with the same content, how many members
   * get it by e-mail and how many have none, and whether the statute's notice period is respected.
   */
  async convocation(actor: Actor, meetingId: string, context: AuditContext): Promise<ConvocationPreview> {
    const { meeting, association } = await this.meetings.load(actor, meetingId, 'meetings', context);
    return (await this.prepareConvocation(meeting, association)).preview;
  }

  /**
   * POST /api/v1/meetings/:id/convene: queues the notice with its ICS invitation to every member with e-mail,
   * through the outbox, in one transaction; sent twice without a change in between, nobody gets it twice.
   */
  async convene(
    actor: Actor,
    meetingId: string,
    context: AuditContext,
  ): Promise<ConvocationPreview & { queued: number }> {
    const { meeting: read, association } = await this.meetings.load(actor, meetingId, 'meetings', context);
    let preview!: ConvocationPreview;
    const queued = await this.dataSource.transaction(async (em) => {
      // under the meeting's lock: a move or a cancellation at the same time is either before or after this notice
      await em.query(`SELECT id FROM meeting WHERE id = $1 FOR UPDATE`, [read.id]);
      const meeting = (await this.repo.findMeeting(read.id, em)) as Meeting;
      this.meetings.assertUpcoming(meeting, {
        cancelled: meetingTexts.cancelledNoConvene(),
        held: meetingTexts.heldNoConvene(),
      });
      const prepared = await this.prepareConvocation(meeting, association, em);
      preview = prepared.preview;
      // once per member and content: sent again unchanged, nobody gets it twice; a new time, place or agenda goes to all
      const version = createHash('sha256')
        .update(JSON.stringify([prepared.preview.subject, prepared.preview.notice, meeting.sequence]))
        .digest('hex')
        .slice(0, 16);
      let n = 0;
      for (const r of prepared.recipients) {
        if (!r.email) continue;
        const sent = await this.mail
          .enqueue(
            {
              template: 'convocation',
              to: { address: r.email, name: r.fullName },
              context: prepared.mailContext,
              dedupeKey: `convocation:${meeting.id}:${version}:member:${r.memberId}`,
              calendarEvent: prepared.event,
            },
            em,
          )
          .catch((err: unknown) => {
            // a malformed address on the roster does not stop the notice to everyone else
            if (err instanceof DomainException && err.code === 'INVALID_EMAIL') return false;
            throw err;
          });
        if (sent) n++;
      }
      await em.update(MeetingEntity, { id: meeting.id }, { convenedAt: this.clock.now(), convenedBy: actor.id });
      await this.audit.record(
        context,
        meetingAudit('meeting.convened', meeting, association, {
          queued: n,
          withoutEmail: preview.withoutEmail.length,
          shortNotice: preview.shortNotice,
        }),
        em,
      );
      return n;
    });
    return { ...preview, queued };
  }

  private async prepareConvocation(meeting: Meeting, association: MeetingAssociation, em?: EntityManager) {
    const municipality = await this.municipalities.municipality(association.communeCode, em);
    const date = localDate(meeting.startsAt, meeting.timeZone);
    const recipients = await this.repo.recipients(association.id, date, em);
    // an overdue carried commitment says so in the notice too (issue 20 item 5)
    const agenda = (await this.meetings.agenda(meeting, em)).map((a) =>
      a.overdue
        ? `${a.title} (compromiso vencido el ${a.due})`
        : a.matter // DOM-MTG-2: members read which matter the extraordinary meeting decides
          ? `${a.title} (materia de reunión extraordinaria: ${MATTER_LABELS[a.matter].es})`
          : a.title,
    );
    const kindLabel =
      meeting.kind === 'extraordinary'
        ? 'asamblea extraordinaria'
        : meeting.kind === 'board'
          ? 'reunión de directorio'
          : 'reunión ordinaria';
    const when = `${formatWeekday(meeting.startsAt, meeting.timeZone)} ${formatDate(meeting.startsAt, meeting.timeZone)} a las ${formatTime(meeting.startsAt, meeting.timeZone)}`;
    const noticeDays = municipality.settings.convocationNoticeDays;
    const daysAhead = daysBetween(this.municipalities.today(municipality), date);
    const lines = [
      `Convocatoria: ${kindLabel} de ${association.name}`,
      `Fecha y hora: ${when}`,
      `Lugar: ${meeting.place}`,
      ...(meeting.onlineUrl ? [`En línea: ${meeting.onlineUrl}`] : []),
      '',
      'Tabla:',
      ...agenda.map((t, i) => `${i + 1}. ${t}`),
    ];
    const notice = [
      `Se le convoca a la ${kindLabel} de ${association.name}.`,
      '',
      ...lines.slice(1),
      '',
      'Se adjunta la invitación para su calendario.',
    ].join('\n');
    const host = new URL(this.config.publicUrl).hostname;
    const event: CalendarEvent = {
      uid: `meeting-${meeting.id}@${host}`,
      title: `${kindLabel[0].toUpperCase()}${kindLabel.slice(1)}: ${association.name}`,
      description: [
        ...(meeting.onlineUrl ? [`En línea: ${meeting.onlineUrl}`, ''] : []),
        'Tabla:',
        ...agenda.map((t, i) => `${i + 1}. ${t}`),
      ].join('\n'),
      location: meeting.place,
      start: meeting.startsAt,
      end: new Date(meeting.startsAt.getTime() + CALENDAR_MINUTES * 60_000),
      sequence: meeting.sequence,
      // an ASCII address only: calendars (and the ics library) refuse the others
      ...(association.contactEmail && /^[\x21-\x7e]+@[\x21-\x7e]+$/.test(association.contactEmail)
        ? { organizer: { name: association.name, email: association.contactEmail } }
        : {}),
    };
    const preview: ConvocationPreview = {
      subject: `Convocatoria: ${kindLabel} de ${association.name}, ${when}`,
      notice,
      shareText: lines.join('\n'),
      recipients: recipients.filter((r) => r.email).length,
      withoutEmail: recipients.filter((r) => !r.email).map((r) => r.fullName),
      noticeDays,
      daysAhead,
      // DOM-MTG-3: the statute's notice period (config, default 5 days); a shorter one is said, not refused
      shortNotice: daysAhead < noticeDays,
      convenedAt: meeting.convenedAt,
    };
    return {
      preview,
      recipients,
      event,
      mailContext: {
        kindLabel,
        associationName: association.name,
        when,
        place: meeting.place,
        onlineUrl: meeting.onlineUrl,
        agenda,
        notice,
        signature: `Directiva de ${association.name}`,
      },
    };
  }

  /** Cancels one meeting with its reason (kept in the calendar, marked cancelled; calendars get STATUS:CANCELLED). */
  async cancel(
    actor: Actor,
    meetingId: string,
    input: { reason: string; version?: number },
    context: AuditContext,
  ): Promise<MeetingView> {
    const { meeting, association } = await this.meetings.load(actor, meetingId, 'meetings', context);
    this.meetings.assertUpcoming(meeting, {
      cancelled: meetingTexts.alreadyCancelled(),
      held: meetingTexts.heldNoCancel(),
    });
    const reason = requiredText(input.reason, 'reason', 500);
    await this.dataSource.transaction(async (em) => {
      if (
        !(await this.repo.updateMeeting(
          meeting.id,
          input.version ?? meeting.version,
          { status: 'cancelled', cancelledReason: reason, sequence: meeting.sequence + 1 },
          em,
        ))
      ) {
        throw MeetingException.conflict('VERSION_CONFLICT', meetingTexts.meetingChanged());
      }
      // DOM-MTG-3: those who got the notice get the cancellation, and their calendars drop the event
      const notified = meeting.convenedAt
        ? await this.notifyCancellation(
            { ...meeting, sequence: meeting.sequence + 1, status: 'cancelled' },
            association,
            reason,
            em,
          )
        : 0;
      await this.audit.record(
        context,
        meetingAudit('meeting.cancelled', meeting, association, { reason, notified }),
        em,
      );
    });
    return this.meetings.view((await this.repo.findMeeting(meeting.id)) as Meeting);
  }

  private async notifyCancellation(
    meeting: Meeting,
    association: MeetingAssociation,
    reason: string,
    em: EntityManager,
  ): Promise<number> {
    const { event, recipients, mailContext } = await this.prepareConvocation(meeting, association, em);
    let n = 0;
    for (const r of recipients) {
      if (!r.email) continue;
      const sent = await this.mail
        .enqueue(
          {
            template: 'meeting-cancelled',
            to: { address: r.email, name: r.fullName },
            context: { ...mailContext, reason },
            dedupeKey: `meeting-cancelled:${meeting.id}:member:${r.memberId}`,
            calendarEvent: { ...event, status: 'CANCELLED' },
          },
          em,
        )
        .catch((err: unknown) => {
          if (err instanceof DomainException && err.code === 'INVALID_EMAIL') return false;
          throw err;
        });
      if (sent) n++;
    }
    return n;
  }
}
