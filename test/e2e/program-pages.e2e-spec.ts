import { createTestApp, TestContext } from '../support/test-app';
import { COQUIMBO_PROGRAM, DIRECT_BENEFICIARY } from '../support/program-fixtures';
import { bearer } from '../support/api-problem';

type User = { id: string; email: string; password: string };
type Session = Awaited<ReturnType<TestContext['signIn']>>;

const PROGRAM = {
  ...COQUIMBO_PROGRAM,
  year: '2026',
  budgetClp: '10.000.000',
  lines: 'Capital social\nOferta comercial\nEntorno urbano comercial',
};

/** The programs' pages (issue 17) as the admin, the program officer and the association's board use them. */
describe('program pages', () => {
  let ctx: TestContext;
  let admin: User;
  let officer: User;
  let otherOfficer: User;
  let president: User;
  let programId: string;
  let associationId: string;
  let memberId: string;

  /** Posts a form as a browser does (the page's CSRF token added). */
  const post = async (session: Session, page: string, action: string, body: Record<string, string>) =>
    session.agent
      .post(action)
      .type('form')
      .send({ _csrf: await session.csrf(page), ...body });

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    admin = await ctx.newUser({ roles: [['admin', null]] });
    const other = await ctx.http
      .post('/api/v1/programs')
      .set(bearer(await ctx.apiToken(admin)))
      .send({
        ...PROGRAM,
        year: 2026,
        budgetClp: 1,
        lines: [],
        name: 'Centro de Negocios Melipilla',
        regionCode: undefined,
        communeCodes: ['13501'],
      })
      .expect(201);
    otherOfficer = await ctx.newUser({ roles: [['program_officer', other.body.id]] });
    const association = await ctx.newAssociation({ name: 'Barrio Patrimonial La Serena' });
    associationId = association.id;
    memberId = (
      await ctx.newMember(associationId, {
        fullName: 'Carolina Pizarro Rojas',
        businessName: 'Bar La Recova',
        businessCategory: 'Pub',
      } as never)
    ).id;
    president = await ctx.newUser({ roles: [['association_officer', associationId]] });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('the admin creates a program from the list page; a refused form comes back in Spanish with the input kept', async () => {
    const session = await ctx.signIn(admin);
    const list = await session.agent.get('/programas').expect(200);
    expect(list.text).toContain('Nuevo programa');
    expect(list.text).toContain('name="_form"');
    const before = await ctx.count('program');
    const refused = await post(session, '/programas', '/programas', {
      ...PROGRAM,
      name: 'Programa con error',
      regionCode: '',
      endsOn: '2025-01-01',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/anterior a la de inicio/);
    expect(refused.text).toContain('value="Programa con error"');
    expect(refused.text).toContain('is-invalid');
    expect(await ctx.count('program')).toBe(before);

    const created = await post(session, '/programas', '/programas', PROGRAM);
    expect(created.status).toBe(303);
    programId = /\/programas\/([0-9a-f-]{36})$/.exec(created.headers.location)![1];
    const page = await session.agent.get(created.headers.location).expect(200);
    expect(page.text).toContain('El programa Barrios Comerciales Coquimbo 2026 quedó creado.');
    expect(page.text).toContain('$10.000.000');
    officer = await ctx.newUser({ roles: [['program_officer', programId]] });
  });

  it("the program officer lands on the portfolio, enrols an association and sees its light in words; another program's officer gets 404", async () => {
    const session = await ctx.signIn(officer);
    const start = await session.agent.get('/programas').expect(302);
    expect(start.headers.location).toBe(`/programas/${programId}`);
    const empty = await session.agent.get(`/programas/${programId}`).expect(200);
    expect(empty.text).toContain('Todavía no hay organizaciones inscritas.');
    expect(empty.text).toContain(`<option value="${associationId}">Barrio Patrimonial La Serena</option>`);

    const outside = await post(session, `/programas/${programId}`, `/programas/${programId}/organizaciones`, {
      associationId,
      enrolledOn: '2027-02-01',
    });
    expect(outside.status).toBe(422);
    expect(outside.text).toContain('value="2027-02-01"');
    const enrolled = await post(session, `/programas/${programId}`, `/programas/${programId}/organizaciones`, {
      associationId,
      enrolledOn: '2026-02-01',
    });
    expect(enrolled.status).toBe(303);
    const page = await session.agent.get(`/programas/${programId}`).expect(200);
    const row = new RegExp(
      `<tr data-association="${associationId}" data-light="(red|amber|green)">([\\s\\S]*?)</tr>`,
    ).exec(page.text);
    expect(row).not.toBeNull();
    // a plain traffic light: the colour in words, never colour alone
    expect(row![2]).toMatch(/Rojo: requiere atención|Ámbar: con observaciones|Verde: al día/);
    expect(row![2]).toContain(`href="/organizaciones/${associationId}"`);
    expect(row![2]).toMatch(/data-cell="members">1 \/ \d+</);
    // no beneficiaries or benefits yet: each chart says so instead of drawing empty bars
    expect(page.text).toContain('Personas beneficiarias por rubro');
    expect(page.text).toContain('Todavía no hay datos.');

    const stranger = await ctx.signIn(otherOfficer);
    await stranger.agent.get(`/programas/${programId}`).expect(404);
    await stranger.agent.get(`/programas/${programId}/beneficiarios`).expect(404);
  });

  it("the association's board reads the exact text and shares its roster with one button; the officer then adds a member as a beneficiary", async () => {
    const board = await ctx.signIn(president);
    const page = await board.agent.get(`/organizaciones/${associationId}/programas`).expect(200);
    expect(page.text).toContain('Barrios Comerciales Coquimbo 2026');
    expect(page.text).toMatch(/conforme a la Ley 21\.719/);
    expect(page.text).toContain('Compartir registro de socios');
    const shared = await post(
      board,
      `/organizaciones/${associationId}/programas`,
      `/organizaciones/${associationId}/programas/${programId}/compartir`,
      { textVersion: 'programa-registro-2026-12' },
    );
    expect(shared.status).toBe(303);
    const after = await board.agent.get(`/organizaciones/${associationId}/programas`).expect(200);
    expect(after.text).toContain('El registro de socios quedó compartido con el programa.');
    expect(after.text).toContain('>Retirar</button>');

    const session = await ctx.signIn(officer);
    const pick = `/programas/${programId}/beneficiarios?rosterAssociationId=${associationId}`;
    const picking = await session.agent.get(pick).expect(200);
    expect(picking.text).toContain(`value="${memberId}"`);
    expect(picking.text).toContain('Carolina Pizarro Rojas');
    const noSex = await post(session, pick, `/programas/${programId}/beneficiarios/registro`, {
      associationId,
      memberId,
      ownerSex: '',
      enrolledOn: '2026-03-01',
    });
    expect(noSex.status).toBe(400);
    expect(noSex.text).toContain('id="roster-ownerSex"');
    expect(noSex.text).toContain('roster-ownerSex-error');
    const added = await post(session, pick, `/programas/${programId}/beneficiarios/registro`, {
      associationId,
      memberId,
      ownerSex: 'female',
      enrolledOn: '2026-03-01',
    });
    expect(added.status).toBe(303);
    const list = await session.agent.get(`/programas/${programId}/beneficiarios`).expect(200);
    expect(list.text).toContain('Carolina Pizarro Rojas quedó como persona beneficiaria.');
    expect(list.text).toContain('Bar La Recova');
    expect(list.text).toContain('Personas beneficiarias que se muestran: 1');
  });

  it('adds a beneficiary directly with the consent checkbox; a wrong RUT comes back in Spanish with the input kept', async () => {
    const session = await ctx.signIn(officer);
    const page = `/programas/${programId}/beneficiarios`;
    const form = DIRECT_BENEFICIARY;
    const before = await ctx.count('program_beneficiary');
    const bad = await post(session, page, page, { ...form, rut: '12.345.678-9' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/dígito verificador/);
    expect(bad.text).toContain('value="Luis Araya Tapia"');
    expect(bad.text).toContain('value="beneficiario-2026-12" checked');
    expect(await ctx.count('program_beneficiary')).toBe(before);
    const ok = await post(session, page, page, { ...form, rut: '11.111.111-1' });
    expect(ok.status).toBe(303);
    const list = await session.agent.get(`${page}?ownerSex=male`).expect(200);
    expect(list.text).toContain('Peluquería Estilo');
    expect(list.text).not.toContain('Bar La Recova');
  });

  it('records benefits against the budget: past it, the form asks to confirm over the budget, then flags the benefit', async () => {
    const session = await ctx.signIn(officer);
    const page = `/programas/${programId}/beneficios`;
    const body = {
      associationId,
      beneficiaryId: '',
      kind: 'subsidy',
      amountClp: '8.000.000',
      deliveredOn: '2026-03-10',
      line: 'Entorno urbano comercial',
      description: 'Imagen corporativa',
    };
    expect((await post(session, page, page, body)).status).toBe(303);
    const over = await post(session, page, page, { ...body, amountClp: '3000000', description: 'Bulevares' });
    expect(over.status).toBe(422);
    expect(over.text).toContain('Confirmar sobre el presupuesto');
    expect(over.text).toContain('name="overBudgetConfirmed"');
    expect(over.text).toContain('value="3000000"');
    const confirmed = await post(session, page, page, {
      ...body,
      amountClp: '3000000',
      description: 'Bulevares',
      overBudgetConfirmed: 'on',
    });
    expect(confirmed.status).toBe(303);
    const list = await session.agent.get(page).expect(200);
    expect(list.text).toContain('Entregado: $11.000.000 de un presupuesto de $10.000.000 (110 %).');
    expect(list.text).toContain('Sobre el presupuesto');
    const portfolio = await session.agent.get(`/programas/${programId}`).expect(200);
    for (const chart of ['by-category', 'by-sex', 'by-line']) {
      expect(portfolio.text).toContain(`id="${chart}-chart"`);
      expect(portfolio.text).toContain(`id="${chart}-table"`);
    }
    expect(portfolio.text).toMatch(
      /<th scope="row">Entorno urbano comercial<\/th><td class="text-end">\$11\.000\.000<\/td><td class="text-end">110 %/,
    );
    expect(portfolio.text).toMatch(/<th scope="row">Pub<\/th><td class="text-end">1<\/td>/);
    expect(portfolio.text).toMatch(/<th scope="row">Mujer<\/th><td class="text-end">1<\/td>/);
  });

  it('creates an activity and takes its attendance with one radio row per beneficiary and one save button', async () => {
    const session = await ctx.signIn(officer);
    const page = `/programas/${programId}/actividades`;
    const bad = await post(session, page, page, { title: 'Taller de vitrinas', localStart: 'mañana', place: 'Sede' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="Taller de vitrinas"');
    expect(bad.text).toMatch(/fecha y hora local/);
    const created = await post(session, page, page, {
      title: 'Taller de vitrinas',
      localStart: '2026-03-10T19:00',
      place: 'Sede vecinal',
      line: 'Oferta comercial',
    });
    expect(created.status).toBe(303);
    const activityPage = created.headers.location;
    const form = await session.agent.get(activityPage).expect(200);
    const ids = [...form.text.matchAll(/name="status\[([0-9a-f-]{36})\]" id="[^"]+" value="present"/g)].map(
      (m) => m[1],
    );
    expect(ids).toHaveLength(2);
    const token = await session.csrf(activityPage);
    const saved = await session.agent
      .post(`${activityPage}/asistencia`)
      .type('form')
      .send(`_csrf=${token}&status[${ids[0]}]=present&status[${ids[1]}]=excused`);
    expect(saved.status).toBe(303);
    const after = await session.agent.get(activityPage).expect(200);
    expect(after.text).toContain('La asistencia quedó guardada.');
    expect(after.text).toMatch(new RegExp(`id="mark-${ids[0]}-present" value="present" autocomplete="off" checked`));
    const list = await session.agent.get(page).expect(200);
    expect(list.text).toContain('Presentes: 1; con excusa: 1; marcados: 2');
  });

  it('downloads the lists as CSV and the yearly report as a PDF from the pages; not for an officer of another program', async () => {
    const session = await ctx.signIn(officer);
    const page = await session.agent.get(`/programas/${programId}`).expect(200);
    const report = `/programas/${programId}/organizaciones/${associationId}/cuenta-anual.pdf`;
    expect(page.text).toContain(`href="${report}"`);
    const csv = await session.agent.get(`/programas/${programId}/beneficiarios.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.text).toContain('Peluquería Estilo');
    await session.agent.get(`/programas/${programId}/beneficios.xlsx`).expect(200);
    await session.agent.get(`/programas/${programId}/cartera.csv`).expect(200);
    await session.agent.get(`/programas/${programId}/cartera.pdf`).expect(404);
    const pdf = await session.agent.get(report).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['x-verification-code']).toBeTruthy();
    const stranger = await ctx.signIn(otherOfficer);
    await stranger.agent.get(`/programas/${programId}/beneficiarios.csv`).expect(404);
  });

  it('every program page reads in English too (same numbers)', async () => {
    const session = await ctx.signIn(officer);
    const portfolio = await session.agent.get(`/programas/${programId}?lang=en`).expect(200);
    expect(portfolio.text).toContain('Portfolio of organisations');
    expect(portfolio.text).toMatch(/<th scope="row">Female<\/th><td class="text-end">1<\/td>/);
    const pages: [string, string][] = [
      ['beneficiarios', 'Beneficiaries shown: 2'],
      ['beneficios', 'Delivered: $11.000.000 of a budget of $10.000.000 (110 %).'],
      ['actividades', 'Present: 1; excused: 1; marked: 2'],
    ];
    for (const [path, text] of pages)
      expect((await session.agent.get(`/programas/${programId}/${path}`).expect(200)).text).toContain(text);
    const board = await ctx.signIn(president);
    await board.agent.get('/cuenta?lang=en');
    const consents = await board.agent.get(`/organizaciones/${associationId}/programas`).expect(200);
    expect(consents.text).toContain('Withdraw');
  });

  it("withdrawing consent hides the roster's members from the program's pages at once (counted, not shown)", async () => {
    const board = await ctx.signIn(president);
    const withdrawn = await post(
      board,
      `/organizaciones/${associationId}/programas`,
      `/organizaciones/${associationId}/programas/${programId}/retirar`,
      {},
    );
    expect(withdrawn.status).toBe(303);
    expect((await board.agent.get(`/organizaciones/${associationId}/programas`)).text).toContain(
      'Compartir registro de socios',
    );
    const session = await ctx.signIn(officer);
    const list = await session.agent.get(`/programas/${programId}/beneficiarios`).expect(200);
    expect(list.text).not.toContain('Carolina Pizarro Rojas');
    expect(list.text).toContain('data-hidden="1"');
    expect(list.text).toContain('cuyo consentimiento fue retirado, que no se muestran (solo se cuentan): 1.');
  });

  it('imports beneficiaries from the template file, all or nothing, naming each refused line', async () => {
    const session = await ctx.signIn(officer);
    const page = `/programas/${programId}/beneficiarios/importar`;
    const form = await session.agent.get(page).expect(200);
    expect(form.text).toContain('enctype="multipart/form-data"');
    const template = await session.agent.get(`/programas/${programId}/beneficiarios/plantilla.csv`).expect(200);
    const csv = template.text;
    expect(csv).toContain('12.345.678-5');
    const upload = async (content: string, consent = true) => {
      const request = session.agent.post(page).field('_csrf', await session.csrf(page));
      if (consent) request.field('consentTextVersion', 'beneficiario-2026-12');
      return request.attach('file', Buffer.from(content, 'utf8'), 'beneficiarios.csv');
    };
    const before = await ctx.count('program_beneficiary');
    const noFile = await session.agent
      .post(page)
      .field('_csrf', await session.csrf(page))
      .field('consentTextVersion', 'beneficiario-2026-12');
    expect(noFile.status).toBe(400);
    expect(noFile.text).toContain('Elija un archivo CSV o XLSX.');
    const bad = await upload(csv.replace('12.345.678-5', '12.345.678-9'));
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/<li data-field="[^"]+">Línea 2: /);
    expect(bad.text).toContain('value="beneficiario-2026-12" checked');
    expect(await ctx.count('program_beneficiary')).toBe(before);
    const ok = await upload(csv);
    expect(ok.status).toBe(303);
    const list = await session.agent.get(`/programas/${programId}/beneficiarios`).expect(200);
    expect(list.text).toContain('Personas beneficiarias importadas: 1.');
    expect(list.text).toContain('Almacén Doña María');
  });

  it('the admin names program officers from the program page; a refused form keeps the input; an officer sees the list, not the form, and gets 403 posting it', async () => {
    const session = await ctx.signIn(admin);
    const page = `/programas/${programId}`;
    const action = `${page}/ejecutivos`;
    const before = await session.agent.get(page).expect(200);
    expect(before.text).toContain('Ejecutivos del programa');
    expect(before.text).toContain(`action="${action}"`);
    expect(before.text).toContain(`data-officer="${officer.email}"`);

    const roles = await ctx.count('role_assignment');
    const refused = await post(session, page, action, { name: 'Verónica Alfaro Díaz', email: 'no-es-un-correo' });
    expect(refused.status).toBe(400);
    // the summary in the officers' section, beside the form it refers to
    expect(refused.text).toMatch(
      /<h3 class="h6">Nombrar un ejecutivo<\/h3>\s*<div class="alert alert-danger" role="alert">/,
    );
    expect(refused.text).toContain('El campo «Correo electrónico» debe ser un correo electrónico válido.');
    expect(refused.text).toContain('value="Verónica Alfaro Díaz"');
    expect(refused.text).toContain('value="no-es-un-correo"');
    expect(refused.text).toContain('id="email-error"');
    expect(await ctx.count('role_assignment')).toBe(roles);

    // a new person: invited, and listed at once
    const invited = await post(session, page, action, {
      name: 'Verónica Alfaro Díaz',
      email: 'veronica.alfaro@sercotec.example',
    });
    expect(invited.status).toBe(303);
    expect(invited.headers.location).toBe(`${page}#ejecutivos`);
    const after = await session.agent.get(page).expect(200);
    expect(after.text).toContain(
      'Verónica Alfaro Díaz quedó como ejecutivo del programa y recibirá una invitación por correo.',
    );
    expect(after.text).toContain('data-officer="veronica.alfaro@sercotec.example"');
    expect(after.text).toContain('<strong>Verónica Alfaro Díaz</strong>');

    // an existing account gets the role: it then starts on this program's portfolio
    const colleague = await ctx.newUser({ name: 'Rodrigo Cortés Vega' });
    const named = await post(session, page, action, { name: 'Rodrigo Cortés Vega', email: colleague.email });
    expect(named.status).toBe(303);
    expect((await session.agent.get(page).expect(200)).text).toContain(
      'Rodrigo Cortés Vega quedó como ejecutivo del programa.',
    );
    const own = await ctx.signIn(colleague);
    expect((await own.agent.get('/programas').expect(302)).headers.location).toBe(page);

    // a program officer reads the list but names no one
    const reader = await ctx.signIn(officer);
    const seen = await reader.agent.get(page).expect(200);
    expect(seen.text).toContain('data-officer="veronica.alfaro@sercotec.example"');
    expect(seen.text).not.toContain('id="officer-form"');
    const forbidden = await post(reader, page, action, { name: 'Otra Persona Soto', email: 'otra@sercotec.example' });
    expect(forbidden.status).toBe(403);
    // another program's officer does not learn the program exists
    const stranger = await ctx.signIn(otherOfficer);
    const hidden = await post(stranger, '/cuenta', action, { name: 'Otra Persona Soto', email: 'otra@example.cl' });
    expect(hidden.status).toBe(404);
    expect((await session.agent.get(`${page}?lang=en`).expect(200)).text).toContain('Programme officers');
  });

  it("on a phone the portfolio reads as one card per organisation with the table's numbers; the tables stay for desktop", async () => {
    const session = await ctx.signIn(officer);
    const page = await session.agent.get(`/programas/${programId}`).expect(200);
    // the table from md up, the cards below md (Bootstrap classes, no inline style: the CSP forbids them)
    expect(page.text).toMatch(/<div class="table-responsive d-none d-md-block"[^>]*><table[^>]*id="portfolio-table"/);
    expect(page.text).toMatch(/<ul class="list-unstyled d-md-none[^"]*" id="portfolio-cards"/);
    expect(page.text).not.toMatch(/\sstyle="/);
    const row = new RegExp(`<tr data-association="${associationId}" data-light="(\\w+)">([\\s\\S]*?)</tr>`).exec(
      page.text,
    );
    const card = new RegExp(
      `<li class="card[^"]*" data-card-association="${associationId}" data-light="(\\w+)">([\\s\\S]*?)</li>`,
    ).exec(page.text);
    expect(row).not.toBeNull();
    expect(card).not.toBeNull();
    expect(card![1]).toBe(row![1]);
    const cells = (html: string, attribute: string) =>
      Object.fromEntries(
        [
          ...html.matchAll(
            new RegExp(`${attribute}="([a-z-]+)">([\\s\\S]*?)</t[dh]>|${attribute}="([a-z-]+)">([\\s\\S]*?)</dd>`, 'g'),
          ),
        ].map((m) => [m[1] ?? m[3], m[2] ?? m[4]]),
      );
    const table = cells(row![2], 'data-cell');
    const phone = cells(card![2], 'data-card');
    expect(Object.keys(table).sort()).toEqual([
      'actas-approved',
      'actas-pending',
      'board',
      'meetings',
      'members',
      'overdue',
    ]);
    expect(phone).toEqual(table);
    expect(card![2]).toContain(`href="/organizaciones/${associationId}"`);
    expect(card![2]).toContain(`/organizaciones/${associationId}/cuenta-anual.pdf`);
    expect(card![2]).toMatch(/Rojo: requiere atención|Ámbar: con observaciones|Verde: al día/);
    // the charts' tables wrap their labels instead of running off the screen
    for (const chart of ['by-category', 'by-sex', 'by-line'])
      expect(page.text).toContain(`<table class="table table-sm chart-table" id="${chart}-table">`);
  });
});
