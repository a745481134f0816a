import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTestApp, TestContext } from '../support/test-app';
import { newLaSerenaTable } from '../support/table-fixtures';
import { unescapeHtml } from '../support/page-text';
import { whileRefusing } from '../support/refusing-table';
import { bearer } from '../support/api-problem';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

/** A form body as a browser posts it: rows as `commitments[0][description]=…` (the names the pages' inputs have). */
function form(values: Record<string, string | Record<string, string>[]>): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') body.append(key, value);
    else value.forEach((row, i) => Object.entries(row).forEach(([k, v]) => body.append(`${key}[${i}][${k}]`, v)));
  }
  return body.toString();
}

/** The session's acta form as the coordinator's browser posts it: `values` beside the form token. */
const postActa = (
  agent: Awaited<ReturnType<TestContext['signIn']>>['agent'],
  sessionPath: string,
  token: string,
  values: Record<string, string | Record<string, string>[]>,
) =>
  agent
    .post(`${sessionPath}/acta`)
    .type('form')
    .send(form({ _csrf: token, ...values }));

/** La Serena's security table that each suite works on, created through the API by `token`: its id. */
const newSecurityTable = (ctx: TestContext, token: string) => newLaSerenaTable(ctx, token, 'Mesa técnica de seguridad');

/** The tables' pages as a coordinator uses them (issue 9): sessions, attendance, the acta, the board, progress with evidence, share links; the council's warning and plans (DOM-TBL-2). */
describe('table pages', () => {
  let ctx: TestContext;
  let evidenceDir: string;
  let tableId: string;
  let councilId: string;
  const inst: Record<string, string> = {};
  const part: Record<string, string> = {};
  let coordinator: { id: string; email: string; password: string };

  beforeAll(async () => {
    evidenceDir = mkdtempSync(path.join(tmpdir(), 'quorum-evidence-pages-'));
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000', EVIDENCE_DIR: evidenceDir } });
    const officer = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    tableId = await newSecurityTable(ctx, officer);
    for (const [key, body] of [
      [
        'carabineros',
        { institutionName: 'Carabineros, 1.ª Comisaría', institutionKind: 'police', name: 'Comisario Fuentes' },
      ],
      ['pdi', { institutionName: 'PDI La Serena', institutionKind: 'investigations_police', name: 'Inspector Tapia' }],
    ] as const) {
      const res = (
        await ctx.http.post(`/api/v1/tables/${tableId}/participants`).set(bearer(officer)).send(body).expect(201)
      ).body;
      inst[key] = res.institutionId;
      part[key] = res.id;
    }
    await ctx.http.post(`/api/v1/tables/${tableId}/axes`).set(bearer(officer)).send({ name: 'Control' }).expect(201);
    councilId = await newLaSerenaTable(ctx, officer, 'Consejo comunal de seguridad pública', {
      securityCouncil: true,
    });
    coordinator = await ctx.newUser({ name: 'Coordinadora', roles: [['table_coordinator', tableId]] });
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('a coordinator holds a session: a refused form keeps the input; attendance in person and online; the acta with institution-owned commitments; approval', async () => {
    const { agent, csrf } = await ctx.signIn(coordinator);
    let token = await csrf(`/mesas/${tableId}`);
    const refused = await agent
      .post(`/mesas/${tableId}/sesiones`)
      .type('form')
      .send({ _csrf: token, localStart: 'mañana', place: 'Sala de reuniones' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('El campo «Fecha y hora» debe ser la fecha y hora local'); // the label (issue 20 item 6)
    expect(refused.text).toContain('value="Sala de reuniones"');
    expect(await ctx.count('meeting')).toBe(0);
    const created = await agent
      .post(`/mesas/${tableId}/sesiones`)
      .type('form')
      .send({
        _csrf: token,
        localStart: '2026-03-10T10:00',
        place: 'Sala de reuniones',
        onlineUrl: 'https://meet.example.cl/x',
      })
      .expect(303);
    const sessionPath = created.headers.location as string;
    expect(sessionPath).toMatch(new RegExp(`^/mesas/${tableId}/sesiones/[0-9a-f-]{36}$`));

    token = await csrf(sessionPath);
    await agent
      .post(`${sessionPath}/asistencia`)
      .type('form')
      .send(
        form({
          _csrf: token,
          attendance: [
            { participantId: part.carabineros, status: 'present', mode: 'in_person' },
            { participantId: part.pdi, status: 'present', mode: 'online' },
          ],
        }),
      )
      .expect(303);
    const page = await agent.get(sessionPath).expect(200);
    expect(page.text).toMatch(/<option value="online" selected>En línea<\/option>/);

    // an acta with a commitment without a due date is refused, every row kept
    token = await csrf(sessionPath);
    const owner = `institution:${inst.carabineros}`;
    const bad = await postActa(agent, sessionPath, token, {
      version: '0',
      agreements: [{ text: 'Pedir rondas' }],
      commitments: [{ description: 'Rondas en O’Higgins', owner, dueOn: '' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('El campo «Compromiso 1 · Plazo» es obligatorio');
    expect(bad.text).toContain('value="Rondas en O’Higgins"');
    expect(bad.text).toContain('value="Pedir rondas"');
    expect(await ctx.count('commitment')).toBe(0);
    await postActa(agent, sessionPath, token, {
      version: '0',
      agreements: [{ text: 'Pedir rondas' }],
      commitments: [
        { description: 'Rondas en O’Higgins', owner, dueOn: '2026-03-12' },
        { description: '', owner: '', dueOn: '' },
      ],
    }).expect(303);
    expect(
      await ctx.query(`SELECT description, owner_kind, to_char(due_on, 'YYYY-MM-DD') AS due FROM commitment`),
    ).toEqual([{ description: 'Rondas en O’Higgins', owner_kind: 'institution', due: '2026-03-12' }]);
    const draft = await agent.get(sessionPath).expect(200);
    expect(draft.text).toContain('Acta (borrador: recibe su número al aprobarla)'); // issue 20 item 3: no number yet
    expect(draft.text).not.toContain('Acta N°');
    expect(draft.text).toContain('id="acta-approve"');
    token = await csrf(sessionPath);
    await agent.post(`${sessionPath}/aprobar`).type('form').send({ _csrf: token, version: '1' }).expect(303);
    const approved = await agent.get(sessionPath).expect(200);
    expect(approved.text).toContain('Acta N° 1');
    expect(approved.text).toContain('Aprobada por Coordinadora');
    const pdf = await agent.get(`${sessionPath}/acta.pdf`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('the board highlights overdue commitments and draws the fulfilment chart; progress with evidence from the page; share link shown once and revoked', async () => {
    const { agent, csrf } = await ctx.signIn(coordinator);
    const board = await agent.get(`/mesas/${tableId}/compromisos`).expect(200);
    expect(board.text).toMatch(/<tr id="c-[0-9a-f-]{36}" data-status="open" class="table-danger" data-overdue="true">/);
    expect(board.text).toContain('id="fulfilment-chart"');
    expect(board.text).toMatch(new RegExp(`data-institution="${inst.carabineros}" data-rate="0"`));
    const [{ id }] = await ctx.query<{ id: string }>(`SELECT id FROM commitment`);

    // multipart, with the form's token in the body; an empty note is refused and the file is not kept
    let token = await csrf(`/mesas/${tableId}/compromisos/${id}`);
    const refused = await agent
      .post(`/mesas/${tableId}/compromisos/${id}/avance`)
      .field('_csrf', token)
      .field('status', 'done')
      .field('note', '')
      .attach('evidence', PDF, 'acta-rondas.pdf');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('El campo «Nota» es obligatorio');
    expect(refused.text).toMatch(/<option value="done" selected>/);
    expect(await ctx.count('commitment_evidence')).toBe(0);
    // issue 21 item 4: the database out of room: the form again (507) with the evidence field's message, nothing kept
    await whileRefusing(ctx, { table: 'stored_file', errcode: 'disk_full' }, async () => {
      token = await csrf(`/mesas/${tableId}/compromisos/${id}`);
      const full = await agent
        .post(`/mesas/${tableId}/compromisos/${id}/avance`)
        .field('_csrf', token)
        .field('status', 'done')
        .field('note', 'Rondas diarias instaladas')
        .attach('evidence', PDF, 'acta-rondas.pdf');
      expect(full.status).toBe(507);
      expect(full.text).toContain(
        'No se pudo guardar el archivo de respaldo: el almacenamiento del portal está lleno.',
      );
      expect(full.text).toContain('Rondas diarias instaladas'); // the note typed is still there
    });
    expect([await ctx.count('commitment_update'), await ctx.count('commitment_evidence')]).toEqual([0, 0]);
    expect(await ctx.count('stored_file')).toBe(0);
    token = await csrf(`/mesas/${tableId}/compromisos/${id}`);
    await agent
      .post(`/mesas/${tableId}/compromisos/${id}/avance`)
      .field('_csrf', token)
      .field('status', 'done')
      .field('note', 'Rondas diarias instaladas')
      .attach('evidence', PDF, 'acta-rondas.pdf')
      .expect(303);
    const detail = await agent.get(`/mesas/${tableId}/compromisos/${id}`).expect(200);
    expect(detail.text).toContain('Rondas diarias instaladas');
    const link = /href="(\/mesas\/[^"]+\/evidencias\/[0-9a-f-]{36})"/.exec(detail.text)![1];
    const file = await agent.get(link).expect(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="acta-rondas.pdf"/);
    const after = await agent.get(`/mesas/${tableId}/compromisos`).expect(200);
    expect(after.text).toMatch(new RegExp(`data-institution="${inst.carabineros}" data-rate="100"`));
    expect(after.text).not.toContain('data-overdue="true"');

    token = await csrf(`/mesas/${tableId}/compromisos`);
    const shared = await agent
      .post(`/mesas/${tableId}/enlaces`)
      .type('form')
      .send({ _csrf: token, label: 'Carabineros' })
      .expect(201);
    const url =
      /id="new-share-url" value="([^"]+)"/.exec(shared.text) ??
      /value="([^"]+)" aria-label="Enlace de solo lectura"/.exec(shared.text);
    const sharedPath = new URL(url![1]).pathname;
    const anonymous = await ctx.http.get(sharedPath).expect(200);
    expect(anonymous.text).toContain('Rondas en O’Higgins');
    expect((await agent.get(`/mesas/${tableId}/compromisos`)).text).not.toContain(sharedPath);
    const [{ id: shareId }] = await ctx.query<{ id: string }>(`SELECT id FROM table_share_link`);
    token = await csrf(`/mesas/${tableId}/compromisos`);
    await agent.post(`/mesas/${tableId}/enlaces/${shareId}/revocar`).type('form').send({ _csrf: token }).expect(303);
    expect((await ctx.http.get(sharedPath)).status).toBe(404);
  });

  it("a session or evidence of another table under this table's address is a 404 and writes nothing; a saved commitment cleared in the editor is removed", async () => {
    const officerUser = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    const { agent, csrf } = await ctx.signIn(officerUser);
    const [{ id: session }] = await ctx.query<{ id: string }>(`SELECT id FROM meeting WHERE table_id = $1`, [tableId]);
    // the officer manages both tables, yet the council's address does not reach the technical table's session
    let token = await csrf(`/mesas/${councilId}`);
    const before = await ctx.count('agenda_item');
    expect(
      (
        await agent
          .post(`/mesas/${councilId}/sesiones/${session}/tabla`)
          .type('form')
          .send({ _csrf: token, title: 'Punto colado' })
      ).status,
    ).toBe(404);
    expect(await ctx.count('agenda_item')).toBe(before);
    const [{ id: evidence }] = await ctx.query<{ id: string }>(`SELECT id FROM commitment_evidence`);
    expect((await agent.get(`/mesas/${councilId}/evidencias/${evidence}`)).status).toBe(404);
    // a new session whose draft has a commitment; clearing its row removes it
    token = await csrf(`/mesas/${tableId}`);
    const created = await agent
      .post(`/mesas/${tableId}/sesiones`)
      .type('form')
      .send({ _csrf: token, localStart: '2026-03-16T10:00', place: 'Sala' })
      .expect(303);
    const sessionPath = created.headers.location as string;
    token = await csrf(sessionPath);
    await postActa(agent, sessionPath, token, {
      version: '0',
      commitments: [{ description: 'Borrador de compromiso', owner: `institution:${inst.pdi}`, dueOn: '2026-04-01' }],
    }).expect(303);
    const [{ id: draft }] = await ctx.query<{ id: string }>(
      `SELECT id FROM commitment WHERE description = 'Borrador de compromiso'`,
    );
    token = await csrf(sessionPath);
    await postActa(agent, sessionPath, token, {
      version: '1',
      commitments: [{ id: draft, description: '', owner: '', dueOn: '' }],
    }).expect(303);
    expect(await ctx.query(`SELECT id FROM commitment WHERE id = $1`, [draft])).toEqual([]);
  });

  it("DOM-TBL-2: a council that has not met in a month is warned; its commitments are the communal plan's measures, counted per commune", async () => {
    const admin = await ctx.newUser({ roles: [['admin', null]] });
    const { agent } = await ctx.signIn(admin);
    // registered today (2026-03-17): not yet a month
    expect((await agent.get(`/mesas/${councilId}`).expect(200)).text).not.toContain('id="council-warning"');
    ctx.clock.set('2026-04-20T15:00:00Z');
    const warned = await agent.get(`/mesas/${councilId}`).expect(200);
    expect(warned.text).toContain('El consejo no ha sesionado desde que se registró (17-03-2026)');
    const token = await ctx.apiToken(admin);
    const p = (
      await ctx.http
        .post(`/api/v1/tables/${councilId}/participants`)
        .set(bearer(token))
        .send({ institutionId: inst.carabineros, name: 'Comisario', councilSeat: 'police' })
        .expect(201)
    ).body;
    const session = (
      await ctx.http
        .post(`/api/v1/tables/${councilId}/meetings`)
        .set(bearer(token))
        .send({ localStart: '2026-04-15T09:00', place: 'Municipalidad' })
        .expect(201)
    ).body.id;
    await ctx.http
      .put(`/api/v1/meetings/${session}/minutes`)
      .set(bearer(token))
      .send({
        commitments: [1, 2, 3].map((n) => ({
          description: `Medida ${n}`,
          ownerParticipantId: p.id,
          dueOn: '2026-06-30',
        })),
      })
      .expect(200);
    const [{ id }] = await ctx.query<{ id: string }>(`SELECT id FROM commitment WHERE description = 'Medida 1'`);
    await ctx.http
      .post(`/api/v1/commitments/${id}/updates`)
      .set(bearer(token))
      .send({ status: 'done', note: 'Implementada' })
      .expect(201);
    expect((await agent.get(`/mesas/${councilId}`).expect(200)).text).not.toContain('id="council-warning"');
    const council = (await ctx.http.get(`/api/v1/tables/${councilId}`).set(bearer(token)).expect(200)).body.council;
    expect(council).toMatchObject({ lastSession: '15-04-2026', monthWithoutSession: false });
    ctx.clock.set('2026-05-16T15:00:00Z');
    expect((await agent.get(`/mesas/${councilId}`).expect(200)).text).toContain(
      'El consejo no sesiona desde el 15-04-2026',
    );
    const plans = (await ctx.http.get('/api/v1/security-plans').set(bearer(token)).expect(200)).body.items;
    expect(plans).toEqual([
      expect.objectContaining({
        communeCode: '04101',
        communeName: 'La Serena',
        tableId: councilId,
        measures: 3,
        implemented: 1,
        inProgress: 0,
        overdue: 0,
      }),
    ]);
    expect((await agent.get('/seguridad/planes-comunales').expect(200)).text).toMatch(
      /<td class="text-end" data-label="Medidas">3<\/td><td class="text-end" data-label="Implementadas">1<\/td>/,
    );
  });
});

/**
 * The tables' page forms validate with the API's DTOs (issue 22 item 7 / issue 16 item 7): a name the API refuses
 * is refused by the page with the same Spanish message naming the field, the form keeps the input, nothing written.
 */
describe('table page forms refuse what the API refuses', () => {
  let ctx: TestContext;
  let officerToken: string;
  let officer: Awaited<ReturnType<TestContext['signIn']>>;
  let tableId: string;
  let institutionId: string;

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    const user = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    officerToken = await ctx.apiToken(user);
    officer = await ctx.signIn(user);
    tableId = await newSecurityTable(ctx, officerToken);
    institutionId = (
      await ctx.http
        .post(`/api/v1/tables/${tableId}/participants`)
        .set(bearer(officerToken))
        .send({ institutionName: 'Carabineros de Chile', institutionKind: 'police', name: 'Comisario Fuentes' })
        .expect(201)
    ).body.institutionId;
  });
  afterAll(() => ctx.close());

  const counts = async () => ({
    mesa: await ctx.count('mesa'),
    institution: await ctx.count('institution'),
    participant: await ctx.count('table_participant'),
    axis: await ctx.count('table_axis'),
  });
  /** The API's message for `field` of a refused body (the page must show the same one). */
  const apiMessage = (
    res: { status: number; body: { errors?: { field: string; message: string }[] } },
    field: string,
  ) => {
    expect(res.status).toBe(400);
    const error = res.body.errors?.find((e) => e.field === field);
    expect(error).toBeDefined();
    return error!.message;
  };
  /** The API names the field (`El campo name ...`); the page names it by its label (issue 20 item 6). */
  const onPage = (message: string, label: string) => message.replace(/^El campo \w+ /, `El campo «${label}» `);
  const post = async (path: string, csrfFrom: string, fields: [string, string][]) => {
    const body = new URLSearchParams([['_csrf', await officer.csrf(csrfFrom)], ...fields]);
    return officer.agent.post(path).type('form').send(body.toString());
  };

  /**
   * The API refused `field` of its body with a message in `wording`, and the page's form (posted by `submit`) refuses
   * the same input with the same message under the field's label (its element `id`): the page's HTML, unescaped.
   */
  const refusedAlike = async (
    api: Parameters<typeof apiMessage>[0],
    field: string,
    wording: RegExp,
    id: string,
    label: string,
    submit: () => ReturnType<typeof post>,
  ) => {
    const message = apiMessage(api, field);
    expect(message).toMatch(new RegExp(`^El campo ${field} `));
    expect(message).toMatch(wording);
    const res = await submit();
    expect(res.status).toBe(400);
    const html = unescapeHtml(res.text);
    expect(html).toContain(`<div id="${id}-error" class="invalid-feedback d-block">${onPage(message, label)}</div>`);
    return html;
  };

  it.each([
    ['a formula-looking name', '=HYPERLINK("x")', /parece una fórmula de planilla/],
    ['an emoji', 'Ana 👍 Soto', /👍/],
    ['a right-to-left override (U+202E)', 'Ana \u202EzeréP', /invierten el sentido del texto \(U\+202E\)/],
  ])(
    'issue 22 item 7 / issue 16 item 7: %s as a representative, an institution, an axis or a table is refused by the page forms as by the API, the input kept and nothing written',
    async (_case, bad, wording) => {
      const before = await counts();
      const page = `/mesas/${tableId}`;

      // a representative's name (a person's name)
      const apiParticipant = await ctx.http
        .post(`/api/v1/tables/${tableId}/participants`)
        .set(bearer(officerToken))
        .send({ institutionId, name: bad });
      let html = await refusedAlike(apiParticipant, 'name', wording, 'name', 'Nombre', () =>
        post(`${page}/participantes`, page, [
          ['institutionId', institutionId],
          ['name', bad],
          ['role', 'Sargento'],
        ]),
      );
      expect(html).toContain(`value="${bad}"`);
      expect(html).toContain('value="Sargento"');
      expect(html).toMatch(/<details class="card card-body" open>\s*<summary class="h6">Agregar un participante/);

      // an institution's name (a new institution with its representative)
      const apiInstitution = await ctx.http
        .post(`/api/v1/tables/${tableId}/participants`)
        .set(bearer(officerToken))
        .send({ institutionName: bad, institutionKind: 'investigations_police', name: 'Inspector Tapia' });
      html = await refusedAlike(
        apiInstitution,
        'institutionName',
        wording,
        'institutionName',
        'O una institución nueva: nombre',
        () =>
          post(`${page}/participantes`, page, [
            ['institutionName', bad],
            ['institutionKind', 'investigations_police'],
            ['name', 'Inspector Tapia'],
          ]),
      );
      expect(html).toContain(`value="${bad}"`);
      expect(html).toContain('value="Inspector Tapia"');

      // an axis's name
      const apiAxis = await ctx.http
        .post(`/api/v1/tables/${tableId}/axes`)
        .set(bearer(officerToken))
        .send({ name: bad });
      html = await refusedAlike(apiAxis, 'name', wording, 'axisName', 'Nombre', () =>
        post(`${page}/ejes`, page, [['name', bad]]),
      );
      expect(html).toContain(`id="axisName" name="name" value="${bad}"`);

      // a table's name
      const apiTable = await ctx.http
        .post('/api/v1/tables')
        .set(bearer(officerToken))
        .send({ kind: 'security', name: bad, scopeLevel: 'commune', scopeCode: '04101' });
      html = await refusedAlike(apiTable, 'name', wording, 'name', 'Nombre', () =>
        post('/mesas', '/mesas', [
          ['kind', 'security'],
          ['name', bad],
          ['scopeCode', '04101'],
          ['description', 'Seguimiento del centro'],
        ]),
      );
      expect(html).toContain(`value="${bad}"`);
      expect(html).toContain('Seguimiento del centro</textarea>');

      expect(await counts()).toEqual(before);
    },
  );

  it('issue 22 item 7 / issue 16 item 7: the same forms with valid names still save (a ticked council box, one axis member)', async () => {
    const before = await counts();
    const page = `/mesas/${tableId}`;
    let res = await post(`${page}/participantes`, page, [
      ['institutionId', institutionId],
      ['name', 'Sargento Ana O’Higgins-Rojas'],
      ['email', 'ana.rojas@carabineros.cl'],
      ['phone', '+56 9 1234 5678'],
    ]);
    expect([res.status, res.headers.location]).toEqual([303, `${page}#participants`]);
    const [{ id: participant }] = await ctx.query<{ id: string }>(
      `SELECT id FROM table_participant WHERE name = 'Sargento Ana O’Higgins-Rojas'`,
    );
    res = await post(`${page}/ejes`, page, [
      ['name', 'Patrullajes'],
      ['participantIds', participant],
    ]);
    expect([res.status, res.headers.location]).toEqual([303, `${page}#axes`]);
    res = await post('/mesas', '/mesas', [
      ['kind', 'security'],
      ['name', 'Consejo comunal de seguridad pública'],
      ['scopeCode', '04101'],
      ['securityCouncil', 'on'],
    ]);
    expect(res.status).toBe(303);
    expect(await counts()).toEqual({
      ...before,
      mesa: before.mesa + 1,
      participant: before.participant + 1,
      axis: before.axis + 1,
    });
    expect(await ctx.query(`SELECT count(*)::int AS n FROM table_axis_member`)).toEqual([{ n: 1 }]);
    expect(
      await ctx.query(`SELECT security_council FROM mesa WHERE name = 'Consejo comunal de seguridad pública'`),
    ).toEqual([{ security_council: true }]);
  });
});
