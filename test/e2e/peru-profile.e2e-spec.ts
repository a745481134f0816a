import { DEMO_ASSOCIATION_IDS } from '../../src/associations/associations.demo';
import { readTableFile } from '../../src/common/format/table-file';
import { DEMO_PASSWORD } from '../../src/startup/demo.loader';
import { binaryBody } from '../support/pdf-text';
import { createTestApp, TestContext } from '../support/test-app';

const NOW = '2026-11-22T15:00:00Z'; // the clock of the other demo specs: they share one loaded demo (test/support)
const PERU_OFFICER = 'seguridad@elporvenir.demo.quorum.pe';
const LA_SERENA_OFFICER = 'dideco@laserena.demo.quorum.cl';
const PRESIDENT = 'presidencia@barriopatrimonial.demo.quorum.cl';

/** The page's own content (the layout's menu has a link to the communes' list). */
const main = (page: string) => page.slice(page.indexOf('<main'), page.indexOf('</main>'));
const options = (page: string, select: string) => {
  const start = page.indexOf(`id="${select}"`);
  return [
    ...page.slice(start, page.indexOf('</select>', start)).matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g),
  ].map((m) => m[2]);
};

/**
 * Issue 20 item 7: the Peruvian profile speaks Peruvian on El Porvenir's pages (the demo's fourth story), and the
 * municipal officer exports the registry with its contacts (CSV and XLSX), rights checked and each export audited.
 */
