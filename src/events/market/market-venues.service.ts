import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { hasRole, isAdmin } from '../../common/access/actor';
import { ProgramsService } from '../../programs/programs.service';
import { TablesService } from '../../tables/tables.service';
import { TerritoryService } from '../../territory/territory.service';
import { weeksOfMonth } from './allocation';
import type { MarketVenueDto } from './dto/market-venue.dto';
import { MarketVenue } from './entities/market-venue.entity';
import { MarketException } from './market.exception';
import { marketTexts } from './market.messages';
import { managesVenue, venueScope } from './market-venue-access';
import { inVenueProgram } from './market-audit';
import { findById } from '../../database/entity-reads';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A venue as the API answers it (API.md: 201 venue). */
export interface MarketVenueView {
  id: string;
  name: string;
  address: string;
  communeCode: string;
  programId: string | null;
  tableId: string | null;
  standsPerWeek: number;
  categoryCapPerWeek: number | null;
  ownDates: string[] | null;
  timeZone: string;
  createdAt: string;
  version: number;
}

export function venueView(v: MarketVenue): MarketVenueView {
  return {
    id: v.id,
    name: v.name,
    address: v.address,
    communeCode: v.communeCode,
    programId: v.programId,
    tableId: v.tableId,
    standsPerWeek: v.standsPerWeek,
    categoryCapPerWeek: v.categoryCapPerWeek,
    ownDates: v.ownDates,
    timeZone: v.timeZone,
    createdAt: v.createdAt.toISOString(),
    version: v.version,
  };
}

/**
 * Market venues (DOM-MKT-1): created by the program's officers (or the administration, or a table's coordinators
 * for the table's venue), each with its stands per week, an optional cap per business category, and its weeks.
 * `load` is the access check every market service asks first (M2's operations too).
 */
@Injectable()
export class MarketVenuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly tables: TablesService,
    private readonly territory: TerritoryService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: MarketVenueDto, context: AuditContext = {}): Promise<MarketVenueView> {
    // a venue's entrepreneurs are always the beneficiaries of its program: a table's venue names the program too
    if (!dto.programId) throw MarketException.field('programId', marketTexts.programRequired());
    const ownsTable = !!dto.tableId && (isAdmin(actor) || hasRole(actor, 'table_coordinator', dto.tableId));
    if (!ownsTable) await this.programs.load(actor, dto.programId, context); // 404 outside the actor's programs
    if (dto.tableId && !(await this.tables.exists(dto.tableId)))
      throw MarketException.field('tableId', marketTexts.tableUnknown());
    if (ownsTable && !(await this.programs.exists(dto.programId)))
      throw MarketException.field('programId', marketTexts.programRequired());
    const municipality = await this.territory.municipalityContext(dto.communeCode);
    if (!municipality)
      throw MarketException.field('communeCode', marketTexts.communeUnknown({ code: dto.communeCode }));
    const ownDates = dto.ownDates?.length ? [...new Set(dto.ownDates)].sort() : null;
    return this.dataSource.transaction(async (em) => {
      const venue = await em.save(
        em.create(MarketVenue, {
          name: dto.name.trim(),
          address: dto.address.trim(),
          communeCode: dto.communeCode,
          programId: dto.programId ?? null,
          tableId: dto.tableId ?? null,
          standsPerWeek: dto.standsPerWeek,
          categoryCapPerWeek: dto.categoryCapPerWeek ?? null,
          ownDates,
          timeZone: municipality.timeZone || 'America/Santiago',
          createdBy: actor.id,
        }),
      );
      await this.audit.record(
        { ...context, userId: actor.id },
        inVenueProgram(venue, 'market.venue.created', 'market_venue', venue.id),
        em,
      );
      return venueView(venue);
    });
  }

  /** The venue for someone who manages it (404 for anyone else, the same answer whether it exists or not). */
  async load(actor: Actor, venueId: string, em?: EntityManager): Promise<MarketVenue> {
    const venue = await this.find(venueId, em);
    if (!venue || !managesVenue(actor, venue)) throw MarketException.notFound();
    return venue;
  }

  /** The venue whoever asks (the caller checks the access: an entrepreneur applying for themself). */
  async find(venueId: string, em?: EntityManager): Promise<MarketVenue | null> {
    if (!UUID.test(venueId)) return null;
    return findById(em ?? this.dataSource.manager, MarketVenue, venueId);
  }

  async get(
    actor: Actor,
    venueId: string,
    month?: string,
  ): Promise<MarketVenueView & { month?: string; weeks?: { startsOn: string; endsOn: string }[] }> {
    const venue = await this.load(actor, venueId);
    return { ...venueView(venue), ...(month ? { month, weeks: weeksOfMonth(month, venue.ownDates) } : {}) };
  }

  /** The venues the actor manages, optionally of one program (its officers' page). */
  async list(actor: Actor, programId?: string): Promise<MarketVenueView[]> {
    const scope = venueScope(actor);
    const qb = this.dataSource.manager.createQueryBuilder(MarketVenue, 'v').orderBy('v.name').addOrderBy('v.id');
    if (programId) qb.andWhere('v.program_id = :programId', { programId });
    if (scope)
      qb.andWhere('(v.program_id = ANY(:programs) OR v.table_id = ANY(:tables))', {
        programs: scope.programIds,
        tables: scope.tableIds,
      });
    return (await qb.getMany()).map(venueView);
  }

  /** The venues of some programs (an entrepreneur's: the programs they are a beneficiary of). */
  async ofPrograms(programIds: string[]): Promise<MarketVenue[]> {
    if (!programIds.length) return [];
    return this.dataSource.manager
      .createQueryBuilder(MarketVenue, 'v')
      .where('v.program_id = ANY(:programIds)', { programIds })
      .orderBy('v.name')
      .addOrderBy('v.id')
      .getMany();
  }
}
