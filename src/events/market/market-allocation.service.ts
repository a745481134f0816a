import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { addMonths } from '../../common/format/dates';
import { allocateMonth, type AllocationResult, type Placement, weeksOfMonth } from './allocation';
import { MarketMonth, type MarketMonthStatus } from './entities/market-month.entity';
import { MarketSlot } from './entities/market-slot.entity';
import type { MarketVenue } from './entities/market-venue.entity';
import { MarketWaitlist } from './entities/market-waitlist.entity';
import { MarketException } from './market.exception';
import { marketTexts } from './market.messages';
import { type Business, type MarketApplicant, MarketApplicationsService } from './market-applications.service';
import { MarketVenuesService } from './market-venues.service';
import { inVenueProgram } from './market-audit';

/** One stand of a week as the API shows it (API.md: `{ slotId, beneficiaryId, businessName, category }`). */
export interface DraftStand {
  slotId: string;
  stand: number;
  beneficiaryId: string;
  businessName: string;
  category: string;
  status: MarketSlot['status'];
  attendance: MarketSlot['attendance'];
  origin: MarketSlot['origin'];
}

/** A venue's month (API.md: the answer of POST /market-venues/:id/allocations). */
export interface MonthView {
  month: string;
  published: boolean;
  status: MarketMonthStatus | null;
  draftedAt: string | null;
  publishedAt: string | null;
  weeks: { startsOn: string; endsOn: string; stands: DraftStand[] }[];
  waitlist: { beneficiaryId: string; position: number; businessName: string; category: string }[];
}

/** What the allocation counts for an entrepreneur (DOM-MKT-2): the past of published months at this venue. */
export interface MarketHistory {
  weeksReceived12m: number;
  noShows6m: number;
}

const monthsBefore = (month: string, n: number) => addMonths(`${month}-01`, -n).slice(0, 7);

/**
 * The draft allocation on the database (DOM-MKT-2): the month's applications with each one's history go to the pure
 * allocateMonth; its result replaces the draft's slots and waitlist in one transaction that locks the month's row.
 * A published month is never re-run (422 ALLOCATION_PUBLISHED). Also the reads M2's operations share: the month as
 * stored, and the history.
 */
