import { createTestApp, TestContext } from '../support/test-app';
import { form } from '../support/page-form';
import { bearer } from '../support/api-problem';

/** The acta in the portal's pages: the editor, refusals kept in the form, approval, sending, the actas and commitments pages. */
describe('minutes pages', () => {
  let ctx: TestContext;
  let officer: Awaited<ReturnType<TestContext['signIn']>>;
  let member: Awaited<ReturnType<TestContext['signIn']>>;
  let token: string;
  let associationId: string;
  let memberIds: string[];
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    const a = await ctx.newAssociation({ name: 'Barrio Comercial Calle Prat' });
    associationId = a.id;
    memberIds = [];
    for (const name of ['Ana Muñoz Araya', 'Luis Rojas Tapia', 'Rosa Díaz Soto'])
      memberIds.push(
        (await ctx.newMember(a.id, { fullName: name, email: `${name.split(' ')[0].toLowerCase()}@example.cl` })).id,
      );
    const user = await ctx.newUser({ name: 'Ana Muñoz Araya', roles: [['association_officer', a.id]] });
    officer = await ctx.signIn(user);
    token = await ctx.apiToken(user);
    member = await ctx.signIn(await ctx.newUser({ roles: [['association_member', a.id]] }));
  });
  afterAll(() => ctx.close());

  it('issue 20 item 3, DOM-MTG-9: a draft shows no number, and the approval order is shown before the click, with a link to the acta to approve first', async () => {
    // an association of its own: its drafts must not hold up the other tests' approvals
    const other = await ctx.newAssociation({ name: 'Barrio Comercial Calle Cordovez' });
    const user = await ctx.newUser({ roles: [['association_officer', other.id]] });
    const president = await ctx.signIn(user);
    const token = await ctx.apiToken(user);
    const held = async (localStart: string, notes: string) => {
      const id = (
        await ctx.http
          .post(`/api/v1/associations/${other.id}/meetings`)
          .set(bearer(token))
          .send({ localStart, place: 'Prat 560' })
          .expect(201)
      ).body.id as string;
      await ctx.http
        .put(`/api/v1/meetings/${id}/minutes`)
        .set(bearer(token))
        .send({ items: [{ title: 'Varios', notes }] })
        .expect(200);
      return id;
    };
    const early = await held('2026-02-03T19:30', 'primera');
    const late = await held('2026-02-17T19:30', 'segunda');

    const latePage = await president.agent.get(`/reuniones/${late}/acta`).expect(200);
    expect(latePage.text).toContain(
      'Primero apruebe el acta de la reunión del 03-02-2026: las actas se aprueban en el orden de sus reuniones.',
    );
    expect(latePage.text).toContain(`href="/reuniones/${early}/acta"`);
    expect(latePage.text).not.toContain('id="minutes-approve"'); // no button that would only be refused
    const api = (await ctx.http.get(`/api/v1/meetings/${late}/minutes`).set(bearer(token)).expect(200)).body;
    expect(api.approvalWaitsFor).toEqual({ meetingId: early, date: '03-02-2026' });

    const earlyPage = await president.agent.get(`/reuniones/${early}/acta`).expect(200);
    expect(earlyPage.text).toMatch(/id="minutes-approve">Aprobar el acta<\/button>/); // no number before approval
    expect(earlyPage.text).not.toContain('minutes-approval-waits');
    // once the earlier one is approved, the later one can be
    await ctx.http.post(`/api/v1/meetings/${early}/minutes/approve`).set(bearer(token)).expect(200);
    const after = await president.agent.get(`/reuniones/${late}/acta`).expect(200);
    expect(after.text).toContain('id="minutes-approve"');
    expect(after.text).not.toContain('Primero apruebe');
  });

  it('a president writes the acta from the agenda, a refusal keeps what she typed and writes nothing, then approves and sends it; members read it', async () => {
    const meeting = (
      await ctx.http
        .post(`/api/v1/associations/${associationId}/meetings`)
        .set(bearer(token))
        .send({ localStart: '2026-03-10T19:30', place: 'Prat 560' })
        .expect(201)
    ).body.id;
    await ctx.http
      .post(`/api/v1/meetings/${meeting}/agenda`)
      .set(bearer(token))
      .send({ title: 'Seguridad en calle Prat' })
      .expect(201);
    await ctx.http
      .put(`/api/v1/meetings/${meeting}/attendance`)
      .set(bearer(token))
      .send(memberIds.map((id) => ({ memberId: id, status: 'present' })))
      .expect(200);
    const page = `/reuniones/${meeting}/acta`;

    // the editor starts from the agenda, with blank rows for agreements and commitments
    const editor = await officer.agent.get(page).expect(200);
    expect(editor.text).toContain('value="Seguridad en calle Prat"');
    expect(editor.text).toMatch(/name="agreements\[1\]\[text\]"/);
    expect(editor.text).toMatch(/<option value="member:[^"]+">Luis Rojas Tapia<\/option>/);
    expect(await member.agent.get(page).then((r) => r.status)).toBe(404); // a draft is not the members' to read

    // four votes with three present: refused, the typed text is kept, nothing is written
    const fields = (votesFor: string): [string, string][] => [
      ['version', '0'],
      ['items[0][title]', 'Seguridad en calle Prat'],
      ['items[0][notes]', 'Se acuerda pedir rondas a Carabineros.'],
      ['agreements[0][text]', 'Pedir rondas nocturnas a Carabineros'],
      ['agreements[0][votesFor]', votesFor],
      ['agreements[0][votesAgainst]', '0'],
      ['agreements[0][abstentions]', '0'],
      ['agreements[1][text]', ''],
      ['commitments[0][description]', 'Redactar la carta a la Prefectura'],
      ['commitments[0][owner]', `member:${memberIds[1]}`],
      ['commitments[0][dueOn]', '2026-03-31'],
      ['commitments[1][description]', 'Rondas nocturnas'],
      ['commitments[1][owner]', 'institution'],
      ['commitments[1][ownerText]', 'Carabineros de Chile'],
      ['commitments[1][dueOn]', '2026-04-15'],
      ['commitments[2][description]', ''],
    ];
    let res = await officer.agent
      .post(page)
      .type('form')
      .send(form([['_csrf', await officer.csrf(page)], ...fields('4')]));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Acuerdo 1: hay 4 votos (a favor, en contra y abstenciones) y solo 3 socios presentes.');
    expect(res.text).toContain('Pedir rondas nocturnas a Carabineros</textarea>');
    expect(res.text).toContain('value="Carabineros de Chile"');
    expect(
      await ctx.query(`SELECT count(*)::int AS n FROM commitment WHERE origin_meeting_id = $1`, [meeting]),
    ).toEqual([{ n: 0 }]);

    // a body that is not the form's shape, or without the version, is refused, never taken as "empty the acta"
    for (const odd of [
      [
        ['agreements', 'x'],
        ['version', '0'],
      ],
      [
        ['items[0]', 'y'],
        ['version', '0'],
      ],
      [
        ['commitments[abc][description]', 'z'],
        ['version', '0'],
      ],
      [['items[0][title]', 'Varios']],
    ] as [string, string][][]) {
      const r = await officer.agent
        .post(page)
        .type('form')
        .send(form([['_csrf', await officer.csrf(page)], ...odd]));
      expect([odd.map((f) => f[0]).join(','), r.status]).toEqual([odd.map((f) => f[0]).join(','), 400]);
    }
    expect(await ctx.query(`SELECT count(*)::int AS n FROM minutes WHERE meeting_id = $1`, [meeting])).toEqual([
      { n: 0 },
    ]);
    res = await officer.agent
      .post(page)
      .type('form')
      .send(form([['_csrf', await officer.csrf(page)], ...fields('3')]));
    expect([res.status, res.headers.location]).toEqual([303, page]);
    const saved = await officer.agent.get(page).expect(200);
    expect(saved.text).toContain('El borrador del acta quedó guardado.');
    expect(saved.text).toMatch(/<option value="member:[^"]+" selected>Luis Rojas Tapia<\/option>/);
    expect(saved.text).toContain('Aprobado (Mayoría simple)');

    // approve: the page shows the code, the PDF and the send button
    res = await officer.agent
      .post(`${page}/aprobar`)
      .type('form')
      .send({ _csrf: await officer.csrf(page), version: '1' });
    expect(res.status).toBe(303);
    const approved = await officer.agent.get(page).expect(200);
    const code = /id="minutes-code">([A-Z0-9-]+)</.exec(approved.text)![1];
    expect(approved.text).toContain(`El acta N° 1 quedó aprobada. Código de verificación: ${code}.`);
    expect(approved.text).not.toContain('id="minutes-form"');
    const again = await officer.agent
      .post(`${page}/aprobar`)
      .type('form')
      .send({ _csrf: await officer.csrf(page), version: '1' });
    expect([again.status, again.text.includes('ya fue aprobada')]).toEqual([409, true]);
    res = await officer.agent
      .post(`${page}/enviar`)
      .type('form')
      .send({ _csrf: await officer.csrf(page) });
    expect(res.status).toBe(303);
    expect((await officer.agent.get(page).expect(200)).text).toContain(
      'El acta se enviará por correo a 3 socios (0 ya la habían recibido; 0 sin correo).',
    );
    expect((await ctx.http.get(`/verificar/${code}`).expect(200)).text).toContain(
      'Acta N° 1 de Barrio Comercial Calle Prat',
    );

    // members read the approved acta, its PDF and the list
    const read = await member.agent.get(page).expect(200);
    expect(read.text).toContain('Pedir rondas nocturnas a Carabineros');
    expect(read.text).not.toContain('id="minutes-send"');
    const pdf = await member.agent.get(`${page}.pdf`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await member.agent.get(`/organizaciones/${associationId}/actas`).expect(200)).text).toContain(code);
  });

  it('DOM-MTG-8: the commitments page: overdue ones highlighted; progress recorded; a note left empty is refused with the status kept', async () => {
    const meeting = (
      await ctx.http
        .post(`/api/v1/associations/${associationId}/meetings`)
        .set(bearer(token))
        .send({ localStart: '2026-03-03T19:30', place: 'Prat 560' })
        .expect(201)
    ).body.id;
    const saved = (
      await ctx.http
        .put(`/api/v1/meetings/${meeting}/minutes`)
        .set(bearer(token))
        .send({ commitments: [{ description: 'Cotizar luminarias', ownerName: 'Pedro Pérez', dueOn: '2026-03-12' }] })
        .expect(200)
    ).body;
    const id = saved.commitments[0].id;
    const page = `/organizaciones/${associationId}/compromisos`;
    const list = await officer.agent.get(`${page}?overdue=true`).expect(200);
    expect(list.text).toMatch(new RegExp(`id="c-${id}"[^>]*>[\\s\\S]*?Cotizar luminarias[\\s\\S]*?vencido`));
    let res = await officer.agent
      .post(`/compromisos/${id}/avance`)
      .type('form')
      .send({ _csrf: await officer.csrf(page), status: 'in_progress', progress: '40', note: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('El campo «Nota» es obligatorio'); // issue 20 item 6: the label, not `note`
    expect(res.text).toMatch(/<option value="in_progress" selected>En curso<\/option>/);
    expect(res.text).toContain('value="40"');
    expect(await ctx.query(`SELECT count(*)::int AS n FROM commitment_update WHERE commitment_id = $1`, [id])).toEqual([
      { n: 0 },
    ]);
    res = await officer.agent
      .post(`/compromisos/${id}/avance`)
      .type('form')
      .send({
        _csrf: await officer.csrf(page),
        status: 'in_progress',
        progress: '40',
        note: 'Dos cotizaciones recibidas.',
      });
    expect([res.status, res.headers.location]).toEqual([303, `${page}#c-${id}`]);
    expect((await officer.agent.get(page).expect(200)).text).toMatch(
      /En curso · vencido<\/span> <span class="small">40 %/,
    );
    // members read the board but do not update it
    expect((await member.agent.get(page).expect(200)).text).not.toContain(`action="/compromisos/${id}/avance"`);
    expect(
      (
        await member.agent
          .post(`/compromisos/${id}/avance`)
          .type('form')
          .send({ _csrf: await member.csrf(page), note: 'x' })
      ).status,
    ).toBe(403);
  });

  it('issue 16 item 7: the acta form is validated at the door: a wrong type deep in a row (votes that are not a number, a due date that is not a date) is refused naming its row and field, the form kept, nothing written', async () => {
    const meeting = (
      await ctx.http
        .post(`/api/v1/associations/${associationId}/meetings`)
        .set(bearer(token))
        .send({ localStart: '2026-03-24T19:30', place: 'Prat 560' })
        .expect(201)
    ).body.id;
    const page = `/reuniones/${meeting}/acta`;
    // the first agreement and commitment rows are left blank: the messages name the rows the user typed in
    const res = await officer.agent
      .post(page)
      .type('form')
      .send(
        form([
          ['_csrf', await officer.csrf(page)],
          ['version', '0'],
          ['agreements[0][text]', ''],
          ['agreements[1][text]', 'Pintar la fachada de la sede'],
          ['agreements[1][votesFor]', 'muchos'],
          ['agreements[1][votesAgainst]', '0'],
          ['agreements[1][abstentions]', '0'],
          ['commitments[0][description]', ''],
          ['commitments[1][description]', 'Cotizar la pintura'],
          ['commitments[1][owner]', `member:${memberIds[2]}`],
          ['commitments[1][dueOn]', 'el lunes'],
        ]),
      );
    expect(res.status).toBe(400);
    expect(res.text).toContain('El campo «Acuerdo 2 · A favor» debe ser un número entero.');
    expect(res.text).toContain('El campo «Compromiso 2 · Plazo» debe ser una fecha válida (dd-mm-aaaa).');
    expect(res.text).not.toContain('agreements.1.votesFor debe');
    expect(res.text).toMatch(/is-invalid" id="agreement-1-for" name="agreements\[1\]\[votesFor\]" value="muchos"/);
    expect(res.text).toMatch(
      /is-invalid" type="date" id="commitment-1-dueOn" name="commitments\[1\]\[dueOn\]" value="el lunes"/,
    );
    expect(res.text).toContain('Pintar la fachada de la sede</textarea>');
    expect(res.text).toContain('value="Cotizar la pintura"');
    expect(await ctx.query(`SELECT count(*)::int AS n FROM minutes WHERE meeting_id = $1`, [meeting])).toEqual([
      { n: 0 },
    ]);
    expect(
      await ctx.query(`SELECT count(*)::int AS n FROM commitment WHERE origin_meeting_id = $1`, [meeting]),
    ).toEqual([{ n: 0 }]);
  });

  it('issue 16 item 7: a progress update whose percentage is not a text (a list) is refused naming progress, the form kept, nothing written', async () => {
    const meeting = (
      await ctx.http
        .post(`/api/v1/associations/${associationId}/meetings`)
        .set(bearer(token))
        .send({ localStart: '2026-03-31T19:30', place: 'Prat 560' })
        .expect(201)
    ).body.id;
    const id = (
      await ctx.http
        .put(`/api/v1/meetings/${meeting}/minutes`)
        .set(bearer(token))
        .send({ commitments: [{ description: 'Pedir la poda', ownerName: 'Pedro Pérez', dueOn: '2026-04-30' }] })
        .expect(200)
    ).body.commitments[0].id;
    const page = `/organizaciones/${associationId}/compromisos`;
    const res = await officer.agent
      .post(`/compromisos/${id}/avance`)
      .type('form')
      .send(
        form([
          ['_csrf', await officer.csrf(page)],
          ['status', 'in_progress'],
          ['progress', '40'],
          ['progress', '50'],
          ['note', 'La municipalidad respondió.'],
        ]),
      );
    expect(res.status).toBe(400);
    expect(res.text).toContain('El campo «Avance (%)» debe ser un texto.');
    expect(res.text).toMatch(/<option value="in_progress" selected>En curso<\/option>/);
    expect(res.text).toContain('value="La municipalidad respondió."');
    expect(await ctx.query(`SELECT count(*)::int AS n FROM commitment_update WHERE commitment_id = $1`, [id])).toEqual([
      { n: 0 },
    ]);
  });
});