describe('the Peruvian profile (El Porvenir) and the registry export', () => {
  let ctx: TestContext;
  const agentOf = async (email: string) => (await ctx.signIn({ email, password: DEMO_PASSWORD })).agent;
  const exports = async () =>
    ctx.query<{ user_id: string; details: { format: string; rows: number } }>(
      `SELECT user_id, details FROM audit_log WHERE action = 'registry.exported' ORDER BY at, id`,
    );

  beforeAll(async () => {
    ctx = await createTestApp({ env: { DEMO: 'true', LOGIN_RATE_LIMIT: '1000' }, now: NOW });
  }, 180_000); // the whole demo of the five stories, on PGlite under a busy CI
  afterAll(() => ctx?.close());

  it("issue 20 item 7: El Porvenir's registry says distrito and RUC, counts members without Chile's legal minimum and filters by Peru's kinds and warnings only", async () => {
    const agent = await agentOf(PERU_OFFICER);
    const page = main((await agent.get('/organizaciones').expect(200)).text);
    expect(page).toContain('Las organizaciones de su distrito');
    expect(page).toContain('<th scope="col" class="d-none d-md-table-cell">RUC</th>');
    expect(page).toContain('20481234566'); // the market's RUC
    expect(page).toContain('Integrantes activos');
    expect(page).not.toMatch(/comuna|mínimo|RUT/i);
    expect(options(page, 'kind')).toEqual([
      'Todos los tipos',
      'Junta vecinal de seguridad ciudadana',
      'Ronda urbana',
      'Comité de vaso de leche',
      'Olla común',
      'Comedor popular',
      'Mercado',
      'Empresa de mototaxis o de transporte',
      'Otra',
    ]);
    // no constitution, deposit, objection, board term or legal minimum in Peru: only the recognition lapses
    expect(options(page, 'warning')).toEqual([
      'Sin filtrar por advertencias',
      expect.any(String),
      'El reconocimiento vence',
    ]);
    expect(options(page, 'status')).not.toContain('Pendiente de certificación');
    // the export is one tap away, with the filters as asked
    const filtered = (await agent.get('/organizaciones?kind=market').expect(200)).text.replace(/&#x3D;/g, '=');
    expect(filtered).toContain('href="/organizaciones/exportar.csv?kind=market"');
    expect(filtered).toContain('href="/organizaciones/exportar.xlsx?kind=market"');

    // a Chilean registry keeps its words
    const chile = main((await (await agentOf(LA_SERENA_OFFICER)).get('/organizaciones').expect(200)).text);
    expect(chile).toContain('Socios activos / mínimo');
    expect(chile).toContain('Junta de vecinos');
    expect(chile).not.toContain('Ronda urbana');
  });

  it('DOM-ORG-14: the junta vecinal de seguridad ciudadana says distrito, its members without a minimum and its 2-year recognition; the market is recognised without a term', async () => {
    const agent = await agentOf(PERU_OFFICER);
    const board = main((await agent.get(`/organizaciones/${DEMO_ASSOCIATION_IDS.porvenirSecurity}`).expect(200)).text);
    expect(board).toContain('Junta vecinal de seguridad ciudadana · Distrito El Porvenir');
    expect(board).toContain('4 integrantes activos');
    expect(board).toContain('Sector o unidad vecinal');
    // the comisaría's recognition of 20-01-2025 lapses on 20-01-2027 (PE-02), warned 60 days before
    expect(board).toContain('<dt class="col-sm-5">El reconocimiento vence</dt><dd class="col-sm-7">20-01-2027</dd>');
    expect(board).toContain('<h2 class="h5" id="members-heading">Integrantes activos</h2>');
    expect(board).toContain('vale 2 años');
    expect(board).toMatch(/data-warning="RECOGNITION_EXPIRING"/); // 50 days before it lapses
    expect(board).not.toContain('Socios activos');
    expect(board).not.toMatch(/mínimo|Ley 19\.418|ministro de fe/i);
    expect(board).not.toContain('>Unidad vecinal<');

    const market = main((await agent.get(`/organizaciones/${DEMO_ASSOCIATION_IDS.porvenirMarket}`).expect(200)).text);
    expect(market).toContain('Reconocida por');
    expect(market).not.toContain('El reconocimiento vence');
    expect(market).not.toContain('vale 2 años');
    expect(market).toContain('indique quién la reconoció y en qué fecha');
    expect(market).not.toContain('data-warning');

    // the roster of a Peruvian organisation says DNI; a Chilean one RUT
    const roster = main(
      (await agent.get(`/organizaciones/${DEMO_ASSOCIATION_IDS.porvenirSecurity}/socios`).expect(200)).text,
    );
    expect(roster).toContain('<th scope="col">DNI</th>');
    expect(roster).not.toContain('RUT');
    const chileRoster = (
      await (
        await agentOf(PRESIDENT)
      )
        .get(`/organizaciones/${DEMO_ASSOCIATION_IDS.barrioPatrimonial}/socios`)
        .expect(200)
    ).text;
    expect(chileRoster).toContain('<th scope="col">RUT</th>');
  });

  it("issue 20 item 7: registering in El Porvenir offers Peru's kinds only, asks for the district and says nothing of Chile's registries", async () => {
    const agent = await agentOf(PERU_OFFICER);
    const page = main((await agent.get('/organizaciones/nueva').expect(200)).text);
    expect(page).toContain('Distrito');
    expect(page).toContain('Registre una organización del distrito');
    expect(page).not.toMatch(/Ministerio de Economía|juntas de vecinos|Comuna/);
    const kinds = options(page, 'kind');
    expect(kinds).toEqual(expect.arrayContaining(['Ronda urbana', 'Comité de vaso de leche', 'Olla común']));
    expect(kinds).not.toContain('Junta de vecinos');
    expect(kinds).not.toContain('Organización comunitaria funcional');
    expect(kinds).not.toContain('Asociación gremial');
    // the district is picked by its name, never by its code (issue 20 item 2)
    expect(options(page, 'communeCode')).toEqual(['El Porvenir']);
  });

  it("issue 20 item 7: El Porvenir's officer exports the registry with contacts as CSV (distrito, RUC, formula cells protected), audited", async () => {
    const before = (await exports()).length;
    // a contact typed as a formula is exported as text
    await ctx.query(`UPDATE association SET contact_name = '=HYPERLINK("http://x")' WHERE id = $1`, [
      DEMO_ASSOCIATION_IDS.porvenirKitchen,
    ]);
    const agent = await agentOf(PERU_OFFICER);
    const res = await agent.get('/organizaciones/exportar.csv').expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="registro-organizaciones-2026-11-22-el-porvenir.csv"',
    );
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Organización,Tipo,Estado,Distrito,RUC,Dirección');
    expect(lines[0]).toContain('Correo de la presidencia');
    expect(lines[0]).not.toMatch(/Comuna|RUT/);
    expect(lines).toHaveLength(4); // the header and El Porvenir's three organisations, nobody else's
    const market = lines.find((l) => l.startsWith('Asociación de Comerciantes del Mercado Río Seco'));
    expect(market).toContain('20481234566');
    expect(market).toContain('+51 949 876 543');
    expect(market).toContain('mercado.rioseco@demo.quorum.pe');
    expect(lines.find((l) => l.startsWith('Junta Vecinal'))).toContain('20-01-2027');
    expect(res.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(res.text).not.toContain('Barrio Patrimonial');

    const audited = await exports();
    expect(audited).toHaveLength(before + 1);
    expect(audited[audited.length - 1].details).toMatchObject({ format: 'csv', rows: 3 });
  });

  it('issue 20 item 7: the XLSX export has the same rows, and a Chilean officer gets the presidency and secretary contacts of their commune', async () => {
    const agent = await agentOf(PERU_OFFICER);
    const res = await agent.get('/organizaciones/exportar.xlsx').buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="registro-organizaciones-2026-11-22-el-porvenir.xlsx"',
    );
    const table = await readTableFile(res.body as Buffer, 'xlsx', 100);
    if (!('rows' in table)) throw new Error(`unreadable XLSX: ${JSON.stringify(table)}`);
    expect(table.rows[0].cells.slice(0, 5)).toEqual(['Organización', 'Tipo', 'Estado', 'Distrito', 'RUC']);
    expect(table.rows.map((r) => r.cells[0]).sort()).toEqual([
      'Asociación de Comerciantes del Mercado Río Seco',
      'Comedor Popular Virgen de la Puerta',
      'Junta Vecinal de Seguridad Ciudadana Alto Trujillo Sector 3',
      'Organización',
    ]);

    const chile = await (await agentOf(LA_SERENA_OFFICER)).get('/organizaciones/exportar.csv').expect(200);
    const lines = chile.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Organización,Tipo,Estado,Comuna,RUT');
    const barrio = lines.find((l) => l.startsWith('Barrio Patrimonial La Serena'));
    const [president] = await ctx.query<{ full_name: string; email: string }>(
      `SELECT p.full_name, p.email FROM board_seat s JOIN board_term t ON t.id = s.term_id
         JOIN membership m ON m.id = s.membership_id JOIN person p ON p.id = m.person_id
        WHERE t.association_id = $1 AND s.position = 'president' ORDER BY t.starts_on DESC LIMIT 1`,
      [DEMO_ASSOCIATION_IDS.barrioPatrimonial],
    );
    expect(barrio).toContain(president.full_name);
    expect(barrio).toContain(president.email);
    expect(chile.text).not.toContain('El Porvenir');
    expect((await exports()).slice(-2).map((e) => e.details.format)).toEqual(['xlsx', 'csv']);
  });

  it("issue 20 item 7: a president (the organisation's own officer) cannot export the registry: 403, the page offers no link, nothing audited", async () => {
    const before = (await exports()).length;
    const agent = await agentOf(PRESIDENT);
    const res = await agent.get('/organizaciones/exportar.csv').expect(403);
    expect(res.text).toContain('Solo el funcionario municipal de la comuna o del distrito exporta el registro');
    await agent.get('/organizaciones/exportar.xlsx').expect(403);
    expect((await agent.get('/organizaciones').expect(200)).text).not.toContain('exportar.csv');
    await ctx.http.get('/organizaciones/exportar.csv').expect(303);
    expect(await exports()).toHaveLength(before);
  });
});
