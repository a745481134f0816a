import { postForm } from '../support/page-form';
import { createTestApp, TestContext } from '../support/test-app';
import { bearer, problem } from '../support/api-problem';

/** Tables (DOM-TBL-1): institutions, tables by territorial scope, participants who are not users, axes with members. */
/** A security table of the commune of La Serena: what most tables here are. */
const SECURITY_LA_SERENA = { kind: 'security', scopeLevel: 'commune', scopeCode: '04101' };

describe('tables (mesas): institutions, participants, axes', () => {
  let ctx: TestContext;
  let laSerena: string;
  let melipilla: string;
  let admin: string;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    laSerena = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    melipilla = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '13501']] }));
    admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
  });
  afterAll(() => ctx.close());
  /** A table created through the API by `token` (201): its body. */
  const newTable = async (token: string, body: Record<string, unknown>) =>
    (await ctx.http.post('/api/v1/tables').set(bearer(token)).send(body).expect(201)).body;

  it('DOM-TBL-1: La Serena creates its technical security table; participants of Carabineros, PDI and the municipality, institutions reused by name', async () => {
    const muni = (
      await ctx.http
        .post('/api/v1/institutions')
        .set(bearer(laSerena))
        .send({ name: 'Municipalidad de La Serena', kind: 'municipality', communeCode: '04101' })
        .expect(201)
    ).body;
    const again = await ctx.http
      .post('/api/v1/institutions')
      .set(bearer(laSerena))
      .send({ name: 'MUNICIPALIDAD DE LA  SERENA', kind: 'municipality', communeCode: '04101' })
      .expect(200);
    expect(again.body.id).toBe(muni.id);
    const table = await newTable(laSerena, {
      ...SECURITY_LA_SERENA,
      name: 'Mesa técnica de seguridad del centro histórico',
      convenerInstitutionId: muni.id,
    });
    expect(table).toMatchObject({
      kind: 'security',
      scopeLevel: 'commune',
      scopeCode: '04101',
      scopeName: 'La Serena',
      communeCode: '04101',
      timeZone: 'America/Santiago',
      convener: { id: muni.id, name: 'Municipalidad de La Serena' },
      securityCouncil: false,
    });

    const carabineros = await ctx.http
      .post(`/api/v1/tables/${table.id}/participants`)
      .set(bearer(laSerena))
      .send({
        institutionName: 'Carabineros de Chile, 1.ª Comisaría',
        institutionKind: 'police',
        name: 'Mayor Rodrigo Fuentes',
        role: 'Comisario',
        email: 'r.fuentes@example.cl',
      })
      .expect(201);
    expect(carabineros.body).toMatchObject({
      name: 'Mayor Rodrigo Fuentes',
      institution: { name: 'Carabineros de Chile, 1.ª Comisaría', kind: 'police', communeCode: '04101' },
    });
    // the same institution by name: reused, no kind needed
    const second = await ctx.http
      .post(`/api/v1/tables/${table.id}/participants`)
      .set(bearer(laSerena))
      .send({ institutionName: 'carabineros de chile, 1.ª comisaría', name: 'Sargento Ana Rojas' })
      .expect(201);
    expect(second.body.institutionId).toBe(carabineros.body.institutionId);
    // a new institution without its kind: 400 naming institutionKind, nothing written
    const before = await ctx.count('institution');
    const noKind = await ctx.http
      .post(`/api/v1/tables/${table.id}/participants`)
      .set(bearer(laSerena))
      .send({ institutionName: 'Policía de Investigaciones', name: 'Inspector Luis Tapia' });
    expect([noKind.status, problem(noKind).errors![0].field]).toEqual([400, 'institutionKind']);
    expect(await ctx.count('institution')).toBe(before);
    const pdi = await ctx.http.post(`/api/v1/tables/${table.id}/participants`).set(bearer(laSerena)).send({
      institutionName: 'Policía de Investigaciones',
      institutionKind: 'investigations_police',
      name: 'Inspector Luis Tapia',
      email: 'no es correo',
    });
    expect([pdi.status, problem(pdi).errors![0].field]).toEqual([400, 'email']);

    const detail = (await ctx.http.get(`/api/v1/tables/${table.id}`).set(bearer(laSerena)).expect(200)).body;
    expect(
      detail.participants.map((p: { name: string; institution: { name: string } }) => [p.name, p.institution.name]),
    ).toEqual([
      ['Mayor Rodrigo Fuentes', 'Carabineros de Chile, 1.ª Comisaría'],
      ['Sargento Ana Rojas', 'Carabineros de Chile, 1.ª Comisaría'],
    ]);
    // another commune's officer does not register La Serena's institutions; national ones are the administration's
    expect(
      (
        await ctx.http
          .post('/api/v1/institutions')
          .set(bearer(melipilla))
          .send({ name: 'Carabineros 1.ª Comisaría La Serena', kind: 'private', communeCode: '04101' })
      ).status,
    ).toBe(403);
    const national = await ctx.http
      .post('/api/v1/institutions')
      .set(bearer(melipilla))
      .send({ name: 'Gendarmería de Chile', kind: 'other_public' });
    expect([national.status, problem(national).errors![0].field]).toEqual([400, 'communeCode']);
    const list = (
      await ctx.http.get('/api/v1/institutions?q=carabineros&page=1&pageSize=10').set(bearer(melipilla)).expect(200)
    ).body;
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(['Carabineros de Chile, 1.ª Comisaría']);
  });

  it("DOM-TBL-1: Melipilla's provincial productive-development table has three axes with their members; a province table is the administration's to create", async () => {
    const refused = await ctx.http.post('/api/v1/tables').set(bearer(melipilla)).send({
      kind: 'productive_development',
      name: 'Mesa Provincial de Fomento Productivo y Turismo',
      scopeLevel: 'province',
      scopeCode: '135',
    });
    expect(refused.status).toBe(403);
    const badScope = await ctx.http
      .post('/api/v1/tables')
      .set(bearer(admin))
      .send({ kind: 'productive_development', name: 'Mesa', scopeLevel: 'province', scopeCode: '999' });
    expect([badScope.status, problem(badScope).errors![0]]).toEqual([
      400,
      { field: 'scopeCode', message: 'No existe la provincia con el código «999».' },
    ]);
    const before = await ctx.count('mesa');
    const council = await ctx.http.post('/api/v1/tables').set(bearer(admin)).send({
      kind: 'productive_development',
      name: 'Mesa',
      scopeLevel: 'province',
      scopeCode: '135',
      securityCouncil: true,
    });
    expect([council.status, problem(council).errors![0].field]).toEqual([400, 'securityCouncil']);
    expect(await ctx.count('mesa')).toBe(before);

    const table = await newTable(admin, {
      kind: 'productive_development',
      name: 'Mesa Provincial de Fomento Productivo y Turismo',
      scopeLevel: 'province',
      scopeCode: '135',
    });
    expect(table).toMatchObject({ scopeName: 'Melipilla', communeCode: null, timeZone: 'America/Santiago' });
    const people: string[] = [];
    for (const [institutionName, institutionKind, name] of [
      ['Delegación Presidencial Provincial de Melipilla', 'government_delegation', 'Delegada provincial'],
      ['Sercotec, Centro de Negocios Melipilla', 'sercotec', 'Ejecutiva del Centro de Negocios'],
      ['Municipalidad de María Pinto', 'municipality', 'Encargada de Fomento Productivo'],
    ]) {
      people.push(
        (
          await ctx.http
            .post(`/api/v1/tables/${table.id}/participants`)
            .set(bearer(admin))
            .send({ institutionName, institutionKind, name })
            .expect(201)
        ).body.id,
      );
    }
    for (const [name, members] of [
      ['Comercialización', [people[1], people[2]]],
      ['Calendario de fondos y proyectos', [people[0], people[1]]],
      ['Promoción turística', [people[2]]],
    ] as const) {
      await ctx.http
        .post(`/api/v1/tables/${table.id}/axes`)
        .set(bearer(admin))
        .send({ name, participantIds: members })
        .expect(201);
    }
    const duplicate = await ctx.http
      .post(`/api/v1/tables/${table.id}/axes`)
      .set(bearer(admin))
      .send({ name: 'comercializacion' });
    expect([duplicate.status, problem(duplicate).errors![0].message]).toEqual([
      400,
      'La mesa ya tiene el eje «comercializacion».',
    ]);
    expect(await ctx.query(`SELECT count(*)::int AS n FROM table_axis WHERE table_id = $1`, [table.id])).toEqual([
      { n: 3 },
    ]);
    const foreign = await ctx.http
      .post(`/api/v1/tables/${table.id}/axes`)
      .set(bearer(admin))
      .send({ name: 'Otro', participantIds: ['00000000-0000-4000-8000-000000000000'] });
    expect([foreign.status, problem(foreign).errors![0].field]).toEqual([400, 'participantIds[0]']);
    // its coordinator: only the administration grants roles on a table that lies in no commune
    const grant = (token: string, email: string) =>
      ctx.http
        .post('/api/v1/users')
        .set(bearer(token))
        .send({
          email,
          name: 'Coordinadora de la mesa',
          password: 'una clave segura 123',
          roles: [{ role: 'table_coordinator', scopeType: 'table', scopeId: table.id }],
        });
    expect((await grant(admin, 'coordinadora.melipilla@example.cl')).status).toBe(201);
    expect((await grant(melipilla, 'otra.coordinadora@example.cl')).status).toBe(403);
    const detail = (await ctx.http.get(`/api/v1/tables/${table.id}`).set(bearer(admin)).expect(200)).body;
    expect(
      detail.axes.map((a: { name: string; participantIds: string[] }) => [a.name, a.participantIds.length]),
    ).toEqual([
      ['Comercialización', 2],
      ['Calendario de fondos y proyectos', 2],
      ['Promoción turística', 1],
    ]);
  });

  it("DOM-TBL-2: the security council's composition is checked against the law; a third councillor is refused; seats are only for councils", async () => {
    const council = await newTable(laSerena, {
      ...SECURITY_LA_SERENA,
      name: 'Consejo Comunal de Seguridad Pública',
      securityCouncil: true,
    });
    const add = (name: string, councilSeat: string, institutionName = 'Municipalidad de La Serena') =>
      ctx.http
        .post(`/api/v1/tables/${council.id}/participants`)
        .set(bearer(laSerena))
        .send({ institutionName, institutionKind: 'municipality', name, councilSeat });
    await add('Alcalde', 'mayor').expect(201);
    await add('Concejala Cortés', 'councillor', 'Concejo Municipal de La Serena').expect(201);
    await add('Concejal Álvarez', 'councillor', 'Concejo Municipal de La Serena').expect(201);
    const third = await add('Concejal Soto', 'councillor', 'Concejo Municipal de La Serena');
    expect([third.status, problem(third).code, problem(third).detail]).toEqual([
      422,
      'COUNCIL_SEAT_FULL',
      'El consejo ya tiene dos concejales: la ley no permite más.',
    ]);
    expect(
      await ctx.query(`SELECT count(*)::int AS n FROM table_participant WHERE table_id = $1`, [council.id]),
    ).toEqual([{ n: 3 }]);
    const odd = await add('Alguien', 'constructor');
    expect([odd.status, problem(odd).errors![0].field]).toEqual([400, 'councilSeat']);
    const detail = (await ctx.http.get(`/api/v1/tables/${council.id}`).set(bearer(laSerena)).expect(200)).body;
    expect(detail.council.complete).toBe(false);
    expect(
      detail.council.seats.filter((s: { complete: boolean }) => s.complete).map((s: { seat: string }) => s.seat),
    ).toEqual(['mayor', 'councillor']);
    expect(detail.council.seats.find((s: { seat: string }) => s.seat === 'cosoc')).toEqual({
      seat: 'cosoc',
      required: 2,
      filled: 0,
      complete: false,
    });
    const plain = await newTable(laSerena, { ...SECURITY_LA_SERENA, name: 'Mesa de barrio' });
    const seatOnPlain = await ctx.http
      .post(`/api/v1/tables/${plain.id}/participants`)
      .set(bearer(laSerena))
      .send({ institutionName: 'Municipalidad de La Serena', name: 'Alcalde', councilSeat: 'mayor' });
    expect([seatOnPlain.status, problem(seatOnPlain).errors![0].field]).toEqual([400, 'councilSeat']);
    expect(
      (await ctx.http.get(`/api/v1/tables/${plain.id}`).set(bearer(laSerena)).expect(200)).body.council,
    ).toBeNull();
  });

  it("who sees and runs a table: its coordinator runs it, a participant reads it, another commune's officer and a participant of another table get 404", async () => {
    const table = await newTable(laSerena, {
      ...SECURITY_LA_SERENA,
      name: 'Consejo Comunal de Seguridad Pública de La Serena',
      securityCouncil: true,
    });
    const other = await newTable(laSerena, {
      kind: 'other',
      name: 'Mesa de turismo',
      scopeLevel: 'commune',
      scopeCode: '04101',
    });
    const coordinator = await ctx.apiToken(await ctx.newUser({ roles: [['table_coordinator', table.id]] }));
    const participant = await ctx.apiToken(await ctx.newUser({ roles: [['table_participant', table.id]] }));
    const outsider = await ctx.apiToken(await ctx.newUser({ roles: [['table_participant', other.id]] }));
    await ctx.http
      .post(`/api/v1/tables/${table.id}/participants`)
      .set(bearer(coordinator))
      .send({ institutionName: 'Fiscalía Local de La Serena', institutionKind: 'prosecutor', name: 'Fiscal adjunta' })
      .expect(201);
    expect(
      (await ctx.http.get(`/api/v1/tables/${table.id}`).set(bearer(participant)).expect(200)).body.securityCouncil,
    ).toBe(true);
    expect(
      (await ctx.http.post(`/api/v1/tables/${table.id}/axes`).set(bearer(participant)).send({ name: 'Prevención' }))
        .status,
    ).toBe(403);
    expect((await ctx.http.get(`/api/v1/tables/${table.id}`).set(bearer(outsider))).status).toBe(404);
    expect((await ctx.http.get(`/api/v1/tables/${table.id}`).set(bearer(melipilla))).status).toBe(404);
    expect(
      (await ctx.http.get('/api/v1/tables').set(bearer(participant)).expect(200)).body.items.map(
        (t: { id: string }) => t.id,
      ),
    ).toEqual([table.id]);
    expect((await ctx.http.get('/api/v1/tables').set(bearer(melipilla)).expect(200)).body.items).toEqual([]);
  });
});