@Injectable()
export class MarketAllocationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: MarketVenuesService,
    private readonly applications: MarketApplicationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Runs (or re-runs) the month's draft: the same applications and history give the same draft. */
  async run(actor: Actor, venueId: string, month: string, context: AuditContext = {}): Promise<MonthView> {
    const venue = await this.venues.load(actor, venueId);
    if (!weeksOfMonth(month, venue.ownDates).length)
      throw MarketException.field('month', marketTexts.monthHasNoWeeks({ month }), 'VALIDATION_FAILED', 422);
    const businesses = await this.applications.businesses(venue);
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO market_month (venue_id, month, status) VALUES ($1, $2, 'draft') ON CONFLICT (venue_id, month) DO NOTHING`,
        [venue.id, month],
      );
      // the month's row, locked: two runs of one month never interleave, nor a run and its publication
      const [row] = await em.query<{ id: string; status: MarketMonthStatus }[]>(
        `SELECT id, status FROM market_month WHERE venue_id = $1 AND month = $2 FOR UPDATE`,
        [venue.id, month],
      );
      if (row.status === 'published')
        throw MarketException.rule('ALLOCATION_PUBLISHED', marketTexts.monthPublished({ month }), 'month');
      const { result } = await this.compute(venue, month, em, businesses);
      await em.delete(MarketSlot, { venueId: venue.id, month });
      await em.delete(MarketWaitlist, { venueId: venue.id, month });
      const slots = result.weeks.flatMap((w) =>
        w.stands.map((s) => ({
          venueId: venue.id,
          month,
          weekStartsOn: w.startsOn,
          weekEndsOn: w.endsOn,
          stand: s.stand,
          beneficiaryId: s.applicantId,
          status: 'assigned' as const,
          origin: 'allocation' as const,
        })),
      );
      if (slots.length) await em.insert(MarketSlot, slots);
      const waitlist = result.waitlist.map((w) => ({
        venueId: venue.id,
        month,
        beneficiaryId: w.applicantId,
        position: w.position,
      }));
      if (waitlist.length) await em.insert(MarketWaitlist, waitlist);
      await em.update(MarketMonth, { id: row.id }, { draftedAt: this.clock.now() });
      await this.audit.record(
        { ...context, userId: actor.id },
        inVenueProgram(venue, 'market.draft.run', 'market_venue', venue.id, {
          month,
          placed: slots.length,
          waitlisted: waitlist.length,
        }),
        em,
      );
    });
    return this.monthOf(venue, month);
  }

  /** The month as stored, for someone who manages the venue. */
  async month(actor: Actor, venueId: string, month: string): Promise<MonthView> {
    return this.monthOf(await this.venues.load(actor, venueId), month);
  }

  /** The month as stored: its weeks with their stands, the waitlist in order, and its state (M2 reads it too). */
  async monthOf(venue: MarketVenue, month: string, em: EntityManager = this.dataSource.manager): Promise<MonthView> {
    const [state, slots, waitlist] = await Promise.all([
      em.findOneBy(MarketMonth, { venueId: venue.id, month }),
      em.find(MarketSlot, {
        where: { venueId: venue.id, month },
        order: { weekStartsOn: 'ASC', stand: 'ASC', createdAt: 'ASC' },
      }),
      em.find(MarketWaitlist, { where: { venueId: venue.id, month }, order: { position: 'ASC' } }),
    ]);
    const businesses =
      slots.length || waitlist.length ? await this.applications.businesses(venue) : new Map<string, Business>();
    const weeks = new Map(
      weeksOfMonth(month, venue.ownDates).map((w) => [w.startsOn, { ...w, stands: [] as DraftStand[] }]),
    );
    for (const s of slots) {
      if (!weeks.has(s.weekStartsOn))
        weeks.set(s.weekStartsOn, { startsOn: s.weekStartsOn, endsOn: s.weekEndsOn, stands: [] });
      const b = businesses.get(s.beneficiaryId);
      weeks.get(s.weekStartsOn)!.stands.push({
        slotId: s.id,
        stand: s.stand,
        beneficiaryId: s.beneficiaryId,
        businessName: b?.businessName ?? '',
        category: b?.category ?? '',
        status: s.status,
        attendance: s.attendance,
        origin: s.origin,
      });
    }
    return {
      month,
      published: state?.status === 'published',
      status: state?.status ?? null,
      draftedAt: state?.draftedAt?.toISOString() ?? null,
      publishedAt: state?.publishedAt?.toISOString() ?? null,
      weeks: [...weeks.values()].sort((a, b) => a.startsOn.localeCompare(b.startsOn)),
      waitlist: waitlist.map((w) => ({
        beneficiaryId: w.beneficiaryId,
        position: w.position,
        businessName: businesses.get(w.beneficiaryId)?.businessName ?? '',
        category: businesses.get(w.beneficiaryId)?.category ?? '',
      })),
    };
  }

  /**
   * DOM-MKT-2, DOM-MKT-4: each entrepreneur's weeks held (assigned, not cancelled) in the 12 months before `month`,
   * and no-shows in the 6 months before, at this venue, counting published months only (a draft gave nothing yet).
   */
  async history(
    venueId: string,
    month: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, MarketHistory>> {
    const rows = await em.query<{ beneficiary_id: string; weeks: number; no_shows: number }[]>(
      `SELECT s.beneficiary_id,
              count(*) FILTER (WHERE s.status = 'assigned')::int AS weeks,
              count(*) FILTER (WHERE s.attendance = 'no_show' AND s.month >= $4)::int AS no_shows
         FROM market_slot s
         JOIN market_month m ON m.venue_id = s.venue_id AND m.month = s.month AND m.status = 'published'
        WHERE s.venue_id = $1 AND s.month < $2 AND s.month >= $3
        GROUP BY s.beneficiary_id`,
      [venueId, month, monthsBefore(month, 12), monthsBefore(month, 6)],
    );
    return new Map(rows.map((r) => [r.beneficiary_id, { weeksReceived12m: r.weeks, noShows6m: r.no_shows }]));
  }

  /**
   * Why each applicant is placed where they are: the allocation over the month's applications and history as they
   * are now (the same as the stored draft while nothing changed since it ran), keyed by beneficiary.
   */
  async explain(
    venue: MarketVenue,
    month: string,
  ): Promise<{ applicants: MarketApplicant[]; placements: Map<string, Placement> }> {
    const businesses = await this.applications.businesses(venue);
    const { applicants, result } = await this.compute(venue, month, this.dataSource.manager, businesses);
    return { applicants, placements: new Map(result.placements.map((p) => [p.applicantId, p])) };
  }

  private async compute(
    venue: MarketVenue,
    month: string,
    em: EntityManager,
    businesses: Map<string, Business>,
  ): Promise<{ applicants: MarketApplicant[]; result: AllocationResult }> {
    const applicants = await this.applications.ofMonth(venue, month, em, businesses);
    const history = await this.history(venue.id, month, em);
    const result = allocateMonth({
      weeks: weeksOfMonth(month, venue.ownDates).map((w) => ({ ...w, stands: venue.standsPerWeek })),
      categoryCapPerWeek: venue.categoryCapPerWeek,
      timeZone: venue.timeZone,
      applicants: applicants.map((a) => ({
        applicantId: a.beneficiaryId,
        category: a.category,
        appliedAt: a.appliedAt,
        preferredWeeks: a.preferredWeeks,
        weeksReceived12m: history.get(a.beneficiaryId)?.weeksReceived12m ?? 0,
        noShows6m: history.get(a.beneficiaryId)?.noShows6m ?? 0,
      })),
    });
    return { applicants, result };
  }
}
