import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../common/secret-hash';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { DomainException } from '../../common/errors/domain.exception';
import { formatDate, formatDateTime, localDate } from '../../common/format/dates';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { MailService } from '../../mail/mail.service';
import { MarketOffer } from './entities/market-offer.entity';
import { MarketSlot } from './entities/market-slot.entity';
import type { MarketVenue } from './entities/market-venue.entity';
import { MarketWaitlist } from './entities/market-waitlist.entity';
import { MarketException } from './market.exception';
import { marketOperationsTexts } from './market-operations.messages';
import { MarketContacts } from './market-publish-contacts';
import { MarketVenuesService } from './market-venues.service';
import { inVenueProgram, standDetails } from './market-audit';

type Directory = Awaited<ReturnType<MarketContacts['directory']>>;

/** A cancelled slot as the API answers it. */
export interface CancelledSlot {
  slotId: string;
  status: 'cancelled';
  cancelledAt: string;
  /** The beneficiary the stand was offered to (null: nobody left on the waitlist with an e-mail). */
  offeredTo: string | null;
  offerExpiresAt: string | null;
}

/** What the accept page shows of an offer (no personal data beyond the business the mail was for). */
export interface OfferView {
  state: 'open' | 'accepted' | 'declined' | 'expired' | 'taken';
  venueName: string;
  address: string;
  businessName: string;
  stand: number;
  from: string;
  to: string;
  expires: string;
}

/**
 * DOM-MKT-3: a cancelled stand is offered to the month's waitlist in order. Each offer is a mail with an accept link
 * (the token only in the mail, its SHA-256 stored) open for MARKET_OFFER_HOURS (48); accepted in time it gives the
 * stand (a new slot, origin `waitlist`); lapsed, the next on the waitlist gets an offer (MarketOfferLapseJob).
 */
