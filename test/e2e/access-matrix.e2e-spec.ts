import { createTestApp, TestContext } from '../support/test-app';
import {
  AccessRows,
  Caller,
  Expect,
  RouteCase,
  ALL,
  ASSOC,
  CONSENT,
  DELETE,
  GET,
  MEETINGS,
  MUNICIPAL,
  PATCH,
  POST,
  PROGRAM,
  PUT,
  READERS,
  SIGNED_IN,
  TABLE,
} from './access-rows/shared';
import { FUND_CALL_ACCESS_ROWS } from './access-rows/fund-calls';
import { FUND_MATCHING_ACCESS_ROWS } from './access-rows/fund-matching';
import { MARKET_VENUE_ACCESS_ROWS } from './access-rows/market-venues';
import { MARKET_OPERATION_ACCESS_ROWS } from './access-rows/market-operations';
import { TABLE_ONBOARDING_ACCESS_ROWS } from './access-rows/table-onboarding';
import { REGISTRY_EXPORT_ACCESS_ROWS } from './access-rows/registry-export';
import { CONSTITUTION_STATUTES_ACCESS_ROWS } from './access-rows/constitution-statutes';

/** The features' own rows (test/e2e/access-rows/). */
const FEATURE_ROWS: AccessRows[] = [
  FUND_CALL_ACCESS_ROWS,
  FUND_MATCHING_ACCESS_ROWS,
  MARKET_VENUE_ACCESS_ROWS,
  MARKET_OPERATION_ACCESS_ROWS,
  TABLE_ONBOARDING_ACCESS_ROWS,
  REGISTRY_EXPORT_ACCESS_ROWS,
  CONSTITUTION_STATUTES_ACCESS_ROWS,
];

/** An id nobody has: the route is reached and answers that the thing is not found. */
const NONE = '00000000-0000-4000-8000-000000000000';

/** The matrix's program beneficiary (enrolled in the fixtures; posted again, a duplicate RUT: nothing created). */
const BENEFICIARY = {
  rut: '11.111.111-1',
  fullName: 'Ana Soto',
  businessName: 'Almacén',
  businessCategory: 'Almacén',
  ownerSex: 'female',
  communeCode: '04101',
  enrolledOn: '2026-03-01',
  consentTextVersion: 'beneficiario-2026-12',
};

/** The six callers of the account and user-administration rows (no association or program roles among them). */
const USERS = (anonymous: number, status: number, extra: Expect = {}): Expect => ({
  anonymous,
  admin: status,
  officerOwn: status,
  officerOther: status,
  faithMinister: status,
  plainUser: status,
  ...extra,
});

/** A user of La Serena: the admin and La Serena's officer act, Melipilla's gets 404, the others no right (403). */
const LA_SERENA_USER = (act: number): Expect =>
  USERS(303, act, { officerOther: 404, faithMinister: 403, plainUser: 403 });
/** A person through the API: the municipality of one of their associations; everyone else gets 404. */
const PERSON_API = (act: number): Expect =>
  MUNICIPAL(401, act, { faithMinister: 404, assocOfficer: 404, assocMember: 404 });

/** The constitution's objection and its correction, posted by page and by API (refused by rule: in formation). */
const OBJECTION = { objectedOn: '2026-03-10', reasons: 'x' };
const CORRECTION = { correctedOn: '2026-03-10', notes: 'x' };

/**
 * Who may do what (API.md), route by route: every route the app serves must be listed here (a test below fails
 * on a missing one), with the answer each kind of caller gets. Later issues add their routes and their
 * association/table scopes. Outside scope is 404, inside scope without the right 403, anonymous 303 to the
 * login page (HTML) or 401 (API).
 */
