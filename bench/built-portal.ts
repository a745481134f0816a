/**
 * What the PostgreSQL benchmarks share: a database of their own on the server, the built portal on it as deployed,
 * its JSON API, and one route under autocannon's load. board and portfolio (bench/run.ts) and funds-matching load the
 * portal this way; funds-opening uses only the database.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Client } from 'pg';
import { fromRoot } from '../src/config/paths';
import { PortalProcess } from '../test/support/portal-process';
import { percentile, round2 } from './stats';

export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The load each of them applies: 8 connections, 3 s of warm-up, then BENCH_BOARD_SECONDS (10) timed. */
export const LOAD = { connections: 8, warmUpSeconds: 3, seconds: Number(process.env.BENCH_BOARD_SECONDS ?? 10) };

/** The first administrator of a benchmark's portal (ADMIN_EMAIL, ADMIN_PASSWORD). */
export const BENCH_ADMIN = { email: 'admin.bench@quorum.example.cl', password: 'clave-de-benchmark-admin-123' };

/**
 * The database `name` on the server of PG_URL, dropped if it was there and created empty: its URL, and `drop()`,
 * which drops it again (unless BENCH_KEEP is set: the seeded database stays for EXPLAIN ANALYZE) and disconnects.
 */
export async function freshDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  return {
    url: url.toString(),
    drop: async () => {
      if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The portal's JSON API with a Bearer token; throws with the body on an unexpected status. */
export async function api<T>(
  base: string,
  method: string,
  route: string,
  body?: unknown,
  token?: string,
  expect = [200, 201],
): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** A benchmark's running portal: its address, a client on its database and a Bearer token of BENCH_ADMIN. */
export interface BenchPortal {
  base: string;
  db: Client;
  adminToken: string;
}

/**
 * `run` against the built portal (dist/main.js) on a fresh database `database`, as deployed (production, no demo,
 * BENCH_ADMIN its first administrator); afterwards, whatever happened, the portal stopped (an exit other than 0 is
 * printed with its stderr) and the database dropped (see freshDatabase).
 */
export async function withBuiltPortal<T>(database: string, run: (portal: BenchPortal) => Promise<T>): Promise<T> {
  if (!fs.existsSync(fromRoot('dist', 'main.js'))) throw new Error('run npm run build first');
  const fresh = await freshDatabase(database);
  let portal: PortalProcess | null = null;
  const db = new Client({ connectionString: fresh.url });
  try {
    portal = await PortalProcess.start(
      {
        DATABASE_URL: fresh.url,
        DEMO: 'false',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        ADMIN_EMAIL: BENCH_ADMIN.email,
        ADMIN_PASSWORD: BENCH_ADMIN.password,
      },
      { built: true },
    );
    await portal.ready(120_000);
    const base = portal.url;
    await db.connect();
    const adminToken = (await api<{ token: string }>(base, 'POST', '/api/v1/auth/tokens', BENCH_ADMIN)).token;
    return await run({ base, db, adminToken });
  } finally {
    await db.end().catch(() => undefined);
    if (portal) {
      const { code } = await portal.stop('SIGTERM');
      if (code !== 0) console.error(`el portal terminó con código ${code}:\n${portal.stderr}`);
    }
    await fresh.drop();
  }
}

/**
 * One route under load: `connections` keep-alive connections from autocannon in this process with the Bearer
 * `token`, a warm-up run (discarded), then `seconds` timed. p50/p95/p99 from every response time autocannon measured
 * (hrtime, in ms), not from its integer-millisecond histogram, which has no p95. `figures` are what every such
 * benchmark reports; `sorted` (the times) and `result` (autocannon's) are there for what else one reports.
 */
export async function underLoad(url: string, token: string, load: typeof LOAD = LOAD) {
  const { default: autocannon } = await import('autocannon');
  const options = {
    url,
    connections: load.connections,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    timeout: 10,
  };
  await autocannon({ ...options, duration: load.warmUpSeconds });
  const loadBefore = os.loadavg()[0];
  const times: number[] = [];
  const run = autocannon({ ...options, duration: load.seconds });
  run.on('response', (_client, _status, _bytes, ms) => void times.push(ms));
  const result = await run;
  const sorted = times.sort((a, b) => a - b);
  const figures = {
    loadAverageBefore: round2(loadBefore),
    requests: sorted.length,
    seconds: result.duration,
    requestsPerSecond: Math.round((sorted.length / result.duration) * 10) / 10,
    p50Ms: round2(percentile(sorted, 50)),
    p95Ms: round2(percentile(sorted, 95)),
    p99Ms: round2(percentile(sorted, 99)),
    maxMs: round2(sorted[sorted.length - 1]),
  };
  return { figures, sorted, result };
}
