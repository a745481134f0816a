import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { TerritoryService } from '../../territory/territory.service';
import { FundCall } from './entities/fund-call.entity';
import type { FundCallState, FundTargetApplicant } from './fund-call-categories';
import type { TerritoryIndex } from './fund-call-input';
import { fundCallState, localDateTime, resolveLocal } from './fund-call-state';
import { FundException } from './funds.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A call as the API answers it (API.md: "call with `state`"); local times in its zone, instants in UTC beside. */
export interface FundCallView {
  id: string;
  institution: { id: string; name: string };
  name: string;
  year: number;
  scope: string;
  regionCodes: string[];
  communeCodes: string[];
  category: string;
  targetApplicant: string;
  associationKinds: string[] | null;
  amountMinClp: number | null;
  amountMaxClp: number | null;
  opensAt: string;
  closesAt: string;
  timeZone: string;
  opensAtUtc: string;
  closesAtUtc: string;
  state: FundCallState;
  url: string | null;
  requirements: FundCall['requirements'];
  description: string | null;
  ownerProgramId: string | null;
  ownerCommuneCode: string | null;
  version: number;
}

/** The filters of the calendar (API.md: `?state=&month=&communeCode=&category=&targetApplicant=`). */
export interface FundCallFilter {
  state?: FundCallState;
  /** `2027-04`: the calls open at some moment of that month (America/Santiago's month). */
  month?: string;
  communeCode?: string;
  category?: string;
  targetApplicant?: string;
}

/**
 * Reading fund calls (DOM-FND-1, DOM-FND-3): one call, the calendar's filtered list, the calls that apply to a place
 * (national, its region's, its commune's) and a call's state now. Exported from FundsModule: matching, delivery and
 * feeds read calls only through it. The calendar is public (ARCHITECTURE §6), so reads take no actor.
 */
