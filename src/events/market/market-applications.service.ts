import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { formatDate } from '../../common/format/dates';
import { BeneficiariesService } from '../../programs/beneficiaries.service';
import { weeksOfMonth } from './allocation';
import type { MarketApplicationDto } from './dto/market-venue.dto';
import { MarketApplication } from './entities/market-application.entity';
import { MarketMonth } from './entities/market-month.entity';
import type { MarketVenue } from './entities/market-venue.entity';
import { MarketException } from './market.exception';
import { marketTexts } from './market.messages';
import { managesVenue } from './market-venue-access';
import { MarketVenuesService } from './market-venues.service';
import { inVenueProgram } from './market-audit';

/** An application as the API answers it. */
export interface MarketApplicationView {
  id: string;
  venueId: string;
  beneficiaryId: string;
  month: string;
  preferredWeeks: string[];
  appliedAt: string;
  appliedByUserId: string | null;
}

/** A business of the venue's program, as the pages and the allocation show it. */
export interface Business {
  businessName: string;
  category: string;
  fullName: string;
}

/** An application with the business it is for (the venue page's list, the allocation's input). */
export interface MarketApplicant extends MarketApplicationView {
  businessName: string;
  category: string;
  fullName: string;
}

const view = (a: MarketApplication): MarketApplicationView => ({
  id: a.id,
  venueId: a.venueId,
  beneficiaryId: a.beneficiaryId,
  month: a.month,
  preferredWeeks: a.preferredWeeks,
  appliedAt: a.appliedAt.toISOString(),
  appliedByUserId: a.appliedByUserId,
});

/**
 * Applications for a month at a venue (DOM-MKT-2): by the program's officer (or whoever manages the venue) for any of
 * the program's beneficiaries, or by an entrepreneur with an account for their own business. One per entrepreneur,
 * venue and month; the preferred weeks must be weeks of the month at the venue; a published month takes no more.
 */
