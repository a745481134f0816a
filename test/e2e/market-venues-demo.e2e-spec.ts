import { DEMO_MELIPILLA_OFFICER_EMAIL } from '../../src/programs/programs.demo';
import { DEMO_ENTREPRENEUR_EMAIL, DEMO_MARKET_VENUE } from '../../src/events/market/market.demo';
import { DEMO_PASSWORD } from '../../src/startup/demo.loader';
import { createTestApp, TestContext } from '../support/test-app';

/** Issue 19 item 8: Melipilla's Mall Espacio Urbano in the demo, usable as it is (DOM-MKT-1, 2, 4). */
describe('market weeks demo data', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { DEMO: 'true', LOGIN_RATE_LIMIT: '1000' }, now: '2026-11-22T15:00:00Z' });
  }, 180_000); // the whole demo of the five stories, on PGlite under a busy CI
  afterAll(() => ctx?.close());

  it('the venue has 4 stands a week for the program (and its table), six published months with attendance and December in draft', async () => {
    const [venue] = await ctx.query<{ id: string; stands_per_week: number; table_id: string | null }>(
      `SELECT id, stands_per_week, table_id FROM market_venue WHERE name = $1`,
      [DEMO_MARKET_VENUE],
    );
    expect(venue.stands_per_week).toBe(4);
    expect(venue.table_id).not.toBeNull();
    const months = await ctx.query<{ month: string; status: string }>(
      `SELECT month, status FROM market_month WHERE venue_id = $1 ORDER BY month`,
      [venue.id],
    );
    expect(months).toEqual([
      { month: '2026-06', status: 'published' },
      { month: '2026-07', status: 'published' },
      { month: '2026-08', status: 'published' },
      { month: '2026-09', status: 'published' },
      { month: '2026-10', status: 'published' },
      { month: '2026-11', status: 'published' },
      { month: '2026-12', status: 'draft' },
    ]);
    const marks = await ctx.query<{ attendance: string | null; n: number }>(
      `SELECT attendance, count(*)::int AS n FROM market_slot WHERE venue_id = $1 AND month < '2026-12' GROUP BY attendance`,
      [venue.id],
    );
    const count = (a: string | null) => marks.find((m) => m.attendance === a)?.n ?? 0;
    expect(count('no_show')).toBeGreaterThan(0);
    expect(count('excused')).toBeGreaterThan(0);
    expect(count('attended')).toBeGreaterThan(count('no_show') + count('excused'));
    // weeks not begun by 22 November have no mark yet
    expect(count(null)).toBeGreaterThan(0);
    const [december] = await ctx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM market_application WHERE venue_id = $1 AND month = '2026-12'`,
      [venue.id],
    );
    expect(december.n).toBeGreaterThanOrEqual(30); // most of the 40
  });

  it("the program's officer opens December's draft with its grid, waitlist and reasons; the entrepreneur can apply for herself", async () => {
    const [venue] = await ctx.query<{ id: string }>(`SELECT id FROM market_venue WHERE name = $1`, [DEMO_MARKET_VENUE]);
    const { agent } = await ctx.signIn({ email: DEMO_MELIPILLA_OFFICER_EMAIL, password: DEMO_PASSWORD });
    const page = await agent.get(`/semanas-de-venta/${venue.id}`).expect(200);
    expect(page.text).toContain('diciembre de 2026');
    expect(page.text).toContain('Borrador');
    expect(page.text).not.toContain('id="stale"'); // the draft ran after every application
    expect(page.text).toContain('Lista de espera');
    expect(page.text).toMatch(/Lugar 1 en el orden: \d+ semanas? recibidas?/);
    const november = await agent.get(`/semanas-de-venta/${venue.id}?mes=2026-11`).expect(200);
    expect(november.text).toContain('Publicado');
    const { agent: own } = await ctx.signIn({ email: DEMO_ENTREPRENEUR_EMAIL, password: DEMO_PASSWORD });
    expect((await own.get('/mis-semanas/postular').expect(200)).text).toContain(DEMO_MARKET_VENUE);
  });
});
