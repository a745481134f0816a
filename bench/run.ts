/**
 * Benchmarks with targets (npm run bench). Figures go to bench/results/<name>.json; the run fails when a
 * target is missed. Speed targets live here, never in timed unit tests.
 *
 *   startup: time from launching `node dist/main.js` to /health/ready answering 200
 *     - embedded, first start on an empty data directory (reported, initdb in WebAssembly dominates)
 *     - embedded, existing data directory: target < 3 s
 *     - PostgreSQL (BENCH_DATABASE_URL, default the local server): target < 2 s
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { fromRoot } from '../src/common/paths';
import { PortalProcess } from '../test/support/portal-process';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function timeStart(env: Record<string, string>): Promise<number> {
  const portal = await PortalProcess.start({ LOG_LEVEL: 'error', ...env }, { built: true });
  let ms: number;
  try {
    ms = await portal.ready(120_000, 10);
  } catch (err) {
    portal.kill();
    throw err;
  }
  const { code } = await portal.stop('SIGTERM');
  if (code !== 0) throw new Error(`exit code ${code}: ${portal.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function pgAvailable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function startup() {
  if (!fs.existsSync(fromRoot('dist', 'main.js'))) throw new Error('run npm run build first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-'));
  const results: Record<string, unknown> = {};
  try {
    const first = await timeStart({ DATA_DIR: dataDir });
    const again: number[] = [];
    for (let i = 0; i < RUNS; i++) again.push(await timeStart({ DATA_DIR: dataDir }));
    results.embeddedFirstStartMs = first;
    results.embeddedExistingDirMs = { median: median(again), runs: again, targetMs: 3000, pass: median(again) < 3000 };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (await pgAvailable(PG_URL)) {
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS quorum_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE quorum_bench');
    const u = new URL(PG_URL);
    u.pathname = '/quorum_bench';
    try {
      const migrate = await timeStart({ DATABASE_URL: u.toString() });
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timeStart({ DATABASE_URL: u.toString() }));
      results.postgresFirstStartMs = migrate;
      results.postgresMs = { median: median(runs), runs, targetMs: 2000, pass: median(runs) < 2000 };
    } finally {
      await admin.query('DROP DATABASE IF EXISTS quorum_bench WITH (FORCE)');
      await admin.end();
    }
  } else {
    results.postgresMs = { skipped: `no PostgreSQL at ${PG_URL.replace(/\/\/[^@]*@/, '//')}` };
  }
  return results;
}

async function main() {
  const machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) };
  const figures = await startup();
  const out = { benchmark: 'startup', at: new Date().toISOString(), machine, ...figures };
  fs.mkdirSync(fromRoot('bench', 'results'), { recursive: true });
  fs.writeFileSync(fromRoot('bench', 'results', 'startup.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out, null, 2));
  const failed = Object.entries(figures).filter(([, v]) => v && typeof v === 'object' && (v as { pass?: boolean }).pass === false);
  if (failed.length) {
    console.error(`Objetivos no cumplidos: ${failed.map(([k]) => k).join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
