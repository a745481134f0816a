import { createTestApp, TestContext } from '../support/test-app';

describe('JSON API basics', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('GET /api/v1/communes lists communes with code, province, region, population and time zone', async () => {
    const res = await ctx.http.get('/api/v1/communes?q=serena').expect(200);
    expect(res.body).toEqual({
      items: [
        {
          code: '04101',
          name: 'La Serena',
          provinceCode: '041',
          regionCode: '04',
          population: 221054,
          timeZone: 'America/Santiago',
        },
      ],
      total: 1,
    });
    const magallanes = await ctx.http.get('/api/v1/communes?regionCode=12').expect(200);
    expect(magallanes.body.total).toBe(11);
    expect(new Set(magallanes.body.items.map((c: { timeZone: string }) => c.timeZone))).toEqual(
      new Set(['America/Punta_Arenas']),
    );
    const peru = await ctx.http.get('/api/v1/communes?regionCode=PE-13').expect(200);
    expect(peru.body.items.map((c: { code: string }) => c.code)).toContain('PE-130102');
  });

  it('answers bad query input with problem+json naming the field in Spanish', async () => {
    const res = await ctx.http.get('/api/v1/communes?regionCode=Coquimbo&role=admin').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'regionCode', message: 'El campo regionCode debe ser un código de región como 04 o PE-13.' },
        { field: 'role', message: 'El campo role no está permitido.' },
      ]),
    );
  });

  it('refuses request bodies over 1 MB with 413 and malformed JSON with 400', async () => {
    const big = JSON.stringify({ text: 'a'.repeat(1_100_000) });
    const tooLarge = await ctx.http.post('/api/v1/communes').set('Content-Type', 'application/json').send(big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers['content-type']).toMatch(/problem\+json/);
    const malformed = await ctx.http.post('/api/v1/communes').set('Content-Type', 'application/json').send('{"a":');
    expect(malformed.status).toBe(400);
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await ctx.http.get('/api/docs-json').expect(200);
    expect(doc.body.info.title).toBe('Quórum API');
    /** The document lists these paths (among others). */
    const expectPaths = (paths: string[]) => expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(paths));
    /** The JSON body of the path's operation is the named DTO's schema. */
    const expectBody = (path: string, method: 'post' | 'put', dto: RegExp) =>
      expect(doc.body.paths[path][method].requestBody.content['application/json'].schema.$ref).toMatch(dto);
    expectPaths(['/api/v1/communes', '/health/ready', '/health/live']);
    // the registry and roster contract of API.md
    expectPaths([
      '/api/v1/associations',
      '/api/v1/associations/{id}',
      '/api/v1/associations/{id}/members',
      '/api/v1/associations/{id}/members.csv',
      '/api/v1/associations/{id}/members/import',
      '/api/v1/associations/{id}/members/{memberId}/end',
      '/api/v1/people/{id}/export',
      '/api/v1/people/{id}/erase',
    ]);
    // the minutes and commitments contract (issue 8)
    expectPaths([
      '/api/v1/meetings/{id}/minutes',
      '/api/v1/meetings/{id}/minutes/approve',
      '/api/v1/meetings/{id}/minutes.pdf',
      '/api/v1/meetings/{id}/minutes/send',
      '/api/v1/associations/{id}/minutes',
      '/api/v1/associations/{id}/minutes/chain',
      '/api/v1/commitments',
      '/api/v1/commitments/{id}',
      '/api/v1/commitments/{id}/updates',
    ]);
    expectBody('/api/v1/meetings/{id}/minutes', 'put', /MinutesDto$/);
    expectBody('/api/v1/associations', 'post', /CreateAssociationDto$/);
    // the programs contract (issue 17, API.md phase 2)
    expectPaths([
      '/api/v1/programs',
      '/api/v1/programs/{id}',
      '/api/v1/programs/{id}/associations',
      '/api/v1/associations/{id}/program-consents',
      '/api/v1/associations/{id}/program-consents/{programId}',
      '/api/v1/programs/{id}/beneficiaries',
      '/api/v1/programs/{id}/beneficiaries/import',
      '/api/v1/programs/{id}/benefits',
      '/api/v1/programs/{id}/activities',
      '/api/v1/program-activities/{id}/attendance',
      '/api/v1/programs/{id}/portfolio',
      '/api/v1/programs/{id}/associations/{associationId}/report.pdf',
    ]);
    expectBody('/api/v1/programs', 'post', /ProgramDto$/);
    // the market venues contract (issue 19, API.md phase 2)
    expectPaths([
      '/api/v1/market-venues',
      '/api/v1/market-venues/{id}',
      '/api/v1/market-venues/{id}/applications',
      '/api/v1/market-venues/{id}/allocations',
      '/api/v1/market-venues/{id}/allocations/{month}',
    ]);
    expectBody('/api/v1/market-venues', 'post', /MarketVenueDto$/);
    // the market operations contract (issue 19, API.md phase 2: publish, cancel, attendance, schedule)
    expectPaths([
      '/api/v1/market-venues/{id}/allocations/{month}/publish',
      '/api/v1/market-slots/{id}/cancel',
      '/api/v1/market-slots/{id}/attendance',
      '/api/v1/market-venues/{id}/schedule.pdf',
    ]);
    expectBody('/api/v1/market-slots/{id}/cancel', 'post', /MarketCancelDto$/);
    // the fund calls contract (issue 18, API.md phase 2: calls, import, subscriptions, calendar addresses)
    expectPaths([
      '/api/v1/fund-calls',
      '/api/v1/fund-calls/{id}',
      '/api/v1/fund-calls/import',
      '/api/v1/fund-calls/template.{format}',
      '/api/v1/fund-calls/{id}/subscription',
      '/api/v1/fund-feeds',
      '/api/v1/fund-feeds/{id}',
    ]);
    expectBody('/api/v1/fund-calls', 'post', /FundCallDto$/);
    expect(Object.keys(doc.body.paths)).not.toContain('/mis-fondos');
    // the fund matching and applications contract (issue 18, API.md phase 2)
    expectPaths([
      '/api/v1/associations/{id}/fund-matches',
      '/api/v1/program-beneficiaries/{id}/fund-matches',
      '/api/v1/fund-calls/{id}/applications',
      '/api/v1/fund-applications/{id}',
      '/api/v1/associations/{id}/fund-applications',
      '/api/v1/associations/{id}/fund-declarations',
      '/api/v1/program-beneficiaries/{id}/fund-declarations',
    ]);
    expectBody('/api/v1/fund-calls/{id}/applications', 'post', /FundApplicationDto$/);
    expect(Object.keys(doc.body.paths)).not.toContain('/organizaciones');
    // HTML pages are not part of the API document
    expect(Object.keys(doc.body.paths)).not.toContain('/comunas');
    const ui = await ctx.http.get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('gives every response a request id (echoing a sane incoming one)', async () => {
    const res = await ctx.http.get('/health/live').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await ctx.http.get('/health/live').set('X-Request-Id', 'lb-abcdef123').expect(200);
    expect(echoed.headers['x-request-id']).toBe('lb-abcdef123');
    const refused = await ctx.http.get('/health/live').set('X-Request-Id', '<script>').expect(200);
    expect(refused.headers['x-request-id']).not.toBe('<script>');
  });
});
