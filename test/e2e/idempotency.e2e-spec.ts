import * as http from 'node:http';
import { Factories } from '../factories/factories';
import { createTestApp, TestContext } from '../support/test-app';
import { bearer, problem } from '../support/api-problem';

/**
 * Issue 22 item 2: no duplicate after a lost answer. An API POST with an Idempotency-Key runs once per caller and
 * key within 24 hours; a page form that creates something carries a one-time id with the same effect.
 */
describe('requests that run once', () => {
  let ctx: TestContext;
  let associationId: string;
  let officerUser: { id: string; email: string; password: string };
  let officer: string;

  beforeAll(async () => {
    ctx = await createTestApp({ listen: true, env: { LOGIN_RATE_LIMIT: '1000' } });
    associationId = (await ctx.newAssociation({ name: 'Agrupación de Comerciantes del Barrio Estación' })).id;
    officerUser = await ctx.newUser({ roles: [['association_officer', associationId]] });
    officer = await ctx.apiToken(officerUser);
  });
  afterAll(() => ctx.close());

  const members = async () =>
    Number(
      (
        await ctx.query<{ n: string }>('SELECT count(*) AS n FROM membership WHERE association_id = $1', [
          associationId,
        ])
      )[0].n,
    );
  const newMember = (rut = Factories.uniqueRut()) => ({
    rut,
    fullName: 'Rosa Elena Tapia Muñoz',
    birthDate: '1979-04-12',
    joinedOn: '2026-03-01',
  });
  const post = (body: object, key?: string, token = officer) => {
    const req = ctx.http.post(`/api/v1/associations/${associationId}/members`).set(bearer(token));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };

  /** The officer's browser on the new-member page: its session, the form's CSRF token and one-time id. */
  const openNewMemberForm = async () => {
    const { agent } = await ctx.signIn(officerUser);
    const page = await agent.get(`/organizaciones/${associationId}/socios/nuevo`).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const formId = /name="_form" value="([^"]+)"/.exec(page.text)![1];
    return { agent, csrf, formId };
  };

  it('the same key and body twice: one member, the second answer is the first one replayed', async () => {
    const before = await members();
    const body = newMember();
    const first = await post(body, 'alta-rosa-0001');
    expect(first.status).toBe(201);
    const again = await post(body, 'alta-rosa-0001');
    expect(again.status).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await members()).toBe(before + 1);
  });

  it('the answer lost on the way (the client hung up): the retry gets it, and nothing is created twice', async () => {
    const before = await members();
    const body = JSON.stringify(newMember());
    const url = new URL(`${ctx.baseUrl}/api/v1/associations/${associationId}/members`);
    // the request reaches the server, and the client goes away before the answer
    await new Promise<void>((resolve) => {
      const req = http.request(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': 'alta-perdida-0002',
          Authorization: `Bearer ${officer}`,
        },
      });
      req.on('error', () => resolve());
      req.end(body, () => setTimeout(() => req.destroy(), 5));
      req.on('close', () => resolve());
    });
    for (let i = 0; i < 50 && (await members()) === before; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await members()).toBe(before + 1); // the write committed although its client saw a socket error
    const retry = await ctx.http
      .post(url.pathname)
      .set(bearer(officer))
      .set('Idempotency-Key', 'alta-perdida-0002')
      .set('Content-Type', 'application/json')
      .send(body);
    expect([retry.status, retry.headers['idempotency-replayed']]).toEqual([201, 'true']);
    expect(await members()).toBe(before + 1);
  });

  it('the same key sent twice at once: one member', async () => {
    const before = await members();
    const body = newMember();
    const answers = await Promise.all([post(body, 'alta-doble-0003'), post(body, 'alta-doble-0003')]);
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([201]));
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(await members()).toBe(before + 1);
  });

  it('the same key with another body: 422 IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
    await post(newMember(), 'alta-otra-0004').expect(201);
    const before = await members();
    const res = await post(newMember(), 'alta-otra-0004');
    expect([res.status, problem(res).code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await members()).toBe(before);
  });

  it('a first request refused (400) leaves no key: the corrected request with the same key is saved', async () => {
    const before = await members();
    const refused = await post({ ...newMember(), birthDate: '31-02-1980' }, 'alta-corregida-0005');
    expect(refused.status).toBe(400);
    expect(await members()).toBe(before);
    await post(newMember(), 'alta-corregida-0005').expect(201);
    expect(await members()).toBe(before + 1);
  });

  it("keys are each caller's own, and a key past its 24 hours is a new key", async () => {
    const other = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', associationId]] }));
    const before = await members();
    await post(newMember(), 'alta-compartida-0006').expect(201);
    const theirs = await post(newMember(), 'alta-compartida-0006', other);
    expect([theirs.status, theirs.headers['idempotency-replayed']]).toEqual([201, undefined]);
    expect(await members()).toBe(before + 2);
    await ctx.query(
      `UPDATE request_key SET created_at = now() - interval '25 hours' WHERE key = 'alta-compartida-0006'`,
    );
    await post(newMember(), 'alta-compartida-0006').expect(201);
    expect(await members()).toBe(before + 3);
  });

  it('a key that is not 8 to 200 visible ASCII characters is a 400 naming the header', async () => {
    const before = await members();
    const res = await post(newMember(), 'corta');
    expect([res.status, problem(res).errors?.[0].field]).toEqual([400, 'Idempotency-Key']);
    expect(await members()).toBe(before);
  });

  it('the OpenAPI document explains the header', async () => {
    const doc = (await ctx.http.get('/api/docs-json').expect(200)).body as { info: { description: string } };
    expect(doc.info.description).toContain('Idempotency-Key');
  });

  it('a page form sent twice (the browser resent it) creates one member and sends both to the same page', async () => {
    const { agent, csrf, formId } = await openNewMemberForm();
    const before = await members();
    const fields = { _csrf: csrf, _form: formId, ...newMember() };
    const first = await agent.post(`/organizaciones/${associationId}/socios/nuevo`).type('form').send(fields);
    expect(first.status).toBe(303);
    const second = await agent.post(`/organizaciones/${associationId}/socios/nuevo`).type('form').send(fields);
    expect([second.status, second.headers.location]).toEqual([303, first.headers.location]);
    expect(await members()).toBe(before + 1);
  });

  it('a double click (the same form twice at once): both answers lead to the one member created', async () => {
    const { agent, csrf, formId } = await openNewMemberForm();
    const before = await members();
    const fields = { _csrf: csrf, _form: formId, ...newMember() };
    const send = () => agent.post(`/organizaciones/${associationId}/socios/nuevo`).type('form').send(fields);
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.location).toBe(b.headers.location);
    expect(await members()).toBe(before + 1);
  });

  it('a page form refused for its input keeps no id: corrected and sent again, it is saved', async () => {
    const { agent, csrf, formId } = await openNewMemberForm();
    const before = await members();
    const refused = await agent
      .post(`/organizaciones/${associationId}/socios/nuevo`)
      .type('form')
      .send({ _csrf: csrf, _form: formId, ...newMember('11.111.111-2') });
    expect(refused.status).toBe(400);
    const saved = await agent
      .post(`/organizaciones/${associationId}/socios/nuevo`)
      .type('form')
      .send({ _csrf: csrf, _form: formId, ...newMember() });
    expect(saved.status).toBe(303);
    expect(await members()).toBe(before + 1);
  });
});
