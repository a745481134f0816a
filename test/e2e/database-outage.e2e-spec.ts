import * as http from 'node:http';
import { appBehindProxy, eventually } from '../support/app-behind-proxy';
import type { TcpProxy } from '../support/tcp-proxy';
import type { TestContext } from '../support/test-app';

jest.setTimeout(90_000); // the app learns of a silent database within seconds, not at once

/** A GET through a keep-alive agent: status, whether the socket was reused, and the time it took. */
function get(
  agent: http.Agent,
  url: string,
  cookie = '',
): Promise<{ status: number; reused: boolean; ms: number; location?: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          reused: req.reusedSocket,
          ms: Date.now() - started,
          location: res.headers.location,
        }),
      );
    });
    req.on('error', reject);
  });
}

/**
 * Issue 22 items 1 and 3: the database goes away (cut) or stops answering (stall) under a signed-in user, through a
 * TCP proxy the test controls (never by stopping the shared server). Nobody is signed out, a 503 is a complete
 * response on a connection that stays usable, requests get their 503 in under a second once the app knows, and
 * everything comes back by itself.
 */
describe('database outages', () => {
  let proxy: TcpProxy;
  let ctx: TestContext;
  let close: () => Promise<void>;
  let cookie: string;
  let sid: string;

  beforeAll(async () => {
    ({ ctx, proxy, close } = await appBehindProxy({ listen: true, env: { LOGIN_RATE_LIMIT: '1000' } }));
    const user = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    // signed in as a browser is: the login form's CSRF cookie and token, then the session cookie it sets
    const form = await ctx.http.get('/ingresar');
    const csrfCookies = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const login = await ctx.http
      .post('/ingresar')
      .set('Cookie', csrfCookies)
      .type('form')
      .send({ _csrf: token, email: user.email, password: user.password })
      .expect(303);
    const session = (login.headers['set-cookie'] as unknown as string[])
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('quorum.sid='))!;
    cookie = session;
    sid = decodeURIComponent(session.slice('quorum.sid='.length)).slice(2).split('.')[0];
  });
  afterAll(() => close());

  const sessionRows = async () =>
    Number((await ctx.query<{ n: string }>('SELECT count(*) AS n FROM user_session WHERE sid = $1', [sid]))[0].n);

  it('item 1: a session that cannot be loaded is a 503, and the user is still signed in afterwards', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(agent, `${ctx.baseUrl}/cuenta`, cookie)).status).toBe(200);
    expect(await sessionRows()).toBe(1);

    proxy.stall();
    const during = await get(agent, `${ctx.baseUrl}/cuenta`, cookie);
    expect(during.status).toBe(503); // not a redirect to the login page
    proxy.resume(); // the database answers again right after the 503

    await eventually(async () => expect((await get(agent, `${ctx.baseUrl}/cuenta`, cookie)).status).toBe(200));
    expect(await sessionRows()).toBe(1);
    agent.destroy();
  });

  it('item 1: during an outage a 503 is a complete response and the keep-alive connection stays usable', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(agent, `${ctx.baseUrl}/comunas`)).status).toBe(200);
    await proxy.cut();
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await get(agent, `${ctx.baseUrl}/cuenta`, cookie));
    answers.push(await get(agent, `${ctx.baseUrl}/comunas`));
    expect(answers.map((a) => a.status)).toEqual(Array(9).fill(503));
    expect(answers.map((a) => a.reused)).toEqual(Array(9).fill(true)); // one connection for all of them
    await proxy.restore();
    await eventually(async () => expect((await get(agent, `${ctx.baseUrl}/cuenta`, cookie)).status).toBe(200));
    expect(await sessionRows()).toBe(1);
    agent.destroy();
  });

  it('item 3: a database that accepts connections but never answers: once known, every request gets 503 in under a second, and it recovers alone', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    expect((await get(agent, `${ctx.baseUrl}/cuenta`, cookie)).status).toBe(200);
    proxy.stall();
    // the app learns it from its heartbeat (or the first request that meets it) within a few seconds
    await eventually(async () => {
      const r = await get(agent, `${ctx.baseUrl}/cuenta`, cookie);
      expect([r.status, r.ms < 1000]).toEqual([503, true]);
    }, 30_000);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => get(agent, `${ctx.baseUrl}/${i % 2 ? 'cuenta' : 'comunas'}`, cookie)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(16).fill(503));
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1000);
    // the API says so too, as a problem with Retry-After
    const api = await ctx.http.get('/api/v1/me');
    expect([api.status, api.headers['retry-after']]).toEqual([503, '5']);

    proxy.resume();
    await eventually(async () => expect((await get(agent, `${ctx.baseUrl}/cuenta`, cookie)).status).toBe(200));
    await ctx.http.get('/health/ready').expect(200);
    expect(await sessionRows()).toBe(1);
    agent.destroy();
  });
});
