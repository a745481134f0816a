import { DEMO_ASSOCIATION_IDS } from '../../src/associations/associations.demo';
import { ConstitutionRequestService } from '../../src/associations/constitution-request.service';
import { DEMO_ENTREPRENEUR_EMAIL } from '../../src/events/market/market.demo';
import { DEMO_PROGRAM_OFFICER_EMAIL } from '../../src/programs/programs.demo';
import { DEMO_PASSWORD } from '../../src/startup/demo.loader';
import { DEMO_CARABINEROS_EMAIL } from '../../src/tables/tables.demo';
import { countQueries, uninstallQueryCounter } from '../support/query-counter';
import { createTestApp, TestContext } from '../support/test-app';

const NOW = '2026-11-22T15:00:00Z'; // a Sunday; Barrio Patrimonial meets every other Tuesday at 19:30
const PRESIDENT = 'presidencia@barriopatrimonial.demo.quorum.cl';
const OFFICER = 'dideco@laserena.demo.quorum.cl';
const MINISTER = 'ministro.fe@laserena.demo.quorum.cl';
const COORDINATOR = 'seguridad.centro@laserena.demo.quorum.cl';
const ADMIN = 'admin@demo.quorum.cl';

/** What Handlebars prints for a text (it escapes quotes and equals signs too). */
const html = (s: string) =>
  s.replace(
    /[&<>"'`=]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' })[c]!,
  );
/** dd-mm-yyyy, as the pages write a date. */
const day = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
/** The HTML of one section of the start page (from its opening tag to the next section's). */
const section = (page: string, name: string): string => {
  const start = page.indexOf(`data-section="${name}"`);
  if (start < 0) return '';
  const end = page.indexOf('data-section="', start + 20);
  return page.slice(start, end < 0 ? undefined : end);
};
const sections = (page: string) => [...page.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1]);

/**
 * Issue 20 item 1: after signing in each person lands on "Inicio" (GET /inicio) with their own work, one section per
 * kind of role, on the demo data of the five stories.
 */
