import { readReferenceData, TerritoryReferenceService } from '../../../src/territory/territory-reference.service';
import { createTestApp, TestContext } from '../../support/test-app';

describe('Territory reference data in the database', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('holds all 346 communes of Chile in 56 provinces and 16 regions, with Censo 2017 population', async () => {
    const [row] = await ctx.query<{ communes: number; provinces: number; regions: number; population: string }>(
      `SELECT count(*)::int AS communes, count(DISTINCT province_code)::int AS provinces,
              count(DISTINCT region_code)::int AS regions, sum(population)::text AS population
         FROM commune WHERE country = 'CL'`,
    );
    expect(row).toEqual({ communes: 346, provinces: 56, regions: 16, population: '17574003' });
    const [serena] = await ctx.query(
      `SELECT name, province_code, region_code, population FROM commune WHERE code = '04101'`,
    );
    expect(serena).toEqual({ name: 'La Serena', province_code: '041', region_code: '04', population: 221054 });
  });

  it('DOM-FMT-2: gives every one of the 346 Chilean municipalities the time zone of its territory', async () => {
    const rows = await ctx.query<{ code: string; region_code: string; time_zone: string }>(
      `SELECT c.code, c.region_code, m.time_zone FROM municipality m JOIN commune c ON c.code = m.commune_code WHERE c.country = 'CL'`,
    );
    expect(rows).toHaveLength(346);
    const expected = (code: string, region: string) =>
      code === '05201'
        ? 'Pacific/Easter'
        : region === '12'
          ? 'America/Punta_Arenas'
          : region === '11'
            ? 'America/Coyhaique'
            : 'America/Santiago';
    const wrong = rows.filter((r) => r.time_zone !== expected(r.code, r.region_code));
    expect(wrong).toEqual([]);
    const zones = new Map<string, number>();
    for (const r of rows) zones.set(r.time_zone, (zones.get(r.time_zone) ?? 0) + 1);
    // Magallanes has 11 communes, Aysén 10, Isla de Pascua 1; the other 324 use America/Santiago.
    expect(Object.fromEntries(zones)).toEqual({
      'America/Santiago': 324,
      'America/Punta_Arenas': 11,
      'America/Coyhaique': 10,
      'Pacific/Easter': 1,
    });
  });

  it('DOM-FMT-2, DOM-ID-PE, DOM-ORG-14: has the Peruvian profile for El Porvenir (Trujillo): Lima time, DNI and RUC, 2-year recognition', async () => {
    const [m] = await ctx.query<{
      name: string;
      time_zone: string;
      country_profile: string;
      settings: Record<string, unknown>;
    }>(`SELECT name, time_zone, country_profile, settings FROM municipality WHERE commune_code = 'PE-130102'`);
    expect(m.name).toBe('Municipalidad Distrital de El Porvenir');
    expect(m.time_zone).toBe('America/Lima');
    expect(m.country_profile).toBe('PE');
    expect(m.settings).toMatchObject({ identity: { person: 'dni', organisation: 'ruc' }, recognitionYears: 2 });
    const [province] = await ctx.query(
      `SELECT p.name, r.name AS region FROM province p JOIN region r ON r.code = p.region_code WHERE p.code = 'PE-1301'`,
    );
    expect(province).toEqual({ name: 'Trujillo', region: 'La Libertad' });
  });

  it('DOM-ORG-3, DOM-ORG-4, DOM-MTG-3, DOM-MTG-6, DOM-MTG-7: seeds the "(config)" rule parameters with their defaults for Chilean municipalities', async () => {
    const [{ settings }] = await ctx.query<{ settings: Record<string, unknown> }>(
      `SELECT settings FROM municipality WHERE commune_code = '04101'`,
    );
    expect(settings).toEqual({
      identity: { person: 'rut', organisation: 'rut' },
      foundersMinimum: {
        functionalOrganization: { urban: 15, rural: 10 }, // DOM-ORG-3
        neighbourhoodCouncilByPopulation: [
          { upTo: 10000, minimum: 50 },
          { upTo: 30000, minimum: 100 },
          { upTo: 100000, minimum: 150 },
          { upTo: null, minimum: 200 },
        ],
        other: 0,
      },
      memberMinimumAge: { neighbourhoodCouncil: 14, functionalOrganization: 15, other: 15 }, // DOM-ORG-4
      guardianConsentUnder: 16,
      convocationNoticeDays: 5, // DOM-MTG-3
      quorum: { firstCall: 'absolute_majority', secondCallMinimum: 1 }, // DOM-MTG-6
      defaultMajority: 'simple', // DOM-MTG-7
      recognitionYears: null,
    });
  });

  it('syncs again without duplicating rows and keeps the settings a municipality changed', async () => {
    await ctx.query(
      `UPDATE municipality SET settings = jsonb_set(settings, '{convocationNoticeDays}', '7') WHERE commune_code = '04101'`,
    );
    const before = await ctx.count('municipality');
    const result = await ctx.get<TerritoryReferenceService>(TerritoryReferenceService).sync();
    expect(result).toEqual({ communes: readReferenceData().communes.length, municipalitiesCreated: 0 });
    expect(await ctx.count('municipality')).toBe(before);
    const [{ days }] = await ctx.query<{ days: number }>(
      `SELECT (settings->>'convocationNoticeDays')::int AS days FROM municipality WHERE commune_code = '04101'`,
    );
    expect(days).toBe(7);
  });
});
