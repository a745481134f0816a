import * as http from 'node:http';
import { readTableFile } from '../../src/common/format/table-file';
import { binaryBody } from '../support/pdf-text';
import { createTestApp, TestContext } from '../support/test-app';
import { WebSession } from '../support/web-session';

/**
 * Issue 21: the registry export with contacts (issue 20 item 7) is streamed from the database in batches of 1,000
 * organisations, so the national registry (100,000) no longer sits in memory; the file is the same: every organisation
 * of the officer's commune once, in the registry's order, warnings and filters applied across batches, audited once
 * with its count before the first byte.
 */
describe('streamed registry export (issue 21)', () => {
  let ctx: TestContext;
  let officer: Awaited<ReturnType<TestContext['signIn']>>['agent'];
  let cookie: string;
  let token: string;
  const COPIES = 2_345; // several batches of 1,000
  const exports = () =>
    ctx.query<{ details: { format: string; rows: number; filters: Record<string, string> } }>(
      `SELECT details FROM audit_log WHERE action = 'registry.exported' ORDER BY at, id`,
    );
  const csvLines = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');

  beforeAll(async () => {
    ctx = await createTestApp({ listen: true });
    const user = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    officer = (await ctx.signIn(user)).agent;
    token = await ctx.apiToken(user);
    cookie = (await WebSession.signIn(String(ctx.baseUrl), user.email, user.password)).cookieHeader;
    const first = await ctx.newAssociation({ name: 'Club Deportivo Faro 00000' });
    // names in reverse order of insertion, so the file's order is the sort; every seventh with its recognition lapsing
    // within 60 days of the test's today (2026-03-17): the RECOGNITION_EXPIRING warning (DOM-ORG-14)
    await ctx.query(
      `INSERT INTO association
       SELECT (jsonb_populate_record(NULL::association, to_jsonb(a) || jsonb_build_object(
                 'id', gen_random_uuid(), 'name', 'Club Deportivo Faro ' || lpad((${COPIES} + 1 - i)::text, 5, '0'),
                 'name_key', 'club deportivo faro ' || lpad((${COPIES} + 1 - i)::text, 5, '0'),
                 'recognition_expires_on', CASE WHEN i % 7 = 0 THEN '2026-04-01' END))).*
         FROM association a, generate_series(1, ${COPIES}) i WHERE a.id = $1`,
      [first.id],
    );
    // another commune's organisation, which La Serena's officer never gets
    await ctx.newAssociation({ name: 'Club Deportivo Faro de Coquimbo', communeCode: '04102' });
  }, 120_000);
  afterAll(() => ctx.close());

  it("La Serena's officer gets every organisation of the commune once, sorted across batches, audited once with the count", async () => {
    const before = (await exports()).length;
    const res = await officer.get('/organizaciones/exportar.csv').expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="registro-organizaciones-2026-03-17-la-serena.csv"',
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const lines = csvLines(res.text);
    expect(lines[0]).toMatch(/^Organización,Tipo,Estado,Comuna,RUT,/);
    const names = lines.slice(1).map((l) => l.split(',')[0]);
    const faro = names.filter((n) => n.startsWith('Club Deportivo Faro '));
    expect(faro).toHaveLength(COPIES + 1);
    expect(new Set(faro).size).toBe(COPIES + 1);
    expect(faro[0]).toBe('Club Deportivo Faro 00000');
    expect(faro[COPIES]).toBe(`Club Deportivo Faro ${String(COPIES).padStart(5, '0')}`);
    expect(faro).toEqual([...faro].sort());
    expect(names).not.toContain('Club Deportivo Faro de Coquimbo');
    const audited = await exports();
    expect(audited).toHaveLength(before + 1);
    expect(audited[audited.length - 1].details).toMatchObject({ format: 'csv', rows: lines.length - 1 });
  });

  it('the filter by warning is applied across batches: only the organisations whose recognition lapses, each with its warning', async () => {
    const before = (await exports()).length;
    const res = await officer.get('/organizaciones/exportar.csv?warning=RECOGNITION_EXPIRING').expect(200);
    const rows = csvLines(res.text).slice(1);
    expect(rows).toHaveLength(Math.floor(COPIES / 7));
    expect(rows.every((l) => l.includes('01-04-2026') && /Reconocimiento|reconocimiento/.test(l))).toBe(true);
    // the copy numbered 2,345 + 1 − 7 = 2,339 lapses, the copy numbered 2,338 does not
    expect(rows.some((l) => l.startsWith('Club Deportivo Faro 02339,'))).toBe(true);
    expect(rows.some((l) => l.startsWith('Club Deportivo Faro 02338,'))).toBe(false);
    const audited = await exports();
    expect(audited).toHaveLength(before + 1);
    expect(audited[audited.length - 1].details).toMatchObject({
      format: 'csv',
      rows: Math.floor(COPIES / 7),
      filters: { warning: 'RECOGNITION_EXPIRING' },
    });
  });

  it('the registry filtered by warning counts and pages across batches: page 3 of 50 is the 101st to 150th organisation with it', async () => {
    const page = await ctx.http
      .get('/api/v1/associations?warning=RECOGNITION_EXPIRING&page=3&pageSize=50')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const expiring = Array.from({ length: COPIES }, (_, k) => k + 1)
      .filter((i) => i % 7 === 0)
      .map((i) => `Club Deportivo Faro ${String(COPIES + 1 - i).padStart(5, '0')}`)
      .sort();
    expect(page.body.total).toBe(expiring.length);
    const items = page.body.items as { name: string; warnings: { code: string; dueOn: string }[] }[];
    expect(items.map((i) => i.name)).toEqual(expiring.slice(100, 150));
    expect(
      items.every((i) => i.warnings.some((w) => w.code === 'RECOGNITION_EXPIRING' && w.dueOn === '2026-04-01')),
    ).toBe(true);
  });

  it('the XLSX has the same rows as the CSV, streamed', async () => {
    const csv = await officer.get('/organizaciones/exportar.csv').expect(200);
    const res = await officer.get('/organizaciones/exportar.xlsx').buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="registro-organizaciones-2026-03-17-la-serena.xlsx"',
    );
    const table = await readTableFile(res.body as Buffer, 'xlsx', 10_000);
    if (!('rows' in table)) throw new Error(`unreadable XLSX: ${JSON.stringify(table)}`);
    expect(table.rows.map((r) => r.cells[0])).toEqual(csvLines(csv.text).map((l) => l.split(',')[0]));
  });

  it('a client that leaves mid-export ends it quietly; the portal serves the next one', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = http.get(
        new URL(`${ctx.baseUrl}/organizaciones/exportar.csv`),
        { headers: { Cookie: cookie } },
        (res) => {
          res.once('data', () => {
            req.destroy(); // leave after the first chunk
            resolve();
          });
        },
      );
      req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(err)));
    });
    await new Promise((r) => setTimeout(r, 300));
    const again = await officer.get('/organizaciones/exportar.csv').expect(200);
    expect(csvLines(again.text)).toHaveLength(COPIES + 2);
  });
});
