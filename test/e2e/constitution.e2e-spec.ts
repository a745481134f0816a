import { BoardsService } from '../../src/associations/boards.service';
import { binaryBody, pdfText } from '../support/pdf-text';
import { createTestApp, TestContext } from '../support/test-app';
import { bearer, problem } from '../support/api-problem';

/** The constitution before the faith minister through the API (DOM-ORG-1 to -7). */
describe('constitution (API)', () => {
  let ctx: TestContext;
  let officer: string;
  let officerUser: { email: string; password: string };
  let ministerId: string;
  let minister: string;
  let otherMinister: string;
  let unassignedMinister: string;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    officerUser = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    officer = await ctx.apiToken(officerUser);
    const m = await ctx.newUser({ name: 'Jorge Araya Cortés', roles: [['faith_minister', '04101']] });
    ministerId = m.id;
    minister = await ctx.apiToken(m);
    otherMinister = await ctx.apiToken(await ctx.newUser({ roles: [['faith_minister', '04102']] }));
    unassignedMinister = await ctx.apiToken(await ctx.newUser({ roles: [['faith_minister', '04101']] }));
  });
  afterAll(() => ctx.close());

  /** An association in formation with `n` adult members; returns its id and member ids. */
  const withMembers = async (n: number, name: string) => {
    const a = await ctx.newAssociation({ name });
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push((await ctx.newMember(a.id, { fullName: `Fundador ${String(i + 1).padStart(2, '0')} de ${name}` })).id);
    return { id: a.id, ids };
  };
  const board = (ids: string[]) => [
    { position: 'president', memberId: ids[0], declaredEligible: true },
    { position: 'secretary', memberId: ids[1], declaredEligible: true },
    { position: 'treasurer', memberId: ids[2], declaredEligible: true },
  ];

  it('DOM-ORG-1..7: request, assignment, assembly (14 founders refused with the numbers, 15 accepted), certification with both PDFs verifiable', async () => {
    const { id, ids } = await withMembers(15, 'Barrio Comercial Calle Prat');
    const requested = await ctx.http
      .post(`/api/v1/associations/${id}/constitution/request`)
      .set(bearer(officer))
      .send({ proposedAt: '2026-03-16T19:30', place: 'Prat 560' })
      .expect(200);
    expect(requested.body).toMatchObject({
      status: 'in_formation',
      proposedPlace: 'Prat 560',
      proposedAt: '2026-03-16T22:30:00.000Z',
    });
    const assigned = await ctx.http
      .put(`/api/v1/associations/${id}/constitution/faith-minister`)
      .set(bearer(officer))
      .send({ faithMinisterUserId: ministerId });
    expect([assigned.status, assigned.text.slice(0, 300)]).toEqual([200, expect.any(String)]);

    // DOM-ORG-3: 14 of the 15 present for an urban functional organisation
    const fourteen = await ctx.http
      .post(`/api/v1/associations/${id}/constitution`)
      .set(bearer(officer))
      .send({
        assemblyAt: '2026-03-16T19:30',
        place: 'Prat 560',
        founderMemberIds: ids.slice(0, 14),
        provisionalBoard: board(ids),
      });
    expect([fourteen.status, problem(fourteen).code]).toEqual([422, 'FOUNDERS_BELOW_MINIMUM']);
    expect(problem(fourteen).detail).toContain(
      'Hay 14 socios fundadores presentes; una organización funcional urbana necesita al menos 15.',
    );
    expect(await ctx.query(`SELECT status FROM association WHERE id = $1`, [id])).toEqual([{ status: 'in_formation' }]);

    const held = await ctx.http
      .post(`/api/v1/associations/${id}/constitution`)
      .set(bearer(officer))
      .send({ assemblyAt: '2026-03-16T19:30', place: 'Prat 560', founderMemberIds: ids, provisionalBoard: board(ids) });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({
      status: 'pending_certification',
      faithMinister: { id: ministerId, name: 'Jorge Araya Cortés' },
    });
    expect(held.body.founders).toHaveLength(15);
    expect(held.body.provisionalBoard.map((s: { position: string }) => s.position)).toEqual([
      'president',
      'secretary',
      'treasurer',
    ]);
    // DOM-ORG-5: the provisional board's 60 days start on the assembly date
    expect(
      await ctx.query(
        `SELECT kind, to_char(starts_on, 'YYYY-MM-DD') AS starts, to_char(ends_on, 'YYYY-MM-DD') AS ends FROM board_term WHERE association_id = $1`,
        [id],
      ),
    ).toEqual([{ kind: 'provisional', starts: '2026-03-16', ends: '2026-05-15' }]);

    // DOM-ORG-2: a faith minister of another commune gets 404; one of the commune not assigned, 403
    expect(
      (await ctx.http.post(`/api/v1/associations/${id}/constitution/certify`).set(bearer(otherMinister)).send({}))
        .status,
    ).toBe(404);
    const unassigned = await ctx.http
      .post(`/api/v1/associations/${id}/constitution/certify`)
      .set(bearer(unassignedMinister))
      .send({});
    expect([unassigned.status, problem(unassigned).code]).toEqual([403, 'NOT_ASSIGNED_FAITH_MINISTER']);
    expect(
      (await ctx.http.post(`/api/v1/associations/${id}/constitution/certify`).set(bearer(officer)).send({})).status,
    ).toBe(403);

    // the faith minister's list of assigned assemblies
    const assignments = (await ctx.http.get('/api/v1/faith-minister/assemblies').set(bearer(minister)).expect(200)).body
      .items;
    expect(assignments.find((i: { associationId: string }) => i.associationId === id)).toMatchObject({
      name: 'Barrio Comercial Calle Prat',
      status: 'pending_certification',
      place: 'Prat 560',
      certifiedAt: null,
    });
    expect(
      (
        await ctx.http.get('/api/v1/faith-minister/assemblies').set(bearer(unassignedMinister)).expect(200)
      ).body.items.map((i: { associationId: string }) => i.associationId),
    ).not.toContain(id);
    const certified = await ctx.http
      .post(`/api/v1/associations/${id}/constitution/certify`)
      .set(bearer(minister))
      .send({ notes: 'Sin observaciones.' })
      .expect(200);
    expect(certified.body).toEqual({
      certifiedAt: '2026-03-17T15:00:00.000Z',
      verificationCode: expect.any(String),
      actaVerificationCode: expect.any(String),
    });
    const association = await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer)).expect(200);
    expect(association.body.status).toBe('constituted');
    expect(association.body.statusHistory.map((s: { to: string }) => s.to)).toEqual([
      'in_formation',
      'pending_certification',
      'constituted',
    ]);
    // DOM-DATA-1: a member of the association reads the constitution with the founders' RUTs masked; the officer and the faith minister in full
    const memberToken = await ctx.apiToken(await ctx.newUser({ roles: [['association_member', id]] }));
    const asMember = (
      await ctx.http.get(`/api/v1/associations/${id}/constitution`).set(bearer(memberToken)).expect(200)
    ).body.founders[0].document;
    const asOfficer = (await ctx.http.get(`/api/v1/associations/${id}/constitution`).set(bearer(officer)).expect(200))
      .body.founders[0].document;
    const asMinister = (await ctx.http.get(`/api/v1/associations/${id}/constitution`).set(bearer(minister)).expect(200))
      .body.founders[0].document;
    expect(asOfficer).toMatch(/^\d{1,2}\.\d{3}\.\d{3}-[\dK]$/);
    expect(asMember).toMatch(/^\*{1,2}\.\*{3}\.\d{3}-[\dK]$/);
    expect([asMember.slice(-5), asMinister]).toEqual([asOfficer.slice(-5), asOfficer]);
    const again = await ctx.http.post(`/api/v1/associations/${id}/constitution/certify`).set(bearer(minister)).send({});
    expect(again.status).toBe(422);

    // DOM-ORG-7: the acta names date, time, place, organisation, founders with RUT and signature lines, statutes, board, faith minister
    const acta = await ctx.http
      .get(`/api/v1/associations/${id}/constitution/acta.pdf`)
      .set(bearer(officer))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = (await pdfText(acta.body as Buffer)).text.replace(/\s+/g, ' ');
    for (const expected of [
      'Acta constitutiva de Barrio Comercial Calle Prat',
      '16-03-2026',
      '19:30',
      'Prat 560',
      'Jorge Araya Cortés',
      'Aprobación de los estatutos',
      'Directorio provisorio',
      'Fundador 15',
      'Firma',
    ]) {
      expect(text).toContain(expected);
    }
    const certificate = await ctx.http
      .get(`/api/v1/associations/${id}/constitution/certificate.pdf`)
      .set(bearer(officer))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect((await pdfText(certificate.body as Buffer)).text.replace(/\s+/g, ' ')).toContain(
      'certifica que el 16-03-2026 a las 19:30 horas',
    );
    for (const code of [certified.body.verificationCode, certified.body.actaVerificationCode]) {
      const verified = await ctx.http.get(`/api/v1/verify/${code}`).expect(200);
      expect(verified.body.status).toBe('valid');
    }
  });

  it('DOM-ORG-5: a provisional board without a treasurer, or with a 17-year-old, is refused with the reason; DOM-ORG-4 a too-young founder', async () => {
    const { id, ids } = await withMembers(15, 'Agrupación Cultural Santa Lucía');
    const noTreasurer = await ctx.http
      .post(`/api/v1/associations/${id}/constitution`)
      .set(bearer(officer))
      .send({
        assemblyAt: '2026-03-16T19:30',
        place: 'Sede',
        founderMemberIds: ids,
        provisionalBoard: board(ids).slice(0, 2),
      });
    expect([noTreasurer.status, problem(noTreasurer).code]).toEqual([422, 'BOARD_POST_MISSING']);
    const teen = await ctx.newMember(id, { fullName: 'Tomás Joven', birthDate: '2009-01-01', joinedOn: '2026-03-01' }); // 17
    const young = await ctx.http
      .post(`/api/v1/associations/${id}/constitution`)
      .set(bearer(officer))
      .send({
        assemblyAt: '2026-03-16T19:30',
        place: 'Sede',
        founderMemberIds: [...ids, teen.id],
        provisionalBoard: [
          ...board(ids).slice(0, 2),
          { position: 'treasurer', memberId: teen.id, declaredEligible: true },
        ],
      });
    expect([young.status, problem(young).code]).toEqual([422, 'BOARD_MEMBER_INELIGIBLE']);
    expect(problem(young).detail).toContain('Tomás Joven tiene 17 años');
    expect(await ctx.count('board_term')).toBeGreaterThanOrEqual(0);
    expect(await ctx.query(`SELECT count(*)::int AS n FROM board_term WHERE association_id = $1`, [id])).toEqual([
      { n: 0 },
    ]);
  });

  it('DOM-ORG-2: only a faith minister of the commune can be assigned; DOM-ORG-13: a trade association has no municipal constitution', async () => {
    const { id } = await withMembers(3, 'Agrupación de Prueba de Asignación');
    const otherId = (
      await ctx.query<{ id: string }>(
        `SELECT u.id FROM app_user u JOIN role_assignment r ON r.user_id = u.id WHERE r.role = 'faith_minister' AND r.scope_id = '04102' LIMIT 1`,
      )
    )[0].id;
    const res = await ctx.http
      .put(`/api/v1/associations/${id}/constitution/faith-minister`)
      .set(bearer(officer))
      .send({ faithMinisterUserId: otherId });
    expect([res.status, problem(res).code]).toEqual([422, 'FAITH_MINISTER_NOT_IN_COMMUNE']);
    const ag = await ctx.newAssociation({
      kind: 'trade_association',
      name: 'A.G. de Prueba',
      registryNumber: '1-AG',
      registeredOn: '2026-01-10',
    });
    const refused = await ctx.http
      .post(`/api/v1/associations/${ag.id}/constitution/request`)
      .set(bearer(officer))
      .send({ proposedAt: '2026-04-01T19:00', place: 'Sede' });
    expect([refused.status, problem(refused).code]).toEqual([422, 'CONSTITUTION_NOT_APPLICABLE']);
  });

  /** Records and certifies the assembly of a new association (on 2026-03-16, 15 founders); returns its id. */
  const constituted = async (name: string) => {
    const { id, ids } = await withMembers(15, name);
    await ctx.http
      .put(`/api/v1/associations/${id}/constitution/faith-minister`)
      .set(bearer(officer))
      .send({ faithMinisterUserId: ministerId })
      .expect(200);
    await ctx.http
      .post(`/api/v1/associations/${id}/constitution`)
      .set(bearer(officer))
      .send({ assemblyAt: '2026-03-16T19:30', place: 'Sede', founderMemberIds: ids, provisionalBoard: board(ids) })
      .expect(201);
    await ctx.http.post(`/api/v1/associations/${id}/constitution/certify`).set(bearer(minister)).send({}).expect(200);
    return id;
  };

  describe('DOM-ORG-6: deposit and objection', () => {
    // tokens last 30 days: a new one after each move of the clock
    const moveClock = async (instant: string) => {
      ctx.clock.set(instant);
      officer = await ctx.apiToken(officerUser);
    };
    afterEach(() => moveClock('2026-03-17T15:00:00.000Z'));

    it('DOM-ORG-6: DEPOSIT_DUE from 7 days before the 30-day deadline; a late deposit is refused with the dates; a deposit in time puts the organisation in force with its objection deadline', async () => {
      const id = await constituted('Agrupación de Comerciantes de la Recova');
      const warnings = async () =>
        (await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer)).expect(200)).body.warnings;
      expect(await warnings()).toEqual([]);
      await moveClock('2026-04-08T15:00:00.000Z'); // deadline 15-04: 7 days left
      expect(await warnings()).toEqual([{ code: 'DEPOSIT_DUE', dueOn: '2026-04-15' }]);
      const registry = await ctx.http.get('/api/v1/associations?warning=DEPOSIT_DUE').set(bearer(officer)).expect(200);
      expect(registry.body.items.map((i: { id: string }) => i.id)).toContain(id);
      await moveClock('2026-04-20T15:00:00.000Z');
      const late = await ctx.http
        .post(`/api/v1/associations/${id}/deposit`)
        .set(bearer(officer))
        .send({ depositedOn: '2026-04-16' });
      expect([late.status, late.body.code ?? JSON.parse(late.text).code]).toEqual([422, 'DEPOSIT_WINDOW_CLOSED']);
      expect(JSON.parse(late.text).detail).toContain('a más tardar el 15-04-2026');
      expect(
        await ctx.query(
          `SELECT a.status, k.deposited_on FROM association a JOIN constitution k ON k.association_id = a.id WHERE a.id = $1`,
          [id],
        ),
      ).toEqual([{ status: 'constituted', deposited_on: null }]);
      const ok = await ctx.http
        .post(`/api/v1/associations/${id}/deposit`)
        .set(bearer(officer))
        .send({ depositedOn: '2026-04-15' })
        .expect(200);
      expect(ok.body).toEqual({ status: 'in_force', depositedOn: '2026-04-15', objectionDeadline: '2026-05-15' });
      expect(await warnings()).toEqual([]);
      const publicList = await ctx.http.get('/api/v1/communes/04101/associations').expect(200);
      expect(publicList.body.items.map((i: { id: string }) => i.id)).toContain(id);
    });

    it('DOM-ORG-6: an objection within 30 days of the deposit gives 90 days to correct (OBJECTION_CORRECTION_DUE); later it is refused', async () => {
      const id = await constituted('Agrupación Folclórica Los Molles');
      await ctx.http
        .post(`/api/v1/associations/${id}/deposit`)
        .set(bearer(officer))
        .send({ depositedOn: '2026-03-17' })
        .expect(200);
      await moveClock('2026-04-20T15:00:00.000Z');
      const late = await ctx.http
        .post(`/api/v1/associations/${id}/objection`)
        .set(bearer(officer))
        .send({ objectedOn: '2026-04-17', reasons: 'Estatutos incompletos' });
      expect([late.status, JSON.parse(late.text).code]).toEqual([422, 'OBJECTION_WINDOW_CLOSED']);
      expect(
        await ctx.query(
          `SELECT a.status, k.objected_on FROM association a JOIN constitution k ON k.association_id = a.id WHERE a.id = $1`,
          [id],
        ),
      ).toEqual([{ status: 'in_force', objected_on: null }]);
      const objected = await ctx.http
        .post(`/api/v1/associations/${id}/objection`)
        .set(bearer(officer))
        .send({ objectedOn: '2026-04-16', reasons: 'Los estatutos no fijan el número de directores.' })
        .expect(200);
      expect(objected.body).toEqual({ status: 'objected', objectedOn: '2026-04-16', correctionDeadline: '2026-07-15' });
      const association = await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer)).expect(200);
      expect(association.body.status).toBe('objected');
      expect(association.body.warnings).toEqual(
        expect.arrayContaining([{ code: 'OBJECTION_CORRECTION_DUE', dueOn: '2026-07-15' }]),
      );
      expect(association.body.statusHistory.at(-1)).toMatchObject({
        to: 'objected',
        reason: expect.stringContaining('Los estatutos no fijan'),
      });
    });

    it('DOM-ORG-5, DOM-ORG-9: the provisional board warns in its last 15 days and shows BOARD_EXPIRED after day 60', async () => {
      const id = await constituted('Club de Adulto Mayor Los Pimientos');
      await ctx.http
        .post(`/api/v1/associations/${id}/deposit`)
        .set(bearer(officer))
        .send({ depositedOn: '2026-03-17' })
        .expect(200);
      await moveClock('2026-04-30T15:00:00.000Z'); // term ends 15-05
      expect((await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer))).body.warnings).toEqual([
        { code: 'PROVISIONAL_BOARD_EXPIRING', dueOn: '2026-05-15' },
      ]);
      await moveClock('2026-05-16T15:00:00.000Z');
      expect((await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer))).body.warnings).toEqual([
        { code: 'BOARD_EXPIRED', dueOn: '2026-05-15' },
      ]);
    });
  });

  describe('DOM-ORG-6, -8, -9: correction, boards and the rights that follow the seats', () => {
    const moveClock = async (instant: string) => {
      ctx.clock.set(instant);
      officer = await ctx.apiToken(officerUser);
    };
    afterEach(() => moveClock('2026-03-17T15:00:00.000Z'));
    const inForce = async (name: string) => {
      const id = await constituted(name);
      await ctx.http
        .post(`/api/v1/associations/${id}/deposit`)
        .set(bearer(officer))
        .send({ depositedOn: '2026-03-17' })
        .expect(200);
      return id;
    };
    const memberIds = async (id: string) =>
      (
        await ctx.query<{ id: string }>(
          `SELECT m.id FROM membership m JOIN person p ON p.id = m.person_id WHERE m.association_id = $1 ORDER BY p.name_key`,
          [id],
        )
      ).map((r) => r.id);

    it('DOM-ORG-6: an objection corrected within 90 days puts the organisation back in force; after the 90 days it is refused', async () => {
      const id = await inForce('Agrupación Cultural Coquimbo Antiguo');
      await ctx.http
        .post(`/api/v1/associations/${id}/objection`)
        .set(bearer(officer))
        .send({ objectedOn: '2026-03-17', reasons: 'Falta el domicilio en los estatutos.' })
        .expect(200);
      await moveClock('2026-06-20T15:00:00.000Z'); // 90 days after 17-03 is 15-06
      const late = await ctx.http
        .post(`/api/v1/associations/${id}/objection/correction`)
        .set(bearer(officer))
        .send({ correctedOn: '2026-06-16', notes: 'Estatutos corregidos.' });
      expect([late.status, problem(late).code, problem(late).detail]).toEqual([
        422,
        'CORRECTION_WINDOW_CLOSED',
        expect.stringContaining('venció el 15-06-2026'),
      ]);
      const ok = await ctx.http
        .post(`/api/v1/associations/${id}/objection/correction`)
        .set(bearer(officer))
        .send({ correctedOn: '2026-06-15', notes: 'Estatutos corregidos con el domicilio.' })
        .expect(200);
      expect(ok.body).toEqual({ status: 'in_force', correctedOn: '2026-06-15' });
      const association = (await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer)).expect(200)).body;
      expect(association.statusHistory.map((s: { to: string }) => s.to).slice(-3)).toEqual([
        'in_force',
        'objected',
        'in_force',
      ]);
      expect(association.warnings.map((w: { code: string }) => w.code)).not.toContain('OBJECTION_CORRECTION_DUE');
    });

    it('DOM-ORG-8: a definitive board needs the three posts, adults, the declaration and no more substitutes than titulars; its term is 3 years unless shorter', async () => {
      const id = await inForce('Centro de Padres Escuela Gabriela Mistral');
      const ids = await memberIds(id);
      const seats = (extra: object[] = []) => [...board(ids.slice(3, 6)), ...extra];
      const post = (body: object) =>
        ctx.http.post(`/api/v1/associations/${id}/board-terms`).set(bearer(officer)).send(body);
      const noTreasurer = await post({ kind: 'definitive', startsOn: '2026-03-17', seats: seats().slice(0, 2) });
      expect([noTreasurer.status, problem(noTreasurer).code, problem(noTreasurer).detail]).toEqual([
        422,
        'BOARD_POST_MISSING',
        expect.stringContaining('Falta el cargo de tesorero'),
      ]);
      const undeclared = await post({
        kind: 'definitive',
        startsOn: '2026-03-17',
        seats: seats([{ position: 'director', memberId: ids[6] }]),
      });
      expect([undeclared.status, problem(undeclared).code]).toEqual([422, 'BOARD_MEMBER_INELIGIBLE']);
      const tooMany = await post({
        kind: 'definitive',
        startsOn: '2026-03-17',
        seats: seats(
          [7, 8, 9, 10].map((i, n) => ({
            position: 'substitute',
            memberId: ids[i],
            rank: n + 1,
            declaredEligible: true,
          })),
        ),
      });
      expect([tooMany.status, problem(tooMany).code]).toEqual([422, 'BOARD_TOO_MANY_SUBSTITUTES']);
      const tooLong = await post({ kind: 'definitive', startsOn: '2026-03-17', endsOn: '2029-03-18', seats: seats() });
      expect([tooLong.status, problem(tooLong).code, problem(tooLong).detail]).toEqual([
        422,
        'BOARD_TERM_TOO_LONG',
        expect.stringContaining('a más tardar el 17-03-2029'),
      ]);
      expect(
        await ctx.query(`SELECT count(*)::int AS n FROM board_term WHERE association_id = $1 AND kind = 'definitive'`, [
          id,
        ]),
      ).toEqual([{ n: 0 }]);

      const created = await post({
        kind: 'definitive',
        startsOn: '2026-03-17',
        seats: seats([{ position: 'substitute', memberId: ids[7], rank: 1, declaredEligible: true }]),
      }).expect(201);
      expect(created.body).toMatchObject({
        kind: 'definitive',
        startsOn: '2026-03-17',
        endsOn: '2029-03-17',
        current: true,
      });
      expect(created.body.seats.map((s: { position: string }) => s.position)).toEqual([
        'president',
        'secretary',
        'treasurer',
        'substitute',
      ]);
      const association = (await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer)).expect(200)).body;
      expect(association.boardTerm).toMatchObject({ kind: 'definitive', endsOn: '2029-03-17' });
      const terms = (await ctx.http.get(`/api/v1/associations/${id}/board-terms`).set(bearer(officer)).expect(200)).body
        .items;
      expect(terms.map((t: { kind: string; current: boolean }) => [t.kind, t.current])).toEqual([
        ['definitive', true],
        ['provisional', false],
      ]);
      const before = await post({ kind: 'definitive', startsOn: '2026-03-16', seats: seats() });
      expect([before.status, problem(before).code]).toEqual([422, 'BOARD_TERM_OVERLAP']);
    });

    it('DOM-ORG-8: after the first board, candidates need a year of membership', async () => {
      const id = await inForce('Junta de Adelanto Peñuelas');
      const ids = await memberIds(id);
      await ctx.http
        .post(`/api/v1/associations/${id}/board-terms`)
        .set(bearer(officer))
        .send({ kind: 'definitive', startsOn: '2026-03-17', seats: board(ids) })
        .expect(201);
      const newcomer = await ctx.newMember(id, { fullName: 'Recién Llegada Contreras', joinedOn: '2026-03-10' });
      await moveClock('2027-03-05T15:00:00.000Z');
      const refused = await ctx.http
        .post(`/api/v1/associations/${id}/board-terms`)
        .set(bearer(officer))
        .send({ kind: 'definitive', startsOn: '2027-03-05', seats: board([newcomer.id, ids[1], ids[2]]) });
      expect([refused.status, problem(refused).code, problem(refused).detail]).toEqual([
        422,
        'BOARD_MEMBER_INELIGIBLE',
        expect.stringContaining('Recién Llegada Contreras es socio desde hace menos de un año'),
      ]);
    });

    it('DOM-ORG-9: when the term ends the organisation is board_expired (with the reason in its history); a new board in office puts it back in force', async () => {
      const id = await inForce('Comité de Adelanto Villa El Indio');
      const ids = await memberIds(id);
      const boards = ctx.get<BoardsService>(BoardsService);
      expect(await boards.reconcileStatuses()).toBe(0);
      await moveClock('2026-05-16T15:00:00.000Z'); // provisional term ended 15-05
      expect(await boards.reconcileStatuses()).toBeGreaterThanOrEqual(1);
      let association = (await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer)).expect(200)).body;
      expect(association.status).toBe('board_expired');
      expect(association.statusHistory.at(-1)).toMatchObject({
        to: 'board_expired',
        by: 'Quórum (automático)',
        reason: expect.stringContaining('terminó el 15-05-2026'),
      });
      const publicList = await ctx.http.get('/api/v1/communes/04101/associations').expect(200);
      expect(publicList.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
      await boards.reconcileStatuses(); // a second run changes nothing
      await ctx.http
        .post(`/api/v1/associations/${id}/board-terms`)
        .set(bearer(officer))
        .send({ kind: 'definitive', startsOn: '2026-05-16', seats: board(ids) })
        .expect(201);
      association = (await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer)).expect(200)).body;
      expect(association.status).toBe('in_force');
      expect(association.statusHistory.map((s: { to: string }) => s.to).slice(-3)).toEqual([
        'in_force',
        'board_expired',
        'in_force',
      ]);
      expect(association.warnings).toEqual([]);
    });

    it('API.md: the linked user of the current president, secretary or treasurer has the officer rights, a director does not, and nobody once the term has ended', async () => {
      const id = await inForce('Asociación de Artesanos del Faro');
      const ids = await memberIds(id);
      const personOf = async (memberId: string) =>
        (await ctx.query<{ person_id: string }>(`SELECT person_id FROM membership WHERE id = $1`, [memberId]))[0]
          .person_id;
      const president = await ctx.newUser({ personId: await personOf(ids[0]) });
      const director = await ctx.newUser({ personId: await personOf(ids[3]) });
      await ctx.http
        .post(`/api/v1/associations/${id}/board-terms`)
        .set(bearer(officer))
        .send({
          kind: 'definitive',
          startsOn: '2026-03-17',
          endsOn: '2026-03-20',
          seats: [...board(ids), { position: 'director', memberId: ids[3], declaredEligible: true }],
        })
        .expect(201);
      const presidentToken = await ctx.apiToken(president);
      const me = (await ctx.http.get('/api/v1/me').set(bearer(presidentToken)).expect(200)).body;
      expect(me.roles).toEqual([
        { role: 'association_officer', scopeType: 'association', scopeId: id, source: 'board_seat' },
      ]);
      await ctx.http.get(`/api/v1/associations/${id}/members`).set(bearer(presidentToken)).expect(200);
      expect(
        (await ctx.http.get(`/api/v1/associations/${id}/members`).set(bearer(await ctx.apiToken(director)))).status,
      ).toBe(404);
      ctx.clock.set('2026-03-21T15:00:00.000Z'); // the term ended on 20-03 (the token is still valid)
      expect((await ctx.http.get(`/api/v1/associations/${id}/members`).set(bearer(presidentToken))).status).toBe(404);
    });
  });

  describe('review hardening: strict input, one status change at a time, the acta for those who see RUTs, lapsed deposits', () => {
    const moveClock = async (instant: string) => {
      ctx.clock.set(instant);
      officer = await ctx.apiToken(officerUser);
    };
    afterEach(() => moveClock('2026-03-17T15:00:00.000Z'));

    it('dates and times are strict: an impossible day, a year out of range or a bare "Z" are a 400 naming the field, nothing saved', async () => {
      const { id } = await withMembers(3, 'Club Deportivo La Pampa');
      for (const proposedAt of ['-010000-01-01T00:00:00Z', '2026-02-30T19:00Z', '1 Z', '05-03-2026 19:00']) {
        const res = await ctx.http
          .post(`/api/v1/associations/${id}/constitution/request`)
          .set(bearer(officer))
          .send({ proposedAt, place: 'Sede' });
        expect([proposedAt, res.status, problem(res).errors?.[0]?.field]).toEqual([proposedAt, 400, 'proposedAt']);
      }
      await ctx.http
        .post(`/api/v1/associations/${id}/constitution/request`)
        .set(bearer(officer))
        .send({ proposedAt: '2026-03-20T22:30:00-03:00', place: 'Sede' })
        .expect(200);
    });

    it("DOM-DATA-1: the acta (every founder's RUT) is for the officers, the municipality and the certifying faith minister; the certificate for every reader", async () => {
      const id = await constituted('Agrupación Juvenil Cuatro Esquinas');
      const memberToken = await ctx.apiToken(await ctx.newUser({ roles: [['association_member', id]] }));
      const acta = await ctx.http.get(`/api/v1/associations/${id}/constitution/acta.pdf`).set(bearer(memberToken));
      expect(acta.status).toBe(403);
      expect(
        (await ctx.http.get(`/api/v1/associations/${id}/constitution/acta.pdf`).set(bearer(unassignedMinister))).status,
      ).toBe(403);
      expect(
        (await ctx.http.get(`/api/v1/associations/${id}/constitution/certificate.pdf`).set(bearer(memberToken))).status,
      ).toBe(200);
      expect(
        (await ctx.http.get(`/api/v1/associations/${id}/constitution/acta.pdf`).set(bearer(minister))).status,
      ).toBe(200);
    });

    it('DOM-ORG-1: two deposits at once give one change of status (the other is refused), one history row', async () => {
      const id = await constituted('Comité de Vivienda Los Arrayanes');
      const results = await Promise.all(
        [0, 1].map(() =>
          ctx.http.post(`/api/v1/associations/${id}/deposit`).set(bearer(officer)).send({ depositedOn: '2026-03-17' }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses[0]).toBe(200);
      expect([409, 422]).toContain(statuses[1]);
      expect(
        await ctx.query(
          `SELECT count(*)::int AS n FROM association_status_change WHERE association_id = $1 AND to_status = 'in_force'`,
          [id],
        ),
      ).toEqual([{ n: 1 }]);
    });

    it('DOM-ORG-6: an acta not deposited within 30 days lapses: a new assembly revokes the old documents and goes back to the faith minister', async () => {
      const id = await constituted('Centro Cultural Barrio Inglés');
      const [{ acta_document_id: oldActa }] = await ctx.query<{ acta_document_id: string }>(
        `SELECT acta_document_id FROM constitution WHERE association_id = $1`,
        [id],
      );
      const ids = (
        await ctx.query<{ id: string }>(
          `SELECT m.id FROM membership m JOIN person p ON p.id = m.person_id WHERE m.association_id = $1 ORDER BY p.name_key`,
          [id],
        )
      ).map((r) => r.id);
      const again = {
        assemblyAt: '2026-04-20T19:00',
        place: 'Sede',
        founderMemberIds: ids,
        provisionalBoard: board(ids),
      };
      const early = await ctx.http.post(`/api/v1/associations/${id}/constitution`).set(bearer(officer)).send(again);
      expect([early.status, problem(early).code]).toEqual([422, 'CONSTITUTION_STATUS']);
      await moveClock('2026-04-21T15:00:00.000Z'); // the deadline was 15-04
      expect(
        (await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer))).body.warnings.map(
          (w: { code: string }) => w.code,
        ),
      ).toContain('DEPOSIT_DUE');
      const held = await ctx.http.post(`/api/v1/associations/${id}/constitution`).set(bearer(officer)).send(again);
      expect([held.status, held.body.status, held.body.certifiedAt, held.body.actaDocumentId]).toEqual([
        201,
        'pending_certification',
        null,
        null,
      ]);
      expect(await ctx.query(`SELECT status FROM document WHERE id = $1`, [oldActa])).toEqual([{ status: 'revoked' }]);
    });

    it('DOM-ORG-5, -8: the provisional board is elected once (by the assembly); a board starts within 90 days; DOM-ORG-14: no municipal constitution in Peru', async () => {
      const id = await constituted('Asociación de Feriantes del Llano');
      const ids = (
        await ctx.query<{ id: string }>(
          `SELECT m.id FROM membership m JOIN person p ON p.id = m.person_id WHERE m.association_id = $1 ORDER BY p.name_key`,
          [id],
        )
      ).map((r) => r.id);
      const again = await ctx.http
        .post(`/api/v1/associations/${id}/board-terms`)
        .set(bearer(officer))
        .send({ kind: 'provisional', startsOn: '2026-03-17', seats: board(ids) });
      expect([again.status, problem(again).code]).toEqual([422, 'BOARD_PROVISIONAL_ONCE']);
      const far = await ctx.http
        .post(`/api/v1/associations/${id}/board-terms`)
        .set(bearer(officer))
        .send({ kind: 'definitive', startsOn: '2062-03-17', seats: board(ids) });
      expect([far.status, problem(far).code, problem(far).detail]).toEqual([
        422,
        'BOARD_TERM_START',
        expect.stringContaining('15-06-2026'),
      ]);
      const peru = await ctx.newAssociation({
        communeCode: 'PE-130102',
        kind: 'neighbourhood_security_board',
        name: 'Junta Vecinal de Seguridad Río Seco',
      });
      const admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
      const refused = await ctx.http
        .post(`/api/v1/associations/${peru.id}/constitution/request`)
        .set(bearer(admin))
        .send({ proposedAt: '2026-03-20T19:00', place: 'Local comunal' });
      expect([refused.status, problem(refused).code]).toEqual([422, 'CONSTITUTION_NOT_APPLICABLE']);
    });
  });
});
