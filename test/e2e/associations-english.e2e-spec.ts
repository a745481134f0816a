import { createTestApp, TestContext } from '../support/test-app';
import { Factories } from '../factories/factories';
import { bearer, problem } from '../support/api-problem';

/**
 * The associations' refusals in the reader's language (issue 16 item 6): Spanish by default, English with
 * `?lang=en` or the `quorum_lang=en` cookie, the numbers and names filled in the same, in the JSON API and on
 * the page forms. The texts live in src/associations/associations.messages.ts.
 */
type User = { id: string; email: string; password: string };

describe('associations: refusals in Spanish and English', () => {
  let ctx: TestContext;
  let officerUser: User;
  let officer: string;

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    officerUser = await ctx.newUser({ name: 'Carolina Rojas Vega', roles: [['municipal_officer', '04101']] });
    officer = await ctx.apiToken(officerUser);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('an API refusal with its numbers: Spanish by default, English with ?lang=en and with the cookie', async () => {
    const a = await ctx.newAssociation({ name: 'Club Deportivo Los Pinos' });
    // DOM-ORG-4: a functional organisation's members are 15 or older on joining
    const young = {
      rut: Factories.uniqueRut(),
      fullName: 'Tomás Araya Pérez',
      birthDate: '2014-05-04',
      joinedOn: '2026-03-01',
      guardianConsent: true,
      guardianName: 'Marta Pérez Soto',
    };
    const path = `/api/v1/associations/${a.id}/members`;

    const spanish = await ctx.http.post(path).set(bearer(officer)).send(young).expect(422);
    expect(problem(spanish)).toMatchObject({
      code: 'MEMBER_TOO_YOUNG',
      detail: 'La persona tenía 11 años al ingresar; el mínimo para esta organización es 15 años.',
      errors: [
        {
          field: 'birthDate',
          message: 'La persona tenía 11 años al ingresar; el mínimo para esta organización es 15 años.',
        },
      ],
    });

    const english = await ctx.http.post(`${path}?lang=en`).set(bearer(officer)).send(young).expect(422);
    expect(problem(english)).toMatchObject({
      code: 'MEMBER_TOO_YOUNG',
      detail: 'The person was 11 years old on joining; the minimum for this organisation is 15 years.',
      errors: [
        {
          field: 'birthDate',
          message: 'The person was 11 years old on joining; the minimum for this organisation is 15 years.',
        },
      ],
    });

    const cookie = await ctx.http
      .post(path)
      .set(bearer(officer))
      .set('Cookie', 'quorum_lang=en')
      .send({ ...young, rut: Factories.uniqueRut() })
      .expect(422);
    expect(problem(cookie).detail).toBe(problem(english).detail);
    expect((await ctx.http.get(path).set(bearer(officer)).expect(200)).body.total).toBe(0);
  });

  it("the DTOs' and the text rules' own messages in the reader's language: a date, an invisible character in a name, a RUT", async () => {
    const a = await ctx.newAssociation({ name: 'Comité de Adelanto Villa Lambert' });
    const members = `/api/v1/associations/${a.id}/members`;
    const post = (path: string, body: object, status: number) =>
      ctx.http.post(path).set(bearer(officer)).send(body).expect(status);

    // CreateMemberDto: its date rule and the person-name rule
    const badMember = {
      rut: Factories.uniqueRut(),
      fullName: 'Ana\u200BPérez Soto',
      birthDate: 'ayer',
      joinedOn: '2026-03-01',
    };
    expect(problem(await post(members, badMember, 400)).errors).toEqual([
      {
        field: 'fullName',
        message:
          'El campo fullName (nombre completo) contiene caracteres invisibles (U+200B): escríbalo de nuevo sin copiarlo de otro documento.',
      },
      { field: 'birthDate', message: 'El campo birthDate debe ser una fecha (aaaa-mm-dd o dd-mm-aaaa).' },
    ]);
    expect(problem(await post(`${members}?lang=en`, badMember, 400)).errors).toEqual([
      {
        field: 'fullName',
        message:
          'The field fullName (full name) contains invisible characters (U+200B): type it again without copying it from another document.',
      },
      { field: 'birthDate', message: 'The field birthDate must be a date (yyyy-mm-dd or dd-mm-yyyy).' },
    ]);

    // CreateAssociationDto: a RUT whose check digit is wrong (DOM-RUT-2)
    const badRut = {
      communeCode: '04101',
      kind: 'functional_organization',
      name: 'Club de Ajedrez Torre Blanca',
      area: 'urban',
      address: 'Calle Cordovez 120, La Serena',
      rut: '12.345.678-9',
    };
    const spanishRut = problem(await post('/api/v1/associations', badRut, 400));
    expect(spanishRut.errors).toEqual([
      { field: 'rut', message: 'El dígito verificador del RUT (campo rut) no corresponde: revise el número.' },
    ]);
    const englishRut = problem(await post('/api/v1/associations?lang=en', badRut, 400));
    expect(englishRut.errors).toEqual([
      { field: 'rut', message: 'The check digit of the RUT (field rut) does not match: check the number.' },
    ]);

    // SuspendMemberDto: the date it takes effect
    const m = await ctx.newMember(a.id, { fullName: 'Rosa Varas Cortés' });
    const suspend = `${members}/${m.id}/suspend`;
    expect(problem(await post(suspend, { on: '31/12/2026', reason: 'Cuotas impagas' }, 400)).errors).toEqual([
      { field: 'on', message: 'El campo on debe ser una fecha (aaaa-mm-dd o dd-mm-aaaa).' },
    ]);
    expect(
      problem(await post(`${suspend}?lang=en`, { on: '31/12/2026', reason: 'Cuotas impagas' }, 400)).errors,
    ).toEqual([{ field: 'on', message: 'The field on must be a date (yyyy-mm-dd or dd-mm-yyyy).' }]);
    expect((await ctx.http.get(members).set(bearer(officer)).expect(200)).body.total).toBe(1);
  });

  it("a page form names the field by its label in the reader's language, the DTO's own message included", async () => {
    const a = await ctx.newAssociation({ name: 'Agrupación Folclórica Raíces' });
    const pagePath = `/organizaciones/${a.id}/socios/nuevo`;
    const { agent, csrf } = await ctx.signIn(officerUser);
    const form = {
      rut: Factories.uniqueRut(),
      fullName: 'Luis Araya Rojas',
      birthDate: 'ayer',
      joinedOn: '2026-03-01',
    };

    const spanish = await agent
      .post(pagePath)
      .type('form')
      .send({ _csrf: await csrf(pagePath), ...form });
    expect(spanish.status).toBe(400);
    expect(spanish.text).toMatch(
      /id="birthDate-error"[^>]*>El campo «Fecha de nacimiento» debe ser una fecha \(aaaa-mm-dd o dd-mm-aaaa\)\./,
    );

    // ?lang=en on the page sets the cookie the form's post then carries (read before the post is built)
    const token = await csrf(`${pagePath}?lang=en`);
    const english = await agent
      .post(pagePath)
      .type('form')
      .send({ _csrf: token, ...form });
    expect(english.status).toBe(400);
    expect(english.text).toMatch(
      /id="birthDate-error"[^>]*>The field “Date of birth” must be a date \(yyyy-mm-dd or dd-mm-yyyy\)\./,
    );
    expect(english.text).not.toContain('debe ser una fecha');
  });

  it('a refused roster import keeps each line in both languages', async () => {
    const a = await ctx.newAssociation({ name: 'Junta de Adelanto El Olivar' });
    const csv = [
      'rut,fullName,birthDate,email,phone,address,businessName,businessCategory,joinedOn',
      `${Factories.uniqueRut()},Ana Pérez Soto,1980-05-04,,,,,,2026-03-01`,
      `${Factories.uniqueRut()},,1980-05-04,,,,,,2026-03-01`,
    ].join('\n');
    const send = (query: string) =>
      ctx.http
        .post(`/api/v1/associations/${a.id}/members/import${query}`)
        .set(bearer(officer))
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(422);

    const spanish = problem(await send(''));
    expect(spanish.code).toBe('IMPORT_INVALID');
    expect(spanish.detail).toBe('No se importó ningún socio: hay 1 error en el archivo (línea 3).');
    expect(spanish.errors).toEqual([
      { line: 3, field: 'fullName', message: 'Línea 3: El campo fullName (nombre completo) es obligatorio.' },
    ]);

    const english = problem(await send('?lang=en'));
    expect(english.detail).toBe('No member was imported: there is 1 error in the file (line 3).');
    expect(english.errors).toEqual([
      { line: 3, field: 'fullName', message: 'Line 3: The field fullName (full name) is required.' },
    ]);
  });

  it('a page form refusal: the member page shows the leaving-date refusal in Spanish, and in English with the cookie', async () => {
    const a = await ctx.newAssociation({ name: 'Club de Cueca Tradicional' });
    const m = await ctx.newMember(a.id, { fullName: 'Elena Rivera Toro' });
    const pagePath = `/organizaciones/${a.id}/socios/${m.id}`;

    const { agent, csrf } = await ctx.signIn(officerUser);
    const spanish = await agent
      .post(`${pagePath}/terminar`)
      .type('form')
      .send({ _csrf: await csrf(pagePath), leftOn: '2026-02-01', reason: 'Renuncia' });
    expect(spanish.status).toBe(400);
    expect(spanish.text).toMatch(
      /id="leftOn-error"[^>]*>La fecha de retiro \(leftOn\) no puede ser anterior a la fecha de ingreso \(01-03-2026\)/,
    );

    // ?lang=en on a page sets the cookie the form's post then carries
    const token = await csrf(`${pagePath}?lang=en`);
    const english = await agent
      .post(`${pagePath}/terminar`)
      .type('form')
      .send({ _csrf: token, leftOn: '2026-02-01', reason: 'Renuncia' });
    expect(english.status).toBe(400);
    expect(english.text).toMatch(
      /id="leftOn-error"[^>]*>The leaving date \(leftOn\) cannot be before the joining date \(01-03-2026\)/,
    );
    expect(english.text).not.toContain('no puede ser anterior');

    // back to Spanish: the default comes back with ?lang=es
    const again = await agent
      .post(`${pagePath}/terminar?lang=es`)
      .type('form')
      .send({ _csrf: await csrf(pagePath), leftOn: '2026-02-01', reason: 'Renuncia' });
    expect(again.text).toContain(
      'La fecha de retiro (leftOn) no puede ser anterior a la fecha de ingreso (01-03-2026)',
    );
    expect((await ctx.http.get(`/api/v1/associations/${a.id}/members/${m.id}`).set(bearer(officer))).body.status).toBe(
      'active',
    );
  });
});
