import { DataSource } from 'typeorm';
import { AssociationsRepository } from '../../src/associations/associations.repository';
import { AssociationsService } from '../../src/associations/associations.service';
import { DEFAULT_TEST_NOW, createTestApp, TestContext } from '../support/test-app';
import { Factories } from '../factories/factories';
import { bearer, expectRefusal, problem } from '../support/api-problem';

/**
 * The commune's registry of organisations through the JSON API (and the pages where people see it): life cycle
 * and its history (DOM-ORG-1), registration elsewhere (DOM-ORG-13, -14), warnings (DOM-ORG-11, -14), filters,
 * scope and the public list.
 */
type Warning = { code: string; dueOn: string };
type RegistryItem = {
  id: string;
  name: string;
  status: string;
  kind: string;
  membersActive: number;
  warnings: Warning[];
};

describe('registry of organisations', () => {
  let ctx: TestContext;
  let officerUser: { id: string; email: string; password: string };
  let officer: string;
  let otherOfficerUser: { id: string; email: string; password: string };
  let otherOfficer: string;
  let peruOfficerUser: { id: string; email: string; password: string };
  let peruOfficer: string;
  let clockMoved = false;
  const create = (token: string, body: Record<string, unknown>) =>
    ctx.http.post('/api/v1/associations').set(bearer(token)).send(body);
  const get = (token: string, id: string) => ctx.http.get(`/api/v1/associations/${id}`).set(bearer(token));
  const registry = async (token: string, query: Record<string, string | number>) => {
    const res = await ctx.http.get('/api/v1/associations').set(bearer(token)).query(query).expect(200);
    return res.body as { items: RegistryItem[]; total: number };
  };
  /** The constitution flow (next issue) puts an organisation in force; here, plain SQL. */
  const putInForce = (id: string) => ctx.query(`UPDATE association SET status = 'in_force' WHERE id = $1`, [id]);
  const notDenied = async () =>
    Number(
      (await ctx.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log WHERE action <> 'access.denied'`))[0]
        .n,
    );

  /** Tokens expire: after moving the clock the officers sign in again. */
  const signTokens = async () => {
    officer = await ctx.apiToken(officerUser);
    otherOfficer = await ctx.apiToken(otherOfficerUser);
    peruOfficer = await ctx.apiToken(peruOfficerUser);
  };
  const moveClock = async (instant: string) => {
    ctx.clock.set(instant);
    clockMoved = true;
    await signTokens();
  };

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    officerUser = await ctx.newUser({ name: 'Carolina Rojas Vega', roles: [['municipal_officer', '04101']] });
    otherOfficerUser = await ctx.newUser({ name: 'Funcionario de Melipilla', roles: [['municipal_officer', '13501']] });
    peruOfficerUser = await ctx.newUser({
      name: 'Oficina de Seguridad Ciudadana',
      roles: [['municipal_officer', 'PE-130102']],
    });
    await signTokens();
  });
  afterEach(async () => {
    if (!clockMoved) return;
    ctx.clock.set(DEFAULT_TEST_NOW);
    clockMoved = false;
    await signTokens();
  });
  afterAll(() => ctx.close());

  describe('DOM-ORG-1: life cycle and its history', () => {
    it('DOM-ORG-1: a new organisation starts in formation; the change is recorded with who, when and why', async () => {
      const res = await create(officer, {
        communeCode: '04101',
        kind: 'functional_organization',
        name: 'Barrio Comercial Centro Histórico',
        area: 'urban',
        address: 'Prat 450, La Serena',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'in_formation',
        communeCode: '04101',
        kind: 'functional_organization',
        membersActive: 0,
        foundersMinimum: 15,
        warnings: [],
        version: expect.any(Number),
      });
      expect(res.body.statusHistory).toEqual([
        {
          from: null,
          to: 'in_formation',
          at: DEFAULT_TEST_NOW,
          by: 'Carolina Rojas Vega',
          reason: expect.stringContaining('formación'),
        },
      ]);
      const [row] = await ctx.query<{ by_user_id: string; to_status: string }>(
        `SELECT by_user_id, to_status FROM association_status_change WHERE association_id = $1`,
        [res.body.id],
      );
      expect(row).toEqual({ by_user_id: officerUser.id, to_status: 'in_formation' });
      const audit = await ctx.query(
        `SELECT user_id, action FROM audit_log WHERE object_id = $1 AND action = 'association.created'`,
        [res.body.id],
      );
      expect(audit).toEqual([{ user_id: officerUser.id, action: 'association.created' }]);
      const got = await get(officer, res.body.id).expect(200);
      expect(got.body).toMatchObject({
        id: res.body.id,
        name: 'Barrio Comercial Centro Histórico',
        status: 'in_formation',
        statusHistory: res.body.statusHistory,
      });
    });

    it('DOM-ORG-13: a trade association registered with the Ministry of Economy is in force from its registration', async () => {
      const res = await create(officer, {
        communeCode: '04101',
        kind: 'trade_association',
        name: 'Asociación Gremial de Comerciantes del Centro A.G.',
        area: 'urban',
        address: 'Cordovez 320',
        registryNumber: '4512-AG',
        registeredOn: '2025-11-20',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'in_force', registryNumber: '4512-AG', registeredOn: '2025-11-20' });
      expect(res.body.statusHistory).toEqual([
        expect.objectContaining({
          from: null,
          to: 'in_force',
          by: 'Carolina Rojas Vega',
          reason: expect.stringContaining('4512-AG'),
        }),
      ]);

      // the number without its date (or a date in the future) is refused on that field, nothing saved
      const before = await ctx.count('association');
      const noDate = await create(officer, {
        communeCode: '04101',
        kind: 'trade_association',
        name: 'A.G. sin fecha',
        area: 'urban',
        address: 'Cordovez 1',
        registryNumber: '77-AG',
      });
      expect(noDate.status).toBe(400);
      expect(problem(noDate).errors).toEqual([expect.objectContaining({ field: 'registeredOn' })]);
      const future = await create(officer, {
        communeCode: '04101',
        kind: 'trade_association',
        name: 'A.G. del futuro',
        area: 'urban',
        address: 'Cordovez 2',
        registryNumber: '78-AG',
        registeredOn: '2026-03-18',
      });
      expect(future.status).toBe(400);
      expect(problem(future).errors).toEqual([{ field: 'registeredOn', message: expect.stringContaining('futura') }]);
      expect(await ctx.count('association')).toBe(before);
    });

    it('DOM-ORG-13: a trade association registered later goes from in formation to in force through POST recognition, both steps in its history', async () => {
      const created = await create(officer, {
        communeCode: '04101',
        kind: 'trade_association',
        name: 'A.G. de Peluquerías de La Serena',
        area: 'urban',
        address: 'Balmaceda 800',
      }).expect(201);
      expect(created.body.status).toBe('in_formation');
      await moveClock('2026-03-20T14:00:00Z');
      const res = await ctx.http
        .post(`/api/v1/associations/${created.body.id}/recognition`)
        .set(bearer(officer))
        .send({ registryNumber: '5120-AG', registeredOn: '2026-03-19' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'in_force', registryNumber: '5120-AG', registeredOn: '2026-03-19' });
      expect(res.body.statusHistory).toEqual([
        expect.objectContaining({ from: null, to: 'in_formation' }),
        {
          from: 'in_formation',
          to: 'in_force',
          at: '2026-03-20T14:00:00.000Z',
          by: 'Carolina Rojas Vega',
          reason: expect.stringContaining('5120-AG'),
        },
      ]);
    });

    it('DOM-ORG-1: a Chilean functional organisation cannot skip the constitution through a registration (422 CONSTITUTION_REQUIRED)', async () => {
      const a = await ctx.newAssociation();
      const res = await ctx.http
        .post(`/api/v1/associations/${a.id}/recognition`)
        .set(bearer(officer))
        .send({ registryNumber: '1', registeredOn: '2026-03-01', recognisedBy: 'Alguien', recognisedOn: '2026-03-01' });
      expect(res.status).toBe(422);
      expect(problem(res).code).toBe('CONSTITUTION_REQUIRED');
      expect((await get(officer, a.id).expect(200)).body).toMatchObject({
        status: 'in_formation',
        statusHistory: [expect.objectContaining({ to: 'in_formation' })],
      });
    });
  });

  describe('DOM-ORG-14: Peruvian organisations are recognised for two years', () => {
    it('DOM-ORG-14: recognised in PE-130102, it is in force until 2 years later; RECOGNITION_EXPIRING from 60 days before; POST recognition renews', async () => {
      const res = await create(peruOfficer, {
        communeCode: 'PE-130102',
        kind: 'neighbourhood_security_board',
        name: 'Junta Vecinal de Seguridad Ciudadana Alto Trujillo',
        area: 'urban',
        address: 'Av. Sánchez Carrión 1200, El Porvenir',
        recognisedBy: 'Comisaría PNP El Porvenir',
        recognisedOn: '2026-03-01',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'in_force',
        country: 'PE',
        recognisedBy: 'Comisaría PNP El Porvenir',
        recognisedOn: '2026-03-01',
        recognitionExpiresOn: '2028-03-01',
      });
      expect(res.body.statusHistory).toEqual([
        expect.objectContaining({
          from: null,
          to: 'in_force',
          by: 'Oficina de Seguridad Ciudadana',
          reason: expect.stringContaining('Comisaría PNP El Porvenir'),
        }),
      ]);
      const id = res.body.id as string;
      // a member, so the only warning in play is the recognition's (DOM-ID-PE: a DNI)
      await ctx.http
        .post(`/api/v1/associations/${id}/members`)
        .set(bearer(peruOfficer))
        .send({ dni: '45678912', fullName: 'Rosa Quispe Mamani', birthDate: '1975-06-30', joinedOn: '2026-03-01' })
        .expect(201);
      expect((await get(peruOfficer, id).expect(200)).body.warnings).toEqual([]);

      // 61 days before the lapse (noon in Lima; 2028 is a leap year): no warning yet
      await moveClock('2027-12-31T17:00:00Z');
      expect((await get(peruOfficer, id).expect(200)).body.warnings).toEqual([]);
      // 60 days before: RECOGNITION_EXPIRING, due on the lapse date; the registry filter finds it
      await moveClock('2028-01-01T17:00:00Z');
      expect((await get(peruOfficer, id).expect(200)).body.warnings).toEqual([
        { code: 'RECOGNITION_EXPIRING', dueOn: '2028-03-01' },
      ]);
      const expiring = await registry(peruOfficer, { warning: 'RECOGNITION_EXPIRING' });
      expect(expiring.items.map((i) => i.id)).toEqual([id]);
      expect(expiring.items[0].warnings).toEqual([{ code: 'RECOGNITION_EXPIRING', dueOn: '2028-03-01' }]);

      // the police station renews it: two more years, no warning, still in force (no new status change)
      const renewed = await ctx.http
        .post(`/api/v1/associations/${id}/recognition`)
        .set(bearer(peruOfficer))
        .send({ recognisedBy: 'Comisaría PNP El Porvenir', recognisedOn: '2028-01-01' });
      expect(renewed.status).toBe(200);
      expect(renewed.body).toMatchObject({
        status: 'in_force',
        recognisedOn: '2028-01-01',
        recognitionExpiresOn: '2030-01-01',
        warnings: [],
      });
      expect(renewed.body.statusHistory).toHaveLength(1);
      const audit = await ctx.query<{ details: { reason: string } }>(
        `SELECT details FROM audit_log WHERE object_id = $1 AND action = 'association.recognised'`,
        [id],
      );
      expect(audit).toEqual([{ details: { reason: expect.stringContaining('renovado') } }]);
      expect((await registry(peruOfficer, { warning: 'RECOGNITION_EXPIRING' })).total).toBe(0);
    });

    it('DOM-ORG-14: a recognition without its date or authority is refused on those fields', async () => {
      const res = await create(peruOfficer, {
        communeCode: 'PE-130102',
        kind: 'soup_kitchen',
        name: 'Comedor Popular Virgen de la Puerta',
        area: 'urban',
        address: 'Jr. Los Andes 450',
        recognisedBy: 'Municipalidad Distrital de El Porvenir',
      });
      expect(res.status).toBe(400);
      expect(problem(res).errors).toEqual([expect.objectContaining({ field: 'recognisedOn' })]);
    });
  });

  describe('kinds, duplicates, versions', () => {
    it('a kind that does not exist in the country is a 400 naming kind (Peruvian kind in a Chilean commune and the reverse); nothing saved', async () => {
      const before = await ctx.count('association');
      const chile = await create(officer, {
        communeCode: '04101',
        kind: 'soup_kitchen',
        name: 'Olla Común Las Compañías',
        area: 'urban',
        address: 'Los Perales 12',
      });
      expect(chile.status).toBe(400);
      expect(problem(chile).errors).toEqual([{ field: 'kind', message: expect.stringContaining('kind') }]);
      expect(problem(chile).errors?.[0].message).toContain('Chile');
      const peru = await create(peruOfficer, {
        communeCode: 'PE-130102',
        kind: 'functional_organization',
        name: 'Organización funcional en Trujillo',
        area: 'urban',
        address: 'Jr. Pizarro 100',
      });
      expect(peru.status).toBe(400);
      expect(problem(peru).errors).toEqual([{ field: 'kind', message: expect.stringContaining('Perú') }]);
      const unknown = await create(officer, {
        communeCode: '04101',
        kind: 'club',
        name: 'Club',
        area: 'urban',
        address: 'x',
      });
      expect(unknown.status).toBe(400);
      expect(problem(unknown).errors?.map((e) => e.field)).toEqual(['kind']);
      expect(await ctx.count('association')).toBe(before);
    });

    it('a duplicate name in the commune (accents and case aside) or a duplicate RUT is a 409; the same name in another commune is fine', async () => {
      await create(officer, {
        communeCode: '04101',
        kind: 'functional_organization',
        name: 'Club Deportivo Peñuelas Unión',
        area: 'urban',
        address: 'Av. del Mar 3000',
        rut: '65.432.106-K',
      }).expect(201);
      const before = await ctx.count('association');
      const sameName = await create(officer, {
        communeCode: '04101',
        kind: 'functional_organization',
        name: 'club deportivo penuelas union',
        area: 'urban',
        address: 'Otra 1',
      });
      expectRefusal(sameName, 409, 'DUPLICATE_ASSOCIATION', 'name');
      const sameRut = await create(officer, {
        communeCode: '04101',
        kind: 'functional_organization',
        name: 'Otra organización',
        area: 'urban',
        address: 'Otra 2',
        rut: '65432106-k',
      });
      expectRefusal(sameRut, 409, 'DUPLICATE_ASSOCIATION', 'rut');
      expect(await ctx.count('association')).toBe(before);
      await create(otherOfficer, {
        communeCode: '13501',
        kind: 'functional_organization',
        name: 'Club Deportivo Peñuelas Unión',
        area: 'urban',
        address: 'Serrano 100, Melipilla',
      }).expect(201);
    });

    it('PATCH with the version read saves and moves the version on; a stale version is 409 VERSION_CONFLICT and changes nothing', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación Cultural Cerro Grande' });
      const read = (await get(officer, a.id).expect(200)).body as { version: number };
      const ok = await ctx.http
        .patch(`/api/v1/associations/${a.id}`)
        .set(bearer(officer))
        .send({ version: read.version, address: 'Los Carrera 10', contactName: 'Mesa directiva' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ address: 'Los Carrera 10', contactName: 'Mesa directiva' });
      expect(ok.body.version).toBeGreaterThan(read.version);
      const stale = await ctx.http
        .patch(`/api/v1/associations/${a.id}`)
        .set(bearer(officer))
        .send({ version: read.version, name: 'Nombre pisado' });
      expect(stale.status).toBe(409);
      expect(problem(stale).code).toBe('VERSION_CONFLICT');
      const after = (await get(officer, a.id).expect(200)).body;
      expect(after).toMatchObject({
        name: 'Agrupación Cultural Cerro Grande',
        address: 'Los Carrera 10',
        version: ok.body.version,
      });
    });
    it("the association's own officer edits its contact details but not its area or RUT (403, unchanged)", async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación Cultural Algarrobito' });
      const own = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', a.id]] }));
      const ok = await ctx.http
        .patch(`/api/v1/associations/${a.id}`)
        .set(bearer(own))
        .send({ contactPhone: '+56 51 222 3344' });
      expect([ok.status, ok.body.contactPhone]).toEqual([200, '+56 51 222 3344']);
      for (const change of [{ area: 'rural' }, { rut: '65.432.106-K' }]) {
        const res = await ctx.http.patch(`/api/v1/associations/${a.id}`).set(bearer(own)).send(change);
        expect(res.status).toBe(403);
      }
      expect((await get(officer, a.id).expect(200)).body).toMatchObject({ area: 'urban', rut: null });
      // the kind, the commune and the status are not editable at all
      for (const change of [{ kind: 'trade_association' }, { communeCode: '13501' }, { status: 'in_force' }]) {
        expect((await ctx.http.patch(`/api/v1/associations/${a.id}`).set(bearer(officer)).send(change)).status).toBe(
          400,
        );
      }
      expect((await get(officer, a.id).expect(200)).body).toMatchObject({
        kind: 'functional_organization',
        communeCode: '04101',
        status: 'in_formation',
      });
    });

    it('two PATCHes sent at once with the same version: one saves, the other is 409 VERSION_CONFLICT', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación Folclórica Los Guindos' });
      const { version } = (await get(officer, a.id).expect(200)).body as { version: number };
      const answers = await Promise.all(
        ['Calle Uno 1', 'Calle Dos 2'].map((address) =>
          ctx.http.patch(`/api/v1/associations/${a.id}`).set(bearer(officer)).send({ version, address }),
        ),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = answers.find((r) => r.status === 200)?.body as { address: string; version: number };
      expect((await get(officer, a.id).expect(200)).body).toMatchObject({
        address: winner.address,
        version: winner.version,
      });
      const audited = await ctx.query(
        `SELECT 1 FROM audit_log WHERE object_id = $1 AND action = 'association.updated'`,
        [a.id],
      );
      expect(audited).toHaveLength(1);
    });
  });

  describe('the registry list', () => {
    let ids: Record<string, string>;
    beforeAll(async () => {
      // five organisations with the word Quillay: kinds, statuses and a warning to filter on
      const functional = await ctx.newAssociation({ name: 'Agrupación Quillay Ñandú' });
      const council = await ctx.newAssociation({
        name: 'Junta de Vecinos Quillay Unión',
        kind: 'neighbourhood_council',
        neighbourhoodUnit: 'UV 12',
      });
      const trade = await ctx.newAssociation({
        name: 'Asociación Gremial Quillay',
        kind: 'trade_association',
        registryNumber: '900-AG',
        registeredOn: '2024-01-10',
      });
      await ctx.newMember(trade.id);
      const below = await ctx.newAssociation({ name: 'Centro de Madres Quillay' });
      for (let i = 0; i < 3; i++) await ctx.newMember(below.id);
      await putInForce(below.id);
      const other = await ctx.newAssociation({ name: 'Taller Literario Quillay' });
      ids = { functional: functional.id, council: council.id, trade: trade.id, below: below.id, other: other.id };
    });

    it('filters by kind, status and warning (any, MEMBERS_BELOW_MINIMUM)', async () => {
      const byKind = await registry(officer, { q: 'quillay', kind: 'neighbourhood_council' });
      expect(byKind.items.map((i) => i.id)).toEqual([ids.council]);
      const inForce = await registry(officer, { q: 'quillay', status: 'in_force' });
      expect(inForce.items.map((i) => i.id).sort()).toEqual([ids.trade, ids.below].sort());
      const anyWarning = await registry(officer, { q: 'quillay', warning: 'any' });
      expect(anyWarning.items.map((i) => i.id)).toEqual([ids.below]);
      expect(anyWarning.items[0]).toMatchObject({
        status: 'in_force',
        membersActive: 3,
        warnings: [{ code: 'MEMBERS_BELOW_MINIMUM', dueOn: expect.any(String) }],
      });
      const below = await registry(officer, { q: 'quillay', warning: 'MEMBERS_BELOW_MINIMUM' });
      expect(below.items.map((i) => i.id)).toEqual([ids.below]);
      const bad = await ctx.http.get('/api/v1/associations').set(bearer(officer)).query({ warning: 'NOT_A_WARNING' });
      expect(bad.status).toBe(400);
      expect(problem(bad).errors?.map((e) => e.field)).toEqual(['warning']);
    });

    it('searches names without accents or case (q=quillay nandu finds Ñandú, QUILLAY UNION finds Unión)', async () => {
      expect((await registry(officer, { q: 'quillay nandu' })).items.map((i) => i.name)).toEqual([
        'Agrupación Quillay Ñandú',
      ]);
      expect((await registry(officer, { q: 'QUILLAY UNION' })).items.map((i) => i.name)).toEqual([
        'Junta de Vecinos Quillay Unión',
      ]);
      expect((await registry(officer, { q: 'Ñandú' })).total).toBe(1);
    });

    it('paginates as { items, total } (pageSize up to 200)', async () => {
      const first = await registry(officer, { q: 'quillay', pageSize: 2, page: 1 });
      const second = await registry(officer, { q: 'quillay', pageSize: 2, page: 2 });
      const third = await registry(officer, { q: 'quillay', pageSize: 2, page: 3 });
      expect(Object.keys(first).sort()).toEqual(['items', 'total']);
      expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
      expect([first.items.length, second.items.length, third.items.length]).toEqual([2, 2, 1]);
      expect(new Set([...first.items, ...second.items, ...third.items].map((i) => i.id))).toEqual(
        new Set(Object.values(ids)),
      );
      expect((await registry(officer, { q: 'quillay', page: 4, pageSize: 2 })).items).toEqual([]);
      await ctx.http.get('/api/v1/associations').set(bearer(officer)).query({ pageSize: 201 }).expect(400);
      // issue 21: without a filter by warning the database reads one page; its rows carry the same warnings as the
      // filter by warning finds over every row.
      const paged = [...first.items, ...second.items, ...third.items];
      const warned = await registry(officer, { q: 'quillay', warning: 'any' });
      expect(warned.total).toBeGreaterThan(0);
      expect(paged.filter((i) => i.warnings.length).map((i) => [i.id, i.warnings])).toEqual(
        warned.items.map((i) => [i.id, i.warnings]),
      );
    });

    it('an officer of another commune does not see La Serena in the registry', async () => {
      expect((await registry(otherOfficer, { q: 'quillay' })).total).toBe(0);
      expect((await registry(otherOfficer, { communeCode: '04101' })).total).toBe(0);
    });
  });

  it('an officer of another commune gets 404 for GET, PATCH and the members of a La Serena association; each refusal is audited as access.denied', async () => {
    const a = await ctx.newAssociation({
      name: 'Junta de Vecinos Las Compañías Norte',
      kind: 'neighbourhood_council',
      neighbourhoodUnit: 'UV 21',
    });
    await ctx.newMember(a.id);
    const members = await ctx.count('membership');
    const answers = [
      await get(otherOfficer, a.id),
      await ctx.http.patch(`/api/v1/associations/${a.id}`).set(bearer(otherOfficer)).send({ name: 'Tomada' }),
      await ctx.http.get(`/api/v1/associations/${a.id}/members`).set(bearer(otherOfficer)),
      await ctx.http
        .post(`/api/v1/associations/${a.id}/members`)
        .set(bearer(otherOfficer))
        .send({ rut: Factories.uniqueRut(), fullName: 'Intrusa', birthDate: '1980-01-01', joinedOn: '2026-03-01' }),
      await ctx.http.get(`/api/v1/associations/${a.id}/members.csv`).set(bearer(otherOfficer)),
    ];
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    // the same answer as for an association that does not exist
    const missing = await get(otherOfficer, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(problem(answers[0]).detail).toBe(problem(missing).detail);
    expect(answers[0].text).not.toContain('Las Compañías');
    const denied = await ctx.query(
      `SELECT action, object_type, scope_id FROM audit_log WHERE user_id = $1 AND object_id = $2`,
      [otherOfficerUser.id, a.id],
    );
    expect(denied).toHaveLength(5);
    expect(denied).toEqual(Array(5).fill({ action: 'access.denied', object_type: 'association', scope_id: '04101' }));
    expect((await get(officer, a.id).expect(200)).body.name).toBe('Junta de Vecinos Las Compañías Norte');
    expect(await ctx.count('membership')).toBe(members);
  });

  it('the public list of a commune (API and page) shows only organisations in force, with no personal data', async () => {
    const inForce = await ctx.newAssociation({
      name: 'Asociación Gremial Turística Elqui',
      kind: 'trade_association',
      registryNumber: '3003-AG',
      registeredOn: '2025-06-01',
      contactName: 'Rosa Contreras Araya',
      contactPhone: '+56 9 5555 1234',
      contactEmail: 'rosa.contreras@example.cl',
      rut: '76.543.210-3',
    });
    const rut = Factories.uniqueRut();
    await ctx.newMember(inForce.id, {
      rut,
      fullName: 'Hernán Valdivia Ossandón',
      email: 'hernan@example.cl',
      phone: '+56 9 4444 0000',
    });
    await ctx.newAssociation({ name: 'Agrupación En Formación Tololo' });
    const before = await notDenied();

    const res = await ctx.http.get('/api/v1/communes/04101/associations').expect(200);
    const names = (res.body.items as { name: string }[]).map((i) => i.name);
    expect(names).toContain('Asociación Gremial Turística Elqui');
    expect(names).not.toContain('Agrupación En Formación Tololo');
    const statuses = await ctx.query<{ status: string }>(`SELECT status FROM association WHERE id = ANY($1::uuid[])`, [
      (res.body.items as { id: string }[]).map((i) => i.id),
    ]);
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['in_force']));
    expect(res.body).toMatchObject({ communeCode: '04101', total: res.body.items.length });
    for (const item of res.body.items)
      expect(Object.keys(item).sort()).toEqual(['id', 'kind', 'name', 'neighbourhoodUnit', 'since']);
    const item = (res.body.items as { name: string; since: string }[]).find(
      (i) => i.name === 'Asociación Gremial Turística Elqui',
    );
    expect(item?.since).toBe('2025-06-01'); // in force since its registration with the Ministry of Economy (DOM-ORG-13)
    // the contact's and the member's names, phones and e-mails: on neither the API nor the page
    const personal = ['Rosa Contreras', '5555 1234', 'rosa.contreras', 'Hernán Valdivia', 'hernan@', '4444 0000'];
    for (const text of [...personal, rut, rut.split('-')[0], '76543210']) expect(res.text).not.toContain(text);

    const page = await ctx.http.get('/comunas/04101/organizaciones').expect(200);
    expect(page.text).toContain('Asociación Gremial Turística Elqui');
    expect(page.text).not.toContain('Agrupación En Formación Tololo');
    for (const text of [...personal, rut.split('-')[0]]) expect(page.text).not.toContain(text);
    await ctx.http.get('/api/v1/communes/99999/associations').expect(404);
    expect(await notDenied()).toBe(before); // reading the public list writes nothing
  });

  it("issue 21: a large commune's public list comes in pages of 100 (page) and of pageSize (API), with the count of all", async () => {
    const first = await ctx.newAssociation({
      communeCode: '04102',
      name: 'Asociación Gremial Puerto de Coquimbo 000',
      kind: 'trade_association',
      registryNumber: '4100-AG',
      registeredOn: '2025-06-01',
    });
    // 129 more in force, copies of the first under other names
    await ctx.query(
      `INSERT INTO association
       SELECT (jsonb_populate_record(NULL::association, to_jsonb(a) || jsonb_build_object(
                 'id', gen_random_uuid(), 'name', 'Asociación Gremial Puerto de Coquimbo ' || lpad(i::text, 3, '0'),
                 'name_key', 'asociacion gremial puerto de coquimbo ' || lpad(i::text, 3, '0'),
                 'rut', NULL, 'registry_number', '4100-' || i))).*
         FROM association a, generate_series(1, 129) i WHERE a.id = $1`,
      [first.id],
    );
    const rows = (html: string) => (html.match(/<tr><td>Asociación Gremial Puerto de Coquimbo/g) ?? []).length;
    const one = await ctx.http.get('/comunas/04102/organizaciones').expect(200);
    expect(rows(one.text)).toBe(100);
    expect(one.text).toContain('130 organizaciones');
    expect(one.text).toContain('Página 1 de 2');
    expect(one.text).toMatch(/href="\/comunas\/04102\/organizaciones\?page(=|&#x3D;)2" rel="next"/);
    expect(one.text).toContain('Puerto de Coquimbo 099');
    expect(one.text).not.toContain('Puerto de Coquimbo 100');
    const two = await ctx.http.get('/comunas/04102/organizaciones?page=2').expect(200);
    expect(rows(two.text)).toBe(30);
    expect(two.text).toContain('Puerto de Coquimbo 129');
    const past = await ctx.http.get('/comunas/04102/organizaciones?page=9').expect(200);
    expect(past.text).toContain('130 organizaciones');

    const api = await ctx.http.get('/api/v1/communes/04102/associations?pageSize=20&page=3').expect(200);
    expect(api.body).toMatchObject({ total: 130, page: 3, pageSize: 20 });
    expect((api.body.items as { name: string }[]).map((i) => i.name.slice(-3))).toEqual(
      Array.from({ length: 20 }, (_, i) => String(40 + i).padStart(3, '0')),
    );
    await ctx.http.get('/api/v1/communes/04102/associations?pageSize=500').expect(400);
  });

  it('the public list dates "in force since" on the commune\'s calendar (registered at 22:30 in La Serena is that day, not the next in UTC)', async () => {
    await moveClock('2026-03-18T01:30:00Z'); // 22:30 on 17 March in La Serena
    // an organisation without a registration date: in force since the status change (the constitution's deposit)
    const a = await ctx.newAssociation({ name: 'Club Deportivo Punta de Teatinos' });
    const association = (await ctx.get<AssociationsRepository>(AssociationsRepository).findAssociation(a.id))!;
    await ctx
      .get<DataSource>(DataSource)
      .transaction((em) =>
        ctx
          .get<AssociationsService>(AssociationsService)
          .changeStatus(association, 'in_force', { id: null, name: 'Prueba' }, 'Depósito del acta constitutiva.', em),
      );
    const item = (
      (await ctx.http.get('/api/v1/communes/04101/associations').expect(200)).body.items as {
        id: string;
        since: string;
      }[]
    ).find((i) => i.id === a.id);
    expect(item?.since).toBe('2026-03-17');
  });

  describe('DOM-ORG-11: members below the founding minimum', () => {
    it('DOM-ORG-11: below the minimum after members end: MEMBERS_BELOW_MINIMUM due 6 months after the date it fell below; cleared when back at the minimum', async () => {
      const a = await ctx.newAssociation({ name: 'Barrio Comercial Avenida Francisco de Aguirre' });
      const members = [];
      for (let i = 0; i < 15; i++) members.push(await ctx.newMember(a.id, { joinedOn: '2026-02-01' }));
      await putInForce(a.id);
      expect((await get(officer, a.id).expect(200)).body).toMatchObject({
        status: 'in_force',
        membersActive: 15,
        foundersMinimum: 15,
        warnings: [],
      });

      await ctx.http
        .post(`/api/v1/associations/${a.id}/members/${members[0].id}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-03-10', reason: 'Cerró su local' })
        .expect(200);
      const below = (await get(officer, a.id).expect(200)).body;
      expect(below).toMatchObject({
        membersActive: 14,
        membersEnded: 1,
        warnings: [{ code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-09-10' }],
      });
      // the due date stays put as days go by, and the registry filter shows it with the same date
      await moveClock('2026-05-02T15:00:00Z');
      expect((await get(officer, a.id).expect(200)).body.warnings).toEqual([
        { code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-09-10' },
      ]);
      const listed = await registry(officer, { warning: 'MEMBERS_BELOW_MINIMUM', q: 'francisco de aguirre' });
      expect(listed.items.map((i) => [i.id, i.warnings])).toEqual([
        [a.id, [{ code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-09-10' }]],
      ]);

      // a new member brings it back to 15: no warning
      await ctx.http
        .post(`/api/v1/associations/${a.id}/members`)
        .set(bearer(officer))
        .send({
          rut: Factories.uniqueRut(),
          fullName: 'Javiera Tapia Cortés',
          birthDate: '1990-02-02',
          joinedOn: '2026-05-01',
        })
        .expect(201);
      expect((await get(officer, a.id).expect(200)).body).toMatchObject({ membersActive: 15, warnings: [] });
      expect((await registry(officer, { warning: 'any', q: 'francisco de aguirre' })).total).toBe(0);

      // below again from a new date: a new due date
      await ctx.http
        .post(`/api/v1/associations/${a.id}/members/${members[1].id}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-04-20', reason: 'Renuncia' })
        .expect(200);
      expect((await get(officer, a.id).expect(200)).body.warnings).toEqual([
        { code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-10-20' },
      ]);

      // the officers see it on the registry page too, with the date as people read it
      const { agent } = await ctx.signIn(officerUser);
      const page = await agent
        .get('/organizaciones')
        .query({ warning: 'MEMBERS_BELOW_MINIMUM', q: 'aguirre' })
        .expect(200);
      expect(page.text).toContain('Barrio Comercial Avenida Francisco de Aguirre');
      expect(page.text).toMatch(/data-warning="MEMBERS_BELOW_MINIMUM"[^<]*20-10-2026/);
    });

    it('DOM-ORG-11: a suspended member does not count towards the minimum either', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación de Artesanos de La Recova' });
      const members = [];
      for (let i = 0; i < 15; i++) members.push(await ctx.newMember(a.id, { joinedOn: '2026-02-01' }));
      await putInForce(a.id);
      await ctx.http
        .post(`/api/v1/associations/${a.id}/members/${members[3].id}/suspend`)
        .set(bearer(officer))
        .send({ reason: 'Cuotas impagas', on: '2026-03-16' })
        .expect(200);
      expect((await get(officer, a.id).expect(200)).body).toMatchObject({
        membersActive: 14,
        membersSuspended: 1,
        warnings: [{ code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-09-16' }],
      });
      await ctx.http
        .post(`/api/v1/associations/${a.id}/members/${members[3].id}/reactivate`)
        .set(bearer(officer))
        .send({})
        .expect(200);
      expect((await get(officer, a.id).expect(200)).body).toMatchObject({ membersActive: 15, warnings: [] });
    });

    it('DOM-ORG-11: the six months start when the organisation comes into force below its minimum, and do not move with the days', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación que entra en vigor con tres socios' });
      for (let i = 0; i < 3; i++) await ctx.newMember(a.id);
      expect((await get(officer, a.id).expect(200)).body.warnings).toEqual([]); // in formation: expected to be below
      await moveClock('2026-04-02T15:00:00Z');
      // the status change the constitution flow makes (certification and deposit come with the next issue)
      const service = ctx.get<AssociationsService>(AssociationsService);
      const association = (await ctx.get<AssociationsRepository>(AssociationsRepository).findAssociation(a.id))!;
      await ctx
        .get<DataSource>(DataSource)
        .transaction((em) =>
          service.changeStatus(
            association,
            'in_force',
            { id: null, name: 'Prueba' },
            'Depósito del acta constitutiva.',
            em,
          ),
        );
      expect((await get(officer, a.id).expect(200)).body.warnings).toEqual([
        { code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-10-02' },
      ]);
      await moveClock('2026-05-20T15:00:00Z');
      expect((await get(officer, a.id).expect(200)).body.warnings).toEqual([
        { code: 'MEMBERS_BELOW_MINIMUM', dueOn: '2026-10-02' },
      ]);
    });

    it('DOM-ORG-3, DOM-ORG-11: a trade association registered in force has no members warning (no legal minimum is configured for its kind)', async () => {
      const res = await create(officer, {
        communeCode: '04101',
        kind: 'trade_association',
        name: 'A.G. de Hoteleros de La Serena',
        area: 'urban',
        address: 'Av. del Mar 1000',
        registryNumber: '6100-AG',
        registeredOn: '2026-03-02',
      }).expect(201);
      expect(res.body).toMatchObject({ status: 'in_force', foundersMinimum: 0, warnings: [] });
    });

    it('DOM-ORG-11: an organisation in formation has no membership warning (it has no legal personality yet)', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación en formación con dos socios' });
      await ctx.newMember(a.id);
      await ctx.newMember(a.id);
      expect((await get(officer, a.id).expect(200)).body).toMatchObject({
        status: 'in_formation',
        membersActive: 2,
        warnings: [],
      });
    });
  });
});
