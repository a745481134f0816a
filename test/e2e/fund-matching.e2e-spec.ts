import { Factories } from '../factories/factories';
import { createTestApp, TestContext } from '../support/test-app';
import { bearer, type Problem } from '../support/api-problem';

type Reason = { requirement: string; met: boolean | null; detail: string };
type Match = { fundCallId: string; name: string; state: string; eligibility: string; reasons: Reason[] };

/** 12:00 in La Serena (summer time), Sunday 6 December 2026. */
export const FUNDS_NOW = '2026-12-06T15:00:00.000Z';

/** A fund call written straight to its table (the calls' own API is F1's and tested there). */
export async function insertCall(
  ctx: TestContext,
  institutionId: string,
  call: {
    name: string;
    scope?: string;
    regionCodes?: string[];
    communeCodes?: string[];
    targetApplicant?: string;
    associationKinds?: string[] | null;
    opensAt?: string;
    closesAt?: string;
    requirements?: Record<string, unknown>;
  },
): Promise<string> {
  const [row] = await ctx.query<{ id: string }>(
    `INSERT INTO fund_call (institution_id, name, year, scope, region_codes, commune_codes, category, target_applicant,
       association_kinds, amount_min_clp, amount_max_clp, opens_at, closes_at, requirements, version)
     VALUES ($1, $2, 2026, $3, $4, $5, 'social', $6, $7, 500000, 5000000, $8, $9, $10, 1) RETURNING id`,
    [
      institutionId,
      call.name,
      call.scope ?? 'national',
      call.regionCodes ?? [],
      call.communeCodes ?? [],
      call.targetApplicant ?? 'organizations',
      call.associationKinds ?? null,
      call.opensAt ?? '2026-11-20T12:00:00Z',
      call.closesAt ?? '2026-12-30T20:00:00Z',
      JSON.stringify(call.requirements ?? {}),
    ],
  );
  return row.id;
}

/** An association in force (test set-up through SQL: the constitution's own flow is the associations' tests'). */
export async function inForce(
  ctx: TestContext,
  id: string,
  facts: { constitutedOn: string; boardEndsOn?: string; rut?: string },
): Promise<void> {
  await ctx.query(`UPDATE association SET status = 'in_force', rut = $2 WHERE id = $1`, [id, facts.rut ?? null]);
  // its history: registered, then in force since the deposit
  await ctx.query(`UPDATE association_status_change SET at = $2 WHERE association_id = $1`, [
    id,
    `${facts.constitutedOn}T12:00:00Z`,
  ]);
  await ctx.query(
    `INSERT INTO association_status_change (association_id, from_status, to_status, at, reason)
     VALUES ($1, 'constituted', 'in_force', $2, 'prueba')`,
    [id, `${facts.constitutedOn}T15:00:00Z`],
  );
  const existing = await ctx.query(`SELECT id FROM constitution WHERE association_id = $1`, [id]);
  if (existing.length)
    await ctx.query(`UPDATE constitution SET deposited_on = $2 WHERE association_id = $1`, [id, facts.constitutedOn]);
  else
    await ctx.query(
      `INSERT INTO constitution (association_id, commune_code, deposited_on, version)
       SELECT id, commune_code, $2, 1 FROM association WHERE id = $1`,
      [id, facts.constitutedOn],
    );
  if (facts.boardEndsOn) await boardTerm(ctx, id, facts.boardEndsOn);
}

export async function boardTerm(ctx: TestContext, associationId: string, endsOn: string): Promise<void> {
  const starts = `${Number(endsOn.slice(0, 4)) - 3}${endsOn.slice(4)}`;
  await ctx.query(
    `INSERT INTO board_term (association_id, kind, starts_on, ends_on) VALUES ($1, 'definitive', $2, $3)`,
    [associationId, starts, endsOn],
  );
}

