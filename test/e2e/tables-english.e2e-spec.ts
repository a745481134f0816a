import { createTestApp, TestContext } from '../support/test-app';
import { bearer, problem } from '../support/api-problem';

/** Issue 16 item 6: the refusals of tables and sign-in in the reader's language, Spanish by default. */
describe('refusals of tables and sign-in in English (?lang=en) and Spanish (default)', () => {
  let ctx: TestContext;
  let laSerena: string;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    laSerena = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
  });
  afterAll(() => ctx.close());

  it('a table refused by its rules: the detail and each field message in English, the same in Spanish by default', async () => {
    const body = { kind: 'fiesta', name: 'Mesa de prueba', scopeLevel: 'commune', scopeCode: '04101' };
    const english = await ctx.http.post('/api/v1/tables?lang=en').set(bearer(laSerena)).send(body).expect(400);
    expect(problem(english)).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: 'Some fields have errors.',
      errors: [{ field: 'kind', message: 'The field kind must be security, productive_development or other.' }],
    });
    const spanish = await ctx.http.post('/api/v1/tables').set(bearer(laSerena)).send(body).expect(400);
    expect(problem(spanish)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'kind', message: 'El campo kind debe ser security, productive_development u other.' }],
    });

    // a region table is the administration's: the refusal's detail in each language, its code unchanged
    const region = { kind: 'security', name: 'Mesa regional', scopeLevel: 'region', scopeCode: '04' };
    const refusedEn = await ctx.http.post('/api/v1/tables?lang=en').set(bearer(laSerena)).send(region).expect(403);
    expect(problem(refusedEn)).toMatchObject({
      code: 'FORBIDDEN',
      detail: 'Province and region tables are created by the administration.',
    });
    const refusedEs = await ctx.http.post('/api/v1/tables').set(bearer(laSerena)).send(region).expect(403);
    expect(problem(refusedEs).detail).toBe('Las mesas provinciales y regionales las crea la administración.');
    expect(await ctx.count('mesa')).toBe(0);
  });

  it('a wrong password: the API and the sign-in form say so in English with ?lang=en, in Spanish by default', async () => {
    const user = await ctx.newUser();
    const wrong = { email: user.email, password: 'no-es-la-clave' };
    const english = await ctx.http.post('/api/v1/auth/tokens?lang=en').send(wrong).expect(401);
    expect(problem(english)).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      detail: 'The e-mail or the password is not correct.',
    });
    const spanish = await ctx.http.post('/api/v1/auth/tokens').send(wrong).expect(401);
    expect(problem(spanish).detail).toBe('El correo o la contraseña no son correctos.');

    const formEn = await ctx.openForm('/ingresar?lang=en');
    const pageEn = await formEn.submit('/ingresar?lang=en', wrong).expect(401);
    expect(pageEn.text).toContain('The e-mail or the password is not correct.');
    expect(pageEn.text).not.toContain('El correo o la contraseña no son correctos.');
    const formEs = await ctx.openForm('/ingresar');
    const pageEs = await formEs.submit('/ingresar', wrong).expect(401);
    expect(pageEs.text).toContain('El correo o la contraseña no son correctos.');
  });
});
