import { Factories } from '../factories/factories';
import { createTestApp, TestContext } from '../support/test-app';
import { MARKET_VENUE, type MarketMonth, newMarketPrograms } from '../support/market';
import { bearer, problem } from '../support/api-problem';

const CATEGORIES = ['Alimentos', 'Artesanía', 'Vestuario'];
const VENUE = {
  ...MARKET_VENUE,
  standsPerWeek: 2,
  categoryCapPerWeek: 1,
};

/** Issue 19 (DOM-MKT-1, DOM-MKT-2): market venues, applications, the draft allocation and the venue's page. */
describe('market venues, applications and the draft', () => {
  let ctx: TestContext;
  let admin: string;
  let officer: string;
  let officerUser: { email: string; password: string };
  let otherOfficer: string;
  let plain: string;
  let programId: string;
  let otherProgramId: string;
  let venueId: string;
  const beneficiaries: { id: string; personId: string; businessName: string; category: string }[] = [];
  let outsider: string;

  const addBeneficiary = async (program: string, i: number, category: string) =>
    (
      await ctx.http
        .post(`/api/v1/programs/${program}/beneficiaries`)
        .set(bearer(admin))
        .send({
          rut: Factories.uniqueRut(),
          fullName: `Emprendedora ${String.fromCharCode(65 + i)} Pérez`,
          businessName: `Negocio ${String.fromCharCode(65 + i)}`,
          businessCategory: category,
          ownerSex: 'female',
          communeCode: '13501',
          enrolledOn: '2027-01-05',
          consentTextVersion: 'beneficiario-2026-12',
        })
        .expect(201)
    ).body as { id: string; personId: string; businessName: string; businessCategory: string };

  /** The officer runs the venue's allocation of a month: the draft. */
  const allocate = async (month: string) =>
    (
      await ctx.http
        .post(`/api/v1/market-venues/${venueId}/allocations`)
        .set(bearer(officer))
        .send({ month })
        .expect(200)
    ).body as MarketMonth;

  beforeAll(async () => {
    // a Wednesday of February 2027: March is the month being applied for
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' }, now: '2027-02-10T15:00:00.000Z' });
    ({ admin, programId, otherProgramId, officerUser, officer, otherOfficer, plain } = await newMarketPrograms(ctx));
    for (let i = 0; i < 12; i++) {
      const b = await addBeneficiary(programId, i, CATEGORIES[i % 3]);
      beneficiaries.push({
        id: b.id,
        personId: b.personId,
        businessName: b.businessName,
        category: b.businessCategory,
      });
    }
    outsider = (await addBeneficiary(otherProgramId, 20, 'Alimentos')).id;
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('DOM-MKT-1: the program officer creates a venue; its month lists the Monday-to-Sunday weeks that start in it', async () => {
    const res = await ctx.http
      .post('/api/v1/market-venues')
      .set(bearer(officer))
      .send({ ...VENUE, programId })
      .expect(201);
    venueId = res.body.id;
    expect(res.body).toMatchObject({
      ...VENUE,
      programId,
      tableId: null,
      ownDates: null,
      timeZone: 'America/Santiago',
    });
    const march = await ctx.http.get(`/api/v1/market-venues/${venueId}?month=2027-03`).set(bearer(officer)).expect(200);
    // March 2027 starts on a Monday: the 1st, 8th, 15th, 22nd and 29th (the last ends on 4 April)
    expect(march.body.weeks).toEqual([
      { startsOn: '2027-03-01', endsOn: '2027-03-07' },
      { startsOn: '2027-03-08', endsOn: '2027-03-14' },
      { startsOn: '2027-03-15', endsOn: '2027-03-21' },
      { startsOn: '2027-03-22', endsOn: '2027-03-28' },
      { startsOn: '2027-03-29', endsOn: '2027-04-04' },
    ]);
    // a venue with its own dates: only those in the month
    const own = await ctx.http
      .post('/api/v1/market-venues')
      .set(bearer(admin))
      .send({ ...VENUE, name: 'Feria de la plaza', programId, ownDates: ['2027-03-05', '2027-03-19', '2027-04-02'] })
      .expect(201);
    const ownMarch = await ctx.http
      .get(`/api/v1/market-venues/${own.body.id}?month=2027-03`)
      .set(bearer(admin))
      .expect(200);
    expect(ownMarch.body.weeks.map((w: { startsOn: string }) => w.startsOn)).toEqual(['2027-03-05', '2027-03-19']);
    // the officer's list has both; another program's officer sees none of them and cannot open one
    const list = await ctx.http.get('/api/v1/market-venues').set(bearer(officer)).expect(200);
    expect(list.body.items).toHaveLength(2);
    expect((await ctx.http.get('/api/v1/market-venues').set(bearer(otherOfficer)).expect(200)).body.items).toEqual([]);
    await ctx.http.get(`/api/v1/market-venues/${venueId}`).set(bearer(otherOfficer)).expect(404);
  });

  it('DOM-MKT-1: a venue is refused, naming the field in plain Spanish, and nothing is written', async () => {
    const before = await ctx.count('market_venue');
    const refused = async (body: Record<string, unknown>, status: number, field: string, words: RegExp) => {
      const res = await ctx.http.post('/api/v1/market-venues').set(bearer(officer)).send(body).expect(status);
      const p = problem(res);
      expect(p.errors?.map((e) => e.field)).toContain(field);
      expect(p.errors?.find((e) => e.field === field)?.message).toMatch(words);
    };
    await refused({ ...VENUE }, 400, 'programId', /programa/);
    await refused({ ...VENUE, programId, standsPerWeek: 0 }, 400, 'standsPerWeek', /puestos por semana/);
    await refused({ ...VENUE, programId, categoryCapPerWeek: -1 }, 400, 'categoryCapPerWeek', /mismo rubro/);
    await refused({ ...VENUE, programId, communeCode: '99999' }, 400, 'communeCode', /comuna 99999/);
    await refused({ ...VENUE, programId, ownDates: ['2027-02-30'] }, 400, 'ownDates', /fechas/);
    await refused({ ...VENUE, programId, name: '' }, 400, 'name', /nombre del lugar/);
    // outside the caller's programs: 404 (the program is not theirs to see); anonymous 401
    await ctx.http
      .post('/api/v1/market-venues')
      .set(bearer(otherOfficer))
      .send({ ...VENUE, programId })
      .expect(404);
    await ctx.http
      .post('/api/v1/market-venues')
      .set(bearer(plain))
      .send({ ...VENUE, programId })
      .expect(404);
    await ctx.http
      .post('/api/v1/market-venues')
      .send({ ...VENUE, programId })
      .expect(401);
    expect(await ctx.count('market_venue')).toBe(before);
  });

  it("DOM-MKT-1: a table's coordinators create and manage the table's venue, which names the program whose entrepreneurs sell there", async () => {
    const [table, otherTable] = await ctx.query<{ id: string }>(
      `INSERT INTO mesa (kind, name, scope_level, scope_code, commune_code, time_zone, version)
       VALUES ('productive_development', 'Mesa Provincial de Fomento Productivo de Melipilla', 'province', '135', NULL, 'America/Santiago', 1),
              ('productive_development', 'Otra mesa', 'province', '135', NULL, 'America/Santiago', 1) RETURNING id`,
    );
    const coordinatorUser = await ctx.newUser({ roles: [['table_coordinator', table.id]] });
    const coordinator = await ctx.apiToken(coordinatorUser);
    const stranger = await ctx.apiToken(await ctx.newUser({ roles: [['table_coordinator', otherTable.id]] }));
    const venue = await ctx.http
      .post('/api/v1/market-venues')
      .set(bearer(coordinator))
      .send({ ...VENUE, name: 'Feria de la mesa', programId, tableId: table.id })
      .expect(201);
    expect(venue.body).toMatchObject({ tableId: table.id, programId });
    await ctx.http.get(`/api/v1/market-venues/${venue.body.id}`).set(bearer(coordinator)).expect(200);
    await ctx.http.get(`/api/v1/market-venues/${venue.body.id}`).set(bearer(officer)).expect(200);
    await ctx.http.get(`/api/v1/market-venues/${venue.body.id}`).set(bearer(stranger)).expect(404);
    await ctx.http
      .post(`/api/v1/market-venues/${venue.body.id}/applications`)
      .set(bearer(coordinator))
      .send({ beneficiaryId: beneficiaries[0].id, month: '2027-03' })
      .expect(201);
    // from the table's page the coordinator reaches the venues they manage
    const { agent } = await ctx.signIn(coordinatorUser);
    const tablePage = await agent.get(`/mesas/${table.id}`).expect(200);
    expect(tablePage.text).toContain('id="market-venues-link"');
    expect((await agent.get('/semanas-de-venta').expect(200)).text).toContain(
      `href="/semanas-de-venta/${venue.body.id}"`,
    );
    // without the program, nobody could apply: refused naming it; a table that does not exist is refused too
    const noProgram = problem(
      await ctx.http
        .post('/api/v1/market-venues')
        .set(bearer(coordinator))
        .send({ ...VENUE, tableId: table.id })
        .expect(400),
    );
    expect(noProgram.errors?.[0]).toMatchObject({ field: 'programId' });
    const unknown = problem(
      await ctx.http
        .post('/api/v1/market-venues')
        .set(bearer(admin))
        .send({ ...VENUE, programId, tableId: otherProgramId })
        .expect(400),
    );
    expect(unknown.errors?.[0]).toEqual({ field: 'tableId', message: 'No existe la mesa indicada.' });
    // a coordinator of another table cannot hang a venue on this one's program
    await ctx.http
      .post('/api/v1/market-venues')
      .set(bearer(stranger))
      .send({ ...VENUE, programId, tableId: table.id })
      .expect(404);
  });

  it('DOM-MKT-2: applications; a bad month, a week outside the month, an outsider and a second application are refused, nothing written', async () => {
    const apply = (body: Record<string, unknown>, token = officer) =>
      ctx.http.post(`/api/v1/market-venues/${venueId}/applications`).set(bearer(token)).send(body);
    const first = await apply({
      beneficiaryId: beneficiaries[0].id,
      month: '2027-03',
      preferredWeeks: ['2027-03-15'],
    }).expect(201);
    expect(first.body).toMatchObject({
      month: '2027-03',
      preferredWeeks: ['2027-03-15'],
      appliedAt: '2027-02-10T15:00:00.000Z',
    });
    const before = await ctx.count('market_application');
    const badMonth = problem(await apply({ beneficiaryId: beneficiaries[1].id, month: '2027-3' }).expect(400));
    expect(badMonth.errors).toEqual([
      { field: 'month', message: 'El mes debe escribirse aaaa-mm, por ejemplo 2027-03.' },
    ]);
    const outside = problem(
      await apply({ beneficiaryId: beneficiaries[1].id, month: '2027-03', preferredWeeks: ['2027-04-05'] }).expect(400),
    );
    expect(outside.errors?.[0].field).toBe('preferredWeeks');
    expect(outside.errors?.[0].message).toContain('La semana preferida 05-04-2027 no es una semana de 2027-03');
    // DOM-MKT-2: entrepreneurs are the beneficiaries of the venue's program
    const stranger = problem(await apply({ beneficiaryId: outsider, month: '2027-03' }).expect(422));
    expect(stranger.code).toBe('OUTSIDE_VENUE_PROGRAM');
    expect(stranger.errors?.[0]).toMatchObject({ field: 'beneficiaryId' });
    expect(stranger.detail).toContain('no es beneficiaria del programa');
    const twice = problem(await apply({ beneficiaryId: beneficiaries[0].id, month: '2027-03' }).expect(409));
    expect(twice.code).toBe('APPLICATION_DUPLICATE');
    expect(twice.detail).toBe('Esta persona emprendedora ya postuló a 2027-03 en este lugar de venta.');
    await apply({ beneficiaryId: beneficiaries[1].id, month: '2027-03' }, otherOfficer).expect(404);
    await apply({ beneficiaryId: beneficiaries[1].id, month: '2027-03' }, plain).expect(404);
    expect(await ctx.count('market_application')).toBe(before);
  });

  it('DOM-MKT-2: the draft in API.md shape respects capacity and the category cap, forms the waitlist, and is the same when run again', async () => {
    // the rest apply one minute apart (earliest first in the fairness order); B prefers the second week
    for (let i = 1; i < beneficiaries.length; i++) {
      ctx.clock.advance(60_000);
      await ctx.http
        .post(`/api/v1/market-venues/${venueId}/applications`)
        .set(bearer(officer))
        .send({ beneficiaryId: beneficiaries[i].id, month: '2027-03', preferredWeeks: i === 1 ? ['2027-03-08'] : [] })
        .expect(201);
    }
    const run = () => allocate('2027-03');
    const draft = await run();
    expect(draft).toMatchObject({ month: '2027-03', published: false });
    expect(draft.weeks.map((w) => w.startsOn)).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-03-15',
      '2027-03-22',
      '2027-03-29',
    ]);
    const stands = draft.weeks.flatMap((w) => w.stands);
    expect(Object.keys(stands[0]).sort()).toEqual(
      ['attendance', 'beneficiaryId', 'businessName', 'category', 'origin', 'slotId', 'stand', 'status'].sort(),
    );
    // 5 weeks × 2 stands: 10 placed, 2 on the waitlist; nobody twice; at most one of a category in a week
    expect(stands).toHaveLength(10);
    expect(draft.waitlist.map((w) => w.position)).toEqual([1, 2]);
    const everyone = [...stands.map((s) => s.beneficiaryId), ...draft.waitlist.map((w) => w.beneficiaryId)];
    expect(new Set(everyone).size).toBe(12);
    for (const week of draft.weeks) {
      expect(week.stands.length).toBeLessThanOrEqual(2);
      expect(new Set(week.stands.map((s) => s.category)).size).toBe(week.stands.length);
    }
    // preferred weeks honoured: A (15 March) and B (8 March); the waitlist is the last two to apply
    const weekOf = (id: string) => draft.weeks.find((w) => w.stands.some((s) => s.beneficiaryId === id))?.startsOn;
    expect(weekOf(beneficiaries[0].id)).toBe('2027-03-15');
    expect(weekOf(beneficiaries[1].id)).toBe('2027-03-08');
    expect(draft.waitlist.map((w) => w.beneficiaryId)).toEqual([beneficiaries[10].id, beneficiaries[11].id]);
    expect(stands.find((s) => s.beneficiaryId === beneficiaries[0].id)).toMatchObject({
      businessName: 'Negocio A',
      category: 'Alimentos',
    });
    // DOM-MKT-2: running it again gives the same draft (new slots replace the old ones)
    const again = await run();
    const shape = (d: MarketMonth) => d.weeks.map((w) => w.stands.map((s) => [s.stand, s.beneficiaryId]));
    expect(shape(again)).toEqual(shape(draft));
    expect(again.waitlist).toEqual(draft.waitlist);
    expect(again.weeks[0].stands[0].slotId).not.toBe(draft.weeks[0].stands[0].slotId);
    expect(await ctx.count('market_slot')).toBe(10);
    const stored = await ctx.http
      .get(`/api/v1/market-venues/${venueId}/allocations/2027-03`)
      .set(bearer(officer))
      .expect(200);
    expect(shape(stored.body as MarketMonth)).toEqual(shape(draft));
    await ctx.http
      .post(`/api/v1/market-venues/${venueId}/allocations`)
      .set(bearer(officer))
      .send({ month: 'marzo' })
      .expect(400);
    await ctx.http
      .post(`/api/v1/market-venues/${venueId}/allocations`)
      .set(bearer(otherOfficer))
      .send({ month: '2027-03' })
      .expect(404);
  });

  it('DOM-MKT-2: the weeks received in the 12 months before and the no-shows of the 6 before move an entrepreneur back', async () => {
    // February published: A held a week, C did not come (no_show)
    await ctx.query(
      `INSERT INTO market_month (venue_id, month, status, published_at) VALUES ($1, '2027-02', 'published', now())`,
      [venueId],
    );
    await ctx.query(
      `INSERT INTO market_slot (venue_id, month, week_starts_on, week_ends_on, stand, beneficiary_id, attendance)
       VALUES ($1, '2027-02', '2027-02-01', '2027-02-07', 1, $2, 'attended'), ($1, '2027-02', '2027-02-01', '2027-02-07', 2, $3, 'no_show')`,
      [venueId, beneficiaries[0].id, beneficiaries[2].id],
    );
    const draft = await allocate('2027-03');
    // A and C received a week in February: they go behind the ten who did not, onto the waitlist
    expect(draft.waitlist.map((w) => w.beneficiaryId).sort()).toEqual(
      [beneficiaries[0].id, beneficiaries[2].id].sort(),
    );
    // C's no-show puts C after A (same weeks received)
    expect(draft.waitlist[0].beneficiaryId).toBe(beneficiaries[0].id);
    await ctx.query(`DELETE FROM market_slot WHERE month = '2027-02'`);
    await ctx.query(`DELETE FROM market_month WHERE month = '2027-02'`);
    await allocate('2027-03');
  });

  it('the venue page shows the month as a grid of weeks by stands, the waitlist and why each one is where they are; the officer applies and drafts from it', async () => {
    const { agent, csrf } = await ctx.signIn(officerUser);
    const program = await agent.get(`/programas/${programId}`).expect(200);
    expect(program.text).toContain(`href="/programas/${programId}/semanas-de-venta"`);
    const venues = await agent.get(`/programas/${programId}/semanas-de-venta`).expect(200);
    expect(venues.text).toContain(`href="/semanas-de-venta/${venueId}"`);
    const page = await agent.get(`/semanas-de-venta/${venueId}`); // March by default (next month)
    expect(page.status).toBe(200);
    expect(page.text).toContain('marzo de 2027');
    expect(page.text).toContain('id="grid-table"');
    expect(page.text).toContain('id="grid-cards"'); // one card per week on a phone
    expect(page.text).toContain('Semana 01-03-2027 al 07-03-2027');
    expect(page.text).toMatch(
      /<span class="fw-semibold">Negocio A<\/span><br><span class="small text-body-secondary">Alimentos<\/span>/,
    );
    expect(page.text).toContain('Lista de espera');
    expect(page.text).toContain('Por qué cada persona quedó donde está');
    expect(page.text).toContain('Lugar 1 en el orden: 0 semanas recibidas en los últimos 12 meses, 0 inasistencias');
    expect(page.text).toMatch(/Negocio A<\/span>.*Semana del 15-03-2027, puesto \d/s);
    expect(page.text).toContain('Semana preferida: respetada (15-03-2027)');
    expect(page.text).toContain('Borrador');
    // a refused application keeps the form's input: no entrepreneur chosen, the weeks ticked stay ticked
    const token = await csrf(`/semanas-de-venta/${venueId}?mes=2027-04`);
    const before = await ctx.count('market_application');
    const refused = await agent
      .post(`/semanas-de-venta/${venueId}/postulaciones?mes=2027-04`)
      .type('form')
      .send({ _csrf: token, month: '2027-04', beneficiaryId: '', preferredWeeks: '2027-04-12' })
      .expect(400);
    expect(refused.text).toContain('Elija la persona emprendedora que postula.');
    expect(refused.text).toMatch(/value="2027-04-12" checked/);
    expect(await ctx.count('market_application')).toBe(before);
    await agent
      .post(`/semanas-de-venta/${venueId}/postulaciones?mes=2027-04`)
      .type('form')
      .send({ _csrf: token, month: '2027-04', beneficiaryId: beneficiaries[3].id, preferredWeeks: '2027-04-12' })
      .expect(303);
    const drafted = await agent
      .post(`/semanas-de-venta/${venueId}/sorteo`)
      .type('form')
      .send({ _csrf: token, month: '2027-04' })
      .expect(303);
    expect(drafted.headers.location).toBe(`/semanas-de-venta/${venueId}?mes=2027-04&hecho=borrador`);
    const april = await agent.get(drafted.headers.location).expect(200);
    expect(april.text).toContain('Sorteo ejecutado');
    expect(april.text).toContain('Semana del 12-04-2027, puesto 1');
  });

  it('DOM-MKT-1: the venue form on the program page keeps the input when refused, and creates the venue; the page reads in English too', async () => {
    const { agent, csrf } = await ctx.signIn(officerUser);
    const token = await csrf(`/programas/${programId}/semanas-de-venta`);
    /** The program page's venue form for the park's fair, with `fields` as typed. */
    const postVenue = (fields: Record<string, string>) =>
      agent
        .post(`/programas/${programId}/semanas-de-venta`)
        .type('form')
        .send({
          _csrf: token,
          name: 'Feria del Parque',
          address: 'Parque Municipal',
          communeCode: '13501',
          ...fields,
        });
    const before = await ctx.count('market_venue');
    const refused = await postVenue({ standsPerWeek: 'cuatro' }).expect(400);
    expect(refused.text).toContain('Los puestos por semana deben ser un número entero entre 1 y 1000.');
    expect(refused.text).toContain('value="Feria del Parque"');
    expect(refused.text).toContain('value="cuatro"');
    expect(await ctx.count('market_venue')).toBe(before);
    const saved = await postVenue({
      standsPerWeek: '6',
      categoryCapPerWeek: '',
      ownDates: '2027-03-06\n2027-03-20',
    }).expect(303);
    const [venue] = await ctx.query<{ id: string; own_dates: string }>(
      `SELECT id, to_json(own_dates)::text AS own_dates FROM market_venue WHERE name = 'Feria del Parque'`,
    );
    expect(saved.headers.location).toBe(`/semanas-de-venta/${venue.id}`);
    expect(venue.own_dates).toBe('["2027-03-06","2027-03-20"]');
    const english = await agent.get(`/semanas-de-venta/${venue.id}?mes=2027-03&lang=en`).expect(200);
    expect(english.text).toContain('March 2027');
    expect(english.text).toContain('Week 06-03-2027 to 12-03-2027');
    expect(english.text).toContain('Nobody on the waitlist.');
  });

  it('an entrepreneur with an account applies for their own business only, from their page', async () => {
    const own = beneficiaries[5];
    const user = await ctx.newUser({ personId: own.personId });
    const token = await ctx.apiToken(user);
    await ctx.http
      .post(`/api/v1/market-venues/${venueId}/applications`)
      .set(bearer(token))
      .send({ beneficiaryId: own.id, month: '2027-05' })
      .expect(201);
    const other = problem(
      await ctx.http
        .post(`/api/v1/market-venues/${venueId}/applications`)
        .set(bearer(token))
        .send({ beneficiaryId: beneficiaries[6].id, month: '2027-05' })
        .expect(403),
    );
    expect(other.detail).toBe('Solo puede postular por su propio negocio.');
    // the venue's page is the managers': the entrepreneur does not see it
    await ctx.http.get(`/api/v1/market-venues/${venueId}`).set(bearer(token)).expect(404);
    const { agent, csrf } = await ctx.signIn(user);
    const page = await agent.get('/mis-semanas/postular').expect(200);
    expect(page.text).toContain('Mall Espacio Urbano Melipilla');
    expect(page.text).toContain('Negocio F');
    const form = await csrf('/mis-semanas/postular');
    const saved = await agent
      .post('/mis-semanas/postular')
      .type('form')
      .send({
        _csrf: form,
        beneficiaryId: own.id,
        venueId,
        month: '2027-06',
        preferredWeeks: ['2027-06-07', '2027-06-14'],
      })
      .expect(303);
    expect(saved.headers.location).toBe('/mis-semanas/postular?hecho=postulacion');
    const [row] = await ctx.query<{ preferred_weeks: string[] }>(
      `SELECT to_json(preferred_weeks) AS preferred_weeks FROM market_application WHERE beneficiary_id = $1 AND month = '2027-06'`,
      [own.id],
    );
    expect(row.preferred_weeks).toEqual(['2027-06-07', '2027-06-14']);
    const bad = await agent
      .post('/mis-semanas/postular')
      .type('form')
      .send({ _csrf: form, beneficiaryId: own.id, venueId, month: '2027-6' })
      .expect(400);
    expect(bad.text).toContain('El mes debe escribirse aaaa-mm');
    expect(bad.text).toContain('value="2027-6"');
    // someone with no business in a program with venues sees why
    const { agent: nobody } = await ctx.signIn(await ctx.newUser());
    expect((await nobody.get('/mis-semanas/postular').expect(200)).text).toContain(
      'no está en un programa con lugares de venta',
    );
  });

  it('DOM-PRG-3: a roster member whose association withdraws its consent keeps the stand, but the venue shows no name of theirs', async () => {
    const association = await ctx.newAssociation({
      name: 'Agrupación de Feriantes de Melipilla',
      communeCode: '13501',
    });
    const member = await ctx.newMember(association.id, {
      fullName: 'Rosa Tapia Moya',
      businessName: 'Quesos de Cabra Tapia',
      businessCategory: 'Alimentos',
      joinedOn: '2026-06-01',
    } as never);
    const president = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', association.id]] }));
    await ctx.http
      .post(`/api/v1/programs/${programId}/associations`)
      .set(bearer(admin))
      .send({ associationId: association.id, enrolledOn: '2027-01-05' })
      .expect(201);
    await ctx.http
      .post(`/api/v1/associations/${association.id}/program-consents`)
      .set(bearer(president))
      .send({ programId, textVersion: 'programa-registro-2026-12' })
      .expect(201);
    const beneficiary = (
      await ctx.http
        .post(`/api/v1/programs/${programId}/beneficiaries`)
        .set(bearer(officer))
        .send({ associationId: association.id, memberId: member.id, ownerSex: 'female', enrolledOn: '2027-01-05' })
        .expect(201)
    ).body as { id: string };
    await ctx.http
      .post(`/api/v1/market-venues/${venueId}/applications`)
      .set(bearer(officer))
      .send({ beneficiaryId: beneficiary.id, month: '2027-04' })
      .expect(201);
    const drafted = () => allocate('2027-04');
    const stand = (d: MarketMonth) => d.weeks.flatMap((w) => w.stands).find((x) => x.beneficiaryId === beneficiary.id);
    expect(stand(await drafted())).toMatchObject({ businessName: 'Quesos de Cabra Tapia', category: 'Alimentos' });

    await ctx.http
      .delete(`/api/v1/associations/${association.id}/program-consents/${programId}`)
      .set(bearer(president))
      .expect(200);
    const after = stand(await drafted());
    // the stand is still hers (the allocation does not change), her business's name is withheld
    expect(after).toMatchObject({
      businessName: 'Datos reservados (su organización retiró el consentimiento)',
      category: 'Alimentos',
    });
    const { agent } = await ctx.signIn(officerUser);
    const page = await agent.get(`/semanas-de-venta/${venueId}?mes=2027-04`).expect(200);
    expect(page.text).not.toContain('Quesos de Cabra Tapia');
    expect(page.text).not.toContain('Rosa Tapia Moya');
    // nor can the officer apply for her again from the form
    expect(page.text).not.toContain(`value="${beneficiary.id}"`);
  });

  it('DOM-MKT-2: a published month is not drafted again (422 ALLOCATION_PUBLISHED) nor takes applications', async () => {
    await ctx.query(
      `UPDATE market_month SET status = 'published', published_at = now() WHERE venue_id = $1 AND month = '2027-03'`,
      [venueId],
    );
    const slots = await ctx.count('market_slot');
    const res = problem(
      await ctx.http
        .post(`/api/v1/market-venues/${venueId}/allocations`)
        .set(bearer(officer))
        .send({ month: '2027-03' })
        .expect(422),
    );
    expect(res.code).toBe('ALLOCATION_PUBLISHED');
    expect(res.detail).toContain('ya fue publicado');
    const fresh = await addBeneficiary(programId, 25, 'Vestuario');
    const late = problem(
      await ctx.http
        .post(`/api/v1/market-venues/${venueId}/applications`)
        .set(bearer(officer))
        .send({ beneficiaryId: fresh.id, month: '2027-03' })
        .expect(422),
    );
    expect(late.code).toBe('ALLOCATION_PUBLISHED');
    const { agent } = await ctx.signIn(officerUser);
    const page = await agent.get(`/semanas-de-venta/${venueId}?mes=2027-03`).expect(200);
    expect(page.text).toContain('Publicado');
    expect(page.text).not.toContain('id="draft-form"');
    expect(await ctx.count('market_slot')).toBe(slots);
  });
});
