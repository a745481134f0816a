/**
 * funds-matching (issue 18): GET /api/v1/associations/:id/fund-matches of one association of La Serena matched
 * against 2,000 fund calls (national, its region's and its commune's, each with requirements), on PostgreSQL, from
 * the built portal, 8 connections (autocannon, in this process): p95 < 50 ms, every response a 200 (all 2,000 calls
 * matched and sorted, the first page of 50 answered with `total: 2000`).
 * The region also holds 10,000 other associations (boards in force or expired), as a call opening there would read.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Client } from 'pg';
import { fromRoot } from '../src/config/paths';
import { PortalProcess } from '../test/support/portal-process';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CALLS = 2_000;
const REGION_ASSOCIATIONS = 10_000;
const CONNECTIONS = 8;
const SECONDS = Number(process.env.BENCH_BOARD_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
const TARGET_P95_MS = 50;
const round2 = (n: number) => Math.round(n * 100) / 100;
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((sorted.length * p) / 100) - 1)];

async function api<T>(base: string, method: string, route: string, body?: unknown, token?: string): Promise<T> {
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
  if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function load(url: string, token: string) {
  const { default: autocannon } = await import('autocannon');
  const options = {
    url,
    connections: CONNECTIONS,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    timeout: 10,
  };
  await autocannon({ ...options, duration: WARM_UP_SECONDS });
  const loadBefore = os.loadavg()[0];
  const times: number[] = [];
  const run = autocannon({ ...options, duration: SECONDS });
  run.on('response', (_client, _status, _bytes, ms) => void times.push(ms));
  const result = await run;
  const sorted = times.sort((a, b) => a - b);
  return {
    loadAverageBefore: round2(loadBefore),
    requests: sorted.length,
    seconds: result.duration,
    requestsPerSecond: Math.round((sorted.length / result.duration) * 10) / 10,
    p50Ms: round2(percentile(sorted, 50)),
    p95Ms: round2(percentile(sorted, 95)),
    p99Ms: round2(percentile(sorted, 99)),
    maxMs: round2(sorted[sorted.length - 1]),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function fundsMatching(): Promise<Record<string, unknown>> {
  if (!fs.existsSync(fromRoot('dist', 'main.js'))) throw new Error('run npm run build first');
  const database = 'quorum_bench_funds_matching';
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  const adminAccount = { email: 'admin.bench@quorum.example.cl', password: 'clave-de-benchmark-admin-123' };
  let portal: PortalProcess | null = null;
  const db = new Client({ connectionString: url.toString() });
  try {
    portal = await PortalProcess.start(
      {
        DATABASE_URL: url.toString(),
        DEMO: 'false',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        ADMIN_EMAIL: adminAccount.email,
        ADMIN_PASSWORD: adminAccount.password,
      },
      { built: true },
    );
    await portal.ready(120_000);
    const base = portal.url;
    await db.connect();
    const token = (await api<{ token: string }>(base, 'POST', '/api/v1/auth/tokens', adminAccount)).token;
    const t = process.hrtime.bigint();
    // the association: in force since 2023, a board until next year, a RUT; and 10,000 more in the region
    const [assoc] = (
      await db.query(
        `INSERT INTO association (commune_code, kind, name, name_key, area, address, status, rut, version)
         VALUES ('04101', 'functional_organization', 'Barrio del benchmark', 'barrio del benchmark', 'urban', 'Prat 1', 'in_force', '65123456-5', 1)
         RETURNING id`,
      )
    ).rows;
    await db.query(
      `INSERT INTO association (commune_code, kind, name, name_key, area, address, status, version)
       SELECT (ARRAY['04101', '04102', '04106'])[1 + g % 3], (ARRAY['functional_organization', 'neighbourhood_council'])[1 + g % 2],
              'Organización ' || g, 'organizacion ' || g, 'urban', 'Calle ' || g, 'in_force', 1
         FROM generate_series(1, $1::int) g`,
      [REGION_ASSOCIATIONS],
    );
    await db.query(
      `INSERT INTO board_term (association_id, kind, starts_on, ends_on)
       SELECT id, 'definitive', current_date - 200, current_date + (CASE WHEN name_key ~ '[05]$' THEN -30 ELSE 530 END) FROM association`,
    );
    const [inst] = (
      await db.query(
        `INSERT INTO institution (name, name_key, kind) VALUES ('Institución del benchmark', 'institucion del benchmark', 'other_public') RETURNING id`,
      )
    ).rows;
    // 2,000 calls that apply to La Serena: national, regional (04) and communal (04101), open, with requirements
    await db.query(
      `INSERT INTO fund_call (institution_id, name, year, scope, region_codes, commune_codes, category, target_applicant,
         association_kinds, opens_at, closes_at, requirements, version)
       SELECT $1, 'Fondo ' || g, 2026, (ARRAY['national', 'regional', 'communal'])[1 + g % 3],
              CASE WHEN g % 3 = 1 THEN ARRAY['04'] ELSE '{}' END, CASE WHEN g % 3 = 2 THEN ARRAY['04101'] ELSE '{}' END,
              'social', 'organizations', CASE WHEN g % 5 = 0 THEN ARRAY['neighbourhood_council'] END,
              now() - interval '10 days', now() + (g % 60 + 1) * interval '1 day',
              jsonb_build_object('legalPersonalityInForce', true, 'boardInForce', true, 'minOrganizationAgeYears', 2,
                'noPendingExpenseReport', true, 'organizationRut', true, 'publicFundsRegistry', g % 2 = 0,
                'other', jsonb_build_array('Carta de apoyo')), 1
         FROM generate_series(1, $2::int) g`,
      [inst.id, CALLS],
    );
    await db.query('ANALYZE');
    const seedMs = Math.round(Number(process.hrtime.bigint() - t) / 1e6);
    const route = `/api/v1/associations/${assoc.id}/fund-matches`;
    // every call is matched and sorted (eligible first); the answer is API.md's first page of 50, with the total
    const first = await api<{ items: unknown[]; total: number }>(base, 'GET', route, undefined, token);
    if (first.total !== CALLS || first.items.length !== 50)
      throw new Error(`coincidencias: ${first.total} (${first.items.length} en la página), se esperaban ${CALLS}`);
    const figures = await load(`${base}${route}`, token);
    const failures = figures.errors + figures.timeouts + figures.non2xx;
    return {
      postgres: (await db.query('SHOW server_version')).rows[0].server_version,
      data: { calls: CALLS, associations: REGION_ASSOCIATIONS + 1, seedMs },
      load: { connections: CONNECTIONS, warmUpSeconds: WARM_UP_SECONDS, seconds: SECONDS, sameMachine: true },
      matches: {
        path: '/api/v1/associations/:id/fund-matches',
        ...figures,
        targetP95Ms: TARGET_P95_MS,
        pass: failures === 0 && figures.requests > 0 && figures.p95Ms < TARGET_P95_MS,
      },
    };
  } finally {
    await db.end().catch(() => undefined);
    if (portal) await portal.stop('SIGTERM');
    if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}