@Injectable()
export class MarketOfferService {
  private readonly logger = new Logger(MarketOfferService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: MarketVenuesService,
    private readonly contacts: MarketContacts,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A slot and its venue, for someone who manages the venue (404 out of scope, 403 without the right). */
  async loadSlot(actor: Actor, slotId: string): Promise<{ slot: MarketSlot; venue: MarketVenue }> {
    const slot = /^[0-9a-f-]{36}$/i.test(slotId)
      ? await this.dataSource.manager.findOne(MarketSlot, { where: { id: slotId } })
      : null;
    if (!slot) throw MarketException.notFound();
    return { slot, venue: await this.venues.load(actor, slot.venueId) };
  }

  /** The same, for a page under the venue's address: a slot of another venue is not found there. */
  async loadSlotOfVenue(
    actor: Actor,
    venueId: string,
    slotId: string,
  ): Promise<{ slot: MarketSlot; venue: MarketVenue }> {
    const found = await this.loadSlot(actor, slotId);
    if (found.venue.id !== venueId) throw MarketException.notFound();
    return found;
  }

  /** POST /api/v1/market-slots/:id/cancel: the stand is freed and offered to the first on the waitlist; twice: 409. */
  async cancel(actor: Actor, slotId: string, reason: string, context: AuditContext = {}): Promise<CancelledSlot> {
    const { venue } = await this.loadSlot(actor, slotId);
    const directory = await this.contacts.directory(venue.programId);
    return this.dataSource.transaction(async (em) => {
      const [locked] = await em.query<{ status: string; month: string }[]>(
        `SELECT s.status, s.month, m.status AS month_status FROM market_slot s
           LEFT JOIN market_month m ON m.venue_id = s.venue_id AND m.month = s.month
          WHERE s.id = $1 FOR UPDATE OF s`,
        [slotId],
      );
      const slot = (await em.findOne(MarketSlot, { where: { id: slotId } })) as MarketSlot;
      if (locked.status === 'cancelled')
        throw MarketException.conflict(
          'SLOT_CANCELLED',
          marketOperationsTexts.slotCancelled({
            date: formatDate(slot.cancelledAt ?? this.clock.now(), venue.timeZone),
          }),
        );
      const published = (locked as unknown as { month_status: string | null }).month_status === 'published';
      if (!published)
        throw MarketException.rule(
          'ALLOCATION_NOT_PUBLISHED',
          marketOperationsTexts.notPublished({ month: slot.month }),
        );
      const now = this.clock.now();
      // a stand whose week is over is not offered to anyone: its attendance says what happened (DOM-MKT-4)
      if (localDate(now, venue.timeZone || 'America/Santiago') > slot.weekEndsOn)
        throw MarketException.rule(
          'WEEK_OVER',
          marketOperationsTexts.weekOver({ week: formatDate(slot.weekStartsOn) }),
        );
      await em.update(MarketSlot, { id: slot.id }, { status: 'cancelled', cancelledAt: now, cancelReason: reason });
      const offer = await this.offerNext(em, venue, slot, directory);
      await this.audit.record(
        { ...context, userId: actor.id },
        inVenueProgram(venue, 'market.slot.cancelled', 'market_slot', slot.id, {
          ...standDetails(slot),
          offeredTo: offer?.beneficiaryId ?? null,
        }),
        em,
      );
      return {
        slotId: slot.id,
        status: 'cancelled' as const,
        cancelledAt: now.toISOString(),
        offeredTo: offer?.beneficiaryId ?? null,
        offerExpiresAt: offer?.expiresAt.toISOString() ?? null,
      };
    });
  }

  /**
   * DOM-MKT-3: offers the cancelled slot's stand to the first on the month's waitlist who has not been offered it
   * yet, holds no stand that month, and has an e-mail to receive the link. Returns the offer, or null.
   */
  private async offerNext(
    em: EntityManager,
    venue: MarketVenue,
    slot: MarketSlot,
    directory: Directory,
  ): Promise<MarketOffer | null> {
    const waiting = await em.query<{ beneficiary_id: string }[]>(
      `SELECT w.beneficiary_id FROM market_waitlist w
        WHERE w.venue_id = $1 AND w.month = $2
          AND NOT EXISTS (SELECT 1 FROM market_offer o WHERE o.slot_id = $3 AND o.beneficiary_id = w.beneficiary_id)
          AND NOT EXISTS (SELECT 1 FROM market_slot s WHERE s.venue_id = w.venue_id AND s.month = w.month
                            AND s.beneficiary_id = w.beneficiary_id AND s.status = 'assigned')
        ORDER BY w.position`,
      [venue.id, slot.month, slot.id],
    );
    const now = this.clock.now();
    // a week that is over is offered to nobody (a late lapse or decline ends the chain)
    if (!waiting.length || localDate(now, venue.timeZone || 'America/Santiago') > slot.weekEndsOn) return null;
    const people = await this.contacts.withEmails(
      directory,
      waiting.map((w) => w.beneficiary_id),
      em,
    );
    for (const { beneficiary_id: id } of waiting) {
      const who = people.get(id);
      if (!who?.email) continue; // without an e-mail the link cannot reach them: the next one gets the offer
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + this.config.market.offerHours * 3_600_000);
      const offer = await em.save(
        em.create(MarketOffer, {
          slotId: slot.id,
          beneficiaryId: id,
          tokenHash: sha256Hex(token),
          offeredAt: now,
          expiresAt,
        }),
      );
      try {
        await this.mail.enqueue(
          {
            template: 'market-offer',
            to: { address: who.email, name: who.fullName },
            context: {
              venueName: venue.name,
              businessName: who.businessName,
              stand: slot.stand,
              from: formatDate(slot.weekStartsOn),
              to: formatDate(slot.weekEndsOn),
              expires: formatDateTime(expiresAt, venue.timeZone),
              acceptUrl: this.contacts.link(`/semanas/oferta/${token}`),
            },
            dedupeKey: `market-offer:${offer.id}`,
          },
          em,
        );
      } catch (err) {
        if (err instanceof DomainException && err.code === 'INVALID_EMAIL') {
          await em.delete(MarketOffer, { id: offer.id });
          continue;
        }
        throw err;
      }
      return offer;
    }
    return null;
  }

