import { createTestApp, TestContext } from '../support/test-app';
import {
  AccessRows,
  ALL,
  ASSOC,
  Caller,
  CONSENT,
  MEETINGS,
  MUNICIPAL,
  PROGRAM,
  RouteCase,
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
      await ctx.http
        .post(`/api/v1/programs/${ids.program}/beneficiaries`)
        .set(admin)
        .send({
          rut: '11.111.111-1',
          fullName: 'Ana Soto',
          businessName: 'Almacén',
          businessCategory: 'Almacén',
          ownerSex: 'female',
          communeCode: '04101',
          enrolledOn: '2026-03-01',
          consentTextVersion: 'beneficiario-2026-12',
        })
        .expect(201)
    ).body.id;
    for (const rows of FEATURE_ROWS) await rows.setup(ctx, ids, tokens);
  }, 120_000); // every feature's scenario through its API (about 12 s on a quiet machine, 30+ under CI's load)
  afterAll(() => ctx.close());

  const cases = (): RouteCase[] => [
    ...FEATURE_ROWS.flatMap((rows) => rows.cases(ids)),
    { method: 'GET', path: '/', route: '/', expect: ALL(200) },
    { method: 'GET', path: '/inicio', route: '/inicio', expect: SIGNED_IN(303, 200) },
    { method: 'GET', path: '/comunas', route: '/comunas', expect: ALL(200) },
    { method: 'GET', path: '/verificar', route: '/verificar', expect: ALL(200) },
    { method: 'GET', path: `/verificar/${ids.doc}`, route: '/verificar/:code', expect: ALL(200) },
    { method: 'GET', path: '/health/live', route: '/health/live', expect: ALL(200) },
    { method: 'GET', path: '/health/ready', route: '/health/ready', expect: ALL(200) },
    { method: 'GET', path: '/api/v1/communes', route: '/api/v1/communes', expect: ALL(200) },
    { method: 'GET', path: `/api/v1/verify/${ids.doc}`, route: '/api/v1/verify/:code', expect: ALL(200) },
    { method: 'GET', path: '/ingresar', route: '/ingresar', expect: ALL(200) },
    {
      method: 'POST',
      path: '/ingresar',
      route: '/ingresar',
      expect: ALL(401),
      body: { email: 'nadie@example.cl', password: 'no-existe-123' },
    },
    { method: 'GET', path: '/clave/olvide', route: '/clave/olvide', expect: ALL(200) },
    {
      method: 'POST',
      path: '/clave/olvide',
      route: '/clave/olvide',
      expect: ALL(200),
      body: { email: 'nadie@example.cl' },
    },
    { method: 'GET', path: '/clave/nueva?token=x', route: '/clave/nueva', expect: ALL(410) },
    {
      method: 'POST',
      path: '/clave/nueva',
      route: '/clave/nueva',
      expect: ALL(410),
      body: { token: 'x', password: 'abcdefghij', passwordConfirmation: 'abcdefghij' },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/tokens',
      route: '/api/v1/auth/tokens',
      expect: ALL(401),
      body: { email: 'nadie@example.cl', password: 'no-existe-123' },
    },
    {
      method: 'GET',
      path: '/api/v1/me',
      route: '/api/v1/me',
      expect: { anonymous: 401, admin: 200, officerOwn: 200, officerOther: 200, faithMinister: 200, plainUser: 200 },
    },
    {
      method: 'POST',
      path: '/api/v1/users',
      route: '/api/v1/users',
      expect: { anonymous: 401, admin: 409, officerOwn: 409, officerOther: 403, faithMinister: 403, plainUser: 403 },
      // an existing e-mail: the callers with the right reach the service (409), nothing is created
      body: {
        email: 'duplicado@example.cl',
        name: 'Duplicado',
        roles: [{ role: 'faith_minister', scopeType: 'commune', scopeId: '04101' }],
      },
    },
    {
      method: 'GET',
      path: '/cuenta',
      route: '/cuenta',
      expect: { anonymous: 303, admin: 200, officerOwn: 200, officerOther: 200, faithMinister: 200, plainUser: 200 },
    },
    {
      method: 'POST',
      path: '/cuenta/tokens/00000000-0000-4000-8000-000000000000/revocar',
      route: '/cuenta/tokens/:id/revocar',
      expect: { anonymous: 303, admin: 404, officerOwn: 404, officerOther: 404, faithMinister: 404, plainUser: 404 },
    },
    {
      method: 'GET',
      path: '/admin/usuarios',
      route: '/admin/usuarios',
      expect: { anonymous: 303, admin: 200, officerOwn: 200, officerOther: 200, faithMinister: 403, plainUser: 403 },
    },
    {
      method: 'GET',
      path: '/admin/usuarios/invitar',
      route: '/admin/usuarios/invitar',
      expect: { anonymous: 303, admin: 200, officerOwn: 200, officerOther: 200, faithMinister: 403, plainUser: 403 },
    },
    {
      method: 'POST',
      path: '/admin/usuarios/invitar',
      route: '/admin/usuarios/invitar',
      expect: { anonymous: 303, admin: 409, officerOwn: 409, officerOther: 403, faithMinister: 403, plainUser: 403 },
      body: { email: 'duplicado@example.cl', name: 'Duplicado', role: 'faith_minister', scopeId: '04101' },
    },
    // a user of La Serena: visible to the admin and La Serena's officer, not found for Melipilla's
    {
      method: 'GET',
      path: `/admin/usuarios/${ids.laSerenaUser}`,
      route: '/admin/usuarios/:id',
      expect: { anonymous: 303, admin: 200, officerOwn: 200, officerOther: 404, faithMinister: 403, plainUser: 403 },
    },
    {
      method: 'POST',
      path: `/admin/usuarios/${ids.laSerenaUser}/roles`,
      route: '/admin/usuarios/:id/roles',
      expect: { anonymous: 303, admin: 303, officerOwn: 303, officerOther: 404, faithMinister: 403, plainUser: 403 },
      body: { role: 'faith_minister', scopeId: '04101' }, // already held: no change, but the right is exercised
    },
    {
      method: 'POST',
      path: `/admin/usuarios/${ids.laSerenaUser}/roles/quitar`,
      route: '/admin/usuarios/:id/roles/quitar',
      expect: { anonymous: 303, admin: 422, officerOwn: 422, officerOther: 404, faithMinister: 403, plainUser: 403 },
      body: { role: 'association_member', scopeId: '04101' }, // 04101 is no association: 422 once the caller may act
    },
    {
      method: 'POST',
      path: '/admin/usuarios/00000000-0000-4000-8000-000000000000/desactivar',
      route: '/admin/usuarios/:id/desactivar',
      expect: { anonymous: 303, admin: 404, officerOwn: 404, officerOther: 404, faithMinister: 403, plainUser: 403 },
    },
    {
      method: 'GET',
      path: '/admin/outbox',
      route: '/admin/outbox',
      expect: { anonymous: 303, admin: 200, officerOwn: 403, officerOther: 403, faithMinister: 403, plainUser: 403 },
    },
    {
      method: 'GET',
      path: '/admin/outbox/00000000-0000-4000-8000-000000000000',
      route: '/admin/outbox/:id',
      expect: { anonymous: 303, admin: 404, officerOwn: 403, officerOther: 403, faithMinister: 403, plainUser: 403 },
    },
    {
      method: 'GET',
      path: '/admin/outbox/00000000-0000-4000-8000-000000000000/html',
      route: '/admin/outbox/:id/html',
      expect: { anonymous: 303, admin: 404, officerOwn: 403, officerOther: 403, faithMinister: 403, plainUser: 403 },
    },
    // ---- registry and rosters
    { method: 'GET', path: '/organizaciones', route: '/organizaciones', expect: { ...ALL(200), anonymous: 303 } },
    {
      method: 'GET',
      path: '/organizaciones/nueva',
      route: '/organizaciones/nueva',
      expect: {
        anonymous: 303,
        admin: 200,
        officerOwn: 200,
        officerOther: 200,
        faithMinister: 403,
        plainUser: 403,
        assocOfficer: 403,
        assocMember: 403,
      },
    },
    {
      method: 'POST',
      path: '/organizaciones/nueva',
      route: '/organizaciones/nueva',
      expect: {
        anonymous: 303,
        admin: 409,
        officerOwn: 409,
        officerOther: 403,
        faithMinister: 403,
        plainUser: 403,
        assocOfficer: 403,
        assocMember: 403,
      },
      body: {
        communeCode: '04101',
        kind: 'functional_organization',
        name: ids.assocName,
        area: 'urban',
        address: 'Prat 1',
      }, // a duplicate name: nothing created
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}`,
      route: '/organizaciones/:id',
      expect: ASSOC(303, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/editar`,
      route: '/organizaciones/:id/editar',
      expect: ASSOC(303, 200),
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/editar`,
      route: '/organizaciones/:id/editar',
      expect: ASSOC(303, 400),
      body: { contactEmail: 'no-es-correo' },
    },
    // an existing e-mail with a role already held: the callers with the right exercise it and nothing changes
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/accesos`,
      route: '/organizaciones/:id/accesos',
      expect: MUNICIPAL(303, 303),
      body: { email: 'duplicado@example.cl', name: 'Duplicado', role: 'association_member' },
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/reconocimiento`,
      route: '/organizaciones/:id/reconocimiento',
      expect: MUNICIPAL(303, 422),
      body: {},
    },
    { method: 'GET', path: '/comunas/04101/organizaciones', route: '/comunas/:code/organizaciones', expect: ALL(200) },
    // the constitution's pages (the association is in formation: the later steps are refused by rule, 422)
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/constitucion/solicitud`,
      route: '/organizaciones/:id/constitucion/solicitud',
      expect: ASSOC(303, 400),
      body: { proposedAt: 'pronto', place: 'Sede' },
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/constitucion/ministro`,
      route: '/organizaciones/:id/constitucion/ministro',
      expect: MUNICIPAL(303, 422),
      body: { faithMinisterUserId: '00000000-0000-4000-8000-000000000000' },
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/constitucion/deposito`,
      route: '/organizaciones/:id/constitucion/deposito',
      expect: MUNICIPAL(303, 422),
      body: { depositedOn: '2026-03-10' },
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/constitucion/objecion`,
      route: '/organizaciones/:id/constitucion/objecion',
      expect: MUNICIPAL(303, 422),
      body: { objectedOn: '2026-03-10', reasons: 'x' },
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/constitucion/subsanacion`,
      route: '/organizaciones/:id/constitucion/subsanacion',
      expect: MUNICIPAL(303, 422),
      body: { correctedOn: '2026-03-10', notes: 'x' },
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/constitucion/asamblea`,
      route: '/organizaciones/:id/constitucion/asamblea',
      expect: ASSOC(303, 200),
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/constitucion/asamblea`,
      route: '/organizaciones/:id/constitucion/asamblea',
      expect: ASSOC(303, 400),
      body: {},
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/constitucion/certificar`,
      route: '/organizaciones/:id/constitucion/certificar',
      expect: ASSOC(303, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/constitucion/certificar`,
      route: '/organizaciones/:id/constitucion/certificar',
      expect: ASSOC(303, 403, { faithMinister: 403, assocMember: 403 }),
      body: {},
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/constitucion/acta.pdf`,
      route: '/organizaciones/:id/constitucion/acta.pdf',
      expect: ASSOC(303, 404, { faithMinister: 403, assocMember: 403 }),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/constitucion/certificado.pdf`,
      route: '/organizaciones/:id/constitucion/certificado.pdf',
      expect: ASSOC(303, 404, { faithMinister: 404, assocMember: 404 }),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/directorio/nuevo`,
      route: '/organizaciones/:id/directorio/nuevo',
      expect: ASSOC(303, 200),
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/directorio/nuevo`,
      route: '/organizaciones/:id/directorio/nuevo',
      expect: ASSOC(303, 400),
      body: {},
    },
    {
      method: 'GET',
      path: '/api/v1/faith-minister/assemblies',
      route: '/api/v1/faith-minister/assemblies',
      expect: {
        anonymous: 401,
        admin: 403,
        officerOwn: 403,
        officerOther: 403,
        faithMinister: 200,
        plainUser: 403,
        assocOfficer: 403,
        assocMember: 403,
      },
    },
    {
      method: 'GET',
      path: '/ministro-de-fe',
      route: '/ministro-de-fe',
      expect: {
        anonymous: 303,
        admin: 403,
        officerOwn: 403,
        officerOther: 403,
        faithMinister: 200,
        plainUser: 403,
        assocOfficer: 403,
        assocMember: 403,
      },
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/socios`,
      route: '/organizaciones/:id/socios',
      expect: ASSOC(303, 200, { faithMinister: 200 }),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/socios/nuevo`,
      route: '/organizaciones/:id/socios/nuevo',
      expect: ASSOC(303, 200),
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/socios/nuevo`,
      route: '/organizaciones/:id/socios/nuevo',
      expect: ASSOC(303, 400),
      body: { rut: '12.345.678-9', fullName: 'Ana', birthDate: '1980-01-01', joinedOn: '2026-03-01' },
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/socios/importar`,
      route: '/organizaciones/:id/socios/importar',
      expect: ASSOC(303, 200),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/socios/importar/plantilla.xlsx`,
      route: '/organizaciones/:id/socios/importar/plantilla.:format',
      expect: ASSOC(303, 200),
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/socios/importar`,
      route: '/organizaciones/:id/socios/importar',
      expect: ASSOC(303, 400),
      body: {},
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/socios/importar/00000000-0000-4000-8000-000000000000`,
      route: '/organizaciones/:id/socios/importar/:importId',
      expect: ASSOC(303, 404),
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/socios/importar/00000000-0000-4000-8000-000000000000/confirmar`,
      route: '/organizaciones/:id/socios/importar/:importId/confirmar',
      expect: ASSOC(303, 404),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/socios/exportar.csv`,
      route: '/organizaciones/:id/socios/exportar.csv',
      expect: ASSOC(303, 200),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/socios/exportar.xlsx`,
      route: '/organizaciones/:id/socios/exportar.xlsx',
      expect: ASSOC(303, 200),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/socios/${ids.member}`,
      route: '/organizaciones/:id/socios/:memberId',
      expect: ASSOC(303, 200, { faithMinister: 200 }),
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/socios/${ids.member}`,
      route: '/organizaciones/:id/socios/:memberId',
      expect: ASSOC(303, 400),
      body: { email: 'no-es-correo' },
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/socios/${ids.member}/suspender`,
      route: '/organizaciones/:id/socios/:memberId/suspender',
      expect: ASSOC(303, 400),
      body: { reason: '' },
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/socios/${ids.member}/reactivar`,
      route: '/organizaciones/:id/socios/:memberId/reactivar',
      expect: ASSOC(303, 422),
      body: {},
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/socios/${ids.member}/terminar`,
      route: '/organizaciones/:id/socios/:memberId/terminar',
      expect: ASSOC(303, 400),
      body: { leftOn: '2026-01-01', reason: 'antes del ingreso' },
    },
    {
      // issue 22 item 5: a roster officer asks the municipality to correct a name (a note too long: nothing queued)
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/socios/${ids.member}/pedir-correccion`,
      route: '/organizaciones/:id/socios/:memberId/pedir-correccion',
      expect: ASSOC(303, 400),
      body: { note: 'x'.repeat(1001) },
    },
    {
      method: 'GET',
      path: `/personas/${ids.person}`,
      route: '/personas/:id',
      expect: MUNICIPAL(303, 200, { plainUser: 403 }),
    },
    {
      method: 'GET',
      path: `/personas/${ids.person}/datos.json`,
      route: '/personas/:id/datos.json',
      expect: MUNICIPAL(303, 200, { plainUser: 403 }),
    },
    {
      method: 'POST',
      path: `/personas/${ids.person}/corregir`,
      route: '/personas/:id/corregir',
      expect: MUNICIPAL(303, 400, { plainUser: 403 }),
      body: { reason: '' },
    },
    {
      method: 'POST',
      path: `/personas/${ids.person}/suprimir`,
      route: '/personas/:id/suprimir',
      expect: MUNICIPAL(303, 400, { plainUser: 403 }),
      body: { reason: '' },
    },
    {
      method: 'POST',
      path: '/api/v1/associations',
      route: '/api/v1/associations',
      expect: {
        anonymous: 401,
        admin: 409,
        officerOwn: 409,
        officerOther: 403,
        faithMinister: 403,
        plainUser: 403,
        assocOfficer: 403,
        assocMember: 403,
      },
      body: {
        communeCode: '04101',
        kind: 'functional_organization',
        name: ids.assocName,
        area: 'urban',
        address: 'Prat 1',
      },
    },
    {
      method: 'GET',
      path: '/api/v1/associations',
      route: '/api/v1/associations',
      expect: { ...ALL(200), anonymous: 401 },
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}`,
      route: '/api/v1/associations/:id',
      expect: ASSOC(401, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'PATCH',
      path: `/api/v1/associations/${ids.assoc}`,
      route: '/api/v1/associations/:id',
      expect: ASSOC(401, 400),
      body: { contactEmail: 'no-es-correo' },
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/recognition`,
      route: '/api/v1/associations/:id/recognition',
      expect: MUNICIPAL(401, 422),
      body: {},
    },
    {
      method: 'GET',
      path: '/api/v1/communes/04101/associations',
      route: '/api/v1/communes/:code/associations',
      expect: ALL(200),
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/members`,
      route: '/api/v1/associations/:id/members',
      expect: ASSOC(401, 400),
      body: { rut: '12.345.678-9', fullName: 'Ana', birthDate: '1980-01-01', joinedOn: '2026-03-01' },
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/members`,
      route: '/api/v1/associations/:id/members',
      expect: ASSOC(401, 200, { faithMinister: 200 }),
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/members.csv`,
      route: '/api/v1/associations/:id/members.csv',
      expect: ASSOC(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/members.xlsx`,
      route: '/api/v1/associations/:id/members.xlsx',
      expect: ASSOC(401, 200),
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/members/import`,
      route: '/api/v1/associations/:id/members/import',
      expect: ASSOC(401, 400),
      body: {},
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/members/${ids.member}`,
      route: '/api/v1/associations/:id/members/:memberId',
      expect: ASSOC(401, 200, { faithMinister: 200 }),
    },
    {
      method: 'PATCH',
      path: `/api/v1/associations/${ids.assoc}/members/${ids.member}`,
      route: '/api/v1/associations/:id/members/:memberId',
      expect: ASSOC(401, 400),
      body: { email: 'no-es-correo' },
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/members/${ids.member}/end`,
      route: '/api/v1/associations/:id/members/:memberId/end',
      expect: ASSOC(401, 400),
      body: { leftOn: '2026-01-01', reason: 'antes del ingreso' },
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/members/${ids.member}/suspend`,
      route: '/api/v1/associations/:id/members/:memberId/suspend',
      expect: ASSOC(401, 400),
      body: { reason: '' },
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/members/${ids.member}/reactivate`,
      route: '/api/v1/associations/:id/members/:memberId/reactivate',
      expect: ASSOC(401, 422),
      body: {},
    },
    // the constitution: bodies that fail validation or a rule, so nothing changes
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/constitution`,
      route: '/api/v1/associations/:id/constitution',
      expect: ASSOC(401, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/constitution/request`,
      route: '/api/v1/associations/:id/constitution/request',
      expect: ASSOC(401, 400),
      body: { proposedAt: 'pronto', place: 'Sede' },
    },
    {
      method: 'PUT',
      path: `/api/v1/associations/${ids.assoc}/constitution/faith-minister`,
      route: '/api/v1/associations/:id/constitution/faith-minister',
      expect: MUNICIPAL(401, 422),
      body: { faithMinisterUserId: '00000000-0000-4000-8000-000000000000' },
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/constitution`,
      route: '/api/v1/associations/:id/constitution',
      expect: ASSOC(401, 400),
      body: { assemblyAt: 'ayer', place: 'Sede', founderMemberIds: [], provisionalBoard: [] },
    },
    // only the assigned faith minister certifies: everyone who can read the association gets 403 here
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/constitution/certify`,
      route: '/api/v1/associations/:id/constitution/certify',
      expect: ASSOC(401, 403, { faithMinister: 403, assocMember: 403 }),
      body: {},
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/constitution/acta.pdf`,
      route: '/api/v1/associations/:id/constitution/acta.pdf',
      expect: ASSOC(401, 404, { faithMinister: 403, assocMember: 403 }),
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/constitution/certificate.pdf`,
      route: '/api/v1/associations/:id/constitution/certificate.pdf',
      expect: ASSOC(401, 404, { faithMinister: 404, assocMember: 404 }),
    },
    // deposit and objection are municipal acts; the association is in formation, so the rule refuses (422)
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/deposit`,
      route: '/api/v1/associations/:id/deposit',
      expect: MUNICIPAL(401, 422),
      body: { depositedOn: '2026-03-10' },
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/objection`,
      route: '/api/v1/associations/:id/objection',
      expect: MUNICIPAL(401, 422),
      body: { objectedOn: '2026-03-10', reasons: 'x' },
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/objection/correction`,
      route: '/api/v1/associations/:id/objection/correction',
      expect: MUNICIPAL(401, 422),
      body: { correctedOn: '2026-03-10', notes: 'x' },
    },
    // boards: everyone who reads the association sees them; officers record them (in formation: refused, 422)
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/board-terms`,
      route: '/api/v1/associations/:id/board-terms',
      expect: ASSOC(401, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/board-terms`,
      route: '/api/v1/associations/:id/board-terms',
      expect: ASSOC(401, 422),
      body: { kind: 'definitive', startsOn: '2026-03-10', seats: [] },
    },
    // meetings: the officers schedule, move and cancel; every reader sees the calendar; the feed is public by its secret
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/meeting-series`,
      route: '/api/v1/associations/:id/meeting-series',
      expect: MEETINGS(401, 400),
      body: { localStart: 'pronto', every: '1 week', count: 2, place: 'Sede' },
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/meetings`,
      route: '/api/v1/associations/:id/meetings',
      expect: MEETINGS(401, 400),
      body: { localStart: 'pronto', place: 'Sede' },
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/meetings`,
      route: '/api/v1/associations/:id/meetings',
      expect: ASSOC(401, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/calendar-feed`,
      route: '/api/v1/associations/:id/calendar-feed',
      expect: MEETINGS(401, 201),
    },
    {
      method: 'DELETE',
      path: `/api/v1/associations/${ids.assoc}/calendar-feed`,
      route: '/api/v1/associations/:id/calendar-feed',
      expect: MEETINGS(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/meetings/${ids.meeting}`,
      route: '/api/v1/meetings/:id',
      expect: ASSOC(401, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'PATCH',
      path: `/api/v1/meetings/${ids.meeting}`,
      route: '/api/v1/meetings/:id',
      expect: MEETINGS(401, 400),
      body: {},
    },
    {
      method: 'POST',
      path: `/api/v1/meetings/${ids.meeting}/cancel`,
      route: '/api/v1/meetings/:id/cancel',
      expect: MEETINGS(401, 400),
      body: { reason: ' ' },
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/reuniones`,
      route: '/organizaciones/:id/reuniones',
      expect: ASSOC(303, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/reuniones/serie`,
      route: '/organizaciones/:id/reuniones/serie',
      expect: MEETINGS(303, 400),
      body: {},
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/reuniones/nueva`,
      route: '/organizaciones/:id/reuniones/nueva',
      expect: MEETINGS(303, 400),
      body: {},
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/reuniones/calendario`,
      route: '/organizaciones/:id/reuniones/calendario',
      expect: MEETINGS(303, 200),
    },
    {
      method: 'GET',
      path: `/reuniones/${ids.meeting}`,
      route: '/reuniones/:id',
      expect: ASSOC(303, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/mover`,
      route: '/reuniones/:id/mover',
      expect: MEETINGS(303, 400),
      body: {},
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/cancelar`,
      route: '/reuniones/:id/cancelar',
      expect: MEETINGS(303, 400),
      body: {},
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/eliminar`,
      route: '/reuniones/:id/eliminar',
      expect: MEETINGS(303, 400),
      body: {},
    },
    {
      method: 'PUT',
      path: `/api/v1/meetings/${ids.meeting}/attendance`,
      route: '/api/v1/meetings/:id/attendance',
      expect: MEETINGS(401, 400),
      body: [] as never,
    },
    {
      method: 'PUT',
      path: `/api/v1/meetings/${ids.meeting}/call`,
      route: '/api/v1/meetings/:id/call',
      expect: MEETINGS(401, 200),
      body: { call: 'first' },
    },
    {
      method: 'GET',
      path: `/reuniones/${ids.meeting}/asistencia`,
      route: '/reuniones/:id/asistencia',
      expect: MEETINGS(303, 200),
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/asistencia`,
      route: '/reuniones/:id/asistencia',
      expect: MEETINGS(303, 400),
      body: {},
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/citacion`,
      route: '/reuniones/:id/citacion',
      expect: MEETINGS(303, 400),
      body: {},
    },
    {
      method: 'POST',
      path: `/api/v1/meetings/${ids.meeting}/agenda`,
      route: '/api/v1/meetings/:id/agenda',
      expect: MEETINGS(401, 400),
      body: { title: ' ' },
    },
    {
      method: 'PUT',
      path: `/api/v1/meetings/${ids.meeting}/agenda/order`,
      route: '/api/v1/meetings/:id/agenda/order',
      expect: MEETINGS(401, 400),
      body: { itemIds: ['x'] },
    },
    {
      method: 'DELETE',
      path: `/api/v1/meetings/${ids.meeting}/agenda/00000000-0000-4000-8000-000000000000`,
      route: '/api/v1/meetings/:id/agenda/:itemId',
      expect: MEETINGS(401, 404),
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/temario`,
      route: '/reuniones/:id/temario',
      expect: MEETINGS(303, 400),
      body: { title: '' },
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/temario/00000000-0000-4000-8000-000000000000/subir`,
      route: '/reuniones/:id/temario/:itemId/subir',
      expect: MEETINGS(303, 404),
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/temario/00000000-0000-4000-8000-000000000000/quitar`,
      route: '/reuniones/:id/temario/:itemId/quitar',
      expect: MEETINGS(303, 404),
    },
    {
      method: 'GET',
      path: `/api/v1/meetings/${ids.meeting}/convocation`,
      route: '/api/v1/meetings/:id/convocation',
      expect: MEETINGS(401, 200),
    },
    {
      method: 'POST',
      path: `/api/v1/meetings/${ids.meeting}/convene`,
      route: '/api/v1/meetings/:id/convene',
      expect: MEETINGS(401, 200),
    },
    {
      method: 'GET',
      path: `/reuniones/${ids.meeting}/convocatoria`,
      route: '/reuniones/:id/convocatoria',
      expect: MEETINGS(303, 200),
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/convocatoria`,
      route: '/reuniones/:id/convocatoria',
      expect: MEETINGS(303, 303),
    },
    // minutes (a future meeting's draft: the municipality reads it, members and the faith minister do not; approval and sending wait for the meeting)
    {
      method: 'GET',
      path: `/api/v1/meetings/${ids.meeting}/minutes`,
      route: '/api/v1/meetings/:id/minutes',
      expect: ASSOC(401, 200, { faithMinister: 404, assocMember: 404 }),
    },
    {
      method: 'PUT',
      path: `/api/v1/meetings/${ids.meeting}/minutes`,
      route: '/api/v1/meetings/:id/minutes',
      expect: MEETINGS(401, 400),
      body: { agreements: [{ text: '' }] },
    },
    {
      method: 'POST',
      path: `/api/v1/meetings/${ids.meeting}/minutes/approve`,
      route: '/api/v1/meetings/:id/minutes/approve',
      expect: MEETINGS(401, 422),
    },
    {
      method: 'GET',
      path: `/api/v1/meetings/${ids.meeting}/minutes.pdf`,
      route: '/api/v1/meetings/:id/minutes.pdf',
      expect: ASSOC(401, 200, { faithMinister: 404, assocMember: 404 }),
    },
    {
      method: 'POST',
      path: `/api/v1/meetings/${ids.meeting}/minutes/send`,
      route: '/api/v1/meetings/:id/minutes/send',
      expect: MEETINGS(401, 422),
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/minutes`,
      route: '/api/v1/associations/:id/minutes',
      expect: ASSOC(401, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/minutes/chain`,
      route: '/api/v1/associations/:id/minutes/chain',
      expect: ASSOC(401, 200),
    },
    // tables (DOM-TBL-1)
    {
      method: 'GET',
      path: '/api/v1/institutions',
      route: '/api/v1/institutions',
      expect: { ...ALL(200), anonymous: 401 },
    },
    {
      method: 'POST',
      path: '/api/v1/institutions',
      route: '/api/v1/institutions',
      expect: {
        anonymous: 401,
        admin: 400,
        officerOwn: 400,
        officerOther: 400,
        faithMinister: 403,
        plainUser: 403,
        assocOfficer: 403,
        assocMember: 403,
      },
      body: { name: 'Institución de la matriz', kind: 'ninguna' },
    },
    { method: 'GET', path: '/api/v1/tables', route: '/api/v1/tables', expect: { ...ALL(200), anonymous: 401 } },
    {
      method: 'POST',
      path: '/api/v1/tables',
      route: '/api/v1/tables',
      expect: {
        anonymous: 401,
        admin: 400,
        officerOwn: 400,
        officerOther: 403,
        faithMinister: 403,
        plainUser: 403,
        assocOfficer: 403,
        assocMember: 403,
      },
      body: { kind: 'ninguna', name: 'Mesa', scopeLevel: 'commune', scopeCode: '04101' },
    },
    { method: 'GET', path: `/api/v1/tables/${ids.table}`, route: '/api/v1/tables/:id', expect: TABLE(401, 200) },
    {
      method: 'POST',
      path: `/api/v1/tables/${ids.table}/participants`,
      route: '/api/v1/tables/:id/participants',
      expect: TABLE(401, 400),
      body: { name: ' ' },
    },
    {
      method: 'POST',
      path: `/api/v1/tables/${ids.table}/axes`,
      route: '/api/v1/tables/:id/axes',
      expect: TABLE(401, 400),
      body: { name: ' ' },
    },
    { method: 'GET', path: '/mesas', route: '/mesas', expect: { ...ALL(200), anonymous: 303 } },
    {
      method: 'POST',
      path: '/mesas',
      route: '/mesas',
      expect: {
        anonymous: 303,
        admin: 400,
        officerOwn: 400,
        officerOther: 403,
        faithMinister: 403,
        plainUser: 403,
        assocOfficer: 403,
        assocMember: 403,
      },
      body: { kind: 'security', name: '', scopeCode: '04101' },
    },
    { method: 'GET', path: `/mesas/${ids.table}`, route: '/mesas/:id', expect: TABLE(303, 200) },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/participantes`,
      route: '/mesas/:id/participantes',
      expect: TABLE(303, 400),
      body: { name: '' },
    },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/ejes`,
      route: '/mesas/:id/ejes',
      expect: TABLE(303, 400),
      body: { name: '' },
    },
    // table sessions, the commitments board, evidence, share links, security plans (issue 9)
    {
      method: 'POST',
      path: `/api/v1/tables/${ids.table}/meeting-series`,
      route: '/api/v1/tables/:id/meeting-series',
      expect: TABLE(401, 400),
      body: { localStart: 'mañana', place: 'Sala', every: '1 month' },
    },
    {
      method: 'POST',
      path: `/api/v1/tables/${ids.table}/meetings`,
      route: '/api/v1/tables/:id/meetings',
      expect: TABLE(401, 400),
      body: { localStart: 'mañana', place: 'Sala' },
    },
    {
      method: 'GET',
      path: `/api/v1/tables/${ids.table}/meetings`,
      route: '/api/v1/tables/:id/meetings',
      expect: TABLE(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/tables/${ids.table}/commitments?overdue=true`,
      route: '/api/v1/tables/:id/commitments',
      expect: TABLE(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/tables/${ids.table}/commitments.csv`,
      route: '/api/v1/tables/:id/commitments.csv',
      expect: TABLE(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/tables/${ids.table}/commitments.xlsx`,
      route: '/api/v1/tables/:id/commitments.xlsx',
      expect: TABLE(401, 200),
    },
    { method: 'GET', path: `/api/v1/evidence/${ids.evidence}`, route: '/api/v1/evidence/:id', expect: TABLE(401, 200) },
    {
      method: 'GET',
      path: `/api/v1/tables/${ids.table}/share-links`,
      route: '/api/v1/tables/:id/share-links',
      expect: TABLE(401, 200),
    },
    {
      method: 'POST',
      path: `/api/v1/tables/${ids.table}/share-links`,
      route: '/api/v1/tables/:id/share-links',
      expect: TABLE(401, 400),
      body: { label: 'x'.repeat(250) },
    },
    {
      method: 'DELETE',
      path: `/api/v1/tables/${ids.table}/share-links/00000000-0000-4000-8000-000000000000`,
      route: '/api/v1/tables/:id/share-links/:linkId',
      expect: TABLE(401, 404),
    },
    {
      method: 'GET',
      path: '/api/v1/security-plans',
      route: '/api/v1/security-plans',
      expect: { ...ALL(200), anonymous: 401 },
    },
    { method: 'GET', path: `/api/v1/meetings/${ids.session}`, route: '/api/v1/meetings/:id', expect: TABLE(401, 200) },
    {
      method: 'PUT',
      path: `/api/v1/meetings/${ids.session}/attendance`,
      route: '/api/v1/meetings/:id/attendance',
      expect: TABLE(401, 400),
      body: [{ participantId: '00000000-0000-4000-8000-000000000000', status: 'present' }],
    },
    {
      method: 'PUT',
      path: `/api/v1/meetings/${ids.session}/minutes`,
      route: '/api/v1/meetings/:id/minutes',
      expect: TABLE(401, 400),
      body: { agreements: [{ text: '' }] },
    },
    {
      method: 'POST',
      path: `/api/v1/meetings/${ids.session}/minutes/approve`,
      route: '/api/v1/meetings/:id/minutes/approve',
      expect: TABLE(401, 422),
    },
    {
      method: 'GET',
      path: `/api/v1/meetings/${ids.session}/minutes.pdf`,
      route: '/api/v1/meetings/:id/minutes.pdf',
      expect: TABLE(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/commitments?tableId=${ids.table}`,
      route: '/api/v1/commitments',
      expect: TABLE(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/commitments/${ids.tableCommitment}`,
      route: '/api/v1/commitments/:id',
      expect: TABLE(401, 200),
    },
    {
      method: 'POST',
      path: `/api/v1/commitments/${ids.tableCommitment}/updates`,
      route: '/api/v1/commitments/:id/updates',
      expect: TABLE(401, 400),
      body: { note: ' ' },
    },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/sesiones`,
      route: '/mesas/:id/sesiones',
      expect: TABLE(303, 400),
      body: { localStart: '', place: 'Sala' },
    },
    {
      method: 'GET',
      path: `/mesas/${ids.table}/sesiones/${ids.session}`,
      route: '/mesas/:id/sesiones/:meetingId',
      expect: TABLE(303, 200),
    },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/sesiones/${ids.session}/asistencia`,
      route: '/mesas/:id/sesiones/:meetingId/asistencia',
      expect: TABLE(303, 400),
      body: {},
    },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/sesiones/${ids.session}/tabla`,
      route: '/mesas/:id/sesiones/:meetingId/tabla',
      expect: TABLE(303, 400),
      body: { title: '' },
    },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/sesiones/${ids.session}/convocar`,
      route: '/mesas/:id/sesiones/:meetingId/convocar',
      expect: TABLE(303, 422),
    },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/sesiones/${ids.session}/acta`,
      route: '/mesas/:id/sesiones/:meetingId/acta',
      expect: TABLE(303, 400),
      body: { 'commitments[0][description]': 'Sin responsable ni plazo' },
    },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/sesiones/${ids.session}/aprobar`,
      route: '/mesas/:id/sesiones/:meetingId/aprobar',
      expect: TABLE(303, 422),
    },
    {
      method: 'GET',
      path: `/mesas/${ids.table}/sesiones/${ids.session}/acta.pdf`,
      route: '/mesas/:id/sesiones/:meetingId/acta.pdf',
      expect: TABLE(303, 200),
    },
    {
      method: 'GET',
      path: `/mesas/${ids.table}/compromisos`,
      route: '/mesas/:id/compromisos',
      expect: TABLE(303, 200),
    },
    {
      method: 'GET',
      path: `/mesas/${ids.table}/compromisos.csv`,
      route: '/mesas/:id/compromisos.csv',
      expect: TABLE(303, 200),
    },
    {
      method: 'GET',
      path: `/mesas/${ids.table}/compromisos.xlsx`,
      route: '/mesas/:id/compromisos.xlsx',
      expect: TABLE(303, 200),
    },
    {
      method: 'GET',
      path: `/mesas/${ids.table}/compromisos/${ids.tableCommitment}`,
      route: '/mesas/:id/compromisos/:commitmentId',
      expect: TABLE(303, 200),
    },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/compromisos/${ids.tableCommitment}/avance`,
      route: '/mesas/:id/compromisos/:commitmentId/avance',
      expect: TABLE(303, 400),
      body: { note: '' },
    },
    {
      method: 'GET',
      path: `/mesas/${ids.table}/evidencias/${ids.evidence}`,
      route: '/mesas/:id/evidencias/:evidenceId',
      expect: TABLE(303, 200),
    },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/enlaces`,
      route: '/mesas/:id/enlaces',
      expect: TABLE(303, 400),
      body: { label: 'x'.repeat(250) },
    },
    {
      method: 'POST',
      path: `/mesas/${ids.table}/enlaces/00000000-0000-4000-8000-000000000000/revocar`,
      route: '/mesas/:id/enlaces/:linkId/revocar',
      expect: TABLE(303, 404),
    },
    {
      method: 'GET',
      path: '/mesas/compartida/enlace-inventado-enlace-inventado-0000',
      route: '/mesas/compartida/:token',
      expect: ALL(404),
    },
    {
      method: 'GET',
      path: '/seguridad/planes-comunales',
      route: '/seguridad/planes-comunales',
      expect: { ...ALL(200), anonymous: 303 },
    },
    {
      method: 'GET',
      path: `/api/v1/commitments?associationId=${ids.assoc}`,
      route: '/api/v1/commitments',
      expect: ASSOC(401, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'GET',
      path: `/api/v1/commitments/${ids.commitment}`,
      route: '/api/v1/commitments/:id',
      expect: ASSOC(401, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'POST',
      path: `/api/v1/commitments/${ids.commitment}/updates`,
      route: '/api/v1/commitments/:id/updates',
      expect: MEETINGS(401, 400),
      body: { note: ' ' },
    },
    {
      method: 'GET',
      path: `/reuniones/${ids.meeting}/acta`,
      route: '/reuniones/:id/acta',
      expect: ASSOC(303, 200, { faithMinister: 404, assocMember: 404 }),
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/acta`,
      route: '/reuniones/:id/acta',
      expect: MEETINGS(303, 400),
      body: { 'commitments[0][description]': 'Sin responsable ni plazo' },
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/acta/aprobar`,
      route: '/reuniones/:id/acta/aprobar',
      expect: MEETINGS(303, 400),
    },
    {
      method: 'POST',
      path: `/reuniones/${ids.meeting}/acta/enviar`,
      route: '/reuniones/:id/acta/enviar',
      expect: MEETINGS(303, 422),
    },
    {
      method: 'GET',
      path: `/reuniones/${ids.meeting}/acta.pdf`,
      route: '/reuniones/:id/acta.pdf',
      expect: ASSOC(303, 200, { faithMinister: 404, assocMember: 404 }),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/actas`,
      route: '/organizaciones/:id/actas',
      expect: ASSOC(303, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/compromisos`,
      route: '/organizaciones/:id/compromisos',
      expect: ASSOC(303, 200, { faithMinister: 200, assocMember: 200 }),
    },
    {
      method: 'POST',
      path: `/compromisos/${ids.commitment}/avance`,
      route: '/compromisos/:id/avance',
      expect: MEETINGS(303, 400),
      body: { note: '' },
    },
    {
      method: 'GET',
      path: '/calendario/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
      route: '/calendario/:file',
      expect: {
        anonymous: 404,
        admin: 404,
        officerOwn: 404,
        officerOther: 404,
        faithMinister: 404,
        plainUser: 404,
        assocOfficer: 404,
        assocMember: 404,
      },
    },
    // a person is reached by the municipality of one of their associations; everyone else gets 404
    {
      method: 'GET',
      path: `/api/v1/people/${ids.person}`,
      route: '/api/v1/people/:id',
      expect: MUNICIPAL(401, 200, { faithMinister: 404, assocOfficer: 404, assocMember: 404 }),
    },
    {
      method: 'GET',
      path: `/api/v1/people/${ids.person}/export`,
      route: '/api/v1/people/:id/export',
      expect: MUNICIPAL(401, 200, { faithMinister: 404, assocOfficer: 404, assocMember: 404 }),
    },
    {
      method: 'POST',
      path: `/api/v1/people/${ids.person}/correction`,
      route: '/api/v1/people/:id/correction',
      expect: MUNICIPAL(401, 400, { faithMinister: 404, assocOfficer: 404, assocMember: 404 }),
      body: { reason: '' },
    },
    {
      method: 'POST',
      path: `/api/v1/people/${ids.person}/erase`,
      route: '/api/v1/people/:id/erase',
      expect: MUNICIPAL(401, 400, { faithMinister: 404, assocOfficer: 404, assocMember: 404 }),
      body: { reason: '' },
    },
    // ---- issue 17: programs (API) ----
    {
      method: 'GET',
      path: '/api/v1/programs',
      route: '/api/v1/programs',
      expect: { ...ALL(200), anonymous: 401, progOfficer: 200, progOther: 200 },
    },
    {
      method: 'POST',
      path: '/api/v1/programs',
      route: '/api/v1/programs',
      expect: { ...ALL(403), anonymous: 401, admin: 201, progOfficer: 403, progOther: 403 },
      body: {
        name: 'Programa nuevo',
        kind: 'individual',
        year: 2026,
        agencyName: 'Sercotec',
        regionCode: '04',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
      },
    },
    {
      method: 'GET',
      path: `/api/v1/programs/${ids.program}`,
      route: '/api/v1/programs/:id',
      expect: PROGRAM(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/programs/${ids.program}/officers`,
      route: '/api/v1/programs/:id/officers',
      expect: PROGRAM(401, 200),
    },
    {
      method: 'POST',
      path: `/api/v1/programs/${ids.program}/officers`,
      route: '/api/v1/programs/:id/officers',
      expect: PROGRAM(401, 201, { progOfficer: 403 }),
      body: { email: 'ejecutiva.matriz@example.cl', name: 'Ejecutiva Matriz' },
    },
    {
      method: 'POST',
      path: `/api/v1/programs/${ids.program}/associations`,
      route: '/api/v1/programs/:id/associations',
      expect: PROGRAM(401, 409),
      body: { associationId: ids.assoc, enrolledOn: '2026-02-01' },
    },
    {
      method: 'GET',
      path: `/api/v1/associations/${ids.assoc}/program-consents`,
      route: '/api/v1/associations/:id/program-consents',
      expect: { ...CONSENT(401, 200), officerOwn: 200, faithMinister: 200, assocMember: 200, progOfficer: 200 },
    },
    {
      method: 'POST',
      path: `/api/v1/associations/${ids.assoc}/program-consents`,
      route: '/api/v1/associations/:id/program-consents',
      expect: CONSENT(401, 201),
      body: { programId: ids.program, textVersion: 'programa-registro-2026-12' },
    },
    {
      method: 'POST',
      path: `/api/v1/programs/${ids.program}/beneficiaries`,
      route: '/api/v1/programs/:id/beneficiaries',
      expect: PROGRAM(401, 409),
      body: {
        rut: '11.111.111-1',
        fullName: 'Ana Soto',
        businessName: 'Almacén',
        businessCategory: 'Almacén',
        ownerSex: 'female',
        communeCode: '04101',
        enrolledOn: '2026-03-01',
        consentTextVersion: 'beneficiario-2026-12',
      },
    },
    {
      method: 'GET',
      path: `/api/v1/programs/${ids.program}/beneficiaries`,
      route: '/api/v1/programs/:id/beneficiaries',
      expect: PROGRAM(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/programs/${ids.program}/beneficiaries.csv`,
      route: '/api/v1/programs/:id/beneficiaries.:format',
      expect: PROGRAM(401, 200),
    },
    {
      method: 'POST',
      path: `/api/v1/programs/${ids.program}/beneficiaries/import`,
      route: '/api/v1/programs/:id/beneficiaries/import',
      expect: PROGRAM(401, 422),
    },
    {
      method: 'GET',
      path: '/api/v1/program-beneficiaries/template.csv',
      route: '/api/v1/program-beneficiaries/template.:format',
      expect: { ...ALL(200), anonymous: 401, progOfficer: 200, progOther: 200 },
    },
    {
      method: 'POST',
      path: `/api/v1/programs/${ids.program}/benefits`,
      route: '/api/v1/programs/:id/benefits',
      expect: PROGRAM(401, 422),
      body: { beneficiaryId: ids.beneficiary, kind: 'subsidy', amountClp: 5_000_000, deliveredOn: '2026-03-02' },
    },
    {
      method: 'GET',
      path: `/api/v1/programs/${ids.program}/benefits`,
      route: '/api/v1/programs/:id/benefits',
      expect: PROGRAM(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/programs/${ids.program}/benefits.xlsx`,
      route: '/api/v1/programs/:id/benefits.:format',
      expect: PROGRAM(401, 200),
    },
    {
      method: 'POST',
      path: `/api/v1/programs/${ids.program}/activities`,
      route: '/api/v1/programs/:id/activities',
      expect: PROGRAM(401, 422),
      body: { title: 'Feria', localStart: '2027-03-10T10:00', place: 'Plaza' },
    },
    {
      method: 'GET',
      path: `/api/v1/programs/${ids.program}/activities`,
      route: '/api/v1/programs/:id/activities',
      expect: PROGRAM(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/program-activities/${ids.activity}`,
      route: '/api/v1/program-activities/:id',
      expect: PROGRAM(401, 200),
    },
    {
      method: 'PUT',
      path: `/api/v1/program-activities/${ids.activity}/attendance`,
      route: '/api/v1/program-activities/:id/attendance',
      expect: PROGRAM(401, 200),
      body: [{ beneficiaryId: ids.beneficiary, status: 'present' }],
    },
    {
      method: 'GET',
      path: `/api/v1/programs/${ids.program}/portfolio`,
      route: '/api/v1/programs/:id/portfolio',
      expect: PROGRAM(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/programs/${ids.program}/portfolio.csv`,
      route: '/api/v1/programs/:id/portfolio.:format',
      expect: PROGRAM(401, 200),
    },
    {
      method: 'GET',
      path: `/api/v1/programs/${ids.program}/associations/${ids.assoc}/report.pdf`,
      route: '/api/v1/programs/:id/associations/:associationId/report.pdf',
      expect: PROGRAM(401, 200),
    },
    // ---- issue 17: programs (pages) ----
    {
      method: 'GET',
      path: '/programas',
      route: '/programas',
      expect: { ...ALL(200), anonymous: 303, progOfficer: 302, progOther: 302 },
    },
    {
      method: 'POST',
      path: '/programas',
      route: '/programas',
      expect: { ...ALL(403), anonymous: 303, admin: 303, progOfficer: 403, progOther: 403 },
      body: {
        name: 'Programa desde la página',
        kind: 'individual',
        year: '2026',
        agencyName: 'Sercotec',
        regionCode: '04',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
      },
    },
    { method: 'GET', path: `/programas/${ids.program}`, route: '/programas/:id', expect: PROGRAM(303, 200) },
    {
      method: 'POST',
      path: `/programas/${ids.program}/ejecutivos`,
      route: '/programas/:id/ejecutivos',
      expect: PROGRAM(303, 303, { progOfficer: 403 }),
      body: { name: 'Ejecutivo Página', email: 'ejecutivo.pagina@example.cl' },
    },
    {
      method: 'POST',
      path: `/programas/${ids.program}/organizaciones`,
      route: '/programas/:id/organizaciones',
      expect: PROGRAM(303, 409),
      body: { associationId: ids.assoc, enrolledOn: '2026-02-01' },
    },
    {
      method: 'GET',
      path: `/programas/${ids.program}/beneficiarios`,
      route: '/programas/:id/beneficiarios',
      expect: PROGRAM(303, 200),
    },
    {
      method: 'POST',
      path: `/programas/${ids.program}/beneficiarios`,
      route: '/programas/:id/beneficiarios',
      expect: PROGRAM(303, 400),
      body: {},
    },
    {
      method: 'POST',
      path: `/programas/${ids.program}/beneficiarios/registro`,
      route: '/programas/:id/beneficiarios/registro',
      expect: PROGRAM(303, 422),
      body: {},
    },
    {
      method: 'GET',
      path: `/programas/${ids.program}/beneficiarios/importar`,
      route: '/programas/:id/beneficiarios/importar',
      expect: PROGRAM(303, 200),
    },
    {
      method: 'POST',
      path: `/programas/${ids.program}/beneficiarios/importar`,
      route: '/programas/:id/beneficiarios/importar',
      expect: PROGRAM(303, 400),
      body: {},
    },
    {
      method: 'GET',
      path: `/programas/${ids.program}/beneficiarios/plantilla.csv`,
      route: '/programas/:id/beneficiarios/plantilla.:format',
      expect: PROGRAM(303, 200),
    },
    {
      method: 'GET',
      path: `/programas/${ids.program}/beneficios`,
      route: '/programas/:id/beneficios',
      expect: PROGRAM(303, 200),
    },
    {
      method: 'POST',
      path: `/programas/${ids.program}/beneficios`,
      route: '/programas/:id/beneficios',
      expect: PROGRAM(303, 400),
      body: {},
    },
    {
      method: 'GET',
      path: `/programas/${ids.program}/actividades`,
      route: '/programas/:id/actividades',
      expect: PROGRAM(303, 200),
    },
    {
      method: 'POST',
      path: `/programas/${ids.program}/actividades`,
      route: '/programas/:id/actividades',
      expect: PROGRAM(303, 400),
      body: {},
    },
    {
      method: 'GET',
      path: `/programas/${ids.program}/actividades/${ids.activity}`,
      route: '/programas/:id/actividades/:activityId',
      expect: PROGRAM(303, 200),
    },
    {
      method: 'POST',
      path: `/programas/${ids.program}/actividades/${ids.activity}/asistencia`,
      route: '/programas/:id/actividades/:activityId/asistencia',
      expect: PROGRAM(303, 303),
      body: { [`status[${ids.beneficiary}]`]: 'present' },
    },
    {
      method: 'GET',
      path: `/programas/${ids.program}/beneficiarios.csv`,
      route: '/programas/:id/:list.:format',
      expect: PROGRAM(303, 200),
    },
    {
      method: 'GET',
      path: `/programas/${ids.program}/organizaciones/${ids.assoc}/cuenta-anual.pdf`,
      route: '/programas/:id/organizaciones/:associationId/cuenta-anual.pdf',
      expect: PROGRAM(303, 200),
    },
    {
      method: 'GET',
      path: `/organizaciones/${ids.assoc}/programas`,
      route: '/organizaciones/:id/programas',
      expect: { ...CONSENT(303, 200), officerOwn: 200, faithMinister: 200, assocMember: 200, progOfficer: 200 },
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/programas/${ids.program}/compartir`,
      route: '/organizaciones/:id/programas/:programId/compartir',
      expect: CONSENT(303, 303),
      body: { textVersion: 'programa-registro-2026-12' },
    },
    {
      method: 'POST',
      path: `/organizaciones/${ids.assoc}/programas/${ids.program}/retirar`,
      route: '/organizaciones/:id/programas/:programId/retirar',
      expect: CONSENT(303, 303),
    },
    {
      method: 'DELETE',
      path: `/api/v1/associations/${ids.assoc}/program-consents/${ids.program}`,
      route: '/api/v1/associations/:id/program-consents/:programId',
      expect: CONSENT(401, 200),
    },
    // last: it ends each caller's session
    { method: 'POST', path: '/salir', route: '/salir', expect: ALL(303) },
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
