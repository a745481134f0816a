import { ModuleRef } from '@nestjs/core';
import { AuthService } from '../../src/auth/auth.service';
import type { EventsDemoDeps } from '../../src/events/events.demo';
import { loadFundsDemo } from '../../src/events/funds/funds.demo';
import { createTestApp, TestContext } from '../support/test-app';
import { COQUIMBO_PROGRAM } from '../support/program-fixtures';
import { bearer, problem } from '../support/api-problem';

/** Now is 2026-03-17 12:00 in Santiago (15:00Z, summer time -03; the change to -04 is on Sunday 5 April 2026). */
const FFOIP = {
  institutionName: 'Ministerio Secretaría General de Gobierno',
  name: 'FFOIP 2026',
  year: 2026,
  scope: 'national',
  category: 'social',
  targetApplicant: 'organizations',
  amountMinClp: 1_000_000,
  amountMaxClp: 15_000_000,
  opensAt: '2026-03-02T09:00',
  closesAt: '2026-04-30T17:00',
  url: 'https://fondos.gob.cl',
  requirements: {
    legalPersonalityInForce: true,
    boardInForce: true,
    minOrganizationAgeYears: 2,
    publicFundsRegistry: true,
    other: ['Carta Gantt del proyecto'],
  },
};

/** Issue 18 items 1, 2 and 7 (DOM-FND-1, DOM-FND-3): fund calls through the API, the CSV import, who may write. */
describe('fund calls', () => {
  let ctx: TestContext;
  let admin: string;
  let officer: string;
  let otherOfficer: string;
  let municipal: string;
  let plain: string;
  let programId: string;

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
    const program = await ctx.http.post('/api/v1/programs').set(bearer(admin)).send(COQUIMBO_PROGRAM).expect(201);
    programId = program.body.id;
    const other = await ctx.http
      .post('/api/v1/programs')
      .set(bearer(admin))
      .send({
        name: 'Centro de Negocios Melipilla',
        kind: 'individual',
        year: 2026,
        agencyName: 'Sercotec',
        communeCodes: ['13501'],
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
      })
      .expect(201);
    officer = await ctx.apiToken(await ctx.newUser({ roles: [['program_officer', programId]] }));
    otherOfficer = await ctx.apiToken(await ctx.newUser({ roles: [['program_officer', other.body.id]] }));
    municipal = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    plain = await ctx.apiToken(await ctx.newUser());
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('DOM-FND-1: the admin creates a national call with its requirements; the answer carries its state and local times', async () => {
    const res = await ctx.http.post('/api/v1/fund-calls').set(bearer(admin)).send(FFOIP).expect(201);
    expect(res.body).toMatchObject({
      name: 'FFOIP 2026',
      institution: { name: 'Ministerio Secretaría General de Gobierno' },
      scope: 'national',
      state: 'open',
      opensAt: '2026-03-02T09:00',
      closesAt: '2026-04-30T17:00',
      timeZone: 'America/Santiago',
      // 30 April is after the change: -04
      closesAtUtc: '2026-04-30T21:00:00.000Z',
      amountMinClp: 1_000_000,
      requirements: FFOIP.requirements,
    });
    const [audit] = await ctx.query(`SELECT action FROM audit_log WHERE object_id = $1`, [res.body.id]);
    expect(audit).toEqual({ action: 'fund_call.created' });
    // the calendar is public: read without signing in
    const one = await ctx.http.get(`/api/v1/fund-calls/${res.body.id}`).expect(200);
    expect(one.body.url).toBe('https://fondos.gob.cl/');
  });

  it('refuses each bad input with a Spanish message naming the field, and writes nothing (issue 18 "Bad input")', async () => {
    const before = await ctx.count('fund_call');
    const institutions = await ctx.count('institution');
    const refuse = async (body: object, field: string, pattern: RegExp) => {
      const res = await ctx.http
        .post('/api/v1/fund-calls')
        .set(bearer(admin))
        .send({ ...FFOIP, name: 'Rechazado', institutionName: 'Institución Nueva Que No Debe Quedar', ...body })
        .expect(400);
      const error = problem(res).errors?.find((e) => e.field === field);
      expect(error?.message).toMatch(pattern);
    };
    await refuse({ closesAt: '2026-03-01T17:00' }, 'closesAt', /cierre \(2026-03-01T17:00\) debe ser posterior/);
    // Sunday 6 September 2026, 00:30 does not exist in Santiago (clocks jump from 00:00 to 01:00)
    await refuse(
      { opensAt: '2026-09-06T00:30', closesAt: '2026-10-01T17:00' },
      'opensAt',
      /fecha de apertura \(2026-09-06T00:30\) no existe en America\/Santiago/,
    );
    await refuse({ amountMinClp: 20_000_000 }, 'amountMinClp', /mínimo \(\$20\.000\.000\) es mayor que el máximo/);
    await refuse({ scope: 'regional', regionCodes: ['99'] }, 'regionCodes', /No existe la región 99/);
    await refuse({ scope: 'communal', communeCodes: ['99999'] }, 'communeCodes', /No existe la comuna 99999/);
    await refuse({ category: 'gastronomia' }, 'category', /categoría «gastronomia» no existe/);
    await refuse({ requirements: { tieneSede: true } }, 'requirements', /requisito «tieneSede» no existe/);
    await refuse(
      { requirements: { minOrganizationAgeYears: 'dos' } },
      'requirements.minOrganizationAgeYears',
      /antigüedad mínima de la organización/,
    );
    await refuse({ opensAt: '01-03-2026 09:00' }, 'opensAt', /aaaa-mm-ddThh:mm/);
    await refuse({ timeZone: 'Chile/Santiago_Centro' }, 'timeZone', /zona horaria/);
    expect(await ctx.count('fund_call')).toBe(before);
    expect(await ctx.count('institution')).toBe(institutions);
  });

  it('DOM-FND-3: the state at the closing minute in two zones, across the April change (17:00 local is 21:00Z in Santiago, 23:00Z on Easter Island)', async () => {
    const santiago = await ctx.http
      .post('/api/v1/fund-calls')
      .set(bearer(admin))
      .send({ ...FFOIP, name: 'Cierre Santiago', opensAt: '2026-03-01T09:00', closesAt: '2026-04-06T17:00' })
      .expect(201);
    const easter = await ctx.http
      .post('/api/v1/fund-calls')
      .set(bearer(admin))
      .send({
        ...FFOIP,
        name: 'Cierre Rapa Nui',
        opensAt: '2026-03-01T09:00',
        closesAt: '2026-04-06T17:00',
        timeZone: 'Pacific/Easter',
      })
      .expect(201);
    const state = async (id: string) => (await ctx.http.get(`/api/v1/fund-calls/${id}`).expect(200)).body.state;
    try {
      ctx.clock.set('2026-04-06T20:59:00Z');
      expect(await state(santiago.body.id)).toBe('closing_soon');
      ctx.clock.set('2026-04-06T21:00:00Z');
      expect(await state(santiago.body.id)).toBe('closed');
      expect(await state(easter.body.id)).toBe('closing_soon');
      ctx.clock.set('2026-04-06T22:59:00Z');
      expect(await state(easter.body.id)).toBe('closing_soon');
      ctx.clock.set('2026-04-06T23:00:00Z');
      expect(await state(easter.body.id)).toBe('closed');
      // closing_soon begins 7 local days before: 30 March 17:00 is still -03 (20:00Z)
      ctx.clock.set('2026-03-30T19:59:00Z');
      expect(await state(santiago.body.id)).toBe('open');
      ctx.clock.set('2026-03-30T20:00:00Z');
      expect(await state(santiago.body.id)).toBe('closing_soon');
    } finally {
      ctx.clock.set('2026-03-17T15:00:00Z');
    }
  });

  it('DOM-FND-1: a program officer creates calls in its program territory only; a municipal officer only communal calls of its commune', async () => {
    const body = { ...FFOIP, name: 'Fondo Regional de Seguridad 2026', category: 'security' };
    const regional = await ctx.http
      .post('/api/v1/fund-calls')
      .set(bearer(officer))
      .send({
        ...body,
        scope: 'regional',
        regionCodes: ['04'],
        opensAt: '2026-05-04T09:00',
        closesAt: '2026-06-05T14:00',
      })
      .expect(201);
    expect(regional.body).toMatchObject({ ownerProgramId: programId, state: 'upcoming' });
    const before = await ctx.count('fund_call');
    const national = await ctx.http.post('/api/v1/fund-calls').set(bearer(officer)).send(body).expect(403);
    expect(problem(national).errors?.[0].message).toMatch(/no crea fondos nacionales/);
    const outside = await ctx.http
      .post('/api/v1/fund-calls')
      .set(bearer(officer))
      .send({ ...body, name: 'Fuera', scope: 'communal', communeCodes: ['13501'] })
      .expect(403);
    expect(problem(outside).errors?.[0].message).toMatch(/13501\) está fuera del territorio de su programa/);
    await ctx.http
      .post('/api/v1/fund-calls')
      .set(bearer(otherOfficer))
      .send({ ...body, name: 'Fuera', scope: 'regional', regionCodes: ['04'] })
      .expect(403);
    const regionalByMunicipal = await ctx.http
      .post('/api/v1/fund-calls')
      .set(bearer(municipal))
      .send({ ...body, name: 'Fuera', scope: 'regional', regionCodes: ['04'] })
      .expect(403);
    expect(problem(regionalByMunicipal).errors?.[0].message).toMatch(/solo fondos comunales de su comuna \(04101\)/);
    await ctx.http
      .post('/api/v1/fund-calls')
      .set(bearer(municipal))
      .send({ ...body, name: 'Fuera', scope: 'communal', communeCodes: ['13501'] })
      .expect(403);
    await ctx.http.post('/api/v1/fund-calls').set(bearer(plain)).send(body).expect(403);
    await ctx.http.post('/api/v1/fund-calls').send(body).expect(401);
    expect(await ctx.count('fund_call')).toBe(before);
    const fondeve = await ctx.http
      .post('/api/v1/fund-calls')
      .set(bearer(municipal))
      .send({
        ...body,
        institutionName: 'Municipalidad de La Serena',
        name: 'FONDEVE La Serena 2026',
        category: 'infrastructure',
        scope: 'communal',
        communeCodes: ['04101'],
        associationKinds: ['neighbourhood_council'],
        opensAt: '2026-05-04T09:00',
        closesAt: '2026-06-05T14:00',
      })
      .expect(201);
    expect(fondeve.body).toMatchObject({ ownerCommuneCode: '04101', associationKinds: ['neighbourhood_council'] });
  });

  it('DOM-FND-1: edits only while upcoming, only by the admin or its own officers (403 for others, 422 once open)', async () => {
    const { body } = await ctx.http
      .post('/api/v1/fund-calls')
      .set(bearer(officer))
      .send({
        ...FFOIP,
        name: 'Capital Semilla Emprende Coquimbo 2026',
        scope: 'regional',
        regionCodes: ['04'],
        targetApplicant: 'persons',
        category: 'productive',
        opensAt: '2026-03-20T09:00',
        closesAt: '2026-04-10T15:00',
        requirements: { minAgeYears: 18, noActivityStart: true },
      })
      .expect(201);
    const edited = await ctx.http
      .patch(`/api/v1/fund-calls/${body.id}`)
      .set(bearer(officer))
      .send({ amountMaxClp: 3_500_000, amountMinClp: 3_500_000 })
      .expect(200);
    expect(edited.body).toMatchObject({ amountMaxClp: 3_500_000, version: 2, closesAt: '2026-04-10T15:00' });
    await ctx.http.patch(`/api/v1/fund-calls/${body.id}`).set(bearer(otherOfficer)).send({ year: 2027 }).expect(403);
    await ctx.http.patch(`/api/v1/fund-calls/${body.id}`).set(bearer(municipal)).send({ year: 2027 }).expect(403);
    // moving it out of the program's territory is refused too
    await ctx.http
      .patch(`/api/v1/fund-calls/${body.id}`)
      .set(bearer(officer))
      .send({ scope: 'communal', communeCodes: ['13501'] })
      .expect(403);
    const gap = await ctx.http
      .patch(`/api/v1/fund-calls/${body.id}`)
      .set(bearer(officer))
      .send({ closesAt: '2026-04-10T25:00' })
      .expect(400);
    expect(problem(gap).errors?.[0].field).toBe('closesAt');
    ctx.clock.set('2026-03-20T12:00:00Z');
    try {
      const open = await ctx.http
        .patch(`/api/v1/fund-calls/${body.id}`)
        .set(bearer(admin))
        .send({ amountMaxClp: 4_000_000 })
        .expect(422);
      expect(problem(open)).toMatchObject({ code: 'FUND_CALL_NOT_UPCOMING' });
      expect(problem(open).detail).toMatch(/antes de que abra; este está abierto/);
    } finally {
      ctx.clock.set('2026-03-17T15:00:00Z');
    }
    const [row] = await ctx.query<{ amount_max_clp: string; version: number }>(
      `SELECT amount_max_clp, version FROM fund_call WHERE id = $1`,
      [body.id],
    );
    expect(row).toEqual({ amount_max_clp: '3500000', version: 2 });
  });

  it('lists with the calendar filters: state, month, commune (its region and the nation), category, target applicant', async () => {
    const names = async (query: string) =>
      ((await ctx.http.get(`/api/v1/fund-calls?${query}`).expect(200)).body.items as { name: string }[])
        .map((c) => c.name)
        .sort();
    expect(await names('state=upcoming')).toEqual(
      ['Capital Semilla Emprende Coquimbo 2026', 'FONDEVE La Serena 2026', 'Fondo Regional de Seguridad 2026'].sort(),
    );
    expect(await names('category=security')).toEqual(['Fondo Regional de Seguridad 2026']);
    expect(await names('targetApplicant=persons')).toEqual(['Capital Semilla Emprende Coquimbo 2026']);
    const melipilla = await names('communeCode=13501');
    expect(melipilla).toContain('FFOIP 2026');
    expect(melipilla).not.toContain('Fondo Regional de Seguridad 2026');
    expect(melipilla).not.toContain('FONDEVE La Serena 2026');
    expect(await names('communeCode=04101&category=infrastructure')).toEqual(['FONDEVE La Serena 2026']);
    expect(await names('month=2026-06&communeCode=04101')).toEqual(
      ['FONDEVE La Serena 2026', 'Fondo Regional de Seguridad 2026'].sort(),
    );
    const bad = await ctx.http.get('/api/v1/fund-calls?state=abierto').expect(400);
    expect(problem(bad).errors?.[0]).toMatchObject({ field: 'state' });
  });

  it('imports calls from CSV: all or nothing, every problem with its line; the template imports back', async () => {
    const template = await ctx.http.get('/api/v1/fund-calls/template.csv').expect(200);
    expect(template.text).toMatch(/^\uFEFF?institución,nombre,año,alcance,regiones,comunas,categoría,postulante/);
    const back = await ctx.http
      .post('/api/v1/fund-calls/import')
      .set(bearer(admin))
      .set('Content-Type', 'text/csv')
      .send(template.text)
      .expect(200);
    expect(back.body.imported).toBe(1);
    const [example] = await ctx.query<{ requirements: object; scope: string }>(
      `SELECT requirements, scope FROM fund_call WHERE name = 'Fondo de ejemplo (bórrelo)'`,
    );
    expect(example).toMatchObject({ scope: 'national', requirements: { minOrganizationAgeYears: 2 } });

    const header = template.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    const row = (cells: Record<string, string>) => {
      const base: Record<string, string> = {
        institución: 'Gobierno Regional de Coquimbo',
        nombre: 'FNDR Seguridad Ciudadana 2026',
        año: '2026',
        alcance: 'regional',
        regiones: '04',
        comunas: '',
        categoría: 'Seguridad',
        postulante: 'organizaciones',
        'tipos de organización': 'neighbourhood_council;functional_organization',
        'monto mínimo': '',
        'monto máximo': '$8.000.000',
        apertura: '04-05-2026 09:00',
        cierre: '2026-06-05 14:00',
        'zona horaria': '',
        enlace: 'https://www.gorecoquimbo.cl',
        'personalidad jurídica vigente': 'sí',
        'directorio vigente': 'sí',
        'antigüedad mínima (años)': '1',
        'sin rendiciones pendientes': 'sí',
        'rut de la organización': 'sí',
        'registro de receptores de fondos públicos': 'sí',
        'sexo de la persona titular': '',
        'edad mínima': '',
        'sin inicio de actividades': '',
        'otros requisitos': 'Cotizaciones;Carta de apoyo de Carabineros',
        descripción: 'Cámaras, luminarias y alarmas comunitarias',
        ...cells,
      };
      return header
        .split(',')
        .map((h) => `"${base[h] ?? ''}"`)
        .join(',');
    };
    const before = await ctx.count('fund_call');
    const bad = [
      header,
      row({}),
      row({ nombre: 'Dos', cierre: '2026-04-01 09:00' }),
      row({ nombre: 'Tres', categoría: 'Gastronomía', regiones: '99' }),
      row({ nombre: 'Cuatro', 'directorio vigente': 'quizás' }),
    ].join('\n');
    const refused = await ctx.http
      .post('/api/v1/fund-calls/import')
      .set(bearer(admin))
      .set('Content-Type', 'text/csv')
      .send(bad)
      .expect(422);
    expect(problem(refused).code).toBe('IMPORT_INVALID');
    const lines = problem(refused).errors?.map((e) => [e.line, e.field]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [3, 'closesAt'],
        [4, 'category'],
        [4, 'regionCodes'],
        [5, 'boardInForce'],
      ]),
    );
    expect(problem(refused).errors?.some((e) => e.line === 2)).toBe(false);
    expect(problem(refused).errors?.find((e) => e.line === 4 && e.field === 'category')?.message).toMatch(
      /^Línea 4: La categoría «Gastronomía» no existe/,
    );
    expect(await ctx.count('fund_call')).toBe(before);

    const good = [header, row({}), row({ nombre: 'FNDR Cultura 2026', categoría: 'cultura' })].join('\n');
    const ok = await ctx.http
      .post('/api/v1/fund-calls/import')
      .set(bearer(officer))
      .set('Content-Type', 'text/csv')
      .send(good)
      .expect(200);
    expect(ok.body.imported).toBe(2);
    const imported = (await ctx.http.get(`/api/v1/fund-calls/${ok.body.ids[0]}`).expect(200)).body;
    expect(imported).toMatchObject({
      scope: 'regional',
      regionCodes: ['04'],
      category: 'security',
      associationKinds: ['neighbourhood_council', 'functional_organization'],
      amountMaxClp: 8_000_000,
      opensAt: '2026-05-04T09:00',
      ownerProgramId: programId,
      requirements: {
        boardInForce: true,
        minOrganizationAgeYears: 1,
        other: ['Cotizaciones', 'Carta de apoyo de Carabineros'],
      },
    });
    // the same file again: each line is a duplicate, nothing written
    const again = await ctx.http
      .post('/api/v1/fund-calls/import')
      .set(bearer(officer))
      .set('Content-Type', 'text/csv')
      .send(good)
      .expect(422);
    expect(problem(again).errors?.[0]).toMatchObject({ line: 2, field: 'name' });
    expect(await ctx.count('fund_call')).toBe(before + 2);
    // a municipal officer's file with a regional call: refused at its line, as by hand
    const municipalFile = await ctx.http
      .post('/api/v1/fund-calls/import')
      .set(bearer(municipal))
      .set('Content-Type', 'text/csv')
      .send([header, row({ nombre: 'Otra' })].join('\n'))
      .expect(422);
    expect(problem(municipalFile).errors?.[0]).toMatchObject({ line: 2, field: 'scope' });
    await ctx.http
      .post('/api/v1/fund-calls/import')
      .set(bearer(plain))
      .set('Content-Type', 'text/csv')
      .send(good)
      .expect(403);
  });

  it('issue 18 item 8: the demo calls, with windows around the demo date (open, closing soon, upcoming, closed), load once', async () => {
    const deps = {
      manager: ctx.dataSource.manager,
      modules: ctx.app.get(ModuleRef),
      clock: ctx.clock,
      admin: await ctx
        .get<AuthService>(AuthService)
        .actorForUser((await ctx.newUser({ roles: [['admin', null]] })).id, 'session'),
    } as unknown as EventsDemoDeps;
    const before = await ctx.count('fund_call');
    await loadFundsDemo(deps);
    expect(await ctx.count('fund_call')).toBe(before + 7);
    await loadFundsDemo(deps);
    expect(await ctx.count('fund_call')).toBe(before + 7);
    const items = (await ctx.http.get('/api/v1/fund-calls').expect(200)).body.items as {
      name: string;
      state: string;
    }[];
    const state = (name: string) => items.find((c) => c.name === name)?.state;
    expect(state('Fondo de Fortalecimiento de las Organizaciones de Interés Público (FFOIP)')).toBe('open');
    expect(state('Fondo Social Presidente de la República')).toBe('closing_soon');
    expect(state('FONDEVE La Serena')).toBe('upcoming');
    expect(state('Barrios Comerciales: Fondo de Desarrollo de Iniciativas Empresariales')).toBe('closed');
    const fondeve = items.find((c) => c.name === 'FONDEVE La Serena') as unknown as Record<string, unknown>;
    expect(fondeve).toMatchObject({
      scope: 'communal',
      communeCodes: ['04101'],
      associationKinds: ['neighbourhood_council'],
    });
  });
});

