import { Logger } from '@nestjs/common';
import { Factories } from '../factories/factories';
import { createTestApp, TestContext } from '../support/test-app';
import { bearer, problem } from '../support/api-problem';

/**
 * Issue 22 items 4 and 6: a request body is refused at parsing when it is too deep, names a prototype, or holds
 * bytes that are not UTF-8; the answer is a 400 naming the field (problem+json or the Spanish page with its
 * layout), never a 500, and nothing is written.
 */
describe('request bodies at the door', () => {
  let ctx: TestContext;
  let associationId: string;
  let officer: string;
  const errors: unknown[] = [];

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    const a = await ctx.newAssociation({ name: 'Junta de Vecinos Las Compañías' });
    associationId = a.id;
    officer = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', a.id]] }));
    // every error-level log line of the app's loggers (a refused body is a 4xx: at most a warning)
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args);
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await ctx.close();
  });

  const memberCount = async () =>
    Number(
      (
        await ctx.query<{ n: string }>('SELECT count(*) AS n FROM membership WHERE association_id = $1', [
          associationId,
        ])
      )[0].n,
    );

  const deepJson = (levels: number, leaf = '1') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);

  it('JSON nested 5,000 levels deep to the token endpoint, signed out: 400 problem, no 500', async () => {
    const res = await ctx.http
      .post('/api/v1/auth/tokens')
      .set('Content-Type', 'application/json')
      .send(`{"email":"x@example.cl","password":"clave-de-prueba-123","extra":${deepJson(5000)}}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(problem(res).code).toBe('BODY_TOO_DEEP');
    expect(problem(res).detail).toContain('niveles de anidamiento');
  });

  it('100,000 nested arrays on the members endpoint: 400, nothing written', async () => {
    const before = await memberCount();
    const res = await ctx.http
      .post(`/api/v1/associations/${associationId}/members`)
      .set(bearer(officer))
      .set('Content-Type', 'application/json')
      .send(`{"rut":"${Factories.uniqueRut()}","fullName":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(res.status).toBe(400);
    expect(problem(res).code).toBe('BODY_TOO_DEEP');
    expect(await memberCount()).toBe(before);
  });

  it('a form with 200 nested brackets gets the Spanish 400 page with its layout, and no error-level log', async () => {
    errors.length = 0;
    const res = await ctx.http
      .post('/ingresar')
      .type('form')
      .send(`email=a%40b.cl&password=x&${'a' + '[b]'.repeat(200)}=1`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('<html lang="es-CL"'); // the real layout, not the bare fallback
    expect(res.text).toContain('demasiados niveles de anidamiento');
    expect(errors).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'a JSON body with the key %s is refused as an unknown field, nothing written',
    async (key) => {
      const before = await memberCount();
      const res = await ctx.http
        .post(`/api/v1/associations/${associationId}/members`)
        .set(bearer(officer))
        .set('Content-Type', 'application/json')
        .send(
          `{"rut":"${Factories.uniqueRut()}","fullName":"Rosa Díaz Pérez","birthDate":"1980-01-01","joinedOn":"2026-03-01","${key}":{"isAdmin":true}}`,
        );
      expect(res.status).toBe(400);
      expect(problem(res).errors).toEqual([{ field: key, message: `El campo ${key} no está permitido.` }]);
      expect(await memberCount()).toBe(before);
    },
  );

  it('a form field named constructor[x] is refused too (400 page naming it)', async () => {
    const res = await ctx.http.post('/ingresar').type('form').send('email=a%40b.cl&password=x&constructor[x]=1');
    expect(res.status).toBe(400);
    expect(res.text).toContain('El campo constructor no está permitido.');
  });

  it('a control character in a path parameter is refused naming the parameter, not the body', async () => {
    const res = await ctx.http.get('/api/v1/people/%00').set(bearer(officer));
    expect(res.status).toBe(400);
    expect(problem(res).errors).toEqual([
      { field: 'id', message: 'El campo id contiene caracteres de control no permitidos.' },
    ]);
  });

  it('a prototype key in the query string is refused', async () => {
    const res = await ctx.http.get('/api/v1/associations?constructor[x]=1').set(bearer(officer));
    expect(res.status).toBe(400);
    expect(problem(res).code).toBe('UNKNOWN_FIELD');
  });

  it('invalid UTF-8 in a JSON body is a 400 naming the field, never stored as U+FFFD', async () => {
    const before = await memberCount();
    const body = Buffer.concat([
      Buffer.from(
        `{"rut":"${Factories.uniqueRut()}","birthDate":"1980-01-01","joinedOn":"2026-03-01","fullName":"Rosa D`,
      ),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('az"}'),
    ]);
    const res = await ctx.http
      .post(`/api/v1/associations/${associationId}/members`)
      .set(bearer(officer))
      .set('Content-Type', 'application/json')
      .serialize((b: unknown) => b as string) // the bytes as they are, not a JSON-serialized Buffer
      .send(body as unknown as string);
    expect(res.status).toBe(400);
    expect(problem(res).code).toBe('INVALID_ENCODING');
    expect(problem(res).errors?.[0].field).toBe('fullName');
    expect(problem(res).errors?.[0].message).toContain('UTF-8');
    expect(await memberCount()).toBe(before);
    const stored = await ctx.query<{ n: string }>(
      `SELECT count(*) AS n FROM person WHERE full_name LIKE '%' || chr(65533) || '%'`,
    );
    expect(Number(stored[0].n)).toBe(0);
  });

  it('a percent-encoded byte that is not UTF-8 in a form is a 400 naming the field', async () => {
    const res = await ctx.http.post('/ingresar').type('form').send('email=ana%FF%40example.cl&password=x');
    expect(res.status).toBe(400);
    expect(res.text).toContain('El campo email contiene bytes que no son texto UTF-8 válido.');
  });

  it('well-formed Spanish text still passes', async () => {
    const res = await ctx.http.post(`/api/v1/associations/${associationId}/members`).set(bearer(officer)).send({
      rut: Factories.uniqueRut(),
      fullName: 'Ñuñoa Güemes Ávila',
      birthDate: '1980-01-01',
      joinedOn: '2026-03-01',
    });
    expect(res.status).toBe(201);
  });
});
