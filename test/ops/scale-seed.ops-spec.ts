import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { Client } from 'pg';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { parseArgs, type SeedManifest } from '../../bench/scale/seed';
import { SCALE_PLANS } from '../../bench/scale/plan';
import { checkMemberAge, type AssociationKind } from '../../src/associations/association-rules';
import { isValidRut } from '../../src/common/format/rut';
import { loadConfig } from '../../src/config/app-config';
import { fromRoot } from '../../src/config/paths';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { pendingSchemaChanges } from '../../src/database/migration-runner';
import { ENTITIES } from '../../src/schema';
import type { MunicipalitySettings } from '../../src/territory/municipality-settings';
import { PortalProcess } from '../support/portal-process';
import { type ScaleDatabase, seedScaleDatabase } from '../support/scale-database';

/**
 * Issue 21 item 1: `npm run scale:seed -- --size=ci` on a database of its own: the counts of the preset, and the
 * rules the app enforces hold on what COPY loaded behind its back (RUTs, ages, actas numbered and chained as the app
 * checks them, commitments of their own body, no dangling reference, the migrations' schema), and the portal serves
 * the seeded organisation and commune to the seeded accounts.
 */
describe('scale data: npm run scale:seed --size=ci (issue 21 item 1)', () => {
  let scale: ScaleDatabase;
  let manifest: SeedManifest;
  let url: string;
  let client: Client;
  let seedMs = 0;
  let manifestPath: string;
  const count = async (sql: string, params: unknown[] = []) => Number((await client.query(sql, params)).rows[0].n);

  beforeAll(async () => {
    scale = await seedScaleDatabase('ci', 'ci_test');
    ({ manifest, url, manifestPath, seedMs } = scale);
    console.log(`scale:seed --size=ci: ${(seedMs / 1000).toFixed(1)} s\n${scale.log.join('\n')}`);
    client = new Client({ connectionString: url });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await scale?.drop();
  });

  it('loads the preset in under a minute, with its counts, and writes the manifest the benchmark reads', async () => {
    expect(seedMs).toBeLessThan(60_000);
    const plan = SCALE_PLANS.ci;
    expect(await count(`SELECT count(*) AS n FROM commune WHERE country = 'CL'`)).toBe(346);
    expect(await count('SELECT count(*) AS n FROM association')).toBe(plan.associations);
    expect(await count('SELECT count(*) AS n FROM membership')).toBe(plan.members);
    expect(await count('SELECT count(*) AS n FROM person')).toBe(plan.members);
    expect(await count('SELECT count(*) AS n FROM meeting')).toBe(plan.meetings);
    expect(await count('SELECT count(*) AS n FROM commitment')).toBe(plan.commitments);
    expect(await count('SELECT count(*) AS n FROM program')).toBe(plan.programs);
    expect(await count('SELECT count(*) AS n FROM program_beneficiary')).toBe(plan.beneficiaries);
    expect(await count('SELECT count(*) AS n FROM fund_call')).toBe(plan.fundCalls);
    expect(await count('SELECT count(*) AS n FROM market_venue')).toBe(plan.marketVenues);
    // a year of market weeks
    expect(await count('SELECT count(DISTINCT month) AS n FROM market_slot')).toBe(12);
    // attendance and actas for the meetings held; some commitments open and overdue
    expect(
      await count(
        `SELECT count(*) AS n FROM meeting m WHERE m.status = 'held' AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id)`,
      ),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM minutes WHERE status = 'approved'`)).toBeGreaterThan(
      plan.meetings / 2,
    );
    expect(
      await count(
        `SELECT count(*) AS n FROM commitment WHERE status IN ('open', 'in_progress') AND due_on < current_date`,
      ),
    ).toBeGreaterThan(0);

    const onDisk = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as SeedManifest;
    expect(onDisk.ids.largeAssociation.id).toBe(manifest.ids.largeAssociation.id);
    expect(onDisk.accounts.map((a) => a.role).sort()).toEqual([
      'admin',
      'association_officer',
      'municipal_officer',
      'program_officer',
      'table_coordinator',
    ]);
    // the ids point at what they say
    const ids = manifest.ids;
    expect(
      await count(`SELECT count(*) AS n FROM association WHERE commune_code = $1`, [ids.largestCommune.code]),
    ).toBe(ids.largestCommune.associations);
    expect(
      await count(`SELECT count(*) AS n FROM membership WHERE association_id = $1`, [ids.largeAssociation.id]),
    ).toBe(60);
    expect(
      await count(`SELECT count(*) AS n FROM minutes WHERE meeting_id = $1 AND status = 'approved' AND id = $2`, [
        ids.meetingWithApprovedActa.id,
        ids.meetingWithApprovedActa.minutesId,
      ]),
    ).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM commitment WHERE table_id = $1`, [ids.tableWithManyCommitments.id]),
    ).toBe(ids.tableWithManyCommitments.commitments);
    expect(ids.tableWithManyCommitments.commitments).toBeGreaterThanOrEqual(500);
    expect(
      await count(`SELECT count(*) AS n FROM program_beneficiary WHERE program_id = $1`, [
        ids.programWithManyBeneficiaries.id,
      ]),
    ).toBe(ids.programWithManyBeneficiaries.beneficiaries);
  });

  it('refuses the embedded database, and a database that already holds data unless --reset', () => {
    expect(() => parseArgs(['--size=ci'], {})).toThrow(/PGlite/);
    expect(() => parseArgs(['--size=huge', `--database-url=${url}`], {})).toThrow(/--size/);
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        fromRoot('scripts', 'register.js'),
        fromRoot('bench', 'scale', 'seed.ts'),
        '--size=ci',
        `--database-url=${url}`,
      ],
      { cwd: fromRoot(), encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ya tiene datos: use --reset');
  }, 60_000);

  it('every member has a valid RUT and was of age for the kind of organisation on the day they joined', async () => {
    const { rows } = await client.query<{
      rut: string;
      kind: AssociationKind;
      birth: string;
      joined: string;
      settings: MunicipalitySettings;
    }>(
      `SELECT p.document_number AS rut, a.kind, to_char(p.birth_date, 'YYYY-MM-DD') AS birth, to_char(m.joined_on, 'YYYY-MM-DD') AS joined, mu.settings
         FROM membership m JOIN person p ON p.id = m.person_id JOIN association a ON a.id = m.association_id
         JOIN municipality mu ON mu.commune_code = a.commune_code`,
    );
    expect(rows).toHaveLength(SCALE_PLANS.ci.members);
    expect(rows.filter((r) => !isValidRut(r.rut))).toEqual([]);
    expect(rows.filter((r) => !checkMemberAge(r.kind, r.birth, r.joined, r.settings).ok)).toEqual([]);
    const orgRuts = (await client.query<{ rut: string }>('SELECT rut FROM association')).rows;
    expect(orgRuts.filter((r) => !isValidRut(r.rut))).toEqual([]);
  });

  it('approved actas are numbered 1..n per book in meeting order, none after a draft, and the app verifies every chain', async () => {
    // numbers follow the meetings' dates without gaps, per organisation (or table) and book
    expect(
      await count(
        `SELECT count(*) AS n FROM (
           SELECT mi.number, row_number() OVER (PARTITION BY coalesce(mi.association_id, mi.table_id), mi.book ORDER BY mt.starts_at) AS rn
             FROM minutes mi JOIN meeting mt ON mt.id = mi.meeting_id WHERE mi.status = 'approved') x
          WHERE x.number <> x.rn`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM minutes d JOIN meeting dm ON dm.id = d.meeting_id
          WHERE d.status = 'draft' AND EXISTS (
            SELECT 1 FROM minutes a JOIN meeting am ON am.id = a.meeting_id
             WHERE a.status = 'approved' AND a.book = d.book AND am.starts_at > dm.starts_at
               AND coalesce(a.association_id, a.table_id) = coalesce(d.association_id, d.table_id))`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM minutes WHERE status = 'approved' AND approved_at <= (SELECT starts_at FROM meeting WHERE id = meeting_id)`,
      ),
    ).toBe(0);

    // the app's own check (npm run cli -- minutes:verify: each hash recomputed, links followed, PDFs' hashes)
    const verify = spawnSync(
      process.execPath,
      ['-r', fromRoot('scripts', 'register.js'), fromRoot('src', 'cli.ts'), 'minutes:verify'],
      {
        cwd: fromRoot(),
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: url, LOG_LEVEL: 'error' },
      },
    );
    expect(verify.stderr).not.toContain('CADENA ROTA');
    expect(verify.status).toBe(0);
    const withActas = await count(`SELECT count(DISTINCT association_id) AS n FROM minutes WHERE status = 'approved'`);
    expect(withActas).toBeGreaterThan(SCALE_PLANS.ci.associations * 0.9);
    expect(verify.stdout.match(/cadena íntegra/g)).toHaveLength(withActas);
  }, 90_000);

  it('commitments come from meetings of their own body; no reference dangles; the schema is the migrations’', async () => {
    expect(
      await count(
        `SELECT count(*) AS n FROM commitment c JOIN meeting m ON m.id = c.origin_meeting_id
          WHERE c.association_id IS DISTINCT FROM m.association_id OR c.table_id IS DISTINCT FROM m.table_id`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM commitment c JOIN membership ms ON ms.id = c.owner_membership_id WHERE ms.association_id <> c.association_id`,
      ),
    ).toBe(0);
    // COPY ran without foreign-key triggers: every single-column foreign key is checked here, one by one
    const { rows: fks } = await client.query<{ child: string; col: string; parent: string; pcol: string }>(
      `SELECT c.conrelid::regclass::text AS child, a.attname AS col, c.confrelid::regclass::text AS parent, pa.attname AS pcol
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1 AND c.connamespace = 'public'::regnamespace`,
    );
    expect(fks.length).toBeGreaterThan(50);
    const dangling: string[] = [];
    for (const fk of fks) {
      const n = await count(
        `SELECT count(*) AS n FROM ${fk.child} c WHERE c."${fk.col}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE p."${fk.pcol}" = c."${fk.col}")`,
      );
      if (n) dangling.push(`${fk.child}.${fk.col} -> ${fk.parent}: ${n}`);
    }
    expect(dangling).toEqual([]);

    // what `npm run db:check` checks, against this database
    const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: url }), null, ENTITIES));
    await dataSource.initialize();
    try {
      expect((await pendingSchemaChanges(dataSource)).up).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  }, 60_000);

  it('the portal serves the large organisation and the commune registry to the seeded accounts', async () => {
    const portal = await PortalProcess.start({ DATABASE_URL: url, DEMO: 'false', MAIL_WORKER: 'false' });
    try {
      await portal.ready();
      const signIn = async (email: string) => {
        const agent = supertest.agent(portal.url);
        const form = await agent.get('/ingresar');
        const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
        const res = await agent
          .post('/ingresar')
          .type('form')
          .send({ _csrf: token, email, password: manifest.password });
        expect(res.status).toBe(303);
        return agent;
      };
      const email = (role: string) => manifest.accounts.find((a) => a.role === role)!.email;
      const ids = manifest.ids;
      const { rows } = await client.query<{ name: string }>('SELECT name FROM association WHERE id = $1', [
        ids.largeAssociation.id,
      ]);
      const escaped = (s: string) => s.replace(/°/g, '');

      const president = await signIn(email('association_officer'));
      const page = await president.get(`/organizaciones/${ids.largeAssociation.id}`);
      expect(page.status).toBe(200);
      expect(escaped(page.text)).toContain(escaped(rows[0].name).split(' N')[0]);

      const officer = await signIn(email('municipal_officer'));
      const registry = await officer.get(`/comunas/${ids.largestCommune.code}/organizaciones`);
      expect(registry.status).toBe(200);
      expect(registry.text).toContain(ids.largestCommune.name);

      const admin = await signIn(email('admin'));
      expect((await admin.get(`/organizaciones/${ids.largeAssociation.id}`)).status).toBe(200);
    } finally {
      portal.kill();
    }
  }, 90_000);
});
