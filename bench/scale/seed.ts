/**
 * Issue 21 item 1: `npm run scale:seed -- --size=full|tenth|ci` fills a PostgreSQL database with national-scale data
 * through COPY (bench/scale/generate.ts), for the scale benchmark and the ops test.
 *
 *   --size=full|tenth|ci     what to load (bench/scale/plan.ts); default ci
 *   --database-url=URL       the target (default DATABASE_URL); never the embedded database
 *   --create                 create the database when it does not exist
 *   --reset                  empty a database that already holds data (drops the public schema) before loading
 *   --manifest=PATH          where to write the ids the benchmark uses (default bench/results/scale-manifest.json)
 *   --password=…             the password of the benchmark accounts (default: a random one, printed)
 *   --seed=N                 the generator's seed (default 21); --now=ISO the "today" of the data (default now)
 *   --record [--note=…]      add the run's timings and rows to bench/results/scale-seed.json (bench/scale/record.ts)
 *
 * Steps: migrations (the app's runner), territory (the app's reference sync), secondary indexes of the loaded tables
 * dropped, every table streamed through COPY at once, the indexes created again from their own definitions (so the
 * schema is the migrations' exactly, checked at the end as `npm run db:check` does), the accounts, ANALYZE.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../../src/auth/password-hasher';
import { loadConfig } from '../../src/config/app-config';
import { fromRoot } from '../../src/config/paths';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { pendingSchemaChanges, runMigrations } from '../../src/database/migration-runner';
import { SystemSettingsRepository } from '../../src/database/system-settings.repository';
import { ENTITIES } from '../../src/schema';
import { TerritoryReferenceService } from '../../src/territory/territory-reference.service';
import { TerritoryRepository } from '../../src/territory/territory.repository';
import { bulkClient } from './copy';
import { type CommuneInfo, GENERATED_TABLES, generate } from './generate';
import { SCALE_PLANS, SCALE_SIZES, type ScaleSize } from './plan';
import { type Machine, machine, postgresVersion, recordRun } from './record';

export interface SeedOptions {
  size: ScaleSize;
  databaseUrl: string;
  create: boolean;
  reset: boolean;
  manifestPath: string;
  password: string;
  seed: number;
  now: Date;
  /** add the run to bench/results/scale-seed.json (bench/scale/record.ts), with `note` */
  record: boolean;
  note?: string;
  log: (line: string) => void;
}

export interface SeedAccount {
  role: string;
  email: string;
  scopeType: string;
  scopeId: string | null;
}

export interface SeedManifest {
  size: ScaleSize;
  database: string;
  generatedAt: string;
  now: string;
  seed: number;
  password: string;
  accounts: SeedAccount[];
  ids: Awaited<ReturnType<typeof generate>>['manifest'] & { adminUserId: string };
  counts: Record<string, number>;
  /** the machine and its load average (1, 5, 15 min) when the seed started and ended: other work on it shows here */
  environment?: { machine: Machine; loadBefore: number[]; loadAfter: number[]; note?: string };
  timings: {
    totalMs: number;
    migrationsMs: number;
    territoryMs: number;
    copyMs: number;
    indexesMs: number;
    accountsMs: number;
    analyzeMs: number;
    schemaCheckMs: number;
    tables: { table: string; rows: number; bytes: number; copyMs: number; indexMs: number }[];
  };
}

