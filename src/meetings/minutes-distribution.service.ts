import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { DocumentStore } from '../documents/document-store.service';
import { formatVerificationCode } from '../documents/verification-code';
import { MailService } from '../mail/mail.service';
import type { ActaSnapshot } from './acta';
import { MeetingRecords } from './meeting-records.service';
import { MeetingsCalendar } from './meetings-calendar';
import { MeetingException } from './meetings.exception';
import { meetingTexts } from './meetings.messages';
import { MeetingsRepository } from './meetings.repository';
import { MeetingAccess, meetingAudit } from './meeting-access.service';
import { MinutesRepository } from './minutes.repository';

/** DOM-MTG-9: an approved acta goes to the members, each once per version, through the outbox. */
@Injectable()
export class MinutesDistribution {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MinutesRepository,
    private readonly meetingsRepo: MeetingsRepository,
    private readonly meetings: MeetingAccess,
    private readonly records: MeetingRecords,
    private readonly municipalities: MeetingsCalendar,
    private readonly documents: DocumentStore,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * POST /api/v1/meetings/:id/minutes/send (DOM-MTG-9): the approved acta, PDF attached, to every active member
   * with an e-mail; each member gets a version at most once however many times it is sent. Recorded as a
   * distribution (`distributedAt` is the first).
   */
  async send(
    actor: Actor,
    meetingId: string,
    context: AuditContext,
  ): Promise<{ queued: number; alreadySent: number; withoutEmail: number; distributedAt: Date }> {
    const { meeting, association } = await this.meetings.load(actor, meetingId, 'meetings', context);
    const minutes = await this.repo.findByMeeting(meeting.id);
    if (minutes?.status !== 'approved' || !minutes.documentId)
      throw MeetingException.rule('MINUTES_NOT_APPROVED', meetingTexts.minutesNotApproved());
    const today = this.municipalities.today(await this.municipalities.municipality(association.communeCode));
    const document = await this.documents.content(minutes.documentId);
    const snapshot = minutes.snapshot as ActaSnapshot;
    const code = (await this.records.verificationCodeOf(minutes.documentId)) ?? '';
    const mailContext = {
      associationName: association.name,
      number: minutes.number,
      date: snapshot.meeting.date,
      kindLabel: snapshot.meeting.kindLabel.toLowerCase(),
      verificationCode: formatVerificationCode(code),
      verificationUrl: this.documents.verificationUrl(code),
    };
    return this.dataSource.transaction(async (em) => {
      const recipients = await this.meetingsRepo.recipients(association.id, today, em);
      let queued = 0;
      let alreadySent = 0;
      for (const r of recipients) {
        if (!r.email) continue;
        const sent = await this.mail
          .enqueue(
            {
              template: 'minutes',
              to: { address: r.email, name: r.fullName },
              context: mailContext,
              // once per member and version of the acta, however many times it is sent
              dedupeKey: `minutes:${minutes.id}:v${minutes.version}:member:${r.memberId}`,
              attachments: [{ filename: document.filename, documentId: minutes.documentId as string }],
            },
            em,
          )
          .catch((err: unknown) => {
            if (err instanceof DomainException && err.code === 'INVALID_EMAIL') return null;
            throw err;
          });
        if (sent === true) queued++;
        else if (sent === false) alreadySent++;
      }
      const withoutEmail = recipients.filter((r) => !r.email).length;
      if (queued + alreadySent === 0)
        throw MeetingException.rule('NO_RECIPIENTS', meetingTexts.noRecipients({ withoutEmail }));
      await em.query(
        `INSERT INTO minutes_distribution (minutes_id, sent_by, queued, without_email, sent_at) VALUES ($1, $2, $3, $4, $5)`,
        [minutes.id, actor.id, queued, withoutEmail, this.clock.now()],
      );
      await this.audit.record(
        context,
        meetingAudit('minutes.sent', meeting, association, {
          number: minutes.number,
          queued,
          alreadySent,
          withoutEmail,
        }),
        em,
      );
      const [first] = await em.query(`SELECT min(sent_at) AS at FROM minutes_distribution WHERE minutes_id = $1`, [
        minutes.id,
      ]);
      return { queued, alreadySent, withoutEmail, distributedAt: first.at as Date };
    });
  }
}
