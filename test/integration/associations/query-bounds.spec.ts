import { AssociationsService } from '../../../src/associations/associations.service';
import { RosterService } from '../../../src/associations/roster.service';
import type { Actor } from '../../../src/common/access/actor';
import { AuthService } from '../../../src/auth/auth.service';
import { rutCheckDigit } from '../../../src/common/format/rut';
import { countQueries, CountedQueries, uninstallQueryCounter } from '../../support/query-counter';
import { createTestApp, TestContext } from '../../support/test-app';

/**
 * The registry and the roster pages run a fixed number of SQL statements, however many organisations or
 * members there are (no query per row: N+1). Rows are seeded with SQL for speed; the counts come from the
 * services and from the HTML and JSON routes as a signed-in municipal officer and an API client would call them.
 */
const MAX_QUERIES = 10;

const explain = (counted: CountedQueries<unknown>) => `${counted.count} consultas:\n  ${counted.sql.join('\n  ')}`;

function expectBounded(counted: CountedQueries<unknown>): void {
  if (counted.count > MAX_QUERIES) throw new Error(`más de ${MAX_QUERIES} ${explain(counted)}`);
}

function expectSameCount(small: CountedQueries<unknown>, large: CountedQueries<unknown>): void {
  if (small.count !== large.count)
    throw new Error(`la cantidad de consultas crece con los datos: antes ${explain(small)}\ndespués ${explain(large)}`);
}

/** The statements each way in to a page sends (service, HTML route, API route), counted one after another. */
async function countEach<S, H, A>(paths: { service: () => Promise<S>; html: () => Promise<H>; api: () => Promise<A> }) {
  return {
    service: await countQueries(paths.service),
    html: await countQueries(paths.html),
    api: await countQueries(paths.api),
  };
}

type Counts = Record<'service' | 'html' | 'api', CountedQueries<unknown>>;

/** With many rows, each way in stays under MAX_QUERIES and sends as many statements as it did with few. */
function expectBoundedAndSame(small: Counts, large: Counts): void {
  for (const key of ['service', 'html', 'api'] as const) {
    expectBounded(large[key]);
    expectSameCount(small[key], large[key]);
  }
}