@Injectable()
export class FundCallsService {
  private territoryCache: { at: number; index: TerritoryIndex } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly territory: TerritoryService,
  ) {}

  /** DOM-FND-3: the state now (or at `now`) in the call's zone; `closing_soon` from FUND_CLOSING_SOON_DAYS. */
  stateOf(call: Pick<FundCall, 'opensAt' | 'closesAt' | 'timeZone'>, now: Date = this.clock.now()): FundCallState {
    return fundCallState(call, now, this.config.funds.closingSoonDays);
  }

  /** The call, or null (also for an id that is not a uuid). */
  async find(id: string, em?: EntityManager): Promise<FundCall | null> {
    if (!UUID.test(id)) return null;
    return (em ?? this.dataSource.manager).findOne(FundCall, { where: { id }, relations: { institution: true } });
  }

  /** The call as the API answers it; 404 when it does not exist. */
  async get(id: string): Promise<FundCallView> {
    const call = await this.find(id);
    if (!call) throw FundException.notFound();
    return this.view(call);
  }

  /**
   * The calls that apply to a place: national ones, regional ones of its region, communal ones of its commune
   * (DOM-FND-2 matches an association against these). `states` keeps only calls in those states now.
   */
  async listInTerritory(
    place: { communeCode: string; regionCode?: string | null },
    options: { states?: FundCallState[]; targetApplicant?: FundTargetApplicant; now?: Date } = {},
  ): Promise<FundCall[]> {
    const regionCode =
      place.regionCode ?? (await this.territoryIndex()).communes.get(place.communeCode)?.regionCode ?? null;
    const qb = this.dataSource
      .createQueryBuilder(FundCall, 'c')
      .leftJoinAndSelect('c.institution', 'i')
      .where(this.appliesTo(place.communeCode, regionCode))
      .orderBy('c.closes_at')
      .addOrderBy('c.name');
    if (options.targetApplicant) qb.andWhere('c.target_applicant = :target', { target: options.targetApplicant });
    const now = options.now ?? this.clock.now();
    if (options.states && !options.states.includes('closed')) qb.andWhere('c.closes_at > :now', { now });
    if (options.states && !options.states.includes('upcoming')) qb.andWhere('c.opens_at <= :now', { now });
    const rows = await qb.getMany();
    return options.states ? rows.filter((c) => options.states?.includes(this.stateOf(c, now))) : rows;
  }

  /** The calendar's list, filtered, soonest close first (API.md GET /api/v1/fund-calls). */
  async list(filter: FundCallFilter = {}): Promise<FundCallView[]> {
    const now = this.clock.now();
    const qb = this.dataSource
      .createQueryBuilder(FundCall, 'c')
      .leftJoinAndSelect('c.institution', 'i')
      .orderBy('c.closes_at')
      .addOrderBy('c.name')
      .take(2000);
    if (filter.category) qb.andWhere('c.category = :category', { category: filter.category });
    if (filter.targetApplicant) qb.andWhere('c.target_applicant = :target', { target: filter.targetApplicant });
    if (filter.communeCode) {
      const regionCode = (await this.territoryIndex()).communes.get(filter.communeCode)?.regionCode ?? null;
      qb.andWhere(this.appliesTo(filter.communeCode, regionCode));
    }
    if (filter.month) {
      const { from, to } = monthRange(filter.month);
      qb.andWhere('c.opens_at < :to AND c.closes_at > :from', { from, to });
    }
    if (filter.state === 'upcoming') qb.andWhere('c.opens_at > :now', { now });
    if (filter.state === 'closed') qb.andWhere('c.closes_at <= :now', { now });
    if (filter.state === 'open' || filter.state === 'closing_soon')
      qb.andWhere('c.opens_at <= :now AND c.closes_at > :now', { now });
    const views = (await qb.getMany()).map((c) => this.view(c, now));
    return filter.state ? views.filter((v) => v.state === filter.state) : views;
  }

  /** Whether the user asked for the call's reminders (fund_subscription, DOM-FND-3). */
  async isSubscribed(userId: string, callId: string): Promise<boolean> {
    if (!UUID.test(callId)) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM fund_subscription WHERE fund_call_id = $1 AND user_id = $2`,
      [callId, userId],
    );
    return rows.length > 0;
  }

  view(call: FundCall, now: Date = this.clock.now()): FundCallView {
    return {
      id: call.id,
      institution: { id: call.institutionId, name: call.institution?.name ?? '' },
      name: call.name,
      year: call.year,
      scope: call.scope,
      regionCodes: call.regionCodes,
      communeCodes: call.communeCodes,
      category: call.category,
      targetApplicant: call.targetApplicant,
      associationKinds: call.associationKinds,
      amountMinClp: call.amountMinClp,
      amountMaxClp: call.amountMaxClp,
      opensAt: localDateTime(call.opensAt, call.timeZone),
      closesAt: localDateTime(call.closesAt, call.timeZone),
      timeZone: call.timeZone,
      opensAtUtc: call.opensAt.toISOString(),
      closesAtUtc: call.closesAt.toISOString(),
      state: this.stateOf(call, now),
      url: call.url,
      requirements: call.requirements,
      description: call.description,
      ownerProgramId: call.ownerProgramId,
      ownerCommuneCode: call.ownerCommuneCode,
      version: call.version,
    };
  }

  /** Regions and communes (with their municipality's zone), read once per instance and kept an hour. */
  async territoryIndex(): Promise<TerritoryIndex> {
    const now = Date.now();
    if (this.territoryCache && now - this.territoryCache.at < 3_600_000) return this.territoryCache.index;
    const { regions } = await this.territory.communesByRegion({});
    const index: TerritoryIndex = { regions: new Map(), communes: new Map() };
    for (const r of regions) {
      index.regions.set(r.code, r.name);
      for (const c of r.communes)
        index.communes.set(c.code, { name: c.name, regionCode: c.regionCode, timeZone: c.timeZone });
    }
    this.territoryCache = { at: now, index };
    return index;
  }

  private appliesTo(communeCode: string, regionCode: string | null): Brackets {
    return new Brackets((w) => {
      w.where("c.scope = 'national'")
        // `@>`, not `= ANY`: the calls' GIN indexes serve it (issue 21 item 2)
        .orWhere('c.commune_codes @> ARRAY[CAST(:commune AS text)]', { commune: communeCode })
        .orWhere('c.region_codes @> ARRAY[CAST(:region AS text)]', { region: regionCode ?? '' });
    });
  }
}

/** The instants a month (`2027-04`) spans in America/Santiago, the calendar's month. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const at = (local: string) => {
    // midnight may not exist on a DST day (September): the first minute that does
    for (const time of ['T00:00', 'T01:00']) {
      const r = resolveLocal(`${local}${time}`, 'America/Santiago');
      if (r.ok) return r.instant;
    }
    return new Date(`${local}T04:00:00Z`);
  };
  return { from: at(`${month}-01`), to: at(`${next}-01`) };
}
