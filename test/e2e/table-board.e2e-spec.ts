import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { binaryBody, pdfText } from '../support/pdf-text';
import { countQueries } from '../support/query-counter';
import { EvidenceImport } from '../../src/tables/evidence-import';
import { createTestApp, TestContext } from '../support/test-app';
import { newLaSerenaTable } from '../support/table-fixtures';
import { whileRefusing } from '../support/refusing-table';
import { bearer, problem } from '../support/api-problem';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** Every file under a directory (evidence is kept in two-character subfolders). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.join(d.parentPath, d.name));
  } catch {
    return [];
  }
}

/**
 * Table sessions and the commitments board (issue 9; DOM-TBL-1, -2, -3, DOM-MTG-4, -8, -9): attendance per
 * representative, actas approved by the coordinator, institution-owned commitments, filters, fulfilment,
 * exports, progress with evidence (and every refusal writing nothing), scope, share links.
 */
describe('tables: sessions, actas and the commitments board', () => {
  let ctx: TestContext;
  let evidenceDir: string;
  let officer: string;
  let tableId: string;
  let otherTableId: string;
  const p: Record<string, string> = {};
  const inst: Record<string, string> = {};
  const axes: Record<string, string> = {};
  let coordinator: { id: string; email: string; password: string };
  let coordinatorToken: string;
  let carabinerosUser: { id: string; email: string; password: string };
  let carabinerosToken: string;
  let pdiToken: string;
  let outsiderToken: string;
  let firstSession: string;

  beforeAll(async () => {
    evidenceDir = mkdtempSync(path.join(tmpdir(), 'quorum-evidence-test-'));
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000', EVIDENCE_DIR: evidenceDir, EVIDENCE_MAX_MB: '1' } });
    officer = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    tableId = await newLaSerenaTable(ctx, officer, 'Mesa técnica de seguridad del centro histórico');
    otherTableId = await newLaSerenaTable(ctx, officer, 'Mesa de comercio ambulante', { kind: 'other' });
    for (const [key, body] of [
      [
        'carabineros',
        {
          institutionName: 'Carabineros, 1.ª Comisaría La Serena',
          institutionKind: 'police',
          name: 'Mayor Rodrigo Fuentes',
          email: 'r.fuentes@carabineros.example.cl',
        },
      ],
      [
        'pdi',
        {
          institutionName: 'PDI La Serena',
          institutionKind: 'investigations_police',
          name: 'Inspector Luis Tapia',
          email: 'l.tapia@pdi.example.cl',
        },
      ],
      [
        'muni',
        {
          institutionName: 'Municipalidad de La Serena',
          institutionKind: 'municipality',
          name: 'Directora de Seguridad',
          email: 'seguridad@laserena.example.cl',
        },
      ],
      [
        'camara',
        {
          institutionName: 'Cámara de Comercio de La Serena',
          institutionKind: 'civil_society',
          name: 'Presidenta de la Cámara',
        },
      ],
    ] as const) {
      const res = (
        await ctx.http.post(`/api/v1/tables/${tableId}/participants`).set(bearer(officer)).send(body).expect(201)
      ).body;
      p[key] = res.id;
      inst[key] = res.institutionId;
    }
    for (const name of ['Prevención situacional', 'Control y fiscalización'])
      axes[name] = (
        await ctx.http.post(`/api/v1/tables/${tableId}/axes`).set(bearer(officer)).send({ name }).expect(201)
      ).body.id;
    coordinator = await ctx.newUser({ roles: [['table_coordinator', tableId]], name: 'Coordinadora de la Mesa' });
    coordinatorToken = await ctx.apiToken(coordinator);
    // a representative who logs in: their e-mail is Carabineros' at this table
    carabinerosUser = await ctx.newUser({
      email: 'r.fuentes@carabineros.example.cl',
      name: 'Mayor Rodrigo Fuentes',
      roles: [['table_participant', tableId]],
    });
    carabinerosToken = await ctx.apiToken(carabinerosUser);
    pdiToken = await ctx.apiToken(
      await ctx.newUser({ email: 'l.tapia@pdi.example.cl', roles: [['table_participant', tableId]] }),
    );
    outsiderToken = await ctx.apiToken(await ctx.newUser({ roles: [['table_participant', otherTableId]] }));
  });
  /** PDI's report on robberies: the commitment the evidence tests upload to. */
  const informeId = async () =>
    (await ctx.query<{ id: string }>(`SELECT id FROM commitment WHERE description LIKE 'Informe%'`))[0].id;
  /** What an evidence upload writes: the updates, the evidence rows and the stored files. */
  const evidenceCounts = async () => ({
    updates: await ctx.count('commitment_update'),
    evidence: await ctx.count('commitment_evidence'),
    files: await ctx.count('stored_file'),
  });
  /** The same and the commitment's status, progress and version, which an accepted update changes. */
  const evidenceState = async (id: string) => ({
    ...(await evidenceCounts()),
    commitment: (await ctx.query(`SELECT status, progress, version FROM commitment WHERE id = $1`, [id]))[0],
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('DOM-MTG-5: a session with representatives in person and online; no quorum; attendance is per representative', async () => {
    // held on 2026-03-03 (the test clock is 2026-03-17)
    const session = (
      await ctx.http
        .post(`/api/v1/tables/${tableId}/meetings`)
        .set(bearer(coordinatorToken))
        .send({
          localStart: '2026-03-03T10:00',
          place: 'Sala de la Dirección de Seguridad',
          onlineUrl: 'https://meet.example.cl/mesa',
        })
        .expect(201)
    ).body;
    firstSession = session.id;
    expect(session).toMatchObject({
      kind: 'table_session',
      status: 'held',
      localStart: '2026-03-03T10:00',
      timeZone: 'America/Santiago',
    });
    const marked = await ctx.http
      .put(`/api/v1/meetings/${firstSession}/attendance`)
      .set(bearer(coordinatorToken))
      .send([
        { participantId: p.carabineros, status: 'present', mode: 'in_person' },
        { participantId: p.pdi, status: 'present', mode: 'online' },
        { participantId: p.muni, status: 'present' },
        { participantId: p.camara, status: 'excused' },
      ])
      .expect(200);
    expect(marked.body.quorum).toBeNull();
    const got = (await ctx.http.get(`/api/v1/meetings/${firstSession}`).set(bearer(carabinerosToken)).expect(200)).body;
    expect(got.quorum).toBeNull();
    expect(
      got.attendance.map((a: { name: string; status: string; mode: string }) => [a.name, a.status, a.mode]),
    ).toEqual([
      ['Presidenta de la Cámara', 'excused', 'in_person'],
      ['Mayor Rodrigo Fuentes', 'present', 'in_person'],
      ['Directora de Seguridad', 'present', 'in_person'],
      ['Inspector Luis Tapia', 'present', 'online'],
    ]);
    // a member id, a representative of another table: 400 naming the field, nothing changes
    const marks = () =>
      ctx.query(`SELECT participant_id, status, mode FROM attendance WHERE meeting_id = $1 ORDER BY participant_id`, [
        firstSession,
      ]);
    const before = await marks();
    const wrong = await ctx.http
      .put(`/api/v1/meetings/${firstSession}/attendance`)
      .set(bearer(coordinatorToken))
      .send([
        { memberId: p.pdi, status: 'absent' },
        { participantId: '00000000-0000-4000-8000-000000000000', status: 'present' },
      ]);
    expect([wrong.status, problem(wrong).errors!.map((e) => e.field)]).toEqual([
      400,
      ['[0].memberId', '[1].participantId'],
    ]);
    // a participant reads the session but does not take attendance
    expect(
      (
        await ctx.http
          .put(`/api/v1/meetings/${firstSession}/attendance`)
          .set(bearer(carabinerosToken))
          .send([{ participantId: p.pdi, status: 'absent' }])
      ).status,
    ).toBe(403);
    expect(await marks()).toEqual(before);
    expect((await ctx.http.get(`/api/v1/meetings/${firstSession}`).set(bearer(outsiderToken))).status).toBe(404);
  });

  it('DOM-MTG-8: the acta records commitments owned by an institution or a representative, with an axis; owners outside the table are refused and nothing is written', async () => {
    const before = await ctx.count('commitment');
    const bad = await ctx.http
      .put(`/api/v1/meetings/${firstSession}/minutes`)
      .set(bearer(coordinatorToken))
      .send({
        commitments: [
          { description: 'Ronda', ownerInstitutionId: '00000000-0000-4000-8000-000000000000', dueOn: '2026-03-31' },
          { description: 'Sin responsable', dueOn: '2026-03-31' },
          {
            description: 'Eje ajeno',
            ownerParticipantId: p.pdi,
            axisId: '00000000-0000-4000-8000-000000000000',
            dueOn: '2026-03-31',
          },
        ],
      });
    expect([bad.status, problem(bad).errors!.map((e) => e.field)]).toEqual([
      400,
      ['commitments[0].ownerInstitutionId', 'commitments[1].ownerInstitutionId', 'commitments[2].axisId'],
    ]);
    expect(await ctx.count('commitment')).toBe(before);

    const saved = await ctx.http
      .put(`/api/v1/meetings/${firstSession}/minutes`)
      .set(bearer(coordinatorToken))
      .send({
        version: 0,
        items: [
          {
            title: 'Diagnóstico del centro histórico',
            notes: 'Se revisan los hechos de febrero en O’Higgins y Eduardo de la Barra.',
          },
        ],
        agreements: [{ text: 'Solicitar mayor presencia policial en O’Higgins y Eduardo de la Barra' }],
        commitments: [
          {
            description: 'Aumentar la presencia policial en O’Higgins y Eduardo de la Barra',
            ownerInstitutionId: inst.carabineros,
            axisId: axes['Control y fiscalización'],
            dueOn: '2026-03-10',
          },
          {
            description: 'Informe de denuncias de robo en el centro',
            ownerParticipantId: p.pdi,
            axisId: axes['Control y fiscalización'],
            dueOn: '2026-04-30',
          },
          {
            description: 'Reparar las luminarias de la calle Prat',
            ownerInstitutionId: inst.muni,
            axisId: axes['Prevención situacional'],
            dueOn: '2026-03-15',
          },
        ],
      })
      .expect(200);
    expect(saved.body).toMatchObject({ status: 'draft', version: 1, number: 1 });
    expect(
      saved.body.commitments.map(
        (c: { owner: { kind: string; name: string; institutionName: string }; axis: { name: string } }) => [
          c.owner.kind,
          c.owner.name,
          c.owner.institutionName,
          c.axis.name,
        ],
      ),
    ).toEqual([
      [
        'institution',
        'Carabineros, 1.ª Comisaría La Serena',
        'Carabineros, 1.ª Comisaría La Serena',
        'Control y fiscalización',
      ],
      ['participant', 'Inspector Luis Tapia', 'PDI La Serena', 'Control y fiscalización'],
      ['institution', 'Municipalidad de La Serena', 'Municipalidad de La Serena', 'Prevención situacional'],
    ]);
    // a stale version: 409
    expect(
      (
        await ctx.http
          .put(`/api/v1/meetings/${firstSession}/minutes`)
          .set(bearer(coordinatorToken))
          .send({ version: 0, items: [] })
      ).status,
    ).toBe(409);
  });

  it('DOM-MTG-9: the coordinator approves the acta (not a participant); its PDF states the attendance in person and online, the consensus and the commitments; then it is locked', async () => {
    expect(
      (await ctx.http.post(`/api/v1/meetings/${firstSession}/minutes/approve`).set(bearer(carabinerosToken)).send({}))
        .status,
    ).toBe(403);
    const approved = (
      await ctx.http
        .post(`/api/v1/meetings/${firstSession}/minutes/approve`)
        .set(bearer(coordinatorToken))
        .send({ version: 1 })
        .expect(200)
    ).body;
    expect(approved).toMatchObject({ number: 1, approvedBy: 'Coordinadora de la Mesa', previousHash: null });
    expect(approved.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const pdf = await ctx.http
      .get(`/api/v1/meetings/${firstSession}/minutes.pdf`)
      .set(bearer(carabinerosToken))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = (await pdfText(pdf.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Acta N° 1: Sesión de la mesa');
    expect(text).toContain('Sesión de mesa: sin quórum exigido.');
    // issue 20 item 6: a table meets in sessions, its acta says so (the body's word, through the acta engine)
    expect(text).toContain('Próxima sesión');
    expect(text).not.toContain('Próxima reunión');
    expect(text).toContain('Inspector Luis Tapia (PDI La Serena) Presente En línea');
    expect(text).toContain('Mayor Rodrigo Fuentes (Carabineros, 1.ª Comisaría La Serena) Presente Presencial');
    expect(text).toContain(
      'Acuerdo N° 1: Solicitar mayor presencia policial en O’Higgins y Eduardo de la Barra. Adoptado por consenso.',
    );
    expect(text).toContain('Aumentar la presencia policial en O’Higgins y Eduardo de la Barra');
    expect(text).toContain('Coordinación de la mesa');
    expect(text).not.toContain('Citación');
    const verified = (await ctx.http.get(`/api/v1/verify/${approved.verificationCode}`).expect(200)).body;
    expect(verified).toMatchObject({ status: 'valid' });
    // issue 20 item 6: the code is printed one way everywhere (ABCD-EFGH-…), on the approval, in the PDF and when the
    // session's acta is read again
    const printed = /^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){6}$/;
    expect(approved.verificationCode).toMatch(printed);
    expect(text).toContain(`Código de verificación: ${approved.verificationCode}`);
    const reread = (await ctx.http.get(`/api/v1/meetings/${firstSession}/minutes`).set(bearer(carabinerosToken)))
      .body as { verificationCode?: string };
    expect(reread.verificationCode).toBe(approved.verificationCode);
    // locked: the acta and the attendance it states
    expect(
      (await ctx.http.put(`/api/v1/meetings/${firstSession}/minutes`).set(bearer(coordinatorToken)).send({ items: [] }))
        .status,
    ).toBe(422);
    const attendance = await ctx.http
      .put(`/api/v1/meetings/${firstSession}/attendance`)
      .set(bearer(coordinatorToken))
      .send([{ participantId: p.pdi, status: 'absent' }]);
    expect([attendance.status, problem(attendance).code]).toEqual([422, 'MINUTES_LOCKED']);
  });

  it("DOM-MTG-4: the next session's agenda carries the table's open commitments; its acta is N° 2, chained to the first", async () => {
    const next = (
      await ctx.http
        .post(`/api/v1/tables/${tableId}/meetings`)
        .set(bearer(coordinatorToken))
        .send({ localStart: '2026-03-16T10:00', place: 'Sala de la Dirección de Seguridad' })
        .expect(201)
    ).body;
    const got = (await ctx.http.get(`/api/v1/meetings/${next.id}`).set(bearer(coordinatorToken)).expect(200)).body;
    expect(got.agenda.map((a: { source: string; title: string }) => [a.source, a.title])).toEqual([
      ['previous_minutes', 'Lectura y aprobación del acta de la sesión del 03-03-2026'],
      ['carried_commitment', 'Aumentar la presencia policial en O’Higgins y Eduardo de la Barra'],
      ['carried_commitment', 'Reparar las luminarias de la calle Prat'],
      ['carried_commitment', 'Informe de denuncias de robo en el centro'],
    ]);
    await ctx.http
      .put(`/api/v1/meetings/${next.id}/minutes`)
      .set(bearer(coordinatorToken))
      .send({
        items: [],
        agreements: [],
        commitments: [
          {
            description: 'Campaña de autocuidado para el comercio',
            ownerInstitutionId: inst.camara,
            dueOn: '2026-05-31',
          },
        ],
      })
      .expect(200);
    const second = (
      await ctx.http
        .post(`/api/v1/meetings/${next.id}/minutes/approve`)
        .set(bearer(coordinatorToken))
        .send({})
        .expect(200)
    ).body;
    const [first] = await ctx.query<{ content_hash: string }>(
      `SELECT content_hash FROM minutes WHERE meeting_id = $1`,
      [firstSession],
    );
    expect(second).toMatchObject({ number: 2, previousHash: first.content_hash });
    const sessions = (
      await ctx.http.get(`/api/v1/tables/${tableId}/meetings`).set(bearer(carabinerosToken)).expect(200)
    ).body;
    expect(
      sessions.past.map((s: { localStart: string; minutesNumber: number }) => [s.localStart, s.minutesNumber]),
    ).toEqual([
      ['2026-03-16T10:00', 2],
      ['2026-03-03T10:00', 1],
    ]);
  });

  it('DOM-TBL-3: the board filters by institution, axis, status and overdue, and gives each institution its fulfilment rate', async () => {
    // the municipality reports the lights repaired
    await ctx.http
      .post(
        `/api/v1/commitments/${(await ctx.query<{ id: string }>(`SELECT id FROM commitment WHERE description LIKE 'Reparar%'`))[0].id}/updates`,
      )
      .set(bearer(coordinatorToken))
      .send({ status: 'done', note: 'Luminarias repuestas el 14 de marzo.' })
      .expect(201);
    const board = (
      await ctx.http.get(`/api/v1/tables/${tableId}/commitments`).set(bearer(carabinerosToken)).expect(200)
    ).body;
    expect(board.total).toBe(4);
    expect(board.today).toBe('2026-03-17');
    const byDescription = Object.fromEntries(
      board.items.map((i: { description: string; overdue: boolean; status: string }) => [
        i.description,
        [i.status, i.overdue],
      ]),
    );
    expect(byDescription).toEqual({
      'Aumentar la presencia policial en O’Higgins y Eduardo de la Barra': ['open', true],
      'Informe de denuncias de robo en el centro': ['open', false],
      'Campaña de autocuidado para el comercio': ['open', false],
      'Reparar las luminarias de la calle Prat': ['done', false],
    });
    expect(
      board.fulfilment.map((f: { name: string; total: number; overdue: number; done: number; rate: number | null }) => [
        f.name,
        f.total,
        f.overdue,
        f.done,
        f.rate,
      ]),
    ).toEqual([
      ['Cámara de Comercio de La Serena', 1, 0, 0, 0],
      ['Carabineros, 1.ª Comisaría La Serena', 1, 1, 0, 0],
      ['Municipalidad de La Serena', 1, 0, 1, 100],
      ['PDI La Serena', 1, 0, 0, 0],
    ]);
    const descriptions = async (query: string) =>
      (
        (await ctx.http.get(`/api/v1/tables/${tableId}/commitments?${query}`).set(bearer(coordinatorToken)).expect(200))
          .body.items as { description: string }[]
      ).map((i) => i.description);
    expect(await descriptions('overdue=true')).toEqual([
      'Aumentar la presencia policial en O’Higgins y Eduardo de la Barra',
    ]);
    expect(await descriptions(`institutionId=${inst.pdi}`)).toEqual(['Informe de denuncias de robo en el centro']);
    expect(await descriptions(`axisId=${axes['Prevención situacional']}`)).toEqual([
      'Reparar las luminarias de la calle Prat',
    ]);
    expect(await descriptions('status=done')).toEqual(['Reparar las luminarias de la calle Prat']);
    // the same board through /api/v1/commitments?tableId=
    const viaCommitments = (
      await ctx.http
        .get(`/api/v1/commitments?tableId=${tableId}&overdue=true`)
        .set(bearer(coordinatorToken))
        .expect(200)
    ).body;
    expect(viaCommitments.total).toBe(1);
    const bad = await ctx.http
      .get(`/api/v1/tables/${tableId}/commitments?status=late&axisId=x`)
      .set(bearer(coordinatorToken));
    expect([bad.status, problem(bad).errors!.map((e) => e.field)]).toEqual([400, ['axisId', 'status']]);
  });

  it('DOM-TBL-3: CSV and XLSX exports carry the filtered board, formula-looking text protected', async () => {
    const csv = await ctx.http
      .get(`/api/v1/tables/${tableId}/commitments.csv?overdue=true`)
      .set(bearer(coordinatorToken))
      .expect(200);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="compromisos-\d{4}-\d{2}-\d{2}-mesa-tecnica-de-seguridad-del-centro-historico.csv"/,
    );
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      'Compromiso,Responsable,Institución,Eje,Plazo,Estado,Vencido,Avance (%),Sesión,Avances registrados',
      'Aumentar la presencia policial en O’Higgins y Eduardo de la Barra,"Carabineros, 1.ª Comisaría La Serena","Carabineros, 1.ª Comisaría La Serena",Control y fiscalización,2026-03-10,Pendiente,Sí,0,2026-03-03,0',
    ]);
    // issue 20 item 6: every date of an export in one format (the due date's and the session's alike)
    const xlsx = await ctx.http
      .get(`/api/v1/tables/${tableId}/commitments.xlsx`)
      .set(bearer(carabinerosToken))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('Compromisos')!;
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(1).getCell(1).value).toBe('Compromiso');
    expect((sheet.getRow(5).values as unknown[]).slice(1, 9)).toEqual([
      'Reparar las luminarias de la calle Prat',
      'Municipalidad de La Serena',
      'Municipalidad de La Serena',
      'Prevención situacional',
      '2026-03-15',
      'Cumplido',
      'No',
      100,
    ]);
    expect((await ctx.http.get(`/api/v1/tables/${tableId}/commitments.csv`).set(bearer(outsiderToken))).status).toBe(
      404,
    );
  });

  it("DOM-MTG-8: a representative records progress of their institution's commitment with a PDF; it is kept outside the web root and served as an attachment only in scope", async () => {
    const [{ id }] = await ctx.query<{ id: string }>(`SELECT id FROM commitment WHERE description LIKE 'Aumentar%'`);
    // PDI does not report for Carabineros
    expect(
      (await ctx.http.post(`/api/v1/commitments/${id}/updates`).set(bearer(pdiToken)).send({ note: 'x' })).status,
    ).toBe(403);
    const res = await ctx.http
      .post(`/api/v1/commitments/${id}/updates`)
      .set(bearer(carabinerosToken))
      .field('note', 'Dos rondas diarias desde el 12 de marzo.')
      .field('status', 'in_progress')
      .field('progress', '50')
      .attach('evidence', PDF, { filename: 'informe-rondas.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'in_progress',
      progress: 50,
      overdue: true,
      update: { note: 'Dos rondas diarias desde el 12 de marzo.', evidence: { fileName: 'informe-rondas.pdf' } },
    });
    // issue 21 item 5: the bytes are in the database (every instance sees them) under a generated key that is not
    // the name given; nothing is written under EVIDENCE_DIR
    expect(filesUnder(evidenceDir)).toEqual([]);
    const stored = await ctx.query<{ key: string; size: number; content: Buffer; name: string }>(
      `SELECT f."key", f.size_bytes AS size, f.content, e.file_name AS name FROM stored_file f JOIN commitment_evidence e ON e.storage_key = f."key"::text`,
    );
    expect(stored).toHaveLength(1);
    expect([stored[0].name, stored[0].size, stored[0].content.equals(PDF)]).toEqual([
      'informe-rondas.pdf',
      PDF.length,
      true,
    ]);
    expect(stored[0].key).not.toContain('informe');
    const evidenceId = res.body.update.evidence.id;
    const download = await ctx.http
      .get(`/api/v1/evidence/${evidenceId}`)
      .set(bearer(coordinatorToken))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="informe-rondas.pdf"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect((download.body as Buffer).equals(PDF)).toBe(true);
    // the full history, newest first, with its file
    const detail = (await ctx.http.get(`/api/v1/commitments/${id}`).set(bearer(pdiToken)).expect(200)).body;
    expect(detail.history).toEqual([
      expect.objectContaining({
        by: 'Mayor Rodrigo Fuentes',
        status: 'in_progress',
        progress: 50,
        evidence: [
          expect.objectContaining({ id: evidenceId, fileName: 'informe-rondas.pdf', contentType: 'application/pdf' }),
        ],
      }),
    ]);
    // a participant of another table: 404 on the board, the commitment and the evidence (existence not revealed)
    expect((await ctx.http.get(`/api/v1/tables/${tableId}/commitments`).set(bearer(outsiderToken))).status).toBe(404);
    expect((await ctx.http.get(`/api/v1/commitments/${id}`).set(bearer(outsiderToken))).status).toBe(404);
    expect((await ctx.http.get(`/api/v1/evidence/${evidenceId}`).set(bearer(outsiderToken))).status).toBe(404);
    expect((await ctx.http.get(`/api/v1/evidence/${evidenceId}`)).status).toBe(401);
    expect(
      (await ctx.http.post(`/api/v1/commitments/${id}/updates`).set(bearer(outsiderToken)).send({ note: 'x' })).status,
    ).toBe(404);
  });

  it('evidence one byte over the limit, empty, HTML renamed .pdf, a PNG named .pdf and path-like names are refused naming the field, and nothing is stored', async () => {
    const id = await informeId();
    const state = () => evidenceState(id);
    const before = await state();
    const limit = 1_048_576;
    const cases: [Buffer, string, number, string][] = [
      [Buffer.concat([PDF, Buffer.alloc(limit + 1 - PDF.length, 0x20)]), 'informe.pdf', 413, 'FILE_TOO_LARGE'],
      [Buffer.alloc(0), 'vacio.pdf', 422, 'FILE_EMPTY'],
      [Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'informe.pdf', 415, 'FILE_TYPE_INVALID'],
      [PNG, 'foto.pdf', 415, 'FILE_TYPE_INVALID'],
      [PDF, '../../etc/informe.pdf', 422, 'FILE_NAME_INVALID'],
      [PDF, 'carpeta\\informe.pdf', 422, 'FILE_NAME_INVALID'],
    ];
    for (const [content, filename, status, code] of cases) {
      const res = await ctx.http
        .post(`/api/v1/commitments/${id}/updates`)
        .set(bearer(pdiToken))
        .field('note', 'Avance con respaldo')
        .attach('evidence', content, { filepath: filename, contentType: 'application/pdf' } as unknown as {
          filename: string;
        }); // form-data's filepath: sent as typed, not reduced to its base name (missing from supertest's types)
      expect([filename, res.status, problem(res).code, problem(res).errors?.[0]?.field]).toEqual([
        filename,
        status,
        code,
        'evidence',
      ]);
    }
    // exactly at the limit is accepted
    const atLimit = Buffer.concat([PDF, Buffer.alloc(limit - PDF.length, 0x20)]);
    await ctx.http
      .post(`/api/v1/commitments/${id}/updates`)
      .set(bearer(pdiToken))
      .field('note', 'Informe completo')
      .attach('evidence', atLimit, { filename: 'informe.pdf', contentType: 'application/pdf' })
      .expect(201);
    const after = await state();
    expect(after.updates).toBe(before.updates + 1);
    expect(after.evidence).toBe(before.evidence + 1);
    expect(after.files).toBe(before.files + 1);
  });

  it('issue 22 item 6: an evidence file name with a right-to-left override (‮gnp.pdf reads as fdp.png) or an invisible character is refused naming the field, and nothing is stored', async () => {
    const id = await informeId();
    const state = evidenceCounts;
    const before = await state();
    for (const [filename, shown] of [
      ['\u202Egnp.pdf', 'U+202E'],
      ['informe\u2067final.pdf', 'U+2067'],
      ['informe\u200B.pdf', 'U+200B'],
      ['informe\uFEFF.pdf', 'U+FEFF'],
    ]) {
      const res = await ctx.http
        .post(`/api/v1/commitments/${id}/updates`)
        .set(bearer(pdiToken))
        .field('note', 'Avance con respaldo')
        .attach('evidence', PDF, { filename, contentType: 'application/pdf' });
      expect([shown, res.status, problem(res).code, problem(res).errors?.[0]?.field]).toEqual([
        shown,
        422,
        'FILE_NAME_INVALID',
        'evidence',
      ]);
      expect(problem(res).errors?.[0]?.message).toContain(shown);
    }
    expect(await state()).toEqual(before);
  });

  it('evidence names keep their accents; far over the limit is refused before reading, naming the field and its limit; a participant does not cancel', async () => {
    const id = await informeId();
    const named = await ctx.http
      .post(`/api/v1/commitments/${id}/updates`)
      .set(bearer(pdiToken))
      .field('note', 'Fotografía del operativo')
      .attach('evidence', PNG, { filename: 'operación-año.png', contentType: 'image/png' })
      .expect(201);
    expect(named.body.update.evidence.fileName).toBe('operación-año.png');
    const download = await ctx.http
      .get(`/api/v1/evidence/${named.body.update.evidence.id}`)
      .set(bearer(pdiToken))
      .expect(200);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''operaci%C3%B3n-a%C3%B1o.png");
    const before = { updates: await ctx.count('commitment_update'), files: await ctx.count('stored_file') };
    const huge = await ctx.http
      .post(`/api/v1/commitments/${id}/updates`)
      .set(bearer(pdiToken))
      .field('note', 'Video')
      .attach('evidence', Buffer.concat([PDF, Buffer.alloc(6 * 1_048_576, 0x20)]), {
        filename: 'video.pdf',
        contentType: 'application/pdf',
      });
    expect([huge.status, problem(huge).errors?.[0]]).toEqual([
      413,
      { field: 'evidence', message: 'El archivo de respaldo supera el máximo de 1 MB.' },
    ]);
    const cancel = await ctx.http
      .post(`/api/v1/commitments/${id}/updates`)
      .set(bearer(pdiToken))
      .send({ status: 'cancelled', note: 'Ya no corresponde' });
    expect(cancel.status).toBe(403);
    expect({ updates: await ctx.count('commitment_update'), files: await ctx.count('stored_file') }).toEqual(before);
    expect(
      (await ctx.query<{ status: string }>(`SELECT status FROM commitment WHERE id = $1`, [id]))[0].status,
    ).not.toBe('cancelled');
  });

  it('when the row does not commit (a fault injected in the database), its bytes are not kept either: no file without a row', async () => {
    const id = await informeId();
    const state = evidenceCounts;
    const before = await state();
    await whileRefusing(ctx, { table: 'commitment_evidence', errcode: 'check_violation' }, async () => {
      const res = await ctx.http
        .post(`/api/v1/commitments/${id}/updates`)
        .set(bearer(pdiToken))
        .field('note', 'Con respaldo')
        .attach('evidence', PDF, 'respaldo.pdf');
      expect(res.status).toBe(400);
    });
    expect(await state()).toEqual(before);
    expect(filesUnder(evidenceDir)).toEqual([]);
  });

  it('issue 21 item 4: the database refusing the bytes for want of room (disk_full, out_of_memory, program_limit_exceeded) is a 507 naming the evidence field in Spanish, and nothing is kept', async () => {
    const id = await informeId();
    const state = () => evidenceState(id);
    const before = await state();
    for (const errcode of ['disk_full', 'out_of_memory', 'program_limit_exceeded']) {
      // the real database refuses: a trigger on the table the bytes go to raises the condition a full disk raises
      await whileRefusing(ctx, { table: 'stored_file', errcode }, async () => {
        const res = await ctx.http
          .post(`/api/v1/commitments/${id}/updates`)
          .set(bearer(pdiToken))
          .field('note', 'Avance con respaldo')
          .field('status', 'done')
          .field('progress', '100')
          .attach('evidence', PDF, { filename: 'informe-final.pdf', contentType: 'application/pdf' });
        expect([errcode, res.status, problem(res).code, problem(res).errors]).toEqual([
          errcode,
          507,
          'STORAGE_FULL',
          [
            {
              field: 'evidence',
              message:
                'No se pudo guardar el archivo de respaldo: el almacenamiento del portal está lleno. No se registró el avance; intente más tarde y, si el problema sigue, avise a la administración del portal.',
            },
          ],
        ]);
        const english = await ctx.http
          .post(`/api/v1/commitments/${id}/updates?lang=en`)
          .set(bearer(pdiToken))
          .field('note', 'Progress with evidence')
          .attach('evidence', PDF, { filename: 'informe-final.pdf', contentType: 'application/pdf' });
        expect([english.status, problem(english).errors?.[0]?.message]).toEqual([
          507,
          "The evidence file could not be saved: the portal's storage is full. The progress was not recorded; try again later and, if the problem persists, tell the portal's administrators.",
        ]);
      });
    }
    expect(await state()).toEqual(before);
    expect(filesUnder(evidenceDir)).toEqual([]);
    // room again: the same upload goes through
    await ctx.http
      .post(`/api/v1/commitments/${id}/updates`)
      .set(bearer(pdiToken))
      .field('note', 'Avance con respaldo')
      .attach('evidence', PDF, { filename: 'informe-final.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect((await state()).files).toBe(before.files + 1);
  });

  it('issue 21 item 5: evidence:import brings files kept under EVIDENCE_DIR by earlier versions into the database, checked by their SHA-256, and is safe to repeat', async () => {
    const id = await informeId();
    const upload = async (name: string, content: Buffer) =>
      (
        await ctx.http
          .post(`/api/v1/commitments/${id}/updates`)
          .set(bearer(pdiToken))
          .field('note', 'Respaldo de antes')
          .attach('evidence', content, { filename: name, contentType: 'application/pdf' })
          .expect(201)
      ).body.update.evidence.id as string;
    const kept = Buffer.concat([PDF, Buffer.from('% informe de enero\n')]);
    const tampered = Buffer.concat([PDF, Buffer.from('% informe de febrero\n')]);
    const ids = [
      await upload('enero.pdf', kept),
      await upload('febrero.pdf', tampered),
      await upload('marzo.pdf', PDF),
    ];
    const keys = await Promise.all(
      ids.map(
        async (e) =>
          (await ctx.query<{ k: string }>(`SELECT storage_key AS k FROM commitment_evidence WHERE id = $1`, [e]))[0].k,
      ),
    );
    // as an installation before issue 21 left them: the rows, the files on disk, no bytes in the database
    await ctx.query(`DELETE FROM stored_file WHERE "key" = ANY($1::uuid[])`, [keys]);
    const legacy = mkdtempSync(path.join(tmpdir(), 'quorum-evidence-legacy-'));
    try {
      const put = (key: string, content: Buffer) => {
        mkdirSync(path.join(legacy, key.slice(0, 2)), { recursive: true });
        writeFileSync(path.join(legacy, key.slice(0, 2), key), content);
      };
      put(keys[0], kept);
      put(keys[1], Buffer.from('%PDF-1.4 otro contenido'));
      // keys[2]: its file was lost
      const download = (e: string) => ctx.http.get(`/api/v1/evidence/${e}`).set(bearer(pdiToken));
      expect((await download(ids[0])).status).toBe(404); // the bytes are served from the database only
      const importer = ctx.get<EvidenceImport>(EvidenceImport);
      // what an instance starting now warns of in its log: three rows without their bytes
      expect(await importer.notImported()).toBe(3);
      const first = await importer.run(legacy);
      expect(first).toMatchObject({ imported: 1, missing: [keys[2]], mismatched: [keys[1]] });
      expect(await importer.notImported()).toBe(2);
      const got = await download(ids[0]).buffer(true).parse(binaryBody).expect(200);
      expect((got.body as Buffer).equals(kept)).toBe(true);
      expect((await download(ids[1])).status).toBe(404);
      const again = await importer.run(legacy);
      expect(again).toMatchObject({
        imported: 0,
        present: first.present + 1,
        missing: [keys[2]],
        mismatched: [keys[1]],
      });
      // an evidence row that goes (its commitment deleted) takes its bytes with it: no orphan in stored_file
      await ctx.query(`DELETE FROM commitment_evidence WHERE id = $1`, [ids[0]]);
      expect(await ctx.query(`SELECT 1 FROM stored_file WHERE "key" = $1`, [keys[0]])).toEqual([]);
    } finally {
      rmSync(legacy, { recursive: true, force: true });
    }
  });

  it('a page number past any table is a 400 naming the field, never a database error', async () => {
    const res = await ctx.http.get(`/api/v1/tables/${tableId}/commitments?page=1e18`).set(bearer(coordinatorToken));
    expect([res.status, problem(res).errors![0].field]).toEqual([400, 'page']);
  });

  it('the read-only share link shows the board signed out; revoked, it stops working', async () => {
    const share = (
      await ctx.http
        .post(`/api/v1/tables/${tableId}/share-links`)
        .set(bearer(coordinatorToken))
        .send({ label: 'Representantes sin cuenta' })
        .expect(201)
    ).body;
    expect(share.url).toMatch(/\/mesas\/compartida\/[A-Za-z0-9_-]{43}$/);
    const sharedPath = new URL(share.url).pathname;
    const page = await ctx.http.get(sharedPath).expect(200);
    expect(page.text).toContain('Aumentar la presencia policial en O’Higgins y Eduardo de la Barra');
    expect(page.text).toContain('data-overdue="true"');
    expect(page.text).not.toContain('/evidencias/');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    // only the hash is stored
    const [row] = await ctx.query<{ token_hash: string }>(`SELECT token_hash FROM table_share_link WHERE id = $1`, [
      share.id,
    ]);
    expect(row.token_hash).not.toBe(sharedPath.split('/').pop());
    expect((await ctx.http.get(`/api/v1/tables/${tableId}/share-links`).set(bearer(carabinerosToken))).status).toBe(
      403,
    );
    expect(
      (await ctx.http.post(`/api/v1/tables/${tableId}/share-links`).set(bearer(carabinerosToken)).send({})).status,
    ).toBe(403);
    expect(
      (await ctx.http.delete(`/api/v1/tables/${otherTableId}/share-links/${share.id}`).set(bearer(officer))).status,
    ).toBe(404);
    // refused: no new link, and this one still works
    expect(
      await ctx.query(`SELECT count(*)::int AS n, count(revoked_at)::int AS revoked FROM table_share_link`),
    ).toEqual([{ n: 1, revoked: 0 }]);
    await ctx.http.get(sharedPath).expect(200);
    await ctx.http
      .delete(`/api/v1/tables/${tableId}/share-links/${share.id}`)
      .set(bearer(coordinatorToken))
      .expect(200);
    const gone = await ctx.http.get(sharedPath);
    expect(gone.status).toBe(404);
    expect(gone.text).not.toContain('Aumentar la presencia');
    expect((await ctx.http.get('/mesas/compartida/inventado-inventado-inventado-inventado')).status).toBe(404);
  });

  it("DOM-TBL-3: the board is one page of 50 in the same number of queries whatever the table's size", async () => {
    const bigTable = await newLaSerenaTable(ctx, officer, 'Mesa grande');
    const owner = (
      await ctx.http
        .post(`/api/v1/tables/${bigTable}/participants`)
        .set(bearer(officer))
        .send({ institutionId: inst.carabineros, name: 'Sargento' })
        .expect(201)
    ).body;
    const session = (
      await ctx.http
        .post(`/api/v1/tables/${bigTable}/meetings`)
        .set(bearer(officer))
        .send({ localStart: '2026-03-02T10:00', place: 'Sala' })
        .expect(201)
    ).body.id;
    const add = async (n: number) => {
      await ctx.query(
        `INSERT INTO commitment (table_id, origin_meeting_id, description, owner_kind, owner_institution_id, due_on, status, position, version)
         SELECT $1, $2, 'Compromiso ' || g, 'institution', $3, DATE '2026-03-01' + (g % 60), (ARRAY['open','in_progress','done','cancelled'])[1 + g % 4], g, 1 FROM generate_series(1, $4) g`,
        [bigTable, session, owner.institutionId, n],
      );
    };
    await add(10);
    const small = await countQueries(() =>
      ctx.http.get(`/api/v1/tables/${bigTable}/commitments?overdue=true`).set(bearer(officer)).expect(200),
    );
    await add(600);
    const large = await countQueries(() =>
      ctx.http.get(`/api/v1/tables/${bigTable}/commitments?overdue=true`).set(bearer(officer)).expect(200),
    );
    expect(large.result.body.items).toHaveLength(50);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(12);
    // read again unchanged: the same board from the cache, without the board's statement
    const again = await countQueries(() =>
      ctx.http.get(`/api/v1/tables/${bigTable}/commitments?overdue=true`).set(bearer(officer)).expect(200),
    );
    expect(again.result.body).toEqual(large.result.body);
    expect(again.count).toBe(large.count - 1);
    // any writer, even plain SQL, changes what the next reader gets (the table's board_version, by trigger)
    const first = large.result.body.items[0] as { id: string; description: string };
    await ctx.query(`UPDATE commitment SET status = 'done', description = 'Cumplido por SQL' WHERE id = $1`, [
      first.id,
    ]);
    const after = (
      await ctx.http.get(`/api/v1/tables/${bigTable}/commitments?overdue=true`).set(bearer(officer)).expect(200)
    ).body;
    expect(after.total).toBe(large.result.body.total - 1);
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(first.id);
    await ctx.query(`INSERT INTO commitment_update (commitment_id, note) VALUES ($1, 'Avance por SQL')`, [
      after.items[0].id,
    ]);
    const withUpdate = (
      await ctx.http.get(`/api/v1/tables/${bigTable}/commitments?overdue=true`).set(bearer(officer)).expect(200)
    ).body;
    expect(withUpdate.items[0].updates).toBe(after.items[0].updates + 1);
  });
});