describe('query bounds of the registry and the rosters (no N+1)', () => {
  let ctx: TestContext;
  let actor: Actor;
  let agent: Awaited<ReturnType<TestContext['signIn']>>['agent'];
  let token: string;

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    const officer = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    actor = (await ctx.get<AuthService>(AuthService).actorForUser(officer.id, 'session')) as Actor;
    agent = (await ctx.signIn(officer)).agent;
    token = await ctx.apiToken(officer);
  });
  afterAll(async () => {
    uninstallQueryCounter();
    await ctx.close();
  });

  /** `count` organisations of La Serena (04101), named after `prefix`, some in force with members counted. */
  async function seedAssociations(prefix: string, count: number): Promise<void> {
    await ctx.query(
      `INSERT INTO association (commune_code, kind, name, name_key, area, address, neighbourhood_unit, status, version, members_below_minimum_since)
       SELECT '04101', CASE WHEN g % 3 = 0 THEN 'neighbourhood_council' ELSE 'functional_organization' END,
              $1 || ' ' || g, lower($1) || ' ' || g, CASE WHEN g % 5 = 0 THEN 'rural' ELSE 'urban' END,
              'Calle Prat ' || g || ', La Serena', CASE WHEN g % 3 = 0 THEN 'UV ' || g END,
              CASE WHEN g % 2 = 0 THEN 'in_force' ELSE 'in_formation' END, 1,
              CASE WHEN g % 7 = 0 THEN date '2025-12-01' END
         FROM generate_series(1, $2::int) g`,
      [prefix, count],
    );
  }

  /** `count` people and their active memberships of `associationId` (RUTs from `from`, valid check digits). */
  async function seedMembers(associationId: string, from: number, count: number): Promise<void> {
    const bodies = Array.from({ length: count }, (_, i) => 40_000_000 + from + i);
    await ctx.query(
      `WITH p AS (
         INSERT INTO person (document_type, document_number, full_name, name_key, birth_date, email, phone)
         SELECT 'rut', d, 'Socia ' || n || ' Muñoz Peña', 'socia ' || n || ' munoz pena', date '1970-01-01' + n % 9000, 'socia' || n || '@example.cl', '+56 9 5555 ' || lpad((n % 10000)::text, 4, '0')
           FROM unnest($2::text[], $3::int[]) AS u(d, n)
         RETURNING id
       )
       INSERT INTO membership (association_id, person_id, status, joined_on, business_name, version)
       SELECT $1::uuid, id, 'active', date '2024-01-01', 'Almacén', 1 FROM p`,
      [associationId, bodies.map((b) => `${b}-${rutCheckDigit(b)}`), bodies.map((b) => b - 40_000_000)],
    );
  }

  const registryPaths = {
    service: () => ctx.get<AssociationsService>(AssociationsService).registry(actor, { pageSize: 200 }),
    html: () => agent.get('/organizaciones').expect(200),
    api: () => ctx.http.get('/api/v1/associations?pageSize=200').set('Authorization', `Bearer ${token}`).expect(200),
  };

  it('the registry of a commune with 2,000 organisations runs the same few queries as with 10 (service, HTML, API)', async () => {
    await seedAssociations('Club Deportivo', 10);
    for (const path of Object.values(registryPaths)) await path(); // warm-up: one-off lookups do not count
    const small = await countEach(registryPaths);
    expect(small.service.result.total).toBe(10);

    await seedAssociations('Junta Vecinal', 1_990);
    const large = await countEach(registryPaths);
    expect(large.service.result.total).toBe(2_000);
    expect(large.service.result.items).toHaveLength(200);
    expect(large.api.result.body.total).toBe(2_000);
    expect(large.html.result.text).toContain('Club Deportivo 1');
    expectBoundedAndSame(small, large);
  });

  it('a roster page of an association with 1,000 members runs the same few queries as with 10 (service, HTML, API)', async () => {
    const association = await ctx.newAssociation({ name: 'Feria Libre Las Compañías' });
    for (let i = 0; i < 10; i++) await ctx.newMember(association.id, { fullName: `Socio ${i} Araya Rojas` });
    const paths = {
      service: () => ctx.get<RosterService>(RosterService).list(actor, association.id, { pageSize: 200 }),
      html: () => agent.get(`/organizaciones/${association.id}/socios`).expect(200),
      api: () =>
        ctx.http
          .get(`/api/v1/associations/${association.id}/members?pageSize=200`)
          .set('Authorization', `Bearer ${token}`)
          .expect(200),
    };
    for (const path of Object.values(paths)) await path();
    const small = await countEach(paths);
    expect(small.service.result.items).toHaveLength(10);
    expect(small.api.result.body.items).toHaveLength(10);

    await seedMembers(association.id, 0, 990);
    const large = await countEach(paths);
    expect(large.service.result.total).toBe(1_000);
    expect(large.service.result.items).toHaveLength(200);
    expect(large.api.result.body).toMatchObject({ total: 1_000 });
    expect(large.api.result.body.items).toHaveLength(200);
    expect(large.html.result.text).toContain('Socia');
    expectBoundedAndSame(small, large);
  });

  it('the counter sees repositories, query builders and manager.query', async () => {
    const counted = await countQueries(async () => {
      await ctx.get<AssociationsService>(AssociationsService).municipality('04101'); // repository / query builder
      await ctx.dataSource.manager.query('SELECT 1');
      await ctx.dataSource.createQueryBuilder().select('1').from('commune', 'c').limit(1).getRawMany();
    });
    expect(counted.count).toBeGreaterThanOrEqual(3);
    expect(counted.sql).toContain('SELECT 1');
  });
});
