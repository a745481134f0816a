import { DEMO_ASSOCIATION_IDS } from '../../../src/associations/associations.demo';
import { AssociationsService } from '../../../src/associations/associations.service';
import { ConstitutionService } from '../../../src/associations/constitution.service';
import { isValidRut } from '../../../src/common/format/rut';
import { MeetingsService } from '../../../src/meetings/meetings.service';
import { MinutesService } from '../../../src/meetings/minutes.service';
import { MinutesChain } from '../../../src/meetings/minutes-chain.service';
import { DemoLoader } from '../../../src/startup/demo.loader';
import { pdfText } from '../../support/pdf-text';
import { useDemoApp } from '../../support/demo-app';
import { TableBoardService } from '../../../src/tables/table-board.service';
import { CommitmentProgressService } from '../../../src/tables/commitment-progress.service';
import { TableSessionsService } from '../../../src/tables/table-sessions.service';
import { TablesService } from '../../../src/tables/tables.service';
import { DEMO_CARABINEROS_EMAIL } from '../../../src/tables/tables.demo';

/** The registry part of the demo is the stories of DOMAIN.md §1b, usable as they are. */
describe('registry demo data', () => {
  const demo = useDemoApp();
  const { actorOf } = demo;

  it('Barrio Patrimonial La Serena is in force with its 19 merchants of the historic centre, every RUT valid', async () => {
    const actor = await actorOf('dideco@laserena.demo.quorum.cl');
    const barrio = await demo.ctx
      .get<AssociationsService>(AssociationsService)
      .get(actor, DEMO_ASSOCIATION_IDS.barrioPatrimonial, {});
    expect(barrio).toMatchObject({
      name: 'Barrio Patrimonial La Serena',
      kind: 'functional_organization',
      status: 'in_force',
      membersActive: 19,
      foundersMinimum: 15,
      warnings: [],
    });
    const members = await demo.ctx.query<{ document_number: string; business_category: string; full_name: string }>(
      `SELECT p.document_number, m.business_category, p.full_name FROM membership m JOIN person p ON p.id = m.person_id WHERE m.association_id = $1`,
      [DEMO_ASSOCIATION_IDS.barrioPatrimonial],
    );
    expect(members).toHaveLength(19);
    expect(members.every((m) => isValidRut(m.document_number))).toBe(true);
    const categories = new Set(members.map((m) => m.business_category));
    for (const c of ['Pub / bar', 'Restaurante', 'Peluquería']) expect(categories).toContain(c);
  });

  it('its constitutive assembly, held 21 days before "now" with the 19 founders, was certified by La Serena\'s faith minister; Claudia Muñoz Araya presides the provisional board', async () => {
    const view = await demo.ctx
      .get<ConstitutionService>(ConstitutionService)
      .get(await actorOf('dideco@laserena.demo.quorum.cl'), DEMO_ASSOCIATION_IDS.barrioPatrimonial, {});
    const minister = (
      await demo.ctx.query<{ id: string }>(
        `SELECT id FROM app_user WHERE email = 'ministro.fe@laserena.demo.quorum.cl'`,
      )
    )[0];
    expect(view).toMatchObject({
      status: 'in_force',
      faithMinister: { id: minister.id, name: expect.stringContaining('Jorge Araya Cortés') },
      // 2026-11-01 19:30 in La Serena (summer time, UTC-3); the proposed date is the one it was held on
      assemblyAt: new Date('2026-11-01T22:30:00.000Z'),
      proposedAt: new Date('2026-11-01T22:30:00.000Z'),
      place: expect.stringContaining('Cordovez 512'),
      statutesApproved: true,
      certifiedAt: new Date('2026-11-22T15:00:00.000Z'),
    });
    expect(view.founders).toHaveLength(19);
    expect(view.provisionalBoard.map((s) => [s.position, s.rank, s.fullName])).toEqual(
      expect.arrayContaining([
        ['president', null, 'Claudia Andrea Muñoz Araya'],
        ['secretary', null, 'María Soledad Pizarro Alfaro'],
        ['treasurer', null, 'Rodrigo Esteban Castillo Rojas'],
        ['director', null, 'Héctor Manuel Ramírez Barraza'],
        ['substitute', 1, 'Felipe Ignacio Aguirre Contreras'],
      ]),
    );
    expect(view.provisionalBoard).toHaveLength(5);
    // DOM-ORG-5: the provisional board's 60 days from the assembly are current (39 left); DOM-ORG-6: deposited in time
    const [term] = await demo.ctx.query(
      `SELECT kind, to_char(starts_on, 'YYYY-MM-DD') AS starts, to_char(ends_on, 'YYYY-MM-DD') AS ends FROM board_term WHERE association_id = $1`,
      [DEMO_ASSOCIATION_IDS.barrioPatrimonial],
    );
    expect(term).toEqual({ kind: 'provisional', starts: '2026-11-01', ends: '2026-12-31' });
    const [constitution] = await demo.ctx.query(
      `SELECT to_char(deposited_on, 'YYYY-MM-DD') AS deposited FROM constitution WHERE association_id = $1`,
      [DEMO_ASSOCIATION_IDS.barrioPatrimonial],
    );
    expect(constitution).toEqual({ deposited: '2026-11-22' });
  });

  it('the acta constitutiva and the certificate were issued with verification codes that verify publicly', async () => {
    const docs = await demo.ctx.query<{ kind: string; verification_code: string; content: Buffer }>(
      `SELECT kind, verification_code, content FROM document WHERE owner_type = 'association' AND owner_id = $1 ORDER BY kind`,
      [DEMO_ASSOCIATION_IDS.barrioPatrimonial],
    );
    expect(docs.map((d) => d.kind)).toEqual(['constitution_acta', 'constitution_certificate']);
    for (const doc of docs) {
      const res = await demo.ctx.http.get(`/api/v1/verify/${doc.verification_code}`).expect(200);
      expect(res.body).toMatchObject({
        kind: doc.kind,
        status: 'valid',
        subject: expect.stringContaining('Barrio Patrimonial La Serena'),
      });
    }
    const acta = (await pdfText(docs[0].content)).text.replace(/\s+/g, ' ');
    for (const expected of [
      'Acta constitutiva de Barrio Patrimonial La Serena',
      '01-11-2026',
      '19:30',
      'Cordovez 512',
      'Jorge Araya Cortés',
      'Claudia Andrea Muñoz Araya',
      'Andrea Cecilia Saavedra Cortés',
    ]) {
      expect(acta).toContain(expected);
    }
    expect((await pdfText(docs[1].content)).text.replace(/\s+/g, ' ')).toContain(
      'certifica que el 01-11-2026 a las 19:30 horas',
    );
  });

  it('the status history shows every transition with who and why, and loading the demo again changes nothing', async () => {
    const changes = await demo.ctx.query<{
      from_status: string | null;
      to_status: string;
      by_name: string;
      reason: string;
    }>(`SELECT from_status, to_status, by_name, reason FROM association_status_change WHERE association_id = $1`, [
      DEMO_ASSOCIATION_IDS.barrioPatrimonial,
    ]);
    // followed from -> to (the steps after the first share the pinned clock's instant)
    const chain: typeof changes = [];
    for (let from: string | null = null; chain.length < changes.length;) {
      const next = changes.find((c) => c.from_status === from);
      if (!next) break;
      chain.push(next);
      from = next.to_status;
    }
    expect(chain.map((c) => [c.to_status, c.by_name])).toEqual([
      ['in_formation', 'Datos de demostración'],
      ['pending_certification', expect.stringContaining('Claudia Muñoz Araya')],
      ['constituted', expect.stringContaining('Jorge Araya Cortés')],
      ['in_force', expect.stringContaining('Carolina Rojas Tapia')],
    ]);
    expect(chain[1].reason).toContain('01-11-2026 con 19 socios fundadores');
    expect(chain[3].reason).toContain('22-11-2026');

    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of [
        'document',
        'association_status_change',
        'constitution',
        'constitution_founder',
        'board_term',
        'board_seat',
        'audit_log',
        'app_user',
        'membership',
        'meeting',
        'attendance',
        'agenda_item',
        'outbox_message',
        'minutes',
        'agreement',
        'commitment',
        'commitment_update',
        'minutes_distribution',
        'institution',
        'mesa',
        'table_participant',
        'table_axis',
        'table_axis_member',
      ])
        out[table] = await demo.ctx.count(table);
      return out;
    };
    const before = await counts();
    expect(before.document).toBe(12); // the acta constitutiva, the certificate, three approved actas of the association and seven of the tables
    await demo.ctx.get<DemoLoader>(DemoLoader).load();
    expect(await counts()).toEqual(before);
  });

  it('DOM-MTG-1: Barrio Patrimonial meets every two weeks on Tuesdays at 19:30; past meetings have their attendance and quorum; the next one is convened with its agenda', async () => {
    const president = await actorOf('presidencia@barriopatrimonial.demo.quorum.cl');
    const meetings = demo.ctx.get<MeetingsService>(MeetingsService);
    const { upcoming, past } = await meetings.calendar(president, DEMO_ASSOCIATION_IDS.barrioPatrimonial, {});
    expect(past.length).toBe(4); // eight weeks back on 22-11-2026
    expect(
      [...past, ...upcoming].every(
        (m) => m.localStart.endsWith('T19:30') && new Date(`${m.localStart.slice(0, 10)}T12:00:00Z`).getUTCDay() === 2,
      ),
    ).toBe(true);
    const series = await demo.ctx.query<{ rrule: string }>(
      `SELECT rrule FROM meeting_series WHERE association_id = $1`,
      [DEMO_ASSOCIATION_IDS.barrioPatrimonial],
    );
    expect(series).toEqual([{ rrule: 'FREQ=WEEKLY;INTERVAL=2' }]);
    for (const m of past) {
      const held = await meetings.get(president, m.id, {});
      expect(held.attendance).toHaveLength(19);
      expect(held.quorum.required).toBe(10);
      expect(held.attendance.filter((a) => a.status === 'present').length).toBeGreaterThanOrEqual(10);
      expect(held.attendance.some((a) => a.mode === 'online')).toBe(true);
    }
    const next = await meetings.get(president, upcoming[0].id, {});
    expect(next.agenda.map((i) => i.title)).toEqual([
      `Lectura y aprobación del acta de la reunión del ${past[0].localStart.slice(8, 10)}-${past[0].localStart.slice(5, 7)}-${past[0].localStart.slice(0, 4)}`,
      // DOM-MTG-4: the open commitments of the approved actas, carried until done
      'Rondas preventivas en O’Higgins y Eduardo de la Barra de jueves a sábado',
      'Informar a la mesa técnica qué cámaras municipales cubren el sector',
      'Entregar los archivos finales del logo y el diseño de la señalética',
      'Solicitar a la Municipalidad el permiso de cierre de calle Prat para los sábados de enero y febrero',
      'Coordinar la limpieza y los baños químicos con la Dirección de Aseo y Ornato',
      "Seguridad: más presencia policial en O'Higgins y Eduardo de la Barra",
      'Imagen corporativa del barrio patrimonial',
      'Boulevares familiares de verano en el centro histórico',
    ]);
    expect(
      await demo.ctx.query(`SELECT convened_at IS NOT NULL AS convened FROM meeting WHERE id = $1`, [next.id]),
    ).toEqual([{ convened: true }]);
    expect(await demo.ctx.query(`SELECT count(*)::int AS n FROM outbox_message WHERE kind = 'convocation'`)).toEqual([
      { n: 19 },
    ]);
  });

  it('DOM-MTG-7..10: the last three meetings have approved actas (security, corporate image, family boulevards), numbered and chained, approved by the president, two sent; commitments open and done', async () => {
    const president = await actorOf('presidencia@barriopatrimonial.demo.quorum.cl');
    const minutes = demo.ctx.get<MinutesService>(MinutesService);
    const { items } = await minutes.list(president, DEMO_ASSOCIATION_IDS.barrioPatrimonial, {});
    expect(items.map((i) => [i.number, i.status, !!i.verificationCode, !!i.distributedAt])).toEqual([
      [3, 'approved', true, false],
      [2, 'approved', true, true],
      [1, 'approved', true, true],
    ]);
    expect(await demo.ctx.get<MinutesChain>(MinutesChain).verifyChain(DEMO_ASSOCIATION_IDS.barrioPatrimonial)).toEqual({
      ok: true,
      checked: 3,
      problems: [],
    });
    const first = await minutes.read(president, items[2].meetingId, {});
    expect(first.agreements[0].text).toContain('más presencia policial en las calles O’Higgins y Eduardo de la Barra');
    expect(first.agreements.every((a) => a.outcome === 'approved')).toBe(true);
    expect([first.approvedBy, first.approverPosition]).toEqual([
      'Claudia Muñoz Araya (Barrio Patrimonial La Serena)',
      'president',
    ]);
    expect(first.commitments.map((c) => [c.owner.kind, c.status])).toEqual([
      ['member', 'done'],
      ['institution', 'in_progress'],
      ['institution', 'open'],
    ]);
    expect((await minutes.read(president, items[1].meetingId, {})).agreements[0].text).toContain('imagen corporativa');
    expect((await minutes.read(president, items[0].meetingId, {})).agreements[0].text).toContain(
      'boulevares familiares',
    );
    // two actas sent to the 19 members (the demo merchants have e-mail), each once
    expect(await demo.ctx.query(`SELECT count(*)::int AS n FROM outbox_message WHERE kind = 'minutes'`)).toEqual([
      { n: 38 },
    ]);
  });

  it("DOM-TBL-1, -2: the tables of the stories: La Serena's technical security table and its security council, the Antofagasta municipalities' regional table, Melipilla's provincial table with its three axes", async () => {
    const tables = await demo.ctx.query<{
      name: string;
      scope_level: string;
      scope_code: string;
      security_council: boolean;
      participants: number;
      axes: number;
    }>(
      `SELECT t.name, t.scope_level, t.scope_code, t.security_council, (SELECT count(*)::int FROM table_participant p WHERE p.table_id = t.id) AS participants, (SELECT count(*)::int FROM table_axis a WHERE a.table_id = t.id) AS axes FROM mesa t ORDER BY t.name`,
    );
    expect(tables).toEqual([
      {
        name: 'Consejo Comunal de Seguridad Pública de La Serena',
        scope_level: 'commune',
        scope_code: '04101',
        security_council: true,
        participants: 9,
        axes: 0,
      },
      {
        name: 'Mesa Provincial de Fomento Productivo y Turismo de Melipilla',
        scope_level: 'province',
        scope_code: '135',
        security_council: false,
        participants: 6,
        axes: 3,
      },
      {
        name: 'Mesa regional de directores de seguridad municipal (AMRA)',
        scope_level: 'region',
        scope_code: '02',
        security_council: false,
        participants: 9,
        axes: 0,
      },
      {
        name: 'Mesa técnica de seguridad del centro histórico de La Serena',
        scope_level: 'commune',
        scope_code: '04101',
        security_council: false,
        participants: 5,
        axes: 0,
      },
    ]);
    // one institution per name: Carabineros sits at two tables as the same institution
    expect(
      await demo.ctx.query(
        `SELECT count(DISTINCT p.institution_id)::int AS n FROM table_participant p JOIN institution i ON i.id = p.institution_id WHERE i.kind = 'police'`,
      ),
    ).toEqual([{ n: 1 }]);
  });

  it("issue 9 demo: the technical table's sessions and its police-presence commitment; the council's 22 plan measures and its monthly warning; AMRA's training plan with Tocopilla and Ollagüe online; Melipilla's 2025 plan by axis", async () => {
    const sessions = demo.ctx.get<TableSessionsService>(TableSessionsService);
    const board = demo.ctx.get<TableBoardService>(TableBoardService);
    const tableId = async (name: string) =>
      (await demo.ctx.query<{ id: string }>(`SELECT id FROM mesa WHERE name = $1`, [name]))[0].id;
    const coordinator = await actorOf('seguridad.centro@laserena.demo.quorum.cl');
    const technical = await tableId('Mesa técnica de seguridad del centro histórico de La Serena');
    const { past, upcoming } = await sessions.sessionsOf(technical);
    expect([past.length, upcoming.length, past.map((s) => s.minutesStatus)]).toEqual([2, 1, ['draft', 'approved']]);
    const first = await sessions.get(coordinator, past[1].id, {});
    expect(first.minutes).toMatchObject({
      status: 'approved',
      number: 1,
      approvedBy: 'Director de Seguridad Pública de La Serena (coordinación de la mesa técnica)',
    });
    expect(first.attendance.filter((a) => a.mode === 'online').map((a) => a.name)).toEqual([
      'Coordinador regional de prevención del delito',
    ]);
    const police = first.minutes.commitments[0];
    expect([police.description, police.owner.name, police.status, police.progress]).toEqual([
      'Más presencia policial en O’Higgins y Eduardo de la Barra de jueves a sábado, de 19:00 a 02:00',
      'Carabineros de Chile, 1.ª Comisaría de La Serena',
      'in_progress',
      60,
    ]);
    // the Carabineros representative's account reports progress for Carabineros
    const carabineros = await actorOf(DEMO_CARABINEROS_EMAIL);
    expect(
      (await demo.ctx.get<CommitmentProgressService>(CommitmentProgressService).get(carabineros, police.id, {}))
        .canUpdate,
    ).toBe(true);

    const council = await tableId('Consejo Comunal de Seguridad Pública de La Serena');
    const counts = await demo.ctx.query(
      `SELECT status, count(*)::int AS n FROM commitment WHERE table_id = $1 GROUP BY status ORDER BY status`,
      [council],
    );
    expect(counts).toEqual([
      { status: 'cancelled', n: 2 },
      { status: 'done', n: 8 },
      { status: 'in_progress', n: 7 },
      { status: 'open', n: 5 },
    ]);
    expect(await board.councilStatus(await demo.ctx.get<TablesService>(TablesService).entity(council))).toMatchObject({
      overdue: true,
    });
    expect(await board.planMeasures(['04101'])).toEqual([
      expect.objectContaining({ communeName: 'La Serena', measures: 20, implemented: 8, inProgress: 7 }),
    ]);

    const amra = (await sessions.sessionsOf(await tableId('Mesa regional de directores de seguridad municipal (AMRA)')))
      .past[0];
    const admin = await actorOf('admin@demo.quorum.cl');
    const amraSession = await sessions.get(admin, amra.id, {});
    expect(amraSession.place).toBe('Salón municipal de Mejillones');
    expect(
      amraSession.attendance
        .filter((a) => a.mode === 'online')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['Director de Seguridad de Tocopilla', 'Encargado de Seguridad de Ollagüe']);
    expect(amraSession.attendance.filter((a) => a.status === 'present' && a.mode === 'in_person')).toHaveLength(7);
    expect(amraSession.minutes.commitments.map((c) => c.description)).toContain(
      'Módulo de primeros auxilios para inspectores municipales (con el hospital regional)',
    );

    const melipilla = await board.board(
      admin,
      await tableId('Mesa Provincial de Fomento Productivo y Turismo de Melipilla'),
      {},
      {},
    );
    expect(melipilla.items.map((i) => i.axis?.name).filter(Boolean)).toHaveLength(4);
    expect(melipilla.fulfilment.find((f) => f.name === 'Mall Espacio Urbano Melipilla')).toMatchObject({
      done: 1,
      rate: 100,
    });
  });

  it('the demo president is an officer of the association, linked to her own member record', async () => {
    const [row] = await demo.ctx.query<{ person_id: string; role: string; scope_id: string }>(
      `SELECT u.person_id, r.role, r.scope_id FROM app_user u JOIN role_assignment r ON r.user_id = u.id WHERE u.email = 'presidencia@barriopatrimonial.demo.quorum.cl'`,
    );
    expect(row).toMatchObject({ role: 'association_officer', scope_id: DEMO_ASSOCIATION_IDS.barrioPatrimonial });
    expect(
      await demo.ctx.query(
        `SELECT 1 FROM membership WHERE person_id = $1 AND association_id = $2 AND status = 'active'`,
        [row.person_id, DEMO_ASSOCIATION_IDS.barrioPatrimonial],
      ),
    ).toHaveLength(1);
  });

  it('two juntas de vecinos of La Serena, one below the legal minimum with the DOM-ORG-11 warning; a merchant is also a neighbour (one person record)', async () => {
    const admin = await actorOf('admin@demo.quorum.cl');
    const service = demo.ctx.get<AssociationsService>(AssociationsService);
    const { items } = await service.registry(admin, { communeCode: '04101', kind: 'neighbourhood_council' });
    expect(items.map((i) => [i.name, i.membersActive >= i.foundersMinimum, i.warnings.map((w) => w.code)])).toEqual([
      // its board expired on 31-10-2026 (the fund calendar's demo records its terms, issue 18)
      ['Junta de Vecinos Las Compañías Norte', false, ['MEMBERS_BELOW_MINIMUM', 'BOARD_EXPIRED']],
      ['Junta de Vecinos N.º 12 Centro Histórico', true, []],
    ]);
    const shared = await demo.ctx.query(`SELECT person_id FROM membership GROUP BY person_id HAVING count(*) > 1`);
    expect(shared).toHaveLength(1);
  });

  it("El Porvenir keeps a neighbourhood security board, a market and a soup kitchen with their contacts; the board's recognition is about to lapse", async () => {
    const admin = await actorOf('admin@demo.quorum.cl');
    const { items } = await demo.ctx
      .get<AssociationsService>(AssociationsService)
      .registry(admin, { communeCode: 'PE-130102' });
    expect(items.map((i) => i.kind).sort()).toEqual(['market', 'neighbourhood_security_board', 'soup_kitchen']);
    const board = items.find((i) => i.kind === 'neighbourhood_security_board')!;
    // DOM-ORG-14: recognised 2025-01-20 for 2 years; on 2026-11-22 it lapses in 59 days
    expect(board.warnings).toEqual([{ code: 'RECOGNITION_EXPIRING', dueOn: '2027-01-20' }]);
    const contacts = await demo.ctx.query<{ contact_name: string; contact_phone: string }>(
      `SELECT contact_name, contact_phone FROM association WHERE commune_code = 'PE-130102'`,
    );
    expect(contacts.every((c) => c.contact_name && c.contact_phone)).toBe(true);
    const dnis = await demo.ctx.query<{ document_type: string; document_number: string }>(
      `SELECT DISTINCT p.document_type, p.document_number FROM person p JOIN membership m ON m.person_id = p.id JOIN association a ON a.id = m.association_id WHERE a.commune_code = 'PE-130102'`,
    );
    expect(dnis.length).toBeGreaterThan(0);
    expect(dnis.every((d) => d.document_type === 'dni' && /^\d{8}$/.test(d.document_number))).toBe(true);
  });
});
