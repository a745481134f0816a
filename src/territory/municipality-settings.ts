import type { CountryCode } from './territory.types';

export type CountryProfile = CountryCode;

/** A JJVV founders minimum by commune population: the first band whose `upTo` covers the population applies. */
export interface PopulationBand {
  upTo: number | null;
  minimum: number;
}

/**
 * Rule parameters that statutes and municipal practice vary (DOMAIN.md rules marked "(config)"). Each
 * municipality keeps its own copy, seeded with these defaults; rules read them from here, never from literals.
 */
export interface MunicipalitySettings {
  /** Identity documents of the country profile (DOM-RUT-1, DOM-ID-PE). */
  identity: { person: 'rut' | 'dni'; organisation: 'rut' | 'ruc' };
  /** DOM-ORG-3: minimum founders present at the constitutive assembly. */
  foundersMinimum: {
    functionalOrganization: { urban: number; rural: number };
    neighbourhoodCouncilByPopulation: PopulationBand[];
    /** Kinds without a minimum in DOM-ORG-3 (trade associations: DL 2.757 minimum unconfirmed; Peruvian kinds). 0: none. */
    other: number;
  };
  /** DOM-ORG-4: minimum member age per kind; members under `guardianConsentUnder` need a guardian's consent. */
  memberMinimumAge: { neighbourhoodCouncil: number; functionalOrganization: number; other: number };
  guardianConsentUnder: number;
  /** DOM-MTG-3: statute notice period for a convocation, in days. */
  convocationNoticeDays: number;
  /** DOM-MTG-6: quorum. First call floor(n/2)+1 of active members; second call a statute minimum. */
  quorum: { firstCall: 'absolute_majority'; secondCallMinimum: number };
  /** DOM-MTG-7: the majority agreements use unless the item says otherwise. */
  defaultMajority: 'simple' | 'absolute' | 'two_thirds';
  /** DOM-ORG-14 (Peru): years a neighbourhood organisation's recognition lasts. */
  recognitionYears: number | null;
}

export const CHILE_DEFAULT_SETTINGS: MunicipalitySettings = {
  identity: { person: 'rut', organisation: 'rut' },
  foundersMinimum: {
    functionalOrganization: { urban: 15, rural: 10 },
    neighbourhoodCouncilByPopulation: [
      { upTo: 10_000, minimum: 50 },
      { upTo: 30_000, minimum: 100 },
      { upTo: 100_000, minimum: 150 },
      { upTo: null, minimum: 200 },
    ],
    other: 0,
  },
  memberMinimumAge: { neighbourhoodCouncil: 14, functionalOrganization: 15, other: 15 },
  guardianConsentUnder: 16,
  convocationNoticeDays: 5,
  quorum: { firstCall: 'absolute_majority', secondCallMinimum: 1 },
  defaultMajority: 'simple',
  recognitionYears: null,
};

export const PERU_DEFAULT_SETTINGS: MunicipalitySettings = {
  ...CHILE_DEFAULT_SETTINGS,
  identity: { person: 'dni', organisation: 'ruc' },
  recognitionYears: 2,
};

export function defaultSettingsFor(country: CountryProfile): MunicipalitySettings {
  return structuredClone(country === 'PE' ? PERU_DEFAULT_SETTINGS : CHILE_DEFAULT_SETTINGS);
}

/** DOM-ORG-3: the JJVV founders minimum for a commune's population (the largest band when unknown). */
export function neighbourhoodCouncilFoundersMinimum(settings: MunicipalitySettings, population: number | null): number {
  const bands = settings.foundersMinimum.neighbourhoodCouncilByPopulation;
  if (population === null) return bands[bands.length - 1].minimum;
  const band = bands.find((b) => b.upTo === null || population <= b.upTo);
  return (band ?? bands[bands.length - 1]).minimum;
}

const REGION_ZONES: Record<string, string> = {
  '12': 'America/Punta_Arenas', // Magallanes y de la Antártica Chilena
  '11': 'America/Coyhaique', // Aysén, where the runtime's zone data has it (tzdata 2025b+)
};
const COMMUNE_ZONES: Record<string, string> = {
  '05201': 'Pacific/Easter', // Isla de Pascua
};

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** DOM-FMT-2: the business time zone seeded for a commune. */
export function timeZoneForCommune(country: CountryCode, communeCode: string, regionCode: string): string {
  if (country === 'PE') return 'America/Lima';
  const zone = COMMUNE_ZONES[communeCode] ?? REGION_ZONES[regionCode] ?? 'America/Santiago';
  return isKnownTimeZone(zone) ? zone : 'America/Santiago';
}
