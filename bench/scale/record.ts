/**
 * Issue 21 item 1: keeps the measured scale-seed runs in bench/results/scale-seed.json, one per size, with the machine
 * they ran on. `npm run scale:seed -- --record` adds its own run; `node -r ./scripts/register.js bench/scale/record.ts
 * manifest.json… [--note="…"]` adds runs from manifests written earlier.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Client } from 'pg';
import { fromRoot } from '../../src/config/paths';
import type { SeedManifest } from './seed';

export const RESULTS_PATH = fromRoot('bench', 'results', 'scale-seed.json');

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
}

export function machine(postgresVersion: string): Machine {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: postgresVersion,
  };
}

export function recordRun(
  manifest: SeedManifest,
  note: string | undefined,
  fallbackMachine?: Machine,
  path = RESULTS_PATH,
): void {
  const results = fs.existsSync(path)
    ? (JSON.parse(fs.readFileSync(path, 'utf8')) as { runs: Record<string, unknown> })
    : { runs: {} };
  const t = manifest.timings;
  results.runs[manifest.size] = {
    date: manifest.generatedAt,
    database: manifest.database,
    machine: manifest.environment?.machine ?? fallbackMachine,
    loadAverage: manifest.environment
      ? { before: manifest.environment.loadBefore, after: manifest.environment.loadAfter }
      : undefined,
    note: note ?? manifest.environment?.note,
    totalSeconds: Math.round(t.totalMs / 100) / 10,
    phasesSeconds: {
      migrations: t.migrationsMs / 1000,
      territory: t.territoryMs / 1000,
      generateAndCopy: t.copyMs / 1000,
      indexes: t.indexesMs / 1000,
      accounts: t.accountsMs / 1000,
      analyze: t.analyzeMs / 1000,
      schemaCheck: t.schemaCheckMs / 1000,
    },
    rows: manifest.counts,
    tables: t.tables.map((x) => ({
      table: x.table,
      rows: x.rows,
      copyMB: Math.round(x.bytes / 1e5) / 10,
      copySeconds: x.copyMs / 1000,
      indexSeconds: x.indexMs / 1000,
    })),
  };
  const ordered = Object.fromEntries(
    ['full', 'tenth', 'ci'].filter((s) => results.runs[s]).map((s) => [s, results.runs[s]]),
  );
  const out = {
    description:
      'npm run scale:seed (issue 21 item 1): wall-clock time of each phase and rows loaded, per size; the data is streamed through COPY while it is generated, so the COPY seconds of a table are the whole load.',
    runs: ordered,
  };
  fs.writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
}

/** The server's version string (`PostgreSQL 15.20 (Debian …)`). */
export async function postgresVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>('SELECT version() AS v')).rows[0].v;
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const note = args.find((a) => a.startsWith('--note='))?.slice('--note='.length);
  void (async () => {
    // manifests written before the seed recorded its machine: this machine, the server of DATABASE_URL
    const fallback = process.env.DATABASE_URL ? machine(await postgresVersion(process.env.DATABASE_URL)) : undefined;
    for (const file of args.filter((a) => !a.startsWith('--'))) {
      recordRun(JSON.parse(fs.readFileSync(file, 'utf8')) as SeedManifest, note, fallback);
      console.log(`${file} -> ${RESULTS_PATH}`);
    }
  })();
}
