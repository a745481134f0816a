import { boardSeats, postForm } from '../support/page-form';
import { createTestApp, TestContext } from '../support/test-app';
import { fifteenFounders, officerAndMinister } from '../support/constitution-cast';
import { binaryBody } from '../support/pdf-text';

/**
 * The constitution in the portal's pages (DOM-ORG-1 to -8): what a municipal officer, a faith minister and the
 * association's officers see and do, refusals kept in the form with nothing saved.
 */
describe('constitution pages', () => {
  let ctx: TestContext;
  let officer: Awaited<ReturnType<TestContext['signIn']>>;
  let minister: Awaited<ReturnType<TestContext['signIn']>>;
  let otherMinister: Awaited<ReturnType<TestContext['signIn']>>;
  let ministerId: string;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    ({ officer, minister, ministerId } = await officerAndMinister(ctx));
    otherMinister = await ctx.signIn(
      await ctx.newUser({ name: 'Otra Ministra', roles: [['faith_minister', '04101']] }),
    );
  });
  afterAll(() => ctx.close());

  it('DOM-ORG-1..8: request, assignment, the assembly refused with 14 founders and kept, recorded with 15, certified from the checks page, deposited, a definitive board', async () => {
    const a = await ctx.newAssociation({ name: 'Barrio Comercial Avenida del Mar' });
    const members = await fifteenFounders(ctx, a.id, 'Avenida del Mar');
    const page = `/organizaciones/${a.id}`;

    // the request: a wrong date names the field and keeps the place
    let res = await officer.agent
      .post(`${page}/constitucion/solicitud`)
      .type('form')
      .send({ _csrf: await officer.csrf(page), proposedAt: 'el martes', place: 'Sede vecinal, Av. del Mar 2100' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('proposedAt');
    expect(res.text).toContain('value="Sede vecinal, Av. del Mar 2100"');
    expect(await ctx.query(`SELECT count(*)::int AS n FROM constitution WHERE association_id = $1`, [a.id])).toEqual([
      { n: 0 },
    ]);
    res = await officer.agent
      .post(`${page}/constitucion/solicitud`)
      .type('form')
      .send({
        _csrf: await officer.csrf(page),
        proposedAt: '2026-03-16T19:30',
        place: 'Sede vecinal, Av. del Mar 2100',
      });
    expect(res.status).toBe(303);

    // DOM-ORG-2: the commune's faith ministers are offered
    let show = await officer.agent.get(page).expect(200);
    expect(show.text).toContain('16-03-2026 19:30');
    expect(show.text).toMatch(/<option value="[^"]+"[^>]*>Jorge Araya Cortés<\/option>/);
    res = await officer.agent
      .post(`${page}/constitucion/ministro`)
      .type('form')
      .send({ _csrf: await officer.csrf(page), faithMinisterUserId: ministerId });
    expect(res.status).toBe(303);

    // DOM-ORG-3: 14 founders present are refused with the numbers; the form keeps the ticks and the board
    const assembly = `${page}/constitucion/asamblea`;
    const form1 = await officer.agent.get(assembly).expect(200);
    expect(form1.text.match(/name="founders"[^>]* checked/g)).toBeNull(); // nobody ticked in advance
    // a post without a form body is a 400 with the page, never a 500
    const bodiless = await officer.agent.post(assembly).set('x-csrf-token', await officer.csrf(assembly));
    expect(bodiless.status).toBe(400);
    const board: [string, string][] = [
      ...boardSeats(members[0].id, members[1].id, members[2].id),
      ['declaredEligible', 'on'],
      ['statutesApproved', 'on'],
    ];
    /** Posts the assembly's form of 16 March: its place, the founders present and the board's fields. */
    const postAssembly = (place: string, founders: typeof members, boardFields: [string, string][]) =>
      postForm(officer, assembly, [
        ['assemblyAt', '2026-03-16T19:30'],
        ['place', place],
        ...founders.map((m): [string, string] => ['founders', m.id]),
        ...boardFields,
      ]);
    const boardWithout = (field: string) => board.filter(([k]) => k !== field);
    // the statutes' approval is asked, not assumed
    res = await postAssembly('Sede', members, boardWithout('statutesApproved'));
    expect([res.status, res.text.includes('Marque que la asamblea aprobó los estatutos')]).toEqual([400, true]);
    res = await postAssembly('Sede vecinal, Av. del Mar 2100', members.slice(0, 14), board);
    expect(res.status).toBe(422);
    expect(res.text).toContain(
      'Hay 14 socios fundadores presentes; una organización funcional urbana necesita al menos 15.',
    );
    expect(res.text.match(/name="founders"[^>]* checked/g)).toHaveLength(14);
    expect(res.text).toMatch(new RegExp(`<option value="${members[2].id}" selected`));
    expect(res.text).toContain('value="2026-03-16T19:30"');
    expect(await ctx.query(`SELECT status FROM association WHERE id = $1`, [a.id])).toEqual([
      { status: 'in_formation' },
    ]);
    // a missing treasurer names the seat
    res = await postAssembly('Sede', members, boardWithout('treasurer'));
    expect([res.status, res.text.includes('Elija a la persona para el cargo: Tesorería.')]).toEqual([400, true]);
    res = await postAssembly('Sede vecinal, Av. del Mar 2100', members, board);
    expect(res.status).toBe(303);
    show = await officer.agent.get(page).expect(200);
    expect(show.text).toMatch(/id="association-status">Por certificar</);
    expect(show.text).toContain('15 socios fundadores');

    // the faith minister's dashboard and the checks page
    const dashboard = await minister.agent.get('/ministro-de-fe').expect(200);
    expect(dashboard.text).toContain('Barrio Comercial Avenida del Mar');
    expect(dashboard.text).toContain(`/organizaciones/${a.id}/constitucion/certificar`);
    const certify = `${page}/constitucion/certificar`;
    const checks = await minister.agent.get(certify).expect(200);
    expect(checks.text.match(/data-ok="true"/g)).toHaveLength(5);
    expect(checks.text).toContain('Socios fundadores presentes: 15 (mínimo 15, DOM-ORG-3)');
    // another faith minister of the commune sees the checks but cannot certify
    const other = await otherMinister.agent.get(certify).expect(200);
    expect(other.text).toContain('Solo el ministro de fe asignado');
    expect(other.text).not.toContain('Certificar y emitir');
    const refused = await otherMinister.agent
      .post(certify)
      .type('form')
      .send({ _csrf: await otherMinister.csrf(certify) });
    expect(refused.status).toBe(403);
    // issue 20 item 3: a certification cannot be undone, so the page asks for a tick first; without it nothing is
    // certified and the notes are kept
    const unconfirmed = await minister.agent
      .post(certify)
      .type('form')
      .send({ _csrf: await minister.csrf(certify), notes: 'Asamblea realizada con normalidad.' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain(
      'Marque la casilla para confirmar que presenció la asamblea y certifica la constitución',
    );
    expect(unconfirmed.text).toContain('Asamblea realizada con normalidad.');
    expect(await ctx.query(`SELECT status FROM association WHERE id = $1`, [a.id]).then((r) => r[0].status)).toBe(
      'pending_certification',
    );
    expect(checks.text).toContain('name="confirm"');
    res = await minister.agent
      .post(certify)
      .type('form')
      .send({ _csrf: await minister.csrf(certify), notes: 'Asamblea realizada con normalidad.', confirm: 'on' });
    expect(res.status).toBe(303);
    const flashed = await minister.agent.get(page).expect(200);
    expect(flashed.text).toMatch(
      /Constitución certificada. Códigos de verificación: acta [A-Z0-9-]+, certificado [A-Z0-9-]+\./,
    );

    // both PDFs from the page
    show = await officer.agent.get(page).expect(200);
    expect(show.text).toContain(`${page}/constitucion/acta.pdf`);
    const pdf = await officer.agent.get(`${page}/constitucion/certificado.pdf`).buffer(true).parse(binaryBody);
    expect([pdf.status, pdf.headers['content-type'], (pdf.body as Buffer).subarray(0, 5).toString()]).toEqual([
      200,
      'application/pdf',
      '%PDF-',
    ]);

    // DOM-ORG-6: a future deposit date names the field; the deposit puts it in force
    res = await officer.agent
      .post(`${page}/constitucion/deposito`)
      .type('form')
      .send({ _csrf: await officer.csrf(page), depositedOn: '2026-04-30' });
    expect([
      res.status,
      res.text.includes('El campo «Fecha del depósito» no puede ser una fecha futura.'), // the label, not depositedOn
      res.text.includes('value="2026-04-30"'),
    ]).toEqual([400, true, true]);
    res = await officer.agent
      .post(`${page}/constitucion/deposito`)
      .type('form')
      .send({ _csrf: await officer.csrf(page), depositedOn: '2026-03-17' });
    expect(res.status).toBe(303);
    show = await officer.agent.get(page).expect(200);
    expect(show.text).toMatch(/id="association-status">Vigente</);
    expect(show.text).toContain('la municipalidad puede objetar hasta el 16-04-2026');
    expect(show.text).toContain('Registrar la objeción');

    // DOM-ORG-8: a definitive board from its page
    const boardPage = `${page}/directorio/nuevo`;
    await officer.agent.get(boardPage).expect(200);
    res = await postForm(officer, boardPage, [
      ['kind', 'definitive'],
      ['startsOn', '2026-03-17'],
      ...boardSeats(members[3].id, members[4].id, members[5].id),
    ]);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Falta la declaración de');
    res = await postForm(officer, boardPage, [
      ['kind', 'definitive'],
      ['startsOn', '2026-03-17'],
      ...boardSeats(members[3].id, members[4].id, members[5].id),
      ['substitute1', members[6].id],
      ['declaredEligible', 'on'],
    ]);
    expect(res.status).toBe(303);
    show = await officer.agent.get(page).expect(200);
    expect(show.text).toContain('Directorio definitivo (3 años) · del 17-03-2026 al 17-03-2029');
    expect(show.text).toContain(`Presidencia:</span> ${members[3].fullName}`); // the neutral post name (issue 20 item 6)
    expect(show.text).toContain(`Suplente 1:</span> ${members[6].fullName}`);
  });

  it('a trade association and a Peruvian organisation have no constitution section; the faith minister dashboard is only for faith ministers', async () => {
    const trade = await ctx.newAssociation({
      name: 'Asociación Gremial de Comerciantes del Centro',
      kind: 'trade_association',
    });
    const show = await officer.agent.get(`/organizaciones/${trade.id}`).expect(200);
    expect(show.text).not.toContain('id="constitution"');
    expect((await officer.agent.get('/ministro-de-fe')).status).toBe(403);
    const empty = await otherMinister.agent.get('/ministro-de-fe').expect(200);
    expect(empty.text).toContain('No tiene asambleas asignadas.');
  });
});
