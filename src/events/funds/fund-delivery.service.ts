import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssociationDirectory } from '../../associations/association-directory.service';
import { Clock } from '../../common/clock';
import { formatClp } from '../../common/format/money';
import { formatDateTime } from '../../common/format/dates';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { MailService, type MailRequest } from '../../mail/mail.service';
import type { FundCall } from './entities/fund-call.entity';
import { closingSoonFrom } from './fund-call-state';
import { FundCallsService } from './fund-calls.service';
import { FundMatchingService } from './fund-matching.service';

/** A call opened this long ago still gets its opening mail (an instance down for a while catches up). */
const OPENING_CATCH_UP_MS = 3 * 86_400_000;

/**
 * The fund calendar's mails (DOM-FND-3, issue 18 items 4): when a call opens, one mail to each officer address of
 * the associations of its territory that are eligible for it (FundMatchingService); before it closes (7 and 1 days,
 * FUND_REMINDER_DAYS) a reminder to the users who subscribed to it and to the officers of associations with an
 * application in `preparing`. Each message's outbox dedupe key is its call, window and address: two instances, a
 * second run or a restart queue nothing more. Run hourly by FundDeliveryJob.
 */
@Injectable()
export class FundDeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calls: FundCallsService,
    private readonly matching: FundMatchingService,
    private readonly directory: AssociationDirectory,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Both kinds of mail; answers how many messages were queued now. */
  async run(): Promise<{ openings: number; reminders: number }> {
    return { openings: await this.queueOpenings(), reminders: await this.queueReminders() };
  }

  /** The opening mails of the calls that opened lately (and are not closed). */
  async queueOpenings(): Promise<number> {
    const now = this.clock.now();
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM fund_call WHERE opens_at <= $1 AND opens_at > $2 AND closes_at > $1 AND target_applicant = 'organizations'`,
      [now, new Date(now.getTime() - OPENING_CATCH_UP_MS)],
    );
    let queued = 0;
    for (const { id } of ids) queued += await this.queueOpening(id);
    return queued;
  }

  /** One call's opening mail to the officers of its eligible associations (one per address). */
  async queueOpening(callId: string): Promise<number> {
    const call = await this.calls.find(callId);
    if (!call) return 0;
    const eligible = await this.matching.eligibleAssociationsForCall(callId);
    const names = new Map(eligible.map((a) => [a.id, a.name]));
    const byAddress = new Map<string, { name: string; associations: string[] }>();
    for (let i = 0; i < eligible.length; i += 5000) {
      const contacts = await this.directory.officerContacts(eligible.slice(i, i + 5000).map((a) => a.id));
      for (const c of contacts) {
        const entry = byAddress.get(c.email) ?? { name: c.name, associations: [] };
        entry.associations.push(names.get(c.associationId) ?? '');
        byAddress.set(c.email, entry);
      }
    }
    return this.enqueueAll(call, [...byAddress.entries()], 'opened', (email) => `fund-call:${call.id}:opened:${email}`);
  }

  /**
   * The reminders of the calls closing within the widest window: each call in its narrowest window reached (a call
   * created two days before its close gets only the 1-day reminder), to subscribers and preparing applicants.
   */
  async queueReminders(): Promise<number> {
    const days = this.config.funds.reminderDays;
    if (!days.length) return 0;
    const now = this.clock.now();
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM fund_call WHERE closes_at > $1 AND closes_at <= $2 AND opens_at <= $1`,
      [now, new Date(now.getTime() + (Math.max(...days) + 1) * 86_400_000)],
    );
    let queued = 0;
    for (const { id } of ids) {
      const call = await this.calls.find(id);
      if (!call) continue;
      const reached = days.filter((d) => now.getTime() >= closingSoonFrom(call, d).getTime());
      if (!reached.length) continue;
      const window = Math.min(...reached);
      const recipients = await this.reminderRecipients(call.id);
      queued += await this.enqueueAll(
        call,
        [...recipients.entries()],
        'reminder',
        (email) => `fund-call:${call.id}:reminder:${window}d:${email}`,
        window,
      );
    }
    return queued;
  }

  /** Subscribers (their account's address) and the officers of associations preparing an application. */
  private async reminderRecipients(callId: string): Promise<Map<string, { name: string; associations: string[] }>> {
    const out = new Map<string, { name: string; associations: string[] }>();
    const subscribers: { email: string; name: string }[] = await this.dataSource.query(
      `SELECT lower(u.email) AS email, u.name FROM fund_subscription s JOIN app_user u ON u.id = s.user_id
        WHERE s.fund_call_id = $1 AND u.disabled_at IS NULL ORDER BY s.created_at`,
      [callId],
    );
    for (const s of subscribers) out.set(s.email, { name: s.name, associations: [] });
    const preparing = await this.matching.applicantsPreparing(callId);
    const associationIds = [...new Set(preparing.map((p) => p.associationId).filter((id): id is string => !!id))];
    const summaries = await this.directory.summaries(associationIds);
    for (const c of await this.directory.officerContacts(associationIds)) {
      const entry = out.get(c.email) ?? { name: c.name, associations: [] };
      entry.associations.push(summaries.get(c.associationId)?.name ?? '');
      out.set(c.email, entry);
    }
    return out;
  }

  private async enqueueAll(
    call: FundCall,
    recipients: [string, { name: string; associations: string[] }][],
    kind: 'opened' | 'reminder',
    key: (email: string) => string,
    days?: number,
  ): Promise<number> {
    let queued = 0;
    const context = {
      callName: call.name,
      institution: call.institution?.name ?? '',
      opens: formatDateTime(call.opensAt, call.timeZone),
      closes: formatDateTime(call.closesAt, call.timeZone),
      timeZone: call.timeZone,
      amountMax: call.amountMaxClp === null ? null : formatClp(call.amountMaxClp),
      callUrl: `${this.config.publicUrl}/fondos/${call.id}`,
      days: days ?? null,
      oneDay: days === 1,
    };
    // chunks of 1,000 in their own transactions, each rendered and inserted in a few multi-row statements unless
    // its dedupe key exists: a chunk that fails leaves the others, and the next run queues what is missing
    for (let i = 0; i < recipients.length; i += 1000) {
      const requests: MailRequest[] = recipients.slice(i, i + 1000).map(([email, r]) => ({
        template: kind === 'opened' ? 'fund-call-opened' : 'fund-call-reminder',
        to: { address: email, name: r.name },
        context: {
          ...context,
          associations: [...new Set(r.associations.filter(Boolean))]
            .sort((a, b) => a.localeCompare(b, 'es'))
            .join(', '),
        },
        dedupeKey: key(email),
      }));
      queued += (await this.dataSource.transaction((em) => this.mail.enqueueMany(requests, em))).queued;
    }
    return queued;
  }
}