  /**
   * The hourly job's work (safe in two instances: each open offer past its expiry is taken under SKIP LOCKED, so one
   * instance lapses it and offers the stand to the next). Returns how many offers lapsed.
   */
  async lapseExpired(): Promise<number> {
    let lapsed = 0;
    const now = this.clock.now();
    const due = await this.dataSource.query<{ id: string; venue_id: string }[]>(
      `SELECT o.id, s.venue_id FROM market_offer o JOIN market_slot s ON s.id = o.slot_id
        WHERE o.accepted_at IS NULL AND o.lapsed_at IS NULL AND o.declined_at IS NULL AND o.expires_at <= $1
        ORDER BY o.expires_at, o.id LIMIT 1000`,
      [now],
    );
    const directories = new Map<string, { venue: MarketVenue; directory: Directory }>();
    for (const { id, venue_id: venueId } of due) {
      if (!directories.has(venueId)) {
        const venue = await this.venues.find(venueId);
        if (!venue) continue;
        directories.set(venueId, { venue, directory: await this.contacts.directory(venue.programId) });
      }
      const { venue, directory } = directories.get(venueId)!;
      const done = await this.dataSource.transaction(async (em) => {
        // another instance may be lapsing the same offer: it holds the lock, this one skips it
        const [row] = await em.query<{ slot_id: string }[]>(
          `SELECT slot_id FROM market_offer
            WHERE id = $1 AND accepted_at IS NULL AND lapsed_at IS NULL AND declined_at IS NULL AND expires_at <= $2
            FOR UPDATE SKIP LOCKED`,
          [id, now],
        );
        if (!row) return false;
        await em.update(MarketOffer, { id }, { lapsedAt: now });
        const slot = (await em.findOne(MarketSlot, { where: { id: row.slot_id } })) as MarketSlot;
        await this.offerNext(em, venue, slot, directory);
        return true;
      });
      if (done) lapsed++;
    }
    if (due.length === 1000) this.logger.warn('market offers: 1,000 lapsed in one run; the rest next hour');
    return lapsed;
  }

  /** The accept page's view of an offer by its link's token (404 for an unknown token). */
  async view(token: string): Promise<OfferView> {
    const found = await this.byToken(token);
    return this.describe(found.offer, found.slot, found.venue, found.businessName);
  }

