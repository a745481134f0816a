import { rutCheckDigit } from '../../src/common/format/rut';
import { DEFAULT_TEST_NOW, createTestApp, TestContext } from '../support/test-app';
import { Factories } from '../factories/factories';
import { bearer, expectRefusal, problem } from '../support/api-problem';

/**
 * The registro de socios through the JSON API (and the member forms where people see the answer): identity
 * documents (DOM-RUT-1..3, DOM-ID-PE), one person across associations (DOM-ORG-15), ages and consent
 * (DOM-ORG-4, DOM-DATA-3), one junta de vecinos at a time (DOM-ORG-12), masking and the data subject's rights
 * (DOM-DATA-1, -2), and the member's life in the roster with its history.
 */
type User = { id: string; email: string; password: string };
type Member = {
  id: string;
  personId: string;
  rut?: string;
  rutMasked?: string;
  dni?: string;
  fullName: string;
  status: string;
  [k: string]: unknown;
};

/** A fresh RUT body (and its canonical form) for spellings. */
const freshBody = () => Number(Factories.uniqueRut().split('-')[0]);
const canonical = (body: number) => `${body}-${rutCheckDigit(body)}`;
const dotted = (body: number) => String(body).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

describe('roster (registro de socios)', () => {
  let ctx: TestContext;
  let officerUser: User;
  let officer: string;
  let coquimbo: string;
  let peruOfficer: string;
  let faithMinister: string;
  const add = (token: string, associationId: string, body: Record<string, unknown>) =>
    ctx.http.post(`/api/v1/associations/${associationId}/members`).set(bearer(token)).send(body);
  const adult = (rut: string, over: Record<string, unknown> = {}) => ({
    rut,
    fullName: `Socia ${Math.random().toString(36).slice(2, 8)}`,
    birthDate: '1980-05-04',
    joinedOn: '2026-03-01',
    ...over,
  });
  const member = (token: string, associationId: string, memberId: string) =>
    ctx.http.get(`/api/v1/associations/${associationId}/members/${memberId}`).set(bearer(token));
  const roster = async (token: string, associationId: string, query: Record<string, string> = {}) =>
    (await ctx.http.get(`/api/v1/associations/${associationId}/members`).set(bearer(token)).query(query).expect(200))
      .body as { items: Member[]; total: number };
  const association = async (associationId: string) =>
    (await ctx.http.get(`/api/v1/associations/${associationId}`).set(bearer(officer)).expect(200)).body as Record<
      string,
      unknown
    >;
  /** What a refused request must not have written (the refusal's own access.denied row aside, ARCHITECTURE.md §5). */
  const written = async () => {
    const [row] = await ctx.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM person)::text AS person, (SELECT count(*) FROM membership)::text AS membership,
              (SELECT count(*) FROM membership_event)::text AS membership_event,
              (SELECT count(*) FROM audit_log WHERE action <> 'access.denied')::text AS audit_log`,
    );
    return row;
  };
  const officerOf = async (associationId: string, name = 'Secretaria de la directiva') => {
    const user = await ctx.newUser({ name, roles: [['association_officer', associationId]] });
    return { user, token: await ctx.apiToken(user) };
  };

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    officerUser = await ctx.newUser({ name: 'Carolina Rojas Vega', roles: [['municipal_officer', '04101']] });
    officer = await ctx.apiToken(officerUser);
    coquimbo = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04102']] }));
    peruOfficer = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', 'PE-130102']] }));
    faithMinister = await ctx.apiToken(
      await ctx.newUser({ name: 'Secretario Municipal', roles: [['faith_minister', '04101']] }),
    );
  });
  afterEach(() => ctx.clock.set(DEFAULT_TEST_NOW));
  afterAll(() => ctx.close());

  describe('DOM-RUT-1, DOM-RUT-2: RUT input', () => {
    it('DOM-RUT-1: every accepted spelling (dots, spaces, hyphen or none, lowercase k) is stored and returned canonical', async () => {
      const a = await ctx.newAssociation({ name: 'Barrio Comercial Balmaceda' });
      const spellings: [string, string][] = [];
      for (const spell of [
        (b: number) => `${dotted(b)}-${rutCheckDigit(b)}`,
        (b: number) => canonical(b),
        (b: number) => `${b}${rutCheckDigit(b)}`,
        (b: number) => ` ${dotted(b).replace(/\./g, ' ')} ${rutCheckDigit(b)} `,
      ]) {
        const body = freshBody();
        spellings.push([spell(body), canonical(body)]);
      }
      // check digit K: uppercase, lowercase, with dots and without hyphen
      spellings.push(['65.432.106-k', '65432106-K'], ['7000013k', '7000013-K'], ['6-K', '6-K']);
      for (const [input, stored] of spellings) {
        const res = await add(officer, a.id, adult(input));
        expect([input, res.status, res.body.rut, res.body.documentType]).toEqual([input, 201, stored, 'rut']);
        const [row] = await ctx.query<{ document_number: string; document_type: string }>(
          `SELECT document_number, document_type FROM person WHERE id = $1`,
          [res.body.personId],
        );
        expect(row).toEqual({ document_number: stored, document_type: 'rut' });
        expect((await member(officer, a.id, res.body.id).expect(200)).body.rut).toBe(stored);
      }
      const listed = (await roster(officer, a.id)).items.map((m) => m.rut);
      expect(listed.sort()).toEqual(spellings.map(([, stored]) => stored).sort());
    });

    it('DOM-RUT-1: other digit forms, letters and out-of-range bodies are refused on the rut field, nothing saved', async () => {
      const a = await ctx.newAssociation();
      const before = await written();
      for (const input of [
        '１２.３４５.６７８-５',
        '١٢٣٤٥٦٧٨-٥',
        '12.345.67A-5',
        '12,345,678-5',
        '0-0',
        '123.456.789-2',
        '12345678-X',
        '12_345_678-5',
        'K-5',
        '12.345.678--5',
      ]) {
        const res = await add(officer, a.id, adult(input));
        expect([input, res.status]).toEqual([input, 400]);
        expect(problem(res).errors).toEqual([
          {
            field: 'rut',
            message:
              'El RUT (campo rut) no tiene un formato válido: escriba el número y el dígito verificador, por ejemplo 12.345.678-5.',
          },
        ]);
      }
      const empty = await add(officer, a.id, adult('   '));
      expect(problem(empty).errors).toEqual([{ field: 'rut', message: 'El campo rut es obligatorio.' }]);
      expect(await written()).toEqual(before);
    });

    it('DOM-RUT-2: a wrong check digit is a 400 on rut with a Spanish message; person, membership, membership_event and audit_log unchanged', async () => {
      const a = await ctx.newAssociation();
      const before = await written();
      const res = await add(officer, a.id, {
        rut: '12.345.678-9',
        fullName: 'Ana Pérez Soto',
        birthDate: '1980-01-02',
        joinedOn: '2026-03-01',
        email: 'ana@example.cl',
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(problem(res)).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [
          { field: 'rut', message: 'El dígito verificador del RUT (campo rut) no corresponde: revise el número.' },
        ],
      });
      expect(await written()).toEqual(before);
      expect(
        await ctx.query(`SELECT 1 FROM person WHERE document_number LIKE '12345678-%' OR email = 'ana@example.cl'`),
      ).toEqual([]);
    });

    it('DOM-RUT-2: the add-member form shows the refusal next to the RUT, keeps what was typed and saves nothing', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación de Comerciantes de Cordovez' });
      const { agent, csrf } = await ctx.signIn(officerUser);
      const before = await written();
      const res = await agent
        .post(`/organizaciones/${a.id}/socios/nuevo`)
        .type('form')
        .send({
          _csrf: await csrf(`/organizaciones/${a.id}/socios/nuevo`),
          rut: '12.345.678-9',
          fullName: 'Ana Pérez Soto',
          birthDate: '1980-01-02',
          joinedOn: '2026-03-01',
          businessName: 'Café Cordovez',
        });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/id="rut-error"[^>]*>El dígito verificador del RUT \(campo rut\) no corresponde/);
      expect(res.text).toContain('value="12.345.678-9"');
      expect(res.text).toContain('value="Ana Pérez Soto"');
      expect(res.text).toContain('value="Café Cordovez"');
      expect(await written()).toEqual(before);
    });
  });

  describe('DOM-RUT-3, DOM-ORG-15: one person across associations', () => {
    it('DOM-RUT-3: the same RUT in two associations is the same person (one record); a different name or birth date for it is refused', async () => {
      const a = await ctx.newAssociation({ name: 'Barrio Comercial Los Carrera' });
      const b = await ctx.newAssociation({ name: 'Cámara de Turismo del Elqui' });
      const rut = Factories.uniqueRut();
      const first = await add(officer, a.id, {
        rut,
        fullName: 'María José Pérez Cortés',
        birthDate: '1978-09-14',
        joinedOn: '2026-02-01',
        phone: '+56 9 8111 2222',
      }).expect(201);
      const people = await ctx.count('person');
      // another spelling of the same RUT, the name without accents: still the same person
      const [body, dv] = rut.split('-');
      const second = await add(officer, b.id, {
        rut: `${dotted(Number(body))}-${dv}`,
        fullName: 'MARIA JOSE PEREZ CORTES',
        birthDate: '1978-09-14',
        joinedOn: '2026-03-01',
      }).expect(201);
      expect(second.body.personId).toBe(first.body.personId);
      expect(second.body).toMatchObject({ rut, fullName: 'María José Pérez Cortés', phone: '+56 9 8111 2222' });
      expect(await ctx.count('person')).toBe(people);

      const c = await ctx.newAssociation();
      const before = await written();
      const otherName = await add(officer, c.id, {
        rut,
        fullName: 'Mariela Pérez',
        birthDate: '1978-09-14',
        joinedOn: '2026-03-01',
      });
      expectRefusal(otherName, 409, 'PERSON_IDENTITY_MISMATCH', 'rut');
      const otherBirth = await add(officer, c.id, {
        rut,
        fullName: 'María José Pérez Cortés',
        birthDate: '1987-09-14',
        joinedOn: '2026-03-01',
      });
      expect(otherBirth.status).toBe(409);
      expect(await written()).toEqual(before);
      expect((await ctx.query(`SELECT full_name FROM person WHERE id = $1`, [first.body.personId]))[0]).toEqual({
        full_name: 'María José Pérez Cortés',
      });
    });

    it('DOM-ORG-15: officers of either association update the shared contact fields (audited); identity fields are 403 for them and corrected by the municipality (audited)', async () => {
      const a = await ctx.newAssociation({ name: 'Barrio Patrimonial Centro' });
      const b = await ctx.newAssociation({ name: 'Agrupación Gastronómica Serenense' });
      const rut = Factories.uniqueRut();
      const inA = await add(officer, a.id, {
        rut,
        fullName: 'Luis Alberto Rojas',
        birthDate: '1969-04-02',
        joinedOn: '2026-01-15',
        email: 'luis@example.cl',
      }).expect(201);
      const inB = await add(officer, b.id, {
        rut,
        fullName: 'Luis Alberto Rojas',
        birthDate: '1969-04-02',
        joinedOn: '2026-02-15',
        businessName: 'Restaurante El Faro',
      }).expect(201);
      const officerA = await officerOf(a.id, 'Presidenta de Barrio Patrimonial');
      const officerB = await officerOf(b.id, 'Secretario de la Agrupación');

      const byA = await ctx.http
        .patch(`/api/v1/associations/${a.id}/members/${inA.body.id}`)
        .set(bearer(officerA.token))
        .send({ email: 'Luis.Rojas@Example.cl', phone: '+56 9 7000 1111' });
      expect(byA.status).toBe(200);
      expect(byA.body).toMatchObject({ email: 'luis.rojas@example.cl', phone: '+56 9 7000 1111' });
      expect((await member(officerB.token, b.id, inB.body.id).expect(200)).body).toMatchObject({
        email: 'luis.rojas@example.cl',
        phone: '+56 9 7000 1111',
        businessName: 'Restaurante El Faro',
      });
      const byB = await ctx.http
        .patch(`/api/v1/associations/${b.id}/members/${inB.body.id}`)
        .set(bearer(officerB.token))
        .send({ address: 'Av. del Mar 2500' });
      expect(byB.status).toBe(200);
      expect((await member(officerA.token, a.id, inA.body.id).expect(200)).body.address).toBe('Av. del Mar 2500');
      const updates = await ctx.query<{ user_id: string; details: { fields: string[] } }>(
        `SELECT user_id, details FROM audit_log WHERE action = 'member.updated' AND object_id = ANY($1::text[]) ORDER BY id`,
        [[inA.body.id, inB.body.id]],
      );
      expect(updates).toEqual([
        { user_id: officerA.user.id, details: expect.objectContaining({ fields: ['email', 'phone'] }) },
        { user_id: officerB.user.id, details: expect.objectContaining({ fields: ['address'] }) },
      ]);
      // an officer of A cannot reach the member through B
      await ctx.http
        .patch(`/api/v1/associations/${b.id}/members/${inB.body.id}`)
        .set(bearer(officerA.token))
        .send({ phone: '+56 9 1' })
        .expect(404);

      // identity fields: 403 for an association officer, nothing changed
      const before = await written();
      for (const change of [{ fullName: 'Luis Alberto Rojas Pizarro' }, { birthDate: '1970-04-02' }]) {
        const res = await ctx.http
          .patch(`/api/v1/associations/${a.id}/members/${inA.body.id}`)
          .set(bearer(officerA.token))
          .send(change);
        expect(res.status).toBe(403);
        expect(problem(res).detail).toContain('municipalidad');
      }
      expect(await written()).toEqual(before);
      // the municipality corrects them: visible in both rosters, audited
      const fixed = await ctx.http
        .patch(`/api/v1/associations/${a.id}/members/${inA.body.id}`)
        .set(bearer(officer))
        .send({ fullName: 'Luis Alberto Rojas Pizarro', birthDate: '1969-04-20' });
      expect(fixed.status).toBe(200);
      expect(fixed.body).toMatchObject({ fullName: 'Luis Alberto Rojas Pizarro', birthDate: '1969-04-20' });
      expect((await member(officerB.token, b.id, inB.body.id).expect(200)).body).toMatchObject({
        fullName: 'Luis Alberto Rojas Pizarro',
        birthDate: '1969-04-20',
      });
      const corrected = await ctx.query<{ user_id: string; details: { personId: string; fields: string[] } }>(
        `SELECT user_id, details FROM audit_log WHERE action = 'person.corrected' AND object_id = $1`,
        [inA.body.id],
      );
      expect(corrected).toEqual([
        {
          user_id: officerUser.id,
          details: expect.objectContaining({ personId: inA.body.personId, fields: ['fullName', 'birthDate'] }),
        },
      ]);
      const history = (await member(officer, a.id, inA.body.id).expect(200)).body.history as {
        action: string;
        by: string;
        fields: string[];
      }[];
      expect(history.map((h) => [h.action, h.by, h.fields])).toEqual([
        ['joined', 'Carolina Rojas Vega', []],
        ['updated', 'Presidenta de Barrio Patrimonial', ['email', 'phone']],
        ['person_corrected', 'Carolina Rojas Vega', ['fullName', 'birthDate']],
      ]);
    });

    it('DOM-ORG-15: a mistyped RUT is corrected by the municipality (POST people/:id/correction), audited without the number; nobody else can', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación de Feriantes de La Florida' });
      const wrong = Factories.uniqueRut();
      const right = Factories.uniqueRut();
      const taken = Factories.uniqueRut();
      const m = await add(officer, a.id, {
        rut: wrong,
        fullName: 'Nelson Ávila Tapia',
        birthDate: '1972-12-12',
        joinedOn: '2026-03-01',
      }).expect(201);
      await ctx.newMember(a.id, { rut: taken });
      const officerA = await officerOf(a.id);
      const path = `/api/v1/people/${m.body.personId}/correction`;
      expect(
        (await ctx.http.post(path).set(bearer(officerA.token)).send({ rut: right, reason: 'Error de tipeo' })).status,
      ).toBe(404);
      const badDv = await ctx.http
        .post(path)
        .set(bearer(officer))
        .send({ rut: right.replace(/.$/, (d) => (d === '1' ? '2' : '1')), reason: 'Error de tipeo' });
      expect([badDv.status, problem(badDv).errors?.[0].field]).toEqual([400, 'rut']);
      const dup = await ctx.http.post(path).set(bearer(officer)).send({ rut: taken, reason: 'Error de tipeo' });
      expect([dup.status, problem(dup).code]).toEqual([409, 'PERSON_DOCUMENT_TAKEN']);
      expect((await member(officer, a.id, m.body.id).expect(200)).body.rut).toBe(wrong);

      const ok = await ctx.http
        .post(path)
        .set(bearer(officer))
        .send({ rut: right.replace('-', ''), reason: 'Error de tipeo en el formulario' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ id: m.body.personId, rut: right });
      expect((await member(officer, a.id, m.body.id).expect(200)).body.rut).toBe(right);
      const audit = await ctx.query<{ user_id: string; details: string }>(
        `SELECT user_id, details::text AS details FROM audit_log WHERE action = 'person.corrected' AND object_id = $1`,
        [m.body.personId],
      );
      expect(audit).toEqual([{ user_id: officerUser.id, details: expect.stringContaining('documentNumber') }]);
      for (const number of [wrong, right]) expect(audit[0].details).not.toContain(number.split('-')[0]);
    });

    it('fields the member form does not have (status, associationId, personId, rut on an edit) are a 400 and change nothing', async () => {
      const a = await ctx.newAssociation();
      const other = await ctx.newAssociation();
      const before = await written();
      const extra = await add(officer, a.id, {
        ...adult(Factories.uniqueRut()),
        status: 'ended',
        associationId: other.id,
      });
      expect(extra.status).toBe(400);
      expect(
        problem(extra)
          .errors?.map((e) => e.field)
          .sort(),
      ).toEqual(['associationId', 'status']);
      expect(await written()).toEqual(before);
      const m = await ctx.newMember(a.id);
      const edit = await ctx.http
        .patch(`/api/v1/associations/${a.id}/members/${m.id}`)
        .set(bearer(officer))
        .send({ rut: Factories.uniqueRut(), personId: m.personId, status: 'ended' });
      expect(edit.status).toBe(400);
      expect((await member(officer, a.id, m.id).expect(200)).body).toMatchObject({ rut: m.rut, status: 'active' });
    });

    it('a stale version on a member edit is 409 VERSION_CONFLICT', async () => {
      const a = await ctx.newAssociation();
      const m = await ctx.newMember(a.id);
      await ctx.http
        .patch(`/api/v1/associations/${a.id}/members/${m.id}`)
        .set(bearer(officer))
        .send({ version: m.version, businessName: 'Botillería Central' })
        .expect(200);
      const stale = await ctx.http
        .patch(`/api/v1/associations/${a.id}/members/${m.id}`)
        .set(bearer(officer))
        .send({ version: m.version, businessName: 'Otro nombre' });
      expect(stale.status).toBe(409);
      expect(problem(stale).code).toBe('VERSION_CONFLICT');
      expect((await member(officer, a.id, m.id).expect(200)).body.businessName).toBe('Botillería Central');
    });
  });

  describe('DOM-ID-PE: Peruvian rosters use the DNI', () => {
    it('DOM-ID-PE: members of a PE-130102 association are added with dni (8 digits); rut is refused there, dni in Chile', async () => {
      const pe = await ctx.newAssociation({
        communeCode: 'PE-130102',
        kind: 'market',
        name: 'Mercado Modelo El Porvenir',
        recognisedBy: 'Municipalidad Distrital de El Porvenir',
        recognisedOn: '2025-08-01',
      });
      const res = await add(peruOfficer, pe.id, {
        dni: '41234567',
        fullName: 'Rosa Quispe Mamani',
        birthDate: '1975-06-30',
        joinedOn: '2026-03-01',
        businessName: 'Puesto 14',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ documentType: 'dni', dni: '41234567' });
      expect(res.body).not.toHaveProperty('rut');
      const cl = await ctx.newAssociation();
      const before = await written();
      const withRut = await add(peruOfficer, pe.id, {
        rut: '12.345.678-5',
        fullName: 'Juan Pérez',
        birthDate: '1975-06-30',
        joinedOn: '2026-03-01',
      });
      expect(withRut.status).toBe(400);
      expect(problem(withRut).errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['rut']));
      expect(problem(withRut).errors?.find((e) => e.field === 'rut')?.message).toContain('DNI');
      for (const dni of ['4123456', '412345678', '4123456K', '41.234.56-7']) {
        const bad = await add(peruOfficer, pe.id, {
          dni,
          fullName: 'Juan Pérez',
          birthDate: '1975-06-30',
          joinedOn: '2026-03-01',
        });
        expect([dni, bad.status, problem(bad).errors?.map((e) => e.field)]).toEqual([dni, 400, ['dni']]);
      }
      const withDni = await add(officer, cl.id, {
        dni: '41234567',
        fullName: 'Juan Pérez',
        birthDate: '1975-06-30',
        joinedOn: '2026-03-01',
      });
      expect(withDni.status).toBe(400);
      expect(problem(withDni).errors?.map((e) => e.field)).toContain('dni');
      expect(await written()).toEqual(before);
    });
  });

  describe('DOM-ORG-4, DOM-DATA-3: minimum age and guardian consent', () => {
    it('DOM-ORG-4: a junta de vecinos takes members from 14 on the joining date (13 is refused with the numbers)', async () => {
      const jjvv = await ctx.newAssociation({
        kind: 'neighbourhood_council',
        name: 'Junta de Vecinos San Joaquín',
        neighbourhoodUnit: 'UV 30',
      });
      const before = await written();
      const young = await add(officer, jjvv.id, {
        rut: Factories.uniqueRut(),
        fullName: 'Tomás Araya',
        birthDate: '2012-03-10',
        joinedOn: '2026-03-09',
        guardianConsent: true,
        guardianName: 'Paula Araya',
      });
      expectRefusal(young, 422, 'MEMBER_TOO_YOUNG', 'birthDate');
      expect(problem(young).detail).toMatch(/13 años.*14 años/);
      expect(await written()).toEqual(before);
      const fourteen = await add(officer, jjvv.id, {
        rut: Factories.uniqueRut(),
        fullName: 'Tomás Araya',
        birthDate: '2012-03-10',
        joinedOn: '2026-03-10',
        guardianConsent: true,
        guardianName: 'Paula Araya',
      });
      expect(fourteen.status).toBe(201);
      expect(fourteen.body).toMatchObject({ guardianConsent: true, guardianName: 'Paula Araya' });
    });

    it('DOM-ORG-4: a functional organisation takes members from 15; under 16 needs guardianConsent and guardianName (422 GUARDIAN_CONSENT_REQUIRED)', async () => {
      const a = await ctx.newAssociation({ name: 'Club Juvenil Las Compañías' });
      const rut = Factories.uniqueRut();
      const before = await written();
      const fourteen = await add(officer, a.id, {
        rut,
        fullName: 'Camila Soto',
        birthDate: '2011-03-10',
        joinedOn: '2026-03-09',
        guardianConsent: true,
        guardianName: 'Jorge Soto',
      });
      expect(fourteen.status).toBe(422);
      expect(problem(fourteen).code).toBe('MEMBER_TOO_YOUNG');
      expect(problem(fourteen).detail).toMatch(/14 años.*15 años/);
      const noConsent = await add(officer, a.id, {
        rut,
        fullName: 'Camila Soto',
        birthDate: '2011-03-10',
        joinedOn: '2026-03-10',
      });
      expectRefusal(noConsent, 422, 'GUARDIAN_CONSENT_REQUIRED', 'guardianConsent');
      const noName = await add(officer, a.id, {
        rut,
        fullName: 'Camila Soto',
        birthDate: '2011-03-10',
        joinedOn: '2026-03-10',
        guardianConsent: true,
      });
      expect(noName.status).toBe(422);
      expect(problem(noName).code).toBe('GUARDIAN_CONSENT_REQUIRED');
      expect(await written()).toEqual(before);

      const ok = await add(officer, a.id, {
        rut,
        fullName: 'Camila Soto',
        birthDate: '2011-03-10',
        joinedOn: '2026-03-10',
        guardianConsent: true,
        guardianName: 'Jorge Soto Muñoz',
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ guardianConsent: true, guardianName: 'Jorge Soto Muñoz', status: 'active' });
      // 16 on the joining date: no consent needed
      const sixteen = await add(officer, a.id, {
        rut: Factories.uniqueRut(),
        fullName: 'Diego Pizarro',
        birthDate: '2010-03-10',
        joinedOn: '2026-03-10',
      });
      expect(sixteen.status).toBe(201);
      expect(sixteen.body).toMatchObject({ guardianConsent: false, guardianName: null });
    });

    it("DOM-DATA-3: the guardian's consent is recorded with who gave it on record and when (API and the add-member form)", async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación Scout Cerro Grande' });
      ctx.clock.set('2026-03-17T22:45:00Z');
      const res = await add(officer, a.id, {
        rut: Factories.uniqueRut(),
        fullName: 'Florencia Díaz',
        birthDate: '2010-12-01',
        joinedOn: '2026-03-16',
        guardianConsent: true,
        guardianName: 'Verónica Díaz Castillo',
      }).expect(201);
      const [row] = await ctx.query<{ guardian_name: string; guardian_consent_at: Date; guardian_consent_by: string }>(
        `SELECT guardian_name, guardian_consent_at, guardian_consent_by FROM membership WHERE id = $1`,
        [res.body.id],
      );
      expect(row).toEqual({
        guardian_name: 'Verónica Díaz Castillo',
        guardian_consent_at: new Date('2026-03-17T22:45:00Z'),
        guardian_consent_by: officerUser.id,
      });
      const history = (await member(officer, a.id, res.body.id).expect(200)).body.history;
      expect(history).toEqual([
        expect.objectContaining({
          action: 'joined',
          by: 'Carolina Rojas Vega',
          reason: expect.stringContaining('apoderado'),
        }),
      ]);

      // the same through the form: the check box and the guardian's name
      const { agent, csrf } = await ctx.signIn(officerUser);
      const form = await agent
        .post(`/organizaciones/${a.id}/socios/nuevo`)
        .type('form')
        .send({
          _csrf: await csrf(`/organizaciones/${a.id}/socios/nuevo`),
          rut: Factories.uniqueRut(),
          fullName: 'Benjamín Díaz',
          birthDate: '2010-11-02',
          joinedOn: '2026-03-16',
          guardianConsent: 'on',
          guardianName: 'Verónica Díaz Castillo',
        });
      expect(form.status).toBe(303);
      const [viaForm] = await ctx.query<{ guardian_name: string; guardian_consent_by: string }>(
        `SELECT m.guardian_name, m.guardian_consent_by FROM membership m JOIN person p ON p.id = m.person_id WHERE p.full_name = 'Benjamín Díaz'`,
      );
      expect(viaForm).toEqual({ guardian_name: 'Verónica Díaz Castillo', guardian_consent_by: officerUser.id });
      // without the box: the form says so on the page, nothing saved
      const before = await written();
      const refused = await agent
        .post(`/organizaciones/${a.id}/socios/nuevo`)
        .type('form')
        .send({
          _csrf: await csrf(`/organizaciones/${a.id}/socios/nuevo`),
          rut: Factories.uniqueRut(),
          fullName: 'Martina Díaz',
          birthDate: '2010-10-02',
          joinedOn: '2026-03-16',
          guardianName: 'Verónica Díaz Castillo',
        });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('consentimiento de su apoderado');
      expect(refused.text).toContain('value="Martina Díaz"');
      expect(await written()).toEqual(before);
    });
  });

  describe('DOM-ORG-12: one junta de vecinos at a time', () => {
    it('DOM-ORG-12: a member of one JJVV cannot join another (422, the other one not named); after leaving it they can; functional organisations are unlimited', async () => {
      const villa = await ctx.newAssociation({
        kind: 'neighbourhood_council',
        name: 'Junta de Vecinos Villa El Indio',
        neighbourhoodUnit: 'UV 5',
      });
      const cerro = await ctx.newAssociation({
        kind: 'neighbourhood_council',
        name: 'Junta de Vecinos Cerro Grande',
        neighbourhoodUnit: 'UV 9',
      });
      const sindempart = await ctx.newAssociation({
        communeCode: '04102',
        kind: 'neighbourhood_council',
        name: 'Junta de Vecinos Sindempart',
        neighbourhoodUnit: 'UV 40',
      });
      const rut = Factories.uniqueRut();
      const person = { rut, fullName: 'Patricio Gómez Alfaro', birthDate: '1966-01-20', joinedOn: '2026-01-05' };
      const inVilla = await add(officer, villa.id, person).expect(201);

      const before = await written();
      for (const [token, target] of [
        [officer, cerro.id],
        [coquimbo, sindempart.id],
      ]) {
        const res = await add(token, target, { ...person, joinedOn: '2026-03-01' });
        expect(res.status).toBe(422);
        expect(problem(res)).toMatchObject({
          code: 'ALREADY_IN_NEIGHBOURHOOD_COUNCIL',
          detail: expect.stringContaining('otra junta de vecinos'),
        });
        for (const leak of ['Villa El Indio', 'UV 5', villa.id, 'La Serena', '04101'])
          expect(res.text).not.toContain(leak);
      }
      expect(await written()).toEqual(before);

      // suspended still belongs
      await ctx.http
        .post(`/api/v1/associations/${villa.id}/members/${inVilla.body.id}/suspend`)
        .set(bearer(officer))
        .send({ reason: 'Cuotas impagas' })
        .expect(200);
      expect((await add(officer, cerro.id, { ...person, joinedOn: '2026-03-01' })).status).toBe(422);

      // any number of functional organisations
      for (const name of ['Club de Adulto Mayor Los Aromos', 'Agrupación Cultural Villa El Indio']) {
        const f = await ctx.newAssociation({ name });
        expect((await add(officer, f.id, person)).status).toBe(201);
      }

      // leaving the first junta: the second one accepts them
      await ctx.http
        .post(`/api/v1/associations/${villa.id}/members/${inVilla.body.id}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-03-12', reason: 'Se cambió de barrio' })
        .expect(200);
      const moved = await add(officer, cerro.id, { ...person, joinedOn: '2026-03-15' });
      expect(moved.status).toBe(201);
      expect(moved.body.personId).toBe(inVilla.body.personId);
      // and now the first one refuses them back
      expect(problem(await add(officer, villa.id, { ...person, joinedOn: '2026-03-16' })).code).toBe(
        'ALREADY_IN_NEIGHBOURHOOD_COUNCIL',
      );
    });
  });

  describe('DOM-DATA-1: masking', () => {
    let a: { id: string };
    beforeAll(async () => {
      a = await ctx.newAssociation({ name: 'Barrio Comercial Eduardo de la Barra' });
      await add(officer, a.id, {
        rut: '12.345.678-5',
        fullName: 'Ana Pérez Soto',
        birthDate: '1980-01-02',
        joinedOn: '2026-03-01',
        email: 'ana.perez@example.cl',
        phone: '+56 9 1234 5678',
        address: 'Eduardo de la Barra 300',
      }).expect(201);
    });

    it("DOM-DATA-1: the commune's faith minister gets rutMasked (**.***.678-5) and no rut, no contacts; the association's officer gets the rut", async () => {
      const masked = await roster(faithMinister, a.id);
      expect(masked.items).toEqual([
        expect.objectContaining({
          fullName: 'Ana Pérez Soto',
          documentType: 'rut',
          rutMasked: '**.***.678-5',
          birthDate: null,
          email: null,
          phone: null,
          address: null,
        }),
      ]);
      expect(masked.items[0]).not.toHaveProperty('rut');
      const raw = await ctx.http.get(`/api/v1/associations/${a.id}/members`).set(bearer(faithMinister)).expect(200);
      for (const leak of ['12345678', '12.345.678', 'ana.perez@', '1234 5678']) expect(raw.text).not.toContain(leak);
      // nor by the member's own page or an export
      const one = await member(faithMinister, a.id, masked.items[0].id).expect(200);
      expect(one.body).toMatchObject({ rutMasked: '**.***.678-5' });
      expect(one.body).not.toHaveProperty('rut');
      await ctx.http.get(`/api/v1/associations/${a.id}/members.csv`).set(bearer(faithMinister)).expect(403);

      const officerA = await officerOf(a.id);
      const full = await roster(officerA.token, a.id);
      expect(full.items).toEqual([expect.objectContaining({ rut: '12345678-5', email: 'ana.perez@example.cl' })]);
      expect(full.items[0]).not.toHaveProperty('rutMasked');
    });

    it('DOM-DATA-1: the roster page masks RUTs for the faith minister; RUTs never appear in URLs (links use ids, search is by name)', async () => {
      const minister = await ctx.signIn(await ctx.newUser({ roles: [['faith_minister', '04101']] }));
      const page = await minister.agent.get(`/organizaciones/${a.id}/socios`).expect(200);
      expect(page.text).toContain('**.***.678-5');
      expect(page.text).not.toContain('12.345.678-5');
      expect(page.text).not.toContain('12345678');

      const { agent } = await ctx.signIn(officerUser);
      const officerPage = await agent.get(`/organizaciones/${a.id}/socios`).query({ q: 'perez' }).expect(200);
      expect(officerPage.text).toContain('12.345.678-5');
      const hrefs = [...officerPage.text.matchAll(/(?:href|action)="([^"]*)"/g)].map((m) => m[1]);
      expect(hrefs.length).toBeGreaterThan(3);
      // ids are UUIDs (whose hex may hold digit runs): what is left of each URL carries no RUT
      const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
      for (const href of hrefs) expect(href.replace(UUID, '{id}')).not.toMatch(/\d{1,2}\.?\d{3}\.?\d{3}-?[\dkK]/);
      for (const href of hrefs) expect(href).not.toMatch(/12\.?345\.?678/);
      expect(officerPage.text).toMatch(/<form[^>]*method="get"[^>]*action="\/organizaciones\/[^"]+\/socios"/);

      // the search is by name (accents aside), business or e-mail, never by RUT
      expect((await roster(officer, a.id, { q: 'PEREZ' })).items.map((m) => m.fullName)).toEqual(['Ana Pérez Soto']);
      expect((await roster(officer, a.id, { q: '12345678' })).total).toBe(0);
      expect((await roster(officer, a.id, { q: '12.345.678-5' })).total).toBe(0);
      // and the audit rows of this roster carry no full RUT
      const audit = await ctx.query<{ text: string }>(
        `SELECT details::text AS text FROM audit_log WHERE scope_id = $1`,
        [a.id],
      );
      expect(audit.length).toBeGreaterThan(0);
      for (const row of audit) expect(row.text).not.toContain('12345678');
    });
  });

  describe('DOM-DATA-2: access, portability and erasure', () => {
    it('DOM-DATA-2: the municipality exports everything about a person (audited person.exported); an association officer cannot', async () => {
      const a = await ctx.newAssociation({ name: 'Barrio Comercial La Recova' });
      const b = await ctx.newAssociation({ name: 'Agrupación de Locatarios del Mercado' });
      const rut = Factories.uniqueRut();
      const m = await add(officer, a.id, {
        rut,
        fullName: 'Gloria Castillo Vera',
        birthDate: '1958-07-07',
        joinedOn: '2026-01-10',
        email: 'gloria@example.cl',
        businessName: 'Artesanías Gloria',
      }).expect(201);
      await add(officer, b.id, {
        rut,
        fullName: 'Gloria Castillo Vera',
        birthDate: '1958-07-07',
        joinedOn: '2026-02-10',
      }).expect(201);

      const res = await ctx.http.get(`/api/v1/people/${m.body.personId}/export`).set(bearer(officer));
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toContain('attachment');
      expect(res.body.person).toMatchObject({
        id: m.body.personId,
        documentType: 'rut',
        rut,
        fullName: 'Gloria Castillo Vera',
        birthDate: '1958-07-07',
        email: 'gloria@example.cl',
      });
      expect(res.body.memberships.map((x: { associationName: string }) => x.associationName).sort()).toEqual([
        'Agrupación de Locatarios del Mercado',
        'Barrio Comercial La Recova',
      ]);
      expect(res.body.memberships.find((x: { associationId: string }) => x.associationId === a.id)).toMatchObject({
        businessName: 'Artesanías Gloria',
        status: 'active',
        history: [expect.objectContaining({ action: 'joined', effectiveOn: '2026-01-10' })],
      });
      const audit = await ctx.query(
        `SELECT user_id, object_type FROM audit_log WHERE action = 'person.exported' AND object_id = $1`,
        [m.body.personId],
      );
      expect(audit).toEqual([{ user_id: officerUser.id, object_type: 'person' }]);

      const officerA = await officerOf(a.id);
      expect((await ctx.http.get(`/api/v1/people/${m.body.personId}/export`).set(bearer(officerA.token))).status).toBe(
        404,
      );
      expect(
        await ctx.query(`SELECT 1 FROM audit_log WHERE action = 'person.exported' AND object_id = $1`, [
          m.body.personId,
        ]),
      ).toHaveLength(1);
    });

    it('DOM-DATA-2: erasure empties the personal fields, ends current memberships (audited person.erased); the roster still counts the history', async () => {
      const a = await ctx.newAssociation({ name: 'Barrio Comercial Prat' });
      const b = await ctx.newAssociation({ name: 'Club de Rayuela Prat' });
      const rut = Factories.uniqueRut();
      const keep = await ctx.newMember(a.id);
      const m = await add(officer, a.id, {
        rut,
        fullName: 'Ramón Tapia Olivares',
        birthDate: '1950-02-02',
        joinedOn: '2026-01-10',
        email: 'ramon@example.cl',
        phone: '+56 9 3333 4444',
        address: 'Prat 10',
        businessName: 'Zapatería Tapia',
      }).expect(201);
      const inB = await add(officer, b.id, {
        rut,
        fullName: 'Ramón Tapia Olivares',
        birthDate: '1950-02-02',
        joinedOn: '2026-02-10',
      }).expect(201);
      await ctx.http
        .post(`/api/v1/associations/${b.id}/members/${inB.body.id}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-03-01', reason: 'Renuncia' })
        .expect(200);

      const missingReason = await ctx.http
        .post(`/api/v1/people/${m.body.personId}/erase`)
        .set(bearer(officer))
        .send({ reason: ' ' });
      expect(missingReason.status).toBe(400);
      const res = await ctx.http
        .post(`/api/v1/people/${m.body.personId}/erase`)
        .set(bearer(officer))
        .send({ reason: 'Solicitud de supresión N° 2026-45' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: m.body.personId,
        birthDate: null,
        email: null,
        phone: null,
        address: null,
        erasedAt: DEFAULT_TEST_NOW,
      });
      expect(res.body.rut ?? null).toBeNull();
      expect(res.body.fullName).not.toContain('Ramón');
      const [person] = await ctx.query(
        `SELECT document_number, full_name, birth_date, email, phone, address FROM person WHERE id = $1`,
        [m.body.personId],
      );
      expect(person).toEqual({
        document_number: null,
        full_name: res.body.fullName,
        birth_date: null,
        email: null,
        phone: null,
        address: null,
      });
      const memberships = await ctx.query<{
        association_id: string;
        status: string;
        left_on: string;
        business_name: string | null;
      }>(
        `SELECT association_id, status, to_char(left_on, 'YYYY-MM-DD') AS left_on, business_name FROM membership WHERE person_id = $1 ORDER BY joined_on`,
        [m.body.personId],
      );
      expect(memberships).toEqual([
        { association_id: a.id, status: 'ended', left_on: '2026-03-17', business_name: null },
        { association_id: b.id, status: 'ended', left_on: '2026-03-01', business_name: null },
      ]);
      const audit = await ctx.query<{ user_id: string; details: string }>(
        `SELECT user_id, details::text AS details FROM audit_log WHERE action = 'person.erased' AND object_id = $1`,
        [m.body.personId],
      );
      expect(audit).toEqual([{ user_id: officerUser.id, details: expect.stringContaining('2026-45') }]);
      expect(audit[0].details).not.toContain(rut.split('-')[0]);
      expect(
        JSON.stringify(await ctx.query(`SELECT details FROM audit_log WHERE object_id = $1`, [m.body.personId])),
      ).not.toContain('Ramón');

      // the roster keeps the row (without the data) and counts it as history
      expect(await association(a.id)).toMatchObject({ membersActive: 1, membersEnded: 1 });
      const ended = await roster(officer, a.id, { status: 'ended' });
      expect(ended.items).toEqual([
        expect.objectContaining({
          id: m.body.id,
          status: 'ended',
          leftOn: '2026-03-17',
          erased: true,
          fullName: res.body.fullName,
        }),
      ]);
      expect(ended.items[0].rut).toBeUndefined();
      expect((await roster(officer, a.id)).total).toBe(2);
      expect((await roster(officer, a.id, { q: 'ramon' })).total).toBe(0);
      const history = (await member(officer, a.id, m.body.id).expect(200)).body.history as { action: string }[];
      expect(history.map((h) => h.action)).toEqual(['joined', 'person_erased']);
      expect((await member(officer, a.id, keep.id).expect(200)).body.status).toBe('active');
      // erased data cannot be edited back in
      expect(
        (
          await ctx.http
            .patch(`/api/v1/associations/${a.id}/members/${m.body.id}`)
            .set(bearer(officer))
            .send({ email: 'otra@example.cl' })
        ).status,
      ).toBe(422);
    });

    it("DOM-DATA-2: erasing a Peruvian member late in the evening ends the membership on the date in Lima (not Santiago's)", async () => {
      const pe = await ctx.newAssociation({
        communeCode: 'PE-130102',
        kind: 'soup_kitchen',
        name: 'Comedor Popular Señor de los Milagros',
        recognisedBy: 'Municipalidad Distrital de El Porvenir',
        recognisedOn: '2025-08-01',
      });
      const m = await add(peruOfficer, pe.id, {
        dni: '47654321',
        fullName: 'Juana Mendoza Ríos',
        birthDate: '1980-01-01',
        joinedOn: '2026-03-01',
      }).expect(201);
      ctx.clock.set('2026-03-18T03:30:00Z'); // 22:30 on the 17th in Lima, 00:30 on the 18th in Santiago
      const peruToken = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', 'PE-130102']] }));
      await ctx.http
        .post(`/api/v1/people/${m.body.personId}/erase`)
        .set(bearer(peruToken))
        .send({ reason: 'Solicitud 12' })
        .expect(200);
      const [row] = await ctx.query(
        `SELECT status, to_char(left_on, 'YYYY-MM-DD') AS left_on FROM membership WHERE id = $1`,
        [m.body.id],
      );
      expect(row).toEqual({ status: 'ended', left_on: '2026-03-17' });
    });
  });

  describe('DOM-DATA-2 across communes', () => {
    it("DOM-DATA-2: a person with organisations in two communes is erased by the administration, not by one commune's officer", async () => {
      const serena = await ctx.newAssociation({ name: 'Agrupación de Artesanos de La Serena' });
      const melipilla = await ctx.newAssociation({
        communeCode: '13501',
        name: 'Agrupación de Artesanos de Melipilla',
      });
      const rut = Factories.uniqueRut();
      const m = await ctx.newMember(serena.id, { rut, fullName: 'Teresa Alvarado Pinto' });
      await ctx.newMember(melipilla.id, { rut, fullName: 'Teresa Alvarado Pinto' });
      const refused = await ctx.http
        .post(`/api/v1/people/${m.personId}/erase`)
        .set(bearer(officer))
        .send({ reason: 'Solicitud 7' });
      expect(refused.status).toBe(403);
      expect(problem(refused).detail).toContain('otras comunas');
      expect(await ctx.query(`SELECT erased_at FROM person WHERE id = $1`, [m.personId])).toEqual([
        { erased_at: null },
      ]);
      const admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
      await ctx.http
        .post(`/api/v1/people/${m.personId}/erase`)
        .set(bearer(admin))
        .send({ reason: 'Solicitud 7' })
        .expect(200);
      expect(
        await ctx.query(`SELECT count(*)::int AS n FROM membership WHERE person_id = $1 AND status <> 'ended'`, [
          m.personId,
        ]),
      ).toEqual([{ n: 0 }]);
    });
  });

  describe("a member's life in the roster", () => {
    it("suspend, reactivate and end, each with its date, reason and author in the member's history (GET member)", async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación de Pescadores Artesanales' });
      const m = await add(officer, a.id, {
        rut: Factories.uniqueRut(),
        fullName: 'Sergio Muñoz Rivera',
        birthDate: '1970-10-10',
        joinedOn: '2026-03-01',
      }).expect(201);
      const path = `/api/v1/associations/${a.id}/members/${m.body.id}`;
      const noReason = await ctx.http.post(`${path}/suspend`).set(bearer(officer)).send({ on: '2026-03-05' });
      expect([noReason.status, [...new Set(problem(noReason).errors?.map((e) => e.field))]]).toEqual([400, ['reason']]);
      const suspended = await ctx.http
        .post(`${path}/suspend`)
        .set(bearer(officer))
        .send({ on: '2026-03-05', reason: 'Cuotas impagas' })
        .expect(200);
      expect(suspended.body.status).toBe('suspended');
      expect(await association(a.id)).toMatchObject({ membersActive: 0, membersSuspended: 1 });
      expect((await ctx.http.post(`${path}/suspend`).set(bearer(officer)).send({ reason: 'otra vez' })).status).toBe(
        422,
      );
      expect(
        (
          await ctx.http
            .post(`${path}/reactivate`)
            .set(bearer(officer))
            .send({ on: '2026-03-08', reason: 'Pagó sus cuotas' })
            .expect(200)
        ).body.status,
      ).toBe('active');

      const beforeJoin = await ctx.http
        .post(`${path}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-02-28', reason: 'Renuncia' });
      expect([beforeJoin.status, problem(beforeJoin).errors?.map((e) => e.field)]).toEqual([400, ['leftOn']]);
      const future = await ctx.http
        .post(`${path}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-03-18', reason: 'Renuncia' });
      expect([future.status, problem(future).errors?.map((e) => e.field)]).toEqual([400, ['leftOn']]);
      const ended = await ctx.http
        .post(`${path}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-03-16', reason: 'Renuncia voluntaria' })
        .expect(200);
      expect(ended.body).toMatchObject({ status: 'ended', leftOn: '2026-03-16', endReason: 'Renuncia voluntaria' });
      const again = await ctx.http
        .post(`${path}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-03-16', reason: 'otra vez' });
      expect([again.status, problem(again).code]).toEqual([422, 'MEMBERSHIP_STATUS']);

      const got = await member(officer, a.id, m.body.id).expect(200);
      expect(got.body).toMatchObject({ id: m.body.id, status: 'ended', leftOn: '2026-03-16' });
      expect(got.body.history).toEqual([
        expect.objectContaining({ action: 'joined', effectiveOn: '2026-03-01', by: 'Carolina Rojas Vega' }),
        expect.objectContaining({
          action: 'suspended',
          effectiveOn: '2026-03-05',
          by: 'Carolina Rojas Vega',
          reason: 'Cuotas impagas',
        }),
        expect.objectContaining({ action: 'reactivated', effectiveOn: '2026-03-08', reason: 'Pagó sus cuotas' }),
        expect.objectContaining({ action: 'ended', effectiveOn: '2026-03-16', reason: 'Renuncia voluntaria' }),
      ]);
      const audit = await ctx.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`,
        [m.body.id],
      );
      expect(audit.map((r) => r.action)).toEqual([
        'member.added',
        'member.suspended',
        'member.reactivated',
        'member.ended',
      ]);
      expect(await association(a.id)).toMatchObject({ membersActive: 0, membersSuspended: 0, membersEnded: 1 });

      // the member page shows the same history to people
      const { agent } = await ctx.signIn(officerUser);
      const page = await agent.get(`/organizaciones/${a.id}/socios/${m.body.id}`).expect(200);
      const historyHtml = page.text.slice(page.text.indexOf('id="history"'));
      for (const text of [
        '01-03-2026',
        'Cuotas impagas',
        'Pagó sus cuotas',
        'Renuncia voluntaria',
        '16-03-2026',
        'Carolina Rojas Vega',
      ])
        expect(historyHtml).toContain(text);
      expect(page.text).not.toContain('id="end-form"');
    });

    it('ending a member through the member page form: the page shows the refusal on leftOn, then the ended status', async () => {
      const a = await ctx.newAssociation({ name: 'Club de Cueca Tradicional' });
      const m = await ctx.newMember(a.id, { fullName: 'Elena Rivera Toro' });
      const { agent, csrf } = await ctx.signIn(officerUser);
      const pagePath = `/organizaciones/${a.id}/socios/${m.id}`;
      const refused = await agent
        .post(`${pagePath}/terminar`)
        .type('form')
        .send({ _csrf: await csrf(pagePath), leftOn: '2026-02-01', reason: 'Renuncia' });
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(
        /id="leftOn-error"[^>]*>La fecha de retiro \(leftOn\) no puede ser anterior a la fecha de ingreso \(01-03-2026\)/,
      );
      expect((await member(officer, a.id, m.id).expect(200)).body.status).toBe('active');
      const done = await agent
        .post(`${pagePath}/terminar`)
        .type('form')
        .send({ _csrf: await csrf(pagePath), leftOn: '2026-03-10', reason: 'Renuncia' });
      expect(done.status).toBe(303);
      expect((await agent.get(pagePath).expect(200)).text).toMatch(/id="member-status">[^<]*(Terminad|Retirad|Ex)/i);
    });

    it('adding someone already active (or suspended) in this roster is 409; after they left, they can join again with a new membership and the old one kept', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación de Ferias Libres' });
      const rut = Factories.uniqueRut();
      const person = { rut, fullName: 'Héctor Bravo Lillo', birthDate: '1961-06-06', joinedOn: '2026-02-01' };
      const first = await add(officer, a.id, person).expect(201);
      const before = await written();
      const twice = await add(officer, a.id, { ...person, rut: rut.replace('-', ''), joinedOn: '2026-03-01' });
      expectRefusal(twice, 409, 'ALREADY_MEMBER', 'rut');
      await ctx.http
        .post(`/api/v1/associations/${a.id}/members/${first.body.id}/suspend`)
        .set(bearer(officer))
        .send({ reason: 'Ausencias' })
        .expect(200);
      const after = await written();
      expect((await add(officer, a.id, { ...person, joinedOn: '2026-03-01' })).status).toBe(409);
      expect(await written()).toEqual(after);
      expect(Number(after.membership)).toBe(Number(before.membership));

      await ctx.http
        .post(`/api/v1/associations/${a.id}/members/${first.body.id}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-03-05', reason: 'Renuncia' })
        .expect(200);
      const back = await add(officer, a.id, { ...person, joinedOn: '2026-03-10' });
      expect(back.status).toBe(201);
      expect(back.body.id).not.toBe(first.body.id);
      expect(back.body.personId).toBe(first.body.personId);
      const all = await roster(officer, a.id);
      expect(all.items.map((m) => [m.id, m.status])).toEqual([
        [back.body.id, 'active'],
        [first.body.id, 'ended'],
      ]);
    });
  });
});
