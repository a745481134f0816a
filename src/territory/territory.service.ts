import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { territoryTexts } from './territory.messages';
import type { MunicipalitySettings } from './municipality-settings';
import { TerritoryRepository } from './territory.repository';
import { CommuneView, MunicipalityView, toCommuneView, toMunicipalityView } from './territory.view-model';

/** What rules of another module need to know about a commune's municipality (settings, zone, population). */
export interface MunicipalityContext {
  communeCode: string;
  communeName: string;
  population: number | null;
  country: 'CL' | 'PE';
  timeZone: string;
  settings: MunicipalitySettings;
}

export interface RegionWithCommunes {
  code: string;
  name: string;
  communes: CommuneView[];
}

@Injectable()
export class TerritoryService {
  constructor(private readonly territory: TerritoryRepository) {}

  /** The municipality of a commune with its settings, or null when the code is unknown. */
  async municipalityContext(communeCode: string, em?: EntityManager): Promise<MunicipalityContext | null> {
    const m = await this.territory.findMunicipalityByCommune(communeCode, em);
    if (!m || !m.commune) return null;
    return {
      communeCode: m.communeCode,
      communeName: m.commune.name,
      population: m.commune.population,
      country: m.commune.country,
      timeZone: m.timeZone,
      settings: m.settings,
    };
  }

  async listCommunes(filter: { q?: string; regionCode?: string }): Promise<CommuneView[]> {
    return (await this.territory.searchCommunes(filter)).map(toCommuneView);
  }

  /** Communes grouped by region, for the public page. */
  async communesByRegion(filter: { q?: string }): Promise<{ regions: RegionWithCommunes[]; total: number }> {
    const communes = await this.listCommunes(filter);
    const regions = await this.territory.findRegionNames([...new Set(communes.map((c) => c.regionCode))]);
    const grouped = new Map<string, RegionWithCommunes>();
    for (const c of communes) {
      let group = grouped.get(c.regionCode);
      if (!group) {
        group = { code: c.regionCode, name: regions.get(c.regionCode) ?? c.regionCode, communes: [] };
        grouped.set(c.regionCode, group);
      }
      group.communes.push(c);
    }
    return { regions: [...grouped.values()], total: communes.length };
  }

  async onboardedMunicipalities(): Promise<MunicipalityView[]> {
    const municipalities = await this.territory.findOnboardedMunicipalities();
    const regions = await this.territory.findRegionNames([
      ...new Set(municipalities.map((m) => m.commune?.regionCode ?? '')),
    ]);
    return municipalities.map((m) => toMunicipalityView(m, regions.get(m.commune?.regionCode ?? '') ?? ''));
  }

  /** A municipality starts using the portal (its office and contact appear on the home page). */
  async onboardMunicipality(
    communeCode: string,
    details: { officeName: string; contactEmail?: string | null; address?: string | null; at: Date },
    em?: EntityManager,
  ): Promise<MunicipalityView> {
    const updated = await this.territory.markMunicipalityOnboarded(
      communeCode,
      {
        onboardedAt: details.at,
        officeName: details.officeName,
        contactEmail: details.contactEmail ?? null,
        address: details.address ?? null,
      },
      em,
    );
    if (!updated)
      throw new DomainException(
        'COMMUNE_NOT_FOUND',
        territoryTexts.communeUnknown({ code: communeCode }),
        HttpStatus.NOT_FOUND,
      );
    const municipality = await this.territory.findMunicipalityByCommune(communeCode, em);
    const regions = await this.territory.findRegionNames([municipality?.commune?.regionCode ?? ''], em);
    return toMunicipalityView(municipality!, regions.get(municipality?.commune?.regionCode ?? '') ?? '');
  }
}