  /** Accepting from the link: in time, the stand becomes theirs (a new slot, origin waitlist); late: 410 OFFER_EXPIRED. */
  async accept(token: string): Promise<OfferView> {
    const { offer: read, venue, businessName } = await this.byToken(token);
    return this.dataSource.transaction(async (em) => {
      const { offer, slot } = await this.lockedOffer(em, read.id);
      if (offer.acceptedAt) return this.describe(offer, slot, venue, businessName); // the same link twice: done already
      if (offer.lapsedAt || offer.declinedAt || offer.expiresAt.getTime() <= this.clock.now().getTime())
        throw new MarketException(
          'OFFER_EXPIRED',
          marketOperationsTexts.offerExpired({ date: formatDateTime(offer.expiresAt, venue.timeZone) }),
          410,
        );
      const [holds] = await em.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM market_slot WHERE venue_id = $1 AND month = $2 AND beneficiary_id = $3 AND status = 'assigned'`,
        [venue.id, slot.month, offer.beneficiaryId],
      );
      if (holds.n > 0)
        throw MarketException.conflict('OFFER_TAKEN', marketOperationsTexts.offerHoldsWeek({ month: slot.month }));
      const now = this.clock.now();
      const created = await em.save(
        em.create(MarketSlot, {
          venueId: venue.id,
          month: slot.month,
          weekStartsOn: slot.weekStartsOn,
          weekEndsOn: slot.weekEndsOn,
          stand: slot.stand,
          beneficiaryId: offer.beneficiaryId,
          status: 'assigned',
          origin: 'waitlist',
        }),
      );
      await em.update(MarketOffer, { id: offer.id }, { acceptedAt: now, acceptedSlotId: created.id });
      // off the waitlist: they hold a stand now (positions of the others stay as published)
      await em.delete(MarketWaitlist, { venueId: venue.id, month: slot.month, beneficiaryId: offer.beneficiaryId });
      await this.audit.record(
        {},
        inVenueProgram(venue, 'market.offer.accepted', 'market_slot', created.id, {
          offerId: offer.id,
          cancelledSlotId: slot.id,
        }),
        em,
      );
      return this.describe({ ...offer, acceptedAt: now }, slot, venue, businessName);
    });
  }

  /**
   * DOM-MKT-3: "I cannot that week", from the link: the offer ends now and the stand goes to the next on the waitlist
   * at once, instead of waiting out the 48 hours. The same link again shows it declined; an accepted or lapsed offer
   * is not changed.
   */
  async decline(token: string): Promise<OfferView> {
    const { offer: read, venue, businessName } = await this.byToken(token);
    const directory = await this.contacts.directory(venue.programId);
    return this.dataSource.transaction(async (em) => {
      const { offer, slot } = await this.lockedOffer(em, read.id);
      const now = this.clock.now();
      if (offer.acceptedAt || offer.declinedAt || offer.lapsedAt || offer.expiresAt.getTime() <= now.getTime())
        return this.describe(offer, slot, venue, businessName);
      await em.update(MarketOffer, { id: offer.id }, { declinedAt: now });
      const next = await this.offerNext(em, venue, slot, directory);
      await this.audit.record(
        {},
        inVenueProgram(venue, 'market.offer.declined', 'market_slot', slot.id, {
          offerId: offer.id,
          offeredTo: next?.beneficiaryId ?? null,
        }),
        em,
      );
      return this.describe({ ...offer, declinedAt: now }, slot, venue, businessName);
    });
  }

  /** The offer, locked for this answer, and its stand. */
  private async lockedOffer(em: EntityManager, id: string): Promise<{ offer: MarketOffer; slot: MarketSlot }> {
    const offer = (await em.findOne(MarketOffer, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    })) as MarketOffer;
    const slot = (await em.findOne(MarketSlot, { where: { id: offer.slotId } })) as MarketSlot;
    return { offer, slot };
  }

  private async byToken(token: string) {
    const offer =
      typeof token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(token)
        ? await this.dataSource.manager.findOne(MarketOffer, { where: { tokenHash: sha256Hex(token) } })
        : null;
    if (!offer) throw new MarketException('NOT_FOUND', marketOperationsTexts.offerUnknown(), 404);
    const slot = (await this.dataSource.manager.findOne(MarketSlot, { where: { id: offer.slotId } })) as MarketSlot;
    const venue = (await this.venues.find(slot.venueId)) as MarketVenue;
    const businessName = (await this.contacts.directory(venue.programId)).get(offer.beneficiaryId)?.businessName;
    return { offer, slot, venue, businessName };
  }

  private describe(offer: MarketOffer, slot: MarketSlot, venue: MarketVenue, businessName?: string): OfferView {
    const expired = !!offer.lapsedAt || offer.expiresAt.getTime() <= this.clock.now().getTime();
    return {
      state: offer.acceptedAt ? 'accepted' : offer.declinedAt ? 'declined' : expired ? 'expired' : 'open',
      venueName: venue.name,
      address: venue.address,
      businessName: businessName ?? '',
      stand: slot.stand,
      from: formatDate(slot.weekStartsOn),
      to: formatDate(slot.weekEndsOn),
      expires: formatDateTime(offer.expiresAt, venue.timeZone),
    };
  }
}
