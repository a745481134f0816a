import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
import { uuidV5 } from '../common/ids';
import { fromRoot } from '../config/paths';
import { foldForSearch } from '../common/text';
import { SystemSettingsRepository } from '../database/system-settings.repository';
import { Commune } from './entities/commune.entity';
import { Municipality } from './entities/municipality.entity';
import { Province } from './entities/province.entity';
import { Region } from './entities/region.entity';
import { defaultSettingsFor, timeZoneForCommune } from './municipality-settings';
import { TerritoryRepository } from './territory.repository';
import type { CountryCode } from './territory.types';

interface ChileRow {
  code: string;
  name: string;
  province_code: string;
  province_name: string;
  region_code: string;
  region_name: string;
  population: string;
  population_source: string;
}
interface PeruRow {
  code: string;
  name: string;
  province_name: string;
  region_name: string;
  population: string;
  population_source: string;
}

export interface ReferenceData {
  regions: Region[];
  provinces: Province[];
  communes: Commune[];
}

/** The fixed id of a commune's municipality, the same on every installation. */
export function municipalityIdFor(communeCode: string): string {
  return uuidV5(`municipality:${communeCode}`);
}

const REFERENCE_FILES = ['communes-cl.csv', 'districts-pe-sample.csv'];
const REFERENCE_VERSION_KEY = 'territory.referenceVersion';
/** Bump when the code that maps the files changes (zones, names, settings of new municipalities). */
const REFERENCE_MAPPING_REVISION = 1;

function readCsv<T>(file: string): T[] {
  return parse(fs.readFileSync(fromRoot('resources', 'territory', file)), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    cast: false,
  }) as T[];
}

let communeNames: Map<string, string> | null = null;

/**
 * A commune's (or Peruvian district's) name from the reference files, without the database: read once per process.
 * For labels a page builds synchronously (the new-organisation form's list, shown again by its refusal filter).
 */
export function referenceCommuneName(code: string): string | undefined {
  communeNames ??= new Map(readReferenceData().communes.map((c) => [c.code, c.name]));
  return communeNames.get(code);
}

/** Chile's 346 communes (SUBDERE CUT 2018, Censo 2017) and the Trujillo districts (INEI ubigeo), from resources/. */
export function readReferenceData(): ReferenceData {
  const regions = new Map<string, Region>();
  const provinces = new Map<string, Province>();
  const communes: Commune[] = [];
  for (const r of readCsv<ChileRow>('communes-cl.csv')) {
    regions.set(r.region_code, { code: r.region_code, country: 'CL', name: r.region_name });
    provinces.set(r.province_code, { code: r.province_code, regionCode: r.region_code, name: r.province_name });
    communes.push(commune('CL', r.code, r.name, r.province_code, r.region_code, r.population, r.population_source));
  }
  for (const r of readCsv<PeruRow>('districts-pe-sample.csv')) {
    // INEI ubigeo: 2 digits department, 4 province, 6 district; prefixed with the country in codes (API.md).
    const regionCode = `PE-${r.code.slice(0, 2)}`;
    const provinceCode = `PE-${r.code.slice(0, 4)}`;
    regions.set(regionCode, { code: regionCode, country: 'PE', name: r.region_name });
    provinces.set(provinceCode, { code: provinceCode, regionCode, name: r.province_name });
    communes.push(commune('PE', `PE-${r.code}`, r.name, provinceCode, regionCode, r.population, r.population_source));
  }
  return { regions: [...regions.values()], provinces: [...provinces.values()], communes };
}

function commune(
  country: CountryCode,
  code: string,
  name: string,
  provinceCode: string,
  regionCode: string,
  population: string,
  populationSource: string,
): Commune {
  return {
    code,
    country,
    name,
    sortKey: foldForSearch(name),
    provinceCode,
    regionCode,
    population: population ? Number(population) : null,
    populationSource: populationSource || null,
  };
}

function municipalityName(c: Commune): string {
  if (c.country === 'CL') return `Municipalidad de ${c.name}`;
  // Peru: the district of the provincial capital is run by the provincial municipality.
  return c.code.endsWith('01') ? `Municipalidad Provincial de ${c.name}` : `Municipalidad Distrital de ${c.name}`;
}

@Injectable()
export class TerritoryReferenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly territory: TerritoryRepository,
    private readonly settings: SystemSettingsRepository,
  ) {}

  /** A hash of the reference files and of the code that maps them, so an unchanged start skips the sync. */
  referenceVersion(): string {
    const hash = createHash('sha256');
    for (const file of REFERENCE_FILES) hash.update(fs.readFileSync(fromRoot('resources', 'territory', file)));
    hash.update(`mapping:${REFERENCE_MAPPING_REVISION}`);
    return hash.digest('hex').slice(0, 16);
  }

  /** Syncs when the reference files changed since the last sync (or never ran); see sync(). */
  async syncIfChanged(): Promise<{ synced: boolean; municipalitiesCreated: number }> {
    const version = this.referenceVersion();
    if ((await this.settings.get<string>(REFERENCE_VERSION_KEY)) === version)
      return { synced: false, municipalitiesCreated: 0 };
    const { municipalitiesCreated } = await this.sync(version);
    return { synced: true, municipalitiesCreated };
  }

  /**
   * Brings regions, provinces, communes and one municipality per commune up to date with the reference files.
   * Idempotent: run at every start; municipalities that exist keep their settings.
   */
  async sync(version = this.referenceVersion()): Promise<{ communes: number; municipalitiesCreated: number }> {
    const data = readReferenceData();
    return this.dataSource.transaction(async (em) => {
      await this.territory.upsertRegions(data.regions, em);
      await this.territory.upsertProvinces(data.provinces, em);
      await this.territory.upsertCommunes(data.communes, em);
      const municipalities: Partial<Municipality>[] = data.communes.map((c) => ({
        id: municipalityIdFor(c.code),
        communeCode: c.code,
        name: municipalityName(c),
        timeZone: timeZoneForCommune(c.country, c.code, c.regionCode),
        countryProfile: c.country,
        settings: defaultSettingsFor(c.country),
      }));
      const municipalitiesCreated = await this.territory.insertMissingMunicipalities(municipalities, em);
      await this.settings.put(REFERENCE_VERSION_KEY, version, em);
      return { communes: data.communes.length, municipalitiesCreated };
    });
  }
}
