/**
 * funds-matching (issue 18): GET /api/v1/associations/:id/fund-matches of one association of La Serena matched
 * against 2,000 fund calls (national, its region's and its commune's, each with requirements), on PostgreSQL, from
 * the built portal, 8 connections (autocannon, in this process): p95 < 50 ms, every response a 200 (all 2,000 calls
 * matched and sorted, the first page of 50 answered with `total: 2000`).
 * The region also holds 10,000 other associations (boards in force or expired), as a call opening there would read.
 */
import { api, BenchPortal, LOAD, underLoad, withBuiltPortal } from './built-portal';

const CALLS = 2_000;
const REGION_ASSOCIATIONS = 10_000;
const TARGET_P95_MS = 50;

async function load(url: string, token: string) {
  const { figures, result } = await underLoad(url, token);
  return { ...figures, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx };
}

export function fundsMatching(): Promise<Record<string, unknown>> {
  return withBuiltPortal('quorum_bench_funds_matching', matchAgainstCalls);
}

async function matchAgainstCalls({ base, db, adminToken: token }: BenchPortal): Promise<Record<string, unknown>> {
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
    load: { ...LOAD, sameMachine: true },
    matches: {
      path: '/api/v1/associations/:id/fund-matches',
      ...figures,
      targetP95Ms: TARGET_P95_MS,
      pass: failures === 0 && figures.requests > 0 && figures.p95Ms < TARGET_P95_MS,
    },
  };
}
