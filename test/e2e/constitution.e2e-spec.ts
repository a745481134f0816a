import { pdfText } from '../support/pdf-text';
import { createTestApp, TestContext } from '../support/test-app';

type Problem = { status: number; code?: string; detail: string; errors?: { field: string; message: string }[] };
const problem = (res: { text: string }) => JSON.parse(res.text) as Problem;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

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
    for (let i = 0; i < n; i++) ids.push((await ctx.newMember(a.id, { fullName: `Fundador ${String(i + 1).padStart(2, '0')} de ${name}` })).id);
    return { id: a.id, ids };
  };
  const board = (ids: string[]) => [
    { position: 'president', memberId: ids[0], declaredEligible: true },
    { position: 'secretary', memberId: ids[1], declaredEligible: true },
    { position: 'treasurer', memberId: ids[2], declaredEligible: true },
  ];

  it('DOM-ORG-1..7: request, assignment, assembly (14 founders refused with the numbers, 15 accepted), certification with both PDFs verifiable', async () => {
    const { id, ids } = await withMembers(15, 'Barrio Comercial Calle Prat');
    const requested = await ctx.http.post(`/api/v1/associations/${id}/constitution/request`).set(bearer(officer)).send({ proposedAt: '2026-03-16T19:30', place: 'Prat 560' }).expect(200);
    expect(requested.body).toMatchObject({ status: 'in_formation', proposedPlace: 'Prat 560', proposedAt: '2026-03-16T22:30:00.000Z' });
    const assigned = await ctx.http.put(`/api/v1/associations/${id}/constitution/faith-minister`).set(bearer(officer)).send({ faithMinisterUserId: ministerId });
    expect([assigned.status, assigned.text.slice(0, 300)]).toEqual([200, expect.any(String)]);

    // DOM-ORG-3: 14 of the 15 present for an urban functional organisation
    const fourteen = await ctx.http.post(`/api/v1/associations/${id}/constitution`).set(bearer(officer)).send({ assemblyAt: '2026-03-16T19:30', place: 'Prat 560', founderMemberIds: ids.slice(0, 14), provisionalBoard: board(ids) });
    expect([fourteen.status, problem(fourteen).code]).toEqual([422, 'FOUNDERS_BELOW_MINIMUM']);
    expect(problem(fourteen).detail).toContain('Hay 14 socios fundadores presentes; una organización funcional urbana necesita al menos 15.');
    expect(await ctx.query(`SELECT status FROM association WHERE id = $1`, [id])).toEqual([{ status: 'in_formation' }]);

    const held = await ctx.http.post(`/api/v1/associations/${id}/constitution`).set(bearer(officer)).send({ assemblyAt: '2026-03-16T19:30', place: 'Prat 560', founderMemberIds: ids, provisionalBoard: board(ids) });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'pending_certification', faithMinister: { id: ministerId, name: 'Jorge Araya Cortés' } });
    expect(held.body.founders).toHaveLength(15);
    expect(held.body.provisionalBoard.map((s: { position: string }) => s.position)).toEqual(['president', 'secretary', 'treasurer']);
    // DOM-ORG-5: the provisional board's 60 days start on the assembly date
    expect(await ctx.query(`SELECT kind, to_char(starts_on, 'YYYY-MM-DD') AS starts, to_char(ends_on, 'YYYY-MM-DD') AS ends FROM board_term WHERE association_id = $1`, [id])).toEqual([{ kind: 'provisional', starts: '2026-03-16', ends: '2026-05-15' }]);

    // DOM-ORG-2: a faith minister of another commune gets 404; one of the commune not assigned, 403
    expect((await ctx.http.post(`/api/v1/associations/${id}/constitution/certify`).set(bearer(otherMinister)).send({})).status).toBe(404);
    const unassigned = await ctx.http.post(`/api/v1/associations/${id}/constitution/certify`).set(bearer(unassignedMinister)).send({});
    expect([unassigned.status, problem(unassigned).code]).toEqual([403, 'NOT_ASSIGNED_FAITH_MINISTER']);
    expect((await ctx.http.post(`/api/v1/associations/${id}/constitution/certify`).set(bearer(officer)).send({})).status).toBe(403);

    const certified = await ctx.http.post(`/api/v1/associations/${id}/constitution/certify`).set(bearer(minister)).send({ notes: 'Sin observaciones.' }).expect(200);
    expect(certified.body).toEqual({ certifiedAt: '2026-03-17T15:00:00.000Z', verificationCode: expect.any(String), actaVerificationCode: expect.any(String) });
    const association = await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer)).expect(200);
    expect(association.body.status).toBe('constituted');
    expect(association.body.statusHistory.map((s: { to: string }) => s.to)).toEqual(['in_formation', 'pending_certification', 'constituted']);
    const again = await ctx.http.post(`/api/v1/associations/${id}/constitution/certify`).set(bearer(minister)).send({});
    expect(again.status).toBe(422);

    // DOM-ORG-7: the acta names date, time, place, organisation, founders with RUT and signature lines, statutes, board, faith minister
    const acta = await ctx.http.get(`/api/v1/associations/${id}/constitution/acta.pdf`).set(bearer(officer)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    const text = (await pdfText(acta.body as Buffer)).text.replace(/\s+/g, ' ');
    for (const expected of ['Acta constitutiva de Barrio Comercial Calle Prat', '16-03-2026', '19:30', 'Prat 560', 'Jorge Araya Cortés', 'Aprobación de los estatutos', 'Directorio provisorio', 'Fundador 15', 'Firma']) {
      expect(text).toContain(expected);
    }
    const certificate = await ctx.http.get(`/api/v1/associations/${id}/constitution/certificate.pdf`).set(bearer(officer)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((await pdfText(certificate.body as Buffer)).text.replace(/\s+/g, ' ')).toContain('certifica que el 16-03-2026 a las 19:30 horas');
    for (const code of [certified.body.verificationCode, certified.body.actaVerificationCode]) {
      const verified = await ctx.http.get(`/api/v1/verify/${code}`).expect(200);
      expect(verified.body.status).toBe('valid');
    }
  });

  it('DOM-ORG-5: a provisional board without a treasurer, or with a 17-year-old, is refused with the reason; DOM-ORG-4 a too-young founder', async () => {
    const { id, ids } = await withMembers(15, 'Agrupación Cultural Santa Lucía');
    const noTreasurer = await ctx.http.post(`/api/v1/associations/${id}/constitution`).set(bearer(officer)).send({ assemblyAt: '2026-03-16T19:30', place: 'Sede', founderMemberIds: ids, provisionalBoard: board(ids).slice(0, 2) });
    expect([noTreasurer.status, problem(noTreasurer).code]).toEqual([422, 'BOARD_POST_MISSING']);
    const teen = await ctx.newMember(id, { fullName: 'Tomás Joven', birthDate: '2009-01-01', joinedOn: '2026-03-01' }); // 17
    const young = await ctx.http.post(`/api/v1/associations/${id}/constitution`).set(bearer(officer)).send({ assemblyAt: '2026-03-16T19:30', place: 'Sede', founderMemberIds: [...ids, teen.id], provisionalBoard: [...board(ids).slice(0, 2), { position: 'treasurer', memberId: teen.id, declaredEligible: true }] });
    expect([young.status, problem(young).code]).toEqual([422, 'BOARD_MEMBER_INELIGIBLE']);
    expect(problem(young).detail).toContain('Tomás Joven tiene 17 años');
    expect(await ctx.count('board_term')).toBeGreaterThanOrEqual(0);
    expect(await ctx.query(`SELECT count(*)::int AS n FROM board_term WHERE association_id = $1`, [id])).toEqual([{ n: 0 }]);
  });

  it('DOM-ORG-2: only a faith minister of the commune can be assigned; DOM-ORG-13: a trade association has no municipal constitution', async () => {
    const { id } = await withMembers(3, 'Agrupación de Prueba de Asignación');
    const otherId = (await ctx.query<{ id: string }>(`SELECT u.id FROM app_user u JOIN role_assignment r ON r.user_id = u.id WHERE r.role = 'faith_minister' AND r.scope_id = '04102' LIMIT 1`))[0].id;
    const res = await ctx.http.put(`/api/v1/associations/${id}/constitution/faith-minister`).set(bearer(officer)).send({ faithMinisterUserId: otherId });
    expect([res.status, problem(res).code]).toEqual([422, 'FAITH_MINISTER_NOT_IN_COMMUNE']);
    const ag = await ctx.newAssociation({ kind: 'trade_association', name: 'A.G. de Prueba', registryNumber: '1-AG', registeredOn: '2026-01-10' });
    const refused = await ctx.http.post(`/api/v1/associations/${ag.id}/constitution/request`).set(bearer(officer)).send({ proposedAt: '2026-04-01T19:00', place: 'Sede' });
    expect([refused.status, problem(refused).code]).toEqual([422, 'CONSTITUTION_NOT_APPLICABLE']);
  });

  /** Records and certifies the assembly of a new association (on 2026-03-16, 15 founders); returns its id. */
  const constituted = async (name: string) => {
    const { id, ids } = await withMembers(15, name);
    await ctx.http.put(`/api/v1/associations/${id}/constitution/faith-minister`).set(bearer(officer)).send({ faithMinisterUserId: ministerId }).expect(200);
    await ctx.http.post(`/api/v1/associations/${id}/constitution`).set(bearer(officer)).send({ assemblyAt: '2026-03-16T19:30', place: 'Sede', founderMemberIds: ids, provisionalBoard: board(ids) }).expect(201);
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
      const warnings = async () => (await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer)).expect(200)).body.warnings;
      expect(await warnings()).toEqual([]);
      await moveClock('2026-04-08T15:00:00.000Z'); // deadline 15-04: 7 days left
      expect(await warnings()).toEqual([{ code: 'DEPOSIT_DUE', dueOn: '2026-04-15' }]);
      const registry = await ctx.http.get('/api/v1/associations?warning=DEPOSIT_DUE').set(bearer(officer)).expect(200);
      expect(registry.body.items.map((i: { id: string }) => i.id)).toContain(id);
      await moveClock('2026-04-20T15:00:00.000Z');
      const late = await ctx.http.post(`/api/v1/associations/${id}/deposit`).set(bearer(officer)).send({ depositedOn: '2026-04-16' });
      expect([late.status, late.body.code ?? JSON.parse(late.text).code]).toEqual([422, 'DEPOSIT_WINDOW_CLOSED']);
      expect(JSON.parse(late.text).detail).toContain('a más tardar el 15-04-2026');
      const ok = await ctx.http.post(`/api/v1/associations/${id}/deposit`).set(bearer(officer)).send({ depositedOn: '2026-04-15' }).expect(200);
      expect(ok.body).toEqual({ status: 'in_force', depositedOn: '2026-04-15', objectionDeadline: '2026-05-15' });
      expect(await warnings()).toEqual([]);
      const publicList = await ctx.http.get('/api/v1/communes/04101/associations').expect(200);
      expect(publicList.body.items.map((i: { id: string }) => i.id)).toContain(id);
    });

    it('DOM-ORG-6: an objection within 30 days of the deposit gives 90 days to correct (OBJECTION_CORRECTION_DUE); later it is refused', async () => {
      const id = await constituted('Agrupación Folclórica Los Molles');
      await ctx.http.post(`/api/v1/associations/${id}/deposit`).set(bearer(officer)).send({ depositedOn: '2026-03-17' }).expect(200);
      await moveClock('2026-04-20T15:00:00.000Z');
      const late = await ctx.http.post(`/api/v1/associations/${id}/objection`).set(bearer(officer)).send({ objectedOn: '2026-04-17', reasons: 'Estatutos incompletos' });
      expect([late.status, JSON.parse(late.text).code]).toEqual([422, 'OBJECTION_WINDOW_CLOSED']);
      const objected = await ctx.http.post(`/api/v1/associations/${id}/objection`).set(bearer(officer)).send({ objectedOn: '2026-04-16', reasons: 'Los estatutos no fijan el número de directores.' }).expect(200);
      expect(objected.body).toEqual({ status: 'objected', objectedOn: '2026-04-16', correctionDeadline: '2026-07-15' });
      const association = await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer)).expect(200);
      expect(association.body.status).toBe('objected');
      expect(association.body.warnings).toEqual(expect.arrayContaining([{ code: 'OBJECTION_CORRECTION_DUE', dueOn: '2026-07-15' }]));
      expect(association.body.statusHistory.at(-1)).toMatchObject({ to: 'objected', reason: expect.stringContaining('Los estatutos no fijan') });
    });

    it('DOM-ORG-5, DOM-ORG-9: the provisional board warns in its last 15 days and shows BOARD_EXPIRED after day 60', async () => {
      const id = await constituted('Club de Adulto Mayor Los Pimientos');
      await ctx.http.post(`/api/v1/associations/${id}/deposit`).set(bearer(officer)).send({ depositedOn: '2026-03-17' }).expect(200);
      await moveClock('2026-04-30T15:00:00.000Z'); // term ends 15-05
      expect((await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer))).body.warnings).toEqual([{ code: 'PROVISIONAL_BOARD_EXPIRING', dueOn: '2026-05-15' }]);
      await moveClock('2026-05-16T15:00:00.000Z');
      expect((await ctx.http.get(`/api/v1/associations/${id}`).set(bearer(officer))).body.warnings).toEqual([{ code: 'BOARD_EXPIRED', dueOn: '2026-05-15' }]);
    });
  });
});