describe('the start page (Inicio)', () => {
  let ctx: TestContext;
  const pageOf = async (email: string, password = DEMO_PASSWORD) => {
    const { agent } = await ctx.signIn({ email, password });
    return (await agent.get('/inicio').expect(200)).text;
  };

  beforeAll(async () => {
    ctx = await createTestApp({ env: { DEMO: 'true', LOGIN_RATE_LIMIT: '1000' }, now: NOW });
  }, 180_000); // the whole demo of the five stories, on PGlite under a busy CI
  afterAll(async () => {
    uninstallQueryCounter();
    await ctx?.close();
  });
  afterEach(() => ctx.clock.set(new Date(NOW)));

  it('sends an anonymous visitor to the login page with /inicio as the return address', async () => {
    const res = await ctx.http.get('/inicio').expect(303);
    expect(decodeURIComponent(res.headers.location)).toBe('/ingresar?volver=/inicio');
  });

  it('signing in lands on /inicio (a return address still wins), and every signed-in page links to it', async () => {
    for (const email of [PRESIDENT, DEMO_PROGRAM_OFFICER_EMAIL]) {
      const form = await ctx.openForm('/ingresar');
      const res = await form.submit('/ingresar', { email, password: DEMO_PASSWORD, volver: '' }).expect(303);
      expect(res.headers.location).toBe('/inicio');
    }
    const back = await (
      await ctx.openForm('/ingresar?volver=/mesas')
    )
      .submit('/ingresar', { email: COORDINATOR, password: DEMO_PASSWORD, volver: '/mesas' })
      .expect(303);
    expect(back.headers.location).toBe('/mesas');
    const { agent } = await ctx.signIn({ email: OFFICER, password: DEMO_PASSWORD });
    for (const path of ['/cuenta', '/organizaciones', '/fondos']) {
      expect((await agent.get(path).expect(200)).text).toContain('href="/inicio"');
    }
    const start = await agent.get('/inicio').expect(200);
    expect(start.text).toContain('<a class="nav-link px-2 active" href="/inicio" aria-current="page">Inicio</a>');
    // anonymous pages keep "Inicio" on the home page
    expect((await ctx.http.get('/comunas').expect(200)).text).not.toContain('href="/inicio"');
  });

  it("the president sees Barrio Patrimonial's next meeting with its next step one tap away, its commitments overdue first, and no other organisation", async () => {
    const barrio = DEMO_ASSOCIATION_IDS.barrioPatrimonial;
    const [next] = await ctx.query<{ id: string }>(
      `SELECT id FROM meeting WHERE association_id = $1 AND starts_at > $2 AND status <> 'cancelled' ORDER BY starts_at LIMIT 1`,
      [barrio, NOW],
    );
    const page = await pageOf(PRESIDENT);
    expect(sections(page)).toEqual(['association']); // a beneficiary of Sercotec's program, but in no market: no weeks
    const own = section(page, 'association');
    expect(own).toContain('Barrio Patrimonial La Serena');
    // Tuesday 24-11 at 19:30, already convened by the demo: its agenda is the next thing to look at
    expect(own).toContain(`data-next-meeting="${next.id}"`);
    expect(own).toContain('24-11-2026 19:30');
    expect(own).toContain(`href="/reuniones/${next.id}" data-action="agenda">Ver la tabla</a>`);
    // open commitments: every overdue one before any later one
    const open = await ctx.query<{ id: string; description: string; overdue: boolean }>(
      `SELECT id, description, due_on < '2026-11-22' AS overdue FROM commitment
        WHERE association_id = $1 AND status IN ('open', 'in_progress') ORDER BY due_on`,
      [barrio],
    );
    const overdue = open.filter((c) => c.overdue);
    const later = open.filter((c) => !c.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(0);
    const at = (id: string) => own.indexOf(`data-commitment="${id}"`);
    expect(at(overdue[0].id)).toBeGreaterThan(0);
    expect(at(later[0].id)).toBeGreaterThan(at(overdue[overdue.length - 1].id));
    expect(own).toContain(`data-commitment="${overdue[0].id}" data-overdue="true"`);
    expect(own).toContain(html(overdue[0].description));
    expect(own).toMatch(/\(\d+ abiertos?, \d+ vencidos?\)/);
    expect(own).toContain(`href="/organizaciones/${barrio}/compromisos"`);
    // nobody else's association: the demo's other organisation of La Serena, or one registered now
    const other = await ctx.newAssociation({ name: 'Junta de Vecinos Ajena' });
    const again = await pageOf(PRESIDENT);
    expect(again).not.toContain('Las Compañías Norte');
    expect(again).not.toContain('Junta de Vecinos Ajena');
    expect(again).not.toContain(other.id);
  });

  it('on the evening of the meeting the step is taking attendance; the next day, writing its acta and convening the next one', async () => {
    const barrio = DEMO_ASSOCIATION_IDS.barrioPatrimonial;
    const [tuesday, following] = await ctx.query<{ id: string }>(
      `SELECT id FROM meeting WHERE association_id = $1 AND starts_at > $2 AND status <> 'cancelled' ORDER BY starts_at LIMIT 2`,
      [barrio, NOW],
    );
    ctx.clock.set(new Date('2026-11-24T22:40:00Z')); // 19:40 in La Serena: the meeting has begun
    const evening = section(await pageOf(PRESIDENT), 'association');
    expect(evening).toContain(
      `href="/reuniones/${tuesday.id}/asistencia" data-action="attendance">Tomar asistencia</a>`,
    );

    ctx.clock.set(new Date('2026-11-25T15:00:00Z'));
    const morning = section(await pageOf(PRESIDENT), 'association');
    expect(morning).toContain('Actas por escribir');
    expect(morning).toContain(
      `<a class="d-inline-block py-2" href="/reuniones/${tuesday.id}/acta">Escribir el acta de la reunión del 24-11-2026</a>`,
    );
    if (following) {
      const [{ convened }] = await ctx.query<{ convened: boolean }>(
        `SELECT convened_at IS NOT NULL AS convened FROM meeting WHERE id = $1`,
        [following.id],
      );
      expect(morning).toContain(
        convened
          ? `href="/reuniones/${following.id}" data-action="agenda"`
          : `href="/reuniones/${following.id}/convocatoria" data-action="convene">Convocar a los socios</a>`,
      );
    } else {
      expect(morning).toContain('No hay reuniones programadas.');
    }
  });

  it('the faith minister sees the constitutive assembly assigned to them, and not the one already certified', async () => {
    const association = await ctx.newAssociation({ name: 'Junta de Vecinos Villa El Faro' });
    const admin = await ctx.actor();
    const [minister] = await ctx.query<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [MINISTER]);
    const requests = ctx.get<ConstitutionRequestService>(ConstitutionRequestService);
    await requests.request(
      admin,
      association.id,
      { proposedAt: '2026-12-05T11:00', place: 'Sede vecinal, Calle Faro 12' },
      {},
    );
    await requests.assignFaithMinister(admin, association.id, minister.id, {});

    const page = await pageOf(MINISTER);
    expect(sections(page)).toEqual(['faith-minister']);
    const own = section(page, 'faith-minister');
    expect(own).toContain(`data-assignment="${association.id}"`);
    expect(own).toContain('Junta de Vecinos Villa El Faro');
    expect(own).toContain('05-12-2026 11:00 (fecha propuesta)');
    expect(own).toContain('Sede vecinal, Calle Faro 12');
    expect(own).toContain(`href="/organizaciones/${association.id}"`);
    expect(own).not.toContain('Barrio Patrimonial'); // certified on 22-11: done, on /ministro-de-fe only
    expect(own).toContain('href="/ministro-de-fe"');
  });

  it("the Carabineros representative sees the security table and only their institution's commitments, overdue first; the coordinator sees the whole table's", async () => {
    const [participant] = await ctx.query<{ table_id: string; institution_id: string; name: string }>(
      `SELECT p.table_id, p.institution_id, i.name FROM table_participant p JOIN institution i ON i.id = p.institution_id
        WHERE lower(p.email) = lower($1) LIMIT 1`,
      [DEMO_CARABINEROS_EMAIL],
    );
    const open = await ctx.query<{ id: string; institution_id: string; overdue: boolean }>(
      `SELECT id, owner_institution_id AS institution_id, due_on < '2026-11-22' AS overdue FROM commitment
        WHERE table_id = $1 AND status IN ('open', 'in_progress') ORDER BY due_on`,
      [participant.table_id],
    );
    const theirs = open.filter((c) => c.institution_id === participant.institution_id);
    const others = open.filter((c) => c.institution_id !== participant.institution_id);
    expect(theirs.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);

    const page = await pageOf(DEMO_CARABINEROS_EMAIL);
    expect(sections(page)).toEqual(['tables']);
    const own = section(page, 'tables');
    expect(own).toContain(`data-table="${participant.table_id}"`);
    expect(own).toContain(`Usted representa a ${html(participant.name)}.`);
    expect(own).toContain('Compromisos de su institución');
    expect(own).toContain(`data-commitment="${theirs[0].id}"`); // the one due first
    for (const c of others) expect(own).not.toContain(`data-commitment="${c.id}"`);
    const overdue = theirs.filter((c) => c.overdue);
    const later = theirs.filter((c) => !c.overdue);
    if (overdue.length && later.length)
      expect(own.indexOf(`data-commitment="${later[0].id}"`)).toBeGreaterThan(
        own.indexOf(`data-commitment="${overdue[0].id}"`),
      );

    const coordinator = section(await pageOf(COORDINATOR), 'tables');
    expect(coordinator).toContain('Usted coordina esta mesa.');
    expect(coordinator).toContain('Compromisos abiertos de la mesa');
    expect(coordinator).toContain(`data-commitment="${open.find((c) => c.overdue)?.id ?? open[0].id}"`);
  });

  it("the municipal officer sees the registry's warnings of La Serena (Las Compañías Norte's expired board)", async () => {
    const page = await pageOf(OFFICER);
    expect(sections(page)).toEqual(['municipal']);
    const own = section(page, 'municipal');
    expect(own).toContain('Registro de organizaciones de La Serena');
    expect(own).toMatch(/\d+ organizaci(ón tiene|ones tienen) advertencias:/);
    expect(own).toContain('Junta de Vecinos Las Compañías Norte');
    expect(own).toContain('data-warning="BOARD_EXPIRED">Directorio vencido');
    expect(own).toContain('href="/organizaciones?warning=any"');
    expect(own).not.toContain('BOARD_EXPIRED:'); // words, not codes
  });

  it('the program officer sees their program with a link to its portfolio; the entrepreneur her market weeks', async () => {
    const programs = await ctx.query<{ id: string; name: string }>(
      `SELECT p.id, p.name FROM program p JOIN role_assignment r ON r.scope_id = p.id::text AND r.role = 'program_officer'
        JOIN app_user u ON u.id = r.user_id WHERE u.email = $1`,
      [DEMO_PROGRAM_OFFICER_EMAIL],
    );
    expect(programs.length).toBeGreaterThan(0);
    const page = await pageOf(DEMO_PROGRAM_OFFICER_EMAIL);
    const own = section(page, 'programs');
    for (const p of programs) {
      expect(own).toContain(html(p.name));
      expect(own).toContain(`href="/programas/${p.id}">Ver la cartera</a>`);
    }

    const market = section(await pageOf(DEMO_ENTREPRENEUR_EMAIL), 'market');
    expect(market).toContain('Semanas de venta');
    expect(market).toContain('href="/mis-semanas"');
    const [week] = await ctx.query<{ starts: string; venue: string; stand: number }>(
      `SELECT to_char(s.week_starts_on, 'YYYY-MM-DD') AS starts, v.name AS venue, s.stand
         FROM market_slot s JOIN market_month m ON m.venue_id = s.venue_id AND m.month = s.month AND m.status = 'published'
         JOIN market_venue v ON v.id = s.venue_id JOIN program_beneficiary b ON b.id = s.beneficiary_id
         JOIN app_user u ON u.person_id = b.person_id
        WHERE u.email = $1 AND s.status = 'assigned' AND s.week_ends_on >= '2026-11-22' ORDER BY s.week_starts_on LIMIT 1`,
      [DEMO_ENTREPRENEUR_EMAIL],
    );
    if (week) {
      expect(market).toContain(`${day(week.starts)} –`);
      expect(market).toContain(html(week.venue));
      expect(market).toContain(`puesto ${week.stand}`);
    } else expect(market).toContain('No tiene semanas de venta asignadas por venir.');
  });

  it('the administrator sees the overview with links to the admin pages', async () => {
    const [counts] = await ctx.query<{ associations: number; municipalities: number }>(
      `SELECT (SELECT count(*)::int FROM association) AS associations,
              (SELECT count(*)::int FROM municipality WHERE onboarded_at IS NOT NULL) AS municipalities`,
    );
    const own = section(await pageOf(ADMIN), 'admin');
    expect(own).toContain(`${counts.associations} organizaciones`);
    expect(own).toMatch(/\d+ municipios? usan? el portal/);
    expect(own).toMatch(/\d+ usuarios/);
    for (const path of ['/admin/usuarios', '/admin/outbox', '/mesas', '/programas', '/organizaciones'])
      expect(own).toContain(`href="${path}"`);
  });

  it('a person in two roles sees two sections; a person with no role a short page of what they can do', async () => {
    const both = await ctx.newUser({
      roles: [
        ['municipal_officer', '04101'],
        ['faith_minister', '04101'],
      ],
    });
    const page = await pageOf(both.email, both.password);
    expect(sections(page)).toEqual(['faith-minister', 'municipal']);
    expect(section(page, 'faith-minister')).toContain('No tiene asambleas pendientes de certificar.');

    const nobody = await ctx.newUser();
    const empty = await pageOf(nobody.email, nobody.password);
    expect(sections(empty)).toEqual(['no-role']);
    expect(empty).toContain('Todavía no tiene trabajo asignado');
    for (const path of ['/fondos', '/comunas', '/verificar', '/cuenta']) expect(empty).toContain(`href="${path}"`);
    // and in English
    const { agent } = await ctx.signIn(nobody);
    const english = await agent.get('/inicio?lang=en').expect(200);
    expect(english.text).toContain('No work assigned to you yet');
  });

  it("reads an officer's associations and tables in a number of statements that does not grow with them", async () => {
    const one = await ctx.newAssociation({ name: 'Junta Uno' });
    const more = [await ctx.newAssociation({ name: 'Junta Dos' }), await ctx.newAssociation({ name: 'Junta Tres' })];
    const single = await ctx.newUser({ roles: [['association_officer', one.id]] });
    const triple = await ctx.newUser({
      roles: [one, ...more].map((a) => ['association_officer', a.id] as ['association_officer', string]),
    });
    const a = await ctx.signIn(single);
    const b = await ctx.signIn(triple);
    const counted = async (agent: typeof a.agent) => (await countQueries(() => agent.get('/inicio').expect(200))).count;
    await counted(a.agent); // warm (each session's first page)
    await counted(b.agent);
    const first = await counted(a.agent);
    const third = await counted(b.agent);
    expect(third).toBe(first);
    const page = (await b.agent.get('/inicio').expect(200)).text;
    expect(page.match(/data-section="association"/g)).toHaveLength(3);
    expect(page.indexOf('Junta Dos')).toBeLessThan(page.indexOf('Junta Tres'));
  });

  it('issue 21: the association page reads the association and its municipality once each', async () => {
    const { agent } = await ctx.signIn({ email: PRESIDENT, password: DEMO_PASSWORD });
    const start = (await agent.get('/inicio').expect(200)).text;
    const id = /href="\/organizaciones\/([0-9a-f-]{36})"/.exec(start)![1];
    await agent.get(`/organizaciones/${id}`).expect(200); // the session's first page writes its CSRF token
    const { sql } = await countQueries(() => agent.get(`/organizaciones/${id}`).expect(200));
    expect(sql.filter((q) => /FROM "association" /.test(q))).toHaveLength(1);
    expect(sql.filter((q) => /FROM "municipality"/.test(q))).toHaveLength(1);
    expect(sql.length).toBeLessThanOrEqual(15); // 20 before: the session written, the association twice, four for the municipality
  });
});