/** Issue 18 item 2 (DOM-FND-3): the public calendar pages, the call's page, and the forms for those who may. */
describe('fund calendar pages', () => {
  let ctx: TestContext;
  let callId: string;

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    const admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
    callId = (await ctx.http.post('/api/v1/fund-calls').set(bearer(admin)).send(FFOIP).expect(201)).body.id;
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('shows the month grid and the list to anyone, without signing in, with the calls on the days they open and close', async () => {
    const page = await ctx.http.get('/fondos?month=2026-04').expect(200);
    expect(page.text).toContain('Abril de 2026');
    expect(page.text).toContain('id="month-grid"');
    // FFOIP closes on 30 April (in April's grid) and opened in March (not in April's grid, but in the list)
    expect(page.text).toMatch(/data-date="2026-04-30">[\s\S]*?Cierra<\/span> FFOIP 2026/);
    expect(page.text).not.toMatch(/Abre<\/span> FFOIP 2026/);
    expect(page.text).toMatch(/Abre: 02-03-2026 09:00 · Cierra: <strong>30-04-2026 17:00<\/strong>/);
    expect(page.text).toContain('href="/fondos?month&#x3D;2026-03&amp;view&#x3D;month" rel="prev"');
    expect(page.text).toContain('href="/fondos"'); // the nav's Fondos link
    expect(page.text).not.toContain('id="new-call"');
    const list = await ctx.http.get('/fondos?month=2026-03&view=list').expect(200);
    expect(list.text).not.toContain('id="month-grid"');
    expect(list.text).toContain('FFOIP 2026');
    const filtered = await ctx.http.get('/fondos?month=2026-03&targetApplicant=persons').expect(200);
    expect(filtered.text).toContain('id="no-calls"');
  });

  it("a call's page: its window in its zone, amounts in CLP, and the requirements as a checklist", async () => {
    const page = await ctx.http.get(`/fondos/${callId}`).expect(200);
    expect(page.text).toContain('$1.000.000 – $15.000.000');
    expect(page.text).toContain('30-04-2026 17:00');
    expect(page.text).toContain('Horas de America/Santiago');
    for (const item of [
      'Personalidad jurídica vigente',
      'Directorio vigente',
      'Antigüedad mínima de la organización: 2 años',
      'Inscripción en el registro de receptores de fondos públicos (Ley 19.862)',
      'Carta Gantt del proyecto',
    ])
      expect(page.text).toContain(item);
    await ctx.http.get('/fondos/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('a municipal officer creates a FONDEVE through the form; a refused form keeps the input and names the field, nothing written', async () => {
    const officer = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    const { agent, csrf } = await ctx.signIn(officer);
    const calendar = await agent.get('/fondos').expect(200);
    expect(calendar.text).toContain('id="new-call"');
    const form = {
      institutionName: 'Municipalidad de La Serena',
      name: 'FONDEVE La Serena 2026',
      year: '2026',
      scope: 'communal',
      communeCodes: '04101',
      category: 'infrastructure',
      targetApplicant: 'organizations',
      associationKinds: 'neighbourhood_council',
      amountMaxClp: '2.500.000',
      opensAt: '2026-09-06T00:30',
      closesAt: '2026-10-09T14:00',
      reqLegalPersonalityInForce: 'on',
      reqBoardInForce: 'on',
      reqOther: 'Presupuesto de obras\nFotografías de la sede',
    };
    const before = await ctx.count('fund_call');
    const refused = await agent
      .post('/fondos/nuevo')
      .type('form')
      .send({ _csrf: await csrf('/fondos/nuevo'), ...form })
      .expect(400);
    expect(refused.text).toContain('value="FONDEVE La Serena 2026"');
    expect(refused.text).toMatch(/fecha de apertura \(2026-09-06T00:30\) no existe en America\/Santiago/);
    expect(await ctx.count('fund_call')).toBe(before);
    const saved = await agent
      .post('/fondos/nuevo')
      .type('form')
      .send({ _csrf: await csrf('/fondos/nuevo'), ...form, opensAt: '2026-09-07T09:00' })
      .expect(303);
    const page = await agent.get(saved.headers.location).expect(200);
    expect(page.text).toContain('Juntas de vecinos');
    expect(page.text).toContain('$2.500.000');
    expect(page.text).toContain('Fotografías de la sede');
    expect(page.text).toContain('id="edit-call"');
    const edit = await agent.get(`${saved.headers.location}/editar`).expect(200);
    expect(edit.text).toContain('value="2026-09-07T09:00"');
    // anonymous: to the login page; a user without the roles: 403
    const anonymous = await ctx.http.get('/fondos/nuevo').expect(303);
    expect(anonymous.headers.location).toMatch(/^\/ingresar\?volver=/);
    const plain = await ctx.signIn(await ctx.newUser());
    await plain.agent.get('/fondos/nuevo').expect(403);
  });

  it('imports through the page: a bad file shows each problem with its line and keeps the content', async () => {
    const admin = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const template = (await ctx.http.get('/api/v1/fund-calls/template.csv').expect(200)).text.replace(/^\uFEFF/, '');
    const bad = template.replace('nacional', 'planetario');
    const before = await ctx.count('fund_call');
    const res = await admin.agent
      .post('/fondos/importar')
      .type('form')
      .send({ _csrf: await admin.csrf('/fondos/importar'), content: bad })
      .expect(422);
    expect(res.text).toMatch(/Línea 2: El alcance «planetario» no existe/);
    expect(res.text).toContain('planetario');
    expect(await ctx.count('fund_call')).toBe(before);
    await admin.agent
      .post('/fondos/importar')
      .type('form')
      .send({ _csrf: await admin.csrf('/fondos/importar'), content: template })
      .expect(303);
    expect(await ctx.count('fund_call')).toBe(before + 1);
    // the spreadsheet as a file (multipart): a bad one is refused with its line, a good one imported
    const upload = async (name: string, bytes: Buffer) =>
      admin.agent
        .post('/fondos/importar')
        .field('_csrf', await admin.csrf('/fondos/importar'))
        .attach('file', bytes, { filename: name, contentType: 'text/csv' });
    const refused = await upload('fondos.csv', Buffer.from(bad.replace('Fondo de ejemplo', 'Fondo subido'), 'utf8'));
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/Línea 2: El alcance «planetario» no existe/);
    expect(await ctx.count('fund_call')).toBe(before + 1);
    const uploaded = await upload(
      'fondos.csv',
      Buffer.from(template.replace('Fondo de ejemplo', 'Fondo subido'), 'utf8'),
    );
    expect(uploaded.status).toBe(303);
    expect(await ctx.query(`SELECT count(*)::int AS n FROM fund_call WHERE name LIKE 'Fondo subido%'`)).toEqual([
      { n: 1 },
    ]);
  });
});
