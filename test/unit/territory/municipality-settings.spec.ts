import {
  CHILE_DEFAULT_SETTINGS,
  neighbourhoodCouncilFoundersMinimum,
  timeZoneForCommune,
} from '../../../src/territory/municipality-settings';
import { readReferenceData } from '../../../src/territory/territory-reference.service';

describe('municipality settings and reference data', () => {
  it('DOM-ORG-3: JJVV founders minimum by commune population (config bands)', () => {
    const min = (p: number | null) => neighbourhoodCouncilFoundersMinimum(CHILE_DEFAULT_SETTINGS, p);
    expect([
      min(321),
      min(10_000),
      min(10_001),
      min(30_000),
      min(30_001),
      min(100_000),
      min(100_001),
      min(221_054),
    ]).toEqual([50, 50, 100, 100, 150, 150, 200, 200]);
    expect(min(null)).toBe(200);
  });

  it('DOM-FMT-2: seeds Magallanes, Aysén, Isla de Pascua and Peru with their own zones', () => {
    expect(timeZoneForCommune('CL', '04101', '04')).toBe('America/Santiago');
    expect(timeZoneForCommune('CL', '12101', '12')).toBe('America/Punta_Arenas');
    expect(timeZoneForCommune('CL', '11101', '11')).toBe('America/Coyhaique');
    expect(timeZoneForCommune('CL', '05201', '05')).toBe('Pacific/Easter');
    expect(timeZoneForCommune('PE', 'PE-130102', 'PE-13')).toBe('America/Lima');
  });

  it('reads the 346 communes (SUBDERE codes, Censo 2017) and the Trujillo districts from resources/', () => {
    const data = readReferenceData();
    const chile = data.communes.filter((c) => c.country === 'CL');
    expect(chile).toHaveLength(346);
    expect(new Set(chile.map((c) => c.code)).size).toBe(346);
    expect(
      chile.every(
        (c) => /^\d{5}$/.test(c.code) && c.code.startsWith(c.provinceCode) && c.provinceCode.startsWith(c.regionCode),
      ),
    ).toBe(true);
    expect(chile.reduce((s, c) => s + (c.population ?? 0), 0)).toBe(17_574_003);
    expect(data.regions.filter((r) => r.country === 'CL')).toHaveLength(16);
    expect(data.provinces.filter((p) => !p.code.startsWith('PE-'))).toHaveLength(56);
    const porvenir = data.communes.find((c) => c.code === 'PE-130102');
    expect(porvenir).toMatchObject({
      name: 'El Porvenir',
      provinceCode: 'PE-1301',
      regionCode: 'PE-13',
      population: null,
    });
  });
});
