import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig, type DatabaseConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ENTITIES } from '../../src/schema';
import { EmbeddedDatabase } from '../../src/database/embedded-database';
import { runMigrations } from '../../src/database/migration-runner';
import { SystemSettingsRepository } from '../../src/database/system-settings.repository';
import { TerritoryReferenceService } from '../../src/territory/territory-reference.service';
import { TerritoryRepository } from '../../src/territory/territory.repository';

/** Environment the global setup hands to test workers. */
const ENV = {
  kind: 'QUORUM_TEST_DB_KIND',
  runId: 'QUORUM_TEST_RUN_ID',
  snapshot: 'QUORUM_TEST_PGLITE_SNAPSHOT',
  pgUrl: 'QUORUM_TEST_PG_URL',
  pgTemplate: 'QUORUM_TEST_PG_TEMPLATE',
} as const;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Migrations plus the reference data every installation has: what a test database starts with. */
async function prepareSchema(dataSource: DataSource, embedded: boolean): Promise<void> {
  await runMigrations(dataSource, embedded);
  const settings = new SystemSettingsRepository(dataSource);
  await new TerritoryReferenceService(dataSource, new TerritoryRepository(dataSource), settings).sync();
}

export async function buildTestTemplate(databaseUrl: string | undefined): Promise<Record<string, string>> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const base = loadConfig({ NODE_ENV: 'test' });
  if (databaseUrl) {
    const template = `quorum_tpl_${runId}`;
    await admin(databaseUrl, (c) => c.query(`CREATE DATABASE "${template}"`));
    const ds = new DataSource(
      dataSourceOptions(
        { ...base, database: { kind: 'postgres', url: withDatabase(databaseUrl, template), poolSize: 2 } },
        null,
        ENTITIES,
      ),
    );
    await ds.initialize();
    try {
      await prepareSchema(ds, false);
    } finally {
      await ds.destroy(); // nothing may stay connected to a template, or cloning it fails (55006)
    }
    return { [ENV.kind]: 'postgres', [ENV.runId]: runId, [ENV.pgUrl]: databaseUrl, [ENV.pgTemplate]: template };
  }
  const embedded = await EmbeddedDatabase.start({ dataDir: 'memory://' });
  try {
    const ds = new DataSource(
      dataSourceOptions(
        { ...base, database: { kind: 'embedded', dataDir: 'memory://', poolSize: 1 } },
        embedded,
        ENTITIES,
      ),
    );
    await ds.initialize();
    await prepareSchema(ds, true);
    await ds.destroy();
    const snapshot = path.join(os.tmpdir(), `quorum-test-${runId}.tar`);
    const blob = await embedded.db.dumpDataDir('none');
    fs.writeFileSync(snapshot, Buffer.from(await blob.arrayBuffer()));
    return { [ENV.kind]: 'embedded', [ENV.runId]: runId, [ENV.snapshot]: snapshot };
  } finally {
    await embedded.close();
  }
}

export async function dropTestTemplate(): Promise<void> {
  const kind = process.env[ENV.kind];
  if (kind === 'postgres') {
    const url = process.env[ENV.pgUrl] as string;
    const runId = process.env[ENV.runId] as string;
    await admin(url, async (c) => {
      const { rows } = await c.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [`quorum_test_${runId}_%`, process.env[ENV.pgTemplate]],
      );
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  } else if (kind === 'embedded') {
    fs.rmSync(process.env[ENV.snapshot] as string, { force: true });
    for (const name of fs.readdirSync(os.tmpdir()))
      if (name.startsWith(DEMO_PREFIX())) fs.rmSync(path.join(os.tmpdir(), name), { force: true });
  }
}

export interface TestDatabase {
  database: DatabaseConfig;
  /** The embedded instance (PGlite runs); null on PostgreSQL. */
  embedded: EmbeddedDatabase | null;
  /** A direct admin URL on PostgreSQL runs (to simulate faults); null on PGlite. */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh database for one test file (or one app): a clone of the template, never shared. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const kind = process.env[ENV.kind];
  if (kind === 'postgres') {
    const serverUrl = process.env[ENV.pgUrl] as string;
    const name = `quorum_test_${process.env[ENV.runId]}_${randomBytes(4).toString('hex')}`;
    await admin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env[ENV.pgTemplate]}"`));
    const url = withDatabase(serverUrl, name);
    return {
      database: { kind: 'postgres', url, poolSize: 4 },
      embedded: null,
      url,
      drop: () =>
        admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
    };
  }
  if (kind !== 'embedded')
    throw new Error('Los tests de base de datos necesitan el globalSetup de Jest (jest.config.js)');
  return embeddedFrom(process.env[ENV.snapshot] as string);
}

/**
 * The snapshot as PGlite reads it (it only calls `arrayBuffer()` and looks at `type`): the file's bytes handed over
 * as they are. A `Blob` made from them costs about 0.3 s of CPU more per database on Node 20 (its arrayBuffer()
 * reads through a stream and copies the chunks together), and a run starts about seventy of them.
 */
function tarball(bytes: Buffer): Blob {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { type: 'application/x-tar', arrayBuffer: () => Promise.resolve(buffer) } as unknown as Blob;
}

/** A PGlite instance of its own, loaded from a snapshot file (dumpDataDir). */
async function embeddedFrom(file: string): Promise<TestDatabase> {
  const embedded = await EmbeddedDatabase.start({ dataDir: 'memory://', loadDataDir: tarball(fs.readFileSync(file)) });
  embedded.ownedByCaller = true; // the test drops it, so an app can be restarted on the same data
  return {
    database: { kind: 'embedded', dataDir: 'memory://', poolSize: 1 },
    embedded,
    url: null,
    drop: () => embedded.close(),
  };
}

const DEMO_PREFIX = () => `quorum-test-${process.env[ENV.runId]}-demo-`;

/**
 * Issue 20 item 10: the demo of the five stories loads once per Jest run and clock on PGlite (about 30 s on a busy
 * CI core, and a dozen files read it). The first file to ask for `key` loads it through the app (`load`, whose
 * database is then dumped to a snapshot beside the template, under a lock file); every other file, in any worker,
 * gets a PGlite instance of its own from that snapshot. Each file still has its own copy: writes never leak.
 * Returns null on PostgreSQL (a clone there is not slower than loading) and when the snapshot could not be made.
 */
export async function sharedDemoDatabase<T>(
  key: string,
  load: () => Promise<{ value: T; database: TestDatabase }>,
): Promise<{ loaded: T } | { database: TestDatabase } | null> {
  if (process.env[ENV.kind] !== 'embedded') return null;
  const file = path.join(
    os.tmpdir(),
    `${DEMO_PREFIX()}${createHash('sha256').update(key).digest('hex').slice(0, 16)}.tar`,
  );
  const lock = `${file}.lock`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (fs.existsSync(file)) return { database: await embeddedFrom(file) };
    let owner = false;
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      owner = true;
    } catch {
      // another file is loading the same demo: wait for its snapshot (or for it to give up)
    }
    if (owner) {
      try {
        const { value, database } = await load();
        await database.embedded!.waitUntilIdle();
        const blob = await database.embedded!.db.dumpDataDir('none');
        fs.writeFileSync(`${file}.tmp`, Buffer.from(await blob.arrayBuffer()));
        fs.renameSync(`${file}.tmp`, file);
        return { loaded: value };
      } finally {
        fs.rmSync(lock, { force: true });
      }
    }
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function testDatabaseKind(): 'postgres' | 'embedded' {
  return process.env[ENV.kind] === 'postgres' ? 'postgres' : 'embedded';
}
