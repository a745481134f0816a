import { municipalityIdFor } from '../../../src/territory/territory-reference.service';
import { DemoLoader } from '../../../src/startup/demo.loader';
import { DEMO_MUNICIPALITIES } from '../../../src/startup/demo-municipalities';
import { StartupService } from '../../../src/startup/startup.service';
import { createTestApp } from '../../support/test-app';
import { testDatabaseKind } from '../../support/test-database';

const onboarded = `SELECT id, commune_code FROM municipality WHERE onboarded_at IS NOT NULL ORDER BY commune_code`;

// Each test starts the application (migrations, communes, the demo with its PDFs): on two busy cores that
// can pass the default 30 s. A guard against a hang, not a speed target (the start-up benchmark measures).
jest.setTimeout(120_000);

describe('startup and demo data', () => {
  // one test, so the demo loads once on this file's first start (about half a minute of a busy CI core each time)
  it('DEMO unset: loads the demo on a new embedded database, never on PostgreSQL; a second start on the same database is not a new instance and loads no demo', async () => {
    const ctx = await createTestApp({ config: { demo: 'auto' } });
    try {
      const rows = await ctx.query(onboarded);
      if (testDatabaseKind() === 'embedded') {
        expect(ctx.get<StartupService>(StartupService).report).toMatchObject({ newInstance: true, demoLoaded: true });
        expect(rows).toHaveLength(DEMO_MUNICIPALITIES.length);
      } else {
        expect(ctx.get<StartupService>(StartupService).report).toMatchObject({ newInstance: true, demoLoaded: false });
        expect(rows).toEqual([]);
      }
    } finally {
      await ctx.close({ keepDatabase: true });
    }
    const second = await createTestApp({ config: { demo: 'auto' }, database: ctx.db });
    try {
      expect(second.get<StartupService>(StartupService).report).toEqual({
        migrations: [],
        newInstance: false,
        demoLoaded: false,
        demoAccounts: [],
        adminCreated: false,
      });
      expect(await second.query(onboarded)).toHaveLength(
        testDatabaseKind() === 'embedded' ? DEMO_MUNICIPALITIES.length : 0,
      );
    } finally {
      await second.close();
    }
  });

  it('DEMO=false starts empty: no municipality is onboarded', async () => {
    const ctx = await createTestApp({ env: { DEMO: 'false' } });
    try {
      expect(await ctx.query(onboarded)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('DEMO=true loads the municipalities of the five stories with fixed ids, and loading again changes nothing', async () => {
    const ctx = await createTestApp({ env: { DEMO: 'true' }, sharedDemo: false }); // the loading itself is the point
    try {
      const first = await ctx.query<{ id: string; commune_code: string }>(onboarded);
      expect(first.map((r) => r.commune_code)).toEqual([
        '02101',
        '02102',
        '02103',
        '02104',
        '02202',
        '02203',
        '02301',
        '04101',
        '13501',
        '13504',
        'PE-130102',
      ]);
      for (const row of first) expect(row.id).toBe(municipalityIdFor(row.commune_code));
      // one demo login per role that exists so far, printed once by main.ts
      expect(ctx.get<StartupService>(StartupService).report.demoAccounts.map((a) => `${a.role} ${a.email}`)).toEqual([
        'admin admin@demo.quorum.cl',
        'municipal_officer dideco@laserena.demo.quorum.cl',
        'faith_minister ministro.fe@laserena.demo.quorum.cl',
        'association_officer presidencia@barriopatrimonial.demo.quorum.cl',
        'municipal_officer seguridad@elporvenir.demo.quorum.pe',
        'table_coordinator seguridad.centro@laserena.demo.quorum.cl',
        'table_participant comisaria1.laserena@carabineros.demo.quorum.cl',
        'program_officer sercotec.coquimbo@demo.quorum.cl',
        'program_officer centro.negocios@melipilla.demo.quorum.cl',
        // issue 19: an entrepreneur of Melipilla's program with her own login (Mis semanas)
        'Emprendedora (Miel González), semanas de venta emprendedora@melipilla.demo.quorum.cl',
      ]);
      const counts = async () => ({
        municipalities: await ctx.count('municipality'),
        communes: await ctx.count('commune'),
        users: await ctx.count('app_user'),
        associations: await ctx.count('association'),
        people: await ctx.count('person'),
        memberships: await ctx.count('membership'),
        statusChanges: await ctx.count('association_status_change'),
      });
      const before = await counts();
      expect(await ctx.get<DemoLoader>(DemoLoader).load()).toEqual([]); // no account created twice
      expect(await ctx.query(onboarded)).toEqual(first);
      expect(await counts()).toEqual(before);
    } finally {
      await ctx.close();
    }
  });
});
