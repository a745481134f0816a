import type { Municipality } from './entities/municipality.entity';
import type { CommuneRow } from './territory.repository';

export interface CommuneView {
  code: string;
  name: string;
  provinceCode: string;
  regionCode: string;
  population: number | null;
  timeZone: string;
}

export function toCommuneView(row: CommuneRow): CommuneView {
  return {
    code: row.code,
    name: row.name,
    provinceCode: row.provinceCode,
    regionCode: row.regionCode,
    population: row.population === null ? null : Number(row.population),
    timeZone: row.timeZone,
  };
}

export interface MunicipalityView {
  id: string;
  communeCode: string;
  name: string;
  communeName: string;
  regionName: string;
  officeName: string;
  timeZone: string;
  countryProfile: string;
}

export function toMunicipalityView(m: Municipality, regionName: string): MunicipalityView {
  return {
    id: m.id,
    communeCode: m.communeCode,
    name: m.name,
    communeName: m.commune?.name ?? '',
    regionName,
    officeName: m.officeName ?? '',
    timeZone: m.timeZone,
    countryProfile: m.countryProfile,
  };
}
