import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../common/secret-hash';
import { DataSource, IsNull } from 'typeorm';
import { AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { formatDate, formatDateTime, localDate } from '../../common/format/dates';
import { buildIcsFeed, type CalendarEvent } from '../../mail/ics';
import { BeneficiariesService } from '../../programs/beneficiaries.service';
import { MarketFeed } from './entities/market-mine-feed.entity';
import type { MarketVenue } from './entities/market-venue.entity';
import { MarketException } from './market.exception';
import { MarketContacts } from './market-publish-contacts';
import { MarketVenuesService } from './market-venues.service';

const ATTENDANCE_ES: Record<string, string> = { attended: 'Asistió', excused: 'Justificó', no_show: 'No asistió' };

/** "Mis semanas": an entrepreneur's weeks (coming and past, with attendance) and open offers, across venues. */
export interface MineView {
  entrepreneur: boolean;
  upcoming: { venueName: string; address: string; businessName: string; stand: number; week: string }[];
  past: { venueName: string; businessName: string; stand: number; week: string; attendance: string }[];
  offers: { venueName: string; businessName: string; stand: number; week: string; expires: string }[];
  hasFeed: boolean;
}

interface SlotRow {
  id: string;
  venue_id: string;
  beneficiary_id: string;
  stand: number;
  week_starts_on: string;
  week_ends_on: string;
  attendance: string | null;
}

/**
 * DOM-MKT-3, DOM-MKT-4 for the entrepreneur with an account (issue 19 item 6): the weeks of their businesses in
 * published months, the offers waiting for them, their history; and a secret ICS feed of their weeks (only the
 * token's SHA-256 stored, shown once, a new one revokes the old, revocable), like the meetings' feed.
 */
@Injectable()
export class MarketMineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly beneficiaries: BeneficiariesService,
    private readonly venues: MarketVenuesService,
    private readonly contacts: MarketContacts,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The person's businesses by beneficiary id (none: not an entrepreneur of any program). */
  private async businesses(personId: string | null): Promise<Map<string, string>> {
    if (!personId) return new Map();
    return new Map((await this.beneficiaries.ofPerson(personId)).map((b) => [b.id, b.businessName]));
  }

  private async slots(beneficiaryIds: string[]): Promise<SlotRow[]> {
    if (!beneficiaryIds.length) return [];
    return this.dataSource.query<SlotRow[]>(
      `SELECT s.id, s.venue_id, s.beneficiary_id, s.stand, to_char(s.week_starts_on, 'YYYY-MM-DD') AS week_starts_on,
              to_char(s.week_ends_on, 'YYYY-MM-DD') AS week_ends_on, s.attendance
         FROM market_slot s
         JOIN market_month m ON m.venue_id = s.venue_id AND m.month = s.month AND m.status = 'published'
        WHERE s.beneficiary_id = ANY($1) AND s.status = 'assigned'
        ORDER BY s.week_starts_on, s.id`,
      [beneficiaryIds],
    );
  }

  private async venueMap(ids: string[]): Promise<Map<string, MarketVenue>> {
    const out = new Map<string, MarketVenue>();
    for (const id of new Set(ids)) {
      const venue = await this.venues.find(id);
      if (venue) out.set(id, venue);
    }
    return out;
  }

  async mine(actor: Actor): Promise<MineView> {
    const businesses = await this.businesses(actor.personId);
    const ids = [...businesses.keys()];
    const slots = await this.slots(ids);
    const offers = ids.length
      ? await this.dataSource.query<(SlotRow & { expires_at: Date })[]>(
          `SELECT s.id, s.venue_id, o.beneficiary_id, s.stand, to_char(s.week_starts_on, 'YYYY-MM-DD') AS week_starts_on,
                  to_char(s.week_ends_on, 'YYYY-MM-DD') AS week_ends_on, o.expires_at
             FROM market_offer o JOIN market_slot s ON s.id = o.slot_id
            WHERE o.beneficiary_id = ANY($1) AND o.accepted_at IS NULL AND o.lapsed_at IS NULL
              AND o.declined_at IS NULL AND o.expires_at > $2
            ORDER BY o.expires_at`,
          [ids, this.clock.now()],
        )
      : [];
    const venues = await this.venueMap([...slots, ...offers].map((s) => s.venue_id));
    const week = (s: SlotRow) => `${formatDate(s.week_starts_on)} al ${formatDate(s.week_ends_on)}`;
    const zone = (s: SlotRow) => venues.get(s.venue_id)?.timeZone ?? 'America/Santiago';
    const today = (s: SlotRow) => localDate(this.clock.now(), zone(s));
    const feed = actor.personId
      ? await this.dataSource.manager.findOneBy(MarketFeed, { personId: actor.personId, revokedAt: IsNull() })
      : null;
    return {
      entrepreneur: businesses.size > 0,
      upcoming: slots
        .filter((s) => s.week_ends_on >= today(s))
        .map((s) => ({
          venueName: venues.get(s.venue_id)?.name ?? '',
          address: venues.get(s.venue_id)?.address ?? '',
          businessName: businesses.get(s.beneficiary_id) ?? '',
          stand: s.stand,
          week: week(s),
        })),
      past: slots
        .filter((s) => s.week_ends_on < today(s))
        .reverse()
        .map((s) => ({
          venueName: venues.get(s.venue_id)?.name ?? '',
          businessName: businesses.get(s.beneficiary_id) ?? '',
          stand: s.stand,
          week: week(s),
          attendance: s.attendance ? ATTENDANCE_ES[s.attendance] : 'Sin marcar',
        })),
      offers: offers.map((o) => ({
        venueName: venues.get(o.venue_id)?.name ?? '',
        businessName: businesses.get(o.beneficiary_id) ?? '',
        stand: o.stand,
        week: week(o),
        expires: formatDateTime(o.expires_at, zone(o)),
      })),
      hasFeed: !!feed,
    };
  }

  /**
   * The start page of an entrepreneur (issue 20 item 1): their next week in a published month (or the one under
   * way) and how many stands are offered to them now; null when the person holds no business in any program or
   * never took part in market weeks.
   */
  async nextWeek(actor: Actor): Promise<{
    week: { venueName: string; address: string; businessName: string; stand: number; week: string } | null;
    offers: number;
  } | null> {
    const businesses = await this.businesses(actor.personId);
    const ids = [...businesses.keys()];
    if (!ids.length) return null;
    const now = this.clock.now();
    // a week still to come or under way in its venue's today
    const [slot] = await this.dataSource.query<SlotRow[]>(
      `SELECT s.id, s.venue_id, s.beneficiary_id, s.stand, to_char(s.week_starts_on, 'YYYY-MM-DD') AS week_starts_on,
              to_char(s.week_ends_on, 'YYYY-MM-DD') AS week_ends_on, s.attendance
         FROM market_slot s
         JOIN market_month m ON m.venue_id = s.venue_id AND m.month = s.month AND m.status = 'published'
         JOIN market_venue v ON v.id = s.venue_id
        WHERE s.beneficiary_id = ANY($1) AND s.status = 'assigned' AND s.week_ends_on >= ($2::timestamptz AT TIME ZONE v.time_zone)::date
        ORDER BY s.week_starts_on, s.id
        LIMIT 1`,
      [ids, now],
    );
    const [{ n, takesPart }] = await this.dataSource.query<{ n: number; takesPart: boolean }[]>(
      `SELECT (SELECT count(*)::int FROM market_offer o
                WHERE o.beneficiary_id = ANY($1) AND o.accepted_at IS NULL AND o.lapsed_at IS NULL
                  AND o.declined_at IS NULL AND o.expires_at > $2) AS n,
              (EXISTS (SELECT 1 FROM market_application a WHERE a.beneficiary_id = ANY($1))
               OR EXISTS (SELECT 1 FROM market_slot s WHERE s.beneficiary_id = ANY($1))) AS "takesPart"`,
      [ids, now],
    );
    // a beneficiary of a program who never applied to a venue has no market weeks to show
    if (!slot && !n && !takesPart) return null;
    const venue = slot ? await this.venues.find(slot.venue_id) : null;
    return {
      week: slot
        ? {
            venueName: venue?.name ?? '',
            address: venue?.address ?? '',
            businessName: businesses.get(slot.beneficiary_id) ?? '',
            stand: slot.stand,
            week: `${formatDate(slot.week_starts_on)} – ${formatDate(slot.week_ends_on)}`,
          }
        : null,
      offers: n,
    };
  }

  /** The actor's person when they hold a business in some program; otherwise 403 (there is nothing to subscribe to). */
  private async entrepreneur(actor: Actor): Promise<string> {
    if (!actor.personId || (await this.businesses(actor.personId)).size === 0) throw MarketException.forbidden();
    return actor.personId;
  }

  /** A new secret address of the person's weeks (the previous one stops working); shown once. */
  async newFeed(actor: Actor, context: AuditContext): Promise<{ url: string }> {
    const personId = await this.entrepreneur(actor);
    const token = randomBytes(24).toString('base64url');
    await this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      await em.update(MarketFeed, { personId, revokedAt: IsNull() }, { revokedAt: now });
      await em.insert(MarketFeed, { personId, tokenHash: sha256Hex(token), revokedAt: null });
      await this.audit.record(
        { ...context, userId: actor.id },
        { action: 'market.feed_created', objectType: 'person', objectId: personId },
        em,
      );
    });
    return { url: this.contacts.link(`/mis-semanas/calendario/${token}.ics`) };
  }

  async revokeFeed(actor: Actor, context: AuditContext): Promise<{ revoked: number }> {
    const personId = await this.entrepreneur(actor);
    return this.dataSource.transaction(async (em) => {
      const res = await em.update(MarketFeed, { personId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      await this.audit.record(
        { ...context, userId: actor.id },
        { action: 'market.feed_revoked', objectType: 'person', objectId: personId },
        em,
      );
      return { revoked: res.affected ?? 0 };
    });
  }

  /** The ICS feed of a secret address (null: unknown or revoked, the controller answers 404). */
  async feed(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const feed = await this.dataSource.manager.findOneBy(MarketFeed, {
      tokenHash: sha256Hex(token),
      revokedAt: IsNull(),
    });
    if (!feed) return null;
    const businesses = await this.businesses(feed.personId);
    const slots = await this.slots([...businesses.keys()]);
    const venues = await this.venueMap(slots.map((s) => s.venue_id));
    const events: CalendarEvent[] = [];
    for (const s of slots) {
      const venue = venues.get(s.venue_id);
      if (!venue) continue;
      events.push(
        this.contacts.weekEvent(venue, {
          id: s.id,
          weekStartsOn: s.week_starts_on,
          weekEndsOn: s.week_ends_on,
          stand: s.stand,
        }),
      );
    }
    return buildIcsFeed('Mis semanas de venta', events);
  }
}
