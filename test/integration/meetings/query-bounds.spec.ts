import { rutCheckDigit } from '../../../src/common/format/rut';
import { countQueries, CountedQueries, uninstallQueryCounter } from '../../support/query-counter';
import { createTestApp, TestContext } from '../../support/test-app';

/**
 * A meeting page (and its attendance page and API) runs a fixed number of SQL statements, however many members
 * the association has: 100 members cost what 10 do (issue 7's performance line). Members are seeded with SQL.
 */
const MAX_QUERIES = 12;
const explain = (counted: CountedQueries<unknown>) => `${counted.count} consultas:\n  ${counted.sql.join('\n  ')}`;

describe('query bounds of a meeting (no N+1)', () => {
  let ctx: TestContext;
  let agent: Awaited<ReturnType<TestContext['signIn']>>['agent'];
  let token: string;

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    const officer = await ctx.newUser({ roles: [['admin', null]] }); // runs meetings (an association officer would be per association)
    agent = (await ctx.signIn(officer)).agent;
    token = await ctx.apiToken(officer);
  });
  afterAll(async () => {
    uninstallQueryCounter();
    await ctx.close();
  });

  /** An association with `count` active members, half of them marked present (some online), and one meeting. */
  async function meetingWith(count: number, from: number): Promise<string> {
    const a = await ctx.newAssociation({ name: `Asociación de ${count} socios` });
    const bodies = Array.from({ length: count }, (_, i) => 41_000_000 + from + i);
    await ctx.query(
      `WITH p AS (
         INSERT INTO person (document_type, document_number, full_name, name_key, birth_date)
         SELECT 'rut', d, 'Socio ' || n, 'socio ' || n, date '1970-01-01' + n % 9000 FROM unnest($2::text[], $3::int[]) AS u(d, n)
         RETURNING id
       )
       INSERT INTO membership (association_id, person_id, status, joined_on, version) SELECT $1::uuid, id, 'active', date '2024-01-01', 1 FROM p`,
      [a.id, bodies.map((b) => `${b}-${rutCheckDigit(b)}`), bodies.map((b) => b - 41_000_000)],
    );
    const [{ id }] = await ctx.query<{ id: string }>(
      `INSERT INTO meeting (association_id, starts_at, time_zone, place, version) VALUES ($1, '2026-03-17T22:30:00Z', 'America/Santiago', 'Sede', 1) RETURNING id`,
      [a.id],
    );
    await ctx.query(
      `INSERT INTO attendance (meeting_id, membership_id, status, mode)
       SELECT $1, m.id, 'present', CASE WHEN row_number() OVER () % 4 = 0 THEN 'online' ELSE 'in_person' END
         FROM (SELECT id FROM membership WHERE association_id = $2 ORDER BY id LIMIT $3) m`,
      [id, a.id, Math.floor(count / 2)],
    );
    return id;
  }

  it('the meeting page, the attendance page and GET /api/v1/meetings/:id with 100 members run the same queries as with 10', async () => {
    const small = await meetingWith(10, 0);
    const large = await meetingWith(100, 1000);
    const paths = (id: string) => ({
      page: () => agent.get(`/reuniones/${id}`).expect(200),
      attendance: () => agent.get(`/reuniones/${id}/asistencia`).expect(200),
      api: () => ctx.http.get(`/api/v1/meetings/${id}`).set('Authorization', `Bearer ${token}`).expect(200),
    });
    for (const name of ['page', 'attendance', 'api'] as const) {
      await paths(small)[name](); // warm up (sessions, templates)
      const a = await countQueries(paths(small)[name]);
      const b = await countQueries(paths(large)[name]);
      if (a.count !== b.count)
        throw new Error(
          `${name}: la cantidad de consultas crece con los socios: ${explain(a)}\ncon 100: ${explain(b)}`,
        );
      if (b.count > MAX_QUERIES) throw new Error(`${name}: más de ${MAX_QUERIES} ${explain(b)}`);
    }
    const api = await paths(large).api();
    expect(api.body.attendance).toHaveLength(100);
    expect(api.body.quorum).toEqual({ call: 'first', required: 51, present: 50, reached: false });
  });
});