class UsageError extends Error {}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SeedOptions {
  const opts: Record<string, string | true> = {};
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`Argumento no reconocido: ${arg}`);
    opts[m[1]] = m[2] ?? true;
  }
  const known = ['size', 'database-url', 'create', 'reset', 'manifest', 'password', 'seed', 'now', 'record', 'note'];
  for (const k of Object.keys(opts)) if (!known.includes(k)) throw new UsageError(`Opción desconocida: --${k}`);
  const size = (opts.size ?? 'ci') as ScaleSize;
  if (!SCALE_SIZES.includes(size))
    throw new UsageError(`--size debe ser ${SCALE_SIZES.join(', ')} (no «${String(size)}»)`);
  const databaseUrl = typeof opts['database-url'] === 'string' ? opts['database-url'] : (env.DATABASE_URL ?? '');
  if (!/^postgres(ql)?:\/\/.+\/[^/?]+/.test(databaseUrl))
    throw new UsageError(
      'Falta la base de datos PostgreSQL: --database-url=postgres://usuario@servidor:5432/base o DATABASE_URL. ' +
        'La base integrada (PGlite) no sirve para los datos de escala.',
    );
  const password = typeof opts.password === 'string' ? opts.password : `escala-${randomBytes(6).toString('hex')}`;
  if (Buffer.byteLength(password) < 8) throw new UsageError('--password: al menos 8 caracteres');
  const now = typeof opts.now === 'string' ? new Date(opts.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError('--now: una fecha ISO (2026-12-07T12:00:00Z)');
  return {
    size,
    databaseUrl,
    create: opts.create === true,
    reset: opts.reset === true,
    manifestPath:
      typeof opts.manifest === 'string'
        ? path.resolve(opts.manifest)
        : fromRoot('bench', 'results', 'scale-manifest.json'),
    password,
    seed: typeof opts.seed === 'string' ? Number(opts.seed) : 21,
    now,
    record: opts.record === true,
    note: typeof opts.note === 'string' ? opts.note : undefined,
    log: (line) => console.log(line),
  };
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function serverUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function ensureDatabase(url: string, create: boolean): Promise<void> {
  const name = databaseName(url);
  const admin = new Client({ connectionString: serverUrl(url, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    if (!create) throw new UsageError(`La base «${name}» no existe: agregue --create para crearla.`);
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

/** Rows of data already there (organisations, people or accounts): a database the seed must not mix into. */
async function existingData(client: Client): Promise<number> {
  let rows = 0;
  for (const table of ['association', 'person', 'app_user']) {
    const { rows: r } = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`public.${table}`]);
    if (!r[0].t) continue;
    const { rows: n } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM "${table}" LIMIT 1) x`,
    );
    rows += Number(n[0].n);
  }
  return rows;
}

interface IndexDef {
  name: string;
  table: string;
  def: string;
}

/** Indexes of the tables that are not a constraint's (primary keys and unique constraints stay during the load). */
async function secondaryIndexes(client: Client, tables: readonly string[]): Promise<IndexDef[]> {
  const { rows } = await client.query<IndexDef>(
    `SELECT quote_ident(ic.relname) AS name, c.relname AS table, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname, ic.relname`,
    [tables],
  );
  return rows;
}

export async function seed(options: SeedOptions): Promise<SeedManifest> {
  const { log } = options;
  const plan = SCALE_PLANS[options.size];
  const started = Date.now();
  const loadBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const timer = () => {
    const t = Date.now();
    return () => Date.now() - t;
  };
  await ensureDatabase(options.databaseUrl, options.create);
  const name = databaseName(options.databaseUrl);
  log(`Datos de escala «${options.size}» en la base «${name}»`);

  const probe = await bulkClient(options.databaseUrl);
  try {
    const rows = await existingData(probe);
    if (rows && !options.reset)
      throw new UsageError(`La base «${name}» ya tiene datos: use --reset para vaciarla (se borra todo su contenido).`);
    if (options.reset) {
      await probe.query('DROP SCHEMA public CASCADE');
      await probe.query('CREATE SCHEMA public');
      log('  base vaciada (--reset)');
    }
  } finally {
    await probe.end();
  }

  const config = loadConfig({ ...process.env, DATABASE_URL: options.databaseUrl, DB_POOL_SIZE: '2' });
  const dataSource = new DataSource(dataSourceOptions(config, null, ENTITIES));
  await dataSource.initialize();
  try {
    let t = timer();
    const applied = await runMigrations(dataSource, false);
    const migrationsMs = t();
    log(`  migraciones: ${applied.length} aplicadas (${migrationsMs} ms)`);
    t = timer();
    const territory = new TerritoryReferenceService(
      dataSource,
      new TerritoryRepository(dataSource),
      new SystemSettingsRepository(dataSource),
    );
    await territory.sync();
    const territoryMs = t();
    const communes: CommuneInfo[] = (
      await dataSource.query(
        `SELECT c.code, c.name, c.region_code AS "regionCode", coalesce(c.population, 1000) AS population, m.time_zone AS "timeZone"
           FROM commune c JOIN municipality m ON m.commune_code = c.code WHERE c.country = 'CL' ORDER BY c.code`,
      )
    ).map((r: CommuneInfo) => ({ ...r, population: Number(r.population) }));
    log(`  territorio: ${communes.length} comunas de Chile (${territoryMs} ms)`);

    // secondary indexes off during the load, back from their own definitions afterwards
    const admin = await bulkClient(options.databaseUrl);
    const indexes = await secondaryIndexes(admin, GENERATED_TABLES);
    for (const ix of indexes) await admin.query(`DROP INDEX ${ix.name}`);
    await admin.end();
    log(`  ${indexes.length} índices secundarios retirados durante la carga`);

    t = timer();
    const generated = await generate({
      url: options.databaseUrl,
      plan,
      now: options.now,
      seed: options.seed,
      communes,
      log,
    });
    const copyMs = t();
    log(`  COPY: ${copyMs} ms`);

    t = timer();
    const indexMs = new Map<string, number>();
    const queue = [...indexes];
    const worker = async () => {
      const client = await bulkClient(options.databaseUrl);
      await client.query(`SET maintenance_work_mem = '1GB'`);
      try {
        for (let ix = queue.shift(); ix; ix = queue.shift()) {
          const s = Date.now();
          await client.query(ix.def);
          indexMs.set(ix.table, (indexMs.get(ix.table) ?? 0) + Date.now() - s);
        }
      } finally {
        await client.end();
      }
    };
    await Promise.all([worker(), worker()]);
    const indexesMs = t();
    log(`  índices: ${indexes.length} creados de nuevo (${indexesMs} ms)`);

    t = timer();
    const hasher = new PasswordHasher();
    const hash = await hasher.hash(options.password);
    const m = generated.manifest;
    const people: {
      key: string;
      email: string;
      name: string;
      personId: string | null;
      roles: Omit<SeedAccount, 'email'>[];
    }[] = [
      {
        key: 'admin',
        email: 'admin@escala.quorum.cl',
        name: 'Administración escala',
        personId: null,
        roles: [{ role: 'admin', scopeType: 'platform', scopeId: null }],
      },
      {
        key: 'municipal_officer',
        email: 'municipalidad@escala.quorum.cl',
        name: `Dideco ${m.largestCommune.name}`,
        personId: null,
        roles: [{ role: 'municipal_officer', scopeType: 'commune', scopeId: m.largestCommune.code }],
      },
      {
        key: 'president',
        email: 'presidencia@escala.quorum.cl',
        name: 'Presidencia escala',
        personId: m.largeAssociation.presidentPersonId,
        roles: [{ role: 'association_officer', scopeType: 'association', scopeId: m.largeAssociation.id }],
      },
      {
        key: 'table_coordinator',
        email: 'mesa@escala.quorum.cl',
        name: 'Coordinación de mesa',
        personId: null,
        roles: [{ role: 'table_coordinator', scopeType: 'table', scopeId: m.tableWithManyCommitments.id }],
      },
      {
        key: 'program_officer',
        email: 'programa@escala.quorum.cl',
        name: 'Encargada de programa',
        personId: null,
        roles: [{ role: 'program_officer', scopeType: 'program', scopeId: m.programWithManyBeneficiaries.id }],
      },
    ];
    const accounts: SeedAccount[] = [];
    let adminUserId = '';
    for (const p of people) {
      const [{ id }] = await dataSource.query(
        `INSERT INTO app_user (email, name, password_hash, person_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [p.email, p.name, hash, p.personId],
      );
      if (p.key === 'admin') adminUserId = id;
      for (const r of p.roles) {
        await dataSource.query(
          `INSERT INTO role_assignment (user_id, role, scope_type, scope_id) VALUES ($1, $2, $3, $4)`,
          [id, r.role, r.scopeType, r.scopeId],
        );
        accounts.push({ ...r, email: p.email });
      }
    }
    const accountsMs = t();

    t = timer();
    const analyzer = await bulkClient(options.databaseUrl);
    await analyzer.query('ANALYZE');
    await analyzer.end();
    const analyzeMs = t();
    log(`  ANALYZE: ${analyzeMs} ms`);

    // the schema is the migrations' exactly (what `npm run db:check` checks against this database)
    t = timer();
    const drift = await pendingSchemaChanges(dataSource);
    const schemaCheckMs = t();
    if (drift.up.length) throw new Error(`El esquema no coincide con las migraciones:\n  ${drift.up.join(';\n  ')}`);
    log('  esquema al día: las entidades y las migraciones coinciden');

    const counts: Record<string, number> = {};
    for (const x of generated.tables) counts[x.table] = x.rows;
    counts.app_user = people.length;
    counts.commune = communes.length;
    const manifest: SeedManifest = {
      size: options.size,
      database: name,
      generatedAt: new Date().toISOString(),
      now: options.now.toISOString(),
      seed: options.seed,
      password: options.password,
      accounts,
      ids: { ...m, adminUserId },
      counts,
      environment: {
        machine: machine(await postgresVersion(options.databaseUrl)),
        loadBefore,
        loadAfter: os.loadavg().map((x) => Math.round(x * 100) / 100),
        note: options.note,
      },
      timings: {
        totalMs: Date.now() - started,
        migrationsMs,
        territoryMs,
        copyMs,
        indexesMs,
        accountsMs,
        analyzeMs,
        schemaCheckMs,
        tables: generated.tables.map((x) => ({ ...x, indexMs: indexMs.get(x.table) ?? 0 })),
      },
    };
    fs.mkdirSync(path.dirname(options.manifestPath), { recursive: true });
    fs.writeFileSync(options.manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    if (options.record) recordRun(manifest, options.note);

    log('');
    log('  tabla                       filas        MB   COPY s  índices s');
    for (const x of manifest.timings.tables)
      log(
        `  ${x.table.padEnd(24)} ${String(x.rows).padStart(10)} ${(x.bytes / 1e6).toFixed(1).padStart(9)} ${(x.copyMs / 1000).toFixed(1).padStart(8)} ${(x.indexMs / 1000).toFixed(1).padStart(10)}`,
      );
    log('');
    log(`Listo en ${(manifest.timings.totalMs / 1000).toFixed(1)} s. Manifiesto: ${options.manifestPath}`);
    log(`Cuentas (contraseña: ${options.password}):`);
    for (const a of accounts)
      log(`  ${a.role.padEnd(20)} ${a.email}  ${a.scopeType}${a.scopeId ? ` ${a.scopeId}` : ''}`);
    return manifest;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  let options: SeedOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  seed(options)
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      if (err instanceof UsageError) {
        console.error(err.message);
        process.exit(2);
      }
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    });
}