@Injectable()
export class MarketApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: MarketVenuesService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async apply(
    actor: Actor,
    venueId: string,
    dto: MarketApplicationDto,
    context: AuditContext = {},
  ): Promise<MarketApplicationView> {
    const venue = await this.venues.find(venueId);
    if (!venue) throw MarketException.notFound();
    if (!managesVenue(actor, venue)) {
      // an entrepreneur of the venue's program applies for their own business only
      const own = await this.ownBusinesses(actor, venue);
      if (!own.length) throw MarketException.notFound();
      if (!own.includes(dto.beneficiaryId)) throw MarketException.forbidden(marketTexts.notYourApplication());
    }
    const preferredWeeks = this.checkWeeks(venue, dto.month, dto.preferredWeeks ?? []);
    // DOM-MKT-2: entrepreneurs are beneficiaries of the venue's program
    const [beneficiary] = venue.programId
      ? await this.beneficiaries.rows(venue.programId, { id: dto.beneficiaryId })
      : [];
    if (!beneficiary)
      throw MarketException.field('beneficiaryId', marketTexts.outsideVenueProgram(), 'OUTSIDE_VENUE_PROGRAM', 422);
    return this.dataSource.transaction(async (em) => {
      const month = await em.findOneBy(MarketMonth, { venueId: venue.id, month: dto.month });
      if (month?.status === 'published')
        throw MarketException.rule('ALLOCATION_PUBLISHED', marketTexts.monthPublished({ month: dto.month }), 'month');
      const existing = await em.findOneBy(MarketApplication, {
        venueId: venue.id,
        beneficiaryId: dto.beneficiaryId,
        month: dto.month,
      });
      if (existing) throw this.duplicate(dto.month);
      let saved: MarketApplication;
      try {
        saved = await em.save(
          em.create(MarketApplication, {
            venueId: venue.id,
            beneficiaryId: dto.beneficiaryId,
            month: dto.month,
            preferredWeeks,
            appliedAt: this.clock.now(),
            appliedByUserId: actor.id,
          }),
        );
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw this.duplicate(dto.month);
        throw err;
      }
      await this.audit.record(
        { ...context, userId: actor.id },
        inVenueProgram(venue, 'market.application.created', 'market_application', saved.id, {
          venueId: venue.id,
          month: dto.month,
        }),
        em,
      );
      return view(saved);
    });
  }

  /** The program's businesses by beneficiary id (read before a transaction: the programs module reads on its own). */
  async businesses(venue: Pick<MarketVenue, 'programId'>): Promise<Map<string, Business>> {
    if (!venue.programId) return new Map();
    const [rows, visible] = await Promise.all([
      this.beneficiaries.rows(venue.programId, {}),
      this.beneficiaries.visibleIds(venue.programId),
    ]);
    return new Map(
      rows.map((b) => [
        b.id,
        // DOM-PRG-3: a roster member whose association withdrew its consent keeps their stand, not their name
        visible.has(b.id)
          ? { businessName: b.businessName, category: b.businessCategory, fullName: b.fullName }
          : { businessName: marketTexts.reservedBusiness().es, category: b.businessCategory, fullName: '' },
      ]),
    );
  }

  /** The month's applications with their businesses, in the order they came. */
  async ofMonth(
    venue: MarketVenue,
    month: string,
    em: EntityManager = this.dataSource.manager,
    businesses?: Map<string, Business>,
  ): Promise<MarketApplicant[]> {
    const applications = await em.find(MarketApplication, {
      where: { venueId: venue.id, month },
      order: { appliedAt: 'ASC', id: 'ASC' },
    });
    if (!applications.length) return [];
    const known = businesses ?? (await this.businesses(venue));
    return applications.map((a) => ({
      ...view(a),
      ...(known.get(a.beneficiaryId) ?? { businessName: '', category: '', fullName: '' }),
    }));
  }

  /** The program's beneficiaries the officer's form offers. */
  async candidates(venue: MarketVenue): Promise<{ id: string; label: string }[]> {
    if (!venue.programId) return [];
    const visible = await this.beneficiaries.visibleIds(venue.programId);
    return (await this.beneficiaries.rows(venue.programId, {}))
      .filter((b) => visible.has(b.id))
      .map((b) => ({
        id: b.id,
        label: `${b.businessName} (${b.fullName}, ${b.businessCategory})`,
      }));
  }

  /** The actor's own businesses in the venue's program (an entrepreneur with an account). */
  async ownBusinesses(actor: Actor, venue: Pick<MarketVenue, 'programId'>): Promise<string[]> {
    if (!actor.personId || !venue.programId) return [];
    return (await this.beneficiaries.ofPerson(actor.personId))
      .filter((b) => b.programId === venue.programId)
      .map((b) => b.id);
  }

  /** An entrepreneur's businesses in every program, with the programs' venues (their apply form). */
  async ownVenues(actor: Actor): Promise<{ beneficiaryId: string; businessName: string; venues: MarketVenue[] }[]> {
    if (!actor.personId) return [];
    const businesses = await this.beneficiaries.ofPerson(actor.personId);
    const venues = await this.venues.ofPrograms([...new Set(businesses.map((b) => b.programId))]);
    return businesses
      .map((b) => ({
        beneficiaryId: b.id,
        businessName: b.businessName,
        venues: venues.filter((v) => v.programId === b.programId),
      }))
      .filter((b) => b.venues.length > 0);
  }

  /** The applications of an entrepreneur's businesses (their apply page lists them). */
  async ofBeneficiaries(beneficiaryIds: string[]): Promise<MarketApplicationView[]> {
    if (!beneficiaryIds.length) return [];
    const rows = await this.dataSource.manager
      .createQueryBuilder(MarketApplication, 'a')
      .where('a.beneficiary_id = ANY(:ids)', { ids: beneficiaryIds })
      .orderBy('a.month', 'DESC')
      .addOrderBy('a.applied_at')
      .getMany();
    return rows.map(view);
  }

  /** DOM-MKT-1: the preferred weeks are weeks of the month at this venue (each once, in the applicant's order). */
  private checkWeeks(venue: MarketVenue, month: string, preferred: string[]): string[] {
    const weeks = weeksOfMonth(month, venue.ownDates).map((w) => w.startsOn);
    if (!weeks.length)
      throw MarketException.field('month', marketTexts.monthHasNoWeeks({ month }), 'VALIDATION_FAILED', 422);
    const outside = preferred.find((w) => !weeks.includes(w));
    if (outside)
      throw MarketException.field(
        'preferredWeeks',
        marketTexts.weekOutsideMonth({
          week: formatDate(outside),
          month,
          weeks: weeks.map((w) => formatDate(w)).join(', '),
        }),
      );
    return [...new Set(preferred)];
  }

  private duplicate(month: string): MarketException {
    return MarketException.conflict(
      'APPLICATION_DUPLICATE',
      marketTexts.duplicateApplication({ month }),
      'beneficiaryId',
    );
  }
}