/** The tables' pages: a La Serena officer creates a table, adds participants and an axis; refusals keep the input. */
describe('tables pages', () => {
  let ctx: TestContext;
  let officer: Awaited<ReturnType<TestContext['signIn']>>;
  let other: Awaited<ReturnType<TestContext['signIn']>>;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    officer = await ctx.signIn(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    other = await ctx.signIn(await ctx.newUser({ roles: [['municipal_officer', '13501']] }));
  });
  afterAll(() => ctx.close());

  it('creates a table, adds participants of new and existing institutions and an axis with its members', async () => {
    const list = await officer.agent.get('/mesas').expect(200);
    expect(list.text).toContain('No hay mesas que usted pueda ver.');
    expect(list.text).toMatch(/<option value="04101"[^>]*>La Serena<\/option>/);
    let res = await postForm(officer, '/mesas', [
      ['kind', 'security'],
      ['name', ''],
      ['scopeCode', '04101'],
      ['description', 'Seguimiento de O’Higgins'],
    ]);
    expect(res.status).toBe(400);
    expect(res.text).toContain('El campo «Nombre» es obligatorio.'); // by the form's label, never 'name'
    expect(res.text).toContain('Seguimiento de O’Higgins</textarea>');
    expect(await ctx.count('mesa')).toBe(0);
    res = await postForm(officer, '/mesas', [
      ['kind', 'security'],
      ['name', 'Mesa técnica de seguridad del centro'],
      ['scopeCode', '04101'],
    ]);
    expect(res.status).toBe(303);
    const page = res.headers.location as string;
    expect(page).toMatch(/^\/mesas\/[0-9a-f-]{36}$/);
    expect((await officer.agent.get(page).expect(200)).text).toContain('La mesa quedó creada.');

    res = await postForm(
      officer,
      page,
      [
        ['institutionName', 'Carabineros de Chile'],
        ['name', 'Mayor Rodrigo Fuentes'],
        ['role', 'Comisario'],
      ],
      `${page}/participantes`,
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('«Carabineros de Chile» es una institución nueva');
    expect(res.text).toContain('value="Mayor Rodrigo Fuentes"');
    res = await postForm(
      officer,
      page,
      [
        ['institutionName', 'Carabineros de Chile'],
        ['institutionKind', 'police'],
        ['name', 'Mayor Rodrigo Fuentes'],
        ['role', 'Comisario'],
      ],
      `${page}/participantes`,
    );
    expect([res.status, res.headers.location]).toEqual([303, `${page}#participants`]);
    const show = await officer.agent.get(page).expect(200);
    const carabineros = /<option value="([0-9a-f-]{36})"[^>]*>Carabineros de Chile<\/option>/.exec(show.text)![1];
    res = await postForm(
      officer,
      page,
      [
        ['institutionId', carabineros],
        ['name', 'Sargento Ana Rojas'],
      ],
      `${page}/participantes`,
    );
    expect(res.status).toBe(303);
    const participants = await ctx.query<{ id: string }>(`SELECT id FROM table_participant ORDER BY created_at`);
    res = await postForm(
      officer,
      page,
      [
        ['name', 'Patrullajes'],
        ['participantIds', participants[0].id],
        ['participantIds', participants[1].id],
      ],
      `${page}/ejes`,
    );
    expect(res.status).toBe(303);
    const final = (await officer.agent.get(page).expect(200)).text;
    expect(final).toContain('Sargento Ana Rojas');
    expect(final).toMatch(/<strong>Patrullajes<\/strong> <span class="small text-body-secondary">\(2\)<\/span>/);
    expect((await other.agent.get(page)).status).toBe(404);
    expect((await other.agent.get('/mesas').expect(200)).text).toContain('No hay mesas que usted pueda ver.');
  });
});