/** Issue 18 items 3, 6, 7 (DOM-FND-2, DOM-FND-4): matches with reasons, declarations and applications via the API. */
describe('fund matching and applications (API)', () => {
  let ctx: TestContext;
  let admin: string;
  let patrimonial: string; // Barrio Patrimonial: in force, 1 year 4 months old
  let expired: string; // board expired on 12-03-2026
  let president: string;
  let member: string;
  let otherPresident: string;
  let ffoip: string;
  let security: string;
  let social: string;
  let closed: string;
  let semilla: string;
  let beneficiaryId: string;
  let progOfficer: string;
  let progOther: string;
  let programId: string;
  let otherProgramId: string;
  type User = { email: string; password: string };
  let presidentUser: User;
  let memberUser: User;
  let progOfficerUser: User;

  const matches = async (path: string, token: string, query = ''): Promise<Match[]> =>
    (await ctx.http.get(`${path}${query}`).set(bearer(token)).expect(200)).body.items;
  const find = (items: Match[], id: string) => items.find((m) => m.fundCallId === id)!;
  const reason = (m: Match, requirement: string) => m.reasons.find((r) => r.requirement === requirement)!;

  beforeAll(async () => {
    ctx = await createTestApp({ now: FUNDS_NOW });
    admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
    const [inst] = await ctx.query<{ id: string }>(
      `INSERT INTO institution (name, name_key, kind) VALUES ('Subsecretaría General de Gobierno', 'subsecretaria general de gobierno', 'other_public') RETURNING id`,
    );
    const full = {
      legalPersonalityInForce: true,
      boardInForce: true,
      minOrganizationAgeYears: 2,
      noPendingExpenseReport: true,
      organizationRut: true,
      publicFundsRegistry: true,
      other: ['Carta de compromiso de la directiva'],
    };
    ffoip = await insertCall(ctx, inst.id, { name: 'FFOIP 2027', requirements: full });
    security = await insertCall(ctx, inst.id, {
      name: 'Fondo de Seguridad Coquimbo',
      scope: 'regional',
      regionCodes: ['04'],
      requirements: { boardInForce: true, noPendingExpenseReport: true },
    });
    social = await insertCall(ctx, inst.id, {
      name: 'Fondo Social Presidente de la República',
      requirements: { boardInForce: true, noPendingExpenseReport: true },
      closesAt: '2027-01-30T20:00:00Z',
    });
    closed = await insertCall(ctx, inst.id, {
      name: 'Fondo Cerrado',
      opensAt: '2026-10-01T12:00:00Z',
      closesAt: '2026-12-01T20:00:00Z',
      requirements: {},
    });
    await insertCall(ctx, inst.id, {
      name: 'FONDEVE Melipilla',
      scope: 'communal',
      communeCodes: ['13501'],
      requirements: {},
    });
    semilla = await insertCall(ctx, inst.id, {
      name: 'Capital Semilla Emprende',
      targetApplicant: 'persons',
      requirements: { minAgeYears: 18, noActivityStart: true },
    });

    patrimonial = (await ctx.newAssociation({ name: 'Barrio Patrimonial La Serena' })).id;
    await inForce(ctx, patrimonial, {
      constitutedOn: '2025-08-06',
      boardEndsOn: '2027-03-12',
      rut: Factories.uniqueRut(),
    });
    expired = (await ctx.newAssociation({ name: 'Club Deportivo Las Compañías' })).id;
    await inForce(ctx, expired, { constitutedOn: '2019-05-10', boardEndsOn: '2026-03-12' });
    presidentUser = await ctx.newUser({ roles: [['association_officer', patrimonial]] });
    memberUser = await ctx.newUser({ roles: [['association_member', patrimonial]] });
    president = await ctx.apiToken(presidentUser);
    member = await ctx.apiToken(memberUser);
    otherPresident = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', expired]] }));

    const program = await ctx.http
      .post('/api/v1/programs')
      .set(bearer(admin))
      .send({
        name: 'Barrios Comerciales La Serena',
        kind: 'individual',
        year: 2026,
        agencyName: 'Sercotec Coquimbo',
        communeCodes: ['04101'],
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      })
      .expect(201);
    const other = await ctx.http
      .post('/api/v1/programs')
      .set(bearer(admin))
      .send({
        name: 'Centro de Negocios Melipilla',
        kind: 'individual',
        year: 2026,
        agencyName: 'Sercotec RM',
        communeCodes: ['13501'],
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      })
      .expect(201);
    programId = program.body.id;
    otherProgramId = other.body.id;
    progOfficerUser = await ctx.newUser({ roles: [['program_officer', program.body.id]] });
    progOfficer = await ctx.apiToken(progOfficerUser);
    progOther = await ctx.apiToken(await ctx.newUser({ roles: [['program_officer', other.body.id]] }));
    const b = await ctx.http
      .post(`/api/v1/programs/${program.body.id}/beneficiaries`)
      .set(bearer(progOfficer))
      .send({
        rut: Factories.uniqueRut(),
        fullName: 'Rosa Elena Tapia Cortés',
        birthDate: '2008-12-06',
        businessName: 'Amasandería Rosita',
        businessCategory: 'Alimentos',
        ownerSex: 'female',
        communeCode: '04101',
        enrolledOn: '2026-11-01',
        consentTextVersion: 'beneficiario-2026-12',
      })
      .expect(201);
    beneficiaryId = b.body.id;
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('DOM-FND-2: an association sees the calls of its territory for organisations, each with its reasons naming the fact and the date', async () => {
    const items = await matches(`/api/v1/associations/${patrimonial}/fund-matches`, president);
    expect(items.map((m) => m.name).sort()).toEqual(
      ['FFOIP 2027', 'Fondo Cerrado', 'Fondo Social Presidente de la República', 'Fondo de Seguridad Coquimbo'].sort(),
    );
    const f = find(items, ffoip);
    expect(f).toMatchObject({ eligibility: 'not_eligible', state: 'open' });
    expect(reason(f, 'minOrganizationAgeYears')).toEqual({
      requirement: 'minOrganizationAgeYears',
      met: false,
      detail:
        'Constituida hace 1 año y 4 meses; se exigen 2 años. Fecha de constitución: 06-08-2025; cumple el 06-08-2027',
    });
    expect(reason(f, 'boardInForce')).toMatchObject({ met: true, detail: 'Directorio vigente hasta el 12-03-2027' });
    expect(reason(f, 'legalPersonalityInForce')).toMatchObject({
      met: true,
      detail: 'Personalidad jurídica vigente (estado «Vigente» desde el 06-08-2025)',
    });
    expect(reason(f, 'publicFundsRegistry').met).toBeNull();
    expect(reason(f, 'other')).toMatchObject({ met: null, detail: 'Revisar: Carta de compromiso de la directiva' });
    expect(find(items, security).eligibility).toBe('eligible');
    // eligible first
    expect(items[0].eligibility).toBe('eligible');
    // ?state=open keeps the calls taking applications
    const open = await matches(`/api/v1/associations/${patrimonial}/fund-matches`, president, '?state=open');
    expect(open.map((m) => m.fundCallId)).not.toContain(closed);
    expect(open).toHaveLength(3);
    // API.md lists: pages of 50 by default, `total` beside
    const page = await ctx.http
      .get(`/api/v1/associations/${patrimonial}/fund-matches?pageSize=2&page=2`)
      .set(bearer(president))
      .expect(200);
    expect(page.body.total).toBe(4);
    expect(page.body.items.map((m: Match) => m.fundCallId)).toEqual(items.slice(2, 4).map((m) => m.fundCallId));
    await ctx.http
      .get(`/api/v1/associations/${patrimonial}/fund-matches?pageSize=500`)
      .set(bearer(president))
      .expect(400);
  });

  it('DOM-FND-2: a declaration changes the answer at once; the reason names its date', async () => {
    await ctx.http
      .post(`/api/v1/associations/${patrimonial}/fund-declarations`)
      .set(bearer(president))
      .send({ kind: 'public_funds_registry', value: true, declaredOn: '2025-05-02' })
      .expect(201);
    const f = find(await matches(`/api/v1/associations/${patrimonial}/fund-matches`, president), ffoip);
    expect(reason(f, 'publicFundsRegistry')).toMatchObject({
      met: true,
      detail: 'Inscrita en el Registro de Receptores de Fondos Públicos (Ley 19.862) el 02-05-2025, según declaración',
    });
    const [audit] = await ctx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'fund_declaration.recorded' AND object_type = 'fund_declaration'`,
    );
    expect(audit.n).toBe(1);
    // a future date and an unknown kind are refused naming the field; nothing written
    const bad = await ctx.http
      .post(`/api/v1/associations/${patrimonial}/fund-declarations`)
      .set(bearer(president))
      .send({ kind: 'no_activity_start', value: 'quizás', declaredOn: '2026-02-30' })
      .expect(400);
    const fields = (bad.body as Problem).errors!.map((e) => e.field).sort();
    expect(fields).toEqual(['declaredOn', 'value']);
    expect((bad.body as Problem).errors!.find((e) => e.field === 'declaredOn')!.message).toContain(
      'fecha de la declaración',
    );
    await ctx.http
      .post(`/api/v1/associations/${patrimonial}/fund-declarations`)
      .set(bearer(president))
      .send({ kind: 'no_activity_start', value: true, declaredOn: '2026-11-02' })
      .expect(400);
    expect(await ctx.count('fund_declaration')).toBe(1);
  });

  it('DOM-FND-2: an expired board fails, and a new board term fixes it at once (no stale answer)', async () => {
    let s = find(await matches(`/api/v1/associations/${expired}/fund-matches`, otherPresident), security);
    expect(s.eligibility).toBe('not_eligible');
    expect(reason(s, 'boardInForce')).toMatchObject({ met: false, detail: 'Directorio vencido el 12-03-2026' });
    await ctx.query(
      `INSERT INTO board_term (association_id, kind, starts_on, ends_on) VALUES ($1, 'definitive', '2026-12-01', '2029-12-01')`,
      [expired],
    );
    s = find(await matches(`/api/v1/associations/${expired}/fund-matches`, otherPresident), security);
    expect(s.eligibility).toBe('eligible');
    expect(reason(s, 'boardInForce').detail).toBe('Directorio vigente hasta el 01-12-2029');
    // a call edited by any writer (here SQL that leaves its version alone) is matched again at once, never from the
    // cache of the previous answer: the calls' revision is raised by a trigger
    await ctx.query(`UPDATE fund_call SET requirements = requirements || '{"organizationRut": true}' WHERE id = $1`, [
      security,
    ]);
    s = find(await matches(`/api/v1/associations/${expired}/fund-matches`, otherPresident), security);
    expect(s.eligibility).toBe('unknown');
    expect(reason(s, 'organizationRut')).toMatchObject({ met: null, detail: 'Sin RUT de la organización registrado' });
    await ctx.query(`UPDATE fund_call SET requirements = requirements - 'organizationRut' WHERE id = $1`, [security]);
  });

  it('DOM-FND-4: applications: created (201), a second one 409, a closed call 422 FUND_CALL_CLOSED with nothing written', async () => {
    const created = await ctx.http
      .post(`/api/v1/fund-calls/${security}/applications`)
      .set(bearer(president))
      .send({ associationId: patrimonial, amountRequestedClp: '3.500.000' })
      .expect(201);
    expect(created.body).toMatchObject({
      fundCallId: security,
      associationId: patrimonial,
      status: 'preparing',
      amountRequestedClp: 3_500_000,
      expenseReportDueOn: null,
    });
    const again = await ctx.http
      .post(`/api/v1/fund-calls/${security}/applications`)
      .set(bearer(president))
      .send({ associationId: patrimonial, amountRequestedClp: 1000 })
      .expect(409);
    expect((again.body as Problem).code).toBe('FUND_APPLICATION_DUPLICATE');
    const late = await ctx.http
      .post(`/api/v1/fund-calls/${closed}/applications`)
      .set(bearer(president))
      .send({ associationId: patrimonial, amountRequestedClp: 1000 })
      .expect(422);
    expect(late.body).toMatchObject({ code: 'FUND_CALL_CLOSED' });
    expect((late.body as Problem).detail).toBe(
      'La convocatoria «Fondo Cerrado» cerró el 01-12-2026 17:00: ya no recibe postulaciones.',
    );
    expect(await ctx.count('fund_application')).toBe(1);
    // an organisation for a persons' call
    const wrong = await ctx.http
      .post(`/api/v1/fund-calls/${semilla}/applications`)
      .set(bearer(president))
      .send({ associationId: patrimonial, amountRequestedClp: 1000 })
      .expect(422);
    expect((wrong.body as Problem).code).toBe('FUND_APPLICANT_NOT_ADMITTED');
    expect(await ctx.count('fund_application')).toBe(1);
  });

  it('bad input: Spanish messages naming the field, a 400 and nothing written', async () => {
    const res = await ctx.http
      .post(`/api/v1/fund-calls/${social}/applications`)
      .set(bearer(president))
      .send({ associationId: patrimonial, amountRequestedClp: '12,5', status: 'awarded' })
      .expect(400);
    const errors = (res.body as Problem).errors!;
    expect(errors.find((e) => e.field === 'amountRequestedClp')!.message).toContain('El monto solicitado');
    expect(errors.find((e) => e.field === 'status')!.message).toContain('El estado de la postulación');
    const both = await ctx.http
      .post(`/api/v1/fund-calls/${social}/applications`)
      .set(bearer(president))
      .send({ associationId: patrimonial, beneficiaryId, amountRequestedClp: 1000 })
      .expect(400);
    expect((both.body as Problem).errors![0]).toMatchObject({ field: 'associationId' });
    expect((both.body as Problem).errors![0].message).toContain('Indique quién postula');
    await ctx.http
      .get(`/api/v1/associations/${patrimonial}/fund-matches?state=abierta`)
      .set(bearer(president))
      .expect(400);
    await ctx.http
      .post(`/api/v1/fund-calls/no-es-un-id/applications`)
      .set(bearer(president))
      .send({
        associationId: patrimonial,
        amountRequestedClp: 1,
      })
      .expect(404);
    expect(await ctx.count('fund_application')).toBe(1);
  });

  it('DOM-FND-4: an award sets the due date; overdue, it fails "no pending expense report" for a later call; a submitted report clears it', async () => {
    const [app] = await ctx.query<{ id: string }>(`SELECT id FROM fund_application WHERE fund_call_id = $1`, [
      security,
    ]);
    // awarding needs the amount
    const noAmount = await ctx.http
      .patch(`/api/v1/fund-applications/${app.id}`)
      .set(bearer(president))
      .send({ status: 'awarded' })
      .expect(400);
    expect((noAmount.body as Problem).errors![0]).toMatchObject({ field: 'amountAwardedClp' });
    const awarded = await ctx.http
      .patch(`/api/v1/fund-applications/${app.id}`)
      .set(bearer(president))
      .send({ status: 'awarded', amountAwardedClp: 3_000_000 })
      .expect(200);
    // the award sets the due date: six months after the award
    expect(awarded.body).toMatchObject({
      status: 'awarded',
      awardedOn: '2026-12-06',
      expenseReportDueOn: '2027-06-06',
      expenseReportOverdue: false,
    });
    let s = find(await matches(`/api/v1/associations/${patrimonial}/fund-matches`, president), social);
    expect(reason(s, 'noPendingExpenseReport')).toMatchObject({
      met: true,
      detail: 'Sin rendiciones vencidas; la del Fondo de Seguridad Coquimbo vence el 06-06-2027',
    });
    // the due date was yesterday: overdue
    const overdue = await ctx.http
      .patch(`/api/v1/fund-applications/${app.id}`)
      .set(bearer(president))
      .send({ expenseReportDueOn: '05-12-2026' })
      .expect(200);
    expect(overdue.body).toMatchObject({ expenseReportDueOn: '2026-12-05', expenseReportOverdue: true });
    s = find(await matches(`/api/v1/associations/${patrimonial}/fund-matches`, president), social);
    expect(s.eligibility).toBe('not_eligible');
    expect(reason(s, 'noPendingExpenseReport')).toEqual({
      requirement: 'noPendingExpenseReport',
      met: false,
      detail: 'Rendición pendiente del Fondo de Seguridad Coquimbo: vencía el 05-12-2026',
    });
    const list = await ctx.http
      .get(`/api/v1/associations/${patrimonial}/fund-applications`)
      .set(bearer(member))
      .expect(200);
    expect(list.body.items[0]).toMatchObject({
      fundCallName: 'Fondo de Seguridad Coquimbo',
      expenseReportOverdue: true,
    });
    // a report submitted tomorrow is refused; today's clears it at once
    await ctx.http
      .patch(`/api/v1/fund-applications/${app.id}`)
      .set(bearer(president))
      .send({ expenseReportSubmittedOn: '2026-12-07' })
      .expect(400);
    await ctx.http
      .patch(`/api/v1/fund-applications/${app.id}`)
      .set(bearer(president))
      .send({ expenseReportSubmittedOn: '2026-12-06' })
      .expect(200);
    s = find(await matches(`/api/v1/associations/${patrimonial}/fund-matches`, president), social);
    expect(s.eligibility).toBe('eligible');
  });

  it('DOM-FND-2: a beneficiary turning 18 today is matched to persons calls; declaring no activity start makes it eligible', async () => {
    let items = await matches(`/api/v1/program-beneficiaries/${beneficiaryId}/fund-matches`, progOfficer);
    expect(items.map((m) => m.name)).toEqual(['Capital Semilla Emprende']);
    expect(items[0].eligibility).toBe('unknown');
    expect(reason(items[0], 'minAgeYears')).toMatchObject({
      met: true,
      detail: 'Tiene 18 años (nació el 06-12-2008); se exigen 18 años',
    });
    expect(reason(items[0], 'noActivityStart')).toMatchObject({
      met: null,
      detail: 'Sin declaración de inicio de actividades ante el SII',
    });
    await ctx.http
      .post(`/api/v1/program-beneficiaries/${beneficiaryId}/fund-declarations`)
      .set(bearer(progOfficer))
      .send({ kind: 'no_activity_start', value: true, declaredOn: '2026-11-02' })
      .expect(201);
    items = await matches(`/api/v1/program-beneficiaries/${beneficiaryId}/fund-matches`, progOfficer);
    expect(items[0].eligibility).toBe('eligible');
    const app = await ctx.http
      .post(`/api/v1/fund-calls/${semilla}/applications`)
      .set(bearer(progOfficer))
      .send({ beneficiaryId, amountRequestedClp: 3_500_000 })
      .expect(201);
    expect(app.body).toMatchObject({ beneficiaryId, status: 'preparing' });
  });

  it('access: members read but do not apply (403), other associations and programs get 404, anonymous 401', async () => {
    await ctx.http.get(`/api/v1/associations/${patrimonial}/fund-matches`).set(bearer(member)).expect(200);
    await ctx.http
      .post(`/api/v1/fund-calls/${social}/applications`)
      .set(bearer(member))
      .send({ associationId: patrimonial, amountRequestedClp: 1000 })
      .expect(403);
    await ctx.http.get(`/api/v1/associations/${patrimonial}/fund-matches`).set(bearer(otherPresident)).expect(404);
    await ctx.http
      .post(`/api/v1/fund-calls/${social}/applications`)
      .set(bearer(otherPresident))
      .send({ associationId: patrimonial, amountRequestedClp: 1000 })
      .expect(404);
    await ctx.http
      .get(`/api/v1/program-beneficiaries/${beneficiaryId}/fund-matches`)
      .set(bearer(progOther))
      .expect(404);
    await ctx.http
      .get(`/api/v1/program-beneficiaries/${beneficiaryId}/fund-matches`)
      .set(bearer(president))
      .expect(404);
    await ctx.http.get(`/api/v1/associations/${patrimonial}/fund-matches`).expect(401);
    const [app] = await ctx.query<{ id: string }>(`SELECT id FROM fund_application WHERE association_id = $1`, [
      patrimonial,
    ]);
    await ctx.http
      .patch(`/api/v1/fund-applications/${app.id}`)
      .set(bearer(otherPresident))
      .send({ status: 'rejected' })
      .expect(404);
    await ctx.http
      .patch(`/api/v1/fund-applications/${app.id}`)
      .set(bearer(member))
      .send({ status: 'rejected' })
      .expect(403);
    expect(await ctx.count('fund_application')).toBe(2);
  });

  it('for the delivery: the eligible associations of a call and the applications being prepared', async () => {
    const { FundMatchingService } = await import('../../src/events/funds/fund-matching.service');
    const service = ctx.get<InstanceType<typeof FundMatchingService>>(FundMatchingService);
    const eligible = await service.eligibleAssociationsForCall(security);
    expect(eligible.map((a) => a.name).sort()).toEqual([
      'Barrio Patrimonial La Serena',
      'Club Deportivo Las Compañías',
    ]);
    expect(await service.eligibleAssociationsForCall(ffoip)).toEqual([]);
    const preparing = await service.applicantsPreparing(semilla);
    expect(preparing).toEqual([expect.objectContaining({ beneficiaryId, associationId: null })]);
  });

  describe('pages', () => {
    it('"Fondos para esta organización": reachable from the association page; each outcome with its reasons as symbol and words', async () => {
      const { agent } = await ctx.signIn(presidentUser);
      const home = await agent.get(`/organizaciones/${patrimonial}`).expect(200);
      expect(home.text).toContain(`href="/organizaciones/${patrimonial}/fondos"`);
      const page = await agent.get(`/organizaciones/${patrimonial}/fondos`).expect(200);
      expect(page.text).toContain('Fondos para esta organización');
      const notEligible = page.text.slice(page.text.indexOf('id="matches-not_eligible"'));
      expect(notEligible).toContain('FFOIP 2027');
      expect(notEligible).toContain(
        'No cumple: </span>Constituida hace 1 año y 4 meses; se exigen 2 años. Fecha de constitución: 06-08-2025; cumple el 06-08-2027',
      );
      expect(page.text).toContain(
        '<span class="visually-hidden">Cumple: </span>Directorio vigente hasta el 12-03-2027',
      );
      expect(page.text).toMatch(/aria-hidden="true">✗<\/span>/);
      expect(page.text).toContain('name="amountRequestedClp"'); // the officer's forms
    });

    it('recording an application and an overdue award on the page: the warning shows and the later call fails', async () => {
      const { agent, csrf } = await ctx.signIn(presidentUser);
      const path = `/organizaciones/${patrimonial}/fondos`;
      // bad input: the page again with a 400, the message naming the field and the input kept; nothing written
      const before = await ctx.count('fund_application');
      const bad = await agent
        .post(`${path}/postulaciones`)
        .type('form')
        .send({ _csrf: await csrf(path), fundCallId: social, amountRequestedClp: 'mucho', status: 'preparing' })
        .expect(400);
      expect(bad.text).toContain('El monto solicitado (amountRequestedClp) debe ser un monto en pesos enteros');
      expect(bad.text).toContain('value="mucho"');
      expect(await ctx.count('fund_application')).toBe(before);
      await agent
        .post(`${path}/postulaciones`)
        .type('form')
        .send({ _csrf: await csrf(path), fundCallId: social, amountRequestedClp: '2.000.000', status: 'submitted' })
        .expect(303);
      const [app] = await ctx.query<{ id: string; status: string }>(
        `SELECT id, status FROM fund_application WHERE fund_call_id = $1 AND association_id = $2`,
        [social, patrimonial],
      );
      expect(app.status).toBe('submitted');
      await agent
        .post(`${path}/postulaciones/${app.id}`)
        .type('form')
        .send({
          _csrf: await csrf(path),
          status: 'awarded',
          amountAwardedClp: '1.800.000',
          expenseReportDueOn: '2026-12-01',
          expenseReportSubmittedOn: '',
        })
        .expect(303);
      const page = await agent.get(path).expect(200);
      expect(page.text).toContain(
        'Rendición vencida del Fondo Social Presidente de la República: vencía el 01-12-2026.',
      );
      const ffoipCard = page.text.slice(page.text.indexOf(`data-call="${ffoip}"`));
      expect(ffoipCard.slice(0, ffoipCard.indexOf('</article>'))).toContain(
        'No cumple: </span>Rendición pendiente del Fondo Social Presidente de la República: vencía el 01-12-2026',
      );
    });

    it('a member reads the page without the forms and cannot post (403); anonymous goes to the login', async () => {
      const { agent, csrf } = await ctx.signIn(memberUser);
      const path = `/organizaciones/${patrimonial}/fondos`;
      const page = await agent.get(path).expect(200);
      expect(page.text).not.toContain('name="amountRequestedClp"');
      expect(page.text).toContain('Solo la directiva de la organización registra declaraciones y postulaciones.');
      await agent
        .post(`${path}/declaracion`)
        .type('form')
        .send({ _csrf: await csrf(path), kind: 'public_funds_registry', value: 'true', declaredOn: '2026-01-01' })
        .expect(403);
      const anonymous = await ctx.http.get(path).expect(303);
      expect(anonymous.headers.location).toContain('/ingresar');
    });

    it("a beneficiary's funds page, reachable from the program's list; under another program's address 404", async () => {
      const { agent } = await ctx.signIn(progOfficerUser);
      const list = await agent.get(`/programas/${programId}/beneficiarios`).expect(200);
      expect(list.text).toContain(`href="/programas/${programId}/beneficiarios/${beneficiaryId}/fondos"`);
      const page = await agent.get(`/programas/${programId}/beneficiarios/${beneficiaryId}/fondos`).expect(200);
      expect(page.text).toContain('Fondos para esta persona');
      expect(page.text).toContain('Capital Semilla Emprende');
      expect(page.text).toContain('Declaró no tener inicio de actividades ante el SII el 02-11-2026');
      await agent.get(`/programas/${otherProgramId}/beneficiarios/${beneficiaryId}/fondos`).expect(404);
    });

    it("issue 18 'Done when': from a call's page the program officer sees which of the program's enrolled associations qualify, with the reasons", async () => {
      for (const associationId of [patrimonial, expired])
        await ctx.http
          .post(`/api/v1/programs/${programId}/associations`)
          .set(bearer(admin))
          .send({ associationId, enrolledOn: '2026-11-01' })
          .expect((res) => expect([201, 409]).toContain(res.status));
      const { agent } = await ctx.signIn(progOfficerUser);
      const call = await agent.get(`/fondos/${security}`).expect(200);
      expect(call.text).toContain(`href="/fondos/${security}/organizaciones"`);
      const page = await agent.get(`/fondos/${security}/organizaciones`).expect(200);
      const card = (id: string) => {
        const at = page.text.indexOf(`data-association="${id}"`);
        return page.text.slice(at, page.text.indexOf('</article>', at));
      };
      // DOM-FND-2: each card says what the association's own funds page says, with the same reasons
      for (const id of [patrimonial, expired]) {
        const api = (
          await ctx.http
            .get(`/api/v1/associations/${id}/fund-matches`)
            .query({ pageSize: 200 })
            .set(bearer(admin))
            .expect(200)
        ).body.items.find((m: { fundCallId: string }) => m.fundCallId === security);
        expect(card(id)).toContain(`data-eligibility="${api.eligibility}"`);
        // as Handlebars escapes text
        const html = (t: string) =>
          t.replace(
            /[&<>"'`=]/g,
            (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#x27', '`': '#x60', '=': '#x3D' }[c]};`,
          );
        for (const r of api.reasons) expect(card(id)).toContain(html(r.detail));
      }
      // an association of another program is not listed
      expect(page.text).not.toContain(`data-association="${otherPresident}"`);
      // others are refused (the access matrix checks each caller); anonymous is sent to sign in
      expect((await ctx.http.get(`/fondos/${security}/organizaciones`).expect(303)).headers.location).toContain(
        '/ingresar',
      );
      expect((await ctx.http.get(`/fondos/${security}`).expect(200)).text).not.toContain('id="qualifiers-link"');
    });
  });
});
