import { createTestApp, TestContext } from '../support/test-app';
import { Factories } from '../factories/factories';

const problem = (res: { text: string }) => JSON.parse(res.text) as { status: number; code?: string; detail: string; errors: { field: string; message: string }[] };

describe('registry of organisations (API)', () => {
  let ctx: TestContext;
  let officer: string;
  let otherOfficer: string;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    officer = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    otherOfficer = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '13501']] }));
  });
  afterAll(() => ctx.close());

  it('DOM-ORG-1: creates an association in formation with its first status change recorded (who, when, why)', async () => {
    const res = await ctx.http.post('/api/v1/associations').set('Authorization', `Bearer ${officer}`).send({ communeCode: '04101', kind: 'functional_organization', name: 'Barrio Comercial Centro', area: 'urban', address: 'Prat 450' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'in_formation', communeCode: '04101', membersActive: 0, foundersMinimum: 15, warnings: [] });
    expect(res.body.statusHistory).toEqual([expect.objectContaining({ from: null, to: 'in_formation', reason: expect.stringContaining('formación') })]);
    expect(res.body.statusHistory[0].by).toBeTruthy();
    const got = await ctx.http.get(`/api/v1/associations/${res.body.id}`).set('Authorization', `Bearer ${officer}`).expect(200);
    expect(got.body.name).toBe('Barrio Comercial Centro');
    // an officer of another commune: 404, as for something that does not exist
    const other = await ctx.http.get(`/api/v1/associations/${res.body.id}`).set('Authorization', `Bearer ${otherOfficer}`);
    expect(other.status).toBe(404);
  });

  it('DOM-RUT-2: a wrong check digit is refused on the rut field in Spanish and nothing is saved', async () => {
    const a = await ctx.newAssociation();
    const people = await ctx.count('person');
    const res = await ctx.http.post(`/api/v1/associations/${a.id}/members`).set('Authorization', `Bearer ${officer}`).send({ rut: '12.345.678-9', fullName: 'Ana Pérez', birthDate: '1980-01-02', joinedOn: '2026-03-01' });
    expect(res.status).toBe(400);
    expect(problem(res).errors).toEqual([{ field: 'rut', message: expect.stringContaining('dígito verificador') }]);
    expect(await ctx.count('person')).toBe(people);
    const ok = await ctx.http.post(`/api/v1/associations/${a.id}/members`).set('Authorization', `Bearer ${officer}`).send({ rut: '12.345.678-5', fullName: 'Ana Pérez', birthDate: '1980-01-02', joinedOn: '2026-03-01' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ rut: '12345678-5', documentType: 'rut', status: 'active' });
  });

  it('imports a CSV all or nothing', async () => {
    const a = await ctx.newAssociation();
    const bad = 'rut,fullName,birthDate,email,phone,address,businessName,businessCategory,joinedOn\n11.111.111-1,Uno,1970-01-01,,,,,,2026-01-01\n22222222-3,Dos,1970-01-01,,,,,,2026-01-01\n';
    const res = await ctx.http.post(`/api/v1/associations/${a.id}/members/import`).set('Authorization', `Bearer ${officer}`).set('Content-Type', 'text/csv').send(bad);
    expect(res.status).toBe(422);
    expect(problem(res).code).toBe('IMPORT_INVALID');
    expect(res.body.errors ?? problem(res).errors).toEqual([expect.objectContaining({ field: 'rut', message: expect.stringContaining('Línea 3') })]);
    const good = bad.replace('22222222-3', '22222222-2');
    const ok = await ctx.http.post(`/api/v1/associations/${a.id}/members/import`).set('Authorization', `Bearer ${officer}`).set('Content-Type', 'text/csv').send(good);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ imported: 2 });
    const csv = await ctx.http.get(`/api/v1/associations/${a.id}/members.csv`).set('Authorization', `Bearer ${officer}`).expect(200);
    expect(csv.text).toContain('rut,fullName');
    expect(Factories.uniqueRut()).toMatch(/-/);
  });
});
