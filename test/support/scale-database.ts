import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { parseArgs, seed, type SeedManifest } from '../../bench/scale/seed';
import type { ScaleSize } from '../../bench/scale/plan';

export interface ScaleDatabase {
  /** the seeded database */
  url: string;
  manifest: SeedManifest;
  /** the manifest file the seed wrote (a temporary directory of its own) */
  manifestPath: string;
  seedMs: number;
  /** what the seed logged */
  log: string[];
  drop(): Promise<void>;
}

/**
 * Issue 21: a fresh database of the PostgreSQL server of DATABASE_URL, filled by `npm run scale:seed` (its own
 * function, `--create`) at `size`, with its manifest in a temporary file. `drop()` removes the database.
 */
export async function seedScaleDatabase(size: ScaleSize, label: string): Promise<ScaleDatabase> {
  const serverUrl = process.env.DATABASE_URL as string;
  const u = new URL(serverUrl);
  u.pathname = `/quorum_scale_${label}_${process.pid}`;
  const url = u.toString();
  const manifestPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-scale-')), 'manifest.json');
  const drop = async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${u.pathname.slice(1)}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  const started = Date.now();
  const log: string[] = [];
  let manifest: SeedManifest;
  try {
    manifest = await seed({
      ...parseArgs([`--size=${size}`, `--database-url=${url}`, '--create', `--manifest=${manifestPath}`]),
      log: (line) => log.push(line),
    });
  } catch (err) {
    await drop();
    throw err;
  }
  return { url, manifest, manifestPath, seedMs: Date.now() - started, log, drop };
}