describe('access matrix', () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  const agents: Partial<Record<Caller, Awaited<ReturnType<TestContext['signIn']>>>> = {};
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000', VERIFY_RATE_LIMIT: '10000' } });
    const association = await ctx.newAssociation({ name: 'Barrio de la matriz de accesos' });
    const member = await ctx.newMember(association.id);
    ids.assoc = association.id;
    ids.assocName = association.name;
    ids.member = member.id;
    ids.meeting = (
      await ctx.query<{ id: string }>(
        `INSERT INTO meeting (association_id, starts_at, time_zone, place, version) VALUES ($1, '2026-06-02T23:30:00Z', 'America/Santiago', 'Sede', 1) RETURNING id`,
        [association.id],
      )
    )[0].id;
    ids.person = member.personId;
    ids.table = (
      await ctx.query<{ id: string }>(
        `INSERT INTO mesa (kind, name, scope_level, scope_code, commune_code, time_zone, version) VALUES ('security', 'Mesa de la matriz', 'commune', '04101', '04101', 'America/Santiago', 1) RETURNING id`,
      )
    )[0].id;
    ids.commitment = (
      await ctx.query<{ id: string }>(
        `INSERT INTO commitment (association_id, origin_meeting_id, description, owner_name, due_on, version) VALUES ($1, $2, 'Pedir rondas', 'Carabineros', '2026-07-01', 1) RETURNING id`,
        [association.id, ids.meeting],
      )
    )[0].id;
    const users = {
      assocOfficer: await ctx.newUser({ roles: [['association_officer', association.id]] }),
      assocMember: await ctx.newUser({ roles: [['association_member', association.id]] }),
      admin: await ctx.newUser({ roles: [['admin', null]] }),
      officerOwn: await ctx.newUser({ roles: [['municipal_officer', '04101']] }),
      officerOther: await ctx.newUser({ roles: [['municipal_officer', '13501']] }),
      faithMinister: await ctx.newUser({ roles: [['faith_minister', '04101']] }),
      plainUser: await ctx.newUser(),
    };
    for (const [caller, user] of Object.entries(users)) {
      agents[caller as Caller] = await ctx.signIn(user);
      tokens[caller as Caller] = await ctx.apiToken(user);
    }
    ids.laSerenaUser = users.faithMinister.id; // a user with a role in 04101
    // the table's session (held), a commitment of Carabineros with one progress update and its evidence file
    ids.institution = (
      await ctx.query<{ id: string }>(
        `INSERT INTO institution (name, name_key, kind, commune_code) VALUES ('Carabineros de la matriz', 'carabineros de la matriz', 'police', '04101') RETURNING id`,
      )
    )[0].id;
    await ctx.query(`INSERT INTO table_participant (table_id, institution_id, name) VALUES ($1, $2, 'Comisario')`, [
      ids.table,
      ids.institution,
    ]);
    ids.session = (
      await ctx.query<{ id: string }>(
        `INSERT INTO meeting (table_id, kind, starts_at, time_zone, place, status, version) VALUES ($1, 'table_session', '2026-03-02T13:00:00Z', 'America/Santiago', 'Sala', 'held', 1) RETURNING id`,
        [ids.table],
      )
    )[0].id;
    ids.tableCommitment = (
      await ctx.query<{ id: string }>(
        `INSERT INTO commitment (table_id, origin_meeting_id, description, owner_kind, owner_institution_id, due_on, version) VALUES ($1, $2, 'Rondas', 'institution', $3, '2026-03-10', 1) RETURNING id`,
        [ids.table, ids.session, ids.institution],
      )
    )[0].id;
    const update = await ctx.http
      .post(`/api/v1/commitments/${ids.tableCommitment}/updates`)
      .set({ Authorization: `Bearer ${tokens.admin}` })
      .field('note', 'Con respaldo')
      .attach('evidence', Buffer.from('%PDF-1.4\n%%EOF\n'), 'respaldo.pdf');
    ids.evidence = (update.body as { update: { evidence: { id: string } } }).update.evidence.id;
    ids.doc = (await ctx.newIssuedDocument()).verificationCode;
    // issue 17: a program of the Coquimbo region with the association enrolled, an officer of it and of another one
    const [program, other] = await ctx.query<{ id: string }>(
      `INSERT INTO program (name, kind, year, agency_institution_id, region_code, starts_on, ends_on, budget_clp)
       VALUES ('Programa de la matriz', 'associative', 2026, $1, '04', '2026-01-01', '2026-12-31', 1000000),
              ('Otro programa', 'individual', 2026, $1, '13', '2026-01-01', '2026-12-31', NULL) RETURNING id`,
      [ids.institution],
    );
    ids.program = program.id;
    await ctx.query(
      `INSERT INTO program_association (program_id, association_id, enrolled_on) VALUES ($1, $2, '2026-02-01')`,
      [ids.program, ids.assoc],
    );
    const programUsers = {
      progOfficer: await ctx.newUser({ roles: [['program_officer', ids.program]] }),
      progOther: await ctx.newUser({ roles: [['program_officer', other.id]] }),
    };
    for (const [caller, user] of Object.entries(programUsers)) {
      agents[caller as Caller] = await ctx.signIn(user);
      tokens[caller as Caller] = await ctx.apiToken(user);
    }
    const admin = { Authorization: `Bearer ${tokens.admin}` };
    ids.activity = (
      await ctx.http
        .post(`/api/v1/programs/${ids.program}/activities`)
        .set(admin)
        .send({ title: 'Taller', localStart: '2026-03-10T10:00', place: 'Sede' })
        .expect(201)
    ).body.id;
    ids.beneficiary = (
      await ctx.http.post(`/api/v1/programs/${ids.program}/beneficiaries`).set(admin).send(BENEFICIARY).expect(201)
    ).body.id;
    for (const rows of FEATURE_ROWS) await rows.setup(ctx, ids, tokens);
  }, 120_000); // every feature's scenario through its API (about 12 s on a quiet machine, 30+ under CI's load)
  afterAll(() => ctx.close());

  const cases = (): RouteCase[] => [
    ...FEATURE_ROWS.flatMap((rows) => rows.cases(ids)),
    GET('/', ALL(200)),
    GET('/inicio', SIGNED_IN(303, 200)),
    GET('/comunas', ALL(200)),
    GET('/verificar', ALL(200)),
    GET('/verificar/:code', ALL(200), [ids.doc]),
    GET('/health/live', ALL(200)),
    GET('/health/ready', ALL(200)),
    GET('/api/v1/communes', ALL(200)),
    GET('/api/v1/verify/:code', ALL(200), [ids.doc]),
    GET('/ingresar', ALL(200)),
    POST('/ingresar', ALL(401), [], { email: 'nadie@example.cl', password: 'no-existe-123' }),
    GET('/clave/olvide', ALL(200)),
    POST('/clave/olvide', ALL(200), [], { email: 'nadie@example.cl' }),
    GET('/clave/nueva?token=x', ALL(410)),
    POST('/clave/nueva', ALL(410), [], { token: 'x', password: 'abcdefghij', passwordConfirmation: 'abcdefghij' }),
    POST('/api/v1/auth/tokens', ALL(401), [], { email: 'nadie@example.cl', password: 'no-existe-123' }),
    GET('/api/v1/me', USERS(401, 200)),
    // an existing e-mail: the callers with the right reach the service (409), nothing is created
    POST('/api/v1/users', USERS(401, 403, { admin: 409, officerOwn: 409 }), [], {
      email: 'duplicado@example.cl',
      name: 'Duplicado',
      roles: [{ role: 'faith_minister', scopeType: 'commune', scopeId: '04101' }],
    }),
    GET('/cuenta', USERS(303, 200)),
    POST('/cuenta/tokens/:id/revocar', USERS(303, 404), [NONE]),
    GET('/admin/usuarios', USERS(303, 200, { faithMinister: 403, plainUser: 403 })),
    GET('/admin/usuarios/invitar', USERS(303, 200, { faithMinister: 403, plainUser: 403 })),
    POST('/admin/usuarios/invitar', USERS(303, 403, { admin: 409, officerOwn: 409 }), [], {
      email: 'duplicado@example.cl',
      name: 'Duplicado',
      role: 'faith_minister',
      scopeId: '04101',
    }),
    // a user of La Serena: visible to the admin and La Serena's officer, not found for Melipilla's
    GET('/admin/usuarios/:id', LA_SERENA_USER(200), [ids.laSerenaUser]),
    // already held: no change, but the right is exercised
    POST('/admin/usuarios/:id/roles', LA_SERENA_USER(303), [ids.laSerenaUser], {
      role: 'faith_minister',
      scopeId: '04101',
    }),
    // 04101 is no association: 422 once the caller may act
    POST('/admin/usuarios/:id/roles/quitar', LA_SERENA_USER(422), [ids.laSerenaUser], {
      role: 'association_member',
      scopeId: '04101',
    }),
    POST('/admin/usuarios/:id/desactivar', USERS(303, 404, { faithMinister: 403, plainUser: 403 }), [NONE]),
    GET('/admin/outbox', USERS(303, 403, { admin: 200 })),
    GET('/admin/outbox/:id', USERS(303, 403, { admin: 404 }), [NONE]),
    GET('/admin/outbox/:id/html', USERS(303, 403, { admin: 404 }), [NONE]),
    // ---- registry and rosters
    GET('/organizaciones', { ...ALL(200), anonymous: 303 }),
    GET('/organizaciones/nueva', { ...ALL(403), anonymous: 303, admin: 200, officerOwn: 200, officerOther: 200 }),
    // a duplicate name: nothing created
    POST('/organizaciones/nueva', { ...ALL(403), anonymous: 303, admin: 409, officerOwn: 409 }, [], {
      communeCode: '04101',
      kind: 'functional_organization',
      name: ids.assocName,
      area: 'urban',
      address: 'Prat 1',
    }),
    GET('/organizaciones/:id', READERS(303, 200), [ids.assoc]),
    GET('/organizaciones/:id/editar', ASSOC(303, 200), [ids.assoc]),
    POST('/organizaciones/:id/editar', ASSOC(303, 400), [ids.assoc], { contactEmail: 'no-es-correo' }),
    // an existing e-mail with a role already held: the callers with the right exercise it and nothing changes
    POST('/organizaciones/:id/accesos', MUNICIPAL(303, 303), [ids.assoc], {
      email: 'duplicado@example.cl',
      name: 'Duplicado',
      role: 'association_member',
    }),
    POST('/organizaciones/:id/reconocimiento', MUNICIPAL(303, 422), [ids.assoc], {}),
    GET('/comunas/:code/organizaciones', ALL(200), ['04101']),
    // the constitution's pages (the association is in formation: the later steps are refused by rule, 422)
    POST('/organizaciones/:id/constitucion/solicitud', ASSOC(303, 400), [ids.assoc], {
      proposedAt: 'pronto',
      place: 'Sede',
    }),
    POST('/organizaciones/:id/constitucion/ministro', MUNICIPAL(303, 422), [ids.assoc], { faithMinisterUserId: NONE }),
    POST('/organizaciones/:id/constitucion/deposito', MUNICIPAL(303, 422), [ids.assoc], { depositedOn: '2026-03-10' }),
    POST('/organizaciones/:id/constitucion/objecion', MUNICIPAL(303, 422), [ids.assoc], OBJECTION),
    POST('/organizaciones/:id/constitucion/subsanacion', MUNICIPAL(303, 422), [ids.assoc], CORRECTION),
    GET('/organizaciones/:id/constitucion/asamblea', ASSOC(303, 200), [ids.assoc]),
    POST('/organizaciones/:id/constitucion/asamblea', ASSOC(303, 400), [ids.assoc], {}),
    GET('/organizaciones/:id/constitucion/certificar', READERS(303, 200), [ids.assoc]),
    POST('/organizaciones/:id/constitucion/certificar', READERS(303, 403), [ids.assoc], {}),
    GET('/organizaciones/:id/constitucion/acta.pdf', ASSOC(303, 404, { faithMinister: 403, assocMember: 403 }), [
      ids.assoc,
    ]),
    GET('/organizaciones/:id/constitucion/certificado.pdf', READERS(303, 404), [ids.assoc]),
    GET('/organizaciones/:id/directorio/nuevo', ASSOC(303, 200), [ids.assoc]),
    POST('/organizaciones/:id/directorio/nuevo', ASSOC(303, 400), [ids.assoc], {}),
    GET('/api/v1/faith-minister/assemblies', { ...ALL(403), anonymous: 401, faithMinister: 200 }),
    GET('/ministro-de-fe', { ...ALL(403), anonymous: 303, faithMinister: 200 }),
    GET('/organizaciones/:id/socios', ASSOC(303, 200, { faithMinister: 200 }), [ids.assoc]),
    GET('/organizaciones/:id/socios/nuevo', ASSOC(303, 200), [ids.assoc]),
    POST('/organizaciones/:id/socios/nuevo', ASSOC(303, 400), [ids.assoc], {
      rut: '12.345.678-9',
      fullName: 'Ana',
      birthDate: '1980-01-01',
      joinedOn: '2026-03-01',
    }),
    GET('/organizaciones/:id/socios/importar', ASSOC(303, 200), [ids.assoc]),
    GET('/organizaciones/:id/socios/importar/plantilla.:format', ASSOC(303, 200), [ids.assoc, 'xlsx']),
    POST('/organizaciones/:id/socios/importar', ASSOC(303, 400), [ids.assoc], {}),
    GET('/organizaciones/:id/socios/importar/:importId', ASSOC(303, 404), [ids.assoc, NONE]),
    POST('/organizaciones/:id/socios/importar/:importId/confirmar', ASSOC(303, 404), [ids.assoc, NONE]),
    GET('/organizaciones/:id/socios/exportar.csv', ASSOC(303, 200), [ids.assoc]),
    GET('/organizaciones/:id/socios/exportar.xlsx', ASSOC(303, 200), [ids.assoc]),
    GET('/organizaciones/:id/socios/:memberId', ASSOC(303, 200, { faithMinister: 200 }), [ids.assoc, ids.member]),
    POST('/organizaciones/:id/socios/:memberId', ASSOC(303, 400), [ids.assoc, ids.member], { email: 'no-es-correo' }),
    POST('/organizaciones/:id/socios/:memberId/suspender', ASSOC(303, 400), [ids.assoc, ids.member], { reason: '' }),
    POST('/organizaciones/:id/socios/:memberId/reactivar', ASSOC(303, 422), [ids.assoc, ids.member], {}),
    POST('/organizaciones/:id/socios/:memberId/terminar', ASSOC(303, 400), [ids.assoc, ids.member], {
      leftOn: '2026-01-01',
      reason: 'antes del ingreso',
    }),
    // issue 22 item 5: a roster officer asks the municipality to correct a name (a note too long: nothing queued)
    POST('/organizaciones/:id/socios/:memberId/pedir-correccion', ASSOC(303, 400), [ids.assoc, ids.member], {
      note: 'x'.repeat(1001),
    }),
    GET('/personas/:id', MUNICIPAL(303, 200, { plainUser: 403 }), [ids.person]),
    GET('/personas/:id/datos.json', MUNICIPAL(303, 200, { plainUser: 403 }), [ids.person]),
    POST('/personas/:id/corregir', MUNICIPAL(303, 400, { plainUser: 403 }), [ids.person], { reason: '' }),
    POST('/personas/:id/suprimir', MUNICIPAL(303, 400, { plainUser: 403 }), [ids.person], { reason: '' }),
    POST('/api/v1/associations', { ...ALL(403), anonymous: 401, admin: 409, officerOwn: 409 }, [], {
      communeCode: '04101',
      kind: 'functional_organization',
      name: ids.assocName,
      area: 'urban',
      address: 'Prat 1',
    }),
    GET('/api/v1/associations', { ...ALL(200), anonymous: 401 }),
    GET('/api/v1/associations/:id', READERS(401, 200), [ids.assoc]),
    PATCH('/api/v1/associations/:id', ASSOC(401, 400), [ids.assoc], { contactEmail: 'no-es-correo' }),
    POST('/api/v1/associations/:id/recognition', MUNICIPAL(401, 422), [ids.assoc], {}),
    GET('/api/v1/communes/:code/associations', ALL(200), ['04101']),
    POST('/api/v1/associations/:id/members', ASSOC(401, 400), [ids.assoc], {
      rut: '12.345.678-9',
      fullName: 'Ana',
      birthDate: '1980-01-01',
      joinedOn: '2026-03-01',
    }),
    GET('/api/v1/associations/:id/members', ASSOC(401, 200, { faithMinister: 200 }), [ids.assoc]),
    GET('/api/v1/associations/:id/members.csv', ASSOC(401, 200), [ids.assoc]),
    GET('/api/v1/associations/:id/members.xlsx', ASSOC(401, 200), [ids.assoc]),
    POST('/api/v1/associations/:id/members/import', ASSOC(401, 400), [ids.assoc], {}),
    GET('/api/v1/associations/:id/members/:memberId', ASSOC(401, 200, { faithMinister: 200 }), [ids.assoc, ids.member]),
    PATCH('/api/v1/associations/:id/members/:memberId', ASSOC(401, 400), [ids.assoc, ids.member], {
      email: 'no-es-correo',
    }),
    POST('/api/v1/associations/:id/members/:memberId/end', ASSOC(401, 400), [ids.assoc, ids.member], {
      leftOn: '2026-01-01',
      reason: 'antes del ingreso',
    }),
    POST('/api/v1/associations/:id/members/:memberId/suspend', ASSOC(401, 400), [ids.assoc, ids.member], {
      reason: '',
    }),
    POST('/api/v1/associations/:id/members/:memberId/reactivate', ASSOC(401, 422), [ids.assoc, ids.member], {}),
    // the constitution: bodies that fail validation or a rule, so nothing changes
    GET('/api/v1/associations/:id/constitution', READERS(401, 200), [ids.assoc]),
    POST('/api/v1/associations/:id/constitution/request', ASSOC(401, 400), [ids.assoc], {
      proposedAt: 'pronto',
      place: 'Sede',
    }),
    PUT('/api/v1/associations/:id/constitution/faith-minister', MUNICIPAL(401, 422), [ids.assoc], {
      faithMinisterUserId: NONE,
    }),
    POST('/api/v1/associations/:id/constitution', ASSOC(401, 400), [ids.assoc], {
      assemblyAt: 'ayer',
      place: 'Sede',
      founderMemberIds: [],
      provisionalBoard: [],
    }),
    // only the assigned faith minister certifies: everyone who can read the association gets 403 here
    POST('/api/v1/associations/:id/constitution/certify', READERS(401, 403), [ids.assoc], {}),
    GET('/api/v1/associations/:id/constitution/acta.pdf', ASSOC(401, 404, { faithMinister: 403, assocMember: 403 }), [
      ids.assoc,
    ]),
    GET('/api/v1/associations/:id/constitution/certificate.pdf', READERS(401, 404), [ids.assoc]),
    // deposit and objection are municipal acts; the association is in formation, so the rule refuses (422)
    POST('/api/v1/associations/:id/deposit', MUNICIPAL(401, 422), [ids.assoc], { depositedOn: '2026-03-10' }),
    POST('/api/v1/associations/:id/objection', MUNICIPAL(401, 422), [ids.assoc], OBJECTION),
    POST('/api/v1/associations/:id/objection/correction', MUNICIPAL(401, 422), [ids.assoc], CORRECTION),
    // boards: everyone who reads the association sees them; officers record them (in formation: refused, 422)
    GET('/api/v1/associations/:id/board-terms', READERS(401, 200), [ids.assoc]),
    POST('/api/v1/associations/:id/board-terms', ASSOC(401, 422), [ids.assoc], {
      kind: 'definitive',
      startsOn: '2026-03-10',
      seats: [],
    }),
    // meetings: the officers schedule, move and cancel; every reader sees the calendar; the feed is public by its secret
    POST('/api/v1/associations/:id/meeting-series', MEETINGS(401, 400), [ids.assoc], {
      localStart: 'pronto',
      every: '1 week',
      count: 2,
      place: 'Sede',
    }),
    POST('/api/v1/associations/:id/meetings', MEETINGS(401, 400), [ids.assoc], { localStart: 'pronto', place: 'Sede' }),
    GET('/api/v1/associations/:id/meetings', READERS(401, 200), [ids.assoc]),
    POST('/api/v1/associations/:id/calendar-feed', MEETINGS(401, 201), [ids.assoc]),
    DELETE('/api/v1/associations/:id/calendar-feed', MEETINGS(401, 200), [ids.assoc]),
    GET('/api/v1/meetings/:id', READERS(401, 200), [ids.meeting]),
    PATCH('/api/v1/meetings/:id', MEETINGS(401, 400), [ids.meeting], {}),
    POST('/api/v1/meetings/:id/cancel', MEETINGS(401, 400), [ids.meeting], { reason: ' ' }),
    GET('/organizaciones/:id/reuniones', READERS(303, 200), [ids.assoc]),
    POST('/organizaciones/:id/reuniones/serie', MEETINGS(303, 400), [ids.assoc], {}),
    POST('/organizaciones/:id/reuniones/nueva', MEETINGS(303, 400), [ids.assoc], {}),
    POST('/organizaciones/:id/reuniones/calendario', MEETINGS(303, 200), [ids.assoc]),
    GET('/reuniones/:id', READERS(303, 200), [ids.meeting]),
    POST('/reuniones/:id/mover', MEETINGS(303, 400), [ids.meeting], {}),
    POST('/reuniones/:id/cancelar', MEETINGS(303, 400), [ids.meeting], {}),
    POST('/reuniones/:id/eliminar', MEETINGS(303, 400), [ids.meeting], {}),
    PUT('/api/v1/meetings/:id/attendance', MEETINGS(401, 400), [ids.meeting], [] as never),
    PUT('/api/v1/meetings/:id/call', MEETINGS(401, 200), [ids.meeting], { call: 'first' }),
    GET('/reuniones/:id/asistencia', MEETINGS(303, 200), [ids.meeting]),
    POST('/reuniones/:id/asistencia', MEETINGS(303, 400), [ids.meeting], {}),
    POST('/reuniones/:id/citacion', MEETINGS(303, 400), [ids.meeting], {}),
    POST('/api/v1/meetings/:id/agenda', MEETINGS(401, 400), [ids.meeting], { title: ' ' }),
    PUT('/api/v1/meetings/:id/agenda/order', MEETINGS(401, 400), [ids.meeting], { itemIds: ['x'] }),
    DELETE('/api/v1/meetings/:id/agenda/:itemId', MEETINGS(401, 404), [ids.meeting, NONE]),
    POST('/reuniones/:id/temario', MEETINGS(303, 400), [ids.meeting], { title: '' }),
    POST('/reuniones/:id/temario/:itemId/subir', MEETINGS(303, 404), [ids.meeting, NONE]),
    POST('/reuniones/:id/temario/:itemId/quitar', MEETINGS(303, 404), [ids.meeting, NONE]),
    GET('/api/v1/meetings/:id/convocation', MEETINGS(401, 200), [ids.meeting]),
    POST('/api/v1/meetings/:id/convene', MEETINGS(401, 200), [ids.meeting]),
    GET('/reuniones/:id/convocatoria', MEETINGS(303, 200), [ids.meeting]),
    POST('/reuniones/:id/convocatoria', MEETINGS(303, 303), [ids.meeting]),
    // minutes (a future meeting's draft: the municipality reads it, members and the faith minister do not; approval and sending wait for the meeting)
    GET('/api/v1/meetings/:id/minutes', ASSOC(401, 200, { faithMinister: 404, assocMember: 404 }), [ids.meeting]),
    PUT('/api/v1/meetings/:id/minutes', MEETINGS(401, 400), [ids.meeting], { agreements: [{ text: '' }] }),
    POST('/api/v1/meetings/:id/minutes/approve', MEETINGS(401, 422), [ids.meeting]),
    GET('/api/v1/meetings/:id/minutes.pdf', ASSOC(401, 200, { faithMinister: 404, assocMember: 404 }), [ids.meeting]),
    POST('/api/v1/meetings/:id/minutes/send', MEETINGS(401, 422), [ids.meeting]),
    GET('/api/v1/associations/:id/minutes', READERS(401, 200), [ids.assoc]),
    GET('/api/v1/associations/:id/minutes/chain', ASSOC(401, 200), [ids.assoc]),
    // tables (DOM-TBL-1)
    GET('/api/v1/institutions', { ...ALL(200), anonymous: 401 }),
    POST('/api/v1/institutions', { ...ALL(403), anonymous: 401, admin: 400, officerOwn: 400, officerOther: 400 }, [], {
      name: 'Institución de la matriz',
      kind: 'ninguna',
    }),
    GET('/api/v1/tables', { ...ALL(200), anonymous: 401 }),
    POST('/api/v1/tables', { ...ALL(403), anonymous: 401, admin: 400, officerOwn: 400 }, [], {
      kind: 'ninguna',
      name: 'Mesa',
      scopeLevel: 'commune',
      scopeCode: '04101',
    }),
    GET('/api/v1/tables/:id', TABLE(401, 200), [ids.table]),
    POST('/api/v1/tables/:id/participants', TABLE(401, 400), [ids.table], { name: ' ' }),
    POST('/api/v1/tables/:id/axes', TABLE(401, 400), [ids.table], { name: ' ' }),
    GET('/mesas', { ...ALL(200), anonymous: 303 }),
    POST('/mesas', { ...ALL(403), anonymous: 303, admin: 400, officerOwn: 400 }, [], {
      kind: 'security',
      name: '',
      scopeCode: '04101',
    }),
    GET('/mesas/:id', TABLE(303, 200), [ids.table]),
    POST('/mesas/:id/participantes', TABLE(303, 400), [ids.table], { name: '' }),
    POST('/mesas/:id/ejes', TABLE(303, 400), [ids.table], { name: '' }),
    // table sessions, the commitments board, evidence, share links, security plans (issue 9)
    POST('/api/v1/tables/:id/meeting-series', TABLE(401, 400), [ids.table], {
      localStart: 'mañana',
      place: 'Sala',
      every: '1 month',
    }),
    POST('/api/v1/tables/:id/meetings', TABLE(401, 400), [ids.table], { localStart: 'mañana', place: 'Sala' }),
    GET('/api/v1/tables/:id/meetings', TABLE(401, 200), [ids.table]),
    GET('/api/v1/tables/:id/commitments?overdue=true', TABLE(401, 200), [ids.table]),
    GET('/api/v1/tables/:id/commitments.csv', TABLE(401, 200), [ids.table]),
    GET('/api/v1/tables/:id/commitments.xlsx', TABLE(401, 200), [ids.table]),
    GET('/api/v1/evidence/:id', TABLE(401, 200), [ids.evidence]),
    GET('/api/v1/tables/:id/share-links', TABLE(401, 200), [ids.table]),
    POST('/api/v1/tables/:id/share-links', TABLE(401, 400), [ids.table], { label: 'x'.repeat(250) }),
    DELETE('/api/v1/tables/:id/share-links/:linkId', TABLE(401, 404), [ids.table, NONE]),
    GET('/api/v1/security-plans', { ...ALL(200), anonymous: 401 }),
    GET('/api/v1/meetings/:id', TABLE(401, 200), [ids.session]),
    PUT(
      '/api/v1/meetings/:id/attendance',
      TABLE(401, 400),
      [ids.session],
      [{ participantId: NONE, status: 'present' }],
    ),
    PUT('/api/v1/meetings/:id/minutes', TABLE(401, 400), [ids.session], { agreements: [{ text: '' }] }),
    POST('/api/v1/meetings/:id/minutes/approve', TABLE(401, 422), [ids.session]),
    GET('/api/v1/meetings/:id/minutes.pdf', TABLE(401, 200), [ids.session]),
    {
      method: 'GET',
      path: `/api/v1/commitments?tableId=${ids.table}`,
      route: '/api/v1/commitments',
      expect: TABLE(401, 200),
    },
    GET('/api/v1/commitments/:id', TABLE(401, 200), [ids.tableCommitment]),
    POST('/api/v1/commitments/:id/updates', TABLE(401, 400), [ids.tableCommitment], { note: ' ' }),
    POST('/mesas/:id/sesiones', TABLE(303, 400), [ids.table], { localStart: '', place: 'Sala' }),
    GET('/mesas/:id/sesiones/:meetingId', TABLE(303, 200), [ids.table, ids.session]),
    POST('/mesas/:id/sesiones/:meetingId/asistencia', TABLE(303, 400), [ids.table, ids.session], {}),
    POST('/mesas/:id/sesiones/:meetingId/tabla', TABLE(303, 400), [ids.table, ids.session], { title: '' }),
    POST('/mesas/:id/sesiones/:meetingId/convocar', TABLE(303, 422), [ids.table, ids.session]),
    POST('/mesas/:id/sesiones/:meetingId/acta', TABLE(303, 400), [ids.table, ids.session], {
      'commitments[0][description]': 'Sin responsable ni plazo',
    }),
    POST('/mesas/:id/sesiones/:meetingId/aprobar', TABLE(303, 422), [ids.table, ids.session]),
    GET('/mesas/:id/sesiones/:meetingId/acta.pdf', TABLE(303, 200), [ids.table, ids.session]),
    GET('/mesas/:id/compromisos', TABLE(303, 200), [ids.table]),
    GET('/mesas/:id/compromisos.csv', TABLE(303, 200), [ids.table]),
    GET('/mesas/:id/compromisos.xlsx', TABLE(303, 200), [ids.table]),
    GET('/mesas/:id/compromisos/:commitmentId', TABLE(303, 200), [ids.table, ids.tableCommitment]),
    POST('/mesas/:id/compromisos/:commitmentId/avance', TABLE(303, 400), [ids.table, ids.tableCommitment], {
      note: '',
    }),
    GET('/mesas/:id/evidencias/:evidenceId', TABLE(303, 200), [ids.table, ids.evidence]),
    POST('/mesas/:id/enlaces', TABLE(303, 400), [ids.table], { label: 'x'.repeat(250) }),
    POST('/mesas/:id/enlaces/:linkId/revocar', TABLE(303, 404), [ids.table, NONE]),
    GET('/mesas/compartida/:token', ALL(404), ['enlace-inventado-enlace-inventado-0000']),
    GET('/seguridad/planes-comunales', { ...ALL(200), anonymous: 303 }),
    {
      method: 'GET',
      path: `/api/v1/commitments?associationId=${ids.assoc}`,
      route: '/api/v1/commitments',
      expect: READERS(401, 200),
    },
    GET('/api/v1/commitments/:id', READERS(401, 200), [ids.commitment]),
    POST('/api/v1/commitments/:id/updates', MEETINGS(401, 400), [ids.commitment], { note: ' ' }),
    GET('/reuniones/:id/acta', ASSOC(303, 200, { faithMinister: 404, assocMember: 404 }), [ids.meeting]),
    POST('/reuniones/:id/acta', MEETINGS(303, 400), [ids.meeting], {
      'commitments[0][description]': 'Sin responsable ni plazo',
    }),
    POST('/reuniones/:id/acta/aprobar', MEETINGS(303, 400), [ids.meeting]),
    POST('/reuniones/:id/acta/enviar', MEETINGS(303, 422), [ids.meeting]),
    GET('/reuniones/:id/acta.pdf', ASSOC(303, 200, { faithMinister: 404, assocMember: 404 }), [ids.meeting]),
    GET('/organizaciones/:id/actas', READERS(303, 200), [ids.assoc]),
    GET('/organizaciones/:id/compromisos', READERS(303, 200), [ids.assoc]),
    POST('/compromisos/:id/avance', MEETINGS(303, 400), [ids.commitment], { note: '' }),
    GET('/calendario/:file', ALL(404), ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics']),
    // a person is reached by the municipality of one of their associations; everyone else gets 404
    GET('/api/v1/people/:id', PERSON_API(200), [ids.person]),
    GET('/api/v1/people/:id/export', PERSON_API(200), [ids.person]),
    POST('/api/v1/people/:id/correction', PERSON_API(400), [ids.person], { reason: '' }),
    POST('/api/v1/people/:id/erase', PERSON_API(400), [ids.person], { reason: '' }),
    // ---- issue 17: programs (API) ----
    GET('/api/v1/programs', { ...ALL(200), anonymous: 401, progOfficer: 200, progOther: 200 }),
    POST('/api/v1/programs', { ...ALL(403), anonymous: 401, admin: 201, progOfficer: 403, progOther: 403 }, [], {
      name: 'Programa nuevo',
      kind: 'individual',
      year: 2026,
      agencyName: 'Sercotec',
      regionCode: '04',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    }),
    GET('/api/v1/programs/:id', PROGRAM(401, 200), [ids.program]),
    GET('/api/v1/programs/:id/officers', PROGRAM(401, 200), [ids.program]),
    POST('/api/v1/programs/:id/officers', PROGRAM(401, 201, { progOfficer: 403 }), [ids.program], {
      email: 'ejecutiva.matriz@example.cl',
      name: 'Ejecutiva Matriz',
    }),
    POST('/api/v1/programs/:id/associations', PROGRAM(401, 409), [ids.program], {
      associationId: ids.assoc,
      enrolledOn: '2026-02-01',
    }),
    GET(
      '/api/v1/associations/:id/program-consents',
      { ...CONSENT(401, 200), officerOwn: 200, faithMinister: 200, assocMember: 200, progOfficer: 200 },
      [ids.assoc],
    ),
    POST('/api/v1/associations/:id/program-consents', CONSENT(401, 201), [ids.assoc], {
      programId: ids.program,
      textVersion: 'programa-registro-2026-12',
    }),
    POST('/api/v1/programs/:id/beneficiaries', PROGRAM(401, 409), [ids.program], BENEFICIARY),
    GET('/api/v1/programs/:id/beneficiaries', PROGRAM(401, 200), [ids.program]),
    GET('/api/v1/programs/:id/beneficiaries.:format', PROGRAM(401, 200), [ids.program, 'csv']),
    POST('/api/v1/programs/:id/beneficiaries/import', PROGRAM(401, 422), [ids.program]),
    GET(
      '/api/v1/program-beneficiaries/template.:format',
      { ...ALL(200), anonymous: 401, progOfficer: 200, progOther: 200 },
      ['csv'],
    ),
    POST('/api/v1/programs/:id/benefits', PROGRAM(401, 422), [ids.program], {
      beneficiaryId: ids.beneficiary,
      kind: 'subsidy',
      amountClp: 5_000_000,
      deliveredOn: '2026-03-02',
    }),
    GET('/api/v1/programs/:id/benefits', PROGRAM(401, 200), [ids.program]),
    GET('/api/v1/programs/:id/benefits.:format', PROGRAM(401, 200), [ids.program, 'xlsx']),
    POST('/api/v1/programs/:id/activities', PROGRAM(401, 422), [ids.program], {
      title: 'Feria',
      localStart: '2027-03-10T10:00',
      place: 'Plaza',
    }),
    GET('/api/v1/programs/:id/activities', PROGRAM(401, 200), [ids.program]),
    GET('/api/v1/program-activities/:id', PROGRAM(401, 200), [ids.activity]),
    PUT(
      '/api/v1/program-activities/:id/attendance',
      PROGRAM(401, 200),
      [ids.activity],
      [{ beneficiaryId: ids.beneficiary, status: 'present' }],
    ),
    GET('/api/v1/programs/:id/portfolio', PROGRAM(401, 200), [ids.program]),
    GET('/api/v1/programs/:id/portfolio.:format', PROGRAM(401, 200), [ids.program, 'csv']),
    GET('/api/v1/programs/:id/associations/:associationId/report.pdf', PROGRAM(401, 200), [ids.program, ids.assoc]),
    // ---- issue 17: programs (pages) ----
    GET('/programas', { ...ALL(200), anonymous: 303, progOfficer: 302, progOther: 302 }),
    POST('/programas', { ...ALL(403), anonymous: 303, admin: 303, progOfficer: 403, progOther: 403 }, [], {
      name: 'Programa desde la página',
      kind: 'individual',
      year: '2026',
      agencyName: 'Sercotec',
      regionCode: '04',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    }),
    GET('/programas/:id', PROGRAM(303, 200), [ids.program]),
    POST('/programas/:id/ejecutivos', PROGRAM(303, 303, { progOfficer: 403 }), [ids.program], {
      name: 'Ejecutivo Página',
      email: 'ejecutivo.pagina@example.cl',
    }),
    POST('/programas/:id/organizaciones', PROGRAM(303, 409), [ids.program], {
      associationId: ids.assoc,
      enrolledOn: '2026-02-01',
    }),
    GET('/programas/:id/beneficiarios', PROGRAM(303, 200), [ids.program]),
    POST('/programas/:id/beneficiarios', PROGRAM(303, 400), [ids.program], {}),
    POST('/programas/:id/beneficiarios/registro', PROGRAM(303, 422), [ids.program], {}),
    GET('/programas/:id/beneficiarios/importar', PROGRAM(303, 200), [ids.program]),
    POST('/programas/:id/beneficiarios/importar', PROGRAM(303, 400), [ids.program], {}),
    GET('/programas/:id/beneficiarios/plantilla.:format', PROGRAM(303, 200), [ids.program, 'csv']),
    GET('/programas/:id/beneficios', PROGRAM(303, 200), [ids.program]),
    POST('/programas/:id/beneficios', PROGRAM(303, 400), [ids.program], {}),
    GET('/programas/:id/actividades', PROGRAM(303, 200), [ids.program]),
    POST('/programas/:id/actividades', PROGRAM(303, 400), [ids.program], {}),
    GET('/programas/:id/actividades/:activityId', PROGRAM(303, 200), [ids.program, ids.activity]),
    POST('/programas/:id/actividades/:activityId/asistencia', PROGRAM(303, 303), [ids.program, ids.activity], {
      [`status[${ids.beneficiary}]`]: 'present',
    }),
    GET('/programas/:id/:list.:format', PROGRAM(303, 200), [ids.program, 'beneficiarios', 'csv']),
    GET('/programas/:id/organizaciones/:associationId/cuenta-anual.pdf', PROGRAM(303, 200), [ids.program, ids.assoc]),
    GET(
      '/organizaciones/:id/programas',
      { ...CONSENT(303, 200), officerOwn: 200, faithMinister: 200, assocMember: 200, progOfficer: 200 },
      [ids.assoc],
    ),
    POST('/organizaciones/:id/programas/:programId/compartir', CONSENT(303, 303), [ids.assoc, ids.program], {
      textVersion: 'programa-registro-2026-12',
    }),
    POST('/organizaciones/:id/programas/:programId/retirar', CONSENT(303, 303), [ids.assoc, ids.program]),
    DELETE('/api/v1/associations/:id/program-consents/:programId', CONSENT(401, 200), [ids.assoc, ids.program]),
    // last: it ends each caller's session
    POST('/salir', ALL(303)),
  ];

  it('covers every route the application serves', () => {
    const instance = ctx.app.getHttpAdapter().getInstance() as {
      router?: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    const served = (instance.router?.stack ?? [])
      // Swagger UI's own routes and Nest's catch-all 404 handler are not ours to list
      .filter(
        (layer) => layer.route && !layer.route.path.startsWith('/api/docs') && !layer.route.path.includes('*splat'),
      )
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`));
    const listed = new Set(cases().map((c) => `${c.method} ${c.route}`));
    expect(served.filter((r) => !listed.has(r))).toEqual([]);
    expect(served.length).toBeGreaterThan(20);
  });

  it('answers each caller as API.md says, route by route', async () => {
    await ctx.newUser({ email: 'duplicado@example.cl', roles: [['association_member', ids.assoc]] });
    const mismatches: string[] = [];
    const formTokens: Partial<Record<Caller, string>> = {};
    for (const c of cases()) {
      for (const [caller, status] of Object.entries(c.expect) as [Caller, number][]) {
        let res;
        if (c.path.startsWith('/api/')) {
          let req =
            c.method === 'GET'
              ? ctx.http.get(c.path)
              : c.method === 'PATCH'
                ? ctx.http.patch(c.path).send(c.body ?? {})
                : c.method === 'PUT'
                  ? ctx.http.put(c.path).send(c.body ?? {})
                  : c.method === 'DELETE'
                    ? ctx.http.delete(c.path)
                    : ctx.http.post(c.path).send(c.body ?? {});
          if (caller !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[caller]}`);
          res = await req;
        } else if (caller === 'anonymous') {
          if (c.method === 'GET') res = await ctx.http.get(c.path);
          else {
            // an anonymous browser with a session of its own (the CSRF token comes from the login page)
            res = await (await ctx.openForm('/ingresar')).submit(c.path, (c.body ?? {}) as Record<string, unknown>);
          }
        } else {
          const { agent, csrf } = agents[caller]!;
          // the form token belongs to the session (csrf-sync): read once per caller, again only when a route
          // replaced the session and the portal says the form expired
          const post = async () =>
            agent
              .post(c.path)
              .type('form')
              .send({ _csrf: (formTokens[caller] ??= await csrf()), ...(c.body ?? {}) });
          if (c.method === 'GET') res = await agent.get(c.path);
          else {
            res = await post();
            if (res.status === 403 && /CSRF_INVALID|formulario expiró|form expired/i.test(res.text)) {
              delete formTokens[caller];
              res = await post();
            }
          }
        }
        if (res.status !== status)
          mismatches.push(`${caller} ${c.method} ${c.path}: expected ${status}, got ${res.status}`);
        if (
          status === 303 &&
          caller === 'anonymous' &&
          c.route !== '/salir' &&
          !res.headers.location?.startsWith('/ingresar?volver=')
        ) {
          mismatches.push(`${caller} ${c.method} ${c.path}: redirected to ${res.headers.location}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 180_000); // about 1,200 requests (every route for eight callers)

  it("refuses every state-changing page without a CSRF token or with another session's, changing nothing", async () => {
    const fresh = {
      a: await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] })),
      b: await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] })),
    };
    const tables = [
      'app_user',
      'role_assignment',
      'api_token',
      'auth_link',
      'outbox_message',
      'association',
      'person',
      'membership',
      'membership_event',
      'roster_import',
    ];
    const counts = async () => Promise.all(tables.map((t) => ctx.count(t)));
    const before = await counts();
    const problems: string[] = [];
    for (const c of cases().filter((x) => x.method === 'POST' && !x.path.startsWith('/api/'))) {
      const missing = await fresh.a.agent
        .post(c.path)
        .type('form')
        .send(c.body ?? {});
      const foreign = await fresh.a.agent
        .post(c.path)
        .type('form')
        .send({ _csrf: await fresh.b.csrf(), ...(c.body ?? {}) });
      if (missing.status !== 403) problems.push(`${c.path} without a token: ${missing.status}`);
      if (foreign.status !== 403) problems.push(`${c.path} with another session's token: ${foreign.status}`);
    }
    expect(problems).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});
