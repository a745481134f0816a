import { createTestApp, TestContext } from '../support/test-app';
import { bearer, problem } from '../support/api-problem';
import { unescapeHtml } from '../support/page-text';

/**
 * Issue 16 item 6: the beneficiaries' and the fund calls' imports refuse a file in the reader's language (Spanish by
 * default, English with `?lang=en` or the `quorum_lang=en` cookie), each line's problem with its line number, in the
 * JSON API and on the import pages; and the fund feed's body says a bad organisation id in each language. The texts
 * live in src/programs/programs.messages.ts and src/events/funds/funds.messages.ts.
 */
describe("imports' and fund feeds' refusals in Spanish and English", () => {
  let ctx: TestContext;
  let admin: string;
  let programId: string;
  let officer: { id: string; email: string; password: string };

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
    programId = (
      await ctx.http
        .post('/api/v1/programs')
        .set(bearer(admin))
        .send({
          name: 'Almacenes de Barrio Coquimbo 2026',
          kind: 'individual',
          year: 2026,
          agencyName: 'Sercotec Coquimbo',
          regionCode: '04',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
        })
        .expect(201)
    ).body.id as string;
    officer = await ctx.newUser({ roles: [['program_officer', programId]] });
  });
  afterAll(() => ctx.close());

  it('a beneficiaries file with a missing and an unknown column, or without consent: English with ?lang=en, Spanish by default', async () => {
    const importFile = (query: string, content: string, consent = 'beneficiario-2026-12') =>
      ctx.http
        .post(`/api/v1/programs/${programId}/beneficiaries/import?consentTextVersion=${consent}${query}`)
        .set({ ...bearer(admin), 'Content-Type': 'text/csv' })
        .send(Buffer.from(content, 'utf8'));
    const file =
      'nombre;negocio;rubro;comuna;fecha de inscripción;color\nAna Soto;Almacén Ana;Almacén;04101;01-03-2026;rojo\n';
    const before = await ctx.count('program_beneficiary');

    const spanish = problem(await importFile('', file).expect(422));
    expect(spanish.code).toBe('IMPORT_INVALID');
    expect(spanish.detail).toBe(
      'El archivo no se importó: 2 problemas. Corrija cada línea indicada y vuelva a subirlo; no se guardó ninguna fila.',
    );
    expect(spanish.errors).toEqual([
      {
        line: 1,
        field: 'color',
        message: expect.stringMatching(/^Línea 1: La columna «color» no es una de la plantilla: rut, nombre, /),
      },
      { line: 1, field: 'rut', message: 'Línea 1: Falta la columna «rut» (o «dni»).' },
    ]);

    const english = problem(await importFile('&lang=en', file).expect(422));
    expect(english.code).toBe('IMPORT_INVALID');
    expect(english.detail).toBe(
      'The file was not imported: 2 problems. Correct each line shown and upload it again; no row was saved.',
    );
    expect(english.errors).toEqual([
      {
        line: 1,
        field: 'color',
        message: expect.stringMatching(/^Line 1: Column "color" is not one of the template's: rut, nombre, /),
      },
      { line: 1, field: 'rut', message: 'Line 1: Column "rut" (or "dni") is missing.' },
    ]);

    // a row without its RUT, and a row of an unknown sex: each line's problem in the reader's language
    const rows = [
      'rut;nombre;negocio;rubro;sexo;comuna;fecha de inscripción',
      ';Ana Soto Díaz;Almacén Ana;Almacén;femenino;04101;01-03-2026',
    ].join('\n');
    expect(problem(await importFile('', rows).expect(422)).errors).toEqual([
      { line: 2, field: 'rut', message: 'Línea 2: Falta el RUT (o el DNI).' },
    ]);
    const rowsEn = problem(await importFile('&lang=en', rows).expect(422));
    expect(rowsEn.detail).toBe(
      'The file was not imported: 1 problem. Correct each line shown and upload it again; no row was saved.',
    );
    expect(rowsEn.errors).toEqual([{ line: 2, field: 'rut', message: 'Line 2: The RUT (or the DNI) is missing.' }]);

    // the consent for the file, and an empty file
    expect(problem(await importFile('', 'rut,nombre\n', '').expect(422)).errors?.[0].message).toBe(
      'Línea 1: Registre el consentimiento de las personas del archivo (versión del texto que aceptaron).',
    );
    const consentEn = await ctx.http
      .post(`/api/v1/programs/${programId}/beneficiaries/import?consentTextVersion=`)
      .set({ ...bearer(admin), 'Content-Type': 'text/csv', Cookie: 'quorum_lang=en' })
      .send(Buffer.from('rut,nombre\n', 'utf8'))
      .expect(422);
    expect(problem(consentEn).errors?.[0].message).toBe(
      'Line 1: Record the consent of the people in the file (the version of the text they agreed to).',
    );
    expect(problem(await importFile('&lang=en', '').expect(422)).errors?.[0].message).toMatch(
      /^Line \d: The file is empty: use the template and add one row per person\.$/,
    );
    expect(await ctx.count('program_beneficiary')).toBe(before);
  });

  it('the beneficiaries import page lists each refused line in English with ?lang=en, in Spanish again with ?lang=es', async () => {
    const session = await ctx.signIn(officer);
    const upload = async (lang: string) => {
      const page = `/programas/${programId}/beneficiarios/importar${lang}`;
      return session.agent
        .post(page)
        .field('_csrf', await session.csrf(page))
        .field('consentTextVersion', 'beneficiario-2026-12')
        .attach('file', Buffer.from('rut,nombre,negocio,rubro,comuna\n', 'utf8'), 'beneficiarios.csv')
        .expect(422);
    };
    const english = unescapeHtml((await upload('?lang=en')).text);
    expect(english).toContain('The file was not imported: 1 problem.');
    expect(english).toContain('Line 1: Column "fecha de inscripcion" is missing.');
    expect(english).not.toContain('Falta la columna');
    const spanish = unescapeHtml((await upload('?lang=es')).text);
    expect(spanish).toContain('El archivo no se importó: 1 problema.');
    expect(spanish).toContain('Línea 1: Falta la columna «fecha de inscripcion».');
  });

  it('a fund calls file without a name, a year or a known owner sex: English with ?lang=en, Spanish by default', async () => {
    const template = (await ctx.http.get('/api/v1/fund-calls/template.csv').expect(200)).text.replace(/^\uFEFF/, '');
    const [header, example] = template.split(/\r?\n/);
    const cells = header.split(',');
    const values = example.split(',');
    const row = (changes: Record<string, string>) =>
      cells.map((c, i) => (c in changes ? `"${changes[c]}"` : values[i])).join(',');
    const file = [
      header,
      row({ nombre: '', año: '' }),
      row({ 'sexo de la persona titular': 'cualquiera' }),
      row({ nombre: 'Fondo de Fomento Gastronómico', categoría: 'Gastronomía' }),
    ].join('\n');
    const send = (query: string) =>
      ctx.http
        .post(`/api/v1/fund-calls/import${query}`)
        .set(bearer(admin))
        .set('Content-Type', 'text/csv')
        .send(file)
        .expect(422);
    const before = await ctx.count('fund_call');

    const spanish = problem(await send(''));
    expect(spanish.detail).toBe(
      'El archivo no se importó: 4 problemas. Corrija cada línea indicada y vuelva a subirlo; no se guardó ningún fondo.',
    );
    expect(spanish.errors).toEqual([
      { line: 2, field: 'name', message: 'Línea 2: Falta el nombre del fondo.' },
      { line: 2, field: 'year', message: 'Línea 2: Falta el año.' },
      { line: 3, field: 'ownerSex', message: 'Línea 3: El sexo de la persona titular debe ser mujeres u hombres.' },
      { line: 4, field: 'category', message: expect.stringMatching(/^Línea 4: La categoría «Gastronomía» no existe/) },
    ]);

    const english = problem(await send('?lang=en'));
    expect(english.detail).toBe(
      'The file was not imported: 4 problems. Correct each line shown and upload it again; no call was saved.',
    );
    expect(english.errors).toEqual([
      { line: 2, field: 'name', message: 'Line 2: The name of the call is missing.' },
      { line: 2, field: 'year', message: 'Line 2: The year is missing.' },
      {
        line: 3,
        field: 'ownerSex',
        message: 'Line 3: The sex of the owner must be women or men (mujeres or hombres).',
      },
      { line: 4, field: 'category', message: expect.stringMatching(/^Line 4: Category "Gastronomía" does not exist/) },
    ]);

    // a header without its columns
    const columns = problem(
      await ctx.http
        .post('/api/v1/fund-calls/import?lang=en')
        .set(bearer(admin))
        .set('Content-Type', 'text/csv')
        .send('institución,nombre,color\nSercotec,Fondo,rojo\n')
        .expect(422),
    );
    expect(columns.errors?.[0]).toMatchObject({
      line: 1,
      field: 'color',
      message: expect.stringMatching(/^Line 1: Column "color" is not one of the template's: institución, nombre, año/),
    });
    expect(columns.errors?.[1]).toEqual({ line: 1, field: 'year', message: 'Line 1: Column "año" is missing.' });
    // a file that is not UTF-8 (Latin-1 bytes): the reader's words for the file, in each language
    const latin1 = Buffer.from('instituci\xf3n,nombre\nSercotec,Fondo\n', 'latin1');
    const notUtf8 = (query: string) =>
      ctx.http
        .post(`/api/v1/fund-calls/import${query}`)
        .set(bearer(admin))
        .set('Content-Type', 'text/csv')
        .send(latin1)
        .expect(422);
    expect(problem(await notUtf8('?lang=en')).errors?.[0].message).toMatch(
      /^Line \d: The file is not in UTF-8: save it as "CSV UTF-8" and upload it again\.$/,
    );
    expect(problem(await notUtf8('')).errors?.[0].message).toMatch(
      /^Línea \d: El archivo no está en UTF-8: guárdelo como «CSV UTF-8» y vuelva a subirlo\.$/,
    );
    expect(await ctx.count('fund_call')).toBe(before);
  });

  it('the fund calls import page lists each refused line in English with ?lang=en, in Spanish again with ?lang=es', async () => {
    const session = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const template = (await ctx.http.get('/api/v1/fund-calls/template.csv').expect(200)).text.replace(/^\uFEFF/, '');
    const content = template.replace('Fondo de ejemplo (bórrelo)', '').replace(',2027,', ',,');
    const post = async (lang: string) => {
      const page = `/fondos/importar${lang}`;
      return session.agent
        .post(page)
        .type('form')
        .send({ _csrf: await session.csrf(page), content })
        .expect(422);
    };
    const english = unescapeHtml((await post('?lang=en')).text);
    expect(english).toContain('Line 2: The name of the call is missing.');
    expect(english).toContain('Line 2: The year is missing.');
    expect(english).not.toContain('Falta el nombre del fondo.');
    const spanish = unescapeHtml((await post('?lang=es')).text);
    expect(spanish).toContain('Línea 2: Falta el nombre del fondo.');
    expect(spanish).toContain('Línea 2: Falta el año.');
  });

  it('a fund feed for an id that is not an organisation: the field message in each language', async () => {
    const body = { associationId: 'no-es-un-id' };
    const english = await ctx.http.post('/api/v1/fund-feeds?lang=en').set(bearer(admin)).send(body).expect(400);
    expect(problem(english).errors).toEqual([
      { field: 'associationId', message: 'The organisation must be the id of an organisation.' },
    ]);
    const spanish = await ctx.http.post('/api/v1/fund-feeds').set(bearer(admin)).send(body).expect(400);
    expect(problem(spanish).errors).toEqual([
      { field: 'associationId', message: 'La organización debe ser el id de una organización.' },
    ]);
  });
});
