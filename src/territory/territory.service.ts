import { Injectable } from '@nestjs/common';
import { TerritoryRepository } from './territory.repository';
import { CommuneView, MunicipalityView, toCommuneView, toMunicipalityView } from './territory.view-model';

export interface RegionWithCommunes {
  code: string;
  name: string;
  communes: CommuneView[];
}

@Injectable()
export class TerritoryService {
  constructor(private readonly territory: TerritoryRepository) {}

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
    const regions = await this.territory.findRegionNames([...new Set(municipalities.map((m) => m.commune?.regionCode ?? ''))]);
    return municipalities.map((m) => toMunicipalityView(m, regions.get(m.commune?.regionCode ?? '') ?? ''));
  }
}
