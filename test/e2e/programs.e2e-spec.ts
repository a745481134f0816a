import { Factories } from '../factories/factories';
import { PORTFOLIO_FRESH_MS } from '../../src/programs/portfolio.service';
import { countQueries, uninstallQueryCounter } from '../support/query-counter';
import { createTestApp, TestContext } from '../support/test-app';
import { COQUIMBO_PROGRAM, DIRECT_BENEFICIARY } from '../support/program-fixtures';
import { bearer, problem } from '../support/api-problem';

const PROGRAM = {
  ...COQUIMBO_PROGRAM,
  budgetClp: 10_000_000,
  lines: ['Capital social', 'Oferta comercial', 'Entorno urbano comercial'],
};

/** Issue 17 (DOM-PRG-1 to 6): programs, enrolment, consent, beneficiaries, benefits, activities and the portfolio. */
describe('programs and beneficiaries', () => {
  let ctx: TestContext;
  let admin: string;
  let officer: string;
  let otherOfficer: string;
  let programId: string;
  let associationId: string;
  let president: string;
  let member: { id: string; personId: string };

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
    const program = await ctx.http.post('/api/v1/programs').set(bearer(admin)).send(PROGRAM).expect(201);
    programId = program.body.id;
    const other = await ctx.http
      .post('/api/v1/programs')
      .set(bearer(admin))
      .send({ ...PROGRAM, name: 'Centro de Negocios Melipilla', regionCode: undefined, communeCodes: ['13501'] })
      .expect(201);
    officer = await ctx.apiToken(await ctx.newUser({ roles: [['program_officer', programId]] }));
    otherOfficer = await ctx.apiToken(await ctx.newUser({ roles: [['program_officer', other.body.id]] }));
    const association = await ctx.newAssociation({ name: 'Barrio Patrimonial La Serena' });
    associationId = association.id;
    member = await ctx.newMember(associationId, {
      fullName: 'Carolina Pizarro Rojas',
      businessName: 'Bar La Recova',
      businessCategory: 'Pub',
    } as never);
    president = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', associationId]] }));
  });
  afterAll(async () => {
    uninstallQueryCounter();
    await ctx.close();
  });

  it("DOM-PRG-1: the admin creates a program with its agency from the shared institutions; the officer sees it, another program's officer gets 404", async () => {
    const own = await ctx.http.get(`/api/v1/programs/${programId}`).set(bearer(officer)).expect(200);
    expect(own.body).toMatchObject({
      name: PROGRAM.name,
      kind: 'associative',
      agency: { name: 'Sercotec Coquimbo' },
      budgetClp: 10_000_000,
      deliveredClp: 0,
      lines: PROGRAM.lines,
      timeZone: 'America/Santiago',
    });
    const [institution] = await ctx.dataSource.query(`SELECT kind FROM institution WHERE name = 'Sercotec Coquimbo'`);
    expect(institution.kind).toBe('sercotec');
    await ctx.http.get(`/api/v1/programs/${programId}`).set(bearer(otherOfficer)).expect(404);
    const list = await ctx.http.get('/api/v1/programs').set(bearer(officer)).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([programId]);
    // only the admin creates programs
    await ctx.http.post('/api/v1/programs').set(bearer(officer)).send(PROGRAM).expect(403);
  });

  it('DOM-PRG-1: the admin names a program officer by e-mail (invited when new); an officer cannot name others', async () => {
    const res = await ctx.http
      .post(`/api/v1/programs/${programId}/officers`)
      .set(bearer(admin))
      .send({ email: 'Nueva.Ejecutiva@Sercotec.cl', name: 'Verónica Alfaro Díaz' })
      .expect(201);
    expect(res.body.invited).toBe(true);
    expect(res.body.officers.map((o: { email: string }) => o.email)).toContain('nueva.ejecutiva@sercotec.cl');
    const [role] = await ctx.dataSource.query(
      `SELECT r.scope_type, r.scope_id FROM role_assignment r JOIN app_user u ON u.id = r.user_id WHERE u.email = $1`,
      ['nueva.ejecutiva@sercotec.cl'],
    );
    expect(role).toEqual({ scope_type: 'program', scope_id: programId });
    await ctx.http
      .post(`/api/v1/programs/${programId}/officers`)
      .set(bearer(officer))
      .send({ email: 'otra@sercotec.cl', name: 'Otra Persona' })
      .expect(403);
    const bad = await ctx.http
      .post(`/api/v1/programs/${programId}/officers`)
      .set(bearer(admin))
      .send({ email: 'no-es-correo', name: 'Otra Persona' })
      .expect(400);
    expect(problem(bad).errors?.[0].field).toBe('email');
  });

  it('DOM-PRG-6: a program officer lands on the start page with the portfolio one tap away, and the menu shows Programas', async () => {
    const user = await ctx.newUser({ roles: [['program_officer', programId]] });
    const form = await ctx.openForm('/ingresar');
    const login = await form.submit('/ingresar', { email: user.email, password: user.password }).expect(303);
    expect(login.headers.location).toBe('/inicio');
    const { agent } = await ctx.signIn(user);
    expect((await agent.get('/inicio').expect(200)).text).toContain(`href="/programas/${programId}"`);
    const list = await agent.get('/programas').expect(302);
    expect(list.headers.location).toBe(`/programas/${programId}`);
    const page = await agent.get(`/programas/${programId}`).expect(200);
    expect(page.text).toContain('<a class="nav-link px-2" href="/programas"');
    // someone with other work lands on the same start page (issue 20 item 1)
    const mixed = await ctx.newUser({
      roles: [
        ['program_officer', programId],
        ['municipal_officer', '04101'],
      ],
    });
    const other = await (
      await ctx.openForm('/ingresar')
    )
      .submit('/ingresar', { email: mixed.email, password: mixed.password })
      .expect(303);
    expect(other.headers.location).toBe('/inicio');
  });

  it('refuses a program without territory, ending before it starts, or with a decimal budget, naming each field; nothing written', async () => {
    const before = await ctx.count('program');
    const res = await ctx.http
      .post('/api/v1/programs')
      .set(bearer(admin))
      .send({ ...PROGRAM, regionCode: undefined, endsOn: '2025-01-01' })
      .expect(400);
    expect(
      problem(res)
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['endsOn', 'regionCode']);
    expect(problem(res).errors?.find((e) => e.field === 'endsOn')?.message).toMatch(/anterior a la de inicio/);
    const money = await ctx.http
      .post('/api/v1/programs')
      .set(bearer(admin))
      .send({ ...PROGRAM, budgetClp: 1500.5 })
      .expect(400);
    expect(problem(money).errors?.[0]).toMatchObject({ field: 'budgetClp' });
    expect(problem(money).errors?.[0].message).toMatch(/número entero/);
    const day = await ctx.http
      .post('/api/v1/programs')
      .set(bearer(admin))
      .send({ ...PROGRAM, endsOn: '2026-02-30' })
      .expect(400);
    expect(problem(day).errors?.[0]).toMatchObject({ field: 'endsOn' });
    expect(problem(day).errors?.[0].message).toMatch(/fecha que exista/);
    const kind = await ctx.http
      .post('/api/v1/programs')
      .set(bearer(admin))
      .send({ ...PROGRAM, kind: 'mixed' })
      .expect(400);
    expect(problem(kind).errors?.[0].field).toBe('kind');
    expect(await ctx.count('program')).toBe(before);
  });

  it('DOM-PRG-2: enrols an association of its territory once (409 the second time), refuses one outside it', async () => {
    const res = await ctx.http
      .post(`/api/v1/programs/${programId}/associations`)
      .set(bearer(officer))
      .send({ associationId, enrolledOn: '2026-02-01' })
      .expect(201);
    expect(res.body).toMatchObject({ associationId, name: 'Barrio Patrimonial La Serena', status: 'active' });
    const again = await ctx.http
      .post(`/api/v1/programs/${programId}/associations`)
      .set(bearer(officer))
      .send({ associationId, enrolledOn: '2026-02-01' })
      .expect(409);
    expect(problem(again).code).toBe('ALREADY_ENROLLED');
    const melipilla = await ctx.newAssociation({ communeCode: '13501', name: 'Emprendedores de Melipilla' });
    const outside = await ctx.http
      .post(`/api/v1/programs/${programId}/associations`)
      .set(bearer(officer))
      .send({ associationId: melipilla.id, enrolledOn: '2026-02-01' })
      .expect(422);
    expect(problem(outside)).toMatchObject({ code: 'OUTSIDE_TERRITORY' });
    expect(problem(outside).detail).toMatch(/Melipilla, fuera del territorio/);
  });

  it('DOM-PRG-3: a member is enrolled only after the association shares its roster; withdrawal hides the data at once', async () => {
    const body = { associationId, memberId: member.id, ownerSex: 'female', enrolledOn: '2026-03-01' };
    const refused = await ctx.http
      .post(`/api/v1/programs/${programId}/beneficiaries`)
      .set(bearer(officer))
      .send(body)
      .expect(422);
    expect(problem(refused).code).toBe('CONSENT_REQUIRED');
    expect(await ctx.count('program_beneficiary')).toBe(0);

    // the association's officer finds the programs from the association's page
    const presidentUser = await ctx.newUser({ roles: [['association_officer', associationId]] });
    const { agent } = await ctx.signIn(presidentUser);
    const page = await agent.get(`/organizaciones/${associationId}`).expect(200);
    expect(page.text).toContain(`href="/organizaciones/${associationId}/programas"`);
    const consentPage = await agent.get(`/organizaciones/${associationId}/programas`).expect(200);
    expect(consentPage.text).toContain('Barrios Comerciales Coquimbo 2026');
    // the program officer cannot consent for the association; its officer can, reading the exact text
    const state = await ctx.http
      .get(`/api/v1/associations/${associationId}/program-consents`)
      .set(bearer(president))
      .expect(200);
    expect(state.body.programs[0]).toMatchObject({
      programId,
      consent: null,
      textVersion: 'programa-registro-2026-12',
    });
    expect(state.body.programs[0].text).toMatch(/Ley 21\.719/);
    await ctx.http
      .post(`/api/v1/associations/${associationId}/program-consents`)
      .set(bearer(officer))
      .send({ programId, textVersion: 'programa-registro-2026-12' })
      .expect(403);
    const shared = await ctx.http
      .post(`/api/v1/associations/${associationId}/program-consents`)
      .set(bearer(president))
      .send({ programId, textVersion: 'programa-registro-2026-12' })
      .expect(201);
    expect(shared.body).toMatchObject({ textVersion: 'programa-registro-2026-12' });

    const added = await ctx.http
      .post(`/api/v1/programs/${programId}/beneficiaries`)
      .set(bearer(officer))
      .send(body)
      .expect(201);
    // one person everywhere: the beneficiary is the roster member's person, linked, with the roster's business
    expect(added.body).toMatchObject({
      personId: member.personId,
      fullName: 'Carolina Pizarro Rojas',
      businessName: 'Bar La Recova',
      businessCategory: 'Pub',
      source: 'roster',
      memberId: member.id,
    });
    const twice = await ctx.http
      .post(`/api/v1/programs/${programId}/beneficiaries`)
      .set(bearer(officer))
      .send(body)
      .expect(409);
    expect(problem(twice).code).toBe('BENEFICIARY_DUPLICATE');

    const auditBefore = await ctx.count('audit_log');
    const listed = await ctx.http.get(`/api/v1/programs/${programId}/beneficiaries`).set(bearer(officer)).expect(200);
    expect(listed.body).toMatchObject({ total: 1, hidden: 0 });
    const [read] = await ctx.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'program.shared_members_read' ORDER BY id DESC LIMIT 1`,
    );
    expect(read.details.associationIds).toEqual([associationId]);
    expect(await ctx.count('audit_log')).toBeGreaterThan(auditBefore);

    await ctx.http
      .delete(`/api/v1/associations/${associationId}/program-consents/${programId}`)
      .set(bearer(president))
      .expect(200);
    const after = await ctx.http.get(`/api/v1/programs/${programId}/beneficiaries`).set(bearer(officer)).expect(200);
    expect(after.body).toMatchObject({ items: [], total: 0, hidden: 1 });
    // counts stay (they are not personal data)
    const portfolio = await ctx.http.get(`/api/v1/programs/${programId}/portfolio`).set(bearer(officer)).expect(200);
    expect(portfolio.body.beneficiaries).toMatchObject({ total: 1, byOwnerSex: { female: 1 }, byCategory: { Pub: 1 } });
    // and sharing again shows them again
    await ctx.http
      .post(`/api/v1/associations/${associationId}/program-consents`)
      .set(bearer(president))
      .send({ programId, textVersion: 'programa-registro-2026-12' })
      .expect(201);
    expect((await ctx.http.get(`/api/v1/programs/${programId}/beneficiaries`).set(bearer(officer))).body.total).toBe(1);
  });

  it('registers a beneficiary directly with their own consent; a wrong RUT or a date outside the program is refused naming the field', async () => {
    const before = await ctx.count('program_beneficiary');
    const consentsBefore = await ctx.count('consent');
    const base = DIRECT_BENEFICIARY;
    const bad = await ctx.http
      .post(`/api/v1/programs/${programId}/beneficiaries`)
      .set(bearer(officer))
      .send({ ...base, rut: '12.345.678-9' })
      .expect(400);
    expect(problem(bad).errors?.[0]).toMatchObject({ field: 'rut' });
    expect(problem(bad).errors?.[0].message).toMatch(/dígito verificador/);
    const late = await ctx.http
      .post(`/api/v1/programs/${programId}/beneficiaries`)
      .set(bearer(officer))
      .send({ ...base, rut: Factories.uniqueRut(), enrolledOn: '2027-02-01' })
      .expect(422);
    expect(problem(late).errors?.[0]).toMatchObject({ field: 'enrolledOn' });
    const sex = await ctx.http
      .post(`/api/v1/programs/${programId}/beneficiaries`)
      .set(bearer(officer))
      .send({ ...base, rut: Factories.uniqueRut(), ownerSex: 'F' })
      .expect(400);
    expect(problem(sex).errors?.[0].field).toBe('ownerSex');
    const mail = await ctx.http
      .post(`/api/v1/programs/${programId}/beneficiaries`)
      .set(bearer(officer))
      .send({ ...base, rut: Factories.uniqueRut(), email: 'luis.araya@' })
      .expect(400);
    expect(problem(mail).errors?.[0]).toMatchObject({ field: 'email' });
    expect(problem(mail).errors?.[0].message).toMatch(/correo electrónico válido/);
    expect(await ctx.count('program_beneficiary')).toBe(before);
    expect(await ctx.count('consent')).toBe(consentsBefore);

    const ok = await ctx.http
      .post(`/api/v1/programs/${programId}/beneficiaries`)
      .set(bearer(officer))
      .send({ ...base, rut: '11.111.111-1', email: 'Luis.Araya@Example.cl' })
      .expect(201);
    expect(ok.body).toMatchObject({ source: 'direct', rut: '11111111-1', ownerSex: 'male' });
    // issue 19: the e-mail the program writes to (their market week) is kept with the person
    expect(await ctx.query(`SELECT email FROM person WHERE id = $1`, [ok.body.personId])).toEqual([
      { email: 'luis.araya@example.cl' },
    ]);
    const [consent] = await ctx.dataSource.query(
      `SELECT text_version FROM consent WHERE person_id = $1 AND recipient_id = $2`,
      [ok.body.personId, programId],
    );
    expect(consent.text_version).toBe('beneficiario-2026-12');
  });

  it('DOM-PRG-4: a benefit past the budget needs a confirmation and is flagged; amounts are whole pesos', async () => {
    const base = { associationId, kind: 'subsidy', deliveredOn: '2026-03-10', line: 'Entorno urbano comercial' };
    await ctx.http
      .post(`/api/v1/programs/${programId}/benefits`)
      .set(bearer(officer))
      .send({ ...base, amountClp: 8_000_000, description: 'Plan de desarrollo urbano comercial' })
      .expect(201);
    const before = await ctx.count('program_benefit');
    const over = await ctx.http
      .post(`/api/v1/programs/${programId}/benefits`)
      .set(bearer(officer))
      .send({ ...base, amountClp: 3_000_000 })
      .expect(422);
    expect(problem(over)).toMatchObject({ code: 'PROGRAM_BUDGET_EXCEEDED' });
    expect(problem(over).detail).toContain('$11.000.000');
    expect(problem(over).detail).toContain('$10.000.000');
    for (const amountClp of [-1, 10.5, 1e12])
      await ctx.http
        .post(`/api/v1/programs/${programId}/benefits`)
        .set(bearer(officer))
        .send({ ...base, amountClp })
        .expect(400);
    const unknownLine = await ctx.http
      .post(`/api/v1/programs/${programId}/benefits`)
      .set(bearer(officer))
      .send({ ...base, amountClp: 1, line: 'Turismo' })
      .expect(400);
    expect(problem(unknownLine).errors?.[0].field).toBe('line');
    expect(await ctx.count('program_benefit')).toBe(before);
    const confirmed = await ctx.http
      .post(`/api/v1/programs/${programId}/benefits`)
      .set(bearer(officer))
      .send({ ...base, amountClp: 3_000_000, overBudgetConfirmed: true })
      .expect(201);
    expect(confirmed.body).toMatchObject({
      overBudget: true,
      amountClp: 3_000_000,
      recipientName: 'Barrio Patrimonial La Serena',
    });
    const program = await ctx.http.get(`/api/v1/programs/${programId}`).set(bearer(officer)).expect(200);
    expect(program.body.deliveredClp).toBe(11_000_000);
  });

  it('DOM-PRG-5: an activity is a meeting of the acta engine; attendance is taken once it started', async () => {
    const activity = await ctx.http
      .post(`/api/v1/programs/${programId}/activities`)
      .set(bearer(officer))
      .send({
        title: 'Taller de vitrinas',
        localStart: '2026-03-20T10:00',
        place: 'Casa de la Cultura',
        line: 'Oferta comercial',
      })
      .expect(201);
    const [meeting] = await ctx.dataSource.query(`SELECT kind, program_id, association_id FROM meeting WHERE id = $1`, [
      activity.body.meetingId,
    ]);
    expect(meeting).toEqual({ kind: 'program_activity', program_id: programId, association_id: null });
    const detail = await ctx.http
      .get(`/api/v1/program-activities/${activity.body.id}`)
      .set(bearer(officer))
      .expect(200);
    expect(detail.body.attendance).toHaveLength(2);
    const [first, second] = detail.body.attendance as { beneficiaryId: string }[];
    const marks = [
      { beneficiaryId: first.beneficiaryId, status: 'present' },
      { beneficiaryId: second.beneficiaryId, status: 'excused' },
    ];
    const early = await ctx.http
      .put(`/api/v1/program-activities/${activity.body.id}/attendance`)
      .set(bearer(officer))
      .send(marks)
      .expect(422);
    expect(problem(early).code).toBe('ACTIVITY_NOT_STARTED');
    ctx.clock.set(new Date('2026-03-20T14:00:00Z'));
    try {
      const doubled = await ctx.http
        .put(`/api/v1/program-activities/${activity.body.id}/attendance`)
        .set(bearer(officer))
        .send([marks[0], { ...marks[0], status: 'absent' }])
        .expect(400);
      expect(problem(doubled).errors?.[0]).toMatchObject({ field: 'marks.1.beneficiaryId' });
      const taken = await ctx.http
        .put(`/api/v1/program-activities/${activity.body.id}/attendance`)
        .set(bearer(officer))
        .send(marks)
        .expect(200);
      expect(taken.body).toMatchObject({ present: 1, excused: 1, invited: 2, status: 'held' });
      // the meetings API answers for the activity through the program body; it has no acta
      await ctx.http.get(`/api/v1/meetings/${activity.body.meetingId}`).set(bearer(officer)).expect(200);
      const acta = await ctx.http.get(`/api/v1/meetings/${activity.body.meetingId}/minutes`).set(bearer(officer));
      expect(acta.status).toBe(422);
      const portfolio = await ctx.http.get(`/api/v1/programs/${programId}/portfolio`).set(bearer(officer)).expect(200);
      expect(portfolio.body.activityAttendanceRate).toBe(0.5);
    } finally {
      ctx.clock.set(new Date('2026-03-17T15:00:00.000Z'));
    }
  });

  it('DOM-PRG-6: cadence counted from the real meetings; the officer reads the association read-only; the query count does not grow with the associations', async () => {
    // a biweekly series since January: the occurrences already past are held
    await ctx.http
      .post(`/api/v1/associations/${associationId}/meeting-series`)
      .set(bearer(president))
      .send({ localStart: '2026-01-06T19:00', every: '2 weeks', count: 10, place: 'Sede' })
      .expect(201);
    // the associations' own changes show once the cached portfolio has expired (PORTFOLIO_FRESH_MS)
    const later = () => ctx.clock.set(new Date(ctx.clock.now().getTime() + PORTFOLIO_FRESH_MS + 1000));
    later();
    const held = await ctx.http.get(`/api/v1/programs/${programId}/portfolio`).set(bearer(officer)).expect(200);
    expect(held.body.associations[0]).toMatchObject({ meetingsHeld90d: 5, meetingsPlanned90d: 5 });
    // one of the planned meetings was cancelled: it counts as planned, not as held
    await ctx.query(
      `UPDATE meeting SET status = 'cancelled' WHERE id = (SELECT id FROM meeting WHERE association_id = $1 AND starts_at < $2 ORDER BY starts_at DESC LIMIT 1)`,
      [associationId, ctx.clock.now()],
    );
    const cached = await ctx.http.get(`/api/v1/programs/${programId}/portfolio`).set(bearer(officer)).expect(200);
    expect(cached.body.associations[0].meetingsHeld90d).toBe(5); // within the time limit: the cached figures
    later();
    const res = await ctx.http.get(`/api/v1/programs/${programId}/portfolio`).set(bearer(officer)).expect(200);
    const row = res.body.associations[0];
    expect(row).toMatchObject({
      associationId,
      name: 'Barrio Patrimonial La Serena',
      meetingsHeld90d: 4,
      meetingsPlanned90d: 5,
    });
    expect(res.body).toMatchObject({ budgetClp: 10_000_000, deliveredClp: 11_000_000 });
    expect(res.body.deliveredByLine).toEqual({ 'Entorno urbano comercial': 11_000_000 });
    // read only: the association page and its meetings, never its roster or its edits
    await ctx.http.get(`/api/v1/associations/${associationId}`).set(bearer(officer)).expect(200);
    await ctx.http.get(`/api/v1/associations/${associationId}/members`).set(bearer(officer)).expect(403);
    await ctx.http.get(`/api/v1/associations/${associationId}`).set(bearer(otherOfficer)).expect(404);

    later();
    const one = await countQueries(() =>
      ctx.http.get(`/api/v1/programs/${programId}/portfolio`).set(bearer(officer)).expect(200),
    );
    for (let i = 0; i < 5; i++) {
      const a = await ctx.newAssociation({ name: `Junta ${i}` });
      await ctx.http
        .post(`/api/v1/programs/${programId}/associations`)
        .set(bearer(officer))
        .send({ associationId: a.id, enrolledOn: '2026-02-01' })
        .expect(201);
    }
    const six = await countQueries(() =>
      ctx.http.get(`/api/v1/programs/${programId}/portfolio`).set(bearer(officer)).expect(200),
    );
    expect(six.result.body.associations).toHaveLength(6);
    expect(six.count).toBe(one.count);
    // a program-side write (the enrolments) refreshed it at once; asked again, it is served from the cache
    const hit = await countQueries(() =>
      ctx.http.get(`/api/v1/programs/${programId}/portfolio`).set(bearer(officer)).expect(200),
    );
    expect(hit.result.body).toEqual(six.result.body);
    expect(hit.count).toBeLessThan(six.count / 2);
  });
});
