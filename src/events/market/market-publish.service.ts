import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { formatDate } from '../../common/format/dates';
import { MailService, type MailRequest } from '../../mail/mail.service';
import { MarketMonth, type MarketMonthStatus } from './entities/market-month.entity';
import { MarketSlot } from './entities/market-slot.entity';
import { MarketAllocationService, type MonthView } from './market-allocation.service';
import { MarketException } from './market.exception';
import { marketOperationsTexts } from './market-operations.messages';
import { MarketContacts } from './market-publish-contacts';
import { MarketVenuesService } from './market-venues.service';
import { inVenueProgram } from './market-audit';

export interface PublishedMonth extends MonthView {
  /** Mails queued (one per entrepreneur with a stand and an e-mail). */
  queued: number;
  /** Businesses whose person has no e-mail (to tell by phone). */
  withoutEmail: string[];
}

/**
 * DOM-MKT-3: publishing a venue's month. Under the month's row lock (the draft takes the same lock, so a re-run and
 * a publication never interleave) the month becomes `published` and, in the same transaction, each entrepreneur
 * with a stand gets a mail with their week and its ICS event through the outbox. Publishing twice is refused with
 * 422 ALLOCATION_PUBLISHED, the same answer as re-running a published month (API.md), and nobody is mailed twice.
 */
@Injectable()
export class MarketPublishService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: MarketVenuesService,
    private readonly allocation: MarketAllocationService,
    private readonly contacts: MarketContacts,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publish(actor: Actor, venueId: string, month: string, context: AuditContext = {}): Promise<PublishedMonth> {
    const venue = await this.venues.load(actor, venueId); // 404 outside the actor's venues, 403 without the right
    const withoutEmail: string[] = [];
    let queued = 0;
    const directory = await this.contacts.directory(venue.programId);
    await this.dataSource.transaction(async (em) => {
      const [row] = await em.query<{ id: string; status: MarketMonthStatus; drafted: boolean }[]>(
        `SELECT id, status, drafted_at IS NOT NULL AS drafted FROM market_month WHERE venue_id = $1 AND month = $2 FOR UPDATE`,
        [venue.id, month],
      );
      if (!row || !row.drafted)
        throw MarketException.rule('ALLOCATION_NOT_DRAFTED', marketOperationsTexts.notDrafted({ month }), 'month');
      if (row.status === 'published')
        throw MarketException.rule('ALLOCATION_PUBLISHED', marketOperationsTexts.alreadyPublished({ month }), 'month');
      const now = this.clock.now();
      await em.update(MarketMonth, { id: row.id }, { status: 'published', publishedAt: now, publishedBy: actor.id });
      const slots = await em.find(MarketSlot, {
        where: { venueId: venue.id, month, status: 'assigned' },
        order: { weekStartsOn: 'ASC', stand: 'ASC' },
      });
      const people = await this.contacts.withEmails(
        directory,
        slots.map((s) => s.beneficiaryId),
        em,
      );
      const requests: MailRequest[] = [];
      const businessOf = new Map<string, string>();
      for (const slot of slots) {
        const who = people.get(slot.beneficiaryId);
        if (!who?.email) {
          withoutEmail.push(who?.businessName ?? slot.beneficiaryId);
          continue;
        }
        businessOf.set(who.email, who.businessName);
        requests.push({
          template: 'market-week',
          to: { address: who.email, name: who.fullName },
          context: {
            venueName: venue.name,
            address: venue.address,
            businessName: who.businessName,
            stand: slot.stand,
            from: formatDate(slot.weekStartsOn),
            to: formatDate(slot.weekEndsOn),
            mineUrl: this.contacts.link('/semanas'),
          },
          dedupeKey: `market-week:${slot.id}`,
          calendarEvent: this.contacts.weekEvent(venue, slot),
        });
      }
      // one multi-row queue for the month; a malformed address does not stop the others (the officer sees it listed)
      const result = await this.mail.enqueueMany(requests, em);
      queued = result.queued;
      for (const address of result.invalid) withoutEmail.push(businessOf.get(address) ?? address);
      await this.audit.record(
        { ...context, userId: actor.id },
        inVenueProgram(venue, 'market.month.published', 'market_venue', venue.id, {
          month,
          stands: slots.length,
          queued,
          withoutEmail: withoutEmail.length,
        }),
        em,
      );
    });
    return { ...(await this.allocation.monthOf(venue, month)), queued, withoutEmail };
  }
}
