import { OutboxWorker } from '../../src/mail/outbox.worker';
import { SmtpPeer } from '../support/smtp-peer';
import { createTestApp, TestContext } from '../support/test-app';
import { newLaSerenaTable } from '../support/table-fixtures';
import { bearer } from '../support/api-problem';

const TABLE = 'Mesa técnica de seguridad del centro histórico';
const CARABINEROS = 'Carabineros de Chile, 1.ª Comisaría La Serena';

/**
 * Issue 20 item 2: whoever runs a table gives its representatives accounts and names coordinators from the
 * table's page; the invitation (real SMTP peer) names the institution, the table and the role; the invitee sets a
 * password and records progress on their institution's commitment. Refusals write nothing.
 */
describe('onboarding a table from its page', () => {
  let ctx: TestContext;
  let peer: SmtpPeer;
  let tableId: string;
  let otherTableId: string;
  let commitmentId: string;
  const part: Record<string, string> = {};
  let coordinator: { id: string; email: string; password: string };
  let officer: { id: string; email: string; password: string };

  const worker = () => ctx.get<OutboxWorker>(OutboxWorker);
  const roleRows = async (email: string) =>
    ctx.query<{ role: string; scope_id: string }>(
      `SELECT r.role, r.scope_id FROM role_assignment r JOIN app_user u ON u.id = r.user_id WHERE u.email = $1`,
      [email],
    );

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    ctx = await createTestApp({
      env: { SMTP_URL: peer.url, MAIL_WORKER: 'false', LOGIN_RATE_LIMIT: '1000', PUBLIC_URL: 'http://127.0.0.1' },
    });
    officer = await ctx.newUser({ name: 'Carolina Rojas', roles: [['municipal_officer', '04101']] });
    const officerToken = await ctx.apiToken(officer);
    const create = (name: string) => newLaSerenaTable(ctx, officerToken, name);
    tableId = await create(TABLE);
    otherTableId = await create('Mesa de comercio ambulante');
    for (const [key, body] of [
      [
        'carabineros',
        {
          institutionName: CARABINEROS,
          institutionKind: 'police',
          name: 'Mayor Rodrigo Fuentes',
          email: 'r.fuentes@carabineros.example.cl',
        },
      ],
      ['pdi', { institutionName: 'PDI La Serena', institutionKind: 'investigations_police', name: 'Inspector Tapia' }],
    ] as const) {
      part[key] = (
        await ctx.http.post(`/api/v1/tables/${tableId}/participants`).set(bearer(officerToken)).send(body).expect(201)
      ).body.id;
    }
    coordinator = await ctx.newUser({ name: 'Coordinadora Soto', roles: [['table_coordinator', tableId]] });
    const coordinatorToken = await ctx.apiToken(coordinator);
    const carabinerosInstitution = (
      await ctx.query<{ id: string }>(`SELECT id FROM institution WHERE name = $1`, [CARABINEROS])
    )[0].id;
    const session = (
      await ctx.http
        .post(`/api/v1/tables/${tableId}/meetings`)
        .set(bearer(coordinatorToken))
        .send({ localStart: '2026-03-03T10:00', place: 'Dirección de Seguridad' })
        .expect(201)
    ).body.id as string;
    await ctx.http
      .put(`/api/v1/meetings/${session}/minutes`)
      .set(bearer(coordinatorToken))
      .send({
        version: 0,
        items: [{ title: 'Diagnóstico', notes: 'Robos a la salida de los locales.' }],
        agreements: [],
        commitments: [
          {
            description: 'Rondas preventivas en O’Higgins de jueves a sábado',
            ownerInstitutionId: carabinerosInstitution,
            dueOn: '2026-04-30',
          },
        ],
      })
      .expect(200);
    await ctx.http
      .post(`/api/v1/meetings/${session}/minutes/approve`)
      .set(bearer(coordinatorToken))
      .send({})
      .expect(200);
    commitmentId = (await ctx.query<{ id: string }>(`SELECT id FROM commitment`))[0].id;
  });
  afterAll(async () => {
    await ctx?.close();
    await peer?.stop();
  });

  it('the coordinator gives the Carabineros representative an account: the page says the mail is queued; the mail names the institution, the table and the role; the invitee records progress', async () => {
    const { agent, csrf } = await ctx.signIn(coordinator);
    const page = await agent.get(`/mesas/${tableId}`).expect(200);
    // the recorded e-mail is prefilled in the representative's row
    expect(page.text).toContain(`action="/mesas/${tableId}/participantes/${part.carabineros}/cuenta"`);
    expect(page.text).toMatch(/name="accountEmail" value="r\.fuentes@carabineros\.example\.cl"/);
    const token = await csrf(`/mesas/${tableId}`);
    const given = await agent
      .post(`/mesas/${tableId}/participantes/${part.carabineros}/cuenta`)
      .type('form')
      .send({ _csrf: token, participantId: part.carabineros, accountEmail: 'r.fuentes@carabineros.example.cl' })
      .expect(303);
    expect(given.headers.location).toBe(`/mesas/${tableId}#participants`);
    const after = await agent.get(`/mesas/${tableId}`).expect(200);
    expect(after.text).toContain(
      'Invitación enviada a r.fuentes@carabineros.example.cl: el correo quedó en cola de envío',
    );
    const row = /<tr data-participant="[^"]+">(?:(?!<\/tr>).)*Mayor Rodrigo Fuentes(?:(?!<\/tr>).)*<\/tr>/s.exec(
      after.text,
    )![0];
    expect(row).toContain('Tiene cuenta');
    expect(row).not.toContain('Dar cuenta');
    expect(await roleRows('r.fuentes@carabineros.example.cl')).toEqual([
      { role: 'table_participant', scope_id: tableId },
    ]);
    // queued: the outbox holds it, not sent yet
    expect(
      await ctx.query(`SELECT sent_at FROM outbox_message WHERE to_address = 'r.fuentes@carabineros.example.cl'`),
    ).toEqual([{ sent_at: null }]);

    await worker().runOnce();
    const [mail] = await peer.waitFor(1);
    expect(mail.to).toMatchObject({ text: expect.stringContaining('r.fuentes@carabineros.example.cl') });
    expect(mail.subject).toBe('Invitación a Quórum');
    expect(mail.text).toContain('Coordinadora Soto le invita a usar Quórum');
    expect(mail.text).toContain(`Su cuenta es para: Representante de ${CARABINEROS} en ${TABLE}`);
    expect(mail.html).toContain(`<strong>Representante de ${CARABINEROS} en ${TABLE}</strong>`);
    // the mail keeps the layout every mail has (its footer)
    expect(mail.text).toContain('Mensaje enviado por Quórum');

    const link = /http:\/\/127\.0\.0\.1(\/clave\/nueva\?token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1];
    const form = await ctx.openForm(link);
    const tokenValue = new URL(`http://x${link}`).searchParams.get('token');
    await form
      .submit('/clave/nueva', {
        token: tokenValue,
        password: 'clave del mayor',
        passwordConfirmation: 'clave del mayor',
      })
      .expect(303);
    const invitee = await ctx.signIn({ email: 'r.fuentes@carabineros.example.cl', password: 'clave del mayor' });
    const commitmentPath = `/mesas/${tableId}/compromisos/${commitmentId}`;
    const progressToken = await invitee.csrf(commitmentPath);
    await invitee.agent
      .post(`${commitmentPath}/avance`)
      .type('form')
      .send({ _csrf: progressToken, status: 'in_progress', progress: '40', note: 'Rondas los viernes y sábados.' })
      .expect(303);
    expect(await ctx.query(`SELECT note FROM commitment_update WHERE commitment_id = $1`, [commitmentId])).toEqual([
      { note: 'Rondas los viernes y sábados.' },
    ]);
  });

  it('twice: a clear message, nothing written; a bad or missing e-mail keeps the input and names the field', async () => {
    const { agent, csrf } = await ctx.signIn(coordinator);
    const users = await ctx.count('app_user');
    const mails = await ctx.count('outbox_message');
    let token = await csrf(`/mesas/${tableId}`);
    const twice = await agent
      .post(`/mesas/${tableId}/participantes/${part.carabineros}/cuenta`)
      .type('form')
      .send({ _csrf: token, participantId: part.carabineros, accountEmail: 'r.fuentes@carabineros.example.cl' });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain(
      'Mayor Rodrigo Fuentes ya tiene cuenta en esta mesa (r.fuentes@carabineros.example.cl): no se envió otra invitación.',
    );
    // another address for a representative who has an account would move their link to a second account: refused
    token = await csrf(`/mesas/${tableId}`);
    const other = await agent
      .post(`/mesas/${tableId}/participantes/${part.carabineros}/cuenta`)
      .type('form')
      .send({ _csrf: token, participantId: part.carabineros, accountEmail: 'otra.persona@example.cl' });
    expect(other.status).toBe(409);
    expect(other.text).toContain(
      'Mayor Rodrigo Fuentes ya tiene cuenta en esta mesa (r.fuentes@carabineros.example.cl)',
    );
    expect((await ctx.query(`SELECT email FROM table_participant WHERE id = $1`, [part.carabineros]))[0]).toEqual({
      email: 'r.fuentes@carabineros.example.cl',
    });
    // the PDI representative has no e-mail recorded: it must be typed
    token = await csrf(`/mesas/${tableId}`);
    const missing = await agent
      .post(`/mesas/${tableId}/participantes/${part.pdi}/cuenta`)
      .type('form')
      .send({ _csrf: token, participantId: part.pdi, accountEmail: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Escriba el correo de Inspector Tapia: allí le llegará la invitación.');
    token = await csrf(`/mesas/${tableId}`);
    const bad = await agent
      .post(`/mesas/${tableId}/participantes/${part.pdi}/cuenta`)
      .type('form')
      .send({ _csrf: token, participantId: part.pdi, accountEmail: 'tapia@pdi' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('El correo «tapia@pdi» no es válido');
    expect(bad.text).toMatch(/id="account-[0-9a-f-]+" name="accountEmail" value="tapia@pdi"[^>]*aria-invalid="true"/);
    expect([await ctx.count('app_user'), await ctx.count('outbox_message')]).toEqual([users, mails]);
    expect((await ctx.query(`SELECT email FROM table_participant WHERE id = $1`, [part.pdi]))[0]).toEqual({
      email: null,
    });
  });

  it('a typed e-mail is recorded on the representative (the link), and the municipal officer of the commune may give it', async () => {
    const { agent, csrf } = await ctx.signIn(officer);
    const token = await csrf(`/mesas/${tableId}`);
    await agent
      .post(`/mesas/${tableId}/participantes/${part.pdi}/cuenta`)
      .type('form')
      .send({ _csrf: token, participantId: part.pdi, accountEmail: 'Tapia@PDI.example.cl ' })
      .expect(303);
    expect((await ctx.query(`SELECT email FROM table_participant WHERE id = $1`, [part.pdi]))[0]).toEqual({
      email: 'tapia@pdi.example.cl',
    });
    expect(await roleRows('tapia@pdi.example.cl')).toEqual([{ role: 'table_participant', scope_id: tableId }]);
    await worker().runOnce();
    const mails = await peer.waitFor(2);
    expect(mails[1].text).toContain(`Representante de PDI La Serena en ${TABLE}`);
    expect(mails[1].text).toContain('Carolina Rojas le invita');
  });

  it('naming a coordinator from the page: invited when new, an existing account gets the role; twice refused', async () => {
    const { agent, csrf } = await ctx.signIn(coordinator);
    let token = await csrf(`/mesas/${tableId}`);
    const refused = await agent
      .post(`/mesas/${tableId}/coordinadores`)
      .type('form')
      .send({ _csrf: token, coordinatorName: 'Paula Díaz', coordinatorEmail: 'paula' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('El correo «paula» no es válido');
    expect(refused.text).toContain('value="Paula Díaz"');
    token = await csrf(`/mesas/${tableId}`);
    await agent
      .post(`/mesas/${tableId}/coordinadores`)
      .type('form')
      .send({ _csrf: token, coordinatorName: 'Paula Díaz', coordinatorEmail: 'paula.diaz@laserena.example.cl' })
      .expect(303);
    const page = await agent.get(`/mesas/${tableId}`).expect(200);
    expect(page.text).toContain(
      'Invitación enviada a paula.diaz@laserena.example.cl: el correo quedó en cola de envío y Paula Díaz coordinará la mesa.',
    );
    expect(page.text).toMatch(/id="coordinators"[\s\S]*Paula Díaz <span class="small text-body-secondary">paula\.diaz/);
    expect(await roleRows('paula.diaz@laserena.example.cl')).toEqual([
      { role: 'table_coordinator', scope_id: tableId },
    ]);
    await worker().runOnce();
    const mails = await peer.waitFor(3);
    expect(mails[2].text).toContain(`Su cuenta es para: Coordinación de mesa · ${TABLE}`);

    // an existing account (the officer's) gets the role without an invitation
    const outbox = await ctx.count('outbox_message');
    token = await csrf(`/mesas/${tableId}`);
    await agent
      .post(`/mesas/${tableId}/coordinadores`)
      .type('form')
      .send({ _csrf: token, coordinatorName: 'Carolina Rojas', coordinatorEmail: officer.email })
      .expect(303);
    expect((await agent.get(`/mesas/${tableId}`)).text).toContain('ya tenía cuenta');
    expect(await ctx.count('outbox_message')).toBe(outbox);
    token = await csrf(`/mesas/${tableId}`);
    const twice = await agent
      .post(`/mesas/${tableId}/coordinadores`)
      .type('form')
      .send({ _csrf: token, coordinatorName: 'Paula Díaz', coordinatorEmail: 'paula.diaz@laserena.example.cl' });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('paula.diaz@laserena.example.cl ya coordina esta mesa');
  });

  it('someone without the right: a representative gets 403, another table’s people 404; nothing written', async () => {
    const users = await ctx.count('app_user');
    const representative = await ctx.signIn({ email: 'r.fuentes@carabineros.example.cl', password: 'clave del mayor' });
    let token = await representative.csrf(`/mesas/${tableId}`);
    expect(
      (
        await representative.agent
          .post(`/mesas/${tableId}/participantes/${part.pdi}/cuenta`)
          .type('form')
          .send({ _csrf: token, participantId: part.pdi, accountEmail: 'otro@pdi.example.cl' })
      ).status,
    ).toBe(403);
    token = await representative.csrf(`/mesas/${tableId}`);
    expect(
      (
        await representative.agent
          .post(`/mesas/${tableId}/coordinadores`)
          .type('form')
          .send({ _csrf: token, coordinatorName: 'Yo', coordinatorEmail: 'yo@example.cl' })
      ).status,
    ).toBe(403);
    const stranger = await ctx.signIn(await ctx.newUser({ roles: [['table_coordinator', otherTableId]] }));
    token = await stranger.csrf('/cuenta');
    expect(
      (
        await stranger.agent
          .post(`/mesas/${tableId}/coordinadores`)
          .type('form')
          .send({ _csrf: token, coordinatorName: 'Yo', coordinatorEmail: 'yo@example.cl' })
      ).status,
    ).toBe(404);
    // a participant of the other table is not this table's
    token = await stranger.csrf('/cuenta');
    expect(
      (
        await stranger.agent
          .post(`/mesas/${otherTableId}/participantes/${part.pdi}/cuenta`)
          .type('form')
          .send({ _csrf: token, participantId: part.pdi, accountEmail: 'x@example.cl' })
      ).status,
    ).toBe(404);
    expect(await ctx.count('app_user')).toBe(users + 1); // the stranger only
  });

  it('the admin user page picks a role scope from names and shows every role by name, never an id', async () => {
    const admin = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const [{ id }] = await ctx.query<{ id: string }>(`SELECT id FROM app_user WHERE email = 'tapia@pdi.example.cl'`);
    const page = await admin.agent.get(`/admin/usuarios/${id}`).expect(200);
    expect(page.text).toContain(`Integrante de mesa · ${TABLE}`);
    expect(page.text).not.toContain(`<code>${tableId}</code>`);
    // the scope list offers tables, communes by name (the value is the id the API keeps)
    expect(page.text).toContain(`<option value="${tableId}">${TABLE}</option>`);
    expect(page.text).toContain('<option value="04101">La Serena</option>');
    const token = await admin.csrf(`/admin/usuarios/${id}`);
    await admin.agent
      .post(`/admin/usuarios/${id}/roles`)
      .type('form')
      .send({ _csrf: token, role: 'table_coordinator', scopeId: otherTableId })
      .expect(303);
    const list = await admin.agent.get('/admin/usuarios?q=tapia').expect(200);
    expect(list.text).toContain('Coordinación de mesa · Mesa de comercio ambulante');
    expect(list.text).not.toContain(otherTableId);
  });

  it('the administration creates a region table from the page, picking the region by name; a municipal officer asks for one and the request reaches the administrators by mail', async () => {
    const adminUser = await ctx.newUser({
      name: 'Administración Regional',
      email: 'admin.region@example.cl',
      roles: [['admin', null]],
    });
    const admin = await ctx.signIn(adminUser);
    const list = await admin.agent.get('/mesas').expect(200);
    expect(list.text).toMatch(/<optgroup label="Regiones">[^]*<option value="region:04">Coquimbo<\/option>/);
    expect(list.text).toMatch(/<optgroup label="Provincias">[^]*<option value="province:041">Elqui<\/option>/);
    expect(list.text).not.toContain('id="table-request"'); // the administration creates, it does not ask
    let token = await admin.csrf('/mesas');
    const created = await admin.agent
      .post('/mesas')
      .type('form')
      .send({ _csrf: token, kind: 'security', name: 'Mesa regional de prevención del delito', scopeCode: 'region:04' })
      .expect(303);
    const regionTableId = /\/mesas\/([0-9a-f-]{36})$/.exec(created.headers.location as string)![1];
    expect(
      await ctx.query(`SELECT scope_level, scope_code, commune_code FROM mesa WHERE id = $1`, [regionTableId]),
    ).toEqual([{ scope_level: 'region', scope_code: '04', commune_code: null }]);
    expect((await admin.agent.get(`/mesas/${regionTableId}`).expect(200)).text).toContain('Regional: Coquimbo');

    // the municipality asks: a refused request keeps its input and writes nothing
    const { agent, csrf } = await ctx.signIn(officer);
    const page = await agent.get('/mesas').expect(200);
    expect(page.text).toContain('Pedir una mesa provincial o regional');
    expect(page.text).toContain('<option value="region:04">Coquimbo (Regional)</option>');
    const outbox = await ctx.count('outbox_message');
    // the request form, posted with a fresh token (Elqui's rural security table unless told otherwise)
    const ask = async (fields: Record<string, string> = {}) =>
      agent
        .post('/mesas/solicitudes')
        .type('form')
        .send({
          _csrf: await csrf('/mesas'),
          requestKind: 'security',
          requestName: 'Mesa provincial de seguridad rural de Elqui',
          requestScope: 'province:041',
          requestReason: 'Abigeato en Vicuña y Paihuano',
          ...fields,
        });
    const refused = await ask({ requestName: '', requestScope: 'region:13', requestReason: 'Robos en la ruta' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Escriba el nombre propuesto para la mesa.');
    expect(refused.text).toContain('Elija en la lista la provincia o la región de la mesa.');
    expect(refused.text).toContain('Robos en la ruta</textarea>');
    expect(await ctx.count('outbox_message')).toBe(outbox);
    // with no active administrator the request would reach nobody: refused with the reason, nothing queued
    const admins = (
      await ctx.query<{ id: string }>(
        `SELECT u.id FROM app_user u JOIN role_assignment r ON r.user_id = u.id
          WHERE r.role = 'admin' AND u.disabled_at IS NULL`,
      )
    ).map((a) => a.id);
    await ctx.query(`UPDATE app_user SET disabled_at = now() WHERE id = ANY($1)`, [admins]);
    const nobody = await ask();
    expect(nobody.status).toBe(422);
    expect(nobody.text).toContain('Este portal no tiene todavía una cuenta de administración que reciba la solicitud.');
    expect(nobody.text).toContain('Abigeato en Vicuña y Paihuano</textarea>');
    expect(await ctx.count('outbox_message')).toBe(outbox);
    await ctx.query(`UPDATE app_user SET disabled_at = NULL WHERE id = ANY($1)`, [admins]);
    expect((await ask()).status).toBe(303);
    expect((await agent.get('/mesas')).text).toContain('Su solicitud quedó enviada a la administración');
    peer.messages.splice(0);
    await worker().runOnce();
    const mails = await peer.waitFor(1);
    const toAdmin = mails.find(
      (m) => m.subject === 'Solicitud de mesa provincial: Mesa provincial de seguridad rural de Elqui',
    );
    expect(toAdmin).toBeDefined();
    expect(JSON.stringify(toAdmin!.to)).toContain('admin.region@example.cl');
    expect(toAdmin!.text).toContain(
      `Carolina Rojas (${officer.email}), de la municipalidad de La Serena, pide crear una mesa provincial en Elqui`,
    );
    expect(toAdmin!.text).toContain('Abigeato en Vicuña y Paihuano');
    // the administration does not ask
    token = await admin.csrf('/mesas');
    expect(
      (
        await admin.agent
          .post('/mesas/solicitudes')
          .type('form')
          .send({ _csrf: token, requestKind: 'security', requestName: 'X', requestScope: 'region:04' })
      ).status,
    ).toBe(403);
  });
});
