import { Factories } from '../factories/factories';
import { createTestApp, TestContext } from '../support/test-app';
import { bearer, problem } from '../support/api-problem';

/**
 * The shared person record and the roster's edges, as a careful reviewer attacked them: what one association
 * may do to a person it shares with others (DOM-ORG-15, DOM-DATA-1/2), and input that must never reach the
 * database as it came.
 */
describe('roster hardening', () => {
  let ctx: TestContext;
  let serenaOfficer: string;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    serenaOfficer = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
  });
  afterAll(() => ctx.close());

  const officerOf = async (associationId: string) =>
    ctx.apiToken(await ctx.newUser({ roles: [['association_officer', associationId]] }));

  it('DOM-ORG-15: another association adding an existing person does not overwrite the contacts the person already has', async () => {
    const first = await ctx.newAssociation({ name: 'Junta de Adelanto Caleta San Pedro' });
    const second = await ctx.newAssociation({ communeCode: '04102', name: 'Agrupación Folclórica Guayacán' });
    const rut = Factories.uniqueRut();
    const m = await ctx.newMember(first.id, {
      rut,
      fullName: 'Beatriz Rojas Vega',
      birthDate: '1975-05-05',
      email: 'bea@privado.cl',
      phone: '+56 9 7777 1111',
    });
    const other = await officerOf(second.id);
    await ctx.http
      .post(`/api/v1/associations/${second.id}/members`)
      .set(bearer(other))
      .send({
        rut,
        fullName: 'Beatriz Rojas Vega',
        birthDate: '1975-05-05',
        joinedOn: '2026-03-10',
        email: 'otro@example.cl',
        phone: '+56 9 0000 0000',
        address: 'Guayacán 12',
      })
      .expect(201);
    const [person] = await ctx.query<{ email: string; phone: string; address: string }>(
      `SELECT email, phone, address FROM person WHERE id = $1`,
      [m.personId],
    );
    expect(person).toEqual({ email: 'bea@privado.cl', phone: '+56 9 7777 1111', address: 'Guayacán 12' }); // only the missing address was filled
  });

  it("DOM-ORG-15: a former member's record is no longer edited, nor its current contacts shown, by the roster they left", async () => {
    const a = await ctx.newAssociation({ name: 'Club de Adulto Mayor Las Camelias' });
    const officer = await officerOf(a.id);
    const m = await ctx.newMember(a.id, { email: 'camelia@example.cl', phone: '+56 9 1212 3434' });
    await ctx.http
      .post(`/api/v1/associations/${a.id}/members/${m.id}/end`)
      .set(bearer(officer))
      .send({ leftOn: '2026-03-15', reason: 'Se cambió de ciudad' })
      .expect(200);
    const edit = await ctx.http
      .patch(`/api/v1/associations/${a.id}/members/${m.id}`)
      .set(bearer(officer))
      .send({ phone: '+56 9 9999 9999' });
    expect([edit.status, problem(edit).code]).toEqual([422, 'MEMBERSHIP_ENDED']);
    expect(await ctx.query(`SELECT phone FROM person WHERE id = $1`, [m.personId])).toEqual([
      { phone: '+56 9 1212 3434' },
    ]);
    const list = await ctx.http
      .get(`/api/v1/associations/${a.id}/members?status=ended`)
      .set(bearer(officer))
      .expect(200);
    expect(list.body.items[0]).toMatchObject({ id: m.id, status: 'ended', email: null, phone: null, address: null });
  });

  it("DOM-ORG-15: one commune's officer does not correct the RUT of a person who also belongs to organisations of another commune", async () => {
    const serena = await ctx.newAssociation({ name: 'Taller Laboral Las Compañías' });
    const coquimbo = await ctx.newAssociation({ communeCode: '04102', name: 'Taller Laboral Tierras Blancas' });
    const rut = Factories.uniqueRut();
    const m = await ctx.newMember(serena.id, { rut, fullName: 'Olga Pizarro Díaz' });
    await ctx.newMember(coquimbo.id, { rut, fullName: 'Olga Pizarro Díaz' });
    const res = await ctx.http
      .post(`/api/v1/people/${m.personId}/correction`)
      .set(bearer(serenaOfficer))
      .send({ rut: Factories.uniqueRut(), reason: 'Error de digitación' });
    expect(res.status).toBe(403);
    expect(await ctx.query(`SELECT document_number FROM person WHERE id = $1`, [m.personId])).toEqual([
      { document_number: rut },
    ]);
  });

  it("an association's board keeps its address and contacts, but its name and unidad vecinal are the municipality's to correct", async () => {
    const a = await ctx.newAssociation({
      kind: 'neighbourhood_council',
      name: 'Junta de Vecinos Villa Alemana Norte',
      neighbourhoodUnit: 'UV 30',
    });
    const officer = await officerOf(a.id);
    const rename = await ctx.http
      .patch(`/api/v1/associations/${a.id}`)
      .set(bearer(officer))
      .send({ name: 'Otro nombre' });
    expect(rename.status).toBe(403);
    await ctx.http
      .patch(`/api/v1/associations/${a.id}`)
      .set(bearer(officer))
      .send({ address: 'Sede nueva, Calle 5 #120', contactPhone: '+56 51 222 0000' })
      .expect(200);
    await ctx.http
      .patch(`/api/v1/associations/${a.id}`)
      .set(bearer(serenaOfficer))
      .send({ name: 'Junta de Vecinos Villa Alemana' })
      .expect(200);
  });

  it("an officer of another commune posting the add-member form gets 404 and never sees the association's name", async () => {
    const a = await ctx.newAssociation({ name: 'Agrupación Secreta de Prueba' });
    const outsider = await ctx.signIn(await ctx.newUser({ roles: [['municipal_officer', '13501']] }));
    const res = await outsider.agent
      .post(`/organizaciones/${a.id}/socios/nuevo`)
      .type('form')
      .send({ _csrf: await outsider.csrf() });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Agrupación Secreta de Prueba');
  });

  it('text with control characters (a NUL byte) is a 400 naming the field, in JSON, forms and imported files; nothing reaches the database', async () => {
    const a = await ctx.newAssociation();
    const people = await ctx.count('person');
    const json = await ctx.http.post(`/api/v1/associations/${a.id}/members`).set(bearer(serenaOfficer)).send({
      rut: Factories.uniqueRut(),
      fullName: 'Ana\u0000 Pérez',
      birthDate: '1980-01-01',
      joinedOn: '2026-03-01',
    });
    expect([json.status, problem(json).errors]).toEqual([
      400,
      [{ field: 'fullName', message: 'El campo fullName contiene caracteres de control no permitidos.' }],
    ]);
    const patch = await ctx.http
      .patch(`/api/v1/associations/${a.id}`)
      .set(bearer(serenaOfficer))
      .send({ description: 'hola\u0000' });
    expect(patch.status).toBe(400);
    const csv = `rut,fullName,birthDate,email,phone,address,businessName,businessCategory,joinedOn\n${Factories.uniqueRut()},Luis\u0000 Soto,1970-01-01,,,,,,2026-01-01\n`;
    const imported = await ctx.http
      .post(`/api/v1/associations/${a.id}/members/import`)
      .set(bearer(serenaOfficer))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(imported.status).toBe(422);
    expect(JSON.stringify(problem(imported).errors)).toContain('caracteres de control');
    expect(await ctx.count('person')).toBe(people);
  });

  it('a malformed member or import id is a 404, as for one that does not exist', async () => {
    const a = await ctx.newAssociation();
    await ctx.http
      .get(`/api/v1/associations/${a.id}/members/${'-'.repeat(36)}`)
      .set(bearer(serenaOfficer))
      .expect(404);
    await ctx.http
      .get(`/api/v1/associations/${a.id}/members/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz`)
      .set(bearer(serenaOfficer))
      .expect(404);
  });

  it('only the roster import accepts a large CSV body; elsewhere a body over 1 MB is a 413', async () => {
    const big = 'x'.repeat(2 * 1_048_576);
    const res = await ctx.http.post('/api/v1/auth/tokens').set('Content-Type', 'text/csv').send(big);
    expect(res.status).toBe(413);
  });
});
