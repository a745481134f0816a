import * as http from 'node:http';
import { createTestApp, TestContext } from '../support/test-app';

/** Exports of large rosters stream in batches, in name order, and a client that leaves early costs nothing. */
describe('streamed roster export', () => {
  let ctx: TestContext;
  let token: string;
  let associationId: string;
  const MEMBERS = 2_345; // several batches of 1,000

  beforeAll(async () => {
    ctx = await createTestApp({ listen: true });
    token = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    associationId = (await ctx.newAssociation({ name: 'Feria Libre Avenida Cuatro Esquinas' })).id;
    // names in reverse order of insertion, so the export's order is the sort, not the insertion
    await ctx.query(
      `INSERT INTO person (document_type, document_number, full_name, name_key, birth_date)
       SELECT 'rut', (20000000 + g)::text || '-0', 'Socio ' || lpad((${MEMBERS} - g)::text, 5, '0'), 'socio ' || lpad((${MEMBERS} - g)::text, 5, '0'), date '1980-01-01'
         FROM generate_series(1, ${MEMBERS}) g`,
    );
    await ctx.query(
      `INSERT INTO membership (association_id, person_id, status, joined_on, version)
       SELECT $1, id, 'active', date '2026-01-10', 1 FROM person WHERE full_name LIKE 'Socio %'`,
      [associationId],
    );
  });
  afterAll(() => ctx.close());

  it('exports every member once, sorted by name across batches', async () => {
    const res = await ctx.http
      .get(`/api/v1/associations/${associationId}/members.csv`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(MEMBERS + 1);
    const names = lines.slice(1).map((l) => l.split(',')[1]);
    expect(names[0]).toBe('Socio 00000');
    expect(names[MEMBERS - 1]).toBe(`Socio ${String(MEMBERS - 1).padStart(5, '0')}`);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(MEMBERS);
  });

  it('a client that closes the connection mid-export ends it quietly; the next request is served', async () => {
    const url = new URL(`${ctx.baseUrl}/api/v1/associations/${associationId}/members.csv`);
    await new Promise<void>((resolve, reject) => {
      const req = http.get(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
        res.once('data', () => {
          req.destroy(); // leave after the first chunk
          resolve();
        });
      });
      req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(err)));
    });
    await new Promise((r) => setTimeout(r, 300));
    await ctx.http.get('/health/live').expect(200);
    const again = await ctx.http
      .get(`/api/v1/associations/${associationId}/members.csv`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(again.text.trim().split('\r\n')).toHaveLength(MEMBERS + 1);
  });
});
