import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { escapeLike, foldForSearch } from '../common/text';
import { entityColumns, toEntity } from '../database/entity-reads';
import { Commune } from './entities/commune.entity';
import { Municipality } from './entities/municipality.entity';
import { Province } from './entities/province.entity';
import { Region } from './entities/region.entity';

export interface CommuneRow {
  code: string;
  name: string;
  provinceCode: string;
  regionCode: string;
  country: string;
  population: number | null;
  timeZone: string;
}

@Injectable()
export class TerritoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  async upsertRegions(rows: Region[], em?: EntityManager): Promise<void> {
    await this.manager(em).upsert(Region, rows, ['code']);
  }

  async upsertProvinces(rows: Province[], em?: EntityManager): Promise<void> {
    await this.manager(em).upsert(Province, rows, ['code']);
  }

  async upsertCommunes(rows: Commune[], em?: EntityManager): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await this.manager(em).upsert(Commune, rows.slice(i, i + 200), ['code']);
    }
  }

  /** Adds the municipalities that are missing; existing ones keep the settings they changed. */
  async insertMissingMunicipalities(rows: Partial<Municipality>[], em?: EntityManager): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += 200) {
      const result = await this.manager(em)
        .createQueryBuilder()
        .insert()
        .into(Municipality)
        .values(rows.slice(i, i + 200))
        .orIgnore()
        .returning(['id'])
        .execute();
      inserted += result.raw.length;
    }
    return inserted;
  }

  /** Communes with their municipality's time zone, ordered by region then Spanish name. */
  async searchCommunes(filter: { q?: string; regionCode?: string; country?: string }): Promise<CommuneRow[]> {
    const qb = this.dataSource
      .createQueryBuilder(Commune, 'c')
      .innerJoin(Municipality, 'm', 'm.commune_code = c.code')
      .select([
        'c.code AS code',
        'c.name AS name',
        'c.province_code AS "provinceCode"',
        'c.region_code AS "regionCode"',
        'c.country AS country',
        'c.population AS population',
        'm.time_zone AS "timeZone"',
      ])
      .orderBy('c.region_code')
      .addOrderBy('c.sort_key');
    if (filter.q) qb.andWhere("c.sort_key LIKE :q ESCAPE '\\'", { q: `%${escapeLike(foldForSearch(filter.q))}%` });
    if (filter.regionCode) qb.andWhere('c.region_code = :regionCode', { regionCode: filter.regionCode });
    if (filter.country) qb.andWhere('c.country = :country', { country: filter.country });
    return qb.getRawMany<CommuneRow>();
  }

  /** Communes with a municipality, by name (all, or those of `codes`), for the pages that name a role's commune. */
  communesWithMunicipality(codes: string[] | null): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(
      `SELECT c.code AS id, c.name FROM commune c JOIN municipality m ON m.commune_code = c.code WHERE $1::text[] IS NULL OR c.code = ANY($1) ORDER BY c.name, c.code`,
      [codes],
    );
  }

  /**
   * The municipality with its commune, in one fixed statement: most pages read it, and building it through the query
   * builder cost 2% of the association page's CPU at 32 connections (issue 21; findOne with `relations` sent two).
   */
  async findMunicipalityByCommune(communeCode: string, em?: EntityManager): Promise<Municipality | null> {
    const m = this.manager(em);
    const municipality = entityColumns(m, Municipality, 'm');
    const commune = entityColumns(m, Commune, 'c', 'c_');
    const [row] = (await m.query(
      `SELECT ${municipality.select}, ${commune.select}
         FROM ${municipality.table} m JOIN ${commune.table} c ON c.code = m.commune_code
        WHERE m.commune_code = $1`,
      [communeCode],
    )) as Record<string, unknown>[];
    if (!row) return null;
    const found = toEntity(m, Municipality, 'm', row);
    found.commune = toEntity(m, Commune, 'c', row, 'c_');
    return found;
  }

  async markMunicipalityOnboarded(
    communeCode: string,
    details: { onboardedAt: Date; officeName: string; contactEmail: string | null; address: string | null },
    em?: EntityManager,
  ): Promise<boolean> {
    const result = await this.manager(em).update(Municipality, { communeCode }, details);
    return (result.affected ?? 0) > 0;
  }

  /** Municipalities using the portal, for the home page. */
  findOnboardedMunicipalities(): Promise<Municipality[]> {
    return this.dataSource
      .getRepository(Municipality)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.commune', 'c')
      .where('m.onboarded_at IS NOT NULL')
      .orderBy('c.country')
      .addOrderBy('c.sort_key')
      .getMany();
  }

  async findRegionNames(codes: string[], em?: EntityManager): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.manager(em)
      .getRepository(Region)
      .findBy({ code: In(codes) });
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
